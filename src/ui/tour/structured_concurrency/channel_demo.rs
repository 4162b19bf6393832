//! The rendezvous channel demo: Trio's example beside the Rust it runs, a button, the timed
//! log, and the engine's verdict (recorded for the claims tables).

use super::channel_run::run_channel;
use crate::ui::shared::lab::use_lab;
use crate::ui::shared::run_session::{run_on_lab, use_run_session};
use crate::ui::tour::demo_code::{demo_code, DemoCodeProps};
use crate::ui::tour::lesson_seen::Seen;
use crate::ui::tour::run_bar::run_bar;
use engine::chapters::ch8::{channel_reading, ChannelLine};
use engine::permalink::preset_link;
use yew::prelude::*;

const PYTHON: &str = r#"import trio

async def producer(send):
    async with send:  # closes the channel on the way out
        for i in range(5):
            await trio.sleep(1)
            await send.send(i)  # waits for a receiver
            print("sent", i)

async def consumer(receive):
    async with receive:
        async for value in receive:  # ends when it closes
            print("got", value)
    print("consumer done")

async def main():
    send, receive = trio.open_memory_channel(0)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(producer, send)
        nursery.start_soon(consumer, receive)
    print("Done!")

trio.run(main)"#;

const RUST: &str = r#"// engine::chapters::ch8::rendezvous: no buffer;
// dropping the sender closes the channel.
let (tx, rx) = channel::<u32>();
let producer = async move {
    for v in 0..5 {
        sleep(1000).await;
        tx.send(v).await;  // returns once received
        log(Sent(v));
    }
    log(Closed);
    drop(tx);
};
let consumer = async move {
    while let Some(v) = rx.recv().await {
        log(Got(v));
    }
    log(ConsumerEnded);  // None: the channel closed
};
futures::join!(producer, consumer);  // the nursery
log(Done);"#;

/// Props of [`ChannelDemo`].
#[derive(Properties, PartialEq)]
pub struct ChannelDemoProps {
    /// Where the measured facts go.
    #[prop_or_default]
    pub on_seen: Callback<Seen>,
}

/// Runs the rendezvous channel and shows its log.
#[component]
pub fn ChannelDemo(props: &ChannelDemoProps) -> Html {
    let lab = use_lab();
    let session = use_run_session::<Vec<ChannelLine>>();
    let onclick = {
        let (lab, session, on_seen) = (lab.clone(), session.clone(), props.on_seen.clone());
        Callback::from(move |_| {
            let on_seen = on_seen.clone();
            run_on_lab(&lab, session.dispatcher(), move |_, _| async move {
                let lines = run_channel().await;
                let (value, holds) = channel_reading(&lines);
                crate::web::claims::record(
                    "8_4-rendezvous",
                    engine::claims::Measured {
                        value: value.clone(),
                        holds,
                        at_ms: crate::web::claims::now_epoch_ms(),
                    },
                );
                on_seen.emit(Seen {
                    label: "A channel of capacity 0 that closes".into(),
                    value: value.into(),
                    detail: if holds {
                        "as the tutorial says: Done! prints last."
                    } else {
                        "not what the tutorial says: see the log."
                    }
                    .into(),
                });
                Ok(lines)
            });
        })
    };
    let link = preset_link("8_4-rendezvous");
    html! {
        <div class="card ch8-channel" data-demo="channel">
            <h3>{ "A rendezvous channel that closes (8_4)" }</h3>
            <p>{ "Five values a second apart through a channel with no buffer. Each send returns only once the consumer has the value; when the producer is done it closes its end, and the consumer's loop ends by itself." }</p>
            { demo_code(&DemoCodeProps { class: Some("ch8-pair"), python_caption: "Python (Trio)", python: PYTHON, rust: RUST }) }
            { run_bar(&session, false, onclick, link.map(|l| (l, "Open the queue version in the playground"))) }
            if let Some(lines) = &session.result {
                <ol class="ch8-log" aria-label="Log of the rendezvous channel">
                    { for lines.iter().map(|l| html! {
                        <li><span class="ch8-t">{ format!("{:>7.1} ms", l.t_ms) }</span>{ " " }{ l.what.words() }</li>
                    }) }
                </ol>
                { {
                    let (value, holds) = channel_reading(lines);
                    html! {
                        <p class={classes!("ch8-verdict", if holds { "holds" } else { "fails" })} data-holds={holds.to_string()} aria-live="polite">
                            { if holds { "✓ " } else { "✗ " } }{ value }
                        </p>
                    }
                } }
            }
        </div>
    }
}
