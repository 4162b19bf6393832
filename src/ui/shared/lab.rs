//! The page's worker lab: one calibrated pool of Web Workers shared by every demo on a page
//! ([`LabProvider`] around the page, [`use_lab`] in each demo), with the browser's environment
//! read at mount. Demos take turns on it: a demo that asks while another runs waits for its
//! turn ([`LabHandle::turn`]) and says so, instead of competing for the cores it measures.

use crate::web::env::Env;
use crate::web::lab::{self, Lab, LabSlot};
use futures::channel::oneshot;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use yew::prelude::*;

/// Who holds the lab, and who waits for it, in order.
#[derive(Default)]
struct Turns {
    busy: Cell<bool>,
    waiting: RefCell<VecDeque<oneshot::Sender<()>>>,
}

/// A demo's turn on the lab: the next waiting demo starts when this is dropped.
pub struct Turn(Rc<Turns>);

impl Drop for Turn {
    fn drop(&mut self) {
        loop {
            let next = self.0.waiting.borrow_mut().pop_front();
            match next {
                // A waiter that gave up (its demo unmounted) is skipped.
                Some(tx) => {
                    if tx.send(()).is_ok() {
                        return;
                    }
                }
                None => {
                    self.0.busy.set(false);
                    return;
                }
            }
        }
    }
}

/// What [`use_lab`] gives a demo: the environment, the page's pool and its turns.
#[derive(Clone)]
pub struct LabHandle {
    /// The browser's environment, read at mount.
    pub env: Rc<Env>,
    slot: LabSlot,
    turns: Rc<Turns>,
}

impl PartialEq for LabHandle {
    fn eq(&self, other: &Self) -> bool {
        self.env == other.env && Rc::ptr_eq(&self.turns, &other.turns)
    }
}

impl LabHandle {
    fn new(env: Env) -> LabHandle {
        LabHandle { env: Rc::new(env), slot: Rc::new(RefCell::new(None)), turns: Rc::default() }
    }

    /// Whether a demo holds the lab now (a demo asking for a turn would wait).
    pub fn busy(&self) -> bool {
        self.turns.busy.get()
    }

    /// Waits until no other demo of the page holds the lab, then holds it until the [`Turn`] is
    /// dropped. First come, first served.
    pub async fn turn(&self) -> Turn {
        if self.turns.busy.replace(true) {
            let (tx, rx) = oneshot::channel();
            self.turns.waiting.borrow_mut().push_back(tx);
            // The holder hands its turn over (busy stays set); a dropped sender cannot happen
            // while the lab lives.
            let _ = rx.await;
        }
        Turn(self.turns.clone())
    }

    /// The page's pool with at least `workers` workers (at most the cores), started and
    /// calibrated on first use.
    pub async fn ensure(&self, workers: u32) -> Result<Rc<Lab>, String> {
        lab::ensure(&self.slot, workers).await
    }

    /// The pool if it is started, without starting it.
    pub fn started(&self) -> Option<Rc<Lab>> {
        self.slot.borrow().clone()
    }
}

/// What a demo using the lab is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    /// Nothing: its buttons are enabled.
    Idle,
    /// Waiting for its turn: another demo of the page holds the workers.
    Waiting,
    /// Running.
    Running,
}

impl Activity {
    /// What a demo about to ask for its turn is doing.
    pub fn asking(lab: &LabHandle) -> Activity {
        if lab.busy() {
            Activity::Waiting
        } else {
            Activity::Running
        }
    }
}

/// The line a waiting demo shows.
pub fn waiting_note() -> Html {
    html! { <p class="muted" aria-live="polite">{ "Waiting for the other demo on this page to finish with the workers…" }</p> }
}

/// Props of [`LabProvider`].
#[derive(Properties, PartialEq)]
pub struct LabProviderProps {
    /// The page.
    pub children: Html,
}

/// Gives the page's demos one lab (see the module). The environment comes from the `Env`
/// context the app provides at mount; outside a browser there is none and the default applies.
#[component]
pub fn LabProvider(props: &LabProviderProps) -> Html {
    let env = use_context::<Env>().unwrap_or_default();
    let handle = use_memo(env, |env| LabHandle::new(env.clone()));
    html! {
        <ContextProvider<LabHandle> context={(*handle).clone()}>
            { props.children.clone() }
        </ContextProvider<LabHandle>>
    }
}

/// The page's lab (see [`LabProvider`]). Outside a provider each caller gets its own lab with
/// the default environment.
#[hook]
pub fn use_lab() -> LabHandle {
    let own = use_memo((), |_| LabHandle::new(Env::default()));
    use_context::<LabHandle>().unwrap_or_else(|| (*own).clone())
}
