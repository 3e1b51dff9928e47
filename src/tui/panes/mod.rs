//! One file per pane: its state (where it has any) and its view.

pub mod coming;
pub mod match_pane;
pub mod match_view;
pub mod pairings;
pub mod people;
pub mod welcome;
