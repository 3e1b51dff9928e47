//! The reflection form of the Timeline pane (`r`): a learner's own words, multi-line, with
//! when they said it, their own confidence and who writes it down. The draft lives in the
//! pane, so `Esc` closes the form and keeps what was typed (`r` opens it again); `Ctrl-s`
//! checks every field, errors beside their fields, and hands it to the desk.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui_textarea::TextArea;
use tui_input::backend::crossterm::EventHandler;

use super::TimelineState;
use crate::desk::{DeskError, NewReflection, TimelineKind, WrittenBy};
use crate::domain::reflection::{Reflection, check_date, parse_text};
use crate::domain::text::typed_line;
use crate::domain::when::{local_day, parse_when};
use crate::domain::{Confidence, LearnerId};
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::panes::Ui;
use crate::tui::widgets::form::{Field, Form};

/// The form's one-line fields, by index; the text is one past them.
pub const WHEN: usize = 0;
pub const CONFIDENCE: usize = 1;
pub const BY: usize = 2;
pub const TEXT: usize = 3;

/// Who writes a reflection down, as typed in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writer {
    Coordinator,
    Mentor,
}

impl FromStr for Writer {
    type Err = String;
    fn from_str(raw: &str) -> Result<Writer, String> {
        match raw.trim().to_lowercase().as_str() {
            "" | "c" | "coordinator" => Ok(Writer::Coordinator),
            "m" | "mentor" => Ok(Writer::Mentor),
            other => Err(format!(
                "{:?} is neither coordinator nor mentor",
                typed_line(other)
            )),
        }
    }
}

/// A reflection being written.
#[derive(Debug, Clone)]
pub struct ReflectionDraft {
    pub learner: LearnerId,
    /// The learner's name, for the title and messages.
    pub name: String,
    pub form: Form,
    pub text: TextArea<'static>,
    /// Focus: a field index, or [`TEXT`].
    pub focus: usize,
    /// True while the desk saves it (a second `Ctrl-s` meanwhile is ignored).
    pub saving: bool,
}

impl ReflectionDraft {
    pub fn new(learner: LearnerId, name: String, today: chrono::NaiveDate) -> ReflectionDraft {
        let fields = vec![
            Field::new("When", "now", format!("now, {today} or {today} 18:30")),
            Field::new(
                "Confidence",
                "",
                "their own: 1 lost … 5 confident, optional",
            ),
            Field::new(
                "Written down by",
                "coordinator",
                "coordinator, or mentor (their current one)",
            ),
        ];
        let mut draft = ReflectionDraft {
            form: Form::new(
                format!("Reflection · {name} ({learner}) in their own words"),
                fields,
            ),
            learner,
            name,
            text: TextArea::default(),
            focus: TEXT,
            saving: false,
        };
        draft.set_focus(TEXT);
        draft
    }

    /// The text as typed, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    /// True when the draft holds something a person typed.
    pub fn holds_input(&self) -> bool {
        self.form.is_dirty() || !self.text().trim().is_empty()
    }

    pub fn set_focus(&mut self, focus: usize) {
        self.focus = focus.min(TEXT);
        // The one-line form shows no focus while the text has it.
        self.form.focus = if self.focus == TEXT {
            usize::MAX
        } else {
            self.focus
        };
    }

    /// Tab order: the text first (it is what the form is for), then the fields.
    pub fn next_field(&mut self) {
        self.set_focus(match self.focus {
            TEXT => WHEN,
            BY => TEXT,
            other => other + 1,
        });
    }

    pub fn prev_field(&mut self) {
        self.set_focus(match self.focus {
            TEXT => BY,
            WHEN => TEXT,
            other => other - 1,
        });
    }

    /// Feeds a key or paste no binding claimed: into the text (Enter a new line) or the
    /// focused field (Enter moves on). A character that could talk to the terminal is never
    /// kept.
    pub fn type_event(&mut self, event: &Event) {
        self.form.note = None;
        if self.focus == TEXT {
            crate::tui::widgets::text_box::type_into(&mut self.text, event);
            return;
        }
        if let Event::Key(key) = event
            && key.code == KeyCode::Enter
        {
            self.next_field();
            return;
        }
        if let Some(field) = self.form.fields.get_mut(self.focus)
            && field.input.handle_event(event).is_some_and(|c| c.value)
        {
            field.error = None;
        }
    }

    /// Reads the form into a reflection for the desk; marks each bad field with its error
    /// (the text's under the form) and returns `None` when any is bad. `joined`: when the
    /// learner joined, which the date may not precede.
    pub fn parse(
        &mut self,
        zone: chrono_tz::Tz,
        now: DateTime<Utc>,
        joined: Option<DateTime<Utc>>,
    ) -> Option<NewReflection> {
        self.form.clear_errors();
        self.form.note = None;
        let value = |i: usize| self.form.fields[i].value().trim().to_string();
        let (when, confidence, by) = (value(WHEN), value(CONFIDENCE), value(BY));
        let mut errors: Vec<(usize, String)> = Vec::new();
        let at = match when.as_str() {
            "" | "now" => None,
            raw => parse_when("when", raw, zone)
                .map_err(|e| errors.push((WHEN, e.to_string())))
                .ok(),
        };
        if let Some(joined) = joined
            && let Err(e) = check_date(at.unwrap_or(now), joined, now, zone)
        {
            errors.push((WHEN, e.to_string()));
        }
        let confidence = match confidence.as_str() {
            "" => None,
            raw => Confidence::parse(raw)
                .map(Confidence::get)
                .map_err(|e| errors.push((CONFIDENCE, e.to_string())))
                .ok(),
        };
        let by = Writer::from_str(&by).map_err(|e| errors.push((BY, e))).ok();
        let text = match parse_text(&self.text()) {
            Ok(text) => Some(text),
            Err(e) => {
                errors.push((TEXT, e.to_string()));
                None
            }
        };
        for (i, error) in &errors {
            match self.form.fields.get_mut(*i) {
                Some(field) if field.error.is_none() => field.error = Some(error.clone()),
                Some(_) => {}
                None => self.form.note = Some(error.clone()),
            }
        }
        if let Some((first, _)) = errors.first() {
            self.set_focus(*first);
            return None;
        }
        Some(NewReflection {
            learner: self.learner.clone(),
            text: text?,
            at,
            confidence,
            by: match by? {
                Writer::Coordinator => WrittenBy::Desk,
                Writer::Mentor => WrittenBy::Mentor,
            },
        })
    }
}

impl TimelineState {
    /// `r`: opens the draft again when there is one (on its learner), else a new reflection
    /// for the selected learner, the cursor in the text.
    pub(crate) fn open_reflection(&mut self, ui: &mut Ui<'_>) {
        if let Some(draft) = &self.reflection {
            let learner = draft.learner.clone();
            self.select(&learner);
            self.reflection_open = true;
            return;
        }
        let Some(learner) = self.selected_learner().cloned() else {
            ui.fail("Pick a learner first");
            return;
        };
        self.reflection = Some(ReflectionDraft::new(
            learner.id,
            learner.name,
            local_day(ui.now, ui.zone),
        ));
        self.reflection_open = true;
    }

    /// `Esc` in the form: closes it; a draft holding input is kept for `r`.
    pub(crate) fn close_reflection(&mut self, ui: &mut Ui<'_>) {
        self.reflection_open = false;
        if self
            .reflection
            .as_ref()
            .is_some_and(ReflectionDraft::holds_input)
        {
            ui.info("Reflection kept: r opens it again");
        } else {
            self.reflection = None;
        }
    }

    /// True when a reflection draft holds words not saved.
    pub fn has_unsaved_reflection(&self) -> bool {
        self.reflection
            .as_ref()
            .is_some_and(ReflectionDraft::holds_input)
    }

    /// `Ctrl-s`: checks the draft and hands it to the desk; the form stays until the desk
    /// answers (see [`on_reflection_saved`]).
    pub(crate) fn save_reflection(&mut self, ui: &mut Ui<'_>) -> Vec<Effect> {
        let joined = self
            .timeline
            .as_ref()
            .filter(|t| {
                self.reflection
                    .as_ref()
                    .is_some_and(|d| d.learner == t.learner)
            })
            .and_then(|t| t.events.iter().find(|e| e.kind == TimelineKind::Joined))
            .map(|e| e.at);
        let Some(draft) = self.reflection.as_mut() else {
            return Vec::new();
        };
        if draft.saving {
            ui.info("Still saving this reflection; the desk answers in a moment");
            return Vec::new();
        }
        let Some(reflection) = draft.parse(ui.zone, ui.now, joined) else {
            ui.fail("Check the fields marked ✗");
            return Vec::new();
        };
        draft.saving = true;
        vec![Effect::AddReflection {
            reflection: Box::new(reflection),
            label: draft.name.clone(),
        }]
    }
}

/// The desk recorded the reflection (the form closes and the story is read again, so it
/// shows) or refused it (the form stays, the reason under it).
pub(crate) fn on_reflection_saved(
    app: &mut App,
    label: &str,
    result: Result<Reflection, DeskError>,
) {
    let timeline = &mut app.panes.timeline;
    match result {
        Ok(saved) => {
            let by = match &saved.author {
                crate::domain::Author::Mentor(id) => timeline.mentor_name(id.as_str()),
                other => other.to_string(),
            };
            timeline.reflection = None;
            timeline.reflection_open = false;
            timeline.timeline = None;
            timeline.asked = None;
            let effects = timeline.story_wanted();
            app.submit_all(effects);
            app.info(format!(
                "Reflection recorded for {label}, written down by {by}"
            ));
        }
        Err(e) => {
            let message = e.to_string();
            if let Some(draft) = timeline.reflection.as_mut() {
                draft.saving = false;
                let field = if message.contains("date") {
                    Some(WHEN)
                } else if message.contains("author") || message.contains("mentor") {
                    Some(BY)
                } else {
                    None
                };
                match field {
                    Some(i) => {
                        draft.form.fields[i].error = Some(message.clone());
                        draft.set_focus(i);
                    }
                    None => draft.form.note = Some(message.clone()),
                }
            }
            app.fail(format!("Not saved: {message}"));
        }
    }
}
