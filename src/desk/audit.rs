//! Reading the audit trail.

use super::{Desk, DeskError};
use crate::domain::AuditEntry;

impl Desk {
    /// Audit entries, newest first.
    pub fn audit(&mut self, limit: u32) -> Result<Vec<AuditEntry>, DeskError> {
        Ok(self.store.read(|tx| tx.audit_entries(limit))?)
    }
}
