//! What the browser offers the page, read once when the app mounts ([`Env::read_at_mount`], from
//! `src/bin/app.rs`): the logical cores and whether shared memory is allowed. Render bodies get
//! it through the ui's lab context ([`mounted`]), never from the browser, so every page also
//! renders outside a browser (where nothing was read and the default applies).

use std::cell::RefCell;

use super::pool::hardware_concurrency;
use super::shared_memory::shared_memory_available;

/// The page's environment.
#[derive(Clone, Debug, PartialEq)]
pub struct Env {
    /// Most workers the page offers: `navigator.hardwareConcurrency`, at least 1.
    pub cores: u32,
    /// `Ok` if the page may create a `SharedArrayBuffer`; otherwise the reason to show.
    pub shared_memory: Result<(), String>,
}

impl Env {
    /// Reads the environment from the browser (call at mount, not while rendering) and keeps it
    /// for [`mounted`].
    pub fn read_at_mount() {
        let env = Env { cores: hardware_concurrency(), shared_memory: shared_memory_available() };
        MOUNTED.with(|m| *m.borrow_mut() = Some(env));
    }
}

thread_local! {
    static MOUNTED: RefCell<Option<Env>> = const { RefCell::new(None) };
}

/// The environment read at mount, or the default if none was (outside a browser).
pub fn mounted() -> Env {
    MOUNTED.with(|m| m.borrow().clone()).unwrap_or_default()
}

impl Default for Env {
    /// Outside a browser: one core, no shared memory.
    fn default() -> Env {
        Env {
            cores: 1,
            shared_memory: Err("the page's script has not started (or JavaScript is off)".into()),
        }
    }
}
