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
