//! People keys: moving through the list, switching learners and mentors, filtering; reading
//! the selected person's pairings, and Enter on one of them: a pairing under way is
//! selected in the Pairings pane (on a mentor desk, in Check-ins), any other opens on one
//! screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::PeopleState;
use super::view::PeopleView;
use crate::desk::PersonKind;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::daily;
use crate::tui::effect::Effect;
use crate::tui::overlay::Overlay;
use crate::tui::panes::Pane;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};
use crate::tui::role::Role;

impl PaneView for PeopleState {
    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        self.take(roster);
        self.read_pairings()
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
        self.read_pairings()
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
            zone: look.zone,
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
        self.read_pairings()
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        PeopleState::wheel(self, column, row, delta)
    }
}

impl PeopleState {
    /// Asks the desk for the selected person's pairings, once per person selected.
    pub(crate) fn read_pairings(&mut self) -> Vec<Effect> {
        match self.pairings_wanted() {
            Some((kind, id)) => vec![Effect::Daily(daily::DailyEffect::PersonPairings {
                kind,
                id,
            })],
            None => Vec::new(),
        }
    }

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

/// Enter on one of the selected person's pairings: one under way is selected in the Pairings
/// pane (in Check-ins on a mentor desk, which has no Pairings pane); a proposal or a pairing
/// that ended opens on one screen, since the Pairings pane lists neither.
pub(crate) fn open_pairing(app: &mut App) {
    let people = &app.panes.people;
    let Some(chosen) = people.selected_pairing().cloned() else {
        app.info("No pairing chosen: l moves to the person's pairings");
        return;
    };
    let Some((kind, _)) = people.selected_key() else {
        return;
    };
    let own_name = people
        .selected_index()
        .and_then(|i| {
            if people.showing_mentors {
                people.mentors.get(i).map(|r| r.mentor.name.clone())
            } else {
                people.learners.get(i).map(|l| l.name.clone())
            }
        })
        .unwrap_or_default();
    let (learner_name, mentor_name) = match kind {
        PersonKind::Learner => (own_name, chosen.with_name.clone()),
        PersonKind::Mentor => (chosen.with_name.clone(), own_name),
    };
    let id = chosen.pairing;
    if chosen.status.holds_seat() {
        if Role::of(app) == Role::Mentor {
            app.panes.checkins.set_filter("");
            app.panes.checkins.select_pairing(id);
            app.switch(Pane::CheckIns);
            app.info(format!("Pairing {id}: {learner_name} → {mentor_name}"));
            return;
        }
        let read = app.has_read(Pane::Pairings);
        if app.panes.pairings.show_pairing(id, read) {
            app.switch(Pane::Pairings);
            app.info(format!(
                "Pairing {id}: {learner_name} → {mentor_name} · Enter opens it"
            ));
            return;
        }
    }
    app.info(format!("Opening pairing {id} ({})…", chosen.status));
    app.submit(Effect::Daily(daily::DailyEffect::OpenPairing {
        pairing: id,
        learner_name,
        mentor_name,
    }));
}
