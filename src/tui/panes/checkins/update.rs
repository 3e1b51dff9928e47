//! Check-in flows: open a new check-in (or resume the draft), edit one (a new version that
//! supersedes it), save through `desk` with errors beside the fields (a milestone planned in
//! the same save; a date after today saved on a second `Ctrl-s`), discard a draft, and take
//! back the notes written in the person's editor. The form's fields and how their text is
//! read are in `checkin_form`.

use crate::desk::{CheckInEdit, CheckInTarget, LoggedCheckIn, NewCheckIn};
use crate::domain::person::join_list;
use crate::domain::when::local_day;
use crate::domain::{CheckIn, MilestoneStatus};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::EditorOutcome;
use crate::tui::panes::checkins::form::{Prefill, fields, needs_future_confirmation, parse};
use crate::tui::panes::checkins::{
    CONFIDENCE, CheckInDraft, DraftPurpose, MILESTONE, NEW_DUE, NEW_MILESTONE, NOTES, WHEN,
};

/// Handles an action on the Check-ins pane with no form on screen.
pub fn update_checkins(app: &mut App, action: Action) {
    match action {
        Action::NewCheckIn => open_new(app),
        Action::EditCheckIn => open_edit(app),
        Action::DiscardDraft => match app.checkins.draft.take() {
            Some(draft) => app.info(format!("Draft for {} discarded", draft.label)),
            None => app.fail("No draft to discard"),
        },
        other => app.checkins.update(other),
    }
}

/// Handles an action while the check-in form is on screen.
pub fn update_checkin_form(app: &mut App, action: Action) {
    let Some(draft) = app.checkins.draft.as_mut() else {
        app.checkins.form_open = false;
        return;
    };
    match action {
        Action::NextField => draft.next_field(),
        Action::PrevField => draft.prev_field(),
        Action::Back => {
            app.checkins.form_open = false;
            if app.checkins.has_unsaved() {
                app.info("Draft kept: n resumes it, D discards it");
            }
        }
        Action::EditNotes => app.editor_requested = true,
        Action::Submit => save(app),
        _ => {}
    }
}

/// `n`: resumes the draft when there is one, else opens a new check-in for the selected
/// pairing, focused on confidence.
fn open_new(app: &mut App) {
    if let Some(draft) = &app.checkins.draft {
        let pairing = draft.pairing();
        app.checkins.select_pairing(pairing);
        app.checkins.form_open = true;
        return;
    }
    let Some(entry) = app.checkins.selected_pairing().cloned() else {
        app.fail("Pick a pairing first");
        return;
    };
    if !entry.pairing.status.holds_seat() {
        app.fail(format!(
            "{} is {}: check-ins go on active or paused pairings",
            entry.label(),
            entry.pairing.status
        ));
        return;
    }
    let last = app
        .checkins
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
    let milestone_hint = milestone_hint(app, &entry.pairing.learner);
    let today = local_day(app.desk.now(), app.zone);
    let fields = fields(
        today,
        Prefill {
            when: "now",
            minutes: &minutes.to_string(),
            mode: &mode,
            confidence: "",
            topics: "",
            next_steps: "",
        },
        Some(milestone_hint),
    );
    app.checkins.draft = Some(CheckInDraft::new(
        DraftPurpose::New {
            pairing: entry.pairing.id,
        },
        entry.label(),
        fields,
        "",
        CONFIDENCE,
    ));
    app.checkins.form_open = true;
}

/// The learner's planned milestones, for the milestone field's hint.
fn milestone_hint(app: &mut App, learner: &crate::domain::LearnerId) -> String {
    let planned: Vec<String> = app
        .desk
        .milestones(Some(learner))
        .unwrap_or_default()
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

/// `e`: edits the selected check-in (its latest version).
fn open_edit(app: &mut App) {
    if app
        .checkins
        .draft
        .as_ref()
        .is_some_and(CheckInDraft::is_dirty)
    {
        app.fail("A draft holds unsaved input: n resumes it, D discards it");
        return;
    }
    let Some(row) = app.checkins.selected_checkin() else {
        app.fail("Pick a check-in in the history first (l moves there)");
        return;
    };
    if row.superseded_by.is_some() {
        app.fail("This version was replaced by a later edit; edit the latest version");
        return;
    }
    let c: CheckIn = row.checkin.clone();
    let label = app
        .checkins
        .selected_pairing()
        .map_or_else(|| c.pairing.to_string(), |e| e.label());
    let zone = app.desk.default_zone().unwrap_or(chrono_tz::UTC);
    let when =
        c.at.with_timezone(&zone)
            .format("%Y-%m-%d %H:%M")
            .to_string();
    let fields = fields(
        local_day(app.desk.now(), zone),
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
    app.checkins.draft = Some(CheckInDraft::new(
        DraftPurpose::Edit {
            checkin: c.id,
            pairing: c.pairing,
        },
        label,
        fields,
        &c.notes,
        NOTES,
    ));
    app.checkins.form_open = true;
}

/// `Ctrl-s`: saves the draft through `desk`; on success the form closes and the new
/// check-in is selected, on failure the form stays with the reason shown.
fn save(app: &mut App) {
    let zone = app.desk.default_zone().unwrap_or(chrono_tz::UTC);
    let now = app.desk.now();
    let Some(draft) = app.checkins.draft.as_mut() else {
        return;
    };
    let Some(parsed) = parse(draft, zone, now) else {
        app.fail("Check the fields marked ✗");
        return;
    };
    let when_changed =
        draft.form.fields[WHEN].value().trim() != draft.form.fields[WHEN].initial_value().trim();
    let checks_date = matches!(draft.purpose, DraftPurpose::New { .. }) || when_changed;
    if checks_date && needs_future_confirmation(draft, parsed.at, now, zone) {
        app.fail("Not saved yet: the date is after today; Ctrl-s again logs it ahead of time");
        return;
    }
    let allow_future = draft.future_confirmed.is_some() && draft.future_confirmed == parsed.at;
    let notes = draft.notes_text();
    let label = draft.label.clone();
    let result = match draft.purpose {
        DraftPurpose::New { pairing } => app.desk.add_checkin(&NewCheckIn {
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
        }),
        DraftPurpose::Edit { checkin, .. } => app
            .desk
            .edit_checkin(
                checkin,
                &CheckInEdit {
                    at: parsed.at.filter(|_| when_changed),
                    minutes: Some(parsed.minutes),
                    mode: parsed.mode,
                    confidence: parsed.confidence,
                    notes: Some(notes),
                    topics: Some(parsed.topics),
                    next_steps: Some(parsed.next_steps),
                    allow_future,
                },
            )
            .map(|checkin| LoggedCheckIn {
                checkin,
                planned: None,
            }),
    };
    match result {
        Ok(LoggedCheckIn {
            checkin: saved,
            planned,
        }) => {
            let edited = saved.supersedes.is_some();
            app.checkins.draft = None;
            app.checkins.form_open = false;
            app.reload();
            app.checkins.select_pairing(saved.pairing);
            if let Some(pos) = app
                .checkins
                .history()
                .iter()
                .position(|r| r.checkin.id == saved.id)
            {
                app.checkins.history_sel.selected = pos;
                app.checkins.history_sel.keep_visible();
            }
            let ahead = if allow_future {
                " (dated ahead of today)"
            } else {
                ""
            };
            let planned = planned
                .map(|m| format!("; planned milestone {} \"{}\"", m.id, m.title))
                .unwrap_or_default();
            app.info(if edited {
                format!("Saved the edit for {label}{ahead}; the old version stays in the history")
            } else {
                format!("Logged a check-in for {label}{ahead}{planned}")
            });
        }
        Err(e) => {
            let message = e.to_string();
            if let Some(draft) = app.checkins.draft.as_mut() {
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

/// Takes back what the editor left: the new notes, or — when it failed — the notes as they
/// were, with a message saying so.
pub fn notes_from_editor(app: &mut App, outcome: std::io::Result<EditorOutcome>) {
    let Some(draft) = app.checkins.draft.as_mut() else {
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
