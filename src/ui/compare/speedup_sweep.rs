//! The comparison's speedup card: measures the scenario on 1 … N workers and charts the speedup
//! over 1 worker beside Amdahl's law and the scenario's ideal.

use super::speedup_chart::{speedup_chart, SpeedupChartProps};
use super::use_comparison::SWEEP_ROUNDS;
use engine::parallel::ideal_speedups;
use engine::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// What [`speedup_sweep`] draws.
pub struct SpeedupSweepProps {
    /// The scenario measured.
    pub scenario: Rc<Scenario>,
    /// The most workers.
    pub max: u32,
    /// The best wall time per worker count, ms (index 0: 1 worker).
    pub walls_ms: Vec<f64>,
    /// Whether the sweep may start.
    pub ready: bool,
    /// Starts the sweep.
    pub on_sweep: Callback<()>,
}

/// "Speedup with 1 … N workers".
pub fn speedup_sweep(props: &SpeedupSweepProps) -> Html {
    let max = props.max;
    let ideal = ideal_speedups(&props.scenario, max);
    html! {
        <section class="card" aria-labelledby="speedup-h">
            <h2 id="speedup-h">{ "Speedup with 1 … N workers" }</h2>
            <p class="muted">{ format!("Runs the scenario on 1, 2, … {max} workers ({SWEEP_ROUNDS} rounds, best time of each kept) and plots the speedup over 1 worker, next to Amdahl's law and this scenario's ideal.") }</p>
            <button onclick={props.on_sweep.reform(|_: MouseEvent| ())} disabled={!props.ready}>{ format!("Measure speedup for N = 1…{max}") }</button>
            { speedup_chart(&SpeedupChartProps { walls_ms: props.walls_ms.clone(), ideal }) }
        </section>
    }
}
