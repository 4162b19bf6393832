//! Build-time renderer (native, `--features ssr`): writes every route's static HTML into the
//! build output, so a reader sees the page's real content from the first bytes, before the wasm
//! has arrived, and can read every lesson with JavaScript off. The browser app removes this
//! markup and draws the same page in its place when it starts (`src/bin/app.rs`).
//!
//!   prerender DIR      (DIR: Trunk's staging directory or `dist/`, holding Trunk's index.html)
//!
//! Each route is drawn by Yew's server renderer under a router held at that route's path, and
//! written to `DIR/<path>/index.html` (`/` to `DIR/index.html`, the not-found page to
//! `DIR/404.html`) with the route's heading as its `<title>`. A route whose render fails gets
//! the plain shell, with a loud message on stderr: the build never breaks because of it.

use async_playground::ui::app::{ServerApp, ServerAppProps};
use async_playground::ui::tour::lessons;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use std::{env, fs, process, thread};

/// Where the app's markup goes in index.html (the element `src/bin/app.rs` removes).
const SLOT: &str = r#"<div id="prerendered" class="prerendered"></div>"#;
const SLOT_OPEN: &str = r#"<div id="prerendered" class="prerendered">"#;
/// The shell's own title, kept for the tour map (`/`).
const SITE: &str = engine::tour::SITE;
/// A render taking longer than this is stuck (a future that never completes).
const TIMEOUT: Duration = Duration::from_secs(30);

/// One page to write: the path the router is held at, and the file (relative to DIR).
struct Page {
    path: String,
    file: PathBuf,
}

fn pages() -> Vec<Page> {
    let mut out = vec![
        Page { path: "/".into(), file: "index.html".into() },
        Page { path: "/playground".into(), file: "playground/index.html".into() },
        Page { path: "/compare".into(), file: "compare/index.html".into() },
        Page { path: "/python".into(), file: "python/index.html".into() },
        Page { path: "/stuck".into(), file: "stuck/index.html".into() },
        Page { path: "/claims".into(), file: "claims/index.html".into() },
    ];
    for l in lessons::all() {
        out.push(Page {
            path: format!("/learn/{}", l.slug),
            file: format!("learn/{}/index.html", l.slug).into(),
        });
    }
    out.push(Page { path: "/404".into(), file: "404.html".into() });
    out
}

/// Draws `path` on a thread of its own (a panic or a hang stays there) within `TIMEOUT`.
fn render(path: &str) -> Result<String, String> {
    let (tx, rx) = mpsc::channel();
    let owned = path.to_string();
    thread::spawn(move || {
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
            let rt = tokio::runtime::Builder::new_current_thread().build().expect("a tokio runtime");
            let local = tokio::task::LocalSet::new();
            local.block_on(&rt, async move {
                yew::LocalServerRenderer::<ServerApp>::with_props(ServerAppProps { path: owned.into() })
                    .hydratable(false)
                    .render()
                    .await
            })
        }));
        let _ = tx.send(result.map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a panic".into())
        }));
    });
    rx.recv_timeout(TIMEOUT).map_err(|_| format!("no result within {} s", TIMEOUT.as_secs()))?
}

/// The text of the first `<h1>` in `html` (still HTML-escaped, so it can go into `<title>`).
fn heading(html: &str) -> Option<String> {
    let start = html.find("<h1")?;
    let open_end = start + html[start..].find('>')? + 1;
    let close = open_end + html[open_end..].find("</h1>")?;
    // Drop any tags inside the heading, keep their text.
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[open_end..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The shell with `body` in the slot and `title` as the document title.
fn fill(shell: &str, body: &str, title: &str) -> String {
    let with_body = shell.replacen(SLOT, &format!("{SLOT_OPEN}{body}</div>"), 1);
    let old_title = format!("<title>{SITE}</title>");
    with_body.replacen(&old_title, &format!("<title>{title}</title>"), 1)
}

fn main() {
    let Some(dir) = env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender DIR (the build output holding Trunk's index.html)");
        process::exit(2);
    };
    let index = dir.join("index.html");
    let shell = fs::read_to_string(&index).unwrap_or_else(|e| {
        eprintln!("prerender: cannot read {}: {e}", index.display());
        process::exit(2);
    });
    if !shell.contains(SLOT) {
        eprintln!(
            "prerender: {} has no empty `{SLOT}` (already prerendered, or index.html lost it)",
            index.display()
        );
        process::exit(2);
    }
    // A render that panics is reported below with its route; one line here says where.
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("prerender: panic at {at}");
        // Our own frames name the component that read the browser.
        let trace = std::backtrace::Backtrace::force_capture().to_string();
        let ours = trace.lines().map(str::trim).filter(|l| l.contains("async_playground::"));
        for frame in ours.take(3) {
            eprintln!("prerender:   in {frame}");
        }
    }));
    let mut failed = Vec::new();
    for page in pages() {
        let t0 = Instant::now();
        let html = match render(&page.path) {
            Ok(body) => {
                let title = engine::tour::page_title(page.path == "/", heading(&body).as_deref());
                eprintln!(
                    "prerender: {:<40} {:>6} B in {:>4} ms  “{title}”",
                    page.path,
                    body.len(),
                    t0.elapsed().as_millis()
                );
                fill(&shell, &body, &title)
            }
            Err(why) => {
                eprintln!("prerender: ************************************************************");
                eprintln!("prerender: ** {} could NOT be prerendered: {why}", page.path);
                eprintln!("prerender: ** it gets the plain shell (blank until the wasm has started)");
                eprintln!("prerender: ************************************************************");
                failed.push(page.path.clone());
                shell.clone()
            }
        };
        write(&dir.join(&page.file), &html);
    }
    if !failed.is_empty() {
        eprintln!(
            "prerender: WARNING: {} route(s) fell back to the plain shell: {}",
            failed.len(),
            failed.join(", ")
        );
    }
}

fn write(file: &Path, html: &str) {
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    fs::write(file, html).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}
