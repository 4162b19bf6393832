//! Every claim the tutorial makes, in our words, with the page whose demo measures it: the
//! chapter pages list their chapter's claims beside the value measured in the reader's browser,
//! and `/claims` gathers them all.
//!
//! A measured value is a [`Measured`]: the figure in words, whether the claim held, and when.
//! The browser keeps the latest per claim ([`encode_store`] / [`decode_store`]), so `/claims`
//! shows what each demo measured even after the reader moved on.

mod ch2;
mod ch3;
mod ch4;
mod ch5;
mod ch6;
mod ch7;
mod ch8;
mod ch9;

/// One claim of the tutorial.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TutorialClaim {
    /// Stable id: the tutorial's example and a word (`2_7-task-group`).
    pub id: &'static str,
    /// The chapter (2–9).
    pub chapter: u8,
    /// The tutorial's example it comes from (`2_7`), or `text` for a claim made in prose.
    pub example: &'static str,
    /// The claim, in our words.
    pub claim: &'static str,
    /// The number or outcome the tutorial gives (`"under 3.1 s"`).
    pub tutorial: &'static str,
    /// The tour page whose demo measures it (a lesson slug: `/learn/<slug>`).
    pub slug: &'static str,
    /// The sync preset (`crate::sync_presets`) whose run measures it, when one does: `/claims`
    /// can then measure it on the spot.
    pub preset: Option<&'static str>,
}

/// Every claim, chapter by chapter, in the tutorial's order.
pub fn all() -> Vec<TutorialClaim> {
    [ch2::CLAIMS, ch3::CLAIMS, ch4::CLAIMS, ch5::CLAIMS, ch6::CLAIMS, ch7::CLAIMS, ch8::CLAIMS, ch9::CLAIMS]
        .concat()
}

/// The claims of chapter `n`.
pub fn of_chapter(n: u8) -> Vec<TutorialClaim> {
    all().into_iter().filter(|c| c.chapter == n).collect()
}

/// The claim with this id.
pub fn by_id(id: &str) -> Option<TutorialClaim> {
    all().into_iter().find(|c| c.id == id)
}

/// What a demo measured for a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// The figure in words, as the page shows it ("3,012 ms: 1.00× the longest task").
    pub value: String,
    /// Whether the claim held in this run.
    pub holds: bool,
    /// When, in ms since the Unix epoch (`Date.now()`).
    pub at_ms: f64,
}

/// The browser's record of the latest measurement of each claim, as one string for storage: a
/// line per claim, `id`, `1`/`0`, time and value separated by tabs (a value's own tabs and line
/// breaks become spaces).
pub fn encode_store(entries: &[(String, Measured)]) -> String {
    entries
        .iter()
        .map(|(id, m)| {
            let value: String =
                m.value.chars().map(|c| if c == '\t' || c == '\n' { ' ' } else { c }).collect();
            format!("{id}\t{}\t{}\t{value}", u8::from(m.holds), m.at_ms)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads what [`encode_store`] wrote, skipping lines that do not parse or name no known claim
/// (a record from an older build).
pub fn decode_store(text: &str) -> Vec<(String, Measured)> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(4, '\t');
            let id = parts.next()?;
            let holds = match parts.next()? {
                "1" => true,
                "0" => false,
                _ => return None,
            };
            let at_ms = parts.next()?.parse::<f64>().ok().filter(|t| t.is_finite())?;
            let value = parts.next()?.to_string();
            by_id(id)?;
            Some((id.to_string(), Measured { value, holds, at_ms }))
        })
        .collect()
}

/// `entries` with `id`'s measurement replaced by `m` (added at the end if it was not there).
pub fn upsert(entries: &[(String, Measured)], id: &str, m: Measured) -> Vec<(String, Measured)> {
    let mut all = entries.to_vec();
    match all.iter_mut().find(|(i, _)| i == id) {
        Some(e) => e.1 = m,
        None => all.push((id.to_string(), m)),
    }
    all
}

/// A claim's check on a sync preset's run, as a [`Measured`]: every check of the preset must
/// hold; the value joins what each check measured.
pub fn from_preset_checks(results: &[Result<String, String>], at_ms: f64) -> Measured {
    let value = results.iter().map(|r| r.clone().unwrap_or_else(|e| e)).collect::<Vec<_>>().join("; ");
    Measured { value, holds: !results.is_empty() && results.iter().all(Result::is_ok), at_ms }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_claim_has_a_unique_id_a_chapter_page_and_words() {
        let all = all();
        let mut ids: Vec<_> = all.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "duplicate claim ids");
        for c in &all {
            assert!((2..=9).contains(&c.chapter), "{}", c.id);
            assert!(c.id.starts_with(&format!("{}_", c.chapter)) || c.example == "text", "{}", c.id);
            assert!(!c.claim.is_empty() && !c.tutorial.is_empty() && !c.slug.is_empty(), "{}", c.id);
        }
        for n in 2..=9 {
            assert!(!of_chapter(n).is_empty(), "chapter {n} has no claim");
            let slugs: Vec<_> = of_chapter(n).iter().map(|c| c.slug).collect();
            assert!(slugs.windows(2).all(|w| w[0] == w[1]), "chapter {n}'s claims name one page");
        }
    }

    #[test]
    fn a_claim_measured_by_a_preset_names_a_preset_that_exists() {
        for c in all() {
            if let Some(p) = c.preset {
                assert!(crate::sync_presets::by_id(p).is_some(), "{}: no preset {p}", c.id);
            }
        }
    }

    #[test]
    fn the_store_reads_back_what_it_wrote_and_skips_what_it_cannot_read() {
        let id = all()[0].id.to_string();
        let m = Measured { value: "3012 ms\tabout 1×\nthe longest".into(), holds: true, at_ms: 1.5e12 };
        let text = encode_store(&[(id.clone(), m)]);
        let back = decode_store(&format!("{text}\nno-such-claim\t1\t0\tx\n{id}\tyes\t0\tx\ngarbage"));
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].0, id);
        assert_eq!(back[0].1.value, "3012 ms about 1× the longest");
        assert!(back[0].1.holds);
        assert_eq!(back[0].1.at_ms, 1.5e12);
    }

    #[test]
    fn a_new_measurement_replaces_the_old_one() {
        let (a, b) = (all()[0].id, all()[1].id);
        let m = |v: &str| Measured { value: v.into(), holds: true, at_ms: 0.0 };
        let e = upsert(&upsert(&[], a, m("1")), b, m("2"));
        let e = upsert(&e, a, m("3"));
        assert_eq!(
            e.iter().map(|(i, m)| (i.as_str(), m.value.as_str())).collect::<Vec<_>>(),
            [(a, "3"), (b, "2")]
        );
    }

    #[test]
    fn a_preset_claim_holds_only_when_every_check_does() {
        let ok = from_preset_checks(&[Ok("a".into()), Ok("b".into())], 1.0);
        assert!(ok.holds);
        assert_eq!(ok.value, "a; b");
        let bad = from_preset_checks(&[Ok("a".into()), Err("c".into())], 1.0);
        assert!(!bad.holds);
        assert_eq!(bad.value, "a; c");
        assert!(!from_preset_checks(&[], 1.0).holds);
    }
}
