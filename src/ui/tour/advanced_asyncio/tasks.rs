//! A small asyncio for the page's demos, on the browser's own event loop: tasks spawned with
//! `spawn_local` that keep their status, hand out their exception by asyncio's rule
//! (`engine::chapters::ch5::exception`), run done callbacks in order, can be cancelled (their
//! future is dropped, so its `Drop` guards run: Rust's `finally`), and report a failure nobody
//! read to the loop's exception handler when the last handle lets go of them, as CPython does
//! when a failed task is garbage-collected.

use crate::web::clock;
use engine::chapters::ch5::{exception, Line, Status, What};
use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

/// A demo's timed log.
pub struct Log {
    start: f64,
    lines: RefCell<Vec<Line>>,
}

impl Log {
    /// A log whose clock starts now.
    pub fn new() -> Rc<Log> {
        Rc::new(Log { start: clock::now(), lines: RefCell::new(Vec::new()) })
    }

    /// Adds a line, timed now.
    pub fn add(&self, what: What) {
        let t_ms = clock::now() - self.start;
        self.lines.borrow_mut().push(Line { t_ms, what });
    }

    /// The lines so far.
    pub fn lines(&self) -> Vec<Line> {
        self.lines.borrow().clone()
    }
}

/// The loop's exception handler: the task's name and its exception.
pub type Handler = Rc<dyn Fn(&'static str, &str)>;
type DoneCallback = Box<dyn FnOnce(&Status)>;

struct Inner {
    name: &'static str,
    status: Status,
    retrieved: bool,
    callbacks: Vec<DoneCallback>,
    waiters: Vec<oneshot::Sender<()>>,
    handler: Rc<RefCell<Option<Handler>>>,
    abort: AbortHandle,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let (Status::Failed(e), false) = (&self.status, self.retrieved) {
            if let Some(h) = self.handler.borrow().clone() {
                h(self.name, e);
            }
        }
    }
}

/// A handle on a spawned task; clones share it.
#[derive(Clone)]
pub struct Task(Rc<RefCell<Inner>>);

impl Task {
    fn finish(&self, status: Status) {
        let (callbacks, waiters) = {
            let mut i = self.0.borrow_mut();
            i.status = status.clone();
            (std::mem::take(&mut i.callbacks), std::mem::take(&mut i.waiters))
        };
        for cb in callbacks {
            cb(&status);
        }
        for w in waiters {
            let _ = w.send(());
        }
    }

    /// `task.exception()`: an error while the task is pending (see the module).
    pub fn exception(&self) -> Result<Option<String>, String> {
        let mut i = self.0.borrow_mut();
        if i.status != Status::Pending {
            i.retrieved = true;
        }
        exception(&i.status)
    }

    /// `task.add_done_callback(f)`: `f` runs when the task ends, after the ones added before.
    pub fn add_done_callback(&self, f: impl FnOnce(&Status) + 'static) {
        let status = self.0.borrow().status.clone();
        if status == Status::Pending {
            self.0.borrow_mut().callbacks.push(Box::new(f));
        } else {
            f(&status);
        }
    }

    /// `task.cancel()`: the task's future is dropped at its next turn.
    pub fn cancel(&self) {
        self.0.borrow().abort.abort();
    }

    /// Waits until the task has ended, however it ended.
    pub async fn done(&self) {
        let rx = {
            let mut i = self.0.borrow_mut();
            if i.status != Status::Pending {
                return;
            }
            let (tx, rx) = oneshot::channel();
            i.waiters.push(tx);
            rx
        };
        let _ = rx.await;
    }
}

/// The demo's event loop: the tasks it started and its exception handler.
pub struct Loop {
    log: Rc<Log>,
    handler: Rc<RefCell<Option<Handler>>>,
    tasks: RefCell<Vec<Task>>,
}

impl Loop {
    /// `loop.set_exception_handler(h)`.
    pub fn set_exception_handler(&self, h: impl Fn(&'static str, &str) + 'static) {
        *self.handler.borrow_mut() = Some(Rc::new(h));
    }

    /// `asyncio.create_task`: starts `fut` on the page's event loop; its end goes in the log.
    pub fn spawn(&self, name: &'static str, fut: impl Future<Output = Result<(), String>> + 'static) -> Task {
        let (abort, reg) = AbortHandle::new_pair();
        let task = Task(Rc::new(RefCell::new(Inner {
            name,
            status: Status::Pending,
            retrieved: false,
            callbacks: Vec::new(),
            waiters: Vec::new(),
            handler: self.handler.clone(),
            abort,
        })));
        self.tasks.borrow_mut().push(task.clone());
        let (t, log) = (task.clone(), self.log.clone());
        wasm_bindgen_futures::spawn_local(async move {
            // The future (and whatever it holds) is dropped at the end of this statement,
            // before the task's end is logged: a cancelled task's cleanup comes first.
            let status = match Abortable::new(fut, reg).await {
                Ok(Ok(())) => Status::Finished,
                Ok(Err(e)) => Status::Failed(e),
                Err(_) => Status::Cancelled,
            };
            log.add(match &status {
                Status::Failed(e) => What::Failed { task: name, message: e.clone() },
                Status::Cancelled => What::Cancelled { task: name },
                _ => What::Finished { task: name },
            });
            t.finish(status);
        });
        task
    }
}

/// `asyncio.run(main)`: runs `main` on a new loop; when it returns, cancels the tasks still
/// running and lets go of every task (a failed one nobody read is reported then).
pub async fn run<F, Fut>(log: Rc<Log>, main: F)
where
    F: FnOnce(Rc<Loop>) -> Fut,
    Fut: Future<Output = ()>,
{
    let lp = Rc::new(Loop { log, handler: Rc::default(), tasks: RefCell::new(Vec::new()) });
    main(lp.clone()).await;
    let left = lp.tasks.take();
    for t in &left {
        t.cancel();
    }
    drop(left);
}

/// `asyncio.sleep(ms / 1000)` on the page's event loop.
pub async fn sleep(ms: f64) {
    gloo_timers::future::TimeoutFuture::new(ms as u32).await;
}
