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
//! | `demo`     | `domain`, `desk`                     |
//! | `cli`      | `desk`, `exchange`, `demo`, `domain` |
//! | `tui`      | `desk`, `domain` (the only module naming ratatui) |

pub mod domain;
pub mod matching;
