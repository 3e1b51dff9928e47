//! `pairings.csv` and `at-risk.csv`: pairings with their people, agreement, dates and
//! health; and the active pairings that need attention, worst first, with the rule that
//! fired. Export only.

use std::collections::HashMap;

use super::sheet::{Sheet, instant, or_empty};
use crate::desk::PairingHealth;
use crate::domain::metrics::AtRisk;
use crate::domain::{Learner, LearnerId, Mentor, MentorId};

pub const PAIRING_COLUMNS: [&str; 21] = [
    "id",
    "learner",
    "learner_name",
    "learner_email",
    "mentor",
    "mentor_name",
    "mentor_email",
    "status",
    "cadence_days",
    "session_minutes",
    "planned_weeks",
    "goals",
    "score",
    "created",
    "started",
    "ended",
    "end_reason",
    "health",
    "health_reason",
    "last_checkin",
    "next_due",
];

/// Every pairing with its people's names and e-mails (empty when unknown).
pub fn pairings_sheet(rows: &[PairingHealth], learners: &[Learner], mentors: &[Mentor]) -> Sheet {
    let learner: HashMap<&LearnerId, &Learner> = learners.iter().map(|l| (&l.id, l)).collect();
    let mentor: HashMap<&MentorId, &Mentor> = mentors.iter().map(|m| (&m.id, m)).collect();
    let rows = rows
        .iter()
        .map(|row| {
            let (p, health) = (&row.pairing, row.report.as_ref());
            let l = learner.get(&p.learner);
            let m = mentor.get(&p.mentor);
            vec![
                p.id.to_string(),
                p.learner.to_string(),
                or_empty(l.map(|l| &l.name)),
                or_empty(l.and_then(|l| l.email.as_ref())),
                p.mentor.to_string(),
                or_empty(m.map(|m| &m.name)),
                or_empty(m.and_then(|m| m.email.as_ref())),
                p.status.to_string(),
                p.agreement.cadence_days.to_string(),
                p.agreement.session_minutes.to_string(),
                p.agreement.planned_weeks.to_string(),
                or_empty(p.agreement.goals.as_ref()),
                or_empty(p.score.map(crate::matching::score_text)),
                instant(p.created_at),
                or_empty(p.started_at.map(instant)),
                or_empty(p.ended_at.map(instant)),
                or_empty(p.end_reason.as_ref()),
                or_empty(health.map(|h| h.health)),
                or_empty(health.map(|h| &h.reason)),
                or_empty(health.and_then(|h| h.last_checkin).map(instant)),
                or_empty(health.map(|h| h.next_due.format("%Y-%m-%d"))),
            ]
        })
        .collect();
    Sheet {
        columns: &PAIRING_COLUMNS,
        rows,
    }
}

pub const AT_RISK_COLUMNS: [&str; 9] = [
    "pairing",
    "learner",
    "learner_name",
    "mentor",
    "mentor_name",
    "health",
    "reason",
    "days_quiet",
    "next_due",
];

/// The pairings that need attention, in the order given (worst first).
pub fn at_risk_sheet(rows: &[AtRisk]) -> Sheet {
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                r.pairing.to_string(),
                r.learner.to_string(),
                r.learner_name.clone(),
                r.mentor.to_string(),
                r.mentor_name.clone(),
                r.health.to_string(),
                r.reason.clone(),
                r.days_quiet.to_string(),
                r.next_due.format("%Y-%m-%d").to_string(),
            ]
        })
        .collect();
    Sheet {
        columns: &AT_RISK_COLUMNS,
        rows,
    }
}
