//! Audit keys: moving through the trail, filtering, Enter for an entry's before and after;
//! and what the desk answers when the trail has been read.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::AuditState;
use super::view::AuditView;
use crate::desk::{AuditLine, DeskError};
use crate::tui::action::Action;
use crate::tui::app::{App, Detail, Overlay};
use crate::tui::effect::Effect;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};

impl PaneView for AuditState {
    /// The trail is read each time the pane is shown after a change (the desk's reload
    /// forgets it), so an undo or an approval shows at the top.
    fn load(&mut self, _roster: &Roster) -> Vec<Effect> {
        vec![Effect::ReadAudit]
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        match action {
            Action::Open => match self.selected() {
                Some(line) => ui.open(Overlay::Detail {
                    detail: Detail::Audit(Box::new(line.clone())),
                    scroll: Default::default(),
                }),
                None => ui.info("No audit entry is selected"),
            },
            other => self.navigate(other),
        }
        Vec::new()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        AuditView {
            state: self,
            theme: look.theme,
            zone: look.zone,
        }
        .render(area, buf);
    }

    fn enabled(&self, action: Action) -> bool {
        action != Action::Open || self.selected().is_some()
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn set_filter(&mut self, query: &str) -> Vec<Effect> {
        AuditState::set_filter(self, query);
        Vec::new()
    }
}

/// The trail has been read (or not).
pub(crate) fn on_audit_read(app: &mut App, result: Result<Vec<AuditLine>, DeskError>) {
    match result {
        Ok(lines) => {
            let zone = app.zone;
            app.panes.audit.take(lines, zone);
        }
        Err(e) => app.fail(format!("Could not read the audit trail: {e}")),
    }
}
