//! The health check of the file: SQLite's own, foreign keys, the pairing invariants, and
//! the trail of decisions (`check_log`).

use super::{Desk, DeskError};

/// What `check` found; `problems` is empty when all is well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub schema_version: i64,
    pub learners: u64,
    pub mentors: u64,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Desk {
    pub fn check(&mut self) -> Result<CheckReport, DeskError> {
        let mut problems: Vec<String> = self
            .store
            .integrity_check()?
            .into_iter()
            .filter(|line| line != "ok")
            .map(|line| format!("integrity: {line}"))
            .collect();
        problems.extend(
            self.store
                .foreign_key_check()?
                .into_iter()
                .map(|l| format!("foreign key: {l}")),
        );
        let (counts, breaches, trail) = self.store.read(|tx| {
            Ok::<_, DeskError>((
                tx.person_counts()?,
                tx.invariant_breaches()?,
                super::check_log::trail_problems(tx)?,
            ))
        })?;
        problems.extend(breaches);
        problems.extend(trail);
        Ok(CheckReport {
            schema_version: self.store.schema_version()?,
            learners: counts.learners,
            mentors: counts.mentors,
            problems,
        })
    }
}
