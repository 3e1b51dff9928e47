//! Check-ins state: the pairings that can take check-ins, every version of their check-ins,
//! and the draft of the check-in being written. The draft lives here, not in an overlay, so
//! it survives switching panes. Keys and flows are in `update.rs`, reading the form's text in
//! `form.rs`, drawing in `view.rs`.

mod form;
pub mod guide_picker;
pub mod update;
pub mod view;

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::crossterm::event::{Event, KeyCode};
use ratatui_textarea::TextArea;
use tui_input::backend::crossterm::EventHandler;

use crate::desk::{CheckInRow, FollowUp};
use crate::domain::{CheckIn, CheckInId, Pairing, PairingId};
use crate::tui::action::Action;
use crate::tui::panes::roster::Roster;
use crate::tui::widgets::filter;
use crate::tui::widgets::form::{Field, Form};
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::selection::Selection;

/// The check-in form's one-line fields, by index: the session's fields above the notes, the
/// milestone fields below them.
pub const WHEN: usize = 0;
pub const MINUTES: usize = 1;
pub const MODE: usize = 2;
pub const CONFIDENCE: usize = 3;
pub const TOPICS: usize = 4;
pub const NEXT_STEPS: usize = 5;
/// A planned milestone reached in this session (its id).
pub const MILESTONE: usize = 6;
/// Title of a new milestone planned in this session.
pub const NEW_MILESTONE: usize = 7;
pub const NEW_KIND: usize = 8;
pub const NEW_DUE: usize = 9;
/// A concern raised with this check-in: its kind (and, after it, `high` or `low`).
pub const CONCERN: usize = 10;
pub const CONCERN_NOTE: usize = 11;
/// Focus index of the notes (one past the one-line fields).
pub const NOTES: usize = 12;
/// Fields drawn above the notes (`WHEN..ABOVE_NOTES`); the rest are drawn below them.
pub const ABOVE_NOTES: usize = 6;
/// Tab order: top to bottom as drawn, so the notes come right after the next steps.
const TAB_ORDER: [usize; NOTES + 1] = [
    WHEN,
    MINUTES,
    MODE,
    CONFIDENCE,
    TOPICS,
    NEXT_STEPS,
    NOTES,
    MILESTONE,
    NEW_MILESTONE,
    NEW_KIND,
    NEW_DUE,
    CONCERN,
    CONCERN_NOTE,
];

/// Which list the cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Pairings,
    History,
    /// The selected check-in, scrolled on its own.
    Detail,
}

/// A pairing that can take (or holds) check-ins, with the names to show.
#[derive(Debug, Clone)]
pub struct PairingEntry {
    pub pairing: Pairing,
    pub learner_name: String,
    pub mentor_name: String,
    /// The learner's track (which sample questions suit them).
    pub learner_track: Option<crate::domain::Track>,
}

impl PairingEntry {
    pub fn label(&self) -> String {
        format!("{} → {}", self.learner_name, self.mentor_name)
    }
}

/// What saving the draft does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftPurpose {
    New {
        pairing: PairingId,
    },
    /// A new version that supersedes `checkin`.
    Edit {
        checkin: CheckInId,
        pairing: PairingId,
    },
}

/// A check-in being written: one-line fields, multi-line notes, and what it is for.
#[derive(Debug, Clone)]
pub struct CheckInDraft {
    pub purpose: DraftPurpose,
    /// Learner → mentor, for the title and messages.
    pub label: String,
    pub form: Form,
    pub notes: TextArea<'static>,
    /// Focus: a field index, or [`NOTES`].
    pub focus: usize,
    /// A date after today the person has been warned about; saving again with this same
    /// instant logs it ahead of time.
    pub future_confirmed: Option<chrono::DateTime<chrono::Utc>>,
    /// True while the desk saves it (a second `Ctrl-s` meanwhile is ignored).
    pub saving: bool,
    /// The guide whose agenda was put in (the check-in records it).
    pub guide: Option<crate::domain::guide::GuideName>,
    /// The guide picker, while it is open over the form.
    pub picker: Option<guide_picker::GuidePicker>,
    initial_notes: String,
}

/// What a new check-in starts from, before the learner's planned milestones are read for
/// the milestone field's hint.
#[derive(Debug, Clone)]
pub struct NewCheckInStart {
    pub pairing: PairingId,
    pub learner: crate::domain::LearnerId,
    pub label: String,
    /// The last session's length (else the agreement's) and mode.
    pub minutes: u32,
    pub mode: String,
}

impl CheckInDraft {
    pub fn new(
        purpose: DraftPurpose,
        label: String,
        fields: Vec<Field>,
        notes: &str,
        focus: usize,
    ) -> CheckInDraft {
        let title = match purpose {
            DraftPurpose::New { .. } => format!("New check-in · {label}"),
            DraftPurpose::Edit { .. } => format!("Edit check-in (keeps the old version) · {label}"),
        };
        let mut form = Form::new(title, fields);
        form.focus = focus;
        let lines: Vec<String> = notes.lines().map(str::to_string).collect();
        CheckInDraft {
            purpose,
            label,
            form,
            notes: TextArea::new(lines),
            focus,
            future_confirmed: None,
            saving: false,
            guide: None,
            picker: None,
            initial_notes: notes.to_string(),
        }
    }

    pub fn pairing(&self) -> PairingId {
        match self.purpose {
            DraftPurpose::New { pairing } | DraftPurpose::Edit { pairing, .. } => pairing,
        }
    }

    /// The notes as one text, lines joined with `\n`.
    pub fn notes_text(&self) -> String {
        self.notes.lines().join("\n")
    }

    /// Replaces the notes (e.g. with what the editor saved), cursor at the end.
    pub fn set_notes(&mut self, text: &str) {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        self.notes = TextArea::new(lines);
        self.notes.move_cursor(ratatui_textarea::CursorMove::Bottom);
        self.notes.move_cursor(ratatui_textarea::CursorMove::End);
    }

    /// True when anything differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.form.is_dirty() || self.notes_text() != self.initial_notes.trim_end_matches('\n')
    }

    /// True when the draft holds something a person typed: changed fields or notes.
    pub fn holds_input(&self) -> bool {
        self.is_dirty() || !self.notes_text().trim().is_empty()
    }

    fn tab_position(&self) -> usize {
        TAB_ORDER.iter().position(|f| *f == self.focus).unwrap_or(0)
    }

    pub fn next_field(&mut self) {
        let next = (self.tab_position() + 1) % TAB_ORDER.len();
        self.set_focus(TAB_ORDER[next]);
    }

    pub fn prev_field(&mut self) {
        let prev = (self.tab_position() + TAB_ORDER.len() - 1) % TAB_ORDER.len();
        self.set_focus(TAB_ORDER[prev]);
    }

    pub fn set_focus(&mut self, focus: usize) {
        self.focus = focus.min(NOTES);
        // The one-line form shows no focus while the notes have it.
        self.form.focus = if self.focus == NOTES {
            usize::MAX
        } else {
            self.focus
        };
    }

    /// Feeds a key or paste no binding claimed: text into the focused field or the notes;
    /// Enter in a one-line field moves on.
    pub fn type_event(&mut self, event: &Event) {
        if self.focus == NOTES {
            crate::tui::widgets::text_box::type_into(&mut self.notes, event);
            self.form.note = None;
            return;
        }
        if let Event::Key(key) = event
            && key.code == KeyCode::Enter
        {
            self.next_field();
            return;
        }
        if let Some(field) = self.form.fields.get_mut(self.focus)
            && field.input.handle_event(event).is_some_and(|c| c.value)
        {
            field.error = None;
            field.warning = None;
        }
    }
}

#[derive(Debug, Default)]
pub struct CheckInsState {
    pub pairings: Vec<PairingEntry>,
    /// Pairings and every version of every check-in (oldest first), shared with the
    /// other panes.
    pub follow_up: Arc<FollowUp>,
    pub filter: String,
    pub visible: Vec<usize>,
    pub pairing_sel: Selection,
    pub history_sel: Selection,
    pub focus: Column,
    /// The selected check-in's box.
    pub detail_scroll: Scroll,
    pub draft: Option<CheckInDraft>,
    /// True while the draft's form is on screen (Esc hides it and keeps the draft).
    pub form_open: bool,
    /// Mentor desk: the pack, whose briefs of the last sessions show as "before this desk".
    pub pack: Option<Arc<crate::tui::panes::sync::SyncSnapshot>>,
    /// The guides the picker offers (built in, the pack's, the person's folder).
    pub guides: Arc<crate::domain::guide::GuideLibrary>,
}

impl CheckInsState {
    /// Every version of every check-in, oldest first.
    pub fn rows(&self) -> &[CheckInRow] {
        &self.follow_up.checkins
    }

    /// Reads the pairings (active and paused first, then closed ones that hold check-ins)
    /// and every check-in version, keeping the cursor on the same pairing.
    pub fn take(&mut self, roster: &Roster, follow_up: Arc<FollowUp>) {
        let keep = self.selected_pairing().map(|p| p.pairing.id);
        let learners: HashMap<_, String> = roster
            .learners
            .iter()
            .map(|l| (l.id.clone(), l.name.clone()))
            .collect();
        let tracks: HashMap<_, _> = roster
            .learners
            .iter()
            .map(|l| (l.id.clone(), l.track))
            .collect();
        let mentors: HashMap<_, String> = roster
            .mentors
            .iter()
            .map(|r| (r.mentor.id.clone(), r.mentor.name.clone()))
            .collect();
        self.follow_up = follow_up;
        let logged: std::collections::HashSet<PairingId> =
            self.rows().iter().map(|r| r.checkin.pairing).collect();
        let mut pairings: Vec<PairingEntry> = self
            .follow_up
            .pairings
            .iter()
            .map(|h| h.pairing.clone())
            .filter(|p| p.status.holds_seat() || logged.contains(&p.id))
            .map(|p| PairingEntry {
                learner_name: learners
                    .get(&p.learner)
                    .cloned()
                    .unwrap_or_else(|| p.learner.to_string()),
                mentor_name: mentors
                    .get(&p.mentor)
                    .cloned()
                    .unwrap_or_else(|| p.mentor.to_string()),
                learner_track: tracks.get(&p.learner).copied().flatten(),
                pairing: p,
            })
            .collect();
        pairings.sort_by(|a, b| {
            (!a.pairing.status.holds_seat())
                .cmp(&!b.pairing.status.holds_seat())
                .then_with(|| a.learner_name.cmp(&b.learner_name))
                .then(a.pairing.id.cmp(&b.pairing.id))
        });
        self.pairings = pairings;
        self.refilter();
        if let Some(id) = keep {
            self.select_pairing(id);
        }
        self.history_sel.clamp(self.history().len());
    }

    fn refilter(&mut self) {
        let haystacks: Vec<String> = self
            .pairings
            .iter()
            .map(|e| {
                format!(
                    "{} {} {} {}",
                    e.pairing.learner, e.learner_name, e.pairing.mentor, e.mentor_name
                )
            })
            .collect();
        self.visible = filter::filter(&self.filter, haystacks.iter().map(String::as_str));
        self.pairing_sel.clamp(self.visible.len());
    }

    pub fn set_filter(&mut self, query: &str) {
        self.filter = query.to_string();
        self.pairing_sel.selected = 0;
        self.pairing_sel.offset = 0;
        self.history_sel = Selection::default();
        self.refilter();
    }

    /// Puts the cursor on pairing `id` when it is shown.
    pub fn select_pairing(&mut self, id: PairingId) {
        if let Some(pos) = self
            .visible
            .iter()
            .position(|i| self.pairings.get(*i).is_some_and(|e| e.pairing.id == id))
        {
            self.pairing_sel.selected = pos;
            self.pairing_sel.keep_visible();
        }
    }

    pub fn selected_pairing(&self) -> Option<&PairingEntry> {
        self.visible
            .get(self.pairing_sel.selected)
            .and_then(|i| self.pairings.get(*i))
    }

    /// The selected pairing's check-ins, newest first; each superseded version right after
    /// the version that replaced it.
    pub fn history(&self) -> Vec<&CheckInRow> {
        let Some(entry) = self.selected_pairing() else {
            return Vec::new();
        };
        let mine: Vec<&CheckInRow> = self
            .rows()
            .iter()
            .filter(|r| r.checkin.pairing == entry.pairing.id)
            .collect();
        let by_id: HashMap<CheckInId, &CheckInRow> =
            mine.iter().map(|r| (r.checkin.id, *r)).collect();
        let mut current: Vec<&CheckInRow> = mine
            .iter()
            .copied()
            .filter(|r| r.superseded_by.is_none())
            .collect();
        current.sort_by(|a, b| {
            b.checkin
                .at
                .cmp(&a.checkin.at)
                .then(b.checkin.recorded_at.cmp(&a.checkin.recorded_at))
        });
        let mut shown = Vec::new();
        for row in current {
            shown.push(row);
            let mut older = row.checkin.supersedes;
            while let Some(id) = older {
                let Some(old) = by_id.get(&id) else { break };
                shown.push(*old);
                older = old.checkin.supersedes;
            }
        }
        shown
    }

    pub fn selected_checkin(&self) -> Option<&CheckInRow> {
        self.history().get(self.history_sel.selected).copied()
    }

    /// The latest version of the selected check-in (the one an edit must start from).
    pub fn selected_current(&self) -> Option<&CheckIn> {
        self.selected_checkin()
            .filter(|r| r.superseded_by.is_none())
            .map(|r| &r.checkin)
    }

    /// Mentor desk: the selected pairing's sessions from the pack, newest first (they were
    /// logged before this desk was made, so they are not check-ins of this desk).
    pub fn before_this_desk(&self) -> Vec<&crate::domain::sync::CheckInBrief> {
        let (Some(pack), Some(entry)) = (&self.pack, self.selected_pairing()) else {
            return Vec::new();
        };
        let mut briefs: Vec<_> = pack
            .briefs
            .iter()
            .filter(|b| b.pairing.id == entry.pairing.id)
            .flat_map(|b| b.recent.iter())
            .collect();
        briefs.sort_by_key(|b| std::cmp::Reverse(b.at));
        briefs
    }

    pub fn has_unsaved(&self) -> bool {
        self.draft.as_ref().is_some_and(CheckInDraft::is_dirty)
    }

    /// Moves the cursor, or scrolls the check-in's box; `l`/`h` move between the boxes. A
    /// new pairing starts its history at the newest check-in.
    pub fn navigate(&mut self, action: Action) {
        match (action, self.focus) {
            (Action::Back, _) => self.focus = Column::Pairings,
            (Action::FocusLeft, Column::Detail) if !self.history().is_empty() => {
                self.focus = Column::History;
            }
            (Action::FocusLeft, _) => self.focus = Column::Pairings,
            (Action::FocusRight | Action::Open, Column::Pairings) => {
                if !self.history().is_empty() {
                    self.focus = Column::History;
                } else if self.selected_pairing().is_some() {
                    self.focus = Column::Detail;
                }
            }
            (Action::FocusRight, Column::History) => self.focus = Column::Detail,
            (_, Column::Pairings) => {
                let before = self.pairing_sel.selected;
                self.pairing_sel.apply(action, self.visible.len());
                if self.pairing_sel.selected != before {
                    self.history_sel = Selection::default();
                    self.detail_scroll.reset();
                }
            }
            (_, Column::History) => {
                let len = self.history().len();
                let before = self.history_sel.selected;
                self.history_sel.apply(action, len);
                if self.history_sel.selected != before {
                    self.detail_scroll.reset();
                }
            }
            (_, Column::Detail) => {
                self.detail_scroll.apply(action);
            }
        }
    }

    /// The mouse wheel: scrolls the check-in under the pointer, or moves the cursor of the
    /// list under it.
    pub fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        if self.detail_scroll.contains(column, row) {
            self.detail_scroll.by(delta);
        } else if self.history_sel.covers(column, row) {
            let len = self.history().len();
            self.history_sel.scroll(delta, len);
            self.detail_scroll.reset();
        } else if self.pairing_sel.covers(column, row) {
            let before = self.pairing_sel.selected;
            self.pairing_sel.scroll(delta, self.visible.len());
            if self.pairing_sel.selected != before {
                self.history_sel = Selection::default();
                self.detail_scroll.reset();
            }
        } else {
            return false;
        }
        true
    }
}
