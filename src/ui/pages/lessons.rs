//! The chapter-1 tour: the lesson texts (markdown in `content/`, compiled in with `include_str!`
//! and rendered with pulldown-cmark at run time) and one page component per concept.
//!
//! A lesson file starts with a small header between `---` lines (`title:` and `summary:`), then
//! markdown. Its first ```` ```python ```` and first ```` ```rust ```` code blocks are taken out of
//! the text and shown side by side as the lesson's code pair.

pub mod concurrency_parallelism;
pub mod coroutines;
pub mod event_loops;
pub mod gil;
pub mod nonblocking;
pub mod thread_vs_process;

use pulldown_cmark::{html, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// One concept of the tour, as written in its markdown file.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The URL slug: the page lives at `/learn/<slug>`.
    pub slug: &'static str,
    /// The heading.
    pub title: String,
    /// One line for the tour map.
    pub summary: String,
    /// The lesson text, rendered to HTML (without the code pair).
    pub body_html: String,
    /// The Python asyncio snippet.
    pub python: String,
    /// The equivalent Rust.
    pub rust: String,
}

/// The tour, in order: (slug, markdown source).
pub const SOURCES: [(&str, &str); 6] = [
    ("nonblocking", include_str!("../../../content/nonblocking.md")),
    ("thread-vs-process", include_str!("../../../content/thread-vs-process.md")),
    ("concurrency-vs-parallelism", include_str!("../../../content/concurrency-vs-parallelism.md")),
    ("gil", include_str!("../../../content/gil.md")),
    ("event-loops", include_str!("../../../content/event-loops.md")),
    ("coroutines", include_str!("../../../content/coroutines.md")),
];

/// Parses one lesson file. Panics name the file: the sources are compiled in and tested.
pub fn parse(slug: &'static str, source: &str) -> Lesson {
    let rest = source.strip_prefix("---\n").unwrap_or_else(|| panic!("{slug}.md: no header"));
    let (header, markdown) =
        rest.split_once("\n---\n").unwrap_or_else(|| panic!("{slug}.md: header not closed"));
    let field = |name: &str| {
        header
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(':')))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("{slug}.md: no {name}"))
    };

    let (mut python, mut rust) = (None::<String>, None::<String>);
    let mut events = Vec::new();
    // Code blocks being collected: the language and the text so far.
    let mut capturing: Option<(String, String)> = None;
    for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match (&mut capturing, ev) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))))
                if (&*lang == "python" && python.is_none()) || (&*lang == "rust" && rust.is_none()) =>
            {
                capturing = Some((lang.to_string(), String::new()));
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let (lang, text) = capturing.take().expect("inside a code block");
                let text = text.trim_end().to_string();
                if lang == "python" {
                    python = Some(text);
                } else {
                    rust = Some(text);
                }
            }
            (_, ev) => events.push(ev),
        }
    }
    let mut body_html = String::new();
    html::push_html(&mut body_html, events.into_iter());
    Lesson {
        slug,
        title: field("title"),
        summary: field("summary"),
        body_html,
        python: python.unwrap_or_else(|| panic!("{slug}.md: no python block")),
        rust: rust.unwrap_or_else(|| panic!("{slug}.md: no rust block")),
    }
}

/// Every lesson, in tour order (parsed on each call; the texts are small).
pub fn all() -> Vec<Lesson> {
    SOURCES.iter().map(|(slug, src)| parse(slug, src)).collect()
}

/// The lesson at `slug`, its 0-based position, and the tour's length.
pub fn find(slug: &str) -> Option<(usize, Lesson)> {
    SOURCES.iter().position(|(s, _)| *s == slug).map(|i| (i, parse(SOURCES[i].0, SOURCES[i].1)))
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
