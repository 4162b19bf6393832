//! One component per page.

pub mod compare;
pub mod home;
pub mod lesson;
pub mod lessons;
pub mod not_found;
pub mod playground;
