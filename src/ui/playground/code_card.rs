//! The playground's code card: the scenario as Python and as the Rust this page runs, following
//! the edits, the mode and the Workers field.

use crate::ui::shared::code_view::CodeView;
use engine::{RunMode, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// What [`code_card`] draws.
pub struct CodeCardProps {
    /// The scenario, when valid.
    pub scenario: Option<Rc<Scenario>>,
    /// How it runs.
    pub mode: RunMode,
    /// Workers of a parallel run.
    pub workers: u32,
}

/// "6 · The same scenario as code".
pub fn code_card(props: &CodeCardProps) -> Html {
    let parallel = props.mode == RunMode::Parallel;
    html! {
        <section class="card code-card" aria-labelledby="code-h">
            <h2 id="code-h">{ "6 · The same scenario as code" }</h2>
            <p class="muted small">{ if parallel {
                "Python with a process pool (the tasks are plain functions on worker processes), and the Rust this page runs: the worker pool's dispatch. Both follow your edits, the mode and the Workers field."
            } else {
                "Python asyncio, as in the tutorial, and the Rust this page runs. Both follow your edits and the mode."
            } }</p>
            <CodeView scenario={props.scenario.clone()} mode={props.mode} workers={props.workers} />
        </section>
    }
}
