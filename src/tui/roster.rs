//! What every pane lists, read once per reload: people and check-ins. Reading ten thousand
//! learners is the costliest thing the desk does at start, so panes share one copy.

use crate::desk::{CheckInRow, Desk, DeskError, MentorRow};
use crate::domain::Learner;

#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub learners: Vec<Learner>,
    pub mentors: Vec<MentorRow>,
    /// Every check-in version, with who it was between (read when a pane needs them).
    pub checkins: Vec<CheckInRow>,
    checkins_read: bool,
}

impl Roster {
    pub fn read(desk: &mut Desk) -> Result<Roster, DeskError> {
        Ok(Roster {
            learners: desk.learners()?,
            mentors: desk.mentors()?,
            checkins: Vec::new(),
            checkins_read: false,
        })
    }

    /// Reads the check-ins unless they have been read already.
    pub fn read_checkins(&mut self, desk: &mut Desk) -> Result<(), DeskError> {
        if !self.checkins_read {
            self.checkins = desk.checkin_rows(None, true)?;
            self.checkins_read = true;
        }
        Ok(())
    }

    /// Current versions only (an edit replaces what it supersedes).
    pub fn current_checkins(&self) -> impl Iterator<Item = &CheckInRow> {
        self.checkins.iter().filter(|r| r.superseded_by.is_none())
    }
}
