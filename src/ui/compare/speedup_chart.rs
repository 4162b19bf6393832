//! The speedup chart: measured speedup on N = 1 … max workers (over the 1-worker run), Amdahl's
//! curve for the serial fraction fitted over all of them (only from three worker counts on: a
//! fraction taken from one point would draw a curve through that point and explain nothing), and
//! the scenario's ideal (its tasks scheduled on N workers with no messaging cost).

use engine::parallel::{amdahl, fit_serial_fraction, FIT_MIN_COUNTS};
use yew::prelude::*;

/// What [`speedup_chart`] draws.
pub struct SpeedupChartProps {
    /// Measured wall time of the run on `n` workers, for n = 1, 2, … (index n − 1).
    pub walls_ms: Vec<f64>,
    /// The scenario's ideal speedup on n workers (index n − 1).
    pub ideal: Vec<f64>,
}

const W: f64 = 420.0;
const H: f64 = 240.0;
const PAD: f64 = 36.0;

/// Draws the chart and a table of the same numbers (the table is what screen readers and tests read).
pub fn speedup_chart(props: &SpeedupChartProps) -> Html {
    let max_n = props.ideal.len().max(props.walls_ms.len()).max(1);
    let speedups: Vec<f64> = props.walls_ms.iter().map(|w| props.walls_ms[0] / w.max(1e-9)).collect();
    // The serial fraction fitted over every worker count, for Amdahl's curve.
    let s = fit_serial_fraction(&speedups);
    let top = speedups.iter().chain(props.ideal.iter()).fold(max_n as f64, |a, &b| a.max(b)).ceil();
    let x = |n: f64| PAD + (n - 1.0) / ((max_n as f64 - 1.0).max(1.0)) * (W - 2.0 * PAD);
    let y = |sp: f64| H - PAD - sp / top * (H - 2.0 * PAD);
    let path = |pts: &[(f64, f64)]| {
        pts.iter()
            .enumerate()
            .map(|(i, (n, sp))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(*n), y(*sp)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let measured: Vec<(f64, f64)> =
        speedups.iter().enumerate().map(|(i, sp)| (i as f64 + 1.0, *sp)).collect();
    let ideal: Vec<(f64, f64)> =
        props.ideal.iter().enumerate().map(|(i, sp)| (i as f64 + 1.0, *sp)).collect();
    let amdahl_pts: Vec<(f64, f64)> = s
        .map(|s| {
            (0..=20 * (max_n - 1))
                .map(|i| 1.0 + i as f64 / 20.0)
                .map(|n| (n, 1.0 / (s + (1.0 - s) / n)))
                .collect()
        })
        .unwrap_or_default();
    html! {
        <div class="speedup-chart">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label="Speedup against the number of workers">
                <line x1={format!("{PAD}")} y1={format!("{}", H - PAD)} x2={format!("{}", W - PAD)} y2={format!("{}", H - PAD)} class="axis" />
                <line x1={format!("{PAD}")} y1={format!("{PAD}")} x2={format!("{PAD}")} y2={format!("{}", H - PAD)} class="axis" />
                { for (1..=max_n).map(|n| html! {
                    <text x={format!("{:.1}", x(n as f64))} y={format!("{}", H - PAD + 16.0)} class="tick mid">{ n }</text>
                }) }
                { for (0..=top as u32).map(|v| html! {
                    <text x={format!("{}", PAD - 6.0)} y={format!("{:.1}", y(v as f64) + 4.0)} class="tick end">{ format!("{v}×") }</text>
                }) }
                <text x={format!("{}", W / 2.0)} y={format!("{}", H - 4.0)} class="tick mid">{ "workers (N)" }</text>
                <path d={path(&ideal)} class="ideal" />
                if !amdahl_pts.is_empty() { <path d={path(&amdahl_pts)} class="amdahl" /> }
                if !measured.is_empty() { <path d={path(&measured)} class="measured" /> }
                { for measured.iter().map(|(n, sp)| html! {
                    <circle cx={format!("{:.1}", x(*n))} cy={format!("{:.1}", y(*sp))} r="4" class="measured-dot" />
                }) }
            </svg>
            <ul class="legend">
                <li class="measured">{ "measured (over 1 worker)" }</li>
                <li class="amdahl">{ match s {
                    Some(s) => format!(
                        "Amdahl's law, serial fraction s = {:.1} % (least-squares fit over N = 2…{})",
                        s * 100.0,
                        speedups.len()
                    ),
                    None => format!(
                        "Amdahl's law: the serial fraction cannot be fitted from fewer than {FIT_MIN_COUNTS} worker counts (measured: {}); a curve through one measured point would explain nothing",
                        speedups.len()
                    ),
                } }</li>
                <li class="ideal">{ "ideal for this scenario's tasks (queue, no messaging cost)" }</li>
            </ul>
            if !props.walls_ms.is_empty() {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Speedup measurements, scrollable">
                    <table class="numbers" aria-label="Speedup measurements">
                        <thead><tr><th scope="col">{ "Workers" }</th><th scope="col">{ "Wall time" }</th><th scope="col">{ "Speedup" }</th>
                            <th scope="col">{ "Efficiency" }</th><th scope="col">{ "Amdahl" }</th><th scope="col">{ "Ideal" }</th></tr></thead>
                        <tbody>
                        { for props.walls_ms.iter().enumerate().map(|(i, w)| {
                            let n = i as u32 + 1;
                            html! {
                                <tr>
                                    <th scope="row">{ n }</th>
                                    <td data-testid={format!("speedup-wall-{n}")}>{ format!("{w:.0} ms") }</td>
                                    <td data-testid={format!("speedup-{n}")}>{ format!("{:.2}×", speedups[i]) }</td>
                                    <td>{ format!("{:.0} %", speedups[i] / f64::from(n) * 100.0) }</td>
                                    <td>{ s.map_or("–".to_string(), |s| format!("{:.2}×", amdahl(s, n))) }</td>
                                    <td>{ props.ideal.get(i).map(|v| format!("{v:.2}×")).unwrap_or_default() }</td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                </div>
            }
        </div>
    }
}
