//! `mentordesk undo [--list] [ID]`: the operation log, and taking a decision back (the
//! newest still open, or one by number), also after the desk was closed.
//!
//! Owns: the list's layout and the words of an undo. May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;

use super::BadInput;
use crate::desk::Desk;
use crate::domain::text::clean_line;
use crate::domain::when::local_minute;
use crate::domain::{LoggedOperation, Operation, OperationId};

/// The decisions `--list` shows.
const LIST_LIMIT: u32 = 30;

pub fn undo(desk: &mut Desk, id: Option<&str>, list: bool, as_json: bool) -> Result<ExitCode> {
    if list {
        return show(desk, as_json);
    }
    let id = id.map(parse).transpose()?;
    let undone = desk.undo(id)?;
    if as_json {
        say!("{}", serde_json::to_string_pretty(&undone)?);
    } else {
        say!(
            "undid {} ({}): {}",
            undone.operation,
            undone.kind,
            undone.message
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `12` or `#12`.
fn parse(raw: &str) -> Result<OperationId> {
    raw.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(OperationId)
        .ok_or_else(|| {
            BadInput(format!(
                "{raw:?} is not a decision number (see `mentordesk undo --list`)"
            ))
            .into()
        })
}

fn show(desk: &mut Desk, as_json: bool) -> Result<ExitCode> {
    let operations = desk.operations(LIST_LIMIT)?;
    if as_json {
        say!("{}", serde_json::to_string_pretty(&operations)?);
        return Ok(ExitCode::SUCCESS);
    }
    if operations.is_empty() {
        say!("no decisions logged yet");
        return Ok(ExitCode::SUCCESS);
    }
    let zone = desk.default_zone()?;
    for op in &operations {
        say!(
            "{}  {}  {}  {}",
            op.id,
            local_minute(op.at, zone),
            clean_line(&op.actor),
            summary(op)
        );
        say!("    {}", state(op, zone));
    }
    say!("`mentordesk undo` takes back the newest open one; `mentordesk undo ID` a given one");
    Ok(ExitCode::SUCCESS)
}

fn summary(op: &LoggedOperation) -> String {
    op.operation
        .as_ref()
        .map_or_else(|| op.kind.clone(), Operation::summary)
}

fn state(op: &LoggedOperation, zone: chrono_tz::Tz) -> String {
    match (&op.undone, &op.void) {
        (Some((at, by)), _) => format!(
            "undone by {} at {}",
            clean_line(by),
            local_minute(*at, zone)
        ),
        (None, Some(why)) => format!("cannot be undone: {}", clean_line(why)),
        (None, None) => format!("open; undoing it: {}", Operation::undo_means(&op.kind)),
    }
}
