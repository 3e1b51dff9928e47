//! Sync: on the coordinator's desk, what mentors' bundles brought — imports with their counts,
//! open conflicts (both versions side by side, resolved by keeping theirs, ours or both),
//! gaps in a mentor desk's numbering and refused records. The same read also feeds a mentor
//! desk's banner, Check-ins and People (the pack's briefs). State here; keys and flows in
//! `update.rs`, bundles in and out in `bundle.rs`, drawing in `view.rs`.
//!
//! May use: `desk`, `domain`, the rest of `tui`.

pub mod bundle;
pub mod update;
pub mod view;

use std::collections::HashMap;
use std::sync::Arc;

use crate::desk::{Desk, DeskError, LearnerBrief, SyncConflict, SyncStatus};
use crate::domain::DeskRole;
use crate::tui::action::Action;
use crate::tui::panes::roster::Roster;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::selection::Selection;

/// What the desk says about handing records over, read once per reload.
#[derive(Debug, Clone)]
pub struct SyncSnapshot {
    pub status: SyncStatus,
    /// Coordinator's desk: the open conflicts, oldest first.
    pub conflicts: Vec<SyncConflict>,
    /// Mentor desk: each learner's brief from the pack.
    pub briefs: Vec<LearnerBrief>,
}

impl SyncSnapshot {
    /// Reads the state of handing over; runs on the desk's thread.
    pub fn read(desk: &mut Desk) -> Result<SyncSnapshot, DeskError> {
        let status = desk.sync_status()?;
        let mentor = status.identity.role == DeskRole::Mentor;
        let conflicts = if mentor {
            Vec::new()
        } else {
            desk.sync_conflicts(false)?
        };
        let briefs = if mentor {
            desk.learner_briefs()?
        } else {
            Vec::new()
        };
        Ok(SyncSnapshot {
            status,
            conflicts,
            briefs,
        })
    }

    pub fn is_mentor_desk(&self) -> bool {
        self.status.identity.role == DeskRole::Mentor
    }

    /// The mentor whose desk this is, by name (else id).
    pub fn mentor_name(&self) -> String {
        let id = &self.status.identity;
        id.mentor_name
            .clone()
            .or_else(|| id.mentor.as_ref().map(ToString::to_string))
            .unwrap_or_else(|| "the mentor".into())
    }
}

/// One selectable line of the Sync list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Import(usize),
    Conflict(usize),
    Gap(usize),
    Rejected(usize),
}

/// Which side of the pane has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    /// The detail: ↑/↓ scroll it.
    Detail,
}

#[derive(Debug, Default)]
pub struct SyncState {
    pub snapshot: Option<Arc<SyncSnapshot>>,
    /// Mentor names by id, for imports, gaps and conflicts.
    pub mentors: HashMap<String, String>,
    /// Learner names by id, for conflicts.
    pub learners: HashMap<String, String>,
    pub items: Vec<Item>,
    pub selection: Selection,
    pub focus: Focus,
    /// The detail's box, scrolled on its own.
    pub detail_scroll: Scroll,
}

impl SyncState {
    /// Takes the people's names (for labels).
    pub fn take_names(&mut self, roster: &Roster) {
        self.mentors = roster
            .mentors
            .iter()
            .map(|r| (r.mentor.id.to_string(), r.mentor.name.clone()))
            .collect();
        self.learners = roster
            .learners
            .iter()
            .map(|l| (l.id.to_string(), l.name.clone()))
            .collect();
    }

    /// Shows a new read, keeping the cursor on the same item when it is still there.
    pub fn take(&mut self, snapshot: Arc<SyncSnapshot>) {
        let keep = self.selected();
        let s = &snapshot;
        let mut items: Vec<Item> = (0..s.status.imports.len()).map(Item::Import).collect();
        items.extend((0..s.conflicts.len()).map(Item::Conflict));
        items.extend((0..s.status.gaps.len()).map(Item::Gap));
        items.extend((0..s.status.rejected.len()).map(Item::Rejected));
        // Conflicts first under the cursor: they are what asks for a decision.
        let first_conflict = items.iter().position(|i| matches!(i, Item::Conflict(_)));
        self.items = items;
        self.snapshot = Some(snapshot);
        match keep.and_then(|k| self.items.iter().position(|i| *i == k)) {
            Some(pos) => self.selection.selected = pos,
            None => self.selection.selected = first_conflict.unwrap_or(0),
        }
        self.selection.clamp(self.items.len());
        self.detail_scroll.reset();
    }

    pub fn selected(&self) -> Option<Item> {
        self.items.get(self.selection.selected).copied()
    }

    pub fn selected_conflict(&self) -> Option<&SyncConflict> {
        match self.selected()? {
            Item::Conflict(i) => self.snapshot.as_ref()?.conflicts.get(i),
            _ => None,
        }
    }

    /// A mentor's name, from an id or an author (`mentor:M0001`).
    pub fn mentor_name(&self, id: &str) -> String {
        let id = id.strip_prefix("mentor:").unwrap_or(id);
        self.mentors
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The mentor whose desk sent a conflict's incoming version.
    pub fn sender(&self, conflict: &SyncConflict) -> String {
        conflict
            .theirs
            .get("author")
            .and_then(|a| a.as_str())
            .map_or_else(|| "the mentor".into(), |a| self.mentor_name(a))
    }

    /// Moves the cursor in the list, or scrolls the detail.
    pub fn navigate(&mut self, action: Action) {
        match (action, self.focus) {
            (Action::FocusRight | Action::Open, Focus::List) if self.selected().is_some() => {
                self.focus = Focus::Detail;
            }
            (Action::FocusLeft | Action::Back, _) => self.focus = Focus::List,
            (_, Focus::List) => {
                let before = self.selection.selected;
                self.selection.apply(action, self.items.len());
                if before != self.selection.selected {
                    self.detail_scroll.reset();
                }
            }
            (_, Focus::Detail) => {
                self.detail_scroll.apply(action);
            }
        }
    }
}
