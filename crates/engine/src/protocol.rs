//! The messages the page and its Web Workers exchange.
//!
//! Every `postMessage` carries an *envelope*: a JS object `{ msg, buf? }` where `msg` is a
//! `Uint8Array` of the bytes made by [`encode`] and read by [`decode`] (the same functions run on
//! both sides, so what the tests round-trip here is what the bridge sends), and `buf` is an
//! optional `ArrayBuffer` (copied or transferred) or `SharedArrayBuffer` (shared) that travels
//! beside it.
//!
//! The bytes are [postcard](https://docs.rs/postcard)'s compact serde format, not JSON text: the
//! worker must stay small (its budget is 40 KB of gzipped wasm), and a JSON parser plus its
//! serde visitors were a third of the worker's code. Unknown or truncated bytes are an error,
//! never a panic.

use crate::event::EventKind;
use crate::scenario::TaskSpec;
use crate::sync::ResourceKind;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// A request from the page to a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Compute `checksum(seed, units, rounds_per_unit)` and answer with [`FromWorker::Checksum`].
    Checksum {
        /// Matches the answer to the request.
        id: u64,
        /// Seed of the hash chain.
        seed: u64,
        /// Units of work.
        units: u64,
        /// Rounds per unit (from the page's calibration, so both sides do the same work).
        rounds_per_unit: u64,
    },
    /// Measure this worker's speed: compute for about `sample_ms` and answer
    /// [`FromWorker::Calibrated`].
    Calibrate {
        /// Matches the answer to the request.
        id: u64,
        /// How long to compute, by the worker's clock.
        sample_ms: f64,
    },
    /// Run one task of a scenario: real CPU work of `ms × rounds_per_ms` rounds per work step
    /// and the worker's own timers for waits. The worker streams [`FromWorker::TaskEvent`]s and
    /// ends with [`FromWorker::TaskDone`].
    RunTask {
        /// Matches the answers to the request.
        id: u64,
        /// The task's index in its scenario.
        task: u32,
        /// What to run.
        spec: TaskSpec,
        /// Seed of the task's hash chain (see [`crate::parallel::task_checksum`]).
        seed: u64,
        /// Rounds of the hash chain per unit (the page's calibration).
        rounds_per_ms: u64,
        /// Panic at the first step instead of running it (the page's "make this worker panic"
        /// control): proves a crashed worker is reported and replaced.
        panic: bool,
    },
    /// A small message; answered at once with [`FromWorker::Pong`] (round-trip benchmark).
    Ping {
        /// Matches the answer to the request.
        id: u64,
    },
    /// The envelope's `buf` holds an `ArrayBuffer`: send it straight back, copied (structured
    /// clone) or moved (transfer list), and say how many bytes arrived.
    Echo {
        /// Matches the answer to the request.
        id: u64,
        /// Send the buffer back in the transfer list instead of copying it.
        transfer: bool,
    },
    /// The envelope's `buf` holds an `ArrayBuffer` (a copy: structured clone) or a
    /// `SharedArrayBuffer` (the same memory as the page's): set its first `Int32Array` word to
    /// `value` and answer with [`FromWorker::Overwritten`]: what the worker saw before and after.
    /// The page then reads its own view: unchanged after a copy, changed when shared.
    Overwrite {
        /// Matches the answer to the request.
        id: u64,
        /// The value to write.
        value: i32,
    },
    /// The envelope's `buf` holds a `SharedArrayBuffer`; increment the `Int32Array` counter at
    /// `index` `times` times, either as read–compute–write (which loses updates when another
    /// worker does the same) or with `Atomics.add` (which never does). First, if `start_together`
    /// is above 1, meet the other workers at a barrier (word `index + 1` counts arrivals) so all
    /// start incrementing at the same moment.
    Increment {
        /// Matches the answer to the request.
        id: u64,
        /// Index of the counter in the shared `Int32Array`.
        index: u32,
        /// How many increments.
        times: u32,
        /// Use `Atomics.add` instead of a plain read and write.
        atomic: bool,
        /// Rounds of hash-chain work between the read and the write (widens the race window).
        work_rounds: u32,
        /// How many workers meet at the barrier before starting (0 or 1: no barrier).
        start_together: u32,
    },
    /// The envelope's `buf` holds a `SharedArrayBuffer` whose `Int32Array` word 0 is a global
    /// lock ("GIL": 0 = free, 1 = held) and word 1 counts its waiters. Run the task like
    /// [`ToWorker::RunTask`], but do its CPU work in slices holding the lock for at most
    /// `switch_ms` at a time (then handing it over, like CPython's switch interval), and release
    /// it during waits; with `use_lock` false, run the same work without the lock. Streams
    /// [`FromWorker::TaskEvent`]s (waiting for the lock shows as ready-but-waiting) and ends with
    /// [`FromWorker::TaskDone`], whose checksum is [`crate::parallel::task_checksum`]'s.
    GilWork {
        /// Matches the answers to the request.
        id: u64,
        /// The task's index in its scenario.
        task: u32,
        /// What to run.
        spec: TaskSpec,
        /// Rounds per unit (the page's calibration).
        rounds_per_ms: u64,
        /// Longest time one worker holds the lock before handing it over, ms.
        switch_ms: f64,
        /// Take the lock (true) or run freely (false).
        use_lock: bool,
        /// Seed of the hash chain.
        seed: u64,
    },
    /// Serve `requests` simulated requests, each `work_ms` of CPU work (`work_ms × rounds_per_ms`
    /// rounds) and then `io_ms` of I/O, and answer [`FromWorker::Served`] when done.
    ///
    /// `blocking`: a synchronous worker. The envelope's `buf` holds a `SharedArrayBuffer` whose
    /// `Int32Array` word 0 is the next request to serve, shared by every worker of the server:
    /// the worker takes one with `Atomics.add`, serves it, and blocks its thread in
    /// `Atomics.wait` (on word 1, which nobody changes, with the I/O time as the timeout) for the
    /// I/O; so it serves one request at a time, until none is left. Otherwise: an event loop.
    /// The worker starts all `requests` at once on its own loop, each awaiting a timer for its
    /// I/O, so their waits overlap (no buffer needed).
    Serve {
        /// Matches the answer to the request.
        id: u64,
        /// Requests the whole server serves (all of them for the event loop).
        requests: u32,
        /// CPU work per request, ms at the page's calibrated speed.
        work_ms: f64,
        /// I/O per request, ms.
        io_ms: f64,
        /// Rounds of the hash chain per ms (the page's calibration).
        rounds_per_ms: u64,
        /// A synchronous worker blocking on `Atomics.wait` (true) or one event loop (false).
        blocking: bool,
    },
    /// Run one task like [`ToWorker::RunTask`], with its lock, semaphore and counter steps on
    /// the run's shared memory: the envelope's `buf` holds a `SharedArrayBuffer` laid out by
    /// [`crate::shared_sync::Layout::of`]`(&resources)`, the same buffer for every worker of the
    /// run. The worker streams [`FromWorker::TaskEvent`]s, the resource operations among them
    /// (requested, blocked with the holders, granted with the time waited by its own clock,
    /// released), and ends with [`FromWorker::TaskDone`].
    /// Last of the variants, so the others keep their wire numbers (postcard numbers variants
    /// in order; e2e/tests/workers.test.mjs encodes a few by hand).
    RunShared {
        /// Matches the answers to the request.
        id: u64,
        /// The task's index in its scenario.
        task: u32,
        /// What to run.
        spec: TaskSpec,
        /// Seed of the task's hash chain.
        seed: u64,
        /// Rounds of the hash chain per unit (the page's calibration).
        rounds_per_ms: u64,
        /// The scenario's resources, in order (the steps name them by index).
        resources: Vec<ResourceKind>,
    },
}

/// The least time the page gives any request before it gives up on the worker, ms: generous, so
/// a worker slowed by a busy machine (or a start-up in progress) is never mistaken for a hung one.
pub const ANSWER_FLOOR_MS: f64 = 30_000.0;

/// How many times its nominal duration a request may take on top of [`ANSWER_FLOOR_MS`]: the
/// work of a task under the GIL lock is shared with every other worker, and a loaded 2-core
/// machine runs several workers on one core.
pub const ANSWER_SLACK: f64 = 20.0;

impl ToWorker {
    /// How long the page waits for this request's final answer before it treats the worker as
    /// hung (terminates and replaces it, and fails the request with the reason), ms.
    pub fn answer_deadline_ms(&self) -> f64 {
        let nominal = match self {
            ToWorker::RunTask { spec, .. }
            | ToWorker::GilWork { spec, .. }
            | ToWorker::RunShared { spec, .. } => spec.solo_ms(),
            ToWorker::Calibrate { sample_ms, .. } => sample_ms.clamp(1.0, 1000.0),
            // Units are milliseconds of work at the page's calibrated speed.
            ToWorker::Checksum { units, .. } => *units as f64,
            // The slowest server: one worker serving every request in turn.
            ToWorker::Serve { requests, work_ms, io_ms, .. } => {
                f64::from(*requests) * (work_ms.max(0.0) + io_ms.max(0.0))
            }
            ToWorker::Ping { .. }
            | ToWorker::Echo { .. }
            | ToWorker::Overwrite { .. }
            | ToWorker::Increment { .. } => 0.0,
        };
        ANSWER_FLOOR_MS + ANSWER_SLACK * nominal
    }
}

/// A message from a worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker's module has loaded and it listens for requests.
    Ready,
    /// The answer to [`ToWorker::Checksum`].
    Checksum {
        /// The request's id.
        id: u64,
        /// The checksum the worker computed.
        value: u64,
        /// How long the computation took inside the worker, by the worker's clock.
        elapsed_ms: f64,
    },
    /// The answer to [`ToWorker::Calibrate`].
    Calibrated {
        /// The request's id.
        id: u64,
        /// Rounds of the hash chain per millisecond on this worker.
        rounds_per_ms: u64,
    },
    /// Something happened to a task the worker runs. `at_ms` is the worker's absolute clock
    /// (`performance.timeOrigin + performance.now()`), which the page turns into run time.
    TaskEvent {
        /// The request's id.
        id: u64,
        /// The task's index in its scenario.
        task: u32,
        /// Absolute time, ms since the Unix epoch, sub-millisecond precision.
        at_ms: f64,
        /// What happened.
        kind: EventKind,
    },
    /// The last answer to [`ToWorker::RunTask`] or [`ToWorker::GilWork`]: the task finished.
    TaskDone {
        /// The request's id.
        id: u64,
        /// The checksum of the task's work, for the page to check.
        checksum: u64,
        /// Time spent in CPU work, by the worker's clock.
        work_ms: f64,
    },
    /// The answer to [`ToWorker::Ping`].
    Pong {
        /// The request's id.
        id: u64,
    },
    /// The answer to [`ToWorker::Echo`]; the buffer is in the envelope's `buf`.
    Echoed {
        /// The request's id.
        id: u64,
        /// Bytes the worker received.
        bytes: u64,
    },
    /// The answer to [`ToWorker::Overwrite`], as the worker saw its buffer.
    Overwritten {
        /// The request's id.
        id: u64,
        /// Word 0 before the write.
        before: i32,
        /// Word 0 after the write.
        after: i32,
    },
    /// The answer to [`ToWorker::Increment`].
    Incremented {
        /// The request's id.
        id: u64,
        /// Time the increments took, ms.
        elapsed_ms: f64,
    },
    /// The answer to [`ToWorker::Serve`]: when each request this worker served finished.
    Served {
        /// The request's id.
        id: u64,
        /// Absolute end time of each request served here (ms since the Unix epoch, the worker's
        /// `performance.timeOrigin + performance.now()`), in the order they finished.
        ends_ms: Vec<f64>,
        /// Time spent in CPU work, by the worker's clock.
        work_ms: f64,
    },
    /// The worker's code panicked; the worker is dead after this message.
    Panicked {
        /// The panic message.
        message: String,
    },
    /// The worker could not handle a message.
    Error {
        /// The request's id, when it could be read.
        id: Option<u64>,
        /// What went wrong.
        message: String,
    },
}

impl FromWorker {
    /// The request this message answers, if any.
    pub fn reply_to(&self) -> Option<u64> {
        match self {
            FromWorker::Ready | FromWorker::Panicked { .. } => None,
            FromWorker::Checksum { id, .. }
            | FromWorker::Calibrated { id, .. }
            | FromWorker::TaskEvent { id, .. }
            | FromWorker::TaskDone { id, .. }
            | FromWorker::Pong { id }
            | FromWorker::Echoed { id, .. }
            | FromWorker::Overwritten { id, .. }
            | FromWorker::Incremented { id, .. }
            | FromWorker::Served { id, .. } => Some(*id),
            FromWorker::Error { id, .. } => *id,
        }
    }

    /// True for the message that ends a request (everything but progress events).
    pub fn is_final(&self) -> bool {
        !matches!(self, FromWorker::TaskEvent { .. } | FromWorker::Ready)
    }
}

/// Encodes a message as the bytes that travel in the envelope's `msg`.
pub fn encode<T: Serialize>(msg: &T) -> Vec<u8> {
    // Serialising these plain enums into a growable buffer cannot fail: no maps, no foreign types.
    postcard::to_allocvec(msg).expect("protocol messages always serialise")
}

/// Decodes a message; the error text is shown to the reader if a message is garbled.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match postcard::from_bytes::<T>(bytes) {
        Ok(m) => Ok(m),
        // postcard's errors are terse: say which message it was and how long, not a parser trace.
        Err(e) => Err(format!("unreadable worker message ({} bytes): {e:?}", bytes.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Step;

    /// Guards the bridge: every request and answer survives the bytes the envelope carries.
    #[test]
    fn messages_round_trip_through_the_bridge_encoding() {
        let spec = TaskSpec {
            name: "cpu-1 ✓".into(),
            start_delay_ms: 2.5,
            steps: vec![Step::Work { ms: 200.0 }, Step::Wait { ms: 0.125 }],
        };
        let reqs = [
            ToWorker::Checksum { id: 9, seed: u64::MAX, units: 200, rounds_per_unit: 123_456 },
            ToWorker::Calibrate { id: 1, sample_ms: 50.0 },
            ToWorker::RunTask {
                id: 2,
                task: 7,
                spec: spec.clone(),
                seed: u64::MAX,
                rounds_per_ms: 99_999,
                panic: true,
            },
            ToWorker::RunShared {
                id: 11,
                task: 3,
                spec: TaskSpec {
                    name: "locked".into(),
                    start_delay_ms: 0.0,
                    steps: vec![
                        Step::With { res: 0 },
                        Step::Read { res: 1 },
                        Step::Write { res: 1 },
                        Step::End,
                    ],
                },
                seed: 7,
                rounds_per_ms: 5,
                resources: vec![
                    ResourceKind::Lock,
                    ResourceKind::Counter,
                    ResourceKind::Semaphore { permits: 10 },
                ],
            },
            ToWorker::Ping { id: u64::MAX },
            ToWorker::Echo { id: 4, transfer: true },
            ToWorker::Overwrite { id: 8, value: -7 },
            ToWorker::Increment {
                id: 5,
                index: 1,
                times: 10_000,
                atomic: false,
                work_rounds: 64,
                start_together: 2,
            },
            ToWorker::GilWork {
                id: 6,
                task: 0,
                spec: TaskSpec {
                    name: "g".into(),
                    start_delay_ms: 0.0,
                    steps: vec![Step::Work { ms: 200.0 }],
                },
                rounds_per_ms: 1,
                switch_ms: 5.0,
                use_lock: true,
                seed: 3,
            },
            ToWorker::Serve {
                id: 10,
                requests: 24,
                work_ms: 2.5,
                io_ms: 200.0,
                rounds_per_ms: 7,
                blocking: true,
            },
        ];
        for r in reqs {
            assert_eq!(decode::<ToWorker>(&encode(&r)).unwrap(), r);
        }
        let answers = [
            FromWorker::Ready,
            FromWorker::Overwritten { id: 8, before: 1, after: -7 },
            FromWorker::Checksum { id: 1, value: u64::MAX - 1, elapsed_ms: 12.5 },
            FromWorker::Calibrated { id: 1, rounds_per_ms: 40_000 },
            FromWorker::TaskEvent {
                id: 2,
                task: 7,
                at_ms: 1_790_000_000_123.456,
                kind: EventKind::Awaiting { step: Some(1), until_ms: 3.5 },
            },
            FromWorker::TaskEvent {
                id: 2,
                task: 7,
                at_ms: 0.0,
                kind: EventKind::Failed { reason: "x".into() },
            },
            FromWorker::TaskDone { id: 2, checksum: u64::MAX, work_ms: 200.25 },
            FromWorker::Pong { id: 3 },
            FromWorker::Echoed { id: 4, bytes: 1 << 30 },
            FromWorker::Incremented { id: 5, elapsed_ms: 1.0 },
            FromWorker::Served {
                id: 10,
                ends_ms: vec![1_790_000_000_123.25, 1_790_000_000_200.5],
                work_ms: 4.0,
            },
            FromWorker::Panicked { message: "panicked at src/web/worker_main.rs:1:1:\nboom".into() },
            FromWorker::Error { id: None, message: "boom".into() },
        ];
        for a in answers {
            assert_eq!(decode::<FromWorker>(&encode(&a)).unwrap(), a);
        }
    }

    /// Guards the request deadline: a long task gets proportionally longer than a ping, and no
    /// request gets less than the floor.
    #[test]
    fn deadlines_grow_with_the_work_asked_for() {
        let task = |steps| ToWorker::RunTask {
            id: 1,
            task: 0,
            spec: TaskSpec { name: "t".into(), start_delay_ms: 100.0, steps },
            seed: 0,
            rounds_per_ms: 1,
            panic: false,
        };
        assert_eq!(ToWorker::Ping { id: 1 }.answer_deadline_ms(), ANSWER_FLOOR_MS);
        let long = task(vec![Step::Work { ms: 2_000.0 }, Step::Wait { ms: 900.0 }]);
        assert_eq!(long.answer_deadline_ms(), ANSWER_FLOOR_MS + ANSWER_SLACK * 3_000.0);
        assert!(task(vec![]).answer_deadline_ms() >= ANSWER_FLOOR_MS);
        let serve = ToWorker::Serve {
            id: 1,
            requests: 10,
            work_ms: 2.0,
            io_ms: 98.0,
            rounds_per_ms: 1,
            blocking: true,
        };
        assert_eq!(
            serve.answer_deadline_ms(),
            ANSWER_FLOOR_MS + ANSWER_SLACK * 1_000.0,
            "all ten on one worker"
        );
        let cal = ToWorker::Calibrate { id: 1, sample_ms: 1e9 }.answer_deadline_ms();
        assert_eq!(cal, ANSWER_FLOOR_MS + ANSWER_SLACK * 1000.0, "the worker clamps the sample");
    }

    /// Guards the timestamps: an absolute time in ms since the epoch keeps its microseconds.
    #[test]
    fn absolute_times_keep_sub_millisecond_precision() {
        let at = 1_795_000_000_000.123_4;
        let m = FromWorker::TaskEvent { id: 1, task: 0, at_ms: at, kind: EventKind::Finished };
        match decode::<FromWorker>(&encode(&m)).unwrap() {
            FromWorker::TaskEvent { at_ms, .. } => assert_eq!(at_ms.to_bits(), at.to_bits()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn answers_name_their_request_and_progress_is_not_final() {
        let ev = FromWorker::TaskEvent { id: 8, task: 0, at_ms: 1.0, kind: EventKind::Finished };
        assert_eq!(ev.reply_to(), Some(8));
        assert!(!ev.is_final());
        assert!(FromWorker::TaskDone { id: 8, checksum: 0, work_ms: 0.0 }.is_final());
        assert_eq!(FromWorker::Panicked { message: String::new() }.reply_to(), None);
        assert_eq!(FromWorker::Error { id: Some(3), message: String::new() }.reply_to(), Some(3));
    }

    /// Guards the worker against garbled bytes: truncated, unknown or empty messages are errors.
    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode::<FromWorker>(b"{not json").unwrap_err().contains("unreadable"));
        assert!(decode::<ToWorker>(&[200, 1, 2]).is_err());
        assert!(decode::<ToWorker>(&[]).is_err());
        let whole = encode(&ToWorker::Calibrate { id: 7, sample_ms: 30.0 });
        for cut in 0..whole.len() {
            assert!(decode::<ToWorker>(&whole[..cut]).is_err(), "cut at {cut}");
        }
    }
}
