//! mentordesk: a private, offline desk for running mentorship programs.
//!
//! The dependency rule (checked by `tests/architecture.rs`):
//!
//! | module     | may use                              |
//! |------------|--------------------------------------|
//! | `domain`   | nothing else in the crate            |
//! | `matching` | `domain`                             |
//! | `store`    | `domain` (the only module naming rusqlite) |
//! | `desk`     | `domain`, `matching`, `store`        |
//! | `exchange` | `domain`, `desk`                     |
//! | `demo`     | `domain` (a pure generator)          |
//! | `cli`      | `desk`, `exchange`, `demo`, `domain` |
//! | `tui`      | `desk`, `domain` (the only module naming ratatui) |
//! | `launch`   | everything: it picks a face and hands `tui` what it needs |

pub mod cli;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod exchange;
pub mod launch;
pub mod matching;
pub mod store;
pub mod tui;
