//! What the page keeps in the browser's storage, versioned: every entry starts with a line
//! `ap-store-<version> <kind>`, so a later format can be told apart and an older one migrated.
//!
//! Version 1 (before this module) had no envelope: the draft was [`encode_draft`]'s text (it
//! starts with `ap-draft-1`) and the mode was a bare name like `concurrent`. Both still load,
//! reported as migrated from version 1; the page then saves them in the current format.
//! An entry that cannot be read is an error with a reason: the page shows it and keeps the text
//! under [`backup_key`] rather than wiping it.

use crate::permalink::{decode_draft, encode_draft, RunMode};
use crate::scenario::ScenarioDraft;

/// The version this module writes for every entry but a draft with resources.
pub const STORE_VERSION: u32 = 2;
/// The version of a draft entry whose draft uses resources, a structure or their steps (its
/// payload is an `ap-draft-2` text), so an older page says the entry is newer than it reads.
pub const STORE_VERSION_SYNC: u32 = 3;
/// What every current entry's first line starts with.
const STORE_PREFIX: &str = "ap-store-";

/// A value read from storage, and the version it was stored in.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded<T> {
    /// The value, in today's form.
    pub value: T,
    /// The version it was stored in (less than [`STORE_VERSION`]: it was migrated).
    pub from_version: u32,
}

impl<T> Loaded<T> {
    /// Whether the entry was in an older format (and should be saved again).
    pub fn migrated(&self) -> bool {
        self.from_version < STORE_VERSION
    }
}

/// Where a corrupt entry stored under `key` is set aside.
pub fn backup_key(key: &str) -> String {
    format!("{key}.backup")
}

fn envelope(kind: &str, payload: &str) -> String {
    envelope_v(STORE_VERSION, kind, payload)
}

fn envelope_v(version: u32, kind: &str, payload: &str) -> String {
    format!("{STORE_PREFIX}{version} {kind}\n{payload}")
}

/// The payload of a current entry of `kind`, `Ok(None)` if the text is not enveloped (an older
/// format), or an error for another kind or an unknown version.
fn open<'a>(text: &'a str, kind: &str) -> Result<Option<&'a str>, String> {
    let Some(head) = text.strip_prefix(STORE_PREFIX) else { return Ok(None) };
    let (first, payload) = head.split_once('\n').unwrap_or((head, ""));
    let (version, got) = first.split_once(' ').unwrap_or((first, ""));
    match version.parse::<u32>() {
        Ok(STORE_VERSION | STORE_VERSION_SYNC) if got == kind => Ok(Some(payload)),
        Ok(STORE_VERSION | STORE_VERSION_SYNC) => Err(format!("it holds a {got:?} entry, not a {kind}")),
        Ok(v) if v > STORE_VERSION_SYNC => Err(format!(
            "it was saved by a newer version of this page (format {v}; this one reads up to {STORE_VERSION_SYNC})"
        )),
        _ => Err(format!("its version line {:?} is not one this page wrote", first)),
    }
}

/// The draft's storage entry.
pub fn encode_draft_entry(d: &ScenarioDraft) -> String {
    let version = if d.is_classic() { STORE_VERSION } else { STORE_VERSION_SYNC };
    envelope_v(version, "draft", &encode_draft(d))
}

/// Reads a draft entry of any known version; texts stay as typed (the editor validates them).
pub fn decode_draft_entry(text: &str) -> Result<Loaded<ScenarioDraft>, String> {
    match open(text, "draft")? {
        Some(payload) => Ok(Loaded { value: decode_draft(payload)?, from_version: STORE_VERSION }),
        None => Ok(Loaded { value: decode_draft(text)?, from_version: 1 }),
    }
}

/// The run mode's storage entry.
pub fn encode_mode_entry(m: RunMode) -> String {
    envelope("mode", m.key())
}

/// Reads a mode entry of any known version.
pub fn decode_mode_entry(text: &str) -> Result<Loaded<RunMode>, String> {
    let (key, from_version) = match open(text, "mode")? {
        Some(payload) => (payload, STORE_VERSION),
        None => (text, 1),
    };
    RunMode::from_key(key.trim()).map(|value| Loaded { value, from_version }).ok_or_else(|| {
        format!(
            "{:?} is not one of sequential, concurrent, parallel",
            key.chars().take(40).collect::<String>()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn sample() -> ScenarioDraft {
        let mut d = presets::by_id("three-requests").unwrap().scenario.to_draft();
        d.tasks[0].start_delay_ms = "12x".into(); // invalid text is kept, as typed
        d
    }

    #[test]
    fn current_entries_round_trip() {
        let d = sample();
        let e = encode_draft_entry(&d);
        assert!(e.starts_with("ap-store-2 draft\nap-draft-1\n"), "{e}");
        assert_eq!(decode_draft_entry(&e), Ok(Loaded { value: d, from_version: 2 }));
        for m in RunMode::ALL {
            let got = decode_mode_entry(&encode_mode_entry(m)).unwrap();
            assert_eq!((got.value, got.migrated()), (m, false));
        }
    }

    /// Guards the migration path: what version 1 of the page stored still loads.
    #[test]
    fn version_one_entries_are_migrated() {
        let d = sample();
        let got = decode_draft_entry(&encode_draft(&d)).unwrap();
        assert!(got.migrated());
        assert_eq!((got.value, got.from_version), (d, 1));
        let got = decode_mode_entry("sequential").unwrap();
        assert_eq!((got.value, got.migrated()), (RunMode::Sequential, true));
    }

    #[test]
    fn corrupt_entries_are_errors_with_reasons() {
        assert_eq!(decode_draft_entry("{\"tasks\":[]}").unwrap_err(), "not a saved scenario");
        assert!(decode_draft_entry("ap-store-2 draft\nap-draft-1\nt\t0\tx5")
            .unwrap_err()
            .contains("unknown step"));
        assert!(decode_draft_entry("ap-store-7 draft\n").unwrap_err().contains("newer version"));
        assert!(decode_draft_entry("ap-store-2 mode\nconcurrent").unwrap_err().contains("not a draft"));
        assert!(decode_draft_entry("ap-store-x").unwrap_err().contains("version line"));
        assert!(decode_mode_entry("fast").unwrap_err().contains("not one of"));
        assert!(decode_mode_entry("ap-store-2 mode\nfast").is_err());
    }

    /// Guards "nothing panics" on whatever storage holds.
    #[test]
    fn random_entries_never_panic() {
        let mut rng = crate::permalink::tests::XorShift(0xDEAD_BEEF_1234_5678);
        let base = encode_draft_entry(&sample()).into_bytes();
        for _ in 0..5_000 {
            let mut b = base.clone();
            for _ in 0..1 + rng.next() % 6 {
                let i = (rng.next() % b.len() as u64) as usize;
                b[i] = (rng.next() % 128) as u8;
            }
            let text = String::from_utf8_lossy(&b);
            if let Ok(l) = decode_draft_entry(&text) {
                assert_eq!(decode_draft_entry(&encode_draft_entry(&l.value)).unwrap().value, l.value);
            }
            let _ = decode_mode_entry(&text);
        }
    }
}
