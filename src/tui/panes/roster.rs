//! What the panes list, read once per reload and shared: people, and (once a pane needs
//! them) pairings with their health and every check-in. Reading ten thousand learners or
//! thirty thousand check-ins is the costliest thing the desk does, so panes hold shared
//! references instead of copies.

use std::rc::Rc;

use crate::desk::{Desk, DeskError, FollowUp, MentorRow};
use crate::domain::Learner;

#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub learners: Rc<Vec<Learner>>,
    pub mentors: Rc<Vec<MentorRow>>,
    follow_up: Option<Rc<FollowUp>>,
    /// An earlier read whose check-ins are still current (nothing wrote one since).
    earlier: Option<Rc<FollowUp>>,
}

impl Roster {
    /// People read now; pairings and check-ins when first needed, the check-ins taken from
    /// `earlier` when given.
    pub fn read(desk: &mut Desk, earlier: Option<Rc<FollowUp>>) -> Result<Roster, DeskError> {
        Ok(Roster {
            learners: Rc::new(desk.learners()?),
            mentors: Rc::new(desk.mentors()?),
            follow_up: None,
            earlier,
        })
    }

    /// The follow-up read so far (or carried), for a reload that keeps its check-ins.
    pub fn into_follow_up(self) -> Option<Rc<FollowUp>> {
        self.follow_up.or(self.earlier)
    }

    /// Pairings with health and every check-in version, read on first use.
    pub fn follow_up(&mut self, desk: &mut Desk) -> Result<Rc<FollowUp>, DeskError> {
        if let Some(read) = &self.follow_up {
            return Ok(Rc::clone(read));
        }
        let read = Rc::new(match self.earlier.take() {
            Some(earlier) => desk.follow_up_since(&earlier)?,
            None => desk.follow_up()?,
        });
        self.follow_up = Some(Rc::clone(&read));
        Ok(read)
    }
}
