//! The unawaited-coroutine demo: build the `nested()` future, let the page's event loop run
//! for half a second without polling it, read its log (nothing ran), then await it (its body
//! runs once and gives 42). The verdict is `engine::chapters::ch2::Unawaited`'s.

use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::run_bar::run_bar;
use engine::chapters::ch2::{nested, Unawaited};
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long the demo leaves the future unpolled, ms.
const UNPOLLED_MS: u32 = 500;

/// Props of [`UnawaitedDemo`].
#[derive(Properties, PartialEq)]
pub struct UnawaitedDemoProps {
    /// Where the measured facts go (the page's "What you just saw" box).
    #[prop_or_default]
    pub on_seen: Callback<Seen>,
}

/// What one run saw: the verdict's inputs and the log's lines after the await.
struct Outcome {
    seen: Unawaited,
    lines: Vec<String>,
}

/// Builds a future, leaves it, then awaits it.
#[component]
pub fn UnawaitedDemo(props: &UnawaitedDemoProps) -> Html {
    let lab = use_lab();
    let session = use_run_session::<Outcome>();
    let onclick = {
        let (lab, session, on_seen) = (lab.clone(), session.clone(), props.on_seen.clone());
        Callback::from(move |_: MouseEvent| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, session.dispatcher(), move |_, _| async move {
                let log = Rc::new(RefCell::new(Vec::<String>::new()));
                let t0 = crate::web::clock::now();
                let fut = nested(log.clone());
                TimeoutFuture::new(UNPOLLED_MS).await;
                let lines_before = log.borrow().len();
                let waited_ms = crate::web::clock::now() - t0;
                let result = fut.await;
                let lines = log.borrow().clone();
                let seen = Unawaited { lines_before, waited_ms, lines_after: lines.len(), result };
                let m = seen.measured(crate::web::claims::now_epoch_ms());
                crate::web::claims::record("2_3-unawaited", m.clone());
                on_seen.emit(Seen {
                    label: "Unawaited future".into(),
                    value: m.value.into(),
                    detail: if m.holds {
                        "nothing ran until the await, as the tutorial says."
                    } else {
                        "not what the tutorial says."
                    }
                    .into(),
                });
                Ok(Outcome { seen, lines })
            });
        })
    };
    html! {
        <div class="card unawaited-demo" data-testid="unawaited-demo">
            <h3>{ "A future nobody awaits (tutorial 2_3)" }</h3>
            <p>
                { "The button calls " }<code>{ "nested(log)" }</code>
                { format!(", leaves the future it returns alone for {UNPOLLED_MS} ms while the page's event \
                   loop goes on, reads the log, then awaits the future.") }
            </p>
            { run_bar(&session, false, onclick, None) }
            if let Some(o) = &session.result {
                <ol class="unawaited-steps" aria-live="polite">
                    <li data-step="before">
                        <code>{ "let fut = nested(log.clone());" }</code>
                        { format!(" then {:.0} ms of the event loop: ", o.seen.waited_ms) }
                        <strong data-testid="lines-before">{ o.seen.lines_before }</strong>
                        { " lines in the log." }
                    </li>
                    <li data-step="after">
                        <code>{ "fut.await" }</code>{ " returned " }
                        <strong data-testid="result">{ o.seen.result }</strong>
                        { "; the log now has " }
                        <strong data-testid="lines-after">{ o.seen.lines_after }</strong>
                        { " line: " }
                        <code>{ o.lines.join(", ") }</code>
                    </li>
                </ol>
                <p class={if o.seen.holds() { "holds" } else { "fails" }} data-testid="unawaited-verdict">
                    { if o.seen.holds() {
                        "✓ The body ran only when the future was awaited."
                    } else {
                        "✗ The body ran before the await, or not once after it."
                    } }
                </p>
            }
        </div>
    }
}
