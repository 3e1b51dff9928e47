//! Exclusions: a learner and mentor who must never be proposed together, and why.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{LearnerId, MentorId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    pub learner: LearnerId,
    pub mentor: MentorId,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}
