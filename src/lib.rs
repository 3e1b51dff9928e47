//! mentordesk: a private, offline desk for running mentorship programs.
//!
//! The dependency rule (checked by `tests/architecture.rs`, which parses every `use` tree and
//! path, so a grouped `use crate::{…}`, a `super::super::` or a full path in an expression
//! counts as much as a plain `use`):
//!
//! | module     | may use                                                   |
//! |------------|-----------------------------------------------------------|
//! | `domain`   | nothing else in the crate                                 |
//! | `matching` | `domain`                                                  |
//! | `store`    | `domain` (the only module naming rusqlite)                |
//! | `desk`     | `domain`, `matching`, `store`                             |
//! | `exchange` | `domain`, `matching`, `desk`                              |
//! | `demo`     | `domain` (a pure generator)                               |
//! | `cli`      | `desk`, `exchange`, `demo`, `domain`, `matching`          |
//! | `tui`      | `desk`, `matching`, `domain` (the only module naming ratatui) |
//! | `launch`   | `cli`, `tui`, `desk`, `exchange`, `demo`, `domain` (picks a face) |
//!
//! Each module names what it uses where it lives: a face that shows a ranking names
//! `crate::matching::Ranking`, not a copy re-exported by `desk`. `desk` returns matching's
//! values (rankings, weights, plans) without renaming them.

pub mod cli;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod exchange;
pub mod launch;
pub mod matching;
pub mod store;
pub mod tui;
