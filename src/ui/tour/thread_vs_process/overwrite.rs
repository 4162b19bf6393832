//! Page 2, first demo: the page sends a one-word buffer to a worker, the worker writes into it,
//! and the page looks at its own copy — unchanged after a copy (process-like), changed when the
//! memory is shared (thread-like).

use crate::ui::shared::lab::{use_lab, waiting_note, Activity};
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::lab::{self, Overwrite};
use yew::prelude::*;

/// The page's value before sending, and what the worker writes.
const PAGE_VALUE: i32 = 1;
const WORKER_VALUE: i32 = 99;

/// Props of [`OverwriteDemo`].
#[derive(Properties, PartialEq)]
pub struct OverwriteDemoProps {
    /// Called with a measured fact for the "What you just saw" box.
    pub on_seen: Callback<Seen>,
}

/// Two buttons — send a copy, share the memory — and what each showed.
#[component]
pub fn OverwriteDemo(props: &OverwriteDemoProps) -> Html {
    let lab = use_lab();
    // Each way's last result (a copy, shared memory), kept across runs.
    let session = use_run_session::<Vec<Overwrite>>();
    let isolation = lab.env.shared_memory.clone();

    let run = |shared: bool| {
        let (lab, dispatcher, on_seen) = (lab.clone(), session.dispatcher(), props.on_seen.clone());
        // The other way's last result: the buttons are off while a run goes on, so it cannot
        // change before this run ends.
        let kept: Vec<Overwrite> = session
            .result
            .iter()
            .flat_map(|all| all.iter())
            .filter(|x| x.shared != shared)
            .cloned()
            .collect();
        Callback::from(move |_: MouseEvent| {
            let (on_seen, mut all) = (on_seen.clone(), kept.clone());
            run_on_lab(&lab, dispatcher.clone(), move |lab, _| async move {
                let lab = lab.ensure(1).await?;
                let worker = lab.pool.worker(0).ok_or("the worker is gone")?;
                let r = lab::overwrite(&worker, shared, PAGE_VALUE, WORKER_VALUE).await?;
                on_seen.emit(Seen {
                    label: if r.shared { "Shared buffer" } else { "Copied buffer" }.into(),
                    value: format!("page sees {}", r.page_after).into(),
                    detail: if r.page_after == r.worker_after {
                        format!("the worker wrote {} and the page sees it too: one memory, two threads.", r.worker_after)
                    } else {
                        format!("the worker changed its copy to {}, the page's stayed {}: two memories, like two processes.", r.worker_after, r.page_after)
                    }
                    .into(),
                });
                all.push(r);
                engine::sort::sort_by_key(&mut all, |x| x.shared);
                Ok(all)
            });
        })
    };
    let results: &[Overwrite] = session.result.as_deref().map_or(&[], Vec::as_slice);

    html! {
        <div class="tp-demo" aria-labelledby="tp-copy-h">
            <h3 id="tp-copy-h">{ "Change it in the worker, look at it on the page" }</h3>
            <p>{ format!("The page puts {PAGE_VALUE} in a small buffer and posts it to a worker, which writes {WORKER_VALUE} into the buffer it received. Then the page reads its own buffer.") }</p>
            <div class="nb-buttons">
                <button class="primary" onclick={run(false)} disabled={session.busy()}>{ "Send a copy (ArrayBuffer)" }</button>
                <button onclick={run(true)} disabled={session.busy() || isolation.is_err()}>{ "Share it (SharedArrayBuffer)" }</button>
            </div>
            if let Err(why) = &isolation {
                <p class="muted" role="note">{ format!("Sharing is off here: {why}. The copy half works everywhere.") }</p>
            }
            if session.activity == Activity::Waiting { { waiting_note() } }
            if let Some(e) = &session.error { <p class="error" role="alert">{ e.clone() }</p> }
            if !results.is_empty() {
                <table class="nb-results" aria-label="What each side saw">
                    <thead><tr>
                        <th scope="col">{ "Sent as" }</th><th scope="col">{ "Page before" }</th>
                        <th scope="col">{ "Worker found" }</th><th scope="col">{ "Worker wrote" }</th>
                        <th scope="col">{ "Page after" }</th>
                    </tr></thead>
                    <tbody>
                        { for results.iter().map(|r| html! {
                            <tr data-testid={if r.shared { "tp-row-shared" } else { "tp-row-copy" }}>
                                <th scope="row">{ if r.shared { "shared memory" } else { "a copy" } }</th>
                                <td>{ r.page_before }</td><td>{ r.worker_before }</td><td>{ r.worker_after }</td>
                                <td class="tp-after" data-testid="tp-page-after"><strong>{ r.page_after }</strong></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}
