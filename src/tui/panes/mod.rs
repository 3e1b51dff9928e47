//! One file per pane: its state (where it has any) and its view.

pub mod coming;
pub mod people;
pub mod welcome;
