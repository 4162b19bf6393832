//! Renders the tour's lesson texts (markdown in `content/`) to HTML at build time, so the page
//! ships ready HTML instead of a markdown parser: pulldown-cmark and its entity tables were about
//! 140 KB of the app's wasm before `wasm-opt` (measured with twiggy).
//!
//! A lesson file starts with a small header between `---` lines (`title:` and `summary:`), then
//! markdown. Its first ```` ```python ```` and first ```` ```rust ```` code blocks are taken out of
//! the text and shown side by side as the lesson's code pair. A malformed file fails the build
//! with its name.

use pulldown_cmark::{html, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// The tour, in order: slugs, each with `content/<slug>.md`. The generated `Slug` enum has one
/// variant per slug (`thread-vs-process` → `Slug::ThreadVsProcess`). Chapter 1 has six pages;
/// chapters 2–9 one each (a lesson's header names its `chapter:`, 1 when it has none).
const SLUGS: [&str; 14] = [
    "nonblocking",
    "thread-vs-process",
    "concurrency-vs-parallelism",
    "gil",
    "event-loops",
    "coroutines",
    "asyncio-basics",
    "cpu-and-io",
    "synchronisation",
    "advanced-asyncio",
    "newer-asyncio",
    "servers",
    "structured-concurrency",
    "task-queues",
];

struct Parsed {
    chapter: u8,
    title: String,
    summary: String,
    body_html: String,
    python: String,
    rust: String,
}

fn parse(slug: &str, source: &str) -> Parsed {
    let rest = source.strip_prefix("---\n").unwrap_or_else(|| panic!("{slug}.md: no header"));
    let (header, markdown) =
        rest.split_once("\n---\n").unwrap_or_else(|| panic!("{slug}.md: header not closed"));
    let optional = |name: &str| {
        header
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(':')))
            .map(|v| v.trim().to_string())
    };
    let field = |name: &str| optional(name).unwrap_or_else(|| panic!("{slug}.md: no {name}"));
    let chapter = optional("chapter").map_or(1, |c| {
        c.parse::<u8>()
            .ok()
            .filter(|c| (1..=9).contains(c))
            .unwrap_or_else(|| panic!("{slug}.md: chapter {c:?} is not 1–9"))
    });

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
    Parsed {
        chapter,
        title: field("title"),
        summary: field("summary"),
        body_html,
        python: python.unwrap_or_else(|| panic!("{slug}.md: no python block")),
        rust: rust.unwrap_or_else(|| panic!("{slug}.md: no rust block")),
    }
}

fn main() {
    let mut out = String::new();
    // The slugs as an enum, so a wrong slug in routes, pages or tests fails to compile.
    let variant =
        |slug: &str| -> String { slug.split('-').map(|w| w[..1].to_uppercase() + &w[1..]).collect() };
    out.push_str("/// A lesson of the tour, in tour order: its page is `/learn/<slug>`, its text `content/<slug>.md`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Slug {\n");
    for slug in SLUGS {
        writeln!(out, "    /// `/learn/{slug}`.\n    {},", variant(slug)).unwrap();
    }
    out.push_str("}\n\nimpl Slug {\n    /// Every lesson, in tour order.\n");
    writeln!(
        out,
        "    pub const ALL: [Slug; {}] = [{}];",
        SLUGS.len(),
        SLUGS.iter().map(|s| format!("Slug::{}", variant(s))).collect::<Vec<_>>().join(", ")
    )
    .unwrap();
    out.push_str("\n    /// The slug as written in the URL.\n    pub fn as_str(self) -> &'static str {\n        match self {\n");
    for slug in SLUGS {
        writeln!(out, "            Slug::{} => {slug:?},", variant(slug)).unwrap();
    }
    out.push_str("        }\n    }\n}\n\n");
    out.push_str("/// Every lesson, in tour order (rendered from `content/*.md` by build.rs).\n");
    writeln!(out, "pub static LESSONS: [Lesson; {}] = [", SLUGS.len()).unwrap();
    for slug in SLUGS {
        let file = format!("content/{slug}.md");
        println!("cargo::rerun-if-changed={file}");
        let source = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let p = parse(slug, &source);
        // `{:?}` writes a valid Rust string literal, escapes included.
        writeln!(
            out,
            "    Lesson {{ slug: Slug::{}, chapter: {}, title: {:?}, summary: {:?}, body_html: {:?}, python: {:?}, rust: {:?} }},",
            variant(slug), p.chapter, p.title, p.summary, p.body_html, p.python, p.rust
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("lessons.rs");
    fs::write(dest, out).unwrap();
    println!("cargo::rerun-if-changed=build.rs");
}
