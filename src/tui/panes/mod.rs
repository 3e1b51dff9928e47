//! The panes, one folder each: state in `mod.rs`, keys and flows in `update.rs`, drawing in
//! `view.rs`.

pub mod checkins;
pub mod coming;
pub mod r#match;
pub mod pairings;
pub mod people;
pub mod roster;
pub mod timeline;
pub mod welcome;
