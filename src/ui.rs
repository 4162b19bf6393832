//! Yew components. They render state and dispatch actions; the async work lives in [`crate::web`].

pub mod app;
pub mod components;
pub mod hooks;
pub mod pages;
pub mod python;
pub mod route;
