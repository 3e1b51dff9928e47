//! Looking after the file: `check` and the default zone.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::desk::Desk;

pub fn check(desk: &mut Desk, as_json: bool) -> Result<ExitCode> {
    let report = desk.check()?;
    if as_json {
        let value = json!({
            "ok": report.is_ok(),
            "schema_version": report.schema_version,
            "learners": report.learners,
            "mentors": report.mentors,
            "problems": report.problems,
            "damaged": report.damaged,
        });
        say!("{}", serde_json::to_string_pretty(&value)?);
    } else if report.is_ok() {
        say!(
            "ok: schema {}, {} learners, {} mentors: integrity, foreign keys, pairing invariants, \
             audit trail and operation log hold",
            report.schema_version,
            report.learners,
            report.mentors
        );
    } else {
        say!("{} problem(s) found:", report.problems.len());
        for problem in &report.problems {
            say!("  - {problem}");
        }
        if report.damaged {
            say!(
                "{} is damaged: changes to it are refused. Restore it from a backup; until \
                 then the desk can still show what SQLite can read.",
                crate::domain::text::clean_line(&desk.path().display().to_string())
            );
        }
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn default_zone(desk: &mut Desk, zone: Option<&str>) -> Result<ExitCode> {
    match zone {
        Some(raw) => {
            let zone = desk.set_default_zone(raw)?;
            say!("default zone is now {}", zone.name());
        }
        None => say!("{}", desk.default_zone()?.name()),
    }
    Ok(ExitCode::SUCCESS)
}
