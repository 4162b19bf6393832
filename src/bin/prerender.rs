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
//!
//! In a release build `scripts/page-modules.sh` has written one module per page and
//! `DIR/page-modules.txt` listing them; each page then starts its own module instead of the whole
//! app (`src/ui/pages.rs`), and the list is removed. Without it every page starts the
//! whole app (`trunk serve`).
//!
//! The shell's stylesheets (one per feature, `index.html`) are written as one file, in the same
//! order, and every page links that one: on a slow link each extra request waits for a free
//! connection (six per host over HTTP/1.1) and a round trip of its own.

use async_playground::ui::app::{ServerApp, ServerAppProps};
use async_playground::ui::pages::Module as PageModule;
use async_playground::ui::route::Route;
use async_playground::ui::tour::lessons;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use std::{env, fs, process, thread};
use yew_router::Routable;

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

/// The stylesheet links of `shell`, in order: (the whole tag, the file it names).
fn stylesheet_links(shell: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = shell;
    while let Some(at) = rest.find("<link rel=\"stylesheet\"") {
        let Some(len) = rest[at..].find('>') else { break };
        let tag = &rest[at..=at + len];
        rest = &rest[at + len + 1..];
        if let Some(href) = attr(tag, "href", None) {
            out.push((tag.to_string(), href.trim_start_matches('/').to_string()));
        }
    }
    out
}

/// One stylesheet: its file name in the build output, its text and its integrity value.
#[derive(Debug, PartialEq)]
struct Styles {
    file: String,
    css: String,
    sri: String,
}

/// `shell` linking one stylesheet in place of its several (the first link's place, their text
/// in link order, so the cascade is unchanged), and that stylesheet; `read` gives a linked file's
/// text. None when the shell links fewer than two.
fn bundle_styles(
    shell: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<Option<(String, Styles)>, String> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let links = stylesheet_links(shell);
    if links.len() < 2 {
        return Ok(None);
    }
    let mut css = String::new();
    for (_, file) in &links {
        css.push_str(&format!("/* {file} */\n"));
        css.push_str(read(file)?.trim_end());
        css.push('\n');
    }
    let hex: String = sha2::Sha256::digest(css.as_bytes())[..8].iter().map(|b| format!("{b:02x}")).collect();
    let sri = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(css.as_bytes()))
    );
    let file = format!("styles-{hex}.css");
    let tag = format!(r#"<link rel="stylesheet" href="/{file}" integrity="{sri}"/>"#);
    let mut out = shell.replacen(&links[0].0, &tag, 1);
    for (old, _) in &links[1..] {
        out = out.replacen(old, "", 1);
    }
    Ok(Some((out, Styles { file, css, sri })))
}

/// The shell with `body` in the slot and `title` as the document title.
fn fill(shell: &str, body: &str, title: &str) -> String {
    let with_body = shell.replacen(SLOT, &format!("{SLOT_OPEN}{body}</div>"), 1);
    let old_title = format!("<title>{SITE}</title>");
    with_body.replacen(&old_title, &format!("<title>{title}</title>"), 1)
}

/// A WebAssembly module of the app: its JS glue and wasm files (names in the build output) and
/// their subresource-integrity values.
#[derive(Debug, PartialEq)]
struct Module {
    js: String,
    wasm: String,
    js_sri: String,
    wasm_sri: String,
}

/// The value of attribute `name` in the first tag of `html` that has it, or in the first tag
/// holding `inside` (a file name) if given.
fn attr(html: &str, name: &str, inside: Option<&str>) -> Option<String> {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let tag = &rest[open..=close];
        rest = &rest[close + 1..];
        if inside.is_some_and(|f| !tag.contains(&format!("/{f}\""))) {
            continue;
        }
        let key = format!(" {name}=\"");
        if let Some(at) = tag.find(&key) {
            let value = &tag[at + key.len()..];
            return Some(value[..value.find('"')?].to_string());
        }
    }
    None
}

/// The whole app's module as Trunk's index.html starts and preloads it.
fn app_module(shell: &str) -> Option<Module> {
    let file = |v: String| v.rsplit('/').next().map(str::to_string);
    let js = file(attr(shell, "data-js", None)?)?;
    let wasm = file(attr(shell, "data-wasm", None)?)?;
    Some(Module {
        js_sri: attr(shell, "integrity", Some(&js))?,
        wasm_sri: attr(shell, "integrity", Some(&wasm))?,
        js,
        wasm,
    })
}

/// The page modules listed in `text` (`page-modules.txt`): `name js wasm js-sri wasm-sri` lines.
fn parse_modules(text: &str) -> Result<Vec<(PageModule, Module)>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            let [name, js, wasm, js_sri, wasm_sri] = f[..] else {
                return Err(format!("not `name js wasm js-sri wasm-sri`: {line}"));
            };
            let page = PageModule::all()
                .into_iter()
                .find(|m| m.name() == name)
                .ok_or_else(|| format!("no page module is called {name}"))?;
            let owned = |s: &str| s.to_string();
            Ok((
                page,
                Module { js: owned(js), wasm: owned(wasm), js_sri: owned(js_sri), wasm_sri: owned(wasm_sri) },
            ))
        })
        .collect()
}

/// `page` starting module `to` where the shell started `from`.
fn retarget(page: &str, from: &Module, to: &Module) -> String {
    page.replace(&format!("/{}\"", from.js), &format!("/{}\"", to.js))
        .replace(&format!("/{}\"", from.wasm), &format!("/{}\"", to.wasm))
        .replace(&format!("\"{}\"", from.js_sri), &format!("\"{}\"", to.js_sri))
        .replace(&format!("\"{}\"", from.wasm_sri), &format!("\"{}\"", to.wasm_sri))
}

/// The page modules of a release build (`scripts/page-modules.sh`), if it wrote them, with the
/// whole app's module they replace; every page's module must be there, or none is used.
fn page_modules(dir: &Path, shell: &str) -> Option<(Module, Vec<(PageModule, Module)>)> {
    let list = dir.join("page-modules.txt");
    let text = fs::read_to_string(&list).ok()?;
    let fail = |why: String| -> ! {
        eprintln!("prerender: {}: {why}", list.display());
        process::exit(2);
    };
    let modules = parse_modules(&text).unwrap_or_else(|e| fail(e));
    if let Some(p) = PageModule::all().into_iter().find(|p| !modules.iter().any(|(m, _)| m == p)) {
        fail(format!("no module for the page {}", p.name()));
    }
    let app = app_module(shell)
        .unwrap_or_else(|| fail("index.html does not start the app the way it expects".into()));
    let _ = fs::remove_file(&list);
    Some((app, modules))
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
    let read = |file: &str| fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"));
    let shell = match bundle_styles(&shell, read) {
        Ok(Some((one, styles))) => {
            eprintln!("prerender: one stylesheet, {} ({} B)", styles.file, styles.css.len());
            write(&dir.join(&styles.file), &styles.css);
            write(&index, &one);
            one
        }
        Ok(None) => shell,
        Err(e) => {
            eprintln!("prerender: cannot read the stylesheets: {e}");
            process::exit(2);
        }
    };
    let modules = page_modules(&dir, &shell);
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
        let html = match &modules {
            Some((app, list)) => {
                let route = Route::recognize(&page.path).unwrap_or(Route::NotFound);
                let own = PageModule::of(&route);
                let (_, module) =
                    list.iter().find(|(m, _)| *m == own).expect("every page's module is listed");
                retarget(&html, app, module)
            }
            None => html,
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

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = r#"<head><link rel="icon" href="/favicon-1.svg" integrity="sha384-ICON"/>
<link rel="modulepreload" href="/app-abc.js" crossorigin="anonymous" integrity="sha384-JS">
<link rel="preload" href="/app-abc_bg.wasm" crossorigin="anonymous" integrity="sha384-WASM" as="fetch" type="application/wasm">
<script type="module" id="app-loader" src="/loader.js" data-js="/app-abc.js" data-wasm="/app-abc_bg.wasm"></script></head>"#;

    fn module(js: &str, wasm: &str, js_sri: &str, wasm_sri: &str) -> Module {
        Module { js: js.into(), wasm: wasm.into(), js_sri: js_sri.into(), wasm_sri: wasm_sri.into() }
    }

    #[test]
    fn the_shell_names_the_whole_app_with_its_integrity_values() {
        assert_eq!(
            app_module(SHELL),
            Some(module("app-abc.js", "app-abc_bg.wasm", "sha384-JS", "sha384-WASM"))
        );
        assert_eq!(app_module("<head></head>"), None);
    }

    #[test]
    fn a_page_starts_and_preloads_its_own_module_and_nothing_else_changes() {
        let app = app_module(SHELL).unwrap();
        let page = format!("{SHELL}<p>app-abc.js is a file</p>");
        let to = module("page_home-9.js", "page_home-9_bg.wasm", "sha384-T1", "sha384-T2");
        let out = retarget(&page, &app, &to);
        assert!(out.contains(r#"data-js="/page_home-9.js" data-wasm="/page_home-9_bg.wasm""#), "{out}");
        assert!(
            out.contains(r#"href="/page_home-9.js" crossorigin="anonymous" integrity="sha384-T1""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="/page_home-9_bg.wasm" crossorigin="anonymous" integrity="sha384-T2""#),
            "{out}"
        );
        assert!(!out.contains("/app-abc"), "{out}");
        assert!(out.contains("<p>app-abc.js is a file</p>") && out.contains("sha384-ICON"), "{out}");
    }

    #[test]
    fn the_stylesheets_become_one_in_their_order_at_the_first_ones_place() {
        let shell = r#"<head><title>t</title><link rel="stylesheet" href="/a-1.css" integrity="sha384-A"/>
<link rel="stylesheet" href="/b-2.css" integrity="sha384-B"/>
<link rel="icon" href="/favicon-1.svg"/></head>"#;
        let read = |f: &str| match f {
            "a-1.css" => Ok("p { color: red }\n".to_string()),
            "b-2.css" => Ok("p { color: blue }".to_string()),
            _ => Err(format!("no {f}")),
        };
        let (out, styles) = bundle_styles(shell, read).unwrap().unwrap();
        // Later rules still win: b's text follows a's.
        assert_eq!(styles.css, "/* a-1.css */\np { color: red }\n/* b-2.css */\np { color: blue }\n");
        assert!(styles.file.starts_with("styles-") && styles.file.ends_with(".css"), "{}", styles.file);
        assert!(styles.sri.starts_with("sha384-") && styles.sri.len() == 7 + 64, "{}", styles.sri);
        let tag = format!(
            r#"<title>t</title><link rel="stylesheet" href="/{}" integrity="{}"/>"#,
            styles.file, styles.sri
        );
        assert!(out.contains(&tag), "{out}");
        assert_eq!(stylesheet_links(&out).len(), 1, "{out}");
        assert!(out.contains(r#"<link rel="icon" href="/favicon-1.svg"/>"#), "{out}");
        // Another text, another name: a cached old stylesheet is never used for a new build.
        let other = bundle_styles(shell, |_| Ok("p {}".to_string())).unwrap().unwrap().1;
        assert_ne!(other.file, styles.file);
        // A missing file is an error, never a page without its styles; one link stays as it is.
        assert!(bundle_styles(shell, |f| Err(format!("no {f}"))).unwrap_err().contains("a-1.css"));
        assert_eq!(bundle_styles(r#"<link rel="stylesheet" href="/a.css"/>"#, read).unwrap(), None);
    }

    #[test]
    fn the_module_list_names_known_pages_in_five_fields() {
        let ok = parse_modules("home a.js a_bg.wasm sha384-1 sha384-2\n\nevent_loops b.js b_bg.wasm s1 s2\n")
            .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].0, PageModule::Lesson(lessons::Slug::EventLoops));
        assert_eq!(ok[0].1, module("a.js", "a_bg.wasm", "sha384-1", "sha384-2"));
        assert!(parse_modules("home a.js a_bg.wasm sha384-1").unwrap_err().contains("not `name"));
        assert!(parse_modules("games a.js b c d").unwrap_err().contains("games"));
    }
}
