//! People: the directory of learners and mentors, with a brief of the selected person. This
//! file holds the pane's state; keys are in `update.rs`, drawing in `view.rs`.

pub mod update;
pub mod view;

use std::sync::Arc;

use crate::desk::MentorRow;
use crate::domain::Learner;
use crate::domain::person::join_list;
use crate::tui::action::Action;
use crate::tui::panes::roster::Roster;
use crate::tui::widgets::filter;
use crate::tui::widgets::selection::Selection;

#[derive(Debug, Default)]
pub struct PeopleState {
    /// Shared with the other panes (see `roster`).
    pub learners: Arc<Vec<Learner>>,
    pub mentors: Arc<Vec<MentorRow>>,
    pub showing_mentors: bool,
    pub filter: String,
    /// Indices into the shown list that pass the filter, in display order.
    pub visible: Vec<usize>,
    pub selection: Selection,
    /// Mentor desk: the pack, whose briefs the learner's brief shows.
    pub pack: Option<Arc<crate::tui::panes::sync::SyncSnapshot>>,
}

impl PeopleState {
    pub fn take(&mut self, roster: &Roster) {
        self.learners = Arc::clone(&roster.learners);
        self.mentors = Arc::clone(&roster.mentors);
        self.refilter();
    }

    fn haystacks(&self) -> Vec<String> {
        if self.showing_mentors {
            self.mentors
                .iter()
                .map(|r| {
                    format!(
                        "{} {} {}",
                        r.mentor.id,
                        r.mentor.name,
                        join_list(&r.mentor.expertise)
                    )
                })
                .collect()
        } else {
            self.learners
                .iter()
                .map(|l| {
                    format!(
                        "{} {} {} {}",
                        l.id,
                        l.name,
                        l.status,
                        join_list(&l.interests)
                    )
                })
                .collect()
        }
    }

    fn refilter(&mut self) {
        let haystacks = self.haystacks();
        self.visible = filter::filter(&self.filter, haystacks.iter().map(String::as_str));
        self.selection.clamp(self.visible.len());
    }

    pub fn set_filter(&mut self, query: &str) {
        self.filter = query.to_string();
        self.selection.selected = 0;
        self.selection.offset = 0;
        self.refilter();
    }

    /// Moves the cursor; `m` shows the other list.
    pub fn navigate(&mut self, action: Action) {
        if action == Action::TogglePeople {
            self.showing_mentors = !self.showing_mentors;
            self.set_filter("");
            return;
        }
        self.selection.apply(action, self.visible.len());
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selection.selected).copied()
    }
}
