//! What every pane lists, read once per reload: people and check-ins. Reading ten thousand
//! learners is the costliest thing the desk does at start, so panes share one copy.

use crate::desk::{CheckInRow, Desk, DeskError, MentorRow};
use crate::domain::Learner;

#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub learners: Vec<Learner>,
    pub mentors: Vec<MentorRow>,
    /// Every check-in version, with who it was between.
    pub checkins: Vec<CheckInRow>,
}

impl Roster {
    pub fn read(desk: &mut Desk) -> Result<Roster, DeskError> {
        Ok(Roster {
            learners: desk.learners()?,
            mentors: desk.mentors()?,
            checkins: desk.checkin_rows(None, true)?,
        })
    }

    /// Current versions only (an edit replaces what it supersedes).
    pub fn current_checkins(&self) -> impl Iterator<Item = &CheckInRow> {
        self.checkins.iter().filter(|r| r.superseded_by.is_none())
    }
}
