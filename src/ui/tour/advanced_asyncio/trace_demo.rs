//! One of the chapter's demos as a card: its claim, its Python beside its Rust, a button that
//! runs it on the page's event loop, the timed log it wrote, and the engine's verdict (recorded
//! for the claims tables and sent to the "What you just saw" box).

use super::runs::run_demo;
use super::snippets;
use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use crate::ui::tour::demo_code::{demo_code, DemoCodeProps};
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::run_bar::run_bar;
use engine::chapters::ch5::{judge, Demo, Line};
use engine::permalink::preset_link;
use yew::prelude::*;

/// Props of [`TraceDemo`].
#[derive(Properties, PartialEq)]
pub struct TraceDemoProps {
    /// Which demo.
    pub demo: Demo,
    /// Where the measured facts go.
    #[prop_or_default]
    pub on_seen: Callback<Seen>,
}

/// Runs one demo and shows its log and verdict.
#[component]
pub fn TraceDemo(props: &TraceDemoProps) -> Html {
    let demo = props.demo;
    let lab = use_lab();
    let session = use_run_session::<Vec<Line>>();
    let onclick = {
        let (lab, session, on_seen) = (lab.clone(), session.clone(), props.on_seen.clone());
        Callback::from(move |_| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, session.dispatcher(), move |_, _| async move {
                let lines = run_demo(demo).await;
                let r = judge(demo, &lines);
                crate::web::claims::record(
                    demo.claim_id(),
                    engine::claims::Measured {
                        value: r.value.clone(),
                        holds: r.holds,
                        at_ms: crate::web::claims::now_epoch_ms(),
                    },
                );
                on_seen.emit(Seen {
                    label: demo.title().into(),
                    value: r.value.into(),
                    detail: if r.holds {
                        "as the tutorial says."
                    } else {
                        "not what the tutorial says: see the log."
                    }
                    .into(),
                });
                Ok(lines)
            });
        })
    };
    let claim = engine::claims::by_id(demo.claim_id()).map_or("", |c| c.claim);
    html! {
        <div class="card ch5-demo" data-demo={demo.key()}>
            <h3>{ demo.title() }</h3>
            <p>{ claim }</p>
            if let Some((py, rs)) = snippets::pair(demo) {
                { demo_code(&DemoCodeProps { class: Some("ch5-pair"), python_caption: "Python (asyncio)", python: py, rust: rs }) }
            }
            { run_bar(&session, false, onclick, demo.preset().and_then(preset_link).map(|l| (l, "Open in the playground"))) }
            if let Some(lines) = &session.result {
                <ol class="ch5-log" aria-label={format!("Log of {}", demo.title())}>
                    { for lines.iter().map(|l| html! {
                        <li><span class="ch5-t">{ format!("{:>6.1} ms", l.t_ms) }</span>{ " " }{ l.what.words() }</li>
                    }) }
                </ol>
                { {
                    let r = judge(demo, lines);
                    html! {
                        <p class={classes!("ch5-verdict", if r.holds { "holds" } else { "fails" })}
                           data-holds={r.holds.to_string()} aria-live="polite">
                            { if r.holds { "✓ " } else { "✗ " } }{ r.value }
                        </p>
                    }
                } }
            }
        </div>
    }
}
