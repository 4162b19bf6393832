//! The chapter's five demos, each a real run on the page's event loop with [`super::tasks`],
//! returning its timed log for `engine::chapters::ch5::judge`.

use super::tasks::{run, sleep, Log};
use engine::chapters::ch5::bare_future::BareFuture;
use engine::chapters::ch5::{
    Demo, Line, What, CANCEL_AFTER_MS, FAIL_AT_MS, HANDLER_FAIL_MS, HANDLER_MAIN_MS, LINK_MS, SET_AFTER_MS,
    WORK_MS,
};
use std::rc::Rc;

/// A task's cleanup: logs when it is dropped, which is when a cancelled task's future goes.
struct Cleanup(Rc<Log>, &'static str);

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.0.add(What::Cleanup { task: self.1 });
    }
}

/// Runs `demo` and returns its log.
pub async fn run_demo(demo: Demo) -> Vec<Line> {
    let log = Log::new();
    let l = log.clone();
    match demo {
        Demo::Failure => {
            run(log.clone(), |lp| async move {
                let fails = lp.spawn("fails", async {
                    sleep(FAIL_AT_MS).await;
                    Err("ValueError: something went wrong".to_string())
                });
                let works = lp.spawn("works", async {
                    sleep(WORK_MS).await;
                    Ok(())
                });
                l.add(What::Read { task: "fails", got: fails.exception() });
                fails.done().await;
                works.done().await;
                l.add(What::Read { task: "fails", got: fails.exception() });
            })
            .await
        }
        Demo::Handler => {
            run(log.clone(), |lp| async move {
                let h = l.clone();
                lp.set_exception_handler(move |task, e| {
                    h.add(What::Handler { message: format!("{task}: exception never retrieved: {e}") })
                });
                // Kept by main, never awaited and never read.
                let _orphan = lp.spawn("orphan", async {
                    sleep(HANDLER_FAIL_MS).await;
                    Err("RuntimeError: nobody is listening".to_string())
                });
                sleep(HANDLER_MAIN_MS).await;
                l.add(What::MainDone);
            })
            .await
        }
        Demo::Cancel => {
            run(log.clone(), |lp| async move {
                let guard_log = l.clone();
                let worker = lp.spawn("worker", async move {
                    let _cleanup = Cleanup(guard_log, "worker");
                    sleep(WORK_MS).await;
                    Ok(())
                });
                sleep(CANCEL_AFTER_MS).await;
                l.add(What::CancelAsked { task: "worker" });
                worker.cancel();
                worker.done().await;
            })
            .await
        }
        Demo::Callbacks => {
            run(log.clone(), |lp| async move {
                let event = BareFuture::<()>::new();
                let first = lp.spawn("step 1", async {
                    sleep(LINK_MS).await;
                    Ok(())
                });
                let (lp2, l1, ev) = (lp.clone(), l.clone(), event.clone());
                first.add_done_callback(move |_| {
                    l1.add(What::Callback { n: 1 });
                    let second = lp2.spawn("step 2", async {
                        sleep(LINK_MS).await;
                        Ok(())
                    });
                    second.add_done_callback(move |_| {
                        l1.add(What::Callback { n: 2 });
                        if ev.set(()).is_ok() {
                            l1.add(What::EventSet);
                        }
                    });
                });
                event.await;
                l.add(What::MainWoke);
            })
            .await
        }
        Demo::Future => {
            run(log.clone(), |lp| async move {
                let future = BareFuture::<i64>::new();
                let (f, lw) = (future.clone(), l.clone());
                let waiter = lp.spawn("waiter", async move {
                    let value = f.await;
                    lw.add(What::Got { value });
                    Ok(())
                });
                let ls = l.clone();
                lp.spawn("setter", async move {
                    sleep(SET_AFTER_MS).await;
                    future.set(10).map_err(str::to_string)?;
                    ls.add(What::Set { value: 10 });
                    Ok(())
                });
                waiter.done().await;
            })
            .await
        }
    }
    log.lines()
}
