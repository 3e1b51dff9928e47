//! Milestones for learners who started a pairing: planned steps due ahead, achieved ones with
//! evidence (some endorsed by the mentor), dropped ones with a reason, and for the pairings the
//! story marks late, a planned step more than two weeks overdue.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use fastrand::Rng;

use super::history::PlannedPairing;
use super::plan::Plan;
use super::templates;
use super::{chance, days_between, fill, pick};
use crate::domain::{Learner, Milestone, MilestoneId, MilestoneKind, MilestoneStatus, Tag};

pub(super) fn make_milestones(
    rng: &mut Rng,
    pairings: &[PlannedPairing],
    learners: &[Learner],
    now: DateTime<Utc>,
) -> Vec<Milestone> {
    let today = now.date_naive();
    let mut milestones = Vec::new();
    for planned in pairings {
        let Some(started) = planned.pairing.started_at else {
            continue;
        };
        let learner = &learners[planned.learner];
        let count = match planned.plan {
            Plan::Completed => 2 + rng.usize(..2),
            Plan::TooEarly | Plan::NoFirstCheckIn => rng.usize(..2),
            _ => 1 + rng.usize(..3),
        };
        let end = planned.pairing.ended_at.unwrap_or(now).min(now);
        for index in 0..count {
            let created_at = started + days_between(rng, 1.0, 10.0).min((end - started) / 2);
            let mut milestone = new_milestone(rng, learner, created_at);
            let status = if planned.plan == Plan::LateMilestone && index == 0 {
                MilestoneStatus::Planned
            } else {
                pick_status(rng, planned.plan)
            };
            milestone.status = status;
            match status {
                MilestoneStatus::Planned if planned.plan == Plan::LateMilestone && index == 0 => {
                    // Created at least 40 days ago (the pairing started 50+ days ago), so a due
                    // date 15–25 days back still comes after the milestone was set.
                    milestone.due = Some(today - Duration::days(15 + rng.i64(0..11)));
                }
                MilestoneStatus::Planned => {
                    milestone.due = Some(today + Duration::days(5 + rng.i64(0..56)));
                }
                MilestoneStatus::Achieved => {
                    let achieved = created_at + (end - created_at) * rng.i32(20..100) / 100;
                    milestone.due = Some(days_after(achieved, rng.i64(-5..20)));
                    milestone.achieved_at = Some(achieved);
                    milestone.evidence = Some(evidence(rng, learner, &milestone.title));
                    let endorsed = milestone.kind == MilestoneKind::Endorsement || chance(rng, 35);
                    milestone.endorsed_by = endorsed.then(|| planned.pairing.mentor.clone());
                }
                MilestoneStatus::Dropped => {
                    milestone.due = Some(days_after(created_at, 14 + rng.i64(0..40)));
                    milestone.drop_reason = Some(match planned.plan {
                        Plan::EndedEarly | Plan::Rematch => "pairing ended".to_string(),
                        _ => pick(rng, templates::DROP_REASONS)
                            .map(|r| r.to_string())
                            .unwrap_or_default(),
                    });
                }
            }
            milestones.push(milestone);
        }
    }
    milestones.sort_by(|a, b| {
        a.created_at
            .cmp(&b.created_at)
            .then(a.learner.cmp(&b.learner))
    });
    for (index, milestone) in milestones.iter_mut().enumerate() {
        milestone.id = MilestoneId(index as i64 + 1);
        milestone.uid = crate::domain::MilestoneUid::new_at(
            u64::try_from(milestone.created_at.timestamp_millis()).unwrap_or(0),
            super::checkin::numbered_uuid_bits(index),
        );
    }
    milestones
}

fn pick_status(rng: &mut Rng, plan: Plan) -> MilestoneStatus {
    let (achieved, planned) = match plan {
        Plan::Completed => (90, 0),
        Plan::EndedEarly | Plan::Rematch => (20, 0),
        _ => (35, 50),
    };
    let roll = rng.u32(..100);
    if roll < achieved {
        MilestoneStatus::Achieved
    } else if roll < achieved + planned {
        MilestoneStatus::Planned
    } else {
        MilestoneStatus::Dropped
    }
}

fn new_milestone(rng: &mut Rng, learner: &Learner, created_at: DateTime<Utc>) -> Milestone {
    let topic = pick(rng, &learner.interests)
        .map(Tag::as_str)
        .unwrap_or("career");
    let (kind, title) = pick(rng, templates::MILESTONE_TITLES)
        .copied()
        .unwrap_or(("custom", "Update CV and portfolio"));
    Milestone {
        id: MilestoneId(0),
        uid: crate::domain::MilestoneUid(uuid::Uuid::nil()),
        learner: learner.id.clone(),
        title: fill(title, topic),
        kind: kind.parse().unwrap_or(MilestoneKind::Custom),
        due: None,
        status: MilestoneStatus::Planned,
        created_at,
        achieved_at: None,
        evidence: None,
        endorsed_by: None,
        drop_reason: None,
        from_checkin: None,
        author: crate::domain::Author::Coordinator,
    }
}

fn days_after(instant: DateTime<Utc>, days: i64) -> NaiveDate {
    instant.date_naive() + Duration::days(days)
}

fn evidence(rng: &mut Rng, learner: &Learner, title: &str) -> String {
    let slug: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    match rng.u32(..3) {
        0 => format!(
            "https://example.org/portfolio/{}/{slug}",
            learner.id.as_str().to_lowercase()
        ),
        1 => "Shown during a session; mentor reviewed it.".to_string(),
        _ => format!("Write-up shared with the mentor: \"{title}\""),
    }
}
