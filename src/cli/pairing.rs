//! Pairings: `pairings`, `approve`, `decline`.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::names::Names;
use super::review::points;
use super::table::{Table, or_unknown};
use crate::desk::{Approval, Desk};
use crate::domain::when::local_day;
use crate::domain::{
    Agreement, HealthReport, LearnerId, MentorId, Pairing, PairingId, PairingStatus,
};

/// A pairing as `pairings --json` shows it. Health fields are `null` for pairings that are not
/// active: `health` is `too-early|on-track|needs-check-in|at-risk`, `health_reason` the rule
/// that fired in words, `last_checkin` an RFC 3339 instant, `next_due` a date (UTC, like
/// `started`).
pub fn pairing_json(p: &Pairing, health: Option<&HealthReport>) -> serde_json::Value {
    json!({
        "id": p.id,
        "uid": p.uid,
        "learner": p.learner,
        "mentor": p.mentor,
        "status": p.status,
        "started": p.started_at.map(|t| t.format("%Y-%m-%d").to_string()),
        "cadence_days": p.agreement.cadence_days,
        "score": p.score,
        "health": health.map(|h| h.health),
        "health_reason": health.map(|h| h.reason.clone()),
        "last_checkin": health.and_then(|h| h.last_checkin).map(instant),
        "next_due": health.map(|h| h.next_due.format("%Y-%m-%d").to_string()),
    })
}

/// An instant as RFC 3339 UTC to the second.
pub fn instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn pairings(desk: &mut Desk, status: Option<&str>, as_json: bool) -> Result<ExitCode> {
    let status = status.map(str::parse::<PairingStatus>).transpose()?;
    let pairings = desk.pairings_with_health(status)?;
    let names = Names::read(desk)?;
    let zone = desk.default_zone()?;
    if as_json {
        let rows: Vec<_> = pairings
            .iter()
            .map(|row| {
                let mut value = pairing_json(&row.pairing, row.report.as_ref());
                names.add_to(&mut value, &row.pairing);
                value
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        "ID", "LEARNER", "MENTOR", "STATUS", "STARTED", "CADENCE", "SCORE", "HEALTH", "NEXT DUE",
        "WHY",
    ]);
    for row in &pairings {
        let (p, health) = (&row.pairing, row.report.as_ref());
        table.row(vec![
            p.id.to_string(),
            names.learner(&p.learner),
            names.mentor(&p.mentor),
            p.status.to_string(),
            or_unknown(p.started_at.map(|t| local_day(t, zone))),
            format!("{} days", p.agreement.cadence_days),
            or_unknown(p.score.map(points)),
            health.map_or("-".into(), |h| h.health.to_string()),
            health.map_or("-".into(), |h| local_day(h.next_due, zone).to_string()),
            health.map_or(String::new(), |h| h.reason.clone()),
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
    /// The first milestone's title and due date (`YYYY-MM-DD`).
    pub milestone: Option<&'a str>,
    pub milestone_due: Option<&'a str>,
}

pub fn approve(desk: &mut Desk, args: &ApproveArgs<'_>) -> Result<ExitCode> {
    let learner = LearnerId::parse(args.learner)?;
    let mentor = MentorId::parse(args.mentor)?;
    let goals = match args.goals {
        Some(g) => crate::domain::text::optional_multiline(g),
        None => desk.learner(&learner)?.goals,
    };
    let due = args
        .milestone_due
        .map(|d| crate::domain::when::parse_date("--milestone-due", d))
        .transpose()?;
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
        first_milestone: args.milestone.map(|title| (title.to_string(), due)),
    };
    let (pairing, _) = desk.approve(&approval)?;
    let names = Names::read(desk)?;
    say!(
        "approved pairing {}: {} (score {}), check-in every {} days for {} weeks",
        pairing.id,
        names.pair(&pairing),
        pairing.score.map_or("-".into(), points),
        pairing.agreement.cadence_days,
        pairing.agreement.planned_weeks
    );
    if let Some((title, due)) = &approval.first_milestone
        && let Some(id) = desk
            .milestones(Some(&pairing.learner))?
            .iter()
            .filter(|m| m.title.trim() == title.trim())
            .map(|m| m.id)
            .max()
    {
        let due = due.map_or(String::new(), |d| format!(", due {d}"));
        say!(
            "planned milestone {id} \"{}\"{due}",
            crate::domain::text::clean_line(title)
        );
    }
    suggest_first_session(desk);
    Ok(ExitCode::SUCCESS)
}

/// After an approval: the agenda suggested for the pair's first session. The pairing is
/// approved already, so a guide file that cannot be read only leaves the built-in agenda.
fn suggest_first_session(desk: &mut Desk) {
    use crate::domain::guide::{FIRST_SESSION, GuideLibrary};
    let library = crate::exchange::guides::library(desk, super::config_folder().as_deref())
        .map_or_else(|_| GuideLibrary::built_in(), |(library, _)| library);
    if let Some(guide) = library.get(FIRST_SESSION) {
        let line = format!(
            "suggested first session: \"{}\" (mentordesk guides show {FIRST_SESSION}; the \
             introduction carries it)",
            guide.title
        );
        // The approval is done and said; a closed pipe now changes nothing.
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stdout(),
            "{}",
            crate::domain::text::for_terminal(&line)
        );
    }
}

pub fn decline(desk: &mut Desk, id: i64, reason: Option<&str>) -> Result<ExitCode> {
    desk.decline(PairingId(id), reason)?;
    say!("declined proposal {id}");
    Ok(ExitCode::SUCCESS)
}
