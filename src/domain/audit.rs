//! Audit entries: every change a person makes, with who, when, what, and before/after.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Author;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Who made the change (the desk user).
    pub actor: String,
    /// Whose record the change is: the coordinator's, or a mentor's.
    pub author: Author,
    /// A verb such as `import`, `approve`, `exclude`, `weights.set`.
    pub action: String,
    /// What changed, e.g. `learner:L-001` or `file:learners.csv`.
    pub subject: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Which audit entries to read, newest first; every field given narrows the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFilter {
    /// Entries at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Who made the change, exactly as recorded.
    pub actor: Option<String>,
    /// An action; `approve` also matches its kinds `approve.batch`, `approve.override`.
    pub action: Option<String>,
    /// A record: a whole subject (`pairing:12`, `learner:L001`) or a bare id. A person's id
    /// also matches the pairs and pairings they are part of; a number matches that pairing.
    pub subject: Option<String>,
    /// At most this many entries.
    pub limit: u32,
}

impl Default for AuditFilter {
    fn default() -> Self {
        AuditFilter {
            since: None,
            actor: None,
            action: None,
            subject: None,
            limit: 50,
        }
    }
}
