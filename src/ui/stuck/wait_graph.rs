//! The wait-for graph as an SVG: tasks on an outer ring, resources inside; "waits for" arrows
//! from a waiting task, "held by" arrows from a resource to its holders; the deadlock's cycle in
//! the warning colour. A task is a button: selecting it explains its wait.

use super::Action;
use engine::inspect::{edge_end, Drawing, EdgeKind, NodeOf};
use engine::TaskId;
use std::rc::Rc;
use yew::prelude::*;

/// What [`wait_graph`] draws.
pub struct WaitGraphProps {
    /// What to draw.
    pub drawing: Rc<Drawing>,
    /// The selected task.
    pub selected: Option<TaskId>,
    /// Sends the page's actions.
    pub on_action: Callback<Action>,
}

const TASK_R: f64 = 15.0;
const RES_HALF: f64 = 18.0;

/// The graph.
pub fn wait_graph(p: &WaitGraphProps) -> Html {
    let d = &p.drawing;
    let size = d.size;
    let cycle_edges = d.edges.iter().filter(|e| e.on_cycle).count();
    let label = format!(
        "Wait-for graph: {} tasks and resources, {} waits, {} holds{}",
        d.nodes.len(),
        d.edges.iter().filter(|e| e.kind != EdgeKind::HeldBy).count(),
        d.edges.iter().filter(|e| e.kind == EdgeKind::HeldBy).count(),
        if cycle_edges > 0 { format!(", a cycle of {cycle_edges} edges") } else { String::new() }
    );
    html! {
        <svg class="wait-graph" viewBox={format!("0 0 {size} {size}")} role="group" aria-label={label} data-testid="wait-graph">
            <defs>
                <marker id="wg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" class="wg-head" />
                </marker>
                <marker id="wg-arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0,0 L10,5 L0,10 z" class="wg-head cycle" />
                </marker>
            </defs>
            { for d.edges.iter().map(|e| {
                let (a, b) = (&d.nodes[e.from], &d.nodes[e.to]);
                let gap = if matches!(b.of, NodeOf::Task(_)) { TASK_R + 3.0 } else { RES_HALF + 3.0 };
                let (x2, y2) = edge_end((a.x, a.y), (b.x, b.y), gap);
                let class = classes!("wg-edge", match e.kind { EdgeKind::WaitsFor => "waits", EdgeKind::HeldBy => "held", EdgeKind::Joins => "joins" }, e.on_cycle.then_some("cycle"));
                let marker = if e.on_cycle { "url(#wg-arrow-cycle)" } else { "url(#wg-arrow)" };
                html! { <line class={class} x1={a.x.to_string()} y1={a.y.to_string()} x2={x2.to_string()} y2={y2.to_string()} marker-end={marker} /> }
            }) }
            { for d.nodes.iter().map(|n| match n.of {
                NodeOf::Resource(_) => html! {
                    <g class="wg-res">
                        <rect x={(n.x - RES_HALF).to_string()} y={(n.y - RES_HALF).to_string()} width={(2.0 * RES_HALF).to_string()} height={(2.0 * RES_HALF).to_string()} rx="5" />
                        <text x={n.x.to_string()} y={(n.y + 4.0).to_string()} class="wg-label mid">{ n.label.split(' ').next_back().unwrap_or("").to_string() }</text>
                        <title>{ n.label.clone() }</title>
                    </g>
                },
                NodeOf::Task(t) => {
                    let selected = p.selected == Some(t);
                    let onclick = p.on_action.reform(move |_| Action::Select(if selected { None } else { Some(t) }));
                    let onkeydown = {
                        let act = p.on_action.clone();
                        Callback::from(move |e: KeyboardEvent| {
                            if e.key() == "Enter" || e.key() == " " {
                                e.prevent_default();
                                act.emit(Action::Select(if selected { None } else { Some(t) }));
                            }
                        })
                    };
                    html! {
                        <g class={classes!("wg-task", n.state, n.stuck.then_some("stuck"), selected.then_some("selected"))}
                            role="button" tabindex="0" aria-pressed={selected.to_string()}
                            aria-label={format!("{}: {}", n.label, n.state.replace('-', " "))} {onclick} {onkeydown}>
                            <circle cx={n.x.to_string()} cy={n.y.to_string()} r={TASK_R.to_string()} />
                            <text x={n.x.to_string()} y={(n.y + TASK_R + 12.0).to_string()} class="wg-label mid">{ n.label.clone() }</text>
                        </g>
                    }
                }
            }) }
            if d.hidden_tasks > 0 {
                <text x="4" y={(size - 6.0).to_string()} class="wg-label">{ format!("+ {} more tasks not drawn", d.hidden_tasks) }</text>
            }
        </svg>
    }
}
