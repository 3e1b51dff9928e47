//! The check-in form's text: the fields a new check-in or an edit starts with, and reading
//! them back into a check-in (every field checked, errors put beside their fields, a date
//! after today held back until confirmed). Used by `update_checkins`.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

use crate::desk::{MilestonePlan, NewConcern};
use crate::domain::Severity;
use crate::domain::checkin::validate_minutes;
use crate::domain::concern::{parse_concern_text, severity_of};
use crate::domain::person::Tag;
use crate::domain::when::{local_day, parse_date, parse_when};
use crate::domain::{Confidence, MilestoneId, MilestoneKind, Mode};
use crate::tui::concerns::read_kind;
use crate::tui::panes::checkins::{
    CONCERN, CONCERN_NOTE, CONFIDENCE, CheckInDraft, DraftPurpose, MILESTONE, MINUTES, MODE,
    NEW_DUE, NEW_KIND, NEW_MILESTONE, NEXT_STEPS, TOPICS, WHEN,
};
use crate::tui::widgets::form::Field;

/// What the form starts with, as text.
pub(super) struct Prefill<'a> {
    pub(super) when: &'a str,
    pub(super) minutes: &'a str,
    pub(super) mode: &'a str,
    pub(super) confidence: &'a str,
    pub(super) topics: &'a str,
    pub(super) next_steps: &'a str,
}

/// The form's fields; `milestone_hint` is `None` for an edit, which leaves milestones alone.
pub(super) fn fields(
    today: chrono::NaiveDate,
    prefill: Prefill<'_>,
    milestone_hint: Option<String>,
) -> Vec<Field> {
    let Prefill {
        when,
        minutes,
        mode,
        confidence,
        topics,
        next_steps,
    } = prefill;
    let unchanged = "not changed by an edit";
    let hint = |new: &str| {
        if milestone_hint.is_some() {
            new.to_string()
        } else {
            unchanged.to_string()
        }
    };
    vec![
        Field::new("When", when, format!("now, {today} or {today} 18:30")),
        Field::new("Minutes", minutes, "1–600"),
        Field::new("Mode", mode, "video, voice, chat or async (optional)"),
        Field::new("Confidence", confidence, "1 lost … 5 confident (optional)"),
        Field::new("Topics", topics, "tags separated by ; (optional)"),
        Field::new("Next steps", next_steps, "optional"),
        Field::new(
            "Milestone reached",
            "",
            milestone_hint.clone().unwrap_or_else(|| unchanged.into()),
        ),
        Field::new(
            "New milestone",
            "",
            hint("optional: plan one, type its title"),
        ),
        Field::new(
            "  its kind",
            "",
            hint("project, skill, badge, endorsement or custom (default custom)"),
        ),
        Field::new("  its due date", "", hint("YYYY-MM-DD (optional)")),
        // Short hints: the form must keep its session fields in view at 80×24. A wrong kind
        // is answered with the accepted words.
        Field::new("Raise a concern", "", hint("optional: kind [high]")),
        Field::new("  what happened", "", hint("with a concern")),
    ]
}

/// Reads the concern fields: nothing when both are empty; the words without a kind, or a
/// kind without words, are an error on the empty field. `kind` may end with `high` or `low`.
pub(super) fn parse_concern(
    kind: &str,
    note: &str,
    errors: &mut Vec<(usize, String)>,
) -> Option<NewConcern> {
    if kind.is_empty() && note.is_empty() {
        return None;
    }
    let mut words = kind.split_whitespace();
    let (word, severity) = (words.next().unwrap_or_default(), words.next());
    let kind = read_kind(word).map_err(|e| errors.push((CONCERN, e))).ok();
    let severity = match severity.map(str::parse::<Severity>).transpose() {
        Ok(severity) => severity,
        Err(e) => {
            errors.push((CONCERN, e.to_string()));
            None
        }
    };
    if let Some(kind) = kind
        && let Err(e) = severity_of(kind, severity)
    {
        errors.push((CONCERN, e.to_string()));
    }
    let note = parse_concern_text("what happened", note)
        .map_err(|e| errors.push((CONCERN_NOTE, e.to_string())))
        .ok();
    Some(NewConcern {
        kind: kind?,
        severity,
        note: note?,
    })
}

/// What the form says, checked field by field.
pub(super) struct Parsed {
    pub(super) at: Option<chrono::DateTime<chrono::Utc>>,
    pub(super) minutes: u32,
    pub(super) mode: Option<Mode>,
    pub(super) confidence: Option<u8>,
    pub(super) topics: Vec<Tag>,
    pub(super) next_steps: String,
    pub(super) milestone: Option<MilestoneId>,
    pub(super) plan: Option<MilestonePlan>,
    /// A concern raised with the check-in (a new one only).
    pub(super) concern: Option<NewConcern>,
}

/// Reads the new-milestone fields: nothing when all three are empty; a kind or due date
/// without a title is an error on that field. `session` is the check-in's day, which the due
/// date may not precede.
pub(super) fn parse_plan(
    title: &str,
    kind: &str,
    due: &str,
    session: NaiveDate,
    errors: &mut Vec<(usize, String)>,
) -> Option<MilestonePlan> {
    if title.is_empty() {
        for (field, value) in [(NEW_KIND, kind), (NEW_DUE, due)] {
            if !value.is_empty() {
                errors.push((field, "give the new milestone a title first".into()));
            }
        }
        return None;
    }
    let kind = match kind {
        "" => Some(MilestoneKind::Custom),
        raw => MilestoneKind::from_str(raw)
            .map_err(|e| errors.push((NEW_KIND, e.to_string())))
            .ok(),
    };
    let due = match due {
        "" => Some(None),
        raw => match parse_date("due date", raw) {
            Ok(day) if day < session => {
                errors.push((NEW_DUE, format!("{day} is before the check-in ({session})")));
                None
            }
            Ok(day) => Some(Some(day)),
            Err(e) => {
                errors.push((NEW_DUE, e.to_string()));
                None
            }
        },
    };
    match MilestonePlan::new(title, kind?, due?) {
        Ok(plan) => Some(plan),
        Err(e) => {
            errors.push((NEW_MILESTONE, e.to_string()));
            None
        }
    }
}

/// Reads the form; marks each bad field with its error and returns `None` when any is bad.
pub(super) fn parse(
    draft: &mut CheckInDraft,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Option<Parsed> {
    let editing = matches!(draft.purpose, DraftPurpose::Edit { .. });
    draft.form.clear_errors();
    let fields = &mut draft.form.fields;
    let text = |i: usize| fields[i].value().trim().to_string();
    let (when, minutes, mode, confidence, topics, next_steps, milestone) = (
        text(WHEN),
        text(MINUTES),
        text(MODE),
        text(CONFIDENCE),
        text(TOPICS),
        text(NEXT_STEPS),
        text(MILESTONE),
    );
    let (new_title, new_kind, new_due) = (text(NEW_MILESTONE), text(NEW_KIND), text(NEW_DUE));
    let (concern_kind, concern_note) = (text(CONCERN), text(CONCERN_NOTE));
    let mut errors: Vec<(usize, String)> = Vec::new();
    let at = match when.as_str() {
        "" | "now" => None,
        raw => parse_when("when", raw, zone)
            .map_err(|e| errors.push((WHEN, e.to_string())))
            .ok(),
    };
    let minutes = minutes
        .parse::<u32>()
        .map_err(|_| format!("{minutes:?} is not a whole number of minutes"))
        .and_then(|m| validate_minutes(m).map_err(|e| e.to_string()))
        .map_err(|e| errors.push((MINUTES, e)))
        .unwrap_or(0);
    let mode = match mode.as_str() {
        "" => None,
        raw => Mode::from_str(raw)
            .map_err(|e| errors.push((MODE, e.to_string())))
            .ok(),
    };
    let confidence = match confidence.as_str() {
        "" => None,
        raw => Confidence::parse(raw)
            .map(Confidence::get)
            .map_err(|e| errors.push((CONFIDENCE, e.to_string())))
            .ok(),
    };
    let topics = Tag::parse_list(&topics)
        .map_err(|e| errors.push((TOPICS, e.to_string())))
        .unwrap_or_default();
    let milestone = match milestone.as_str() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(id) => Some(MilestoneId(id)),
            Err(_) => {
                errors.push((MILESTONE, format!("{raw:?} is not a milestone id")));
                None
            }
        },
    };
    let session = local_day(at.unwrap_or(now), zone);
    let concern = if editing {
        if !concern_kind.is_empty() || !concern_note.is_empty() {
            errors.push((
                if concern_kind.is_empty() {
                    CONCERN_NOTE
                } else {
                    CONCERN
                },
                "an edit raises no concern; clear this (Pairings: ! raises one)".into(),
            ));
        }
        None
    } else {
        parse_concern(&concern_kind, &concern_note, &mut errors)
    };
    let plan = if editing {
        for (field, value) in [
            (MILESTONE, &text(MILESTONE)),
            (NEW_MILESTONE, &new_title),
            (NEW_KIND, &new_kind),
            (NEW_DUE, &new_due),
        ] {
            if !value.is_empty() {
                errors.push((
                    field,
                    "an edit leaves milestones alone; clear this (milestones: Timeline or CLI)"
                        .into(),
                ));
            }
        }
        None
    } else {
        parse_plan(&new_title, &new_kind, &new_due, session, &mut errors)
    };
    for (i, error) in &errors {
        if fields[*i].error.is_none() {
            fields[*i].error = Some(error.clone());
        }
    }
    if let Some((first, _)) = errors.first() {
        draft.set_focus(*first);
        return None;
    }
    Some(Parsed {
        at,
        minutes,
        mode,
        confidence,
        topics,
        next_steps,
        milestone,
        plan,
        concern,
    })
}

/// True when the draft's date is after today and the person has not yet confirmed it: the
/// warning goes beside the date and the next `Ctrl-s` with the same date saves.
pub(super) fn needs_future_confirmation(
    draft: &mut CheckInDraft,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    zone: chrono_tz::Tz,
) -> bool {
    let Some(at) = at else {
        return false;
    };
    let (day, today) = (local_day(at, zone), local_day(now, zone));
    if day <= today || draft.future_confirmed == Some(at) {
        return false;
    }
    draft.future_confirmed = Some(at);
    draft.form.fields[WHEN].warning = Some(format!(
        "{day} is after today ({today}): Ctrl-s again logs it ahead of time"
    ));
    draft.set_focus(WHEN);
    true
}
