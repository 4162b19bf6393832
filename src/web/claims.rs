//! The browser's record of what each tutorial claim measured last (localStorage, as
//! `engine::claims::encode_store` writes it), and the page's listeners: a demo calls [`record`]
//! after a run; the claims tables on the page hear it at once, and `/claims` reads it later.

use engine::claims::{decode_store, encode_store, upsert, Measured};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

const KEY: &str = "async-playground.claims.v1";

thread_local! {
    static LISTENERS: RefCell<Vec<Weak<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

/// Every claim's latest measurement in this browser (none if storage is unavailable).
pub fn load_all() -> Vec<(String, Measured)> {
    crate::web::storage::load(KEY).map(|t| decode_store(&t)).unwrap_or_default()
}

/// Records `m` as claim `id`'s latest measurement and tells the page's listeners. A browser that
/// refuses storage still tells the listeners, so the page shows the value it measured.
pub fn record(id: &str, m: Measured) {
    let all = upsert(&current(), id, m.clone());
    if crate::web::storage::save(KEY, &encode_store(&all)).is_err() {
        PENDING.with(|p| p.replace(upsert(&p.borrow(), id, m)));
    }
    let alive: Vec<Rc<dyn Fn()>> = LISTENERS.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.iter().filter_map(Weak::upgrade).collect()
    });
    for f in alive {
        f();
    }
}

thread_local! {
    /// Measurements storage refused, kept for this page's life.
    static PENDING: RefCell<Vec<(String, Measured)>> = const { RefCell::new(Vec::new()) };
}

/// What [`load_all`] reads, plus what storage refused on this page.
pub fn current() -> Vec<(String, Measured)> {
    PENDING.with(|p| p.borrow().iter().fold(load_all(), |all, (id, m)| upsert(&all, id, m.clone())))
}

/// A listener kept alive as long as this value is.
pub struct Listening(#[allow(dead_code)] Rc<dyn Fn()>);

/// Calls `f` after every [`record`] on this page, until the returned value is dropped.
pub fn listen(f: impl Fn() + 'static) -> Listening {
    let f: Rc<dyn Fn()> = Rc::new(f);
    LISTENERS.with(|l| l.borrow_mut().push(Rc::downgrade(&f)));
    Listening(f)
}

/// Now, as `Date.now()` (ms since the Unix epoch), for [`Measured::at_ms`].
pub fn now_epoch_ms() -> f64 {
    js_sys::Date::now()
}

/// What running a sync preset showed: its log, and each of its checks (`Ok`: held, with the
/// figure; `Err`: what was measured instead).
pub struct PresetRun {
    /// The finished run's log.
    pub log: Rc<engine::event::EventLog>,
    /// The preset's checks on it, in order.
    pub checks: Vec<Result<String, String>>,
}

/// Runs the sync preset `id` on this page's event loop, checks its claims on the log, and
/// records the result for every tutorial claim that preset measures.
pub async fn run_preset(id: &str) -> Result<PresetRun, String> {
    let preset = engine::sync_presets::by_id(id).ok_or_else(|| format!("no preset named {id}"))?;
    let scenario = preset.scenario();
    let log = Rc::new(crate::web::runner::run_to_end(&scenario, engine::RunMode::Concurrent).await);
    let checks: Vec<_> = preset.checks.iter().map(|c| c.check(&log)).collect();
    let m = engine::claims::from_preset_checks(&checks, now_epoch_ms());
    for c in engine::claims::all().into_iter().filter(|c| c.preset == Some(id)) {
        record(c.id, m.clone());
    }
    Ok(PresetRun { log, checks })
}
