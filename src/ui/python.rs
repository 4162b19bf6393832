//! The CPython page: the tutorial's pure-asyncio examples run in CPython (Pyodide, in a Web
//! Worker) beside the Rust run of the same behaviour.

pub mod example_card;
pub mod python_page;
pub mod python_state;
