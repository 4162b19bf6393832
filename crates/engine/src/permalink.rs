//! A compact text encoding of a [`ScenarioDraft`], for the browser's storage and for share links.
//!
//! JSON of a 10,000-task draft is megabytes, past what `localStorage` reliably holds; this format
//! is one line per task — `name<TAB>delay<TAB>steps` with steps as `w<ms>` (work) or `a<ms>`
//! (await) separated by spaces — about a fifth of that. Texts are stored exactly as typed (even
//! invalid ones), with `\`, tab, newline and space escaped.
//!
//! A share link ([`encode_link`] / [`decode_link`]) carries a [`SharedRun`]: the draft, the run
//! mode and the worker count, behind a version line, percent-encoded into the URL's fragment
//! (`#share=…`), so it never reaches a server. Decoding validates everything with the same rules
//! as the editor ([`ScenarioDraft::validate`]) and says which field is wrong and what is allowed.

use crate::scenario::{ScenarioDraft, StepDraft, StepKindDraft, TaskDraft};
use crate::sync::{ResourceDraft, ResourceKindDraft, Structure};
use std::fmt;

/// The first line of every encoding, so a future format can be told apart. A draft that uses
/// only work and wait steps is written in this first version, so older pages still open it.
pub const HEADER: &str = "ap-draft-1";
/// The first line of a draft with resources, a structure, or the steps that use them:
/// `ap-draft-2`, then `structure<TAB><key><TAB>resources<TAB><n>`, then `n` resource lines
/// `<kind letter><TAB>name<TAB>size<TAB>lock`, then the task lines as in version 1, where a step
/// other than work or wait is `~<label>:<text>` (the duration of a timeout, or the name or
/// message it takes).
pub const HEADER_2: &str = "ap-draft-2";

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            ' ' => out.push_str("\\s"),
            c => out.push(c),
        }
    }
}

fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut it = text.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match it.next() {
            Some('\\') => '\\',
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('s') => ' ',
            other => return Err(format!("bad escape \\{}", other.map(String::from).unwrap_or_default())),
        });
    }
    Ok(out)
}

/// Encodes a draft, keeping every text exactly as typed.
pub fn encode_draft(d: &ScenarioDraft) -> String {
    let mut out = String::with_capacity(16 + d.tasks.len() * 32);
    if d.is_classic() {
        out.push_str(HEADER);
    } else {
        out.push_str(HEADER_2);
        out.push_str(&format!("\nstructure\t{}\tresources\t{}", d.structure.key(), d.resources.len()));
        for r in &d.resources {
            out.push('\n');
            out.push(r.kind.code());
            for text in [&r.name, &r.size, &r.lock] {
                out.push('\t');
                escape(text, &mut out);
            }
        }
    }
    for t in &d.tasks {
        out.push('\n');
        escape(&t.name, &mut out);
        out.push('\t');
        escape(&t.start_delay_ms, &mut out);
        out.push('\t');
        for (k, s) in t.steps.iter().enumerate() {
            if k > 0 {
                out.push(' ');
            }
            match s.kind {
                StepKindDraft::Work => out.push('w'),
                StepKindDraft::Wait => out.push('a'),
                other => {
                    out.push('~');
                    out.push_str(other.label());
                    out.push(':');
                }
            }
            escape(if s.kind.has_ms() { &s.ms } else { &s.arg }, &mut out);
        }
    }
    out
}

/// Decodes what [`encode_draft`] wrote; an error says why (the caller falls back to a preset).
pub fn decode_draft(text: &str) -> Result<ScenarioDraft, String> {
    let mut lines = text.split('\n');
    let mut draft = ScenarioDraft::default();
    let v2 = text.starts_with(HEADER_2);
    match lines.next() {
        Some(HEADER) => {}
        Some(HEADER_2) => {
            let head = lines.next().unwrap_or("");
            let cols: Vec<&str> = head.split('\t').collect();
            let (structure, n) = match cols[..] {
                ["structure", key, "resources", n] => (
                    Structure::from_key(key).ok_or_else(|| format!("unknown structure {key}"))?,
                    n.parse::<usize>().map_err(|_| "a garbled resource count".to_string())?,
                ),
                _ => return Err("a garbled structure line".into()),
            };
            draft.structure = structure;
            for i in 0..n {
                let line = lines.next().ok_or_else(|| format!("resource {} is missing", i + 1))?;
                let cols: Vec<&str> = line.split('\t').collect();
                let [code, name, size, lock] = cols[..] else {
                    return Err(format!("resource {} is garbled", i + 1));
                };
                let mut chars = code.chars();
                let kind = match (chars.next().and_then(ResourceKindDraft::from_code), chars.next()) {
                    (Some(k), None) => k,
                    _ => return Err(format!("resource {}: unknown kind {code}", i + 1)),
                };
                draft.resources.push(ResourceDraft {
                    name: unescape(name)?,
                    kind,
                    size: unescape(size)?,
                    lock: unescape(lock)?,
                });
            }
        }
        _ => return Err("not a saved scenario".into()),
    }
    let mut tasks = Vec::new();
    for (i, line) in lines.enumerate() {
        let mut cols = line.split('\t');
        let (Some(name), Some(delay), Some(steps), None) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(format!("task {} is garbled", i + 1));
        };
        let steps = steps
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let kind = match s.as_bytes()[0] {
                    b'w' => StepKindDraft::Work,
                    b'a' => StepKindDraft::Wait,
                    b'~' if v2 => {
                        let (label, rest) = s[1..]
                            .split_once(':')
                            .ok_or_else(|| format!("task {}: unknown step {s}", i + 1))?;
                        let kind = StepKindDraft::from_label(label)
                            .filter(|k| !k.is_classic())
                            .ok_or_else(|| format!("task {}: unknown step {s}", i + 1))?;
                        let text = unescape(rest)?;
                        return Ok(if kind.has_ms() {
                            StepDraft::timed(kind, text)
                        } else {
                            StepDraft::named(kind, text)
                        });
                    }
                    _ => return Err(format!("task {}: unknown step {s}", i + 1)),
                };
                Ok(StepDraft::timed(kind, unescape(&s[1..])?))
            })
            .collect::<Result<Vec<_>, String>>()?;
        tasks.push(TaskDraft { name: unescape(name)?, start_delay_ms: unescape(delay)?, steps });
    }
    draft.tasks = tasks;
    Ok(draft)
}

pub use crate::run_mode::RunMode;

/// The version line of a share link's text whose draft is in the first format.
pub const LINK_HEADER: &str = "ap-link-1";
/// The version line of a share link whose draft uses resources or structure ([`HEADER_2`]); the
/// lines are the same, so an older page says it does not know version 2 rather than misreading it.
pub const LINK_HEADER_2: &str = "ap-link-2";
/// What a link's fragment starts with (after the `#`).
pub const LINK_PREFIX: &str = "share=";
/// Most workers a link may ask for. The page further limits it to the machine's cores.
pub const MAX_LINK_WORKERS: u32 = 1024;
/// Longest link text accepted, in characters: browsers cap URLs at about 2 MB.
pub const MAX_LINK_CHARS: usize = 2_000_000;

/// What a share link carries: the scenario as typed, the run mode and the worker count.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedRun {
    /// The scenario; a link is only made from (and only opened as) a valid one.
    pub draft: ScenarioDraft,
    /// The run mode.
    pub mode: RunMode,
    /// Workers for the parallel mode (`None`: the page's default).
    pub workers: Option<u32>,
}

/// Why a share link could not be opened: which part of it, and what is wrong or allowed.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkError {
    /// The part of the link: `link`, `version`, `mode`, `workers`, `scenario`, or a task's field.
    pub field: String,
    /// What is wrong with it, and what is allowed.
    pub problem: String,
}

impl LinkError {
    fn new(field: &str, problem: impl Into<String>) -> Self {
        Self { field: field.to_string(), problem: problem.into() }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

/// Percent-encodes `text` as `encodeURIComponent` does: only `A-Z a-z 0-9 - _ . ~` stay as they are.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses [`percent_encode`] (and accepts any other `%XX` escape); errors name the position.
pub fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => out.push(b),
                None => return Err(format!("a broken %-escape at character {}", i + 1)),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "its text is not valid UTF-8".to_string())
}

/// The URL fragment (without `#`) that carries `run`.
pub fn encode_link(run: &SharedRun) -> String {
    let header = if run.draft.is_classic() { LINK_HEADER } else { LINK_HEADER_2 };
    let mut text = format!("{header}\nmode\t{}\n", run.mode.key());
    if let Some(w) = run.workers {
        text.push_str(&format!("workers\t{w}\n"));
    }
    text.push_str(&encode_draft(&run.draft));
    format!("{LINK_PREFIX}{}", percent_encode(&text))
}

/// The playground's address (its path and the link's fragment) that opens `run`.
pub fn playground_link(run: &SharedRun) -> String {
    format!("/playground#{}", encode_link(run))
}

/// The playground's address that opens `draft` in the concurrent mode with the page's default
/// workers: how a tour demo links to the scenario it ran.
pub fn draft_link(draft: &ScenarioDraft) -> String {
    playground_link(&SharedRun { draft: draft.clone(), mode: RunMode::Concurrent, workers: None })
}

/// The playground's address that opens the sync preset `id` ([`crate::sync_presets::by_id`]),
/// or `None` if there is no such preset.
pub fn preset_link(id: &str) -> Option<String> {
    crate::sync_presets::by_id(id).map(|p| draft_link(&p.draft))
}

/// Whether a URL fragment (with or without its `#`) is a share link at all. Other fragments
/// (an anchor on the page) are none of the link decoder's business.
pub fn is_link(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(LINK_PREFIX)
}

/// Opens a share link's fragment (with or without its `#`): decodes it, checks the version, the
/// mode, the workers (1 to [`MAX_LINK_WORKERS`]) and validates the scenario as the editor does.
pub fn decode_link(fragment: &str) -> Result<SharedRun, LinkError> {
    let body = fragment
        .trim_start_matches('#')
        .strip_prefix(LINK_PREFIX)
        .ok_or_else(|| LinkError::new("link", format!("it does not start with #{LINK_PREFIX}")))?;
    if body.len() > MAX_LINK_CHARS {
        return Err(LinkError::new(
            "link",
            format!("it is {} characters long; at most {MAX_LINK_CHARS} are accepted", body.len()),
        ));
    }
    let text = percent_decode(body).map_err(|e| LinkError::new("link", format!("it is damaged: {e}")))?;
    let mut rest = text.as_str();
    let mut line = || -> &str {
        let (l, r) = rest.split_once('\n').unwrap_or((rest, ""));
        rest = r;
        l
    };
    let version = line();
    if version != LINK_HEADER && version != LINK_HEADER_2 {
        let problem = match version.strip_prefix("ap-link-") {
            Some(v) => format!("version {v} is not known here; this page opens version 1 and 2 links"),
            None => "it is not an Async Playground share link (no version line)".to_string(),
        };
        return Err(LinkError::new("version", problem));
    }
    let mode_line = line();
    let mode =
        mode_line.strip_prefix("mode\t").ok_or_else(|| LinkError::new("mode", "missing")).and_then(|m| {
            RunMode::from_key(m).ok_or_else(|| {
                LinkError::new("mode", format!("\"{m}\" is not one of sequential, concurrent, parallel"))
            })
        })?;
    let mut workers = None;
    if let Some(w) = rest.strip_prefix("workers\t") {
        let (w, r) = w.split_once('\n').unwrap_or((w, ""));
        rest = r;
        let n = crate::fields::whole(w, 1, MAX_LINK_WORKERS).map_err(|e| LinkError::new("workers", e))?;
        workers = Some(n);
    }
    let draft = decode_draft(rest).map_err(|e| LinkError::new("scenario", format!("it is damaged: {e}")))?;
    if let Err(errors) = draft.validate() {
        let first = &errors[0];
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more problem{})", n - 1, if n == 2 { "" } else { "s" }),
        };
        let field = match first.task {
            Some(t) => format!("scenario, task {}", t + 1),
            None => "scenario".to_string(),
        };
        // FieldError's text names the field and the allowed range, e.g. "Step 1 must be at most …".
        let problem = first.to_string();
        let problem = problem.split_once(": ").map_or(problem.clone(), |(_, p)| p.to_string());
        return Err(LinkError::new(&field, format!("{problem}{more}")));
    }
    Ok(SharedRun { draft, mode, workers })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::presets;

    #[test]
    fn a_preset_link_opens_that_preset_concurrently() {
        for p in crate::sync_presets::all() {
            let link = preset_link(p.id).expect("a preset has a link");
            let fragment = link.strip_prefix("/playground#").expect("the playground's address");
            let run = decode_link(fragment).expect("the link opens");
            assert_eq!(run.draft, p.draft, "{}", p.id);
            assert_eq!(run.mode, RunMode::Concurrent);
            assert_eq!(run.workers, None);
        }
        assert_eq!(preset_link("no-such-preset"), None);
    }

    #[test]
    fn drafts_round_trip_including_odd_text() {
        let d = ScenarioDraft {
            tasks: vec![
                TaskDraft {
                    name: "a b\t\\c\nd".into(),
                    start_delay_ms: " 1 2 ".into(),
                    steps: vec![
                        StepDraft::timed(StepKindDraft::Work, ""),
                        StepDraft::timed(StepKindDraft::Wait, "1e3 ms"),
                    ],
                },
                TaskDraft { name: "".into(), start_delay_ms: "".into(), steps: vec![] },
            ],
            ..Default::default()
        };
        assert_eq!(decode_draft(&encode_draft(&d)).unwrap(), d);
        assert_eq!(decode_draft(&encode_draft(&ScenarioDraft::default())).unwrap(), ScenarioDraft::default());
    }

    /// Guards the storage budget: the 10,000-task preset must fit comfortably in localStorage.
    #[test]
    fn the_largest_preset_stays_small() {
        let d = presets::by_id("ten-thousand").unwrap().scenario.to_draft();
        let text = encode_draft(&d);
        assert!(text.len() < 1_500_000, "{} bytes", text.len());
        assert_eq!(decode_draft(&text).unwrap(), d);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(decode_draft("").is_err());
        assert!(decode_draft("{\"tasks\":[]}").is_err());
        assert!(decode_draft("ap-draft-1\nonly-a-name").is_err());
        assert!(decode_draft("ap-draft-1\nt\t0\tx5").is_err());
        assert!(decode_draft("ap-draft-1\nt\t0\\q\t").is_err());
    }

    fn shared(mode: RunMode, workers: Option<u32>) -> SharedRun {
        SharedRun { draft: presets::by_id("hog-and-waiter").unwrap().scenario.to_draft(), mode, workers }
    }

    /// A tiny deterministic generator, so "random input never panics" needs no new dependency.
    pub(crate) struct XorShift(pub u64);

    impl XorShift {
        pub(crate) fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn links_round_trip_scenario_mode_and_workers() {
        for (mode, workers) in
            [(RunMode::Concurrent, None), (RunMode::Parallel, Some(3)), (RunMode::Sequential, Some(1))]
        {
            let run = shared(mode, workers);
            let link = encode_link(&run);
            assert!(is_link(&link) && is_link(&format!("#{link}")));
            assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%=".contains(&b)), "{link}");
            assert_eq!(decode_link(&format!("#{link}")).unwrap(), run);
        }
        // Odd names and fractional times survive exactly.
        let mut run = shared(RunMode::Concurrent, None);
        run.draft.tasks[0].name = "ünï cødé & spaces #1 %41".into();
        run.draft.tasks[1].start_delay_ms = "12.5".into();
        assert_eq!(decode_link(&encode_link(&run)).unwrap(), run);
        for p in presets::all().into_iter().filter(|p| p.id != "ten-thousand") {
            let run = SharedRun { draft: p.scenario.to_draft(), mode: RunMode::Parallel, workers: Some(2) };
            assert_eq!(decode_link(&encode_link(&run)).unwrap(), run, "{}", p.id);
        }
    }

    #[test]
    fn bad_links_name_the_field_and_what_is_allowed() {
        let err = |frag: &str| decode_link(frag).unwrap_err();
        assert_eq!(err("#nothing").field, "link");
        assert_eq!(err("#share=%ZZ").field, "link");
        assert!(err("#share=%ZZ").problem.contains("damaged"));
        assert_eq!(err("#share=%FF%FE").problem, "it is damaged: its text is not valid UTF-8");
        assert_eq!(
            err("#share=ap-link-9%0A").problem,
            "version 9 is not known here; this page opens version 1 and 2 links"
        );
        assert_eq!(err("#share=hello").field, "version");

        let good = encode_link(&shared(RunMode::Parallel, Some(2)));
        let text = percent_decode(good.strip_prefix(LINK_PREFIX).unwrap()).unwrap();
        let relink = |t: String| format!("{LINK_PREFIX}{}", percent_encode(&t));
        let e = err(&relink(text.replace("mode\tparallel", "mode\tfast")));
        assert_eq!(
            (e.field.as_str(), e.problem.as_str()),
            ("mode", "\"fast\" is not one of sequential, concurrent, parallel")
        );
        let e = err(&relink(text.replace("workers\t2", "workers\t0")));
        assert_eq!((e.field.as_str(), e.problem.as_str()), ("workers", "must be from 1 to 1024"));
        let e = err(&relink(text.replace("workers\t2", "workers\tmany")));
        assert_eq!(e.field, "workers");
        // An out-of-range step: the editor's own rule and range.
        let e = err(&relink(text.replace("w300", "w99999")));
        assert_eq!(e.to_string(), "scenario, task 1: Step 1 must be at most 10000 ms");
        let e = err(&relink(text.replace("w300", "w-1").replacen("a50", "aabc", 1)));
        assert!(e.problem.ends_with("(and 1 more problem)"), "{e}");
        let e = err(&relink(text.replace("\t0\t", "\t0\t\t")));
        assert_eq!(e.field, "scenario");
    }

    /// Guards "nothing panics": random text, random bytes and damaged real links only ever
    /// give an error or a valid scenario that round-trips.
    #[test]
    fn random_and_damaged_links_never_panic() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let good = encode_link(&shared(RunMode::Parallel, Some(2)));
        let alphabet: Vec<char> = "share=%0A9Fap-link-1\tmodeworkers\n wa#é".chars().collect();
        for round in 0..5_000 {
            let text: String = if round % 2 == 0 {
                let n = (rng.next() % 80) as usize;
                (0..n).map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize]).collect()
            } else {
                let mut b = good.clone().into_bytes();
                for _ in 0..1 + rng.next() % 4 {
                    let i = (rng.next() % b.len() as u64) as usize;
                    b[i] = (rng.next() % 128) as u8;
                }
                String::from_utf8_lossy(&b).into_owned()
            };
            if let Ok(run) = decode_link(&text) {
                assert!(run.draft.validate().is_ok());
                assert_eq!(decode_link(&encode_link(&run)).unwrap(), run);
            }
            let _ = decode_draft(&text);
        }
    }
}
