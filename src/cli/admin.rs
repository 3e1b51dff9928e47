//! Looking after the file: `check` and `audit`.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::table::Table;
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
            "ok: schema {}, {} learners, {} mentors, integrity and pairing invariants hold",
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

pub fn audit(desk: &mut Desk, as_json: bool, limit: u32) -> Result<ExitCode> {
    let entries = desk.audit(limit)?;
    if as_json {
        say!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        say!("no changes recorded yet");
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&["WHEN", "WHO", "AUTHOR", "WHAT", "SUBJECT"]);
    for entry in &entries {
        table.row(vec![
            entry.at.format("%Y-%m-%d %H:%M").to_string(),
            entry.actor.clone(),
            entry.author.to_string(),
            entry.action.clone(),
            entry.subject.clone(),
        ]);
    }
    say_raw!("{}", table.render());
    Ok(ExitCode::SUCCESS)
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
