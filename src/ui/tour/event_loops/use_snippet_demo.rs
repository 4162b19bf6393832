//! The event-loop demo's state: the snippet, the reader's guess, the browser's recording of a
//! real run, and the stepper's position (which plays on its own after a run).

use crate::ui::shared::run_session::{run_now, use_run_session, Action};
use crate::web::event_loop_probe::{self, Recorded};
use engine::event_loop_model::{self as model, Item};
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// The snippet the page starts with: every kind, in an order whose output surprises.
const DEFAULT: [Item; 6] =
    [Item::Timeout, Item::AnimationFrame, Item::Microtask, Item::SpawnLocal, Item::PromiseThen, Item::Log];

/// What the demo shows, and the callbacks its controls send.
pub struct SnippetDemo {
    /// The snippet's lines, in order.
    pub items: Vec<Item>,
    /// The reader's guess: for each position, the line picked (0-based).
    pub guess: Vec<Option<usize>>,
    /// The guess checked ([`model::check_guess`]).
    pub checked: Result<Vec<usize>, String>,
    /// What the browser really did in the last run.
    pub recorded: Option<Recorded>,
    /// The guess as it was when the last run started.
    pub ran_guess: Option<Vec<usize>>,
    /// Whether the snippet is running.
    pub running: bool,
    /// The stepper's step (at most `last`), and the last step.
    pub at: usize,
    /// The model's last step.
    pub last: usize,
    /// Whether the stepper plays on its own.
    pub playing: bool,
    /// A new snippet (clears the guess and the recording).
    pub on_items: Callback<Vec<Item>>,
    /// A position of the guess set to a line (or cleared).
    pub on_guess: Callback<(usize, Option<usize>)>,
    /// Runs the snippet for real.
    pub on_run: Callback<()>,
    /// Moves the stepper to a step (and pauses it).
    pub on_go: Callback<usize>,
    /// Plays or pauses the stepper (from the start when it is at the end).
    pub on_play: Callback<()>,
}

/// The demo's state and actions (see [`SnippetDemo`]).
#[hook]
pub fn use_snippet_demo() -> SnippetDemo {
    let items = use_state(|| DEFAULT.to_vec());
    let guess = use_state(|| vec![None::<usize>; DEFAULT.len()]);
    // The run's session: its result is the browser's recording.
    let session = use_run_session::<Recorded>();
    let ran_guess = use_state(|| None::<Vec<usize>>);
    let step = use_state(|| 0usize);
    let playing = use_state(|| false);
    let last = model::steps(&items).len() - 1;
    let at = (*step).min(last);
    {
        // While playing, advance one step every 1.2 s; stop at the end.
        let (step, playing) = (step.clone(), playing.clone());
        use_effect_with((*playing, at), move |&(on, at)| {
            let interval = on.then(|| {
                Interval::new(1200, move || {
                    if at >= last {
                        playing.set(false);
                    } else {
                        step.set(at + 1);
                    }
                })
            });
            move || drop(interval)
        });
    }
    let checked = model::check_guess(&guess, items.len());
    let on_items = {
        let (items, guess, session, step, playing) =
            (items.clone(), guess.clone(), session.dispatcher(), step.clone(), playing.clone());
        Callback::from(move |v: Vec<Item>| {
            guess.set(vec![None; v.len()]);
            items.set(v);
            session.dispatch(Action::Reset);
            step.set(0);
            playing.set(false);
        })
    };
    let on_guess = {
        let guess = guess.clone();
        Callback::from(move |(pos, line): (usize, Option<usize>)| {
            let mut g = (*guess).clone();
            g[pos] = line;
            guess.set(g);
        })
    };
    let on_run = {
        let (items, session, ran_guess, checked, step, playing) = (
            items.clone(),
            session.dispatcher(),
            ran_guess.clone(),
            checked.clone().ok(),
            step.clone(),
            playing.clone(),
        );
        Callback::from(move |()| {
            // Clear the last result so nothing on screen predates this run.
            session.dispatch(Action::Reset);
            ran_guess.set(checked.clone());
            let (items, step, playing) = ((*items).clone(), step.clone(), playing.clone());
            run_now(session.clone(), None, move |_| async move {
                let recorded = event_loop_probe::record(&items).await;
                step.set(0);
                playing.set(true);
                Ok(recorded)
            });
        })
    };
    let on_go = {
        let (step, playing) = (step.clone(), playing.clone());
        Callback::from(move |to: usize| {
            playing.set(false);
            step.set(to);
        })
    };
    let on_play = {
        let (playing, step) = (playing.clone(), step.clone());
        Callback::from(move |()| {
            if !*playing && at >= last {
                step.set(0);
            }
            playing.set(!*playing);
        })
    };
    SnippetDemo {
        items: (*items).clone(),
        guess: (*guess).clone(),
        checked,
        recorded: session.result.as_deref().cloned(),
        ran_guess: (*ran_guess).clone(),
        running: session.busy(),
        at,
        last,
        playing: *playing,
        on_items,
        on_guess,
        on_run,
        on_go,
        on_play,
    }
}
