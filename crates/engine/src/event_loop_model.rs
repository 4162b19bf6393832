//! A model of the HTML event loop, as the browser runs one snippet of scheduling code.
//!
//! The reader builds a snippet: an ordered list of [`Item`]s, each scheduled (or run) in one
//! synchronous turn. [`steps`] plays the loop forward one action at a time and returns every
//! state (call stack, microtask queue, timer queue, the Rust executor's queue, animation-frame
//! callbacks, output), so a page can draw it; [`predict`] is the order the items run in.
//!
//! The rules the model encodes:
//! - synchronous code runs at once, in program order;
//! - `queueMicrotask` and `Promise.resolve().then` each queue one microtask; the microtask queue
//!   is drained completely (first in, first out) as soon as the call stack is empty;
//! - `wasm_bindgen_futures::spawn_local` pushes the future onto the Rust executor's own queue and,
//!   only if that queue is not already scheduled, queues *one* microtask that polls every future
//!   queued so far; so all futures spawned in one turn run together, at the place of the first;
//! - each `setTimeout(0)` callback is its own task (macrotask), run after the microtasks;
//! - `requestAnimationFrame` callbacks run before the next frame is drawn. The snippet starts
//!   right after a frame (inside an animation-frame callback), so the next frame is ~16 ms away
//!   and zero-delay timers run first. Started at a random moment instead, a frame could be due
//!   sooner than a timer's task, and the two could swap.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One line of the snippet: something run or scheduled during the synchronous turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Item {
    /// Plain synchronous code: `console.log(…)` / `log(…)` runs right away.
    Log,
    /// `setTimeout(cb, 0)`: a timer task (macrotask).
    Timeout,
    /// `queueMicrotask(cb)`: a microtask.
    Microtask,
    /// `Promise.resolve().then(cb)`: a promise reaction, which is a microtask too.
    PromiseThen,
    /// `wasm_bindgen_futures::spawn_local(fut)`: a future on the Rust executor's queue.
    SpawnLocal,
    /// `requestAnimationFrame(cb)`: a callback run before the next frame is drawn.
    AnimationFrame,
}

impl Item {
    /// Every kind of line, in the order the page lists them.
    pub const ALL: [Item; 6] = [
        Item::Log,
        Item::Timeout,
        Item::Microtask,
        Item::PromiseThen,
        Item::SpawnLocal,
        Item::AnimationFrame,
    ];

    /// A short name for the output and the queues.
    pub fn name(self) -> &'static str {
        match self {
            Item::Log => "sync log",
            Item::Timeout => "setTimeout(0)",
            Item::Microtask => "queueMicrotask",
            Item::PromiseThen => "Promise.then",
            Item::SpawnLocal => "spawn_local",
            Item::AnimationFrame => "requestAnimationFrame",
        }
    }

    /// The line as it is written in JavaScript.
    pub fn js(self) -> &'static str {
        match self {
            Item::Log => "log(\"sync log\");",
            Item::Timeout => "setTimeout(() => log(\"setTimeout(0)\"), 0);",
            Item::Microtask => "queueMicrotask(() => log(\"queueMicrotask\"));",
            Item::PromiseThen => "Promise.resolve().then(() => log(\"Promise.then\"));",
            Item::SpawnLocal => "// (Rust only: a future on wasm-bindgen-futures' queue)",
            Item::AnimationFrame => "requestAnimationFrame(() => log(\"requestAnimationFrame\"));",
        }
    }

    /// The line as the page really runs it, in Rust.
    pub fn rust(self) -> &'static str {
        match self {
            Item::Log => "log(\"sync log\");",
            Item::Timeout => "set_timeout_0(|| log(\"setTimeout(0)\"));",
            Item::Microtask => "queue_microtask(|| log(\"queueMicrotask\"));",
            Item::PromiseThen => "promise_resolve_then(|| log(\"Promise.then\"));",
            Item::SpawnLocal => "spawn_local(async { log(\"spawn_local\") });",
            Item::AnimationFrame => "request_animation_frame(|| log(\"requestAnimationFrame\"));",
        }
    }

    /// A stable key, for URLs and test ids.
    pub fn key(self) -> &'static str {
        match self {
            Item::Log => "log",
            Item::Timeout => "timeout",
            Item::Microtask => "microtask",
            Item::PromiseThen => "then",
            Item::SpawnLocal => "spawn",
            Item::AnimationFrame => "raf",
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a snippet is not one the page offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnippetError {
    /// No lines at all.
    Empty,
    /// A kind of line appears twice (the page offers each kind once).
    Repeated(Item),
}

impl fmt::Display for SnippetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnippetError::Empty => write!(f, "Add at least one line to the snippet."),
            SnippetError::Repeated(i) => write!(f, "“{i}” appears twice; each kind may appear once."),
        }
    }
}

/// Checks that a snippet is one the page offers: 1 to 6 lines, each kind at most once.
pub fn validate(items: &[Item]) -> Result<(), SnippetError> {
    if items.is_empty() {
        return Err(SnippetError::Empty);
    }
    for (k, a) in items.iter().enumerate() {
        if items[..k].contains(a) {
            return Err(SnippetError::Repeated(*a));
        }
    }
    Ok(())
}

/// Every snippet the page offers: each non-empty ordered selection of distinct kinds
/// (6 + 30 + 120 + 360 + 720 + 720 = 1956 snippets).
pub fn all_snippets() -> Vec<Vec<Item>> {
    fn grow(prefix: &mut Vec<Item>, out: &mut Vec<Vec<Item>>) {
        for item in Item::ALL {
            if !prefix.contains(&item) {
                prefix.push(item);
                out.push(prefix.clone());
                grow(prefix, out);
                prefix.pop();
            }
        }
    }
    let mut out = Vec::new();
    grow(&mut Vec::new(), &mut out);
    out
}

/// An entry of the microtask queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Micro {
    /// The callback of snippet line `k` (0-based).
    Callback(usize),
    /// wasm-bindgen-futures' "run every queued future" job.
    Executor,
}

/// Where the loop is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The snippet's synchronous turn.
    Sync,
    /// Draining the microtask queue.
    Microtasks,
    /// Running timer tasks.
    Timers,
    /// Running animation-frame callbacks before the next frame.
    Frame,
    /// Nothing is left to run.
    Done,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Sync => "synchronous turn",
            Phase::Microtasks => "microtask checkpoint",
            Phase::Timers => "timer tasks",
            Phase::Frame => "next frame",
            Phase::Done => "done",
        })
    }
}

/// The loop's state after one step. Queue entries are 0-based snippet line numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoopState {
    /// What this step did, in one sentence.
    pub note: String,
    /// Where the loop is.
    pub phase: Phase,
    /// The call stack, bottom first.
    pub call_stack: Vec<String>,
    /// The microtask queue, front first.
    pub microtasks: Vec<Micro>,
    /// The timer (macrotask) queue, front first.
    pub timers: Vec<usize>,
    /// The Rust executor's queue of futures to poll, front first.
    pub rust_queue: Vec<usize>,
    /// Animation-frame callbacks waiting for the next frame.
    pub frame_callbacks: Vec<usize>,
    /// Lines that have run (written to the output) so far, in order.
    pub output: Vec<usize>,
}

/// Plays the event loop forward over `items`; returns the state after every step, starting
/// with the state before the first line runs.
pub fn steps(items: &[Item]) -> Vec<LoopState> {
    let mut s = LoopState {
        note: "The snippet starts: it runs inside an animation-frame callback, right after a frame.".into(),
        phase: Phase::Sync,
        call_stack: vec!["snippet()".into()],
        microtasks: vec![],
        timers: vec![],
        rust_queue: vec![],
        frame_callbacks: vec![],
        output: vec![],
    };
    let mut out = vec![s.clone()];
    let mut executor_scheduled = false;
    let mut push = |s: &mut LoopState, note: String| {
        s.note = note;
        out.push(s.clone());
    };

    for (k, item) in items.iter().enumerate() {
        let line = k + 1;
        let note = match item {
            Item::Log => {
                s.output.push(k);
                format!("Line {line}: synchronous code runs at once and logs “{item}”.")
            }
            Item::Timeout => {
                s.timers.push(k);
                format!("Line {line}: setTimeout(0) puts its callback in the timer queue: a task for later.")
            }
            Item::Microtask => {
                s.microtasks.push(Micro::Callback(k));
                format!("Line {line}: queueMicrotask adds its callback to the microtask queue.")
            }
            Item::PromiseThen => {
                s.microtasks.push(Micro::Callback(k));
                format!(
                    "Line {line}: the promise is already resolved, so .then queues its callback as a microtask."
                )
            }
            Item::SpawnLocal => {
                s.rust_queue.push(k);
                if executor_scheduled {
                    format!("Line {line}: spawn_local adds the future to the Rust queue, already scheduled.")
                } else {
                    executor_scheduled = true;
                    s.microtasks.push(Micro::Executor);
                    format!(
                        "Line {line}: spawn_local queues the future on the Rust executor, which schedules \
                         itself with one microtask."
                    )
                }
            }
            Item::AnimationFrame => {
                s.frame_callbacks.push(k);
                format!("Line {line}: requestAnimationFrame keeps its callback for the next frame.")
            }
        };
        push(&mut s, note);
    }

    s.call_stack.clear();
    s.phase = Phase::Microtasks;
    push(
        &mut s,
        "The snippet returns; the call stack is empty, so the microtask queue is drained now.".into(),
    );

    while !s.microtasks.is_empty() {
        match s.microtasks.remove(0) {
            Micro::Callback(k) => {
                s.call_stack = vec![format!("{} callback", items[k])];
                s.output.push(k);
                push(&mut s, format!("Microtask: line {}'s callback runs and logs “{}”.", k + 1, items[k]));
            }
            Micro::Executor => {
                executor_scheduled = false;
                s.call_stack = vec!["Rust executor: run queued futures".into()];
                push(&mut s, "Microtask: the Rust executor runs and polls every future in its queue.".into());
                while !s.rust_queue.is_empty() {
                    let k = s.rust_queue.remove(0);
                    s.call_stack = vec![
                        "Rust executor: run queued futures".into(),
                        format!("poll future (line {})", k + 1),
                    ];
                    s.output.push(k);
                    push(&mut s, format!("The future of line {} is polled: it logs and is Ready.", k + 1));
                }
            }
        }
        s.call_stack.clear();
    }
    debug_assert!(!executor_scheduled);

    if !s.timers.is_empty() {
        s.phase = Phase::Timers;
        push(&mut s, "No microtasks left. The browser may now draw; then it takes the next task.".into());
        while !s.timers.is_empty() {
            let k = s.timers.remove(0);
            s.call_stack = vec!["setTimeout callback".into()];
            s.output.push(k);
            push(
                &mut s,
                format!(
                    "Task: line {}'s timer fires; its callback logs “{}”. (No microtasks follow.)",
                    k + 1,
                    items[k]
                ),
            );
            s.call_stack.clear();
        }
    }

    if !s.frame_callbacks.is_empty() {
        s.phase = Phase::Frame;
        s.call_stack.clear();
        push(
            &mut s,
            "About 16 ms after the last frame, the next frame is due: its callbacks run first.".into(),
        );
        while !s.frame_callbacks.is_empty() {
            let k = s.frame_callbacks.remove(0);
            s.call_stack = vec!["requestAnimationFrame callback".into()];
            s.output.push(k);
            push(&mut s, format!("Frame: line {}'s callback runs and logs “{}”.", k + 1, items[k]));
            s.call_stack.clear();
        }
    }

    s.phase = Phase::Done;
    s.call_stack.clear();
    push(&mut s, "Every queue is empty: the snippet's work is done.".into());
    out
}

/// The order the model predicts: snippet line indices (0-based) in the order they run.
pub fn predict(items: &[Item]) -> Vec<usize> {
    steps(items).pop().map(|s| s.output).unwrap_or_default()
}

/// Where an observed order first differs from the prediction (`None`: they agree).
pub fn first_difference(predicted: &[usize], observed: &[usize]) -> Option<usize> {
    (0..predicted.len().max(observed.len())).find(|&i| predicted.get(i) != observed.get(i))
}

/// True when `observed` differs from `predicted` only in how timer callbacks and animation-frame
/// callbacks interleave: every other line ran where predicted, timers kept their order among
/// themselves, and so did frame callbacks. That is the race of a frame that became due before a
/// zero-delay timer's task got the thread (a busy or throttled browser).
pub fn is_frame_timer_race(items: &[Item], predicted: &[usize], observed: &[usize]) -> bool {
    let keep = |order: &[usize], f: &dyn Fn(Item) -> bool| -> Vec<usize> {
        order.iter().copied().filter(|&k| items.get(k).is_some_and(|&i| f(i))).collect()
    };
    let racing = |i: Item| matches!(i, Item::Timeout | Item::AnimationFrame);
    predicted != observed
        && predicted.len() == observed.len()
        && keep(predicted, &|i| !racing(i)) == keep(observed, &|i| !racing(i))
        && keep(predicted, &|i| i == Item::Timeout) == keep(observed, &|i| i == Item::Timeout)
        && keep(predicted, &|i| i == Item::AnimationFrame) == keep(observed, &|i| i == Item::AnimationFrame)
}

/// Checks a reader's guess of the order `n` lines run in (for each position, the 0-based line
/// picked, if any): every position filled and no line picked twice. Returns the order, or what
/// to fix.
pub fn check_guess(guess: &[Option<usize>], n: usize) -> Result<Vec<usize>, String> {
    let mut out = Vec::with_capacity(n);
    for (pos, g) in guess.iter().enumerate().take(n) {
        match g {
            None => return Err(format!("Pick a line for position {}.", pos + 1)),
            Some(k) if out.contains(k) => return Err(format!("Line {} is picked twice.", k + 1)),
            Some(k) => out.push(*k),
        }
    }
    Ok(out)
}

/// How many positions of a guess (or of the model's prediction) match the observed order.
pub fn guess_score(guess: &[usize], observed: &[usize]) -> usize {
    guess.iter().zip(observed).filter(|(g, o)| g == o).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Item::*;

    fn names(items: &[Item]) -> Vec<&'static str> {
        predict(items).into_iter().map(|k| items[k].name()).collect()
    }

    /// Guards the classic order: sync, then microtasks in order, then timers, then the frame.
    #[test]
    fn the_default_snippet_runs_sync_then_microtasks_then_timers_then_the_frame() {
        let items = [Timeout, AnimationFrame, Microtask, SpawnLocal, PromiseThen, Log];
        assert_eq!(
            names(&items),
            [
                "sync log",
                "queueMicrotask",
                "spawn_local",
                "Promise.then",
                "setTimeout(0)",
                "requestAnimationFrame"
            ]
        );
    }

    #[test]
    fn the_rust_executor_runs_where_its_microtask_was_queued() {
        assert_eq!(
            names(&[PromiseThen, SpawnLocal, Microtask]),
            ["Promise.then", "spawn_local", "queueMicrotask"]
        );
        assert_eq!(names(&[SpawnLocal, PromiseThen]), ["spawn_local", "Promise.then"]);
    }

    #[test]
    fn steps_draw_the_queues() {
        let items = [SpawnLocal, Timeout, Microtask];
        let st = steps(&items);
        // After the three lines: executor job then the microtask queued, one timer waiting.
        let after_sync = &st[3];
        assert_eq!(after_sync.microtasks, [Micro::Executor, Micro::Callback(2)]);
        assert_eq!(after_sync.rust_queue, [0]);
        assert_eq!(after_sync.timers, [1]);
        assert_eq!(after_sync.call_stack, ["snippet()"]);
        let last = st.last().unwrap();
        assert_eq!(last.phase, Phase::Done);
        assert!(last.microtasks.is_empty() && last.timers.is_empty() && last.rust_queue.is_empty());
        assert_eq!(last.output, [0, 2, 1]);
    }

    #[test]
    fn every_offered_snippet_is_valid_and_each_line_runs_once() {
        let all = all_snippets();
        assert_eq!(all.len(), 1956);
        for s in &all {
            assert_eq!(validate(s), Ok(()));
            let mut p = predict(s);
            p.sort_unstable();
            assert_eq!(p, (0..s.len()).collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(validate(&[]), Err(SnippetError::Empty));
        assert_eq!(validate(&[Log, Timeout, Log]), Err(SnippetError::Repeated(Log)));
    }

    #[test]
    fn a_frame_before_a_timer_is_recognised_as_the_race_and_nothing_else_is() {
        let items = [Log, Timeout, AnimationFrame, Microtask];
        let predicted = predict(&items);
        assert_eq!(predicted, [0, 3, 1, 2]);
        assert!(is_frame_timer_race(&items, &predicted, &[0, 3, 2, 1]));
        assert!(!is_frame_timer_race(&items, &predicted, &predicted));
        assert!(!is_frame_timer_race(&items, &predicted, &[3, 0, 1, 2]));
        assert!(!is_frame_timer_race(&items, &predicted, &[0, 3, 1]));
    }

    #[test]
    fn differences_and_guesses_are_counted() {
        assert_eq!(first_difference(&[0, 1, 2], &[0, 1, 2]), None);
        assert_eq!(first_difference(&[0, 1, 2], &[0, 2, 1]), Some(1));
        assert_eq!(first_difference(&[0, 1], &[0]), Some(1));
        assert_eq!(guess_score(&[0, 2, 1], &[0, 1, 2]), 1);
    }

    #[test]
    fn a_guess_needs_every_position_and_each_line_once() {
        assert_eq!(check_guess(&[Some(1), Some(0)], 2), Ok(vec![1, 0]));
        assert_eq!(check_guess(&[Some(1), None], 2), Err("Pick a line for position 2.".into()));
        assert_eq!(check_guess(&[Some(1), Some(1)], 2), Err("Line 2 is picked twice.".into()));
    }
}
