//! `milestones.csv`: every learner's milestones with kind, due date, status and evidence.
//! Export only.

use std::collections::HashMap;

use super::sheet::{Sheet, instant, or_empty};
use crate::domain::{Learner, LearnerId, Milestone};

pub const MILESTONE_COLUMNS: [&str; 12] = [
    "id",
    "learner",
    "learner_name",
    "title",
    "kind",
    "due",
    "status",
    "created",
    "achieved",
    "evidence",
    "endorsed_by",
    "drop_reason",
];

pub fn milestones_sheet(milestones: &[Milestone], learners: &[Learner]) -> Sheet {
    let name: HashMap<&LearnerId, &str> =
        learners.iter().map(|l| (&l.id, l.name.as_str())).collect();
    let rows = milestones
        .iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                m.learner.to_string(),
                or_empty(name.get(&m.learner)),
                m.title.clone(),
                m.kind.to_string(),
                or_empty(m.due),
                m.status.to_string(),
                instant(m.created_at),
                or_empty(m.achieved_at.map(instant)),
                or_empty(m.evidence.as_ref()),
                or_empty(m.endorsed_by.as_ref()),
                or_empty(m.drop_reason.as_ref()),
            ]
        })
        .collect();
    Sheet {
        columns: &MILESTONE_COLUMNS,
        rows,
    }
}
