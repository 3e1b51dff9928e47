//! Introductions of a new pair: the wording from an editable template (embedded
//! `assets/intro.txt`, or the user's copy in the config folder), written as plain text or as
//! an RFC 5322 e-mail draft (`.eml`: To both, a subject, a plain-text body, `X-Unsent: 1`, so
//! Thunderbird and Outlook open it ready to send).
//!
//! The first-session agenda and the guides that suit the pair (the learner's track's sample
//! questions, the project brief) come from the desk's guide library, so a coordinator's own
//! `first-session.md` is what new pairs receive.
//!
//! Owns: the template's placeholders and the two file formats. May use: `domain`, `desk`.

use std::path::{Path, PathBuf};

use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;
use thiserror::Error;

use super::file::{FileError, write_private};
use crate::desk::{Desk, DeskError, Introduction};
use crate::domain::PairingId;
use crate::domain::guide::{FIRST_SESSION, GuideLibrary, Stage};
use crate::domain::text::clean_line;

/// The template shipped with the desk.
pub const EMBEDDED_TEMPLATE: &str = include_str!("../../assets/intro.txt");
/// The file name of a user's own template in the config folder.
pub const TEMPLATE_FILE: &str = "intro.txt";

/// The names a template may use between braces.
const PLACEHOLDERS: &[&str] = &[
    "learner_name",
    "learner_first",
    "learner_email",
    "learner_zone",
    "mentor_name",
    "mentor_first",
    "mentor_email",
    "mentor_zone",
    "cadence_days",
    "session_minutes",
    "planned_weeks",
    "goals",
    "first_milestone",
    "availability",
    "shared_times",
    "modes",
    "agenda",
    "guides",
    "pairing",
];

/// How an introduction is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntroFormat {
    Text,
    Eml,
}

impl IntroFormat {
    pub fn extension(self) -> &'static str {
        match self {
            IntroFormat::Text => "txt",
            IntroFormat::Eml => "eml",
        }
    }
}

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IntroError {
    #[error(transparent)]
    Desk(#[from] DeskError),
    #[error("{file}: {problem}")]
    Template { file: String, problem: String },
    #[error(
        "cannot write an e-mail draft for pairing {pairing}: {missing}; write the text instead \
         (--format text) or add the address (mentordesk person set ID email ADDRESS)"
    )]
    MissingEmail { pairing: PairingId, missing: String },
    #[error("cannot build the e-mail: {0}")]
    Mail(std::io::Error),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Guides(#[from] super::guides::GuideError),
}

impl IntroError {
    /// True when what the person gave was at fault (exit code 2).
    pub fn is_user_error(&self) -> bool {
        match self {
            IntroError::Desk(e) => e.is_user_error(),
            IntroError::Template { .. } | IntroError::MissingEmail { .. } => true,
            IntroError::Guides(e) => e.is_user_error(),
            IntroError::Mail(_) | IntroError::File(_) => false,
        }
    }
}

/// A checked template: a subject line and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    subject: String,
    body: String,
}

impl Template {
    /// Reads a template: `#` lines left out, the first other line `Subject: …`, then the body;
    /// every `{name}` must be one of the placeholders. `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Template, IntroError> {
        let problem = |problem: String| IntroError::Template {
            file: file.to_string(),
            problem,
        };
        let mut lines = text.lines().filter(|line| !line.starts_with('#'));
        let subject = lines
            .next()
            .and_then(|line| line.strip_prefix("Subject:"))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| problem("the first line must be \"Subject: …\"".into()))?
            .to_string();
        let body = lines.collect::<Vec<_>>().join("\n").trim().to_string();
        for part in [&subject, &body] {
            for name in placeholders_in(part) {
                if !PLACEHOLDERS.contains(&name) {
                    return Err(problem(format!(
                        "unknown placeholder {{{name}}} (known: {})",
                        PLACEHOLDERS.join(", ")
                    )));
                }
            }
        }
        Ok(Template { subject, body })
    }

    /// The embedded template.
    pub fn embedded() -> Template {
        // Checked by a test; a broken embedded file would fail the build's tests.
        Template::parse("assets/intro.txt", EMBEDDED_TEMPLATE).unwrap_or(Template {
            subject: "Introducing {learner_first} and {mentor_first}".into(),
            body: "{agenda}".into(),
        })
    }

    /// The user's template in `config_folder` when there is one, else the embedded one; with
    /// the path used (`None`: embedded).
    pub fn load(config_folder: Option<&Path>) -> Result<(Template, Option<PathBuf>), IntroError> {
        let Some(path) = config_folder.map(|folder| folder.join(TEMPLATE_FILE)) else {
            return Ok((Template::embedded(), None));
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok((
                Template::parse(&path.display().to_string(), &text)?,
                Some(path),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Template::embedded(), None)),
            Err(e) => Err(IntroError::Template {
                file: path.display().to_string(),
                problem: e.to_string(),
            }),
        }
    }
}

/// The `{name}`s in `text`.
fn placeholders_in(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}

fn first_name(name: &str) -> String {
    clean_line(name)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn zone_words(zone: (chrono_tz::Tz, bool)) -> String {
    if zone.1 {
        format!("{} (the program's default; ask)", zone.0.name())
    } else {
        zone.0.name().to_string()
    }
}

/// The first-session agenda, and the other guides that suit a pair at its start (the
/// learner's track's questions, the project brief), each with its title and when to use it.
fn guide_texts(intro: &Introduction, guides: &GuideLibrary) -> (String, String) {
    let agenda = guides.get(FIRST_SESSION).map_or_else(
        || "Introductions, the goals, a first milestone, and the next date.".to_string(),
        |g| g.body.clone(),
    );
    let others: Vec<String> = guides
        .relevant(intro.learner.track, Stage::FirstSession)
        .into_iter()
        .filter(|g| g.name.as_str() != FIRST_SESSION)
        .map(|g| format!("{}\nWhen to use: {}\n\n{}", g.title, g.when, g.body))
        .collect();
    let others = if others.is_empty() {
        "none".to_string()
    } else {
        others.join("\n\n")
    };
    (agenda, others)
}

/// The value of each placeholder for this pair.
fn values(intro: &Introduction, guides: &GuideLibrary) -> Vec<(&'static str, String)> {
    let (learner, mentor, pairing) = (&intro.learner, &intro.mentor, &intro.pairing);
    let email = |e: &Option<String>| {
        e.as_deref()
            .map_or("e-mail unknown".to_string(), clean_line)
    };
    let week = |name: &str, zone, availability: &crate::domain::Availability| {
        let blocks = if availability.is_unknown() {
            "not known yet".to_string()
        } else {
            availability
                .blocks()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        format!("- {} ({}): {blocks}", first_name(name), zone_words(zone))
    };
    let shared = if intro.shared.is_empty() {
        "- none found in what you told us; please agree a time by e-mail".to_string()
    } else {
        intro
            .shared
            .iter()
            .map(|t| {
                format!(
                    "- {} for {} = {} for {} ({} min)",
                    t.on_clock(intro.learner_zone.0),
                    first_name(&learner.name),
                    t.on_clock(intro.mentor_zone.0),
                    first_name(&mentor.name),
                    t.minutes()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let goals = pairing
        .agreement
        .goals
        .as_deref()
        .or(learner.goals.as_deref())
        .map_or("to be agreed in your first session".to_string(), clean_line);
    let milestone = intro.first_milestone.as_ref().map_or_else(
        || "none planned yet: choose one together".to_string(),
        |m| {
            let due = m.due.map(|d| format!(", due {d}")).unwrap_or_default();
            format!("{} ({}{due})", clean_line(&m.title), m.kind)
        },
    );
    let (agenda, guides) = guide_texts(intro, guides);
    let shared_modes = learner.modes.intersection(mentor.modes);
    let modes = if shared_modes.is_empty() {
        "to be agreed (no way of meeting in common was given)".to_string()
    } else {
        shared_modes
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        ("learner_name", clean_line(&learner.name)),
        ("learner_first", first_name(&learner.name)),
        ("learner_email", email(&learner.email)),
        ("learner_zone", zone_words(intro.learner_zone)),
        ("mentor_name", clean_line(&mentor.name)),
        ("mentor_first", first_name(&mentor.name)),
        ("mentor_email", email(&mentor.email)),
        ("mentor_zone", zone_words(intro.mentor_zone)),
        ("cadence_days", pairing.agreement.cadence_days.to_string()),
        (
            "session_minutes",
            pairing.agreement.session_minutes.to_string(),
        ),
        ("planned_weeks", pairing.agreement.planned_weeks.to_string()),
        ("goals", goals),
        ("first_milestone", milestone),
        (
            "availability",
            format!(
                "{}\n{}",
                week(&learner.name, intro.learner_zone, &learner.availability),
                week(&mentor.name, intro.mentor_zone, &mentor.availability)
            ),
        ),
        ("shared_times", shared),
        ("modes", modes),
        ("agenda", agenda),
        ("guides", guides),
        ("pairing", pairing.id.to_string()),
    ]
}

/// The template with each `{name}` replaced by its value, in one pass: a value that holds
/// braces itself (a guide's text, a goal) is never filled in again.
fn fill(text: &str, values: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (value, close))
        });
        match known {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Which of the two addresses is unknown, in words (empty when both are known).
pub fn missing_emails(intro: &Introduction) -> Vec<String> {
    let mut missing = Vec::new();
    if intro.learner.email.is_none() {
        missing.push(format!(
            "the learner's e-mail ({} {}) is unknown",
            intro.learner.id,
            clean_line(&intro.learner.name)
        ));
    }
    if intro.mentor.email.is_none() {
        missing.push(format!(
            "the mentor's e-mail ({} {}) is unknown",
            intro.mentor.id,
            clean_line(&intro.mentor.name)
        ));
    }
    missing
}

/// The introduction as text: the subject, who it goes to, the body.
pub fn render_text(intro: &Introduction, template: &Template, guides: &GuideLibrary) -> String {
    let values = values(intro, guides);
    let to = |name: &str, email: &Option<String>| match email {
        Some(e) => format!("{} <{}>", clean_line(name), clean_line(e)),
        None => format!("{} <e-mail unknown>", clean_line(name)),
    };
    let mut out = format!(
        "To: {}, {}\nSubject: {}\n",
        to(&intro.learner.name, &intro.learner.email),
        to(&intro.mentor.name, &intro.mentor.email),
        fill(&template.subject, &values)
    );
    for missing in missing_emails(intro) {
        out.push_str(&format!("Note: {missing}; ask for it before sending.\n"));
    }
    out.push('\n');
    out.push_str(&fill(&template.body, &values));
    out.push('\n');
    out
}

/// The introduction as an RFC 5322 draft; refused when an address is unknown.
pub fn render_eml(
    intro: &Introduction,
    template: &Template,
    guides: &GuideLibrary,
) -> Result<Vec<u8>, IntroError> {
    let missing = missing_emails(intro);
    let (Some(learner_email), Some(mentor_email)) = (&intro.learner.email, &intro.mentor.email)
    else {
        return Err(IntroError::MissingEmail {
            pairing: intro.pairing.id,
            missing: missing.join("; "),
        });
    };
    let values = values(intro, guides);
    let body = fill(&template.body, &values).replace('\n', "\r\n");
    MessageBuilder::new()
        .to(vec![
            (clean_line(&intro.learner.name), clean_line(learner_email)),
            (clean_line(&intro.mentor.name), clean_line(mentor_email)),
        ])
        .subject(fill(&template.subject, &values))
        .date(intro.written_at.timestamp())
        .header("X-Unsent", Raw::new("1"))
        .text_body(body)
        .write_to_vec()
        .map_err(IntroError::Mail)
}

/// The name a written introduction gets: `intro-pairing-49-L001-M01.eml`.
pub fn file_name(intro: &Introduction, format: IntroFormat) -> String {
    format!(
        "intro-pairing-{}-{}-{}.{}",
        intro.pairing.id,
        intro.learner.id,
        intro.mentor.id,
        format.extension()
    )
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenIntro {
    pub path: PathBuf,
    pub format: IntroFormat,
    /// Why it is text and not an e-mail draft (the addresses that are unknown).
    pub missing: Vec<String>,
}

/// The desk's key: writes the introduction of `pairing` into `folder` (an e-mail draft when
/// both addresses are known, else text that says which is missing), atomically and 0600.
pub fn write_intro_into(
    desk: &mut Desk,
    pairing: PairingId,
    folder: &Path,
    config_folder: Option<&Path>,
) -> Result<WrittenIntro, IntroError> {
    let intro = desk.introduction(pairing)?;
    let (template, _) = Template::load(config_folder)?;
    let guides = super::guides::strict_library(desk, config_folder)?;
    let missing = missing_emails(&intro);
    let format = if missing.is_empty() {
        IntroFormat::Eml
    } else {
        IntroFormat::Text
    };
    let bytes = match format {
        IntroFormat::Eml => render_eml(&intro, &template, &guides)?,
        IntroFormat::Text => render_text(&intro, &template, &guides).into_bytes(),
    };
    let path = folder.join(file_name(&intro, format));
    write_private(&path, &bytes)?;
    Ok(WrittenIntro {
        path,
        format,
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_template_is_valid() {
        let template = Template::parse("assets/intro.txt", EMBEDDED_TEMPLATE).unwrap();
        assert!(template.subject.contains("{learner_first}"));
        assert!(template.body.contains("{shared_times}"));
        assert!(!template.body.contains("# "));
    }

    #[test]
    fn a_value_holding_braces_is_not_filled_again() {
        let values = vec![
            ("agenda", "say {pairing}".to_string()),
            ("pairing", "7".into()),
        ];
        assert_eq!(
            fill("{agenda} · {pairing} · {x", &values),
            "say {pairing} · 7 · {x"
        );
    }

    #[test]
    fn a_template_names_its_problem() {
        let err = Template::parse("mine.txt", "Hello {learner_name}").unwrap_err();
        assert!(
            err.to_string().contains("mine.txt: the first line must be"),
            "{err}"
        );
        let err = Template::parse("mine.txt", "Subject: Hi {nickname}\nBody").unwrap_err();
        assert!(
            err.to_string().contains("unknown placeholder {nickname}"),
            "{err}"
        );
    }
}
