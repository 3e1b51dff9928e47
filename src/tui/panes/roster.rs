//! What the panes list, read once per reload and shared: people, and (once a pane needs
//! them) the waiting learners, a match board, and pairings with their health and every
//! check-in. Reading ten thousand learners or thirty thousand check-ins is the costliest
//! thing the desk does, so panes hold shared references instead of copies.
//!
//! The reading ([`Roster::fill`]) runs where the desk is: on the effect runtime's thread,
//! never on the UI thread; panes only look at what it read.

use std::sync::Arc;

use crate::desk::{Desk, DeskError, FollowUp, MatchBoard, MentorRow, WaitingLearner};
use crate::domain::Learner;

/// What a pane needs read beyond the people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub waiting: bool,
    pub board: bool,
    pub follow_up: bool,
}

/// What has been read since the last reload.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// False until the people have been read.
    pub read: bool,
    pub learners: Arc<Vec<Learner>>,
    pub mentors: Arc<Vec<MentorRow>>,
    /// Learners waiting for a mentor, longest wait first.
    pub waiting: Option<Arc<Vec<WaitingLearner>>>,
    /// Every mentor against the constraints and weights in force.
    pub board: Option<Arc<MatchBoard>>,
    /// Pairings with health and every check-in version.
    pub follow_up: Option<Arc<FollowUp>>,
}

impl Roster {
    /// True when everything `needs` asks for has been read.
    pub fn has(&self, needs: Needs) -> bool {
        self.read
            && (!needs.waiting || self.waiting.is_some())
            && (!needs.board || self.board.is_some())
            && (!needs.follow_up || self.follow_up.is_some())
    }

    /// Reads what `needs` asks for and `self` lacks. `earlier` is the follow-up read
    /// before: the desk keeps its check-ins when SQLite says none changed since (only
    /// pairings and milestones are read again then). Runs on the desk's thread.
    pub fn fill(
        mut self,
        desk: &mut Desk,
        needs: Needs,
        earlier: Option<Arc<FollowUp>>,
    ) -> Result<Roster, DeskError> {
        if !self.read {
            self.learners = Arc::new(desk.learners()?);
            self.mentors = Arc::new(desk.mentors()?);
            self.read = true;
        }
        if needs.waiting && self.waiting.is_none() {
            self.waiting = Some(Arc::new(desk.waiting_among(&self.learners)?));
        }
        if needs.board && self.board.is_none() {
            self.board = Some(Arc::new(desk.match_board_for(self.mentors.to_vec())?));
        }
        if needs.follow_up && self.follow_up.is_none() {
            self.follow_up = Some(Arc::new(desk.follow_up_current(earlier.as_deref())?));
        }
        Ok(self)
    }

    /// Takes what `other` read that `self` lacks (two panes' reads of the same data).
    pub fn merge(&mut self, other: Roster) {
        if !self.read && other.read {
            self.read = true;
            self.learners = other.learners;
            self.mentors = other.mentors;
        }
        self.waiting = self.waiting.take().or(other.waiting);
        self.board = self.board.take().or(other.board);
        self.follow_up = self.follow_up.take().or(other.follow_up);
    }
}
