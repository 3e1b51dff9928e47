//! Pairings: `pairings`, `approve`, `decline`.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::review::points;
use super::table::{Table, or_unknown};
use crate::desk::{Approval, Desk};
use crate::domain::{Agreement, LearnerId, MentorId, Pairing, PairingId, PairingStatus};

pub fn pairing_json(p: &Pairing) -> serde_json::Value {
    json!({
        "id": p.id,
        "learner": p.learner,
        "mentor": p.mentor,
        "status": p.status,
        "started": p.started_at.map(|t| t.format("%Y-%m-%d").to_string()),
        "cadence_days": p.agreement.cadence_days,
        "score": p.score,
    })
}

pub fn pairings(desk: &mut Desk, status: Option<&str>, as_json: bool) -> Result<ExitCode> {
    let status = status.map(str::parse::<PairingStatus>).transpose()?;
    let pairings = desk.pairings(status)?;
    if as_json {
        let rows: Vec<_> = pairings.iter().map(pairing_json).collect();
        say!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        "ID", "LEARNER", "MENTOR", "STATUS", "STARTED", "CADENCE", "SCORE",
    ]);
    for p in &pairings {
        table.row(vec![
            p.id.to_string(),
            p.learner.to_string(),
            p.mentor.to_string(),
            p.status.to_string(),
            or_unknown(p.started_at.map(|t| t.format("%Y-%m-%d"))),
            format!("{} days", p.agreement.cadence_days),
            or_unknown(p.score.map(points)),
        ]);
    }
    say_raw!("{}", table.render());
    say!("{} pairings", pairings.len());
    Ok(ExitCode::SUCCESS)
}

/// The `approve` command's options.
pub struct ApproveArgs<'a> {
    pub learner: &'a str,
    pub mentor: &'a str,
    pub cadence_days: u32,
    pub weeks: u32,
    pub session_minutes: u32,
    pub goals: Option<&'a str>,
    pub override_reason: Option<&'a str>,
}

pub fn approve(desk: &mut Desk, args: &ApproveArgs<'_>) -> Result<ExitCode> {
    let learner = LearnerId::parse(args.learner)?;
    let mentor = MentorId::parse(args.mentor)?;
    let goals = match args.goals {
        Some(g) => crate::domain::text::optional_multiline(g),
        None => desk.learner(&learner)?.goals,
    };
    let approval = Approval {
        learner,
        mentor,
        agreement: Agreement {
            cadence_days: args.cadence_days,
            session_minutes: args.session_minutes,
            planned_weeks: args.weeks,
            goals,
        },
        override_reason: args.override_reason.map(str::to_string),
        first_milestone: None,
    };
    let (pairing, _) = desk.approve(&approval)?;
    say!(
        "approved pairing {}: {} → {} (score {}), check-in every {} days for {} weeks",
        pairing.id,
        pairing.learner,
        pairing.mentor,
        pairing.score.map_or("-".into(), points),
        pairing.agreement.cadence_days,
        pairing.agreement.planned_weeks
    );
    Ok(ExitCode::SUCCESS)
}

pub fn decline(desk: &mut Desk, id: i64, reason: Option<&str>) -> Result<ExitCode> {
    desk.decline(PairingId(id), reason)?;
    say!("declined proposal {id}");
    Ok(ExitCode::SUCCESS)
}
