//! One example of the CPython page: its code (editable), "Run in CPython" / Stop, what it
//! printed as it printed it, the CPython and Rust timelines on one axis, and the claims table.

use super::run_view::run_view;
use super::{Action, StateRef};
use engine::python_examples;
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
}

/// One example.
#[component]
pub fn ExampleCard(props: &ExampleCardProps) -> Html {
    let Some(ex) = python_examples::by_id(props.id) else { return html! {} };
    // The reader's copy of the program; Reset brings back the original.
    let code = use_state(|| ex.source.to_string());
    let on_input = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let reset = {
        let code = code.clone();
        Callback::from(move |_: MouseEvent| code.set(ex.source.to_string()))
    };
    let st = props.state.rc.borrow();
    let busy = !st.can_run();
    let mine = st.running == Some(props.id);
    let run = {
        let (a, id, code) = (props.on_action.clone(), props.id, (*code).clone());
        Callback::from(move |_: MouseEvent| a.emit(Action::Run(id, code.clone())))
    };
    let stop = {
        let a = props.on_action.clone();
        Callback::from(move |_: MouseEvent| a.emit(Action::Stop))
    };
    let label = st.status.run_label(super::DOWNLOAD_BYTES);
    let run_state = st.run(&props.id);
    let now = crate::web::python::now();
    let dom = format!("py-{}", props.id);
    html! {
        <div class="tp-demo py-example" id={dom.clone()} data-testid={dom.clone()} aria-labelledby={format!("{dom}-h")}>
            <h3 id={format!("{dom}-h")}>{ format!("{} · {}", ex.id.replace('_', "."), ex.title) }</h3>
            <label for={format!("{dom}-code")} class="muted">{ "Python (edit freely)" }</label>
            <textarea id={format!("{dom}-code")} class="code py-code" spellcheck="false"
                rows={(ex.source.lines().count().max(3) + 1).to_string()}
                value={(*code).clone()} oninput={on_input} data-testid="py-code" />
            <div class="nb-buttons">
                <button class="primary" onclick={run} disabled={busy} data-testid="py-run">{ label }</button>
                <button onclick={stop} disabled={!mine} data-testid="py-stop">{ "Stop CPython" }</button>
                <button onclick={reset} disabled={*code == ex.source}>{ "Reset the code" }</button>
            </div>
            if let Some(r) = run_state {
                { run_view(r, &st.status, mine, &dom, ex.id, now) }
                <table class="nb-results py-claims" aria-label={format!("Claims of {}", ex.id)} data-testid="py-claims">
                    <thead><tr>
                        <th scope="col">{ "The tutorial says" }</th>
                        <th scope="col">{ "CPython in your browser" }</th>
                        <th scope="col">{ "Rust in your browser" }</th>
                    </tr></thead>
                    <tbody><tr>
                        <td>{ ex.claim }</td>
                        <td data-testid="py-claim-cpython">{ r.claim(ex.result_prefix) }</td>
                        <td data-testid="py-claim-rust">{ ex.rust.claim(&r.rust) }</td>
                    </tr></tbody>
                </table>
            }
        </div>
    }
}
