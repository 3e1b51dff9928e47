//! The first-run screen on an empty database: load the demo, import CSV, or start empty. It
//! is a screen of its own, not a tab: the app shows it instead of the panes until the desk
//! holds people. Keys are in `update.rs`, drawing in `view.rs`.

pub mod update;
pub mod view;
