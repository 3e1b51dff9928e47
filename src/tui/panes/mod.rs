//! One file per pane: its state (where it has any) and its view.

pub mod checkins;
pub mod checkins_view;
pub mod coming;
pub mod dashboard;
pub mod match_pane;
pub mod match_view;
pub mod pairings;
pub mod pairings_view;
pub mod people;
pub mod thresholds;
pub mod timeline;
pub mod timeline_view;
pub mod welcome;
