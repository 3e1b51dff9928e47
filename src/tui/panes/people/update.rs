//! People keys: moving through the list, switching learners and mentors, filtering.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::PeopleState;
use super::view::PeopleView;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};

impl PaneView for PeopleState {
    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        self.take(roster);
        Vec::new()
    }

    fn update(&mut self, action: Action, _ui: &mut Ui<'_>) -> Vec<Effect> {
        self.navigate(action);
        Vec::new()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        PeopleView {
            state: self,
            theme: look.theme,
        }
        .render(area, buf);
    }

    fn learner_in_view(&self) -> Option<crate::domain::LearnerId> {
        if self.showing_mentors {
            return None;
        }
        let index = self.selected_index()?;
        self.learners.get(index).map(|l| l.id.clone())
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn set_filter(&mut self, query: &str) -> Vec<Effect> {
        PeopleState::set_filter(self, query);
        Vec::new()
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        PeopleState::wheel(self, column, row, delta)
    }
}
