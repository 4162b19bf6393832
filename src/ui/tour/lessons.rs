//! The chapter-1 tour's lesson texts: markdown in `content/`, rendered to HTML at build time by
//! `build.rs`, which also takes each lesson's Python/Rust code pair out of the text.

/// One concept of the tour, as written in its markdown file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lesson {
    /// The URL slug: the page lives at `/learn/<slug>`.
    pub slug: &'static str,
    /// The heading.
    pub title: &'static str,
    /// One line for the tour map.
    pub summary: &'static str,
    /// The lesson text, rendered to HTML (without the code pair).
    pub body_html: &'static str,
    /// The Python asyncio snippet.
    pub python: &'static str,
    /// The equivalent Rust.
    pub rust: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// Every lesson, in tour order.
pub fn all() -> &'static [Lesson] {
    &LESSONS
}

/// The lesson at `slug` and its 0-based position.
pub fn find(slug: &str) -> Option<(usize, &'static Lesson)> {
    LESSONS.iter().enumerate().find(|(_, l)| l.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_parses_with_its_code_pair_taken_out_of_the_text() {
        for l in all() {
            assert!(!l.title.is_empty() && !l.summary.is_empty(), "{}", l.slug);
            assert!(l.body_html.contains("<p>"), "{}", l.slug);
            assert!(!l.body_html.contains("language-python"), "{}: python left in the text", l.slug);
            assert!(!l.body_html.contains("language-rust"), "{}: rust left in the text", l.slug);
            assert!(l.python.lines().count() > 3 && l.rust.lines().count() > 3, "{}", l.slug);
        }
    }

    /// Guards the correction of the tutorial: async is turn-taking, not simultaneous.
    #[test]
    fn the_first_lesson_says_tasks_take_turns() {
        let l = find("nonblocking").unwrap().1;
        assert!(l.body_html.contains("take turns"));
        assert!(find("thread-vs-process").unwrap().1.body_html.contains("copied"));
        assert!(find("gil").unwrap().1.body_html.contains("only one thread runs Python code"));
    }
}
