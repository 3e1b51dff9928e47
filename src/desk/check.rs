//! The health check of the file: SQLite's own, foreign keys, the pairing invariants, and
//! the trail of decisions (`check_log`).

use super::{Desk, DeskError};
use crate::store::StoreError;

/// What `check` found; `problems` is empty when all is well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub schema_version: i64,
    pub learners: u64,
    pub mentors: u64,
    pub problems: Vec<String>,
    /// SQLite found the file itself damaged (not only a broken rule): restore a backup.
    pub damaged: bool,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Desk {
    /// Checks the whole file. On a damaged file each step that SQLite cannot finish is a
    /// problem in the report rather than an error, so the report still says what it could.
    pub fn check(&mut self) -> Result<CheckReport, DeskError> {
        let mut problems: Vec<String> = Vec::new();
        let mut damaged = self.store.damage().is_some();
        match self.store.integrity_check() {
            Ok(lines) => {
                let found: Vec<String> = lines
                    .into_iter()
                    .filter(|line| line != "ok")
                    .map(|line| format!("integrity: {line}"))
                    .collect();
                damaged |= !found.is_empty();
                problems.extend(found);
            }
            Err(err) => {
                damaged |= err.is_damage();
                problems.push(format!("integrity: {}", plain(&err)));
            }
        }
        match self.store.foreign_key_check() {
            Ok(lines) => problems.extend(lines.into_iter().map(|l| format!("foreign key: {l}"))),
            Err(err) => problems.push(format!("foreign key: {}", plain(&err))),
        }
        let (mut learners, mut mentors) = (0, 0);
        match self.store.read(|tx| {
            Ok::<_, StoreError>((
                tx.person_counts()?,
                tx.invariant_breaches()?,
                super::check_log::trail_problems(tx)?,
            ))
        }) {
            Ok((counts, breaches, trail)) => {
                (learners, mentors) = (counts.learners, counts.mentors);
                problems.extend(breaches);
                problems.extend(trail);
            }
            Err(err) => problems.push(format!("pairing invariants: {}", plain(&err))),
        }
        if let Some(detail) = self.store.damage()
            && problems.is_empty()
        {
            problems.push(format!("integrity: {detail}"));
        }
        Ok(CheckReport {
            schema_version: self.store.schema_version().unwrap_or_default(),
            learners,
            mentors,
            problems,
            damaged,
        })
    }
}

/// What SQLite said, without the advice to run `check` (this is `check`).
fn plain(err: &StoreError) -> String {
    match err {
        StoreError::Damaged { detail, .. } | StoreError::Malformed(detail) => detail.clone(),
        other => other.to_string(),
    }
}
