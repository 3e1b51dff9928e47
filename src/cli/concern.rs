//! Concerns: `concern raise`, `concern resolve`, and the queue, `concerns [--open] [--json]`;
//! and the `--concern` options `checkin add` shares.
//!
//! Owns: reading a concern from options and printing the queue. May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::pairing::instant;
use super::table::Table;
use crate::desk::{ConcernRow, Desk, NewConcern};
use crate::domain::text::{clean_line, counted};
use crate::domain::when::local_day;
use crate::domain::{Concern, ConcernKind, PairingId, Severity};

#[derive(Debug, Subcommand)]
pub enum ConcernAction {
    /// Raise a concern about a pairing (audited; a high one makes the pairing at risk until
    /// it is resolved).
    Raise {
        pairing: i64,
        /// conduct, safety, no-show, mismatch, wellbeing or other.
        #[arg(long, value_name = "KIND")]
        kind: String,
        /// low or high (default: high for conduct and safety, which are always high; low
        /// otherwise).
        #[arg(long, value_name = "low|high")]
        severity: Option<String>,
        /// What happened (multi-line).
        #[arg(long)]
        note: String,
    },
    /// Resolve an open concern with a note of what was done (the coordinator's desk only).
    Resolve {
        id: i64,
        /// What was done.
        #[arg(long)]
        note: String,
    },
}

/// The concern options of `checkin add`: a concern raised with the check-in.
#[derive(Debug, Args)]
pub struct CheckinConcernArgs {
    /// Raise a concern with this check-in: conduct, safety, no-show, mismatch, wellbeing or
    /// other (needs --concern-note).
    #[arg(long, value_name = "KIND", requires = "concern_note")]
    concern: Option<String>,
    /// The concern's severity, low or high (default as for `concern raise`).
    #[arg(long, value_name = "low|high", requires = "concern")]
    concern_severity: Option<String>,
    /// What the concern is about.
    #[arg(long, value_name = "TEXT", requires = "concern")]
    concern_note: Option<String>,
}

impl CheckinConcernArgs {
    /// The concern asked for, its words checked before anything is written.
    pub fn parse(&self) -> Result<Option<NewConcern>> {
        let Some(kind) = &self.concern else {
            return Ok(None);
        };
        Ok(Some(new_concern(
            kind,
            self.concern_severity.as_deref(),
            self.concern_note.as_deref().unwrap_or_default(),
        )?))
    }
}

fn new_concern(kind: &str, severity: Option<&str>, note: &str) -> Result<NewConcern> {
    Ok(NewConcern {
        kind: kind.parse::<ConcernKind>()?,
        severity: severity.map(str::parse::<Severity>).transpose()?,
        note: note.to_string(),
    })
}

/// `raised high safety concern #3 on pairing 4` — the words `concern raise` and
/// `checkin add --concern` print.
pub fn raised_words(c: &Concern) -> String {
    format!(
        "raised {} {} concern #{} on pairing {}",
        c.severity, c.kind, c.id, c.pairing
    )
}

pub fn run(desk: &mut Desk, action: ConcernAction) -> Result<ExitCode> {
    match action {
        ConcernAction::Raise {
            pairing,
            kind,
            severity,
            note,
        } => {
            let new = new_concern(&kind, severity.as_deref(), &note)?;
            let concern = desk.raise_concern(PairingId(pairing), &new)?;
            say!("{}", raised_words(&concern));
        }
        ConcernAction::Resolve { id, note } => {
            let concern = desk.resolve_concern(id, &note)?;
            say!(
                "resolved {} {} concern #{} on pairing {}",
                concern.severity,
                concern.kind,
                concern.id,
                concern.pairing
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn row_json(row: &ConcernRow, now: chrono::DateTime<chrono::Utc>) -> Value {
    let c = &row.concern;
    json!({
        "id": c.id,
        "uid": c.uid,
        "pairing": c.pairing,
        "learner": row.learner,
        "mentor": row.mentor,
        "kind": c.kind,
        "severity": c.severity,
        "note": c.note,
        "author": c.author,
        "actor": c.actor,
        "raised_at": instant(c.raised_at),
        "age_days": c.age_days(now),
        "checkin": c.checkin,
        "open": c.is_open(),
        "resolved_at": c.resolution.as_ref().map(|r| instant(r.at)),
        "resolved_by": c.resolution.as_ref().map(|r| r.by.clone()),
        "resolution": c.resolution.as_ref().map(|r| r.note.clone()),
    })
}

/// `mentordesk concerns`: the open queue first (high, newest first), then, unless `--open`,
/// the resolved ones.
pub fn list(desk: &mut Desk, open_only: bool, as_json: bool) -> Result<ExitCode> {
    let rows = if open_only {
        desk.concern_queue()?
    } else {
        desk.all_concerns()?
    };
    let now = desk.now();
    let zone = desk.default_zone()?;
    if as_json {
        let values: Vec<Value> = rows.iter().map(|r| row_json(r, now)).collect();
        say!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        "ID", "STATUS", "SEVERITY", "KIND", "AGE", "PAIRING", "LEARNER", "MENTOR", "BY", "NOTE",
    ]);
    for row in &rows {
        let c = &row.concern;
        let status = match &c.resolution {
            None => "open".to_string(),
            Some(r) => format!("resolved {}", local_day(r.at, zone)),
        };
        table.row(vec![
            c.id.to_string(),
            status,
            c.severity.to_string(),
            c.kind.to_string(),
            format!("{}d", c.age_days(now)),
            c.pairing.to_string(),
            row.learner.to_string(),
            row.mentor.to_string(),
            c.author.to_string(),
            clean_line(c.note.lines().next().unwrap_or_default()),
        ]);
    }
    let open = rows.iter().filter(|r| r.concern.is_open()).count();
    let high = rows.iter().filter(|r| r.concern.is_alarm()).count();
    if !rows.is_empty() {
        say_raw!("{}", table.render());
    }
    let resolved = rows.len() - open;
    say!(
        "{} open ({high} high){}",
        counted(open, "concern", "concerns"),
        if open_only {
            String::new()
        } else {
            format!(", {resolved} resolved")
        }
    );
    Ok(ExitCode::SUCCESS)
}
