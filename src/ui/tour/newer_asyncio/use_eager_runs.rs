//! The eager-start demo's runs. N tasks are created on the page's event loop
//! (wasm-bindgen-futures' executor) in two ways, in interleaved rounds:
//! - lazily: every task is handed to `spawn_local` and runs when the executor gives it a turn;
//! - eagerly: every task is polled once inline where it is created (`now_or_never`), and only a
//!   task that is not done by then is handed to `spawn_local`.
//!
//! A turn is counted each time the executor polls a task it was given ([`Counted`]); the inline
//! poll of an eager start is not a turn. The engine's model predicts the counts
//! (`engine::chapters::ch6::predicted_turns`) and judges them.

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{run_on_lab, use_run_session, Action, Session};
use crate::ui::tour::lesson_seen::Seen;
use engine::chapters::ch6::{
    eager_verdict, expected_sum, EagerMeasurement, EagerRequest, EagerVerdict, Turns,
};
use futures::channel::oneshot;
use futures::FutureExt;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use yew::prelude::*;

/// Rounds of each way (lazy, eager, lazy, eager, …).
pub const ROUNDS: usize = 5;

/// A task the executor was given, counting every poll the executor makes of it.
struct Counted {
    inner: Pin<Box<dyn Future<Output = ()>>>,
    turns: Rc<Cell<u64>>,
}

impl Future for Counted {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.turns.set(self.turns.get() + 1);
        self.inner.as_mut().poll(cx)
    }
}

/// Gives the executor back control once: pending on the first poll (asking to be polled again),
/// ready on the second — an `await asyncio.sleep(0)`.
#[derive(Default)]
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// The tasks' shared tally: how many finished, the sum of their results, and who to tell when
/// the last one does.
struct Tally {
    target: u32,
    finished: Cell<u32>,
    sum: Cell<u64>,
    all_done: RefCell<Option<oneshot::Sender<()>>>,
}

impl Tally {
    fn add(&self, result: u32) {
        self.sum.set(self.sum.get() + u64::from(result));
        self.finished.set(self.finished.get() + 1);
        if self.finished.get() == self.target {
            if let Some(tx) = self.all_done.borrow_mut().take() {
                let _ = tx.send(());
            }
        }
    }
}

/// One task: returns its number, after awaiting once if it is one of the tasks that await.
async fn task(i: u32, awaits: bool, tally: Rc<Tally>) {
    if awaits {
        YieldOnce::default().await;
    }
    tally.add(i);
}

/// Creates the tasks one way, waits until all are done, and returns (turns, ms, results right).
async fn run_once(req: EagerRequest, eager: bool) -> (u64, f64, bool) {
    let (tx, rx) = oneshot::channel();
    let tally = Rc::new(Tally {
        target: req.tasks,
        finished: Cell::new(0),
        sum: Cell::new(0),
        all_done: RefCell::new(Some(tx)),
    });
    let turns = Rc::new(Cell::new(0u64));
    let t0 = crate::web::clock::now();
    for i in 0..req.tasks {
        let mut fut: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task(i, req.awaits(i), tally.clone()));
        if eager && fut.as_mut().now_or_never().is_some() {
            continue;
        }
        wasm_bindgen_futures::spawn_local(Counted { inner: fut, turns: turns.clone() });
    }
    let _ = rx.await;
    let ms = crate::web::clock::now() - t0;
    (turns.get(), ms, tally.sum.get() == expected_sum(req.tasks))
}

/// What a click measured and how the engine judged it.
#[derive(Clone, PartialEq)]
pub struct EagerOutcome {
    /// The raw measurement.
    pub measurement: EagerMeasurement,
    /// The engine's verdict on it.
    pub verdict: EagerVerdict,
    /// When the run finished on the page's clock, ms (tells one run's result from the next).
    pub finished_ms: f64,
}

async fn measure(
    req: EagerRequest,
    session: &UseReducerDispatcher<Session<EagerOutcome>>,
) -> Result<EagerOutcome, String> {
    let mut m = EagerMeasurement {
        request: req,
        turns: Vec::new(),
        lazy_ms: Vec::new(),
        eager_ms: Vec::new(),
        results_ok: true,
    };
    for round in 0..ROUNDS {
        session.dispatch(Action::Started(Some(if round % 2 == 0 {
            "lazy, then eager"
        } else {
            "eager, then lazy"
        })));
        // Alternate which way goes first, so neither always runs on a warmer page.
        let order = if round % 2 == 0 { [false, true] } else { [true, false] };
        let mut turns = Turns { lazy: 0, eager: 0 };
        for eager in order {
            // Let the page paint and other tasks run between runs.
            gloo_timers::future::TimeoutFuture::new(0).await;
            let (t, ms, ok) = run_once(req, eager).await;
            m.results_ok &= ok;
            if eager {
                turns.eager = t;
                m.eager_ms.push(ms);
            } else {
                turns.lazy = t;
                m.lazy_ms.push(ms);
            }
        }
        m.turns.push(turns);
    }
    let verdict = eager_verdict(&m).ok_or("no run was timed")?;
    Ok(EagerOutcome { measurement: m, verdict, finished_ms: crate::web::clock::now() })
}

/// The demo's run session and the callback that starts a measurement; the facts go to `on_seen`
/// and the claim `6_1-eager` is recorded.
#[hook]
pub fn use_eager_runs(
    on_seen: Callback<Seen>,
) -> (UseReducerHandle<Session<EagerOutcome>>, Callback<EagerRequest>) {
    let lab = use_lab();
    let session = use_run_session::<EagerOutcome>();
    let start = {
        let dispatcher = session.dispatcher();
        Callback::from(move |req: EagerRequest| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, dispatcher.clone(), move |_, session| async move {
                let o = measure(req, &session).await?;
                let v = &o.verdict;
                crate::web::claims::record(
                    "6_1-eager",
                    engine::claims::Measured {
                        value: v.value.clone(),
                        holds: v.holds,
                        at_ms: crate::web::claims::now_epoch_ms(),
                    },
                );
                on_seen.emit(Seen {
                    label: "Eager task start".into(),
                    value: v.value.clone().into(),
                    detail: format!(
                        "{} tasks, {} of them awaiting once; medians of {ROUNDS} interleaved rounds: lazy {}, eager {}. {}",
                        req.tasks,
                        req.awaiting,
                        v.lazy.reading(),
                        v.eager.reading(),
                        if v.holds { "The counts are exactly the model's." } else { "The counts are not the model's." }
                    )
                    .into(),
                });
                Ok(o)
            });
        })
    };
    (session, start)
}
