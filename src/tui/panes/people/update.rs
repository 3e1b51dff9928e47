//! People keys: moving through the list, switching learners and mentors, filtering.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::PeopleState;
use super::view::PeopleView;
use crate::desk::PersonKind;
use crate::tui::action::Action;
use crate::tui::daily;
use crate::tui::effect::Effect;
use crate::tui::overlay::Overlay;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};

impl PaneView for PeopleState {
    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        self.take(roster);
        Vec::new()
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        match action {
            Action::EditPerson => self.open_edit(ui),
            Action::AddPerson => {
                let kind = self.kind();
                let (form, purpose) = daily::add_form(kind);
                ui.open(Overlay::Form { form, purpose });
            }
            Action::PersonStatus => {
                if let Some((kind, id, name)) = self.selected_person() {
                    ui.open(Overlay::Prompt(daily::status_prompt(kind, &id, &name)));
                }
            }
            other => self.navigate(other),
        }
        Vec::new()
    }

    fn enabled(&self, action: Action) -> bool {
        match action {
            Action::EditPerson | Action::PersonStatus => self.selected_index().is_some(),
            _ => true,
        }
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

impl PeopleState {
    /// Learners or mentors, as shown.
    fn kind(&self) -> PersonKind {
        if self.showing_mentors {
            PersonKind::Mentor
        } else {
            PersonKind::Learner
        }
    }

    /// The selected person's kind, id and name.
    fn selected_person(&self) -> Option<(PersonKind, String, String)> {
        let index = self.selected_index()?;
        if self.showing_mentors {
            let m = &self.mentors.get(index)?.mentor;
            Some((PersonKind::Mentor, m.id.to_string(), m.name.clone()))
        } else {
            let l = self.learners.get(index)?;
            Some((PersonKind::Learner, l.id.to_string(), l.name.clone()))
        }
    }

    fn open_edit(&self, ui: &mut Ui<'_>) {
        let Some(index) = self.selected_index() else {
            return;
        };
        let opened = if self.showing_mentors {
            self.mentors
                .get(index)
                .map(|row| daily::mentor_form(&row.mentor))
        } else {
            self.learners.get(index).map(daily::learner_form)
        };
        if let Some((form, purpose)) = opened {
            ui.open(Overlay::Form { form, purpose });
        }
    }
}
