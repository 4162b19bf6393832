//! The code view: the current scenario as a Python program (asyncio, or a process pool for the
//! parallel mode) and as the Rust the page executes, side by side in tabs; both follow the
//! editor as the reader types. Under the Python, "Run in CPython" runs that program for real.

use crate::ui::python::generated_run::GeneratedRun;
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
    // The Python is kept under either tab: "Run in CPython" stays mounted, so a run goes on.
    let python = {
        let (scenario, mode, workers) = (props.scenario.clone(), props.mode, props.workers);
        use_memo((scenario, mode, workers), |(s, mode, workers)| {
            s.as_ref().map(|s| Rc::new(codegen::python(s, *mode, *workers)))
        })
    };
    let rust = {
        let (scenario, mode, workers, shown) =
            (props.scenario.clone(), props.mode, props.workers, *lang == Lang::Rust);
        use_memo((scenario, mode, workers, shown), |(s, mode, workers, shown)| {
            s.as_ref().filter(|_| *shown).map(|s| Rc::new(codegen::rust(s, *mode, *workers)))
        })
    };
    let code = match *lang {
        Lang::Python => (*python).clone(),
        Lang::Rust => (*rust).clone(),
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
                match &code {
                    Some(c) => html! { <pre class="code" role="tabpanel" tabindex="0" data-testid="code"><code>{ (**c).clone() }</code></pre> },
                    None => html! { <p class="muted">{ "Fix the scenario's errors to see its code." }</p> },
                }
            }
            if let (Some(s), Some(py)) = (&props.scenario, &*python) {
                <div hidden={*lang != Lang::Python}>
                    <GeneratedRun scenario={s.clone()} mode={props.mode} code={py.clone()} />
                </div>
            }
        </div>
    }
}
