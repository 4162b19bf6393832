//! What the browser offers the page, read once when the app mounts: the logical cores and
//! whether shared memory is allowed. Render bodies read these from the ui's lab context, never
//! from the browser, so every page also renders outside a browser.

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
    /// Reads the environment from the browser (call at mount, not while rendering).
    pub fn read() -> Env {
        Env { cores: hardware_concurrency(), shared_memory: shared_memory_available() }
    }
}

impl Default for Env {
    /// Outside a browser: one core, no shared memory.
    fn default() -> Env {
        Env { cores: 1, shared_memory: Err("this page was not rendered in a browser".into()) }
    }
}
