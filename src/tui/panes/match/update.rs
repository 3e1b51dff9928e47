//! Match flows: approving with an agreement, excluding with a reason, trying weights, and
//! what the desk answers to each. Keys return effects; the desk's answers come back as
//! outcomes (`on_*`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::MatchState;
use super::view::MatchView;
use crate::desk::{Approval, DeskError};
use crate::domain::OperationId;
use crate::domain::Pairing;
use crate::domain::{Agreement, LearnerId, MentorId};
use crate::matching::score_text;
use crate::tui::action::Action;
use crate::tui::app::{App, FormPurpose, Overlay, Prompt, PromptPurpose};
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::panes::roster::{Needs, Roster};
use crate::tui::panes::{Look, PaneView, Ui};
use crate::tui::widgets::form::{Field, Form};

/// Field order of the agreement form.
const CADENCE: usize = 0;
const SESSION: usize = 1;
const WEEKS: usize = 2;
const GOALS: usize = 3;
const MILESTONE: usize = 4;
const DUE: usize = 5;

impl PaneView for MatchState {
    fn needs(&self) -> Needs {
        Needs {
            waiting: true,
            board: true,
            follow_up: false,
        }
    }

    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        self.take(
            roster.waiting.clone().unwrap_or_default(),
            roster.board.clone(),
        );
        Vec::new()
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        if self.draft.is_some() {
            return self.update_weights(action, ui);
        }
        match action {
            Action::Approve => self.open_approve(ui),
            Action::Exclude => self.open_exclude(ui),
            // The learner's form (wishes included); saving reads the board again, so the
            // candidates re-rank at once with the learner still selected.
            Action::EditPerson => {
                if let Some(waiting) = self.selected_learner() {
                    let (form, purpose) = crate::tui::daily::learner_form(&waiting.learner);
                    ui.open(Overlay::Form { form, purpose });
                }
            }
            Action::Weights => {
                self.open_weights();
                ui.info(
                    "Trying weights: the ranking follows each change; Enter keeps, Esc discards",
                );
            }
            other => self.navigate(other),
        }
        Vec::new()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        MatchView {
            state: self,
            theme: look.theme,
        }
        .render(area, buf);
    }

    fn mode(&self) -> Option<Context> {
        self.draft.is_some().then_some(Context::Weights)
    }

    fn enabled(&self, action: Action) -> bool {
        match action {
            Action::Approve | Action::Exclude => self.selected_candidate().is_some(),
            Action::EditPerson => self.selected_learner().is_some(),
            Action::Weights => self.board.is_some(),
            Action::ToggleRejected => self.ranking.is_some(),
            _ => true,
        }
    }

    fn learner_in_view(&self) -> Option<LearnerId> {
        self.selected_learner().map(|w| w.learner.id.clone())
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn set_filter(&mut self, query: &str) -> Vec<Effect> {
        MatchState::set_filter(self, query);
        Vec::new()
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        MatchState::wheel(self, column, row, delta)
    }
}

impl MatchState {
    /// The selected learner and candidate, with a label for messages.
    fn selected_pair(&self) -> Option<(LearnerId, MentorId, String, Option<String>)> {
        let waiting = self.selected_learner()?;
        let candidate = self.selected_candidate()?;
        let mentor_name = self
            .board
            .as_ref()
            .and_then(|b| b.mentor(&candidate.mentor))
            .map_or(candidate.mentor.to_string(), |r| r.mentor.name.clone());
        let label = format!("{} → {}", waiting.learner.name, mentor_name);
        Some((
            waiting.learner.id.clone(),
            candidate.mentor.clone(),
            label,
            waiting.learner.goals.clone(),
        ))
    }

    fn open_approve(&self, ui: &mut Ui<'_>) {
        let Some((learner, mentor, label, goals)) = self.selected_pair() else {
            ui.fail("Pick a learner and one of their candidates first");
            return;
        };
        let agreement = Agreement {
            goals,
            ..Agreement::default()
        };
        open_agreement_form(ui, learner, mentor, label, &agreement);
    }

    fn open_exclude(&self, ui: &mut Ui<'_>) {
        let Some((learner, mentor, label, _)) = self.selected_pair() else {
            ui.fail("Pick a learner and one of their candidates first");
            return;
        };
        ui.open(Overlay::Prompt(Prompt::new(
            PromptPurpose::ExcludeReason {
                learner,
                mentor,
                label: label.clone(),
            },
            &format!("Never propose {label}? Reason"),
            "e.g. conflict of interest · Enter excludes · Esc cancels",
            "",
        )));
    }

    /// Handles a key while the weight editor is open.
    fn update_weights(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        match action {
            Action::Submit => {
                if let Some(draft) = self.draft.take() {
                    return vec![Effect::SetWeights(draft.weights)];
                }
            }
            Action::Back => {
                self.draft = None;
                self.rerank();
                ui.info("Weights unchanged");
            }
            other => {
                self.edit_weights(other);
            }
        }
        Vec::new()
    }
}

/// Opens the agreement form for approving `learner` with `mentor`, filled from `agreement`
/// (the defaults in the Match pane, the plan's in the Pairings pane); Enter saves through
/// [`submit_approve`].
pub(crate) fn open_agreement_form(
    ui: &mut Ui<'_>,
    learner: LearnerId,
    mentor: MentorId,
    label: String,
    agreement: &Agreement,
) {
    let form = Form::new(
        format!("Approve {label}"),
        vec![
            Field::new(
                "Check-in every (days)",
                &agreement.cadence_days.to_string(),
                Agreement::CADENCE_DAYS.words(),
            ),
            Field::new(
                "Session (minutes)",
                &agreement.session_minutes.to_string(),
                Agreement::SESSION_MINUTES.words(),
            ),
            Field::new(
                "Planned weeks",
                &agreement.planned_weeks.to_string(),
                Agreement::PLANNED_WEEKS.words(),
            ),
            Field::new(
                "Goals",
                agreement.goals.as_deref().unwrap_or(""),
                "from the learner; edit freely",
            ),
            Field::new("First milestone", "", "optional title"),
            Field::new("Milestone due", "", "optional, YYYY-MM-DD, today or later"),
        ],
    );
    ui.open(Overlay::Form {
        form,
        purpose: FormPurpose::Approve {
            learner,
            mentor,
            label,
        },
    });
}

/// Reads one agreement field through the domain's rule; marks the field when it is bad.
fn agreement_field(
    form: &mut Form,
    index: usize,
    parse: fn(&str) -> Result<u32, crate::domain::DomainError>,
) -> Option<u32> {
    let raw = form.value(index).to_string();
    match parse(&raw) {
        Ok(n) => Some(n),
        Err(e) => {
            if let Some(field) = form.fields.get_mut(index) {
                field.error = Some(e.to_string());
            }
            None
        }
    }
}

/// Reads the agreement form; marks each bad field and returns `None` when any is bad. A
/// milestone due before `today` is refused beside its field, as the check-in form does.
fn read_approval(
    form: &mut Form,
    learner: &LearnerId,
    mentor: &MentorId,
    today: chrono::NaiveDate,
) -> Option<Approval> {
    form.clear_errors();
    let cadence = agreement_field(form, CADENCE, Agreement::parse_cadence_days);
    let session = agreement_field(form, SESSION, Agreement::parse_session_minutes);
    let weeks = agreement_field(form, WEEKS, Agreement::parse_planned_weeks);
    let due_raw = form.value(DUE).trim().to_string();
    let due = if due_raw.is_empty() {
        None
    } else {
        match chrono::NaiveDate::parse_from_str(&due_raw, "%Y-%m-%d") {
            Ok(d) if d < today => {
                if let Some(field) = form.fields.get_mut(DUE) {
                    field.error = Some(format!("{d} is before today ({today})"));
                }
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                if let Some(field) = form.fields.get_mut(DUE) {
                    field.error = Some(format!("{due_raw:?} is not a date like 2026-12-31"));
                }
                None
            }
        }
    };
    let milestone = form.value(MILESTONE).trim().to_string();
    if milestone.is_empty()
        && due.is_some()
        && let Some(field) = form.fields.get_mut(MILESTONE)
    {
        field.error = Some("a due date needs a milestone title".into());
    }
    if form.has_errors() {
        return None;
    }
    Some(Approval {
        learner: learner.clone(),
        mentor: mentor.clone(),
        agreement: Agreement {
            cadence_days: cadence?,
            session_minutes: session?,
            planned_weeks: weeks?,
            goals: crate::domain::text::optional_multiline(form.value(GOALS)),
        },
        override_reason: None,
        first_milestone: (!milestone.is_empty()).then_some((milestone, due)),
    })
}

/// Saves the agreement form: the form is put aside while the desk approves, and comes back
/// with the desk's answer if it refuses. A bad field keeps the form open with its error.
pub(crate) fn submit_approve(
    app: &mut App,
    mut form: Form,
    learner: LearnerId,
    mentor: MentorId,
    label: String,
) {
    let today = crate::domain::when::local_day(app.now(), app.zone);
    let approval = read_approval(&mut form, &learner, &mentor, today);
    let overlay = Overlay::Form {
        form,
        purpose: FormPurpose::Approve {
            learner,
            mentor,
            label: label.clone(),
        },
    };
    match approval {
        Some(approval) => {
            app.saving = Some(overlay);
            app.submit(Effect::Approve { approval, label });
        }
        None => app.overlay = Some(overlay),
    }
}

/// Excludes the pair named by the prompt (put aside while the desk works).
pub(crate) fn submit_exclude(
    app: &mut App,
    mut prompt: Prompt,
    learner: LearnerId,
    mentor: MentorId,
    label: String,
) {
    let reason = prompt.input.value().trim().to_string();
    if reason.is_empty() {
        prompt.error = Some("say why, so the next coordinator knows".into());
        app.overlay = Some(Overlay::Prompt(prompt));
        return;
    }
    app.saving = Some(Overlay::Prompt(prompt));
    app.submit(Effect::Exclude {
        learner,
        mentor,
        label,
        reason,
    });
}

/// The desk approved (or refused) the agreement form's pairing.
pub(crate) fn on_approved(
    app: &mut App,
    label: &str,
    result: Result<(Pairing, OperationId), DeskError>,
) {
    let aside = app.saving.take();
    match result {
        Ok((pairing, _)) => {
            app.undo_ready = true;
            app.refresh();
            let score = pairing
                .score
                .map_or(String::new(), |s| format!(" ({})", score_text(s)));
            app.info(format!(
                "Approved {label}{score} · u undoes · i in Pairings introduces them"
            ));
        }
        Err(e) => match aside {
            Some(Overlay::Form { mut form, purpose }) if app.overlay.is_none() => {
                form.note = Some(format!("Could not approve: {e}"));
                app.overlay = Some(Overlay::Form { form, purpose });
            }
            _ => app.fail(format!("Could not approve {label}: {e}")),
        },
    }
}

/// The desk excluded (or refused to exclude) the prompt's pair.
pub(crate) fn on_excluded(app: &mut App, label: &str, reason: &str, result: Result<(), DeskError>) {
    let aside = app.saving.take();
    match result {
        Ok(()) => {
            app.undo_ready = true;
            app.refresh();
            app.info(format!("Excluded {label}: {reason} · u undoes"));
        }
        Err(e) => match aside {
            Some(Overlay::Prompt(mut prompt)) if app.overlay.is_none() => {
                prompt.error = Some(e.to_string());
                app.overlay = Some(Overlay::Prompt(prompt));
            }
            _ => app.fail(format!("Could not exclude {label}: {e}")),
        },
    }
}

/// The desk kept (or refused) the weights tried.
pub(crate) fn on_weights_set(app: &mut App, result: Result<(), DeskError>) {
    match result {
        Ok(()) => {
            app.refresh();
            app.info("Weights kept; every ranking uses them now (audited)");
        }
        Err(e) => app.fail(format!("Could not save the weights: {e}")),
    }
}

/// After a rematch: the learner's candidates, or why they are not there.
pub(crate) fn select_rematched(app: &mut App, learner: &LearnerId, label: &str, reason: &str) {
    if app.panes.matching.select_learner(learner) {
        app.info(format!(
            "Ended {label} ({reason}); the mentor is excluded. Pick a new mentor: a approves"
        ));
    } else {
        app.fail(format!(
            "Ended {label} ({reason}), but the learner is not in the waiting list"
        ));
    }
}
