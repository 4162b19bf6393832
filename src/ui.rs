//! Yew components, organised by what the reader sees (see `ARCHITECTURE.md`): the app shell and
//! its routes, one folder per feature (`playground`, `compare`, `tour`, `python`), and `shared` for the
//! widgets two or more features use. Components render state and send actions; the async work
//! lives in [`crate::web`], the decisions in the `engine` crate.

pub mod app;
pub mod claims;
pub mod compare;
pub mod elsewhere;
pub mod not_found;
pub mod page_change;
pub mod pages;
pub mod playground;
pub mod python;
pub mod route;
pub mod shared;
pub mod stuck;
pub mod tour;
