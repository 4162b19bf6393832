//! Small helpers for the words the page puts around numbers: a count with the noun that agrees
//! with it, and the name of the Python a snippet is written in.

/// `"1 task"`, `"2 tasks"`, `"0 tasks"`: a count with the word that agrees with it.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
