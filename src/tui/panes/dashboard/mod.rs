//! The Dashboard pane: the program at a glance over a period — status counts, key figures,
//! time-to-match and time-to-first-milestone histograms, confidence by week, mentor load
//! (fullest first), mentors' contributions, and the pairings that need attention.
//!
//! Owns: the pane's state (the period, what was read for it, the cursor in the at-risk
//! list) and its drawing (`view`, `charts`). May use: `desk`, `domain`, and the desk's
//! theme and widgets. Reading happens outside: the app calls `Desk::insight(state.period)`
//! and hands the result to [`DashboardState::show`].

pub mod charts;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;

use crate::desk::Insight;
use crate::domain::PairingId;
use crate::domain::metrics::{AtRisk, Period};
use crate::tui::action::Action;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::selection::Selection;

/// Which box has the keys: the at-risk list, or (in the wide layout) the mentor load or
/// the contributions box, which scroll when their mentors do not all fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    AtRisk,
    Load,
    Contributions,
}

/// The Dashboard's boxes that scroll, which has the keys, and whether the last frame was
/// laid out wide (the narrow one has no load or contributions box to move to).
#[derive(Debug, Default)]
pub struct Boxes {
    pub focus: Focus,
    pub load: Scroll,
    pub contributions: Scroll,
    pub wide: std::cell::Cell<bool>,
}

/// What the Dashboard shows and where its cursor is.
#[derive(Debug, Default)]
pub struct DashboardState {
    /// The period the metrics are taken over (the period key cycles it).
    pub period: Period,
    /// What was read for `period`; `None` until the first read.
    pub insight: Option<Insight>,
    /// The cursor in the at-risk list.
    pub at_risk: Selection,
    /// The boxes that scroll, and which has the keys.
    pub boxes: Boxes,
    /// The period of the read under way, if any (so a reload does not ask twice).
    pub(crate) asked: Option<Period>,
}

impl DashboardState {
    /// Takes a fresh read, keeping the cursor on the same pairing when it is still listed.
    pub fn show(&mut self, insight: Insight) {
        let before = self.selected_pairing();
        let rows = &insight.at_risk;
        if let Some(at) = before.and_then(|id| rows.iter().position(|r| r.pairing == id)) {
            self.at_risk.selected = at;
        }
        self.at_risk.clamp(rows.len());
        self.insight = Some(insight);
    }

    /// Moves to the next period of [`Period::CHOICES`]; the caller reads again for it.
    pub fn next_period(&mut self) -> Period {
        self.period = self.period.next();
        self.period
    }

    /// The pairings that need attention, worst first (empty before the first read).
    pub fn at_risk_rows(&self) -> &[AtRisk] {
        self.insight.as_ref().map_or(&[], |i| i.at_risk.as_slice())
    }

    /// The pairing under the cursor: where Enter jumps to in the Pairings pane.
    pub fn selected_pairing(&self) -> Option<PairingId> {
        self.at_risk_rows()
            .get(self.at_risk.selected)
            .map(|r| r.pairing)
    }

    /// Moves the cursor in the at-risk list, or scrolls the box that has the keys; `l`/`h`
    /// move between them (wide layout only). False when `action` is not a move.
    pub fn apply(&mut self, action: Action) -> bool {
        let wide = self.boxes.wide.get();
        if !wide {
            // The narrow layout has only the list.
            self.boxes.focus = Focus::AtRisk;
        }
        let focus = &mut self.boxes.focus;
        match (action, *focus) {
            (Action::FocusRight, Focus::AtRisk) if wide => *focus = Focus::Load,
            (Action::FocusRight, Focus::Load) => *focus = Focus::Contributions,
            (Action::FocusLeft, Focus::Contributions) => *focus = Focus::Load,
            (Action::FocusLeft, _) => *focus = Focus::AtRisk,
            (Action::FocusRight, _) => {}
            (_, Focus::AtRisk) => {
                let len = self.at_risk_rows().len();
                return self.at_risk.apply(action, len);
            }
            (_, Focus::Load) => return self.boxes.load.apply(action),
            (_, Focus::Contributions) => return self.boxes.contributions.apply(action),
        }
        true
    }
}
