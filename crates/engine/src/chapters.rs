//! The engine side of the tour's chapters 2–9: each chapter's models, workloads, verdicts and
//! extra presets (one module per chapter, so each page's decisions are tested natively).

pub mod ch2;
pub mod ch3;
pub mod ch4;
pub mod ch5;
pub mod ch6;
pub mod ch7;
pub mod ch8;
pub mod ch9;

use crate::sync_presets::SyncPreset;

/// The presets the chapters add to the playground's (`crate::sync_presets::by_id` finds them).
pub fn presets() -> Vec<SyncPreset> {
    [
        ch2::presets(),
        ch3::presets(),
        ch4::presets(),
        ch5::presets(),
        ch6::presets(),
        ch7::presets(),
        ch8::presets(),
        ch9::presets(),
    ]
    .concat()
}
