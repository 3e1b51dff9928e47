//! The open concerns at the top of the Pairings pane: the coordinator's queue, high and
//! newest first, with age and severity in words (never colour alone). `!` raises a concern on
//! the selected pairing under way; `C` resolves the selected concern, asking what was done.
//! Shown only while a concern is open, so a quiet program keeps its room for pairings.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{PairingsState, Section};
use crate::desk::ConcernRow;
use crate::domain::Severity;
use crate::tui::action::Action;
use crate::tui::concerns::{alert_style, raise_form, resolve_prompt};
use crate::tui::overlay::Overlay;
use crate::tui::panes::Ui;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::safe;
use crate::tui::widgets::table::DataTable;

/// Rows the queue's box takes: its concerns, but never more than a third of the pane (at
/// least one concern row always shows; the rest scroll, "↓ N more").
pub(crate) fn queue_height(open: usize, pane_height: u16) -> u16 {
    if open == 0 {
        return 0;
    }
    let need = u16::try_from(open + 3).unwrap_or(u16::MAX);
    need.min((pane_height / 3).max(4))
}

impl PairingsState {
    /// Takes a new read of the open queue; the cursor stays on the same concern when it is
    /// still open, and leaves the queue when none is.
    pub(crate) fn take_concerns(&mut self, queue: Arc<Vec<ConcernRow>>, now: DateTime<Utc>) {
        let keep = self.selected_concern().map(|r| r.concern.id);
        self.concerns = queue;
        self.concerns_read_at = Some(now);
        if let Some(pos) = keep.and_then(|id| self.concerns.iter().position(|r| r.concern.id == id))
        {
            self.concern_sel.selected = pos;
        }
        self.concern_sel.clamp(self.concerns.len());
        if self.concerns.is_empty() && self.section == Section::Concerns {
            self.section = if self.visible.is_empty() && !self.active.is_empty() {
                Section::Active
            } else {
                Section::Proposals
            };
        }
    }

    /// The concern the cursor is on (only while the queue has the focus).
    pub fn selected_concern(&self) -> Option<&ConcernRow> {
        if self.section != Section::Concerns {
            return None;
        }
        self.concerns.get(self.concern_sel.selected)
    }

    /// Moves into and out of the queue at the lists' ends; true when the move was one.
    pub(super) fn navigate_concerns(&mut self, action: Action) -> bool {
        let has_queue = !self.concerns.is_empty();
        match self.section {
            Section::Concerns => match action {
                Action::Down if self.concern_sel.selected + 1 >= self.concerns.len() => {
                    self.section = if self.visible.is_empty() && !self.active.is_empty() {
                        Section::Active
                    } else {
                        Section::Proposals
                    };
                    true
                }
                // Left stays in the queue (there is nothing to its left).
                Action::FocusLeft => true,
                _ => false,
            },
            Section::Proposals if action == Action::Up && has_queue => {
                if self.proposal_sel.selected == 0 || self.visible.is_empty() {
                    self.section = Section::Concerns;
                    return true;
                }
                false
            }
            Section::Active
                if action == Action::Up
                    && has_queue
                    && self.active_sel.selected == 0
                    && self.visible.is_empty() =>
            {
                self.section = Section::Concerns;
                true
            }
            _ => false,
        }
    }

    /// `!`: the form raising a concern on the selected pairing under way.
    pub(super) fn ask_raise(&self, ui: &mut Ui<'_>) {
        match self.selected_active() {
            Some(r) => {
                let label = format!("{} → {}", r.row.learner_name, r.row.mentor_name);
                let (form, purpose) = raise_form(r.row.pairing.id, &label);
                ui.open(Overlay::Form { form, purpose });
            }
            None => ui.fail(
                "Pick the pairing under way the concern is about (the lower list), then press !",
            ),
        }
    }

    /// `C`: asks what was done about the selected concern.
    pub(super) fn ask_resolve(&self, ui: &mut Ui<'_>) {
        match self.selected_concern() {
            Some(row) => ui.open(Overlay::Prompt(resolve_prompt(row))),
            None if self.concerns.is_empty() => ui.info("No concern is open"),
            None => ui.fail("Pick a concern in the list at the top first (k or ↑ moves there)"),
        }
    }
}

/// `3d`, or `today`.
fn age(raised: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match (now - raised).num_days().max(0) {
        0 => "today".into(),
        n => format!("{n}d"),
    }
}

const QUEUE: &[Col] = &[
    Col::text("#", 2, 3).optional(),
    Col::fixed("SEVERITY", 8, 9),
    Col::text("KIND", 7, 8),
    Col::text("AGE", 5, 7),
    Col::text("PAIRING", 10, 6),
    Col::text("BY", 6, 1).optional(),
    Col::rest("WHAT HAPPENED", 10, 5),
];

/// The queue's box.
pub(crate) struct ConcernQueueView<'a> {
    pub state: &'a PairingsState,
    pub theme: &'a Theme,
}

impl Widget for ConcernQueueView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = self.theme;
        let window = s.concern_sel.window_in(s.concerns.len(), area);
        let rows = s.concerns[window.clone()]
            .iter()
            .map(|r| {
                let c = &r.concern;
                let (severity, style) = match c.severity {
                    Severity::High => ("⚑ high", alert_style(t, true)),
                    Severity::Low => ("· low", t.warn),
                };
                vec![
                    Span::raw(format!("#{}", c.id)),
                    Span::styled(severity, style),
                    Span::raw(c.kind.as_str()),
                    Span::raw(age(c.raised_at, s.concerns_read_at.unwrap_or(c.raised_at))),
                    Span::raw(format!(
                        "{} {} → {}",
                        c.pairing,
                        safe(&r.learner_name),
                        safe(&r.mentor_name)
                    )),
                    Span::raw(c.author.to_string()),
                    Span::raw(safe(c.note.lines().next().unwrap_or_default()).into_owned()),
                ]
            })
            .collect();
        let high = s.concerns.iter().filter(|r| r.concern.is_alarm()).count();
        let footer = s.selected_concern().map(|r| {
            Line::from(Span::styled(
                format!(
                    " ▶ #{}: {} ",
                    r.concern.id,
                    safe(&first_lines(&r.concern.note))
                ),
                t.dim,
            ))
        });
        DataTable {
            title: format!(
                "Concerns open {} ({high} high) · high, newest first · C resolve · ! raise",
                s.concerns.len()
            ),
            columns: QUEUE,
            rows,
            first: window.start,
            total: s.concerns.len(),
            selection: &s.concern_sel,
            theme: t,
            focused: s.section == Section::Concerns,
            empty: "No concern is open.",
            footer,
        }
        .render(area, buf);
    }
}

/// A note on one line: its lines joined, for the box's bottom border.
fn first_lines(note: &str) -> String {
    note.lines().collect::<Vec<_>>().join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_takes_what_it_needs_up_to_a_third() {
        assert_eq!(queue_height(0, 21), 0);
        assert_eq!(queue_height(1, 21), 4);
        assert_eq!(queue_height(2, 21), 5);
        assert_eq!(queue_height(9, 21), 7);
        assert_eq!(queue_height(9, 9), 4, "one row at least on a short pane");
    }
}
