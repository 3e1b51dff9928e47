//! Milestones: a coordinator or a check-in plans them, a check-in or a coordinator marks them achieved
//! (with evidence and an endorsing mentor), and a dropped one keeps its reason.
//!
//! Owns: the milestone moves and their audit rows. May use: `domain`, `store`.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Desk, DeskError, Refusal, Subject};
use crate::domain::sync::MilestoneChange;
use crate::domain::text::{clean_line, optional_line};
use crate::domain::{
    CheckInId, LearnerId, MentorId, Milestone, MilestoneId, MilestoneKind, MilestoneStatus,
};
use crate::store::Tx;

/// Longest milestone title kept.
pub const MAX_TITLE_CHARS: usize = 200;

fn snapshot(m: &Milestone) -> serde_json::Value {
    serde_json::to_value(m).unwrap_or(serde_json::Value::Null)
}

pub(super) fn load_milestone(tx: &Tx<'_>, id: MilestoneId) -> Result<Milestone, DeskError> {
    tx.milestone(id)?
        .ok_or_else(|| DeskError::not_found(Subject::Milestone, id))
}

/// Only a planned milestone can be achieved or dropped.
fn not_planned(m: &Milestone) -> DeskError {
    Refusal::MilestoneNotPlanned {
        milestone: m.id,
        title: m.title.clone(),
        status: m.status,
    }
    .into()
}

/// Marks a planned milestone achieved inside a transaction (audited).
pub(super) fn achieve_in(
    tx: &Tx<'_>,
    id: MilestoneId,
    evidence: Option<String>,
    endorsed_by: Option<&MentorId>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Milestone, DeskError> {
    let before = load_milestone(tx, id)?;
    if before.status != MilestoneStatus::Planned {
        return Err(not_planned(&before));
    }
    if let Some(mentor) = endorsed_by
        && tx.mentor(mentor)?.is_none()
    {
        return Err(DeskError::not_found(Subject::Mentor, mentor));
    }
    let after = Milestone {
        status: MilestoneStatus::Achieved,
        achieved_at: Some(now),
        evidence,
        endorsed_by: endorsed_by.cloned(),
        ..before.clone()
    };
    tx.update_milestone(&after, None)?;
    super::sync::journal_milestone(
        tx,
        &after,
        now,
        MilestoneChange::Achieve {
            evidence: after.evidence.clone(),
        },
    )?;
    tx.append_audit(
        now,
        actor,
        "milestone.achieve",
        &format!("milestone:{id}"),
        Some(&snapshot(&before)),
        Some(&snapshot(&after)),
    )?;
    Ok(after)
}

/// A milestone to plan: a title already cleaned and checked, a kind and an optional due
/// date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestonePlan {
    title: String,
    pub kind: MilestoneKind,
    pub due: Option<NaiveDate>,
}

impl MilestonePlan {
    /// Cleans the title (control characters out, one line) and checks it is there and not
    /// too long.
    pub fn new(
        title: &str,
        kind: MilestoneKind,
        due: Option<NaiveDate>,
    ) -> Result<MilestonePlan, DeskError> {
        let title = clean_line(title);
        if title.is_empty() {
            return Err(Refusal::MilestoneTitleMissing.into());
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(Refusal::MilestoneTitleTooLong {
                max: MAX_TITLE_CHARS,
            }
            .into());
        }
        Ok(MilestonePlan { title, kind, due })
    }

    pub fn title(&self) -> &str {
        &self.title
    }
}

/// Plans a milestone for `learner` inside a transaction (audited); `from_checkin` names the
/// check-in it was planned in.
pub(super) fn plan_in(
    tx: &Tx<'_>,
    learner: &LearnerId,
    plan: &MilestonePlan,
    from_checkin: Option<CheckInId>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Milestone, DeskError> {
    if tx.learner(learner)?.is_none() {
        return Err(DeskError::not_found(Subject::Learner, learner));
    }
    let draft = Milestone {
        id: MilestoneId(0),
        uid: super::fresh::milestone_uid(now),
        author: tx.author(),
        learner: learner.clone(),
        title: plan.title.clone(),
        kind: plan.kind,
        due: plan.due,
        status: MilestoneStatus::Planned,
        created_at: now,
        achieved_at: None,
        evidence: None,
        endorsed_by: None,
        drop_reason: None,
        from_checkin,
    };
    let id = tx.insert_milestone(&draft)?;
    let milestone = Milestone { id, ..draft };
    super::sync::journal_milestone(
        tx,
        &milestone,
        now,
        MilestoneChange::Add {
            title: milestone.title.clone(),
            kind: milestone.kind,
            due: milestone.due,
            from_checkin: milestone.from_checkin,
        },
    )?;
    tx.append_audit(
        now,
        actor,
        "milestone.add",
        &format!("milestone:{id}"),
        None,
        Some(&snapshot(&milestone)),
    )?;
    Ok(milestone)
}

impl Desk {
    /// Milestones of one learner (or all), by id.
    pub fn milestones(&mut self, learner: Option<&LearnerId>) -> Result<Vec<Milestone>, DeskError> {
        if let Some(id) = learner {
            self.learner(id)?;
        }
        Ok(self.store.read(|tx| match learner {
            Some(id) => tx.milestones_of(id),
            None => tx.all_milestones(),
        })?)
    }

    /// Plans a milestone for a learner (audited).
    pub fn add_milestone(
        &mut self,
        learner: &LearnerId,
        title: &str,
        kind: MilestoneKind,
        due: Option<NaiveDate>,
    ) -> Result<Milestone, DeskError> {
        let plan = MilestonePlan::new(title, kind, due)?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store
            .write(|tx| plan_in(tx, learner, &plan, None, now, &actor))
    }

    /// Marks a planned milestone achieved, with optional evidence (text or a URL) and the
    /// endorsing mentor, who must exist (audited).
    pub fn achieve_milestone(
        &mut self,
        id: MilestoneId,
        evidence: Option<&str>,
        endorsed_by: Option<&MentorId>,
    ) -> Result<Milestone, DeskError> {
        let evidence = evidence.and_then(optional_line);
        let (now, actor) = (self.now(), self.actor.clone());
        self.store
            .write(|tx| achieve_in(tx, id, evidence.clone(), endorsed_by, now, &actor))
    }

    /// Drops a planned milestone for a reason (audited); the reason and time are kept.
    pub fn drop_milestone(
        &mut self,
        id: MilestoneId,
        reason: &str,
    ) -> Result<Milestone, DeskError> {
        let reason = clean_line(reason);
        if reason.is_empty() {
            return Err(Refusal::DropReasonMissing.into());
        }
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let before = load_milestone(tx, id)?;
            if before.status != MilestoneStatus::Planned {
                return Err(not_planned(&before));
            }
            let after = Milestone {
                status: MilestoneStatus::Dropped,
                drop_reason: Some(reason.clone()),
                ..before.clone()
            };
            tx.update_milestone(&after, Some(now))?;
            super::sync::journal_milestone(
                tx,
                &after,
                now,
                MilestoneChange::Drop {
                    reason: reason.clone(),
                },
            )?;
            tx.append_audit(
                now,
                &actor,
                "milestone.drop",
                &format!("milestone:{id}"),
                Some(&snapshot(&before)),
                Some(&snapshot(&after)),
            )?;
            Ok(after)
        })
    }
}
