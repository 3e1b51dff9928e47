//! The Dashboard's keys and reads: the period key reads the metrics again for the next
//! period; the cursor moves in the at-risk list. Enter (jump to the pairing in the Pairings
//! pane) crosses panes, so the app's `update` handles it with [`DashboardState::selected_pairing`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::DashboardState;
use super::view::DashboardView;
use crate::desk::{DeskError, Insight};
use crate::domain::metrics::Period;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};

impl PaneView for DashboardState {
    /// Every reload reads the metrics again: a decision or another desk's check-in changes
    /// them.
    fn load(&mut self, _roster: &Roster) -> Vec<Effect> {
        self.read(self.period)
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        match action {
            Action::NextPeriod => {
                let period = self.next_period();
                ui.info(format!("Dashboard: {period}"));
                self.read(period)
            }
            other => {
                self.apply(other);
                Vec::new()
            }
        }
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        match &self.insight {
            Some(insight) => DashboardView {
                metrics: &insight.metrics,
                at_risk: &insight.at_risk,
                selection: &self.at_risk,
                theme: look.theme,
                focused: self.boxes.focus == super::Focus::AtRisk,
                boxes: &self.boxes,
            }
            .render(area, buf),
            // The desk reads the metrics off the UI thread; until they arrive, say so.
            None => Paragraph::new(Span::styled(
                "Reading the program's metrics…",
                look.theme.dim,
            ))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(look.theme.border)
                    .title(Span::styled(" Dashboard ", look.theme.title)),
            )
            .render(area, buf),
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        let boxes = &mut self.boxes;
        if !boxes.wide.get() {
            return false;
        }
        if boxes.load.contains(column, row) {
            boxes.load.by(delta);
        } else if boxes.contributions.contains(column, row) {
            boxes.contributions.by(delta);
        } else {
            return false;
        }
        true
    }

    fn enabled(&self, action: Action) -> bool {
        match action {
            Action::Open => self.selected_pairing().is_some(),
            _ => true,
        }
    }
}

impl DashboardState {
    /// Asks for the metrics over `period` unless that read is already under way.
    fn read(&mut self, period: Period) -> Vec<Effect> {
        if self.asked == Some(period) {
            return Vec::new();
        }
        self.asked = Some(period);
        vec![Effect::ReadInsight(period)]
    }
}

/// The metrics are back from the desk; a read for a period no longer shown is dropped.
pub fn on_insight(app: &mut App, period: Period, result: Result<Box<Insight>, DeskError>) {
    let dashboard = &mut app.panes.dashboard;
    if dashboard.asked == Some(period) {
        dashboard.asked = None;
    }
    if dashboard.period != period {
        return;
    }
    match result {
        Ok(insight) => dashboard.show(*insight),
        Err(e) => app.fail(format!("Could not read the program's metrics: {e}")),
    }
}
