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
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::selection::Selection;

/// Which box the keys move in: the list, or the selected person's brief (`l`, `h` back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Brief,
}

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
    pub focus: Focus,
    /// The brief of the selected person, scrolled on its own.
    pub brief_scroll: Scroll,
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
        self.brief_scroll.reset();
        self.refilter();
    }

    /// Moves the cursor or scrolls the brief; `l`/`h` move between them; `m` shows the
    /// other list.
    pub fn navigate(&mut self, action: Action) {
        match (action, self.focus) {
            (Action::TogglePeople, _) => {
                self.showing_mentors = !self.showing_mentors;
                self.set_filter("");
                self.brief_scroll.reset();
            }
            (Action::FocusRight | Action::Open, Focus::List) => {
                if self.selected_index().is_some() {
                    self.focus = Focus::Brief;
                }
            }
            (Action::FocusLeft, _) => self.focus = Focus::List,
            (_, Focus::Brief) => {
                self.brief_scroll.apply(action);
            }
            (_, Focus::List) => {
                let before = self.selection.selected;
                self.selection.apply(action, self.visible.len());
                if self.selection.selected != before {
                    self.brief_scroll.reset();
                }
            }
        }
    }

    /// The mouse wheel: scrolls the brief under the pointer, or moves the list's cursor.
    pub fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        if self.brief_scroll.contains(column, row) {
            self.brief_scroll.by(delta);
            return true;
        }
        let before = self.selection.selected;
        self.selection.scroll(delta, self.visible.len());
        if self.selection.selected != before {
            self.brief_scroll.reset();
        }
        true
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selection.selected).copied()
    }
}
