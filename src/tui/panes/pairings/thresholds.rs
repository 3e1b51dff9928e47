//! The health thresholds editor, opened from the Pairings pane: the thresholds being tried,
//! which one the cursor is on, and the box drawn over the bottom of the pane so the pairings
//! under way (worst first) stay in sight while their health words follow each change.
//!
//! Owns: the draft and its view. May use: `domain`. The flows are in `update_thresholds.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::domain::thresholds::THRESHOLDS;
use crate::domain::{Health, HealthThresholds};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// Thresholds being tried; nothing is stored until Enter.
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdsDraft {
    pub thresholds: HealthThresholds,
    /// What the desk had when the editor opened (shown as "was").
    pub(crate) stored: HealthThresholds,
    /// Index into [`THRESHOLDS`].
    pub(crate) selected: usize,
}

impl ThresholdsDraft {
    pub(crate) fn new(stored: HealthThresholds) -> ThresholdsDraft {
        ThresholdsDraft {
            thresholds: stored,
            stored,
            selected: 0,
        }
    }

    pub(crate) fn is_dirty(&self) -> bool {
        self.thresholds != self.stored
    }

    /// Moves the cursor or changes the selected threshold by one step; returns true when the
    /// thresholds changed (so the health words must be judged again), or why the threshold
    /// cannot move further.
    pub(crate) fn apply(&mut self, action: Action) -> Result<bool, String> {
        let len = THRESHOLDS.len();
        let name = THRESHOLDS[self.selected.min(len - 1)].name;
        match action {
            Action::Down | Action::NextField => self.selected = (self.selected + 1) % len,
            Action::Up | Action::PrevField => self.selected = (self.selected + len - 1) % len,
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = len - 1,
            Action::Increase | Action::Decrease => {
                return self
                    .thresholds
                    .step(name, action == Action::Increase)
                    .map_err(|e| e.to_string());
            }
            _ => {}
        }
        Ok(false)
    }
}

/// The editor's box, drawn at the bottom of `area` (the whole screen, above status and
/// footer).
pub struct ThresholdsView<'a> {
    pub(crate) draft: &'a ThresholdsDraft,
    /// How many pairings under way are in each health state under the draft.
    pub(crate) counts: [(Health, usize); 4],
    pub(crate) theme: &'a Theme,
}

impl ThresholdsView<'_> {
    /// The box: as wide as the screen allows up to 100 columns, tall enough for the
    /// thresholds, the selected one's meaning (on two lines when narrow) and the counts.
    pub(crate) fn area(screen: Rect, draft: &ThresholdsDraft) -> Rect {
        let width = screen.width.saturating_sub(4).min(100);
        let meaning = meaning_line(draft).chars().count();
        let wrapped = u16::from(meaning > usize::from(width.saturating_sub(2)));
        let height = (THRESHOLDS.len() as u16 + 4 + wrapped).min(screen.height.saturating_sub(4));
        Rect {
            x: screen.x + (screen.width - width) / 2,
            y: (screen.y + screen.height).saturating_sub(height + 2),
            width,
            height,
        }
    }
}

impl Widget for ThresholdsView<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let d = self.draft;
        let area = Self::area(screen, d);
        // A blank column each side, so the list beneath does not show through at the edges.
        let gutter = Rect {
            x: area.x.saturating_sub(1).max(screen.x),
            width: (area.width + 2).min(screen.width),
            ..area
        };
        Clear.render(gutter, buf);
        let defaults = HealthThresholds::default();
        let mut lines: Vec<Line<'_>> = THRESHOLDS
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let selected = i == d.selected;
                let value = d.thresholds.get(s.name).unwrap_or_default();
                let was = d.stored.get(s.name).unwrap_or_default();
                let default = defaults.get(s.name).unwrap_or_default();
                let mut notes = Vec::new();
                if value != was {
                    notes.push(format!("was {was}"));
                }
                if value != default {
                    notes.push(format!("default {default}"));
                }
                let marker = if selected { "▶ " } else { "  " };
                Line::from(vec![
                    Span::styled(
                        format!("{marker}{:<31} {value:>5} {:<9}", s.label, s.unit),
                        if selected { t.selected } else { t.base },
                    ),
                    Span::styled(format!(" {}", notes.join(" · ")), t.dim),
                ])
            })
            .collect();
        lines.push(Line::from(Span::styled(meaning_line(d), t.dim)));
        let counts: Vec<String> = self
            .counts
            .iter()
            .map(|(health, n)| format!("{n} {health}"))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("  Under way now: ", t.dim),
            Span::raw(counts.join(" · ")),
        ]));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.title)
                    .title(Span::styled(
                        " Health thresholds · ↑/↓ choose · ←/→ change · Enter keeps · Esc discards ",
                        t.title,
                    )),
            )
            .render(area, buf);
    }
}

/// What the selected threshold does, and its allowed values.
fn meaning_line(d: &ThresholdsDraft) -> String {
    let spec = &THRESHOLDS[d.selected.min(THRESHOLDS.len() - 1)];
    format!("  {} ({})", spec.meaning, spec.range_words())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_choose_and_change_within_bounds() {
        let mut d = ThresholdsDraft::new(HealthThresholds::default());
        assert_eq!(d.apply(Action::Up), Ok(false));
        assert_eq!(d.selected, THRESHOLDS.len() - 1);
        assert_eq!(d.apply(Action::Decrease), Ok(true));
        assert_eq!(d.thresholds.first_checkin_days, 20);
        assert!(d.is_dirty());
        let _ = d.apply(Action::Top);
        assert_eq!(d.apply(Action::Increase), Ok(true));
        assert_eq!(d.thresholds.needs_checkin_cadences, 2.0);
        assert_eq!(
            d.apply(Action::Open),
            Ok(false),
            "other actions change nothing"
        );
        // At risk stops above needs a check-in, and says why.
        let _ = d.apply(Action::Down);
        assert_eq!(d.apply(Action::Decrease), Ok(true));
        let why = d.apply(Action::Decrease).unwrap_err();
        assert!(
            why.contains("goes no lower while \"needs a check-in after\" is 2 cadences"),
            "{why}"
        );
        assert_eq!(d.thresholds.at_risk_cadences, 2.5);
    }
}
