//! A pane whose features arrive with later work: it says so plainly.

pub mod view;
