//! `mentordesk audit`: the audit trail, newest first, filtered by date, actor, action or
//! subject; each entry with its subject named in full and its change in words.
//!
//! Owns: reading the filter from options and laying entries out. May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;

use super::BadInput;
use crate::desk::Desk;
use crate::domain::AuditFilter;
use crate::domain::text::clean_line;
use crate::domain::when::{local_minute, parse_date, start_of_day};

/// The options of `audit`, as typed.
pub struct AuditArgs<'a> {
    pub since: Option<&'a str>,
    pub actor: Option<&'a str>,
    pub action: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub limit: u32,
    pub json: bool,
}

pub fn audit(desk: &mut Desk, args: &AuditArgs<'_>) -> Result<ExitCode> {
    let filter = filter(desk, args)?;
    let lines = desk.audit_trail(&filter)?;
    if args.json {
        say!("{}", serde_json::to_string_pretty(&lines)?);
        return Ok(ExitCode::SUCCESS);
    }
    if lines.is_empty() {
        say!("no audit entries match");
        return Ok(ExitCode::SUCCESS);
    }
    let zone = desk.default_zone()?;
    for line in &lines {
        let entry = &line.entry;
        say!(
            "#{}  {}  {}{}  {}",
            entry.id,
            local_minute(entry.at, zone),
            clean_line(&entry.actor),
            match entry.author {
                crate::domain::Author::Coordinator => String::new(),
                ref other => format!(" (for {other})"),
            },
            clean_line(&entry.action)
        );
        say!("    {}", line.subject);
        if !line.change.is_empty() {
            say!("    {}", line.change);
        }
    }
    if lines.len() == filter.limit as usize {
        say!(
            "(the newest {}; --limit N shows more, --json shows before and after)",
            lines.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn filter(desk: &mut Desk, args: &AuditArgs<'_>) -> Result<AuditFilter> {
    if args.limit == 0 {
        return Err(BadInput("--limit must be at least 1".into()).into());
    }
    let since = match args.since {
        Some(raw) => {
            let day = parse_date("--since", raw)?;
            Some(start_of_day(day, desk.default_zone()?))
        }
        None => None,
    };
    let given = |raw: Option<&str>, what: &str| -> Result<Option<String>> {
        match raw.map(clean_line) {
            Some(text) if text.is_empty() => Err(BadInput(format!("{what} is empty")).into()),
            other => Ok(other),
        }
    };
    Ok(AuditFilter {
        since,
        actor: given(args.actor, "--actor")?,
        action: given(args.action, "--action")?,
        subject: given(args.subject, "--subject")?,
        limit: args.limit,
    })
}
