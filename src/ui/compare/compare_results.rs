//! The comparison's results side by side: wall time, speedup against sequential, efficiency,
//! worst event-loop lag, tasks finished and the checksum check, then the explanation.

use super::use_comparison::Results;
use crate::web::compare::StageResult;
use engine::metrics::speedup;
use engine::parallel::efficiency;
use engine::RunMode;
use yew::prelude::*;

/// The parallel row's name: how many workers the shown run used, once there is one.
fn parallel_label(workers: u32, ran: bool) -> String {
    match (ran, workers) {
        (true, 1) => "Parallel (1 worker)".into(),
        (true, n) => format!("Parallel ({n} workers)"),
        (false, _) => "Parallel (workers)".into(),
    }
}

/// The results table and the explanation.
pub fn compare_results(results: &Results) -> Html {
    let stopped = results.stopped;
    let workers = results.workers.max(1);
    let base = results
        .sequential
        .as_ref()
        .filter(|_| stopped != Some(RunMode::Sequential))
        .map(|s| s.measured.wall_ms);
    let col = |label: &str, mode: RunMode, r: &Option<StageResult>, n: u32| {
        let key = mode.key();
        let cut = stopped == Some(mode);
        let m = r.as_ref().map(|r| &r.measured);
        let sp = m.filter(|_| !cut).and_then(|m| base.and_then(|b| speedup(b, m.wall_ms)));
        // A stage cut short, or not run after Stop, has no number; one still to come has "…".
        let cell =
            |s: Option<String>| s.unwrap_or_else(|| if stopped.is_some() { "—" } else { "…" }.to_string());
        let wall = if cut { Some("stopped".to_string()) } else { m.map(|m| format!("{:.0} ms", m.wall_ms)) };
        html! {
            <tr data-testid={format!("row-{key}")}>
                <th scope="row">{ label }</th>
                <td data-testid={format!("{key}-wall")}>{ cell(wall) }</td>
                <td data-testid={format!("{key}-speedup")}>{ cell(sp.map(|s| format!("{s:.2}×"))) }</td>
                <td data-testid={format!("{key}-efficiency")}>
                    if engine::parallel::efficiency_applies(mode) {
                        { cell(sp.map(|s| format!("{:.0} %", efficiency(s, n) * 100.0))) }
                    } else {
                        <span title="one thread: efficiency per worker applies only to the parallel run">{ "—" }</span>
                    }
                </td>
                <td data-testid={format!("{key}-lag")}>{ cell(m.map(|m| format!("{:.0} ms", m.worst_lag_ms))) }</td>
                <td data-testid={format!("{key}-finished")}>{ cell(m.map(|m| format!("{} of {}", m.finished, m.finished + m.not_finished))) }</td>
            </tr>
        }
    };
    let checks = match &results.check {
        None if results.parallel.is_some() && stopped.is_none() => {
            html! { <p class="muted" data-testid="checksums">{ "Checking the workers' checksums on the page…" }</p> }
        }
        None => html! {},
        Some(c) if c.mismatched.is_empty() => html! {
            <p class="ok" data-testid="checksums">
                { format!("Checksums: {} of {} match the page's own computation ✓", c.matched, c.matched + c.missing) }
                { if c.missing > 0 { format!(" ({} returned none: failed or stopped)", engine::words::plural(c.missing, "task", "tasks")) } else { String::new() } }
            </p>
        },
        Some(c) => html! {
            <div class="error" role="alert" data-testid="checksums">
                { format!("Checksum MISMATCH on {}: the workers did not compute what the page did.", engine::words::plural(c.mismatched.len(), "task", "tasks")) }
                <ul>{ for c.mismatched.iter().map(|(t, w, p)| html! { <li>{ format!("task {}: worker {w}, page {p}", t + 1) }</li> }) }</ul>
            </div>
        },
    };
    html! {
        <div class="compare-results">
            <div class="table-scroll" tabindex="0" role="region" aria-label="Comparison results, scrollable">
                <table class="numbers" aria-label="Comparison results">
                    <thead>
                        <tr>
                            <th scope="col">{ "Run" }</th><th scope="col">{ "Wall time" }</th><th scope="col">{ "Speedup vs sequential" }</th>
                            <th scope="col">{ "Efficiency (÷ threads)" }</th><th scope="col">{ "Worst page lag" }</th><th scope="col">{ "Tasks finished" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { col("Sequential (main thread)", RunMode::Sequential, &results.sequential, 1) }
                        { col("Concurrent (event loop)", RunMode::Concurrent, &results.concurrent, 1) }
                        { col(&parallel_label(workers, results.parallel.is_some()), RunMode::Parallel, &results.parallel, workers) }
                    </tbody>
                </table>
            </div>
            { checks }
            { for results.replaced.iter().map(|r| html! {
                <p class="warn" role="status" data-testid="replaced">
                    { format!("Worker {} was replaced after: {}. Its task did not finish; the fresh worker started in {:.0} ms.", r.worker + 1, r.reason, r.startup_ms) }
                </p>
            }) }
            if !results.explanation.is_empty() {
                <div class="explanation" data-testid="explanation">
                    { for results.explanation.iter().map(|p| html! { <p>{ p }</p> }) }
                </div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::parallel_label;

    /// Guards the table before any run: it names no worker count the pool does not have.
    #[test]
    fn the_parallel_row_names_its_workers_only_after_a_run() {
        assert_eq!(parallel_label(1, false), "Parallel (workers)");
        assert_eq!(parallel_label(1, true), "Parallel (1 worker)");
        assert_eq!(parallel_label(2, true), "Parallel (2 workers)");
    }
}
