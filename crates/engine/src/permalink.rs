//! A compact text encoding of a [`ScenarioDraft`], for the browser's storage (and later, URLs).
//!
//! JSON of a 10,000-task draft is megabytes, past what `localStorage` reliably holds; this format
//! is one line per task — `name<TAB>delay<TAB>steps` with steps as `w<ms>` (work) or `a<ms>`
//! (await) separated by spaces — about a fifth of that. Texts are stored exactly as typed (even
//! invalid ones), with `\`, tab, newline and space escaped.

use crate::scenario::{ScenarioDraft, StepDraft, StepKindDraft, TaskDraft};

/// The first line of every encoding, so a future format can be told apart.
pub const HEADER: &str = "ap-draft-1";

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
    out.push_str(HEADER);
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
            out.push(if s.kind == StepKindDraft::Work { 'w' } else { 'a' });
            escape(&s.ms, &mut out);
        }
    }
    out
}

/// Decodes what [`encode_draft`] wrote; an error says why (the caller falls back to a preset).
pub fn decode_draft(text: &str) -> Result<ScenarioDraft, String> {
    let mut lines = text.split('\n');
    if lines.next() != Some(HEADER) {
        return Err("not a saved scenario".into());
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
                    _ => return Err(format!("task {}: unknown step {s}", i + 1)),
                };
                Ok(StepDraft { kind, ms: unescape(&s[1..])? })
            })
            .collect::<Result<Vec<_>, String>>()?;
        tasks.push(TaskDraft { name: unescape(name)?, start_delay_ms: unescape(delay)?, steps });
    }
    Ok(ScenarioDraft { tasks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    #[test]
    fn drafts_round_trip_including_odd_text() {
        let d = ScenarioDraft {
            tasks: vec![
                TaskDraft {
                    name: "a b\t\\c\nd".into(),
                    start_delay_ms: " 1 2 ".into(),
                    steps: vec![
                        StepDraft { kind: StepKindDraft::Work, ms: "".into() },
                        StepDraft { kind: StepKindDraft::Wait, ms: "1e3 ms".into() },
                    ],
                },
                TaskDraft { name: "".into(), start_delay_ms: "".into(), steps: vec![] },
            ],
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
}
