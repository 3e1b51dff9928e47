//! The first-run screen on an empty database: load the demo, import CSV, or start empty.

pub mod view;
