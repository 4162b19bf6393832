//! One example of the CPython page: its code (editable), "Run in CPython" / Stop, what it
//! printed as it printed it, the CPython and Rust timelines on one axis, and the claims table.

use super::python_state::{RustRun, Status};
use super::{Action, StateRef};
use crate::ui::shared::timeline::Timeline;
use crate::web::log_view::LogView;
use engine::python::{megabytes, read_result};
use engine::python_examples::{self, RustSide};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`ExampleCard`].
#[derive(Properties, PartialEq)]
pub struct ExampleCardProps {
    /// The example's id (`engine::python_examples`).
    pub id: &'static str,
    /// The page's state.
    pub state: StateRef,
    /// Run / Stop.
    pub on_action: Callback<Action>,
    /// "about N MB", the first run's download.
    pub download: AttrValue,
}

fn seconds(ms: f64) -> String {
    format!("{:.3} s", ms / 1000.0)
}

/// One example.
#[component]
pub fn ExampleCard(props: &ExampleCardProps) -> Html {
    let Some(ex) = python_examples::by_id(props.id) else { return html! {} };
    // The program as served (`static/python/<id>.py`), fetched when the card is shown, and the
    // reader's edited copy of it.
    let source = use_state(|| None::<Result<String, String>>);
    let code = use_state(String::new);
    {
        let (source, code) = (source.clone(), code.clone());
        use_effect_with(props.id, move |id| {
            let url = python_examples::source_url(id);
            wasm_bindgen_futures::spawn_local(async move {
                let got = crate::web::python::fetch_text(&url).await;
                if let Ok(text) = &got {
                    code.set(text.clone());
                }
                source.set(Some(got));
            });
        });
    }
    let original = match &*source {
        Some(Ok(text)) => Some(text.clone()),
        _ => None,
    };
    let on_input = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let reset = {
        let (code, original) = (code.clone(), original.clone().unwrap_or_default());
        Callback::from(move |_: MouseEvent| code.set(original.clone()))
    };
    let st = props.state.rc.borrow();
    let busy = st.running.is_some();
    let mine = st.running == Some(props.id);
    let run = {
        let (a, id, code) = (props.on_action.clone(), props.id, (*code).clone());
        Callback::from(move |_: MouseEvent| a.emit(Action::Run(id, code.clone())))
    };
    let stop = {
        let a = props.on_action.clone();
        Callback::from(move |_: MouseEvent| a.emit(Action::Stop))
    };
    let label = match st.status {
        Status::Ready { .. } => "Run in CPython".to_string(),
        _ => format!("Run in CPython — downloads about {} once", props.download),
    };
    let run_state = st.runs.get(props.id);
    let now = crate::web::python::now();
    let py_ms = run_state.map(|r| r.elapsed_ms(now)).unwrap_or(0.0);
    let rust_ms = match run_state.map(|r| &r.rust) {
        Some(RustRun::Done(log)) => log.events.last().map(|e| e.t_ms),
        _ => None,
    };
    let axis = py_ms.max(rust_ms.unwrap_or(0.0)).max(1.0);
    let dom = format!("py-{}", props.id);
    html! {
        <div class="tp-demo py-example" id={dom.clone()} data-testid={dom.clone()} aria-labelledby={format!("{dom}-h")}>
            <h3 id={format!("{dom}-h")}>{ format!("{} · {}", ex.id.replace('_', "."), ex.title) }</h3>
            <p>{ ex.shows }</p>
            <label for={format!("{dom}-code")} class="muted">{ "Python (edit freely)" }</label>
            <textarea id={format!("{dom}-code")} class="code py-code" spellcheck="false"
                rows={(original.as_deref().unwrap_or("").lines().count().max(3) + 1).to_string()}
                value={(*code).clone()} oninput={on_input} data-testid="py-code" disabled={original.is_none()}
                placeholder={if source.is_none() { "Loading the program…" } else { "" }} />
            if let Some(Err(why)) = &*source {
                <p class="error" role="alert">{ format!("The program could not be loaded: {why}") }</p>
            }
            <div class="nb-buttons">
                <button class="primary" onclick={run} disabled={busy || original.is_none()} data-testid="py-run">{ label }</button>
                <button onclick={stop} disabled={!mine} data-testid="py-stop">{ "Stop" }</button>
                <button onclick={reset} disabled={original.as_deref().is_none_or(|o| *code == o)}>{ "Reset the code" }</button>
            </div>
            if let Some(r) = run_state {
                if mine && r.t0.is_none() {
                    if let Status::Loading { loaded, total } = &st.status {
                        <div class="progress-row" aria-live="polite">
                            <label for={format!("{dom}-dl")}>{ "Downloading CPython" }</label>
                            <progress id={format!("{dom}-dl")} max={total.to_string()} value={loaded.to_string()}></progress>
                            <span class="progress-text">{ format!("{} of {}", megabytes(*loaded as u64), megabytes(*total as u64)) }</span>
                        </div>
                    } else {
                        <p class="muted" aria-live="polite">{ "Starting CPython…" }</p>
                    }
                }
                <pre class="py-output" data-testid="py-output" aria-label="Output" tabindex="0">
                    { for r.lines.iter().map(|(t, s, l)| html! {
                        <span class={classes!("py-line", (s == "err").then_some("error"))}>{ format!("{:>8.3} s  {l}\n", t / 1000.0) }</span>
                    }) }
                </pre>
                if let Some(e) = &r.error {
                    <pre class="py-traceback error" role="alert" data-testid="py-traceback">{ e.clone() }</pre>
                }
                if r.done() && r.error.is_none() {
                    <p class="muted" data-testid="py-done">{ format!("Finished in {} (CPython's run, from its first line to its last).", seconds(py_ms)) }</p>
                }
                if r.t0.is_some() {
                <Timeline log={LogView::of_shared(&r.log)} upto_ms={py_ms} axis_end_ms={Some(axis)} run={r.gen} label={AttrValue::from(format!("CPython timeline of {}", ex.id))} />
                }
                if let RustRun::Done(log) = &r.rust {
                    <p class="muted">{ "The same behaviour in Rust, on this page's event loop:" }</p>
                    <Timeline log={log.clone()} upto_ms={rust_ms.unwrap_or(0.0)} axis_end_ms={Some(axis)} run={r.gen} label={AttrValue::from(format!("Rust timeline of {}", ex.id))} />
                }
                <table class="nb-results py-claims" aria-label={format!("Claims of {}", ex.id)} data-testid="py-claims">
                    <thead><tr>
                        <th scope="col">{ "The tutorial says" }</th>
                        <th scope="col">{ "CPython in your browser" }</th>
                        <th scope="col">{ "Rust in your browser" }</th>
                    </tr></thead>
                    <tbody><tr>
                        <td>{ ex.claim }</td>
                        <td data-testid="py-claim-cpython">{
                            read_result(r.lines.iter().map(|(_, _, l)| l.as_str()), ex.result_prefix)
                                .unwrap_or_else(|| if r.done() { "— (no result printed)".into() } else { "running…".into() })
                        }</td>
                        <td data-testid="py-claim-rust">{
                            match (&ex.rust, &r.rust) {
                                (RustSide::None(why), _) => format!("— {why}"),
                                (RustSide::Scenario(_), RustRun::Done(_)) => seconds(rust_ms.unwrap_or(0.0)),
                                (RustSide::Scenario(_), RustRun::Running) => "running…".into(),
                                (RustSide::Scenario(_), RustRun::None) => "— (runs after a CPython run that ends without error)".into(),
                            }
                        }</td>
                    </tr></tbody>
                </table>
            }
        </div>
    }
}
