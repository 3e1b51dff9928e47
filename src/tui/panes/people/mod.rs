//! People: the directory of learners and mentors, with a brief of the selected person and
//! their pairings (a mentor's mentees, a learner's mentors, as `person show` lists them),
//! from which Enter opens a pairing. This file holds the pane's state; keys are in
//! `update.rs`, drawing in `view.rs`.

pub mod update;
pub mod view;

use std::sync::Arc;

use crate::desk::{MentorRow, PersonKind, PersonPairing};
use crate::domain::Learner;
use crate::domain::person::join_list;
use crate::tui::action::Action;
use crate::tui::panes::roster::Roster;
use crate::tui::widgets::filter;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::selection::Selection;

/// Which box the keys move in: the list, the selected person's brief, or their pairings
/// (`l` moves right, `h` back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Brief,
    Pairings,
}

/// The pairings of one person, as the desk read them (`Desk::person_pairings`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPairings {
    pub kind: PersonKind,
    pub id: String,
    /// Newest first, declined proposals left out; or why they could not be read.
    pub rows: Result<Vec<PersonPairing>, String>,
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
    /// The selected person's pairings, once read (`None` until then, or for someone else
    /// while the new person's are read).
    pub pairings: Option<PersonPairings>,
    pub pairing_sel: Selection,
    /// The person whose pairings were last asked for, so moving asks once per person.
    asked: Option<(PersonKind, String)>,
    /// Mentor desk: the pack, whose briefs the learner's brief shows.
    pub pack: Option<Arc<crate::tui::panes::sync::SyncSnapshot>>,
}

impl PeopleState {
    pub fn take(&mut self, roster: &Roster) {
        self.learners = Arc::clone(&roster.learners);
        self.mentors = Arc::clone(&roster.mentors);
        self.refilter();
        // Read again: a change that reloaded the people may have changed pairings too.
        self.asked = None;
    }

    /// The selected person's kind and id.
    pub fn selected_key(&self) -> Option<(PersonKind, String)> {
        let index = self.selected_index()?;
        if self.showing_mentors {
            let m = &self.mentors.get(index)?.mentor;
            Some((PersonKind::Mentor, m.id.to_string()))
        } else {
            let l = self.learners.get(index)?;
            Some((PersonKind::Learner, l.id.to_string()))
        }
    }

    /// The person whose pairings should be read now: the selected one, when not yet asked.
    pub fn pairings_wanted(&mut self) -> Option<(PersonKind, String)> {
        let key = self.selected_key();
        if key == self.asked {
            return None;
        }
        self.asked = key.clone();
        key
    }

    /// Takes a person's pairings as read; those of someone no longer selected are dropped.
    pub fn take_pairings(&mut self, read: PersonPairings) {
        if self.selected_key() != Some((read.kind, read.id.clone())) {
            return;
        }
        let keep = self.selected_pairing().map(|p| p.pairing);
        let len = read.rows.as_ref().map_or(0, Vec::len);
        self.pairings = Some(read);
        self.pairing_sel.selected = keep
            .and_then(|id| self.pairing_rows().iter().position(|p| p.pairing == id))
            .unwrap_or(0);
        self.pairing_sel.clamp(len);
        if len == 0 && self.focus == Focus::Pairings {
            self.focus = Focus::Brief;
        }
    }

    /// The selected person's pairings, when read (empty otherwise).
    pub fn pairing_rows(&self) -> &[PersonPairing] {
        match &self.pairings {
            Some(read) if self.shows_pairings_of(read) => read.rows.as_deref().unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether `read` are the pairings of the person selected now.
    pub fn shows_pairings_of(&self, read: &PersonPairings) -> bool {
        self.selected_key()
            .is_some_and(|(kind, id)| kind == read.kind && id == read.id)
    }

    /// The pairing the cursor is on in the person's pairings.
    pub fn selected_pairing(&self) -> Option<&PersonPairing> {
        self.pairing_rows().get(self.pairing_sel.selected)
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
        self.person_changed();
        self.refilter();
    }

    /// Another person is selected: their brief from the top, their pairings from the first.
    fn person_changed(&mut self) {
        self.brief_scroll.reset();
        self.pairing_sel = Selection::default();
    }

    /// Moves the cursor, scrolls the brief or moves among the person's pairings; `l`/`h`
    /// move between the boxes (Enter on the list goes straight to the pairings, when there
    /// are some); `m` shows the other list.
    pub fn navigate(&mut self, action: Action) {
        let has_pairings = !self.pairing_rows().is_empty();
        match (action, self.focus) {
            (Action::TogglePeople, _) => {
                self.showing_mentors = !self.showing_mentors;
                self.focus = Focus::List;
                self.set_filter("");
            }
            (Action::Open, Focus::List) if has_pairings => self.focus = Focus::Pairings,
            (Action::FocusRight | Action::Open, Focus::List) => {
                if self.selected_index().is_some() {
                    self.focus = Focus::Brief;
                }
            }
            (Action::FocusRight, Focus::Brief) if has_pairings => self.focus = Focus::Pairings,
            (Action::FocusLeft, Focus::Pairings) => self.focus = Focus::Brief,
            (Action::FocusLeft, _) => self.focus = Focus::List,
            (_, Focus::Brief) => {
                self.brief_scroll.apply(action);
            }
            (_, Focus::Pairings) => {
                let len = self.pairing_rows().len();
                self.pairing_sel.apply(action, len);
            }
            (_, Focus::List) => {
                let before = self.selection.selected;
                self.selection.apply(action, self.visible.len());
                if self.selection.selected != before {
                    self.person_changed();
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
        if self
            .pairing_sel
            .rows_area
            .get()
            .contains((column, row).into())
        {
            let len = self.pairing_rows().len();
            self.pairing_sel.scroll(delta, len);
            return true;
        }
        let before = self.selection.selected;
        self.selection.scroll(delta, self.visible.len());
        if self.selection.selected != before {
            self.person_changed();
        }
        true
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selection.selected).copied()
    }
}
