//! One component per page.

pub mod compare;
pub mod not_found;
pub mod playground;
