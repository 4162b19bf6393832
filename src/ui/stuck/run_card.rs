//! Card 3 of the stuck page: Run and Stop, the run's status and why it is stuck, the wait-for
//! graph (live, at the chosen step of a finished run, or before any event) and who waits for whom.

use super::state::{Done, PageState};
use super::use_stuck::{Action, RunState};
use super::wait_graph::{wait_graph, WaitGraphProps};
use engine::inspect::{self, Outcome};
use engine::waitfor::{Graph, TaskState};
use engine::{Scenario, TaskId};
use std::rc::Rc;
use yew::prelude::*;

/// The graph the card shows, the tasks stuck in it and their cycle, and a note on when it is.
struct Shown {
    graph: Graph,
    stuck: Vec<TaskId>,
    cycle: Vec<TaskId>,
    note: String,
}

/// The graph shown: live, at the chosen step of a finished run, or before any event.
fn shown_graph(st: &PageState, run: &RunState) -> Shown {
    let scenario = &st.scenario;
    let plain = |graph, note| Shown { graph, stuck: Vec::new(), cycle: Vec::new(), note };
    match run {
        RunState::Idle => plain(Graph::new(scenario), "Before the run: no task has started.".into()),
        RunState::Running(w) => match w.found() {
            Some(f) => Shown {
                graph: f.graph,
                stuck: f.deadlock.tasks.clone(),
                cycle: f.deadlock.cycle.clone(),
                note: "Stuck: stopping the run…".into(),
            },
            None => {
                let rec = w.recorder();
                plain(w.graph(), format!("Live: {} events, {:.0} ms", rec.len(), rec.elapsed()))
            }
        },
        RunState::Done(d) => {
            let step = st.step(d);
            let graph = d.scrub.at(step);
            if d.found_step == Some(step) {
                Shown {
                    graph,
                    stuck: d.stuck.clone(),
                    cycle: d.cycle.clone(),
                    note: "The moment the page found the tasks stuck for good.".into(),
                }
            } else {
                plain(graph, format!("After {} of {} events.", step, d.scrub.len()))
            }
        }
    }
}

/// Each waiting task with the sentence that says what it waits for.
fn waiting_lines(graph: &Graph, scenario: &Scenario) -> Vec<(TaskId, String)> {
    (0..scenario.tasks.len())
        .map(|i| TaskId(i as u32))
        .filter(|t| matches!(graph.state(*t), TaskState::Blocked { .. } | TaskState::Joining { .. }))
        .filter_map(|t| graph.explain(t).map(|e| (t, e)))
        .collect()
}

/// The sentence about the task the reader selected: what it waits for, or its state.
fn selected_line(st: &PageState, graph: &Graph, scenario: &Scenario) -> Option<String> {
    let t = st.selected?;
    graph.explain(t).or_else(|| {
        let name = scenario.tasks.get(t.0 as usize)?.name.clone();
        Some(format!("{name} is {} (not waiting).", inspect::state_class(graph.state(t)).replace('-', " ")))
    })
}

/// The list of who waits for whom; a line selects (or unselects) its task.
fn who_waits(st: &PageState, waiting: &[(TaskId, String)], act: &Callback<Action>) -> Html {
    if waiting.is_empty() {
        return html! {
            <p class="muted" data-testid="no-waits">{ "Nobody is waiting on another task or a resource at this point." }</p>
        };
    }
    html! {
        <ul class="waits" aria-label="Who waits for whom" data-testid="waits">
            { for waiting.iter().map(|(t, line)| {
                let t = *t;
                let pressed = st.selected == Some(t);
                html! {
                    <li>
                        <button class="link-like" aria-pressed={pressed.to_string()}
                            onclick={act.reform(move |_| Action::Select(if pressed { None } else { Some(t) }))}>
                            { line.clone() }
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

/// Card 3: run it and watch who waits for whom.
pub fn run_card(st: &PageState, run: &RunState, act: &Callback<Action>) -> Html {
    let scenario = &st.scenario;
    let running = matches!(run, RunState::Running(_));
    let shown = shown_graph(st, run);
    let drawing = Rc::new(inspect::draw(scenario, &shown.graph.snapshot(), &shown.stuck, &shown.cycle));
    let waiting = waiting_lines(&shown.graph, scenario);
    let selected = selected_line(st, &shown.graph, scenario);
    html! {
        <section class="card" aria-labelledby="stuck-run-h">
            <h2 id="stuck-run-h">{ "3 · Run it and watch who waits for whom" }</h2>
            <div class="run-row">
                <button class="primary" onclick={act.reform(|_| Action::Run)} disabled={running}>{ "Run" }</button>
                <button onclick={act.reform(|_| Action::Stop)} disabled={!running}>{ "Stop" }</button>
            </div>
            <p class="stuck-status" role="status" data-testid="stuck-status">{ match run {
                RunState::Idle => "Not run yet.".to_string(),
                RunState::Running(_) => "Running…".to_string(),
                RunState::Done(d) => d.outcome.headline(),
            } }</p>
            if let RunState::Done(d) = run {
                if let Done { outcome: Outcome::Stuck { explanation, .. }, .. } = &**d {
                    <p class="stuck-why" data-testid="stuck-why"><strong>{ "Why: " }</strong>{ explanation.clone() }</p>
                }
            }
            <div class="stuck-grid">
                <figure class="wait-graph-fig">
                    { wait_graph(&WaitGraphProps { drawing, selected: st.selected, on_action: act.clone() }) }
                    <figcaption class="muted small">{ shown.note }</figcaption>
                </figure>
                <div>
                    <h3>{ "Who waits for whom" }</h3>
                    { who_waits(st, &waiting, act) }
                    if let Some(line) = selected {
                        <p class="selected-why" aria-live="polite" data-testid="selected-why">{ line }</p>
                    }
                </div>
            </div>
        </section>
    }
}
