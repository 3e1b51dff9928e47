//! The checks `check` runs on the trail of decisions: the audit's ids run without gaps (no
//! entry removed behind the desk's back), no erasure left the trail unlocked, and the
//! operation log agrees with the rows it describes.
//!
//! Owns: those problems' words. May use: `store`.

use crate::store::Tx;

/// The problems found in the audit trail and the operation log, in words.
pub(super) fn trail_problems(tx: &Tx<'_>) -> Result<Vec<String>, crate::store::StoreError> {
    let mut problems: Vec<String> = tx
        .audit_gaps()?
        .into_iter()
        .map(|(after, next)| match after {
            0 => format!(
                "audit: the trail starts at entry {next}, not 1: earlier entries are missing"
            ),
            _ => format!(
                "audit: entries {}–{} are missing between {after} and {next}",
                after + 1,
                next - 1
            ),
        })
        .collect();
    if tx.audit_unlocked()? {
        problems
            .push("audit: an erasure left the trail unlocked (audit_unlock holds a row)".into());
    }
    problems.extend(tx.operation_log_breaches()?);
    Ok(problems)
}
