//! A tab whose features arrive with later work (the Dashboard, for now): it says so plainly.
//! When its pane arrives, its line in `panes!` names the new folder instead.

pub mod view;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};
use view::ComingView;

/// The Dashboard's place, until it comes.
#[derive(Debug, Default)]
pub struct ComingPane;

impl PaneView for ComingPane {
    fn load(&mut self, _roster: &Roster) -> Vec<Effect> {
        Vec::new()
    }

    fn update(&mut self, _action: Action, _ui: &mut Ui<'_>) -> Vec<Effect> {
        Vec::new()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        ComingView {
            title: "Dashboard",
            what: "Program metrics: time to match, check-in rhythm, milestones, confidence.",
            theme: look.theme,
        }
        .render(area, buf);
    }
}
