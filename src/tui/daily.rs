//! A coordinator's daily work in the desk: editing a person in a form, adding one by hand,
//! changing a status, and writing a new pair's introduction. The forms and prompts, the
//! effects they ask of the desk and what comes back.
//!
//! Every value goes through the desk (and so through the same field rules as CSV import); a
//! refused form opens again with the desk's words and the values typed. May use: `desk`,
//! `domain`.

use chrono::NaiveDate;

use super::app::{App, Detail, Services};
use super::daily_reads as reads;
use super::note::NoteDraft;
use super::overlay::{FormPurpose, Overlay, Prompt, PromptPurpose};
use super::panes::pairings::detail::PairingDetail;
use super::panes::people::PersonPairings;
use super::search::SearchList;
use super::widgets::form::{Field, Form};
use crate::desk::{Desk, PersonKind, SearchResults};
use crate::domain::text::clean_line;
use crate::domain::when::parse_date;
use crate::domain::{
    Learner, LearnerField, LearnerId, LearnerStatus, MentorField, MentorId, PairingId,
};

/// What the desk is asked to do.
#[derive(Debug)]
pub enum DailyEffect {
    EditLearner {
        id: LearnerId,
        values: Vec<(LearnerField, String)>,
        form: Form,
    },
    EditMentor {
        id: MentorId,
        values: Vec<(MentorField, String)>,
        form: Form,
    },
    AddLearner {
        values: Vec<(LearnerField, String)>,
        form: Form,
    },
    AddMentor {
        values: Vec<(MentorField, String)>,
        form: Form,
    },
    LearnerStatus {
        id: LearnerId,
        status: LearnerStatus,
    },
    /// `None`: resume; `Some(until)`: pause (until a day, or until resumed).
    MentorStatus {
        id: MentorId,
        change: MentorChange,
    },
    WriteIntro {
        pairing: PairingId,
    },
    /// Finds words across the program.
    Search {
        text: String,
    },
    /// A coordinator's note on a pairing, written in the pairing view; `draft` opens again
    /// when the desk refuses it.
    AddNote {
        pairing: PairingId,
        text: String,
        draft: Box<NoteDraft>,
    },
    /// A person's pairings, for their brief in People.
    PersonPairings {
        kind: PersonKind,
        id: String,
    },
    /// A pairing opened on one screen by its number (a person's pairing chosen in People
    /// that is no longer under way), with the names People shows.
    OpenPairing {
        pairing: PairingId,
        learner_name: String,
        mentor_name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentorChange {
    Pause(Option<NaiveDate>),
    Resume,
    Retire,
}

/// What came back: the line for the status bar, or the refusal with the form to reopen.
#[derive(Debug)]
pub struct DailyOutcome {
    pub result: Result<String, String>,
    /// The form to open again (with the error as its note) when the desk refused it.
    pub reopen: Option<(Form, FormPurpose)>,
    /// Whether the people read before are stale now.
    pub changed_people: bool,
    /// What a search found.
    pub found: Option<SearchResults>,
    /// A pairing to show on one screen (opened, or with the note just saved in it).
    pub opened: Option<Box<PairingDetail>>,
    /// A note the desk refused, to open again with why.
    pub note: Option<Box<NoteDraft>>,
    /// A person's pairings, read for People.
    pub pairings: Option<PersonPairings>,
}

impl DailyOutcome {
    /// What came back, changing nothing the panes show.
    pub(super) fn said(result: Result<String, String>) -> DailyOutcome {
        DailyOutcome {
            result,
            reopen: None,
            changed_people: false,
            found: None,
            opened: None,
            note: None,
            pairings: None,
        }
    }
}

fn hint(field: &str) -> &'static str {
    match field {
        "id" => "no spaces, up to 64 characters",
        "name" => "required",
        "email" => "name@host, or empty",
        "timezone" => "Europe/Madrid; empty: default zone",
        "languages" => "en;es",
        "interests" => "python;ux-design",
        "expertise" => "python:5;sql",
        "track" => "beginner|intermediate|advanced",
        "experience" => "early|mid|senior",
        "modes" => "video;voice;chat;async",
        "availability" => "Mon 18:00-20:00;Sat 09:00-12:00",
        "capacity" => "0–50 learners at once",
        "verified" | "recognition" => "yes or no",
        "prefer" => "mentor ids or expertise: M-0003;rust",
        "avoid" => "mentor ids: M-0007 (never proposed)",
        "mentor_experience" => "early|mid|senior; empty: no wish",
        _ => "free text",
    }
}

/// One line of a value for a one-line field (lines of free text joined).
pub(super) fn one_line(text: &str) -> String {
    clean_line(&text.replace('\n', " "))
}

/// The edit form of a learner: every field but status (which has its own key).
pub fn learner_form(learner: &Learner) -> (Form, FormPurpose) {
    let fields = LearnerField::ALL
        .iter()
        .filter(|f| **f != LearnerField::Status)
        .map(|f| Field::new(f.as_str(), &one_line(&f.text_of(learner)), hint(f.as_str())))
        .collect();
    let title = format!("Edit learner {} — Enter saves, Esc cancels", learner.id);
    (
        Form::new(title, fields),
        FormPurpose::EditPerson {
            kind: PersonKind::Learner,
            id: learner.id.to_string(),
        },
    )
}

/// The edit form of a mentor.
pub fn mentor_form(mentor: &crate::domain::Mentor) -> (Form, FormPurpose) {
    let fields = MentorField::ALL
        .iter()
        .map(|f| Field::new(f.as_str(), &one_line(&f.text_of(mentor)), hint(f.as_str())))
        .collect();
    let title = format!("Edit mentor {} — Enter saves, Esc cancels", mentor.id);
    (
        Form::new(title, fields),
        FormPurpose::EditPerson {
            kind: PersonKind::Mentor,
            id: mentor.id.to_string(),
        },
    )
}

/// An empty form for a new person of `kind` (the required fields first).
pub fn add_form(kind: PersonKind) -> (Form, FormPurpose) {
    let names: Vec<&'static str> = match kind {
        PersonKind::Learner => LearnerField::ALL
            .iter()
            .filter(|f| **f != LearnerField::Status)
            .map(|f| f.as_str())
            .collect(),
        PersonKind::Mentor => MentorField::ALL.iter().map(|f| f.as_str()).collect(),
    };
    let fields = names
        .into_iter()
        .map(|n| Field::new(n, "", hint(n)))
        .collect();
    let title = format!("New {kind} — Enter adds, Esc cancels");
    (Form::new(title, fields), FormPurpose::AddPerson(kind))
}

/// Sends a submitted person form to the desk: an edit sends the fields that changed.
pub fn submit_form(app: &mut App, mut form: Form, purpose: FormPurpose) {
    form.clear_errors();
    form.note = None;
    let edited = |form: &Form, all: bool| -> Vec<(&'static str, String)> {
        form.fields
            .iter()
            .filter(|f| all || f.value() != f.initial_value())
            .filter(|f| !(all && f.value().trim().is_empty()))
            .map(|f| (f.label, f.value().to_string()))
            .collect()
    };
    let effect = match &purpose {
        FormPurpose::EditPerson { kind, id } => {
            let changed = edited(&form, false);
            if changed.is_empty() {
                app.info("Nothing changed; nothing saved");
                return;
            }
            match kind {
                PersonKind::Learner => LearnerId::parse(id).map(|id| DailyEffect::EditLearner {
                    id,
                    values: learner_values(&changed),
                    form: form.clone(),
                }),
                PersonKind::Mentor => MentorId::parse(id).map(|id| DailyEffect::EditMentor {
                    id,
                    values: mentor_values(&changed),
                    form: form.clone(),
                }),
            }
        }
        FormPurpose::AddPerson(PersonKind::Learner) => Ok(DailyEffect::AddLearner {
            values: learner_values(&edited(&form, true)),
            form: form.clone(),
        }),
        FormPurpose::AddPerson(PersonKind::Mentor) => Ok(DailyEffect::AddMentor {
            values: mentor_values(&edited(&form, true)),
            form: form.clone(),
        }),
        FormPurpose::Approve { .. } | FormPurpose::RaiseConcern { .. } => return,
    };
    match effect {
        Ok(effect) => app.submit(super::effect::Effect::Daily(effect)),
        Err(e) => {
            form.note = Some(e.to_string());
            app.overlay = Some(Overlay::Form { form, purpose });
        }
    }
}

fn learner_values(values: &[(&'static str, String)]) -> Vec<(LearnerField, String)> {
    values
        .iter()
        .filter_map(|(name, value)| Some((name.parse().ok()?, value.clone())))
        .collect()
}

fn mentor_values(values: &[(&'static str, String)]) -> Vec<(MentorField, String)> {
    values
        .iter()
        .filter_map(|(name, value)| Some((name.parse().ok()?, value.clone())))
        .collect()
}

/// The prompt that changes a person's status.
pub fn status_prompt(kind: PersonKind, id: &str, name: &str) -> Prompt {
    let (title, hint) = match kind {
        PersonKind::Learner => (
            format!(
                "Status of learner {id} ({}): waiting, withdrawn or graduated",
                one_line(name)
            ),
            "w withdrawn · g graduated · waiting · Enter sets · Esc cancels",
        ),
        PersonKind::Mentor => (
            format!(
                "Status of mentor {id} ({}): active, paused [until DATE] or retired",
                one_line(name)
            ),
            "paused 2027-01-15 (active again that day) · paused · active · retired · Esc",
        ),
    };
    Prompt::new(
        PromptPurpose::PersonStatus {
            kind,
            id: id.to_string(),
        },
        &title,
        hint,
        "",
    )
}

/// Reads the answer to [`status_prompt`]; an unreadable one keeps the prompt open with why.
pub fn submit_status(app: &mut App, mut prompt: Prompt) {
    let PromptPurpose::PersonStatus { kind, id } = prompt.purpose.clone() else {
        return;
    };
    match status_effect(kind, &id, prompt.input.value()) {
        Ok(effect) => app.submit(super::effect::Effect::Daily(effect)),
        Err(e) => {
            prompt.error = Some(e);
            app.overlay = Some(Overlay::Prompt(prompt));
        }
    }
}

fn status_effect(kind: PersonKind, id: &str, answer: &str) -> Result<DailyEffect, String> {
    let mut words = answer.split_whitespace();
    let word = words.next().unwrap_or_default().to_ascii_lowercase();
    let rest: Vec<&str> = words.collect();
    match kind {
        PersonKind::Learner => {
            let status = match word.as_str() {
                "w" | "withdrawn" | "withdraw" => LearnerStatus::Withdrawn,
                "g" | "graduated" | "graduate" => LearnerStatus::Graduated,
                "waiting" | "wait" => LearnerStatus::Waiting,
                _ => return Err("type waiting, withdrawn or graduated".into()),
            };
            let id = LearnerId::parse(id).map_err(|e| e.to_string())?;
            Ok(DailyEffect::LearnerStatus { id, status })
        }
        PersonKind::Mentor => {
            let change = match (word.as_str(), rest.as_slice()) {
                ("active" | "resume" | "resumed", []) => MentorChange::Resume,
                ("retired" | "retire", []) => MentorChange::Retire,
                ("paused" | "pause", []) => MentorChange::Pause(None),
                ("paused" | "pause", [day]) | ("paused" | "pause", ["until", day]) => {
                    MentorChange::Pause(Some(
                        parse_date("pause date", day).map_err(|e| e.to_string())?,
                    ))
                }
                _ => return Err("type active, paused, paused YYYY-MM-DD or retired".into()),
            };
            let id = MentorId::parse(id).map_err(|e| e.to_string())?;
            Ok(DailyEffect::MentorStatus { id, change })
        }
    }
}

/// Runs one effect on the desk's thread.
pub fn perform(effect: DailyEffect, desk: &mut Desk, services: &Services) -> DailyOutcome {
    let people = |result: Result<String, String>, reopen| DailyOutcome {
        reopen,
        changed_people: true,
        ..DailyOutcome::said(result)
    };
    let text = |e: crate::desk::DeskError| e.to_string();
    // A saved edit says which fields; a refused one opens the form again with the values.
    let edited = |kind: PersonKind,
                  id: String,
                  form: Form,
                  saved: Result<(String, String), crate::desk::DeskError>,
                  names: &str| match saved {
        Ok((shown, name)) => people(
            Ok(format!(
                "Saved {kind} {shown} ({}): {names}",
                one_line(&name)
            )),
            None,
        ),
        Err(e) => people(
            Err(text(e)),
            Some((form, FormPurpose::EditPerson { kind, id })),
        ),
    };
    match effect {
        DailyEffect::EditLearner { id, values, form } => {
            let names = field_names(values.iter().map(|(f, _)| f.as_str()));
            let saved = desk.edit_learner(&id, &values);
            // A wish naming no mentor is saved, and said (as `person set` warns).
            let unknown = match &saved {
                Ok(l) => desk.unrecognised_wishes(std::slice::from_ref(l)),
                Err(_) => Ok(Vec::new()),
            };
            let saved = saved.map(|l| (l.id.to_string(), l.name));
            let mut outcome = edited(PersonKind::Learner, id.to_string(), form, saved, &names);
            if let Ok(text) = &mut outcome.result {
                for (_, wish) in unknown.unwrap_or_default() {
                    text.push_str(&format!(
                        " · {} {}: {}",
                        wish.field,
                        crate::domain::text::quoted(&wish.value),
                        wish.problem()
                    ));
                }
            }
            outcome
        }
        DailyEffect::EditMentor { id, values, form } => {
            let names = field_names(values.iter().map(|(f, _)| f.as_str()));
            let saved = desk
                .edit_mentor(&id, &values)
                .map(|m| (m.id.to_string(), m.name));
            edited(PersonKind::Mentor, id.to_string(), form, saved, &names)
        }
        DailyEffect::AddLearner { values, form } => match desk.add_learner(&values) {
            Ok(l) => people(
                Ok(format!(
                    "Added learner {} ({}), waiting",
                    l.id,
                    one_line(&l.name)
                )),
                None,
            ),
            Err(e) => people(
                Err(text(e)),
                Some((form, FormPurpose::AddPerson(PersonKind::Learner))),
            ),
        },
        DailyEffect::AddMentor { values, form } => match desk.add_mentor(&values) {
            Ok(m) => people(
                Ok(format!(
                    "Added mentor {} ({}), capacity {}",
                    m.id,
                    one_line(&m.name),
                    m.capacity
                )),
                None,
            ),
            Err(e) => people(
                Err(text(e)),
                Some((form, FormPurpose::AddPerson(PersonKind::Mentor))),
            ),
        },
        DailyEffect::LearnerStatus { id, status } => people(
            desk.set_learner_status(&id, status)
                .map(|l| format!("Learner {} ({}) is {}", l.id, one_line(&l.name), l.status))
                .map_err(text),
            None,
        ),
        DailyEffect::MentorStatus { id, change } => {
            let result = match change {
                MentorChange::Pause(until) => desk.pause_mentor(&id, until),
                MentorChange::Resume => desk.resume_mentor(&id),
                MentorChange::Retire => desk.retire_mentor(&id),
            };
            people(
                result
                    .map(|m| {
                        let until = m
                            .paused_until
                            .map(|d| format!(" until {d}"))
                            .unwrap_or_default();
                        format!(
                            "Mentor {} ({}) is {}{until}",
                            m.id,
                            one_line(&m.name),
                            m.status
                        )
                    })
                    .map_err(text),
                None,
            )
        }
        DailyEffect::WriteIntro { pairing } => {
            DailyOutcome::said((services.write_intro)(desk, pairing))
        }
        DailyEffect::AddNote {
            pairing,
            text,
            draft,
        } => reads::add_note(desk, pairing, &text, draft),
        DailyEffect::OpenPairing {
            pairing,
            learner_name,
            mentor_name,
        } => reads::open_pairing(desk, pairing, learner_name, mentor_name),
        DailyEffect::PersonPairings { kind, id } => reads::person_pairings(desk, kind, id),
        DailyEffect::Search { text } => reads::search(desk, &text),
    }
}

/// Which of `labels` an error's words are about: a zone error is the timezone field's
/// (its words, "an IANA name", would otherwise name the name field), else the first field
/// named as a word.
fn field_named(error: &str, labels: &[&str]) -> Option<usize> {
    if error.contains("time zone")
        && let Some(zone) = labels.iter().position(|l| *l == "timezone")
    {
        return Some(zone);
    }
    labels.iter().position(|label| {
        error
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *label)
    })
}

fn field_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

/// Shows what came back; a change to people reads the panes again.
pub fn apply(app: &mut App, outcome: DailyOutcome) {
    if let Some(results) = outcome.found.filter(|found| !found.hits.is_empty()) {
        app.overlay = Some(Overlay::Search(SearchList {
            results,
            selected: 0,
        }));
    }
    if let Some(detail) = outcome.opened {
        let noted = outcome.result.is_ok() && detail.notes.as_ref().is_ok_and(|n| !n.is_empty());
        app.overlay = Some(Overlay::Detail {
            detail: Detail::Pairing(detail),
            scroll: Default::default(),
        });
        // A note went in: the time line and the search read it again when next shown.
        if noted {
            app.refresh();
        }
    }
    if let Some(draft) = outcome.note {
        app.overlay = Some(Overlay::Note(draft));
    }
    if let Some(read) = outcome.pairings {
        app.panes.people.take_pairings(read);
        return;
    }
    match outcome.result {
        Ok(text) => {
            app.info(text);
            if outcome.changed_people {
                app.refresh();
            }
        }
        Err(text) => match outcome.reopen {
            Some((mut form, purpose)) => {
                // The desk's words name the field (`capacity 0 for mentor …`, `unknown time
                // zone …`): the error goes under it, and the cursor to it.
                let labels: Vec<&str> = form.fields.iter().map(|f| f.label).collect();
                let named = field_named(&text, &labels);
                match named.and_then(|i| form.fields.get_mut(i).map(|f| (i, f))) {
                    Some((i, field)) => {
                        field.error = Some(text.clone());
                        form.focus = i;
                    }
                    None => form.note = Some(text.clone()),
                }
                app.overlay = Some(Overlay::Form { form, purpose });
                app.fail(text);
            }
            None => app.fail(text),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_answers_read_as_people_type_them() {
        assert!(matches!(
            status_effect(PersonKind::Mentor, "M1", "paused 2027-01-15"),
            Ok(DailyEffect::MentorStatus {
                change: MentorChange::Pause(Some(_)),
                ..
            })
        ));
        assert!(matches!(
            status_effect(PersonKind::Mentor, "M1", "Retired"),
            Ok(DailyEffect::MentorStatus {
                change: MentorChange::Retire,
                ..
            })
        ));
        assert!(status_effect(PersonKind::Mentor, "M1", "paused next week").is_err());
        assert!(matches!(
            status_effect(PersonKind::Learner, "L1", "w"),
            Ok(DailyEffect::LearnerStatus {
                status: LearnerStatus::Withdrawn,
                ..
            })
        ));
        assert!(status_effect(PersonKind::Learner, "L1", "matched").is_err());
    }

    #[test]
    fn a_refusal_goes_under_the_field_it_is_about() {
        let labels = ["id", "name", "email", "timezone", "capacity"];
        let zone =
            "unknown time zone \"Mars/Olympus\" (expected an IANA name such as Europe/Madrid)";
        assert_eq!(field_named(zone, &labels), Some(3));
        assert_eq!(field_named("name is required", &labels), Some(1));
        let capacity = "capacity \"51\" is not a whole number from 0 to 50";
        assert_eq!(field_named(capacity, &labels), Some(4));
        assert_eq!(field_named("the desk is busy", &labels), None);
    }
}
