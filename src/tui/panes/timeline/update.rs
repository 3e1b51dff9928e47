//! Timeline flows: moving through learners (the story follows the cursor, read by the desk),
//! opening one entry (a check-in with its full notes), and the reflection form's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::detail::EntryDetail;
use super::reflection_view::ReflectionFormView;
use super::view::TimelineView;
use super::{Column, TimelineState, describe, kind_words};
use crate::desk::{DeskError, Timeline};
use crate::domain::LearnerId;
use crate::tui::action::Action;
use crate::tui::app::{App, Detail, Overlay};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::panes::roster::Roster;
use crate::tui::panes::{Look, PaneView, Ui};

impl PaneView for TimelineState {
    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        self.take(roster)
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        if self.reflection_open {
            match (action, self.reflection.as_mut()) {
                (Action::Submit, _) => return self.save_reflection(ui),
                (Action::Back, _) => self.close_reflection(ui),
                (Action::NextField, Some(draft)) => draft.next_field(),
                (Action::PrevField, Some(draft)) => draft.prev_field(),
                _ => {}
            }
            return Vec::new();
        }
        if action == Action::NewReflection {
            self.open_reflection(ui);
            return Vec::new();
        }
        if action == Action::Open && self.focus == Column::Events {
            return self.open_entry(ui);
        }
        self.navigate(action);
        self.story_wanted()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        TimelineView {
            state: self,
            theme: look.theme,
            zone: look.zone,
        }
        .render(area, buf);
        if let (Some(draft), true) = (&self.reflection, self.reflection_open) {
            ReflectionFormView {
                draft,
                theme: look.theme,
            }
            .render(area, buf);
        }
    }

    fn mode(&self) -> Option<Context> {
        self.reflection_open.then_some(Context::ReflectionForm)
    }

    fn enabled(&self, action: Action) -> bool {
        match action {
            Action::NewReflection => self.reflection.is_some() || self.selected_learner().is_some(),
            Action::Submit => self.reflection.as_ref().is_some_and(|d| !d.saving),
            Action::Open => self.focus == Column::Learners || self.selected_event().is_some(),
            _ => true,
        }
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn set_filter(&mut self, query: &str) -> Vec<Effect> {
        TimelineState::set_filter(self, query);
        self.story_wanted()
    }
}

impl TimelineState {
    fn open_entry(&self, ui: &mut Ui<'_>) -> Vec<Effect> {
        let (Some(event), Some(timeline)) = (self.selected_event(), &self.timeline) else {
            ui.fail("Nothing to open");
            return Vec::new();
        };
        vec![Effect::OpenEntry {
            learner: timeline.learner.clone(),
            heading: kind_words(event),
            line: describe(self, event),
            event: event.clone(),
        }]
    }
}

/// A learner's story is back from the desk.
pub(crate) fn on_story(app: &mut App, learner: &LearnerId, result: Result<Timeline, DeskError>) {
    match result {
        Ok(timeline) => app.panes.timeline.take_story(learner, timeline),
        Err(e) => {
            app.panes.timeline.asked = None;
            app.fail(format!("Could not read the time line: {e}"));
        }
    }
}

/// The entry (and a check-in's full notes) has been read: it opens on one screen.
pub(crate) fn on_entry_opened(app: &mut App, detail: Box<EntryDetail>) {
    app.overlay = Some(Overlay::Detail {
        detail: Detail::Entry(detail),
        scroll: Default::default(),
    });
}
