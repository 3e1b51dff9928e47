//! Match flows: approving with an agreement, excluding with a reason, trying weights, and
//! undoing the last decision.

use chrono::NaiveDate;

use crate::desk::Approval;
use crate::desk::score_text;
use crate::domain::{Agreement, LearnerId, MentorId};
use crate::tui::action::Action;
use crate::tui::app::{App, FormPurpose, Overlay, Prompt, PromptPurpose};
use crate::tui::widgets::form::{Field, Form};

/// Field order of the agreement form.
const CADENCE: usize = 0;
const SESSION: usize = 1;
const WEEKS: usize = 2;
const GOALS: usize = 3;
const MILESTONE: usize = 4;
const DUE: usize = 5;

/// Handles an action on the Match pane (no overlay open).
pub fn update_match(app: &mut App, action: Action) {
    match action {
        Action::Approve => open_approve(app),
        Action::Exclude => open_exclude(app),
        Action::Weights => {
            app.matching.open_weights();
            app.info("Trying weights: the ranking follows each change; Enter keeps, Esc discards");
        }
        other => app.matching.update(other),
    }
}

/// The selected learner and candidate, with a label for messages.
fn selected_pair(app: &App) -> Option<(LearnerId, MentorId, String, Option<String>)> {
    let waiting = app.matching.selected_learner()?;
    let candidate = app.matching.selected_candidate()?;
    let mentor_name = app
        .matching
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

fn open_approve(app: &mut App) {
    let Some((learner, mentor, label, goals)) = selected_pair(app) else {
        app.fail("Pick a learner and one of their candidates first");
        return;
    };
    let defaults = Agreement::default();
    let form = Form::new(
        format!("Approve {label}"),
        vec![
            Field::new(
                "Check-in every (days)",
                &defaults.cadence_days.to_string(),
                "1–90",
            ),
            Field::new(
                "Session (minutes)",
                &defaults.session_minutes.to_string(),
                "10–600",
            ),
            Field::new(
                "Planned weeks",
                &defaults.planned_weeks.to_string(),
                "1–104",
            ),
            Field::new(
                "Goals",
                goals.as_deref().unwrap_or(""),
                "from the learner; edit freely",
            ),
            Field::new("First milestone", "", "optional title"),
            Field::new("Milestone due", "", "optional, YYYY-MM-DD"),
        ],
    );
    app.overlay = Some(Overlay::Form {
        form,
        purpose: FormPurpose::Approve {
            learner,
            mentor,
            label,
        },
    });
}

fn open_exclude(app: &mut App) {
    let Some((learner, mentor, label, _)) = selected_pair(app) else {
        app.fail("Pick a learner and one of their candidates first");
        return;
    };
    app.overlay = Some(Overlay::Prompt(Prompt::new(
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

fn parse_number(form: &mut Form, index: usize, min: u32, max: u32) -> Option<u32> {
    let raw = form.value(index).trim().to_string();
    match raw.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            if let Some(field) = form.fields.get_mut(index) {
                field.error = Some(format!("{raw:?} is not a whole number from {min} to {max}"));
            }
            None
        }
    }
}

/// Reads the agreement form; marks each bad field and returns `None` when any is bad.
fn read_approval(form: &mut Form, learner: &LearnerId, mentor: &MentorId) -> Option<Approval> {
    form.clear_errors();
    let cadence = parse_number(form, CADENCE, 1, 90);
    let session = parse_number(form, SESSION, 10, 600);
    let weeks = parse_number(form, WEEKS, 1, 104);
    let due_raw = form.value(DUE).trim().to_string();
    let due = if due_raw.is_empty() {
        None
    } else {
        match NaiveDate::parse_from_str(&due_raw, "%Y-%m-%d") {
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

/// Saves the agreement form; keeps it open with the errors when something is wrong.
pub fn submit_approve(
    app: &mut App,
    mut form: Form,
    learner: LearnerId,
    mentor: MentorId,
    label: String,
) {
    let Some(approval) = read_approval(&mut form, &learner, &mentor) else {
        app.overlay = Some(Overlay::Form {
            form,
            purpose: FormPurpose::Approve {
                learner,
                mentor,
                label,
            },
        });
        return;
    };
    match app.desk.approve(&approval) {
        Ok((pairing, decision)) => {
            app.undo.push(decision);
            app.reload_after_decision();
            let score = pairing
                .score
                .map_or(String::new(), |s| format!(" ({})", score_text(s)));
            app.info(format!("Approved {label}{score} · u undoes"));
        }
        Err(e) => {
            form.note = Some(format!("Could not approve: {e}"));
            app.overlay = Some(Overlay::Form {
                form,
                purpose: FormPurpose::Approve {
                    learner,
                    mentor,
                    label,
                },
            });
        }
    }
}

/// Excludes the pair named by the prompt.
pub fn submit_exclude(
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
    match app.desk.exclude(&learner, &mentor, &reason) {
        Ok(()) => {
            app.undo
                .push(crate::desk::Decision::Excluded { learner, mentor });
            app.reload_after_decision();
            app.info(format!("Excluded {label}: {reason} · u undoes"));
        }
        Err(e) => {
            prompt.error = Some(e.to_string());
            app.overlay = Some(Overlay::Prompt(prompt));
        }
    }
}

/// Handles a key while the weight editor is open.
pub fn update_weights(app: &mut App, action: Action) {
    match action {
        Action::Submit => {
            let Some(draft) = app.matching.draft.take() else {
                return;
            };
            match app.desk.set_weights(&draft.weights) {
                Ok(_) => {
                    app.reload_after_decision();
                    app.info("Weights kept; every ranking uses them now (audited)");
                }
                Err(e) => app.fail(format!("Could not save the weights: {e}")),
            }
        }
        Action::Back => {
            app.matching.draft = None;
            app.matching.rerank();
            app.info("Weights unchanged");
        }
        Action::Quit => app.quit = true,
        other => {
            app.matching.edit_weights(other);
        }
    }
}

/// Takes back the newest decision of this session.
pub fn undo(app: &mut App) {
    // The decision leaves the list only once the desk has taken it back: a busy database
    // must not throw it away.
    let Some(decision) = app.undo.last() else {
        app.info("Nothing to undo in this session");
        return;
    };
    match app.desk.undo(decision) {
        Ok(message) => {
            app.undo.pop();
            app.reload_after_decision();
            app.info(message);
        }
        Err(e) => {
            // A refusal is final (the pairing moved on): the decision goes, so `u` reaches
            // the one before. Anything else (a busy database) keeps it for another try.
            if e.is_user_error() {
                app.undo.pop();
            }
            app.fail(format!("Could not undo: {e}"));
        }
    }
}
