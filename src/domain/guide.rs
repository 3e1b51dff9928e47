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

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::person::Track;
use super::text::{clean_line, clean_multiline};

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
        include_str!("../../assets/guides/first-session.md"),
    ),
    (
        "questions-beginner",
        include_str!("../../assets/guides/questions-beginner.md"),
    ),
    (
        "questions-intermediate",
        include_str!("../../assets/guides/questions-intermediate.md"),
    ),
    (
        "questions-advanced",
        include_str!("../../assets/guides/questions-advanced.md"),
    ),
    (
        "project-brief",
        include_str!("../../assets/guides/project-brief.md"),
    ),
    (
        "mid-point",
        include_str!("../../assets/guides/mid-point.md"),
    ),
    ("closing", include_str!("../../assets/guides/closing.md")),
    (
        "feedback-questioning",
        include_str!("../../assets/guides/feedback-questioning.md"),
    ),
    (
        "feedback-listening",
        include_str!("../../assets/guides/feedback-listening.md"),
    ),
    (
        "feedback-critique",
        include_str!("../../assets/guides/feedback-critique.md"),
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

/// How far a pairing has come, as far as guides care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// No session logged yet.
    FirstSession,
    /// Sessions logged, not near the middle or the end.
    UnderWay,
    /// Within a week of half the planned weeks.
    MidPoint,
    /// The last two planned weeks, or past them.
    Closing,
}

impl Stage {
    /// The stage of a pairing `started` (`None`: not started, as a proposal) and planned for
    /// `planned_weeks`, with `sessions` check-ins logged, at `now`.
    pub fn of(
        started: Option<DateTime<Utc>>,
        planned_weeks: u32,
        sessions: usize,
        now: DateTime<Utc>,
    ) -> Stage {
        if sessions == 0 {
            return Stage::FirstSession;
        }
        let weeks = started.map_or(0, |s| (now - s).num_days().max(0) / 7);
        let planned = i64::from(planned_weeks);
        if weeks >= planned - 2 {
            Stage::Closing
        } else if (weeks - planned / 2).abs() <= 1 {
            Stage::MidPoint
        } else {
            Stage::UnderWay
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Stage::FirstSession => "first session",
            Stage::UnderWay => "under way",
            Stage::MidPoint => "mid-point",
            Stage::Closing => "closing",
        }
    }
}

/// The guides a desk shows: built in, replaced or added to by a pack's and a folder's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideLibrary {
    guides: Vec<Guide>,
}

impl Default for GuideLibrary {
    fn default() -> Self {
        GuideLibrary::built_in()
    }
}

impl GuideLibrary {
    /// The guides shipped in the binary.
    pub fn built_in() -> GuideLibrary {
        let guides = BUILT_IN
            .iter()
            .filter_map(|(name, text)| {
                // Each is checked by a test; one that failed would be left out, not panic.
                let name = GuideName::parse(name).ok()?;
                Guide::parse(name, text, GuideSource::BuiltIn).ok()
            })
            .collect();
        GuideLibrary { guides }
    }

    /// This library with `others` laid over it: a guide of the same name is replaced in its
    /// place (unless its words are the same: a pack's copy of a built-in guide still says
    /// "built in"); a new one joins the end, in name order.
    pub fn overlaid(mut self, others: Vec<Guide>) -> GuideLibrary {
        for guide in others {
            if let Some(slot) = self.guides.iter_mut().find(|g| g.name == guide.name) {
                let same = (&slot.title, &slot.when, &slot.body)
                    == (&guide.title, &guide.when, &guide.body);
                if !same {
                    *slot = guide;
                }
            } else {
                self.guides.push(guide);
            }
        }
        let shipped = |name: &GuideName| {
            BUILT_IN
                .iter()
                .position(|(n, _)| *n == name.as_str())
                .unwrap_or(usize::MAX)
        };
        self.guides
            .sort_by(|a, b| (shipped(&a.name), &a.name).cmp(&(shipped(&b.name), &b.name)));
        self
    }

    pub fn all(&self) -> &[Guide] {
        &self.guides
    }

    pub fn get(&self, name: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.name.as_str() == name)
    }

    /// The guide named `raw`; an unknown name is refused with every name the desk knows.
    pub fn find(&self, raw: &str) -> Result<&Guide, DomainError> {
        let name = GuideName::parse(raw)?;
        self.get(name.as_str()).ok_or_else(|| DomainError::Invalid {
            what: "guide",
            value: name.to_string(),
            problem: format!("no such guide (known: {})", self.names().join(", ")),
        })
    }

    pub fn names(&self) -> Vec<&str> {
        self.guides.iter().map(|g| g.name.as_str()).collect()
    }

    /// The guides that suit a pair with a learner on `track` (`None`: not known, so every
    /// track's questions) at `stage`, most useful first: the stage's agenda, the track's
    /// questions, then what the stage calls for (a project brief early on, feedback prompts
    /// once work is under way).
    pub fn relevant(&self, track: Option<Track>, stage: Stage) -> Vec<&Guide> {
        relevant_names(track, stage)
            .into_iter()
            .filter_map(|name| self.get(name))
            .collect()
    }

    /// Every guide, those that suit the pair first (see [`GuideLibrary::relevant`]), then the
    /// rest in library order; with how many lead as relevant.
    pub fn ordered_for(&self, track: Option<Track>, stage: Stage) -> (Vec<&Guide>, usize) {
        let mut out = self.relevant(track, stage);
        let lead = out.len();
        for guide in &self.guides {
            if !out.iter().any(|g| g.name == guide.name) {
                out.push(guide);
            }
        }
        (out, lead)
    }

    /// The guides a mentor with learners on `tracks` may need in any stage (every stage's
    /// agenda, those tracks' questions, the brief and the feedback prompts), and every guide
    /// not built in (the coordinator's own and overrides): what a mentor pack carries.
    pub fn for_tracks(&self, tracks: &[Option<Track>]) -> Vec<&Guide> {
        let stages = [
            Stage::FirstSession,
            Stage::UnderWay,
            Stage::MidPoint,
            Stage::Closing,
        ];
        self.guides
            .iter()
            .filter(|g| {
                g.source != GuideSource::BuiltIn
                    || tracks.iter().any(|track| {
                        stages
                            .iter()
                            .any(|stage| relevant_names(*track, *stage).contains(&g.name.as_str()))
                    })
            })
            .collect()
    }
}

/// The rule behind [`GuideLibrary::relevant`], by name.
fn relevant_names(track: Option<Track>, stage: Stage) -> Vec<&'static str> {
    let mut names = match stage {
        Stage::FirstSession => vec![FIRST_SESSION],
        Stage::MidPoint => vec!["mid-point"],
        Stage::Closing => vec!["closing"],
        Stage::UnderWay => vec![],
    };
    names.extend(match track {
        Some(Track::Beginner) => vec!["questions-beginner"],
        Some(Track::Intermediate) => vec!["questions-intermediate"],
        Some(Track::Advanced) => vec!["questions-advanced"],
        None => vec![
            "questions-beginner",
            "questions-intermediate",
            "questions-advanced",
        ],
    });
    match stage {
        Stage::FirstSession => names.push("project-brief"),
        Stage::UnderWay | Stage::MidPoint => names.extend([
            "feedback-questioning",
            "feedback-critique",
            "feedback-listening",
            "project-brief",
        ]),
        Stage::Closing => names.push("feedback-listening"),
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn name(raw: &str) -> GuideName {
        GuideName::parse(raw).unwrap()
    }

    fn names<'a>(guides: &[&'a Guide]) -> Vec<&'a str> {
        guides.iter().map(|g| g.name.as_str()).collect()
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

    #[test]
    fn a_folder_guide_overrides_a_pack_guide_which_overrides_the_built_in() {
        let guide = |n: &str, title: &str, source| Guide {
            name: name(n),
            title: title.into(),
            when: "w".into(),
            body: "- b".into(),
            source,
        };
        let library = GuideLibrary::built_in()
            .overlaid(vec![
                guide("first-session", "Program's own", GuideSource::Pack),
                guide("zz-welcome", "Program welcome", GuideSource::Pack),
            ])
            .overlaid(vec![
                guide("first-session", "Mine", GuideSource::Folder),
                guide("a-extra", "Extra", GuideSource::Folder),
            ]);
        let first = library.get("first-session").unwrap();
        assert_eq!(
            (first.title.as_str(), first.source),
            ("Mine", GuideSource::Folder)
        );
        // An override keeps its place; additions follow the built-ins, by name.
        assert_eq!(library.names()[0], "first-session");
        let n = library.names();
        assert_eq!(&n[n.len() - 2..], ["a-extra", "zz-welcome"]);
        assert_eq!(library.all().len(), BUILT_IN.len() + 2);
        // A copy with the same words keeps its source.
        let copy = Guide {
            source: GuideSource::Pack,
            ..library.get("closing").unwrap().clone()
        };
        let library = library.overlaid(vec![copy]);
        assert_eq!(library.get("closing").unwrap().source, GuideSource::BuiltIn);
    }

    #[test]
    fn an_unknown_guide_is_refused_with_the_names() {
        let library = GuideLibrary::built_in();
        let err = library.find("agenda").unwrap_err().to_string();
        assert!(
            err.contains("\"agenda\"") && err.contains("no such guide"),
            "{err}"
        );
        assert!(err.contains("first-session, questions-beginner"), "{err}");
        assert!(library.find("Bad Name").is_err());
        assert_eq!(library.find("closing").unwrap().name.as_str(), "closing");
    }

    #[test]
    fn the_stage_follows_sessions_and_weeks() {
        let start = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        let at = |weeks: i64| start + chrono::Duration::weeks(weeks);
        assert_eq!(Stage::of(Some(start), 12, 0, at(8)), Stage::FirstSession);
        assert_eq!(Stage::of(Some(start), 12, 2, at(2)), Stage::UnderWay);
        assert_eq!(Stage::of(Some(start), 12, 4, at(5)), Stage::MidPoint);
        assert_eq!(Stage::of(Some(start), 12, 4, at(7)), Stage::MidPoint);
        assert_eq!(Stage::of(Some(start), 12, 5, at(8)), Stage::UnderWay);
        assert_eq!(Stage::of(Some(start), 12, 8, at(10)), Stage::Closing);
        assert_eq!(Stage::of(Some(start), 12, 8, at(30)), Stage::Closing);
        assert_eq!(Stage::of(None, 12, 1, at(30)), Stage::UnderWay);
    }

    #[test]
    fn the_guides_that_suit_a_pair_follow_track_and_stage() {
        let library = GuideLibrary::built_in();
        assert_eq!(
            names(&library.relevant(Some(Track::Beginner), Stage::FirstSession)),
            ["first-session", "questions-beginner", "project-brief"]
        );
        assert_eq!(
            names(&library.relevant(Some(Track::Advanced), Stage::MidPoint))[..2],
            ["mid-point", "questions-advanced"]
        );
        assert_eq!(
            names(&library.relevant(Some(Track::Intermediate), Stage::Closing)),
            ["closing", "questions-intermediate", "feedback-listening"]
        );
        // An unknown track is neutral: every track's questions.
        let unknown = library.relevant(None, Stage::UnderWay);
        assert_eq!(
            names(&unknown)[..3],
            [
                "questions-beginner",
                "questions-intermediate",
                "questions-advanced"
            ]
        );
        // The picker: the relevant ones lead, every guide is there once.
        let (all, lead) = library.ordered_for(Some(Track::Beginner), Stage::FirstSession);
        assert_eq!(lead, 3);
        assert_eq!(
            names(&all)[..3],
            ["first-session", "questions-beginner", "project-brief"]
        );
        assert_eq!(all.len(), library.all().len());
    }

    #[test]
    fn a_pack_carries_its_tracks_guides_and_every_coordinator_guide() {
        let library = GuideLibrary::built_in().overlaid(vec![Guide {
            name: name("welcome"),
            title: "Welcome".into(),
            when: "w".into(),
            body: "- b".into(),
            source: GuideSource::Folder,
        }]);
        let carried = names(&library.for_tracks(&[Some(Track::Beginner)]));
        assert!(carried.contains(&"questions-beginner") && carried.contains(&"welcome"));
        assert!(carried.contains(&"mid-point") && carried.contains(&"closing"));
        assert!(!carried.contains(&"questions-advanced"), "{carried:?}");
        assert!(
            library
                .for_tracks(&[])
                .iter()
                .all(|g| g.name.as_str() == "welcome")
        );
    }
}
