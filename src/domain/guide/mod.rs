//! Guidance materials for sessions: short Markdown guides (agendas, sample questions, a
//! project-brief template, feedback prompts) a mentor pastes into a check-in's notes.
//!
//! Owns: the guides shipped in the binary (`assets/guides/*.md`, embedded), what a guide file
//! must hold (a `# Title` line, a `When to use:` line, then the agenda or list), the library a
//! desk shows (built in, then the coordinator's guides from a mentor pack, then the person's
//! own folder, each later one replacing a guide of the same name), the stage of a pairing
//! (first session, under way, mid-point, closing) and which guides suit a pair. May use:
//! nothing else in the crate but `domain`; reading a folder is `exchange`'s.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::text::{clean_line, clean_multiline};

mod library;

pub use library::{GuideLibrary, Stage};

/// Longest guide name, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// Longest title and "when to use" line, in characters.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest guide body (the agenda or list), in characters: a guide is a page, not a book.
pub const MAX_BODY_CHARS: usize = 8_000;
/// The line that says when a guide is used starts with this.
const WHEN_PREFIX: &str = "When to use:";

/// The guides shipped in the binary, in the order the desk lists them.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "first-session",
        include_str!("../../../assets/guides/first-session.md"),
    ),
    (
        "questions-beginner",
        include_str!("../../../assets/guides/questions-beginner.md"),
    ),
    (
        "questions-intermediate",
        include_str!("../../../assets/guides/questions-intermediate.md"),
    ),
    (
        "questions-advanced",
        include_str!("../../../assets/guides/questions-advanced.md"),
    ),
    (
        "project-brief",
        include_str!("../../../assets/guides/project-brief.md"),
    ),
    (
        "mid-point",
        include_str!("../../../assets/guides/mid-point.md"),
    ),
    ("closing", include_str!("../../../assets/guides/closing.md")),
    (
        "feedback-questioning",
        include_str!("../../../assets/guides/feedback-questioning.md"),
    ),
    (
        "feedback-listening",
        include_str!("../../../assets/guides/feedback-listening.md"),
    ),
    (
        "feedback-critique",
        include_str!("../../../assets/guides/feedback-critique.md"),
    ),
];

/// The first-session agenda's name: what the approval and the introduction suggest.
pub const FIRST_SESSION: &str = "first-session";

/// A guide's short, stable name (`first-session`, `questions-beginner`): lower-case letters,
/// digits and hyphens, starting with a letter; the file it comes from is `NAME.md`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GuideName(String);

impl GuideName {
    pub fn parse(raw: &str) -> Result<GuideName, DomainError> {
        let raw = raw.trim();
        let invalid = |problem: &str| DomainError::Invalid {
            what: "guide name",
            value: raw.to_string(),
            problem: problem.to_string(),
        };
        if raw.is_empty() {
            return Err(DomainError::Missing { what: "guide name" });
        }
        if raw.chars().count() > MAX_NAME_CHARS {
            return Err(DomainError::TooLong {
                what: "guide name",
                value: raw.to_string(),
                max: MAX_NAME_CHARS,
            });
        }
        if !raw.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(invalid("a guide name starts with a lower-case letter"));
        }
        if !raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(invalid(
                "a guide name holds only lower-case letters, digits and hyphens",
            ));
        }
        Ok(GuideName(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GuideName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for GuideName {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, DomainError> {
        GuideName::parse(&value)
    }
}

impl From<GuideName> for String {
    fn from(name: GuideName) -> String {
        name.0
    }
}

/// Where a guide a desk shows comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GuideSource {
    /// Shipped in the binary.
    BuiltIn,
    /// The coordinator's, carried by the mentor pack this desk was made from.
    Pack,
    /// `NAME.md` in the person's own config folder.
    Folder,
}

impl GuideSource {
    /// The words `guides list` and the picker use.
    pub fn words(self) -> &'static str {
        match self {
            GuideSource::BuiltIn => "built in",
            GuideSource::Pack => "your coordinator",
            GuideSource::Folder => "your folder",
        }
    }
}

/// One guide: its name, title, when to use it, and the agenda or list a mentor pastes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    pub name: GuideName,
    pub title: String,
    pub when: String,
    /// The agenda or list, Markdown, cleaned of control characters.
    pub body: String,
    pub source: GuideSource,
}

impl Guide {
    /// Reads a guide file: blank lines aside, the first line is `# Title`, the next
    /// `When to use: …`, the rest (not empty) the agenda or list. The error says what is
    /// wrong; the caller names the file.
    pub fn parse(name: GuideName, markdown: &str, source: GuideSource) -> Result<Guide, String> {
        let text = clean_multiline(markdown);
        let mut lines = text.lines();
        let mut next_line = || lines.by_ref().find(|line| !line.trim().is_empty());
        let title = next_line()
            .and_then(|line| line.strip_prefix("# "))
            .map(clean_line)
            .filter(|t| !t.is_empty())
            .ok_or("the first line must be the title, as \"# Title\"")?;
        let when = next_line()
            .and_then(|line| line.strip_prefix(WHEN_PREFIX))
            .map(clean_line)
            .filter(|w| !w.is_empty())
            .ok_or(format!(
                "the line after the title must say \"{WHEN_PREFIX} …\""
            ))?;
        for (what, value) in [("the title", &title), ("the \"when to use\" line", &when)] {
            if value.chars().count() > MAX_LINE_CHARS {
                return Err(format!("{what} is longer than {MAX_LINE_CHARS} characters"));
            }
        }
        let body = lines.collect::<Vec<_>>().join("\n").trim().to_string();
        if body.is_empty() {
            return Err("there is no agenda or list after the \"when to use\" line".into());
        }
        if body.chars().count() > MAX_BODY_CHARS {
            return Err(format!(
                "the agenda is longer than {MAX_BODY_CHARS} characters"
            ));
        }
        Ok(Guide {
            name,
            title,
            when,
            body,
            source,
        })
    }

    /// The guide as a file holds it (what a mentor pack carries).
    pub fn markdown(&self) -> String {
        format!(
            "# {}\n{WHEN_PREFIX} {}\n\n{}\n",
            self.title, self.when, self.body
        )
    }

    /// What the check-in form inserts: the title as a heading line, then the agenda.
    pub fn agenda(&self) -> String {
        format!("{}\n{}", self.title, self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(raw: &str) -> GuideName {
        GuideName::parse(raw).unwrap()
    }

    #[test]
    fn every_built_in_guide_is_embedded_and_well_formed() {
        let library = GuideLibrary::built_in();
        assert_eq!(library.all().len(), BUILT_IN.len());
        for (raw, text) in BUILT_IN {
            let guide = Guide::parse(name(raw), text, GuideSource::BuiltIn).unwrap();
            assert!(!guide.title.is_empty() && !guide.when.is_empty(), "{raw}");
            assert!(guide.body.lines().count() >= 5, "{raw} is too thin");
            assert_eq!(library.get(raw), Some(&guide));
        }
        let first = library.get(FIRST_SESSION).unwrap();
        assert_eq!(first.title, "First session: agenda");
        assert!(first.body.starts_with("1. Introductions"), "{}", first.body);
    }

    #[test]
    fn a_guide_round_trips_through_its_markdown() {
        let library = GuideLibrary::built_in();
        for guide in library.all() {
            let again = Guide::parse(guide.name.clone(), &guide.markdown(), guide.source);
            assert_eq!(again.as_ref(), Ok(guide));
        }
    }

    #[test]
    fn a_bad_guide_file_says_what_is_wrong() {
        let parse = |text: &str| Guide::parse(name("mine"), text, GuideSource::Folder);
        assert!(
            parse("Title\nWhen to use: x\n- a")
                .unwrap_err()
                .contains("\"# Title\"")
        );
        assert!(parse("# T\n- a\n- b").unwrap_err().contains("When to use:"));
        assert!(
            parse("# T\nWhen to use: x\n\n")
                .unwrap_err()
                .contains("no agenda")
        );
        let long = format!("# T\nWhen to use: x\n{}", "a".repeat(MAX_BODY_CHARS + 1));
        assert!(parse(&long).unwrap_err().contains("longer than"));
        // Escape sequences never reach the screen or the notes.
        let guide = parse("# T\u{1b}[31m\nWhen to use: x\n- a\u{7}").unwrap();
        assert!(!guide.markdown().contains('\u{1b}') && !guide.body.contains('\u{7}'));
    }

    #[test]
    fn guide_names_are_short_and_plain() {
        assert_eq!(name(" first-session ").as_str(), "first-session");
        for bad in ["", "First", "1st", "a b", "a_b", "../x", &"a".repeat(41)] {
            assert!(GuideName::parse(bad).is_err(), "{bad:?}");
        }
    }
}
