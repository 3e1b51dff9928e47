//! Milestones: steps toward a learner's goals, planned, achieved or dropped.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Author;
use super::ids::{CheckInId, LearnerId, MentorId, MilestoneId, MilestoneUid};
use super::person::word_enum;

word_enum!(
    /// What kind of step a milestone is.
    MilestoneKind, "milestone kind", {
        Project => "project", Skill => "skill", Badge => "badge",
        Endorsement => "endorsement", Custom => "custom",
    }
);
word_enum!(
    /// Where a milestone stands.
    MilestoneStatus, "milestone status", {
        Planned => "planned", Achieved => "achieved", Dropped => "dropped",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: MilestoneId,
    /// Its name in files, the same on every desk.
    pub uid: MilestoneUid,
    pub learner: LearnerId,
    pub title: String,
    pub kind: MilestoneKind,
    pub due: Option<NaiveDate>,
    pub status: MilestoneStatus,
    pub created_at: DateTime<Utc>,
    pub achieved_at: Option<DateTime<Utc>>,
    pub evidence: Option<String>,
    pub endorsed_by: Option<MentorId>,
    pub drop_reason: Option<String>,
    /// The check-in in which it was planned (`None` when a coordinator planned it).
    #[serde(default)]
    pub from_checkin: Option<CheckInId>,
    /// Who planned it.
    pub author: Author,
}

impl Milestone {
    /// Days past due on `today`, when still planned and late.
    pub fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        let due = self.due?;
        (self.status == MilestoneStatus::Planned && today > due).then(|| (today - due).num_days())
    }
}
