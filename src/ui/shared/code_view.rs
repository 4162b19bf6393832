//! The code view: the current scenario as a Python program (asyncio, or a process pool for the
//! parallel mode) and as the Rust the page executes, side by side in tabs; both follow the
//! editor as the reader types.

use engine::codegen;
use engine::{RunMode, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// The scenario to show; `None` while the editor has errors.
    pub scenario: Option<Rc<Scenario>>,
    /// Sequential, concurrent or parallel.
    pub mode: RunMode,
    /// Workers of the pool, in the parallel mode.
    pub workers: u32,
}

/// Which language is shown.
#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Python,
    Rust,
}

/// Tabs with the Python and the Rust version of the scenario.
#[component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let lang = use_state(|| Lang::Python);
    let code = {
        let (scenario, mode, workers, lang) = (props.scenario.clone(), props.mode, props.workers, *lang);
        use_memo((scenario, mode, workers, lang), |(s, mode, workers, lang)| {
            s.as_ref().map(|s| match lang {
                Lang::Python => codegen::python(s, *mode, *workers),
                Lang::Rust => codegen::rust(s, *mode, *workers),
            })
        })
    };
    let tab = |l: Lang, text: &'static str| {
        let lang = lang.clone();
        let selected = *lang == l;
        html! {
            <button role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("selected"))}
                onclick={Callback::from(move |_| lang.set(l))}>{ text }</button>
        }
    };
    html! {
        <div class="code-view">
            <div role="tablist" aria-label="Language" class="tabs">
                { tab(Lang::Python, if props.mode == RunMode::Parallel {
                    "Python (process pool)"
                } else {
                    "Python (asyncio)"
                }) }
                { tab(Lang::Rust, "Rust (what runs here)") }
            </div>
            {
                match &*code {
                    Some(c) => html! { <pre class="code" role="tabpanel" tabindex="0" data-testid="code"><code>{ c.clone() }</code></pre> },
                    None => html! { <p class="muted">{ "Fix the scenario's errors to see its code." }</p> },
                }
            }
        </div>
    }
}
