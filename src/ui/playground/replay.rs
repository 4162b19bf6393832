//! Replay of a recorded run (the last run, or an imported log) on a virtual clock: play, pause,
//! step to the previous or next event, drag the scrubber to any time, pick a speed. The timeline
//! (with its "holds the thread" lanes) and the log show the run as it stood at the scrubber's
//! time. The logic is [`engine::replay`]; this component feeds it animation-frame times.

use crate::ui::shared::{live_log::LiveLog, timeline::Timeline};
use crate::web::frame::FrameLoop;
use engine::replay::{Player, Replay, SPEEDS};
use engine::EventLog;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`RunReplay`].
#[derive(Properties, PartialEq)]
pub struct RunReplayProps {
    /// The recorded run.
    pub log: Rc<EventLog>,
    /// Changes when another log is replayed, so the views start over.
    pub run: u64,
}

fn speed_label(s: f64) -> String {
    format!("{s}×")
}

/// The player of a replay: its virtual clock, the frame loop that advances it while it plays,
/// and a redraw of the component.
#[derive(Clone)]
struct PlayerHandle {
    player: Rc<RefCell<Player>>,
    frames: Rc<RefCell<Option<FrameLoop>>>,
    redraw: UseForceUpdateHandle,
}

impl PlayerHandle {
    /// A click that changes the player with `f`, then starts or stops its frame loop.
    fn act(&self, replay: &Rc<Replay>, f: fn(&mut Player, &Replay)) -> Callback<MouseEvent> {
        let (this, replay) = (self.clone(), replay.clone());
        Callback::from(move |_: MouseEvent| {
            f(&mut this.player.borrow_mut(), &replay);
            sync_frames(&this.player, &replay, &this.frames, &this.redraw);
            this.redraw.force_update();
        })
    }

    /// A change that sets the player from the element's value, without starting a frame loop.
    fn set<E: 'static>(
        &self,
        replay: &Rc<Replay>,
        f: fn(&mut Player, &Replay, &str),
        value: fn(&E) -> String,
    ) -> Callback<E> {
        let (this, replay) = (self.clone(), replay.clone());
        Callback::from(move |e: E| {
            f(&mut this.player.borrow_mut(), &replay, &value(&e));
            this.redraw.force_update();
        })
    }
}

/// The player of the replay of `run`: back to the start and paused when another log comes, its
/// frame loop stopped when the component goes away.
#[hook]
fn use_player(run: u64) -> PlayerHandle {
    let handle = PlayerHandle {
        player: use_mut_ref(Player::default),
        frames: use_mut_ref(|| None),
        redraw: use_force_update(),
    };
    {
        let (player, frames) = (handle.player.clone(), handle.frames.clone());
        use_effect_with(run, move |_| {
            *player.borrow_mut() = Player::default();
            frames.borrow_mut().take();
        });
    }
    {
        let frames = handle.frames.clone();
        use_effect_with((), move |_| move || drop(frames.borrow_mut().take()));
    }
    handle
}

/// The replay controls, with a timeline and a log that follow the scrubber.
#[component]
pub fn RunReplay(props: &RunReplayProps) -> Html {
    let t_body = crate::web::clock::now();
    let replay = {
        let log = props.log.clone();
        use_memo(props.run, move |_| Replay::new(&log))
    };
    let handle = use_player(props.run);
    let p = *handle.player.borrow();
    let shown = replay.count_at(p.t_ms);
    // The log as it stood at the scrubber's time: rebuilt only when the number of events shown
    // changes, not on every frame.
    let prefix = {
        let replay = replay.clone();
        let t = p.t_ms;
        use_memo((props.run, shown), move |_| {
            let t0 = crate::web::clock::now();
            let p = Rc::new(replay.prefix(t));
            crate::web::frame::measure("replay:prefix", t0);
            p
        })
    };

    let act = |f: fn(&mut Player, &Replay)| handle.act(&replay, f);
    let on_play = act(|p, r| if p.playing { p.pause() } else { p.play(r) });
    let on_back = act(|p, r| p.step_back(r));
    let on_next = act(|p, r| p.step_forward(r));
    let on_start = act(|p, r| {
        p.pause();
        p.seek(r, 0.0)
    });
    let on_scrub = handle.set(
        &replay,
        |p, r, v| p.seek(r, v.parse().unwrap_or(0.0)),
        |e: &InputEvent| e.target_unchecked_into::<HtmlInputElement>().value(),
    );
    let on_speed = handle.set(
        &replay,
        |p, _, v| p.set_speed(v.parse().unwrap_or(1.0)),
        |e: &Event| e.target_unchecked_into::<HtmlSelectElement>().value(),
    );
    let end = replay.end_ms();
    // The browser rounds a range's value when it reads it back, so the slider's top is the end
    // rounded *up* to a microsecond: dragged to the top, it reaches the end (seek clamps).
    let slider_max = (end * 1000.0).ceil() / 1000.0;
    let out = html! {
        <div class="replay">
            <div class="scrubber">
                <label for="replay-time">{ "Replay time" }</label>
                <input id="replay-time" type="range" min="0" max={slider_max.to_string()} step="any"
                    value={format!("{:.3}", p.t_ms)} oninput={on_scrub}
                    aria-valuetext={format!("{:.1} ms of {:.1} ms", p.t_ms, end)} />
                <span class="clock" data-testid="replay-clock" aria-live="off">
                    { format!("{:.1} / {:.1} ms · {} of {} events", p.t_ms, end, shown, replay.len()) }
                </span>
            </div>
            <div class="controls">
                <button onclick={on_start} disabled={p.t_ms <= 0.0}>{ "Start" }</button>
                <button onclick={on_back} disabled={p.t_ms <= 0.0}>{ "◀ Previous event" }</button>
                <button class="primary" onclick={on_play} disabled={replay.is_empty()}>{ if p.playing { "⏸ Pause" } else { "▶ Play" } }</button>
                <button onclick={on_next} disabled={p.t_ms >= end}>{ "Next event ▶" }</button>
                <span class="speed">
                    <label for="replay-speed">{ "Speed" }</label>
                    <select id="replay-speed" onchange={on_speed}>
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={s.to_string()} selected={*s == p.speed}>{ speed_label(*s) }</option>
                        }) }
                    </select>
                </span>
            </div>
            <Timeline log={(*prefix).clone()} upto_ms={p.t_ms} axis_end_ms={Some(end)} run={props.run} label="Timeline of the replay" />
            <LiveLog log={(*prefix).clone()} run={props.run} filter_id="replay-log-filter" list_label="Replayed events" />
        </div>
    };
    crate::web::frame::measure("replay:body", t_body);
    out
}

/// Starts the frame loop while the player plays and drops it when it stops.
fn sync_frames(
    player: &Rc<RefCell<Player>>,
    replay: &Rc<Replay>,
    frames: &Rc<RefCell<Option<FrameLoop>>>,
    redraw: &UseForceUpdateHandle,
) {
    if !player.borrow().playing {
        frames.borrow_mut().take();
        return;
    }
    let (player, replay, redraw) = (player.clone(), replay.clone(), redraw.clone());
    let mut last: Option<f64> = None;
    *frames.borrow_mut() = Some(FrameLoop::start(move |ts| {
        let dt = last.map_or(0.0, |l| ts - l);
        last = Some(ts);
        let mut p = player.borrow_mut();
        let changed = p.tick(&replay, dt);
        let playing = p.playing;
        drop(p);
        if changed || !playing {
            redraw.force_update();
        }
        playing
    }));
}
