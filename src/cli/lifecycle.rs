//! Following pairings: `pause`, `resume`, `end`, `rematch` and `at-risk`.
//!
//! Owns: those commands' output. May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::pairing::pairing_json;
use super::review::{candidates, candidates_json};
use super::table::Table;
use crate::desk::Desk;
use crate::domain::when::local_day;
use crate::domain::{Pairing, PairingId};

fn who(p: &Pairing) -> String {
    format!("pairing {} ({} → {})", p.id, p.learner, p.mentor)
}

pub fn pause(desk: &mut Desk, id: i64, reason: Option<&str>) -> Result<ExitCode> {
    let p = desk.pause(PairingId(id), reason)?;
    say!("paused {}; learner {} is paused", who(&p), p.learner);
    Ok(ExitCode::SUCCESS)
}

pub fn resume(desk: &mut Desk, id: i64) -> Result<ExitCode> {
    let p = desk.resume(PairingId(id))?;
    say!(
        "resumed {}; next check-in due within {} days",
        who(&p),
        p.agreement.cadence_days
    );
    Ok(ExitCode::SUCCESS)
}

pub fn end(desk: &mut Desk, id: i64, reason: &str) -> Result<ExitCode> {
    let p = desk.end(PairingId(id), reason)?;
    let learner_status = desk.learner(&p.learner)?.status;
    say!(
        "{} {}: {}; learner {} is now {}",
        who(&p),
        p.status,
        p.end_reason.as_deref().unwrap_or_default(),
        p.learner,
        learner_status
    );
    Ok(ExitCode::SUCCESS)
}

pub fn rematch(
    desk: &mut Desk,
    id: i64,
    reason: &str,
    top: usize,
    as_json: bool,
) -> Result<ExitCode> {
    let (p, learner) = desk.rematch(PairingId(id), reason)?;
    if as_json {
        let (_, ranking) = desk.candidates(&learner)?;
        let value = json!({
            "ended": pairing_json(&p, None),
            "excluded": {"learner": p.learner, "mentor": p.mentor},
            "candidates": candidates_json(&learner, &ranking, top),
        });
        say!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    say!(
        "ended {} ({}); {} will not be proposed for {} again",
        who(&p),
        p.end_reason.as_deref().unwrap_or_default(),
        p.mentor,
        p.learner
    );
    say!("");
    candidates(desk, learner.as_str(), top, false)
}

/// Pairings needing attention (needs check-in, at risk), worst first, with the reason.
pub fn at_risk(desk: &mut Desk, as_json: bool) -> Result<ExitCode> {
    let rows = desk.attention()?;
    let names = super::names::Names::read(desk)?;
    let zone = desk.default_zone()?;
    if as_json {
        let values: Vec<_> = rows
            .iter()
            .map(|row| {
                let mut value = pairing_json(&row.pairing, row.report.as_ref());
                names.add_to(&mut value, &row.pairing);
                value["days_quiet"] = json!(row.report.as_ref().map(|r| r.days_quiet));
                value
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        say!("No active pairing needs attention.");
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&["ID", "LEARNER", "MENTOR", "HEALTH", "QUIET", "NEXT DUE"]);
    for row in &rows {
        let Some(report) = &row.report else { continue };
        table.row(vec![
            row.pairing.id.to_string(),
            names.learner(&row.pairing.learner),
            names.mentor(&row.pairing.mentor),
            report.health.to_string(),
            format!("{} days", report.days_quiet),
            local_day(report.next_due, zone).to_string(),
        ]);
    }
    say_raw!("{}", table.render());
    say!("\nWhy:");
    for row in &rows {
        if let Some(report) = &row.report {
            say!(
                "  {} {}: {}: {}",
                row.pairing.id,
                names.pair(&row.pairing),
                report.health,
                report.reason
            );
        }
    }
    say!("{} pairings need attention", rows.len());
    Ok(ExitCode::SUCCESS)
}
