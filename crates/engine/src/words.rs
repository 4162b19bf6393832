//! Small helpers for the words the page puts around numbers: a count with the noun that agrees
//! with it, and the name of the Python a snippet is written in.

/// `"1 task"`, `"2 tasks"`, `"0 tasks"`: a count with the word that agrees with it.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The time a long run has left, in words ("about 3 min left"), estimated from its pace so far:
/// `elapsed_ms` for `done` of `total` steps. `None` while the estimate would mean nothing (under
/// 2 s in, under 5 % done, or done) and for runs that will end within 5 s anyway.
pub fn time_left(elapsed_ms: f64, done: usize, total: usize) -> Option<String> {
    if total == 0 || done >= total || elapsed_ms < 2_000.0 || (done as f64) < total as f64 * 0.05 {
        return None;
    }
    let left_ms = elapsed_ms * (total - done) as f64 / done as f64;
    let s = left_ms / 1000.0;
    match s {
        s if s < 5.0 => None,
        s if s < 60.0 => Some(format!("about {:.0} s left", (s / 5.0).round().max(1.0) * 5.0)),
        s if s < 3_600.0 => Some(format!("about {:.0} min left", (s / 60.0).round().max(1.0))),
        s => Some(format!("about {:.1} h left", s / 3_600.0)),
    }
}

/// The caption for a Python snippet, from the modules it imports: `"Python (asyncio)"`,
/// `"Python (threading)"`, `"Python (multiprocessing)"`, several joined with "and", or
/// `"Python"` when it imports none of them.
pub fn python_caption(code: &str) -> String {
    let imports = |module: &str| {
        code.lines().map(str::trim_start).any(|l| {
            l.starts_with(&format!("import {module}"))
                || l.starts_with(&format!("from {module} import"))
                || l.starts_with(&format!("from {module}."))
                || (l.starts_with("import ") && l.split([',', ' ']).any(|w| w == module))
        })
    };
    let used: Vec<&str> = ["asyncio", "threading", "multiprocessing", "concurrent.futures"]
        .into_iter()
        .filter(|m| imports(m))
        .collect();
    match used.len() {
        0 => "Python".into(),
        n => format!(
            "Python ({})",
            if n == 1 {
                used[0].to_string()
            } else {
                format!("{} and {}", used[..n - 1].join(", "), used[n - 1])
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_says_its_time_left_once_its_pace_is_known() {
        // Too early, too little done, nearly done, or done: no guess.
        assert_eq!(time_left(1_000.0, 500, 1_000), None);
        assert_eq!(time_left(10_000.0, 10, 1_000), None);
        assert_eq!(time_left(10_000.0, 990, 1_000), None);
        assert_eq!(time_left(10_000.0, 1_000, 1_000), None);
        // 30 s for a tenth: 270 s, about 5 min; 20 s for half: 20 s.
        assert_eq!(time_left(30_000.0, 100, 1_000).as_deref(), Some("about 5 min left"));
        assert_eq!(time_left(20_000.0, 500, 1_000).as_deref(), Some("about 20 s left"));
        assert_eq!(time_left(3_600_000.0, 100, 1_000).as_deref(), Some("about 9.0 h left"));
    }

    #[test]
    fn plurals_agree_with_their_count() {
        assert_eq!(plural(1, "task", "tasks"), "1 task");
        assert_eq!(plural(0, "task", "tasks"), "0 tasks");
        assert_eq!(plural(2, "worker", "workers"), "2 workers");
    }

    #[test]
    fn a_snippet_is_captioned_by_what_it_imports() {
        assert_eq!(python_caption("import asyncio\n\nasync def main(): ..."), "Python (asyncio)");
        assert_eq!(python_caption("import threading\nimport time\n"), "Python (threading)");
        assert_eq!(python_caption("from multiprocessing import Pool\n"), "Python (multiprocessing)");
        assert_eq!(python_caption("import time, threading\n"), "Python (threading)");
        assert_eq!(
            python_caption("import threading\nfrom multiprocessing import Process\n"),
            "Python (threading and multiprocessing)"
        );
        assert_eq!(python_caption("print('hi')  # asyncio is not imported"), "Python");
    }
}
