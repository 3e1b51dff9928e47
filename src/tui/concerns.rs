//! Concerns in the desk: the open queue read with every reload (for the Pairings pane and the
//! tab bar's marker), the form that raises a concern on the selected pairing, and the prompt
//! that resolves the selected concern with a note of what was done. The effects they ask of
//! the desk and what comes back.
//!
//! Every value goes through the desk's rules (kind, severity, note); a refused form or prompt
//! opens again with the desk's words and what was typed. May use: `desk`, `domain`.

use std::sync::Arc;

use ratatui::style::{Modifier, Style};

use super::app::App;
use super::overlay::{FormPurpose, Overlay, Prompt, PromptPurpose};
use super::role::Role;
use super::theme::Theme;
use super::widgets::form::{Field, Form};
use crate::desk::{ConcernRow, Desk, DeskError, NewConcern};
use crate::domain::concern::parse_concern_text;
use crate::domain::text::clean_line;
use crate::domain::{Concern, ConcernKind, PairingId, Severity};

/// The raise form's fields, in order.
pub(crate) const KIND: usize = 0;
pub(crate) const SEVERITY: usize = 1;
pub(crate) const NOTE: usize = 2;

/// What the desk is asked to do.
#[derive(Debug)]
pub enum ConcernEffect {
    /// The open queue, high and newest first.
    Read,
    Raise {
        pairing: PairingId,
        label: String,
        concern: NewConcern,
        form: Form,
    },
    Resolve {
        concern: i64,
        label: String,
        note: String,
        prompt: Prompt,
    },
}

/// What came back.
#[derive(Debug)]
pub enum ConcernOutcome {
    Read(Result<Arc<Vec<ConcernRow>>, DeskError>),
    /// A concern raised, or the form to open again with the refusal.
    Raised {
        label: String,
        result: Result<Concern, DeskError>,
        form: Form,
        pairing: PairingId,
    },
    Resolved {
        label: String,
        result: Result<Concern, DeskError>,
        prompt: Prompt,
    },
}

/// Runs one effect on the desk's thread.
pub fn perform(effect: ConcernEffect, desk: &mut Desk) -> ConcernOutcome {
    match effect {
        ConcernEffect::Read => ConcernOutcome::Read(desk.concern_queue().map(Arc::new)),
        ConcernEffect::Raise {
            pairing,
            label,
            concern,
            form,
        } => ConcernOutcome::Raised {
            result: desk.raise_concern(pairing, &concern),
            label,
            form,
            pairing,
        },
        ConcernEffect::Resolve {
            concern,
            label,
            note,
            prompt,
        } => ConcernOutcome::Resolved {
            result: desk.resolve_concern(concern, &note),
            label,
            prompt,
        },
    }
}

/// Applies what came back.
pub fn apply(app: &mut App, outcome: ConcernOutcome) {
    match outcome {
        ConcernOutcome::Read(Ok(queue)) => {
            let now = app.now();
            app.panes.pairings.take_concerns(queue, now);
        }
        ConcernOutcome::Read(Err(e)) => app.fail(format!("Could not read the concerns: {e}")),
        ConcernOutcome::Raised {
            label,
            result,
            mut form,
            pairing,
        } => match result {
            Ok(c) => {
                app.refresh();
                app.info(format!(
                    "Raised {} {} concern #{} on {label}{}",
                    c.severity,
                    c.kind,
                    c.id,
                    if c.severity == Severity::High {
                        ": the pairing is at risk until it is resolved"
                    } else {
                        ""
                    }
                ));
            }
            Err(e) => {
                form.note = Some(e.to_string());
                app.overlay = Some(Overlay::Form {
                    form,
                    purpose: FormPurpose::RaiseConcern { pairing, label },
                });
                app.fail(format!("Concern not raised: {e}"));
            }
        },
        ConcernOutcome::Resolved {
            label,
            result,
            mut prompt,
        } => match result {
            Ok(c) => {
                app.refresh();
                app.info(format!("Resolved concern #{} ({label})", c.id));
            }
            Err(e) => {
                prompt.error = Some(e.to_string());
                app.overlay = Some(Overlay::Prompt(prompt));
                app.fail(format!("Concern not resolved: {e}"));
            }
        },
    }
}

/// The form raising a concern on `pairing`.
pub fn raise_form(pairing: PairingId, label: &str) -> (Form, FormPurpose) {
    let fields = vec![
        Field::new("Kind", "", ConcernKind::WORDS),
        Field::new(
            "Severity",
            "",
            "low|high; empty: high for conduct/safety, else low",
        ),
        Field::new("What happened", "", "required"),
    ];
    let title = format!(
        "Raise a concern on pairing {pairing} ({}) — Enter raises, Esc cancels",
        clean_line(label)
    );
    (
        Form::new(title, fields),
        FormPurpose::RaiseConcern {
            pairing,
            label: label.to_string(),
        },
    )
}

/// Reads the form back; a field the rules refuse gets its error and the form stays open.
pub fn submit_raise(app: &mut App, mut form: Form, pairing: PairingId, label: String) {
    form.clear_errors();
    match read_form(&mut form) {
        Some(concern) => app.submit(super::effect::Effect::Concern(ConcernEffect::Raise {
            pairing,
            label,
            concern,
            form,
        })),
        None => {
            app.overlay = Some(Overlay::Form {
                form,
                purpose: FormPurpose::RaiseConcern { pairing, label },
            });
        }
    }
}

/// The concern the form says, or `None` with the errors beside their fields.
fn read_form(form: &mut Form) -> Option<NewConcern> {
    let kind = read_kind(form.value(KIND));
    let severity = match form.value(SEVERITY).trim() {
        "" => Ok(None),
        raw => raw.parse::<Severity>().map(Some).map_err(|e| e.to_string()),
    };
    let note = parse_concern_text("what happened", form.value(NOTE)).map_err(|e| e.to_string());
    let checked = match (&kind, &severity) {
        (Ok(kind), Ok(severity)) => {
            crate::domain::concern::severity_of(*kind, *severity).map_err(|e| e.to_string())
        }
        _ => Ok(Severity::Low),
    };
    let errors = [
        (KIND, kind.as_ref().err().cloned()),
        (
            SEVERITY,
            severity
                .as_ref()
                .err()
                .cloned()
                .or(checked.as_ref().err().cloned()),
        ),
        (NOTE, note.as_ref().err().cloned()),
    ];
    for (index, error) in errors {
        if let Some(field) = form.fields.get_mut(index) {
            field.error = error;
        }
    }
    if form.has_errors() {
        return None;
    }
    Some(NewConcern {
        kind: kind.ok()?,
        severity: severity.ok()?,
        note: note.ok()?,
    })
}

/// A kind as typed: its word, or the start of one (each kind has its own first letter).
pub(crate) fn read_kind(raw: &str) -> Result<ConcernKind, String> {
    let typed = raw.trim().to_ascii_lowercase();
    if typed.is_empty() {
        return Err(format!(
            "say which kind: {}",
            ConcernKind::WORDS.replace('|', ", ")
        ));
    }
    if let Ok(kind) = typed.parse::<ConcernKind>() {
        return Ok(kind);
    }
    let starts: Vec<ConcernKind> = ConcernKind::ALL
        .iter()
        .copied()
        .filter(|k| k.as_str().starts_with(&typed))
        .collect();
    match starts.as_slice() {
        [one] => Ok(*one),
        _ => typed.parse::<ConcernKind>().map_err(|e| e.to_string()),
    }
}

/// The question resolving the concern `row`: which one, and what was done.
pub fn resolve_prompt(row: &ConcernRow) -> Prompt {
    let c = &row.concern;
    let label = format!(
        "{} → {}",
        clean_line(&row.learner_name),
        clean_line(&row.mentor_name)
    );
    Prompt::new(
        PromptPurpose::ResolveConcern {
            concern: c.id,
            label: label.clone(),
        },
        &format!(
            "Resolve concern #{} ({} {}) with what was done",
            c.id, c.severity, c.kind
        ),
        &format!("{label} · Enter resolves, for good · Esc cancels"),
        "",
    )
}

/// Reads the answer to [`resolve_prompt`]; an empty one keeps the prompt open with why.
pub fn submit_resolve(app: &mut App, mut prompt: Prompt) {
    let PromptPurpose::ResolveConcern { concern, label } = prompt.purpose.clone() else {
        return;
    };
    match parse_concern_text("what was done", prompt.input.value()) {
        Ok(note) => app.submit(super::effect::Effect::Concern(ConcernEffect::Resolve {
            concern,
            label,
            note,
            prompt,
        })),
        Err(e) => {
            prompt.error = Some(e.to_string());
            app.overlay = Some(Overlay::Prompt(prompt));
        }
    }
}

/// The tab bar's marker while concerns are open on the coordinator's desk: `⚑ 2 open`, in
/// the alert style while any is high (never hidden then), quiet otherwise. A mentor desk
/// raises concerns but does not keep the queue, so it shows none.
pub fn marker(app: &App) -> Option<(String, Style)> {
    if Role::of(app) == Role::Mentor {
        return None;
    }
    let queue = &app.panes.pairings.concerns;
    let open = queue.len();
    if open == 0 {
        return None;
    }
    let high = queue.iter().any(|r| r.concern.is_alarm());
    Some((format!("⚑ {open} open"), alert_style(&app.theme, high)))
}

/// The alert style (the theme's `bad`, bold and reversed so it reads without colour too) for
/// an open high concern; `warn` for low ones only.
pub fn alert_style(theme: &Theme, high: bool) -> Style {
    if high {
        theme.bad.add_modifier(Modifier::BOLD | Modifier::REVERSED)
    } else {
        theme.warn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_by_their_word_or_an_unambiguous_start() {
        assert_eq!(read_kind("Safety"), Ok(ConcernKind::Safety));
        assert_eq!(read_kind("no"), Ok(ConcernKind::NoShow));
        assert_eq!(read_kind("w"), Ok(ConcernKind::Wellbeing));
        assert_eq!(
            read_kind("s"),
            Ok(ConcernKind::Safety),
            "each kind has its own letter"
        );
        assert!(
            read_kind("x").unwrap_err().contains("no-show"),
            "the words are listed"
        );
        assert!(read_kind(" ").unwrap_err().starts_with("say which kind"));
    }

    #[test]
    fn the_form_puts_each_error_beside_its_field() {
        let (mut form, _) = raise_form(PairingId(3), "Ana → Sam");
        form.fields[KIND].input = tui_input::Input::new("conduct".into());
        form.fields[SEVERITY].input = tui_input::Input::new("low".into());
        assert!(read_form(&mut form).is_none());
        assert_eq!(form.fields[KIND].error, None);
        assert!(
            form.fields[SEVERITY]
                .error
                .as_deref()
                .is_some_and(|e| e.contains("always high"))
        );
        assert!(form.fields[NOTE].error.is_some());
        form.clear_errors();
        form.fields[SEVERITY].input = tui_input::Input::new(String::new());
        form.fields[NOTE].input = tui_input::Input::new("Shouted at the learner".into());
        let concern = read_form(&mut form).unwrap();
        assert_eq!(concern.kind, ConcernKind::Conduct);
        assert_eq!(concern.severity, None);
    }
}
