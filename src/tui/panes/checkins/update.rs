//! Check-in flows: open a new check-in (or resume the draft), edit one (a new version that
//! supersedes it), save through the desk with errors beside the fields (a milestone planned
//! in the same save; a date after today saved on a second `Ctrl-s`), discard a draft, and
//! take back the notes written in the person's editor. The form's fields and how their text
//! is read are in `form.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::form::{Prefill, fields, needs_future_confirmation, parse};
use super::guide_picker::{GuidePicker, GuideTarget, insert};
use super::view::CheckInsView;
use super::{
    CONFIDENCE, CheckInDraft, CheckInsState, DraftPurpose, MILESTONE, NEW_DUE, NEW_MILESTONE,
    NOTES, NewCheckInStart, WHEN,
};
use crate::desk::{CheckInEdit, CheckInTarget, DeskError, LoggedCheckIn, NewCheckIn};
use crate::domain::guide::Stage;
use crate::domain::person::join_list;
use crate::domain::text::clean_line;
use crate::domain::when::{local_day, local_minute};
use crate::domain::{CheckIn, Milestone, MilestoneStatus};
use crate::tui::action::Action;
use crate::tui::app::{AfterRead, App, Overlay, Prompt, PromptPurpose};
use crate::tui::editor::EditorOutcome;
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::panes::roster::{Needs, Roster};
use crate::tui::panes::{Look, PaneView, Ui};

impl PaneView for CheckInsState {
    fn needs(&self) -> Needs {
        Needs {
            waiting: false,
            board: false,
            follow_up: true,
        }
    }

    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        if let Some(follow_up) = &roster.follow_up {
            self.take(roster, follow_up.clone());
        }
        Vec::new()
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        if self.form_open {
            return self.update_form(action, ui);
        }
        match action {
            Action::NewCheckIn => return self.open_new(ui),
            Action::EditCheckIn => self.open_edit(ui),
            Action::DiscardDraft => self.discard_draft(ui),
            other => self.navigate(other),
        }
        Vec::new()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        CheckInsView {
            state: self,
            theme: look.theme,
            zone: look.zone,
        }
        .render(area, buf);
    }

    fn mode(&self) -> Option<Context> {
        let picking = self.draft.as_ref().is_some_and(|d| d.picker.is_some());
        self.form_open.then_some(if picking {
            Context::GuidePicker
        } else {
            Context::CheckInForm
        })
    }

    fn enabled(&self, action: Action) -> bool {
        match action {
            Action::NewCheckIn => self.draft.is_some() || self.selected_pairing().is_some(),
            Action::EditCheckIn => self.selected_current().is_some(),
            Action::DiscardDraft => self.draft.is_some(),
            Action::PickGuide => self.draft.is_some(),
            Action::Submit => self.draft.as_ref().is_some_and(|d| !d.saving),
            _ => true,
        }
    }

    fn learner_in_view(&self) -> Option<crate::domain::LearnerId> {
        self.selected_pairing().map(|e| e.pairing.learner.clone())
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn set_filter(&mut self, query: &str) -> Vec<Effect> {
        CheckInsState::set_filter(self, query);
        Vec::new()
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        !self.form_open && CheckInsState::wheel(self, column, row, delta)
    }
}

impl CheckInsState {
    /// Handles an action while the check-in form is on screen.
    fn update_form(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        if action == Action::PickGuide {
            self.open_picker(ui);
            return Vec::new();
        }
        let Some(draft) = self.draft.as_mut() else {
            self.form_open = false;
            return Vec::new();
        };
        if let Some(picker) = draft.picker.as_mut() {
            match action {
                Action::Submit | Action::GuideToNextSteps => {
                    let target = if action == Action::Submit {
                        GuideTarget::Notes
                    } else {
                        GuideTarget::NextSteps
                    };
                    if let Some(guide) = picker.selected().cloned() {
                        draft.picker = None;
                        insert(draft, &guide, target);
                        let place = match target {
                            GuideTarget::Notes => "notes",
                            GuideTarget::NextSteps => "next steps",
                        };
                        ui.info(format!(
                            "\"{}\" is in the {place}; the check-in records guide {}",
                            clean_line(&guide.title),
                            guide.name
                        ));
                    }
                }
                Action::Back => draft.picker = None,
                other => picker.navigate(other),
            }
            return Vec::new();
        }
        let Some(draft) = self.draft.as_mut() else {
            self.form_open = false;
            return Vec::new();
        };
        match action {
            Action::NextField => draft.next_field(),
            Action::PrevField => draft.prev_field(),
            Action::Back => {
                self.form_open = false;
                if self.has_unsaved() {
                    ui.info("Draft kept: n resumes it, D discards it");
                }
            }
            Action::EditNotes => *ui.editor_requested = true,
            Action::Submit => return self.save(ui),
            _ => {}
        }
        Vec::new()
    }

    /// `Ctrl-g` in the form: opens the guide picker, the guides that suit the pair first
    /// (the learner's track; the pairing's stage from its sessions and planned weeks).
    fn open_picker(&mut self, ui: &mut Ui<'_>) {
        let Some(pairing) = self.draft.as_ref().map(CheckInDraft::pairing) else {
            return;
        };
        let entry = self.pairings.iter().find(|e| e.pairing.id == pairing);
        let sessions = self
            .rows()
            .iter()
            .filter(|r| r.checkin.pairing == pairing && r.superseded_by.is_none())
            .count();
        let (track, stage) = entry.map_or((None, Stage::UnderWay), |e| {
            (
                e.learner_track,
                Stage::of(
                    e.pairing.started_at,
                    e.pairing.agreement.planned_weeks,
                    sessions,
                    ui.now,
                ),
            )
        });
        let picker = GuidePicker::open(&self.guides, track, stage);
        if let Some(draft) = self.draft.as_mut() {
            draft.picker = Some(picker);
        }
    }

    /// `n`: resumes the draft when there is one, else asks the desk for the learner's
    /// planned milestones and opens a new check-in for the selected pairing (see
    /// [`on_prepared`]).
    fn open_new(&mut self, ui: &mut Ui<'_>) -> Vec<Effect> {
        if let Some(draft) = &self.draft {
            let pairing = draft.pairing();
            self.select_pairing(pairing);
            self.form_open = true;
            return Vec::new();
        }
        let Some(entry) = self.selected_pairing().cloned() else {
            ui.fail("Pick a pairing first");
            return Vec::new();
        };
        if !entry.pairing.status.holds_seat() {
            ui.fail(format!(
                "{} is {}: check-ins go on active or paused pairings",
                entry.label(),
                entry.pairing.status
            ));
            return Vec::new();
        }
        let last = self
            .rows()
            .iter()
            .filter(|r| r.checkin.pairing == entry.pairing.id && r.superseded_by.is_none())
            .max_by_key(|r| r.checkin.at)
            .map(|r| r.checkin.clone());
        let minutes = last
            .as_ref()
            .map_or(entry.pairing.agreement.session_minutes, |c| c.minutes);
        let mode = last
            .as_ref()
            .and_then(|c| c.mode)
            .map(|m| m.to_string())
            .unwrap_or_default();
        vec![Effect::PrepareCheckIn(Box::new(NewCheckInStart {
            pairing: entry.pairing.id,
            learner: entry.pairing.learner.clone(),
            label: entry.label(),
            minutes,
            mode,
        }))]
    }
}

/// The learner's planned milestones, for the milestone field's hint.
fn milestone_hint(milestones: Vec<Milestone>) -> String {
    let planned: Vec<String> = milestones
        .into_iter()
        .filter(|m| m.status == MilestoneStatus::Planned)
        .map(|m| format!("{} {}", m.id, m.title))
        .collect();
    if planned.is_empty() {
        "optional · no planned milestones".into()
    } else {
        format!("optional id achieved · {}", planned.join(" · "))
    }
}

/// The learner's milestones have been read: the new check-in opens, focused on confidence.
pub fn on_prepared(
    app: &mut App,
    start: NewCheckInStart,
    planned: Result<Vec<Milestone>, DeskError>,
) {
    let today = local_day(app.now(), app.zone);
    let fields = fields(
        today,
        Prefill {
            when: "now",
            minutes: &start.minutes.to_string(),
            mode: &start.mode,
            confidence: "",
            topics: "",
            next_steps: "",
        },
        Some(milestone_hint(planned.unwrap_or_default())),
    );
    let checkins = &mut app.panes.checkins;
    checkins.draft = Some(CheckInDraft::new(
        DraftPurpose::New {
            pairing: start.pairing,
        },
        start.label,
        fields,
        "",
        CONFIDENCE,
    ));
    checkins.form_open = true;
}

impl CheckInsState {
    /// `D`: throws the draft away; a draft holding typed input is only thrown away after a
    /// `y`, since `u` cannot bring it back.
    fn discard_draft(&mut self, ui: &mut Ui<'_>) {
        let Some(draft) = &self.draft else {
            ui.fail("No draft to discard");
            return;
        };
        if !draft.holds_input() {
            ui.info(format!("Draft for {} discarded", draft.label));
            self.draft = None;
            return;
        }
        let label = draft.label.clone();
        ui.open(Overlay::Prompt(Prompt::new(
            PromptPurpose::ConfirmDiscardDraft {
                label: label.clone(),
            },
            &format!("Discard the check-in draft? y/n · {label}"),
            "u cannot bring it back · y discards what was typed · n or Esc keeps it",
            "",
        )));
    }

    /// The answer to "discard the draft?": `y` discards it, anything else keeps it.
    pub fn answer_discard(&mut self, answer: &str, label: &str) -> crate::tui::app::Status {
        if answer.trim().eq_ignore_ascii_case("y") {
            self.draft = None;
            crate::tui::app::Status::info(format!("Draft for {label} discarded"))
        } else {
            crate::tui::app::Status::info(format!("Draft for {label} kept: n resumes it"))
        }
    }

    /// `e`: edits the selected check-in (its latest version).
    fn open_edit(&mut self, ui: &mut Ui<'_>) {
        if self.draft.as_ref().is_some_and(CheckInDraft::is_dirty) {
            ui.fail("A draft holds unsaved input: n resumes it, D discards it");
            return;
        }
        let Some(row) = self.selected_checkin() else {
            ui.fail("Pick a check-in in the history first (l moves there)");
            return;
        };
        if row.superseded_by.is_some() {
            ui.fail("This version was replaced by a later edit; edit the latest version");
            return;
        }
        let c: CheckIn = row.checkin.clone();
        let label = self
            .selected_pairing()
            .map_or_else(|| c.pairing.to_string(), |e| e.label());
        let when = local_minute(c.at, ui.zone);
        let fields = fields(
            local_day(ui.now, ui.zone),
            Prefill {
                when: &when,
                minutes: &c.minutes.to_string(),
                mode: &c.mode.map(|m| m.to_string()).unwrap_or_default(),
                confidence: &c
                    .confidence
                    .map(|v| v.get().to_string())
                    .unwrap_or_default(),
                topics: &join_list(&c.topics),
                next_steps: c.next_steps.as_deref().unwrap_or(""),
            },
            None,
        );
        self.draft = Some(CheckInDraft::new(
            DraftPurpose::Edit {
                checkin: c.id,
                pairing: c.pairing,
            },
            label,
            fields,
            &c.notes,
            NOTES,
        ));
        self.form_open = true;
    }

    /// `Ctrl-s`: checks the draft and hands it to the desk; the form stays until the desk
    /// answers (see [`on_saved`]). A second `Ctrl-s` meanwhile saves nothing more, and says so.
    fn save(&mut self, ui: &mut Ui<'_>) -> Vec<Effect> {
        let (zone, now) = (ui.zone, ui.now);
        let Some(draft) = self.draft.as_mut() else {
            ui.fail("No check-in draft to save");
            return Vec::new();
        };
        if draft.saving {
            ui.info("Still saving this check-in; the desk answers in a moment");
            return Vec::new();
        }
        let Some(parsed) = parse(draft, zone, now) else {
            ui.fail("Check the fields marked ✗");
            return Vec::new();
        };
        let when_changed = draft.form.fields[WHEN].value().trim()
            != draft.form.fields[WHEN].initial_value().trim();
        let checks_date = matches!(draft.purpose, DraftPurpose::New { .. }) || when_changed;
        if checks_date && needs_future_confirmation(draft, parsed.at, now, zone) {
            ui.fail("Not saved yet: the date is after today; Ctrl-s again logs it ahead of time");
            return Vec::new();
        }
        let allow_future = draft.future_confirmed.is_some() && draft.future_confirmed == parsed.at;
        let notes = draft.notes_text();
        let label = if allow_future {
            format!("{} (dated ahead of today)", draft.label)
        } else {
            draft.label.clone()
        };
        draft.saving = true;
        vec![match draft.purpose {
            DraftPurpose::New { pairing } => Effect::LogCheckIn {
                concern: parsed.concern,
                checkin: Box::new(NewCheckIn {
                    target: CheckInTarget::Pairing(pairing),
                    at: parsed.at,
                    minutes: parsed.minutes,
                    mode: parsed.mode,
                    confidence: parsed.confidence,
                    notes,
                    topics: parsed.topics,
                    next_steps: Some(parsed.next_steps),
                    milestone: parsed.milestone,
                    plan_milestone: parsed.plan,
                    allow_future,
                    guide: draft.guide.clone(),
                }),
                label,
            },
            DraftPurpose::Edit { checkin, .. } => Effect::EditCheckIn {
                checkin,
                edit: Box::new(CheckInEdit {
                    at: parsed.at.filter(|_| when_changed),
                    minutes: Some(parsed.minutes),
                    mode: parsed.mode,
                    confidence: parsed.confidence,
                    notes: Some(notes),
                    topics: Some(parsed.topics),
                    next_steps: Some(parsed.next_steps),
                    allow_future,
                    guide: draft.guide.clone(),
                }),
                label,
            },
        }]
    }
}

/// The desk saved the draft (the form closes and, once the pane is read again, the new
/// check-in is selected) or refused it (the form stays with the reason beside its field).
pub fn on_saved(
    app: &mut App,
    label: &str,
    result: Result<LoggedCheckIn, DeskError>,
    raised: Option<crate::domain::Concern>,
) {
    match result {
        Ok(LoggedCheckIn {
            checkin: saved,
            planned,
            achieved,
        }) => {
            let edited = saved.supersedes.is_some();
            app.panes.checkins.draft = None;
            app.panes.checkins.form_open = false;
            app.refresh_all();
            app.after_read = Some(AfterRead::CheckInSaved {
                pairing: saved.pairing,
                checkin: saved.id,
            });
            let achieved = achieved
                .map(|m| format!("; milestone {} \"{}\" achieved", m.id, clean_line(&m.title)))
                .unwrap_or_default();
            let planned = planned
                .map(|m| format!("; planned milestone {} \"{}\"", m.id, clean_line(&m.title)))
                .unwrap_or_default();
            app.info(if edited {
                format!("Saved the edit for {label}; the old version stays in the history")
            } else {
                let raised = raised
                    .map(|c| format!("; raised {} {} concern #{}", c.severity, c.kind, c.id))
                    .unwrap_or_default();
                format!("Logged a check-in for {label}{achieved}{planned}{raised}")
            });
        }
        Err(e) => {
            let message = e.to_string();
            if let Some(draft) = app.panes.checkins.draft.as_mut() {
                draft.saving = false;
                if message.contains("new milestone") {
                    let field = if message.contains("due") {
                        NEW_DUE
                    } else {
                        NEW_MILESTONE
                    };
                    draft.form.fields[field].error = Some(message.clone());
                    draft.set_focus(field);
                } else if message.contains("date") {
                    draft.form.fields[WHEN].error = Some(message.clone());
                    draft.set_focus(WHEN);
                } else if message.contains("milestone") {
                    draft.form.fields[MILESTONE].error = Some(message.clone());
                    draft.set_focus(MILESTONE);
                } else {
                    draft.form.note = Some(message.clone());
                }
            }
            app.fail(format!("Not saved: {message}"));
        }
    }
}

/// After a save and the read that follows: the saved check-in is selected.
pub fn select_saved(
    app: &mut App,
    pairing: crate::domain::PairingId,
    checkin: crate::domain::CheckInId,
) {
    let checkins = &mut app.panes.checkins;
    checkins.select_pairing(pairing);
    if let Some(pos) = checkins
        .history()
        .iter()
        .position(|r| r.checkin.id == checkin)
    {
        checkins.history_sel.selected = pos;
        checkins.history_sel.keep_visible();
    }
}

/// Takes back what the editor left: the new notes, or — when it failed — the notes as they
/// were, with a message saying so.
pub fn notes_from_editor(app: &mut App, outcome: std::io::Result<EditorOutcome>) {
    let Some(draft) = app.panes.checkins.draft.as_mut() else {
        return;
    };
    let message = match outcome {
        Ok(EditorOutcome::Saved(text)) => {
            draft.set_notes(&crate::domain::text::clean_multiline(&text));
            draft.set_focus(NOTES);
            draft.form.note = None;
            Ok("Notes taken from the editor")
        }
        Ok(EditorOutcome::Failed(status)) => {
            let text = format!("The editor exited with {status}; your notes are unchanged");
            draft.form.note = Some(text.clone());
            Err(text)
        }
        Err(e) => {
            let text = format!("Could not run the editor ({e}); your notes are unchanged");
            draft.form.note = Some(text.clone());
            Err(text)
        }
    };
    match message {
        Ok(text) => app.info(text),
        Err(text) => app.fail(text),
    }
}
