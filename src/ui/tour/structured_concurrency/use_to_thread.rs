//! The `to_thread` demo's run: the same blocking CPU work done on the page's own thread, then
//! handed to a worker of the page's lab, with a heartbeat counting the event loop's ticks and
//! lateness during each. The engine judges what the two show (`engine::chapters::ch8`).

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use crate::web::busy::busy_for;
use crate::web::clock;
use crate::web::heartbeat::Heartbeat;
use engine::chapters::ch8::{to_thread_reading, Handoff, WORK_MS};
use engine::parallel::{task_checksum, task_seed};
use yew::prelude::*;

/// What one click measured.
#[derive(Clone, Debug, PartialEq)]
pub struct ToThread {
    /// The two heartbeats.
    pub handoff: Handoff,
    /// Whether the worker's checksum matched the page's (it really did the work).
    pub checksum_ok: bool,
}

/// Lets the heartbeat settle before each measurement, ms.
const SETTLE_MS: u32 = 50;

async fn measure(lab: &crate::ui::shared::lab::LabHandle) -> Result<ToThread, String> {
    let lab = lab.ensure(1).await?;
    let rpm = lab.rounds_per_ms;

    gloo_timers::future::TimeoutFuture::new(SETTLE_MS).await;
    let beat = Heartbeat::start();
    let start = clock::now();
    let _ = busy_for(WORK_MS, 1);
    let page_wall_ms = clock::now() - start;
    let on_page = beat.stop();

    gloo_timers::future::TimeoutFuture::new(SETTLE_MS).await;
    let scenario = engine::tour::cpu_bound(1, WORK_MS);
    let beat = Heartbeat::start();
    let start = clock::now();
    let out = lab.pool.run(&scenario, 1, rpm, None).finished().await;
    let worker_wall_ms = clock::now() - start;
    let on_worker = beat.stop();
    let checksum_ok = out.checksums.first().copied().flatten()
        == Some(task_checksum(&scenario.tasks[0], task_seed(0), rpm));
    Ok(ToThread {
        handoff: Handoff { work_ms: WORK_MS, on_page, page_wall_ms, on_worker, worker_wall_ms },
        checksum_ok,
    })
}

/// The demo's run session, and the callback that starts a measurement.
#[hook]
pub fn use_to_thread(on_seen: Callback<Seen>) -> (UseReducerHandle<Session<ToThread>>, Callback<()>) {
    let lab = use_lab();
    let session = use_run_session::<ToThread>();
    let run = {
        let dispatcher = session.dispatcher();
        Callback::from(move |_| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |lab, session| async move {
                session.dispatch(Action::Started(Some("measuring")));
                let r = measure(&lab).await?;
                let (value, holds) = to_thread_reading(&r.handoff);
                let holds = holds && r.checksum_ok;
                crate::web::claims::record(
                    "8_7-to-thread",
                    engine::claims::Measured {
                        value: value.clone(),
                        holds,
                        at_ms: crate::web::claims::now_epoch_ms(),
                    },
                );
                on_seen.emit(Seen {
                    label: "Blocking work handed to a worker".into(),
                    value: value.into(),
                    detail: if holds {
                        "the event loop kept ticking while the worker computed; on the page it stood still."
                    } else {
                        "not what the tutorial says: see the two rows."
                    }
                    .into(),
                });
                Ok(r)
            });
        })
    };
    (session, run)
}
