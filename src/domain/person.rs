//! Learners and mentors, and the small value types that describe them.
//!
//! Unknown is a first-class value: an empty list, `None` or an empty [`ModeSet`] means the
//! program did not say, and matching treats it as neutral.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::availability::Availability;
use super::error::DomainError;
use super::ids::{LearnerId, MentorId};
use super::preference::Preferred;
use super::text::clean_line;

/// Declares a closed set of words with parsing, display and the list of accepted words.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const WORDS: &'static str = concat!($($word, "|"),+);

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::DomainError;
            fn from_str(raw: &str) -> Result<Self, $crate::domain::DomainError> {
                let lowered = raw.trim().to_ascii_lowercase();
                match lowered.as_str() {
                    $($word => Ok($name::$variant),)+
                    _ => Err($crate::domain::DomainError::UnknownVariant {
                        what: $what,
                        value: raw.trim().to_string(),
                        expected: $name::WORDS.trim_end_matches('|'),
                    }),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use word_enum;

word_enum!(
    /// A learner's level.
    Track, "track", { Beginner => "beginner", Intermediate => "intermediate", Advanced => "advanced" }
);
word_enum!(
    /// A mentor's experience band.
    Experience, "experience", { Early => "early", Mid => "mid", Senior => "senior" }
);
word_enum!(
    /// A way to meet.
    Mode, "mode", { Video => "video", Voice => "voice", Chat => "chat", Async => "async" }
);
word_enum!(
    /// Where a learner is in the program.
    LearnerStatus, "learner status", {
        Waiting => "waiting", Matched => "matched", Paused => "paused",
        Graduated => "graduated", Withdrawn => "withdrawn",
    }
);
word_enum!(
    /// Whether a mentor takes learners.
    MentorStatus, "mentor status", { Active => "active", Paused => "paused", Retired => "retired" }
);

impl Default for LearnerStatus {
    /// A newcomer waits for a mentor.
    fn default() -> Self {
        LearnerStatus::Waiting
    }
}

/// A set of communication modes; empty means unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ModeSet(u8);

impl ModeSet {
    pub fn bit(mode: Mode) -> u8 {
        1 << (mode as u8)
    }
    pub fn insert(&mut self, mode: Mode) {
        self.0 |= Self::bit(mode);
    }
    pub fn contains(self, mode: Mode) -> bool {
        self.0 & Self::bit(mode) != 0
    }
    pub fn is_unknown(self) -> bool {
        self.0 == 0
    }
    pub fn intersects(self, other: ModeSet) -> bool {
        self.0 & other.0 != 0
    }
    pub fn intersection(self, other: ModeSet) -> ModeSet {
        ModeSet(self.0 & other.0)
    }
    pub fn iter(self) -> impl Iterator<Item = Mode> {
        Mode::ALL.iter().copied().filter(move |m| self.contains(*m))
    }
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Mode> for ModeSet {
    fn from_iter<I: IntoIterator<Item = Mode>>(iter: I) -> Self {
        let mut set = ModeSet::default();
        for mode in iter {
            set.insert(mode);
        }
        set
    }
}

/// Splits a `;`-separated list, trimming items and skipping empty ones.
pub fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Joins items the way [`split_list`] reads them.
pub fn join_list<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(";")
}

impl ModeSet {
    /// Parses `video;chat`; an empty string is the unknown set.
    pub fn parse_list(raw: &str) -> Result<ModeSet, DomainError> {
        split_list(raw).map(Mode::from_str).collect()
    }
    pub fn to_list(self) -> String {
        join_list(self.iter())
    }
}

const MAX_TAG_LEN: usize = 40;

/// A lower-case tag (an interest or an area of expertise), also used for language codes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tag(String);

impl Tag {
    pub fn parse(raw: &str) -> Result<Tag, DomainError> {
        let cleaned = clean_line(raw).to_lowercase();
        if cleaned.is_empty() {
            return Err(DomainError::Missing { what: "tag" });
        }
        if cleaned.chars().count() > MAX_TAG_LEN {
            return Err(DomainError::TooLong {
                what: "tag",
                value: cleaned,
                max: MAX_TAG_LEN,
            });
        }
        if cleaned.contains(':') {
            return Err(DomainError::Invalid {
                what: "tag",
                value: cleaned,
                problem: "must not contain ':'".into(),
            });
        }
        Ok(Tag(cleaned))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Parses a `;` list into sorted, de-duplicated tags.
    pub fn parse_list(raw: &str) -> Result<Vec<Tag>, DomainError> {
        let mut tags = split_list(raw)
            .map(Tag::parse)
            .collect::<Result<Vec<_>, _>>()?;
        tags.sort();
        tags.dedup();
        Ok(tags)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A spoken language, by code or name as the program writes it (`en`, `es`, `pt-br`).
pub type Language = Tag;

/// One area of expertise and how deep it goes (proficiency 1–5).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Expertise {
    pub tag: Tag,
    pub level: u8,
}

impl Expertise {
    pub const DEFAULT_LEVEL: u8 = 3;

    /// Parses `rust` or `rust:4`.
    pub fn parse(raw: &str) -> Result<Expertise, DomainError> {
        let (tag, level) = match raw.rsplit_once(':') {
            Some((tag, level)) => {
                let level = level.trim();
                let parsed = level
                    .parse::<u8>()
                    .ok()
                    .filter(|l| (1..=5).contains(l))
                    .ok_or_else(|| DomainError::Invalid {
                        what: "expertise",
                        value: raw.trim().to_string(),
                        problem: format!(
                            "level {} is not a whole number from 1 to 5",
                            super::text::quoted(level)
                        ),
                    })?;
                (tag, parsed)
            }
            None => (raw, Self::DEFAULT_LEVEL),
        };
        Ok(Expertise {
            tag: Tag::parse(tag)?,
            level,
        })
    }

    /// Parses a `;` list; a tag named twice keeps its highest level.
    pub fn parse_list(raw: &str) -> Result<Vec<Expertise>, DomainError> {
        let mut items = split_list(raw)
            .map(Expertise::parse)
            .collect::<Result<Vec<_>, _>>()?;
        items.sort_by(|a, b| a.tag.cmp(&b.tag).then(b.level.cmp(&a.level)));
        items.dedup_by(|later, first| later.tag == first.tag);
        Ok(items)
    }
}

impl fmt::Display for Expertise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.tag, self.level)
    }
}

/// Longest name accepted.
pub const MAX_NAME_LEN: usize = 120;

/// Cleans and checks a person's name.
pub fn parse_name(raw: &str) -> Result<String, DomainError> {
    let cleaned = clean_line(raw);
    if cleaned.is_empty() {
        return Err(DomainError::Missing { what: "name" });
    }
    if cleaned.chars().count() > MAX_NAME_LEN {
        return Err(DomainError::TooLong {
            what: "name",
            value: cleaned,
            max: MAX_NAME_LEN,
        });
    }
    Ok(cleaned)
}

/// Checks the rough shape of an e-mail address (something@something).
pub fn parse_email(raw: &str) -> Result<Option<String>, DomainError> {
    let cleaned = clean_line(raw);
    if cleaned.is_empty() {
        return Ok(None);
    }
    match cleaned.split_once('@') {
        Some((user, host)) if !user.is_empty() && !host.is_empty() && !cleaned.contains(' ') => {
            Ok(Some(cleaned))
        }
        _ => Err(DomainError::Invalid {
            what: "email",
            value: cleaned,
            problem: "expected name@host".into(),
        }),
    }
}

/// A learner waiting for, or working with, a mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learner {
    pub id: LearnerId,
    pub name: String,
    pub email: Option<String>,
    /// `None`: the desk's default zone applies.
    pub timezone: Option<Tz>,
    pub languages: Vec<Language>,
    pub goals: Option<String>,
    pub interests: Vec<Tag>,
    pub track: Option<Track>,
    pub modes: ModeSet,
    pub availability: Availability,
    pub needs: Option<String>,
    pub status: LearnerStatus,
    /// Mentors (by id) or expertise tags the learner asks for: a scored criterion.
    #[serde(default)]
    pub prefer: Vec<Preferred>,
    /// Mentors the learner asked not to be matched with: a hard rule.
    #[serde(default)]
    pub avoid: Vec<MentorId>,
    /// The mentor experience the learner wishes for; when given, level fit follows it.
    #[serde(default)]
    pub mentor_experience: Option<Experience>,
    /// When the learner entered the program (first import).
    pub joined_at: DateTime<Utc>,
}

/// A learner as the program's numbers see them: who, where in the program, since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerSummary {
    pub id: LearnerId,
    pub name: String,
    pub status: LearnerStatus,
    pub joined_at: DateTime<Utc>,
}

impl From<&Learner> for LearnerSummary {
    fn from(l: &Learner) -> Self {
        LearnerSummary {
            id: l.id.clone(),
            name: l.name.clone(),
            status: l.status,
            joined_at: l.joined_at,
        }
    }
}

/// Largest number of concurrent learners a mentor may take.
pub const MAX_CAPACITY: u32 = 50;

/// A mentor offering time to learners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentor {
    pub id: MentorId,
    pub name: String,
    pub email: Option<String>,
    /// `None`: the desk's default zone applies.
    pub timezone: Option<Tz>,
    pub languages: Vec<Language>,
    pub expertise: Vec<Expertise>,
    pub experience: Option<Experience>,
    pub modes: ModeSet,
    /// Most learners in active or paused pairings at once.
    pub capacity: u32,
    pub availability: Availability,
    pub bio: Option<String>,
    pub verified: bool,
    /// The mentor agreed to be named in reports that recognise contributions (`recognition`
    /// in `mentors.csv`; empty means no). Without it a report counts them, never names them.
    #[serde(default)]
    pub recognition: bool,
    pub status: MentorStatus,
    /// While paused: the day the mentor takes learners again, if they said (the desk reads a
    /// mentor whose day has come as active, so nobody has to resume them by hand).
    #[serde(default)]
    pub paused_until: Option<NaiveDate>,
    pub joined_at: DateTime<Utc>,
}

impl Mentor {
    /// The mentor as of `today`: a pause whose end day has come is over.
    pub fn as_of(mut self, today: NaiveDate) -> Mentor {
        if self.status == MentorStatus::Paused && self.paused_until.is_some_and(|d| d <= today) {
            self.status = MentorStatus::Active;
            self.paused_until = None;
        }
        self
    }
}

/// Parses a capacity: a whole number from 0 to [`MAX_CAPACITY`].
pub fn parse_capacity(raw: &str) -> Result<u32, DomainError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(DomainError::Missing { what: "capacity" });
    }
    trimmed
        .parse::<u32>()
        .ok()
        .filter(|c| *c <= MAX_CAPACITY)
        .ok_or(DomainError::OutOfRange {
            what: "capacity",
            value: trimmed.to_string(),
            min: 0,
            max: i64::from(MAX_CAPACITY),
        })
}

/// Parses a yes/no flag; empty is false.
pub fn parse_flag(what: &'static str, raw: &str) -> Result<bool, DomainError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" => Ok(false),
        "true" | "yes" | "1" => Ok(true),
        other => Err(DomainError::UnknownVariant {
            what,
            value: other.to_string(),
            expected: "true|false|yes|no|1|0",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_case_insensitively_and_list_choices() {
        assert_eq!("Video".parse::<Mode>().unwrap(), Mode::Video);
        let err = "fax".parse::<Mode>().unwrap_err().to_string();
        assert!(err.contains("video|voice|chat|async"), "{err}");
    }

    #[test]
    fn mode_sets_round_trip() {
        let set = ModeSet::parse_list("chat; video").unwrap();
        assert!(set.contains(Mode::Chat) && set.contains(Mode::Video));
        assert_eq!(set.to_list(), "video;chat");
        assert!(ModeSet::parse_list("").unwrap().is_unknown());
    }

    #[test]
    fn expertise_levels_default_and_bound() {
        assert_eq!(Expertise::parse("Rust").unwrap().level, 3);
        assert_eq!(Expertise::parse("rust:5").unwrap().level, 5);
        assert!(Expertise::parse("rust:6").is_err());
        assert!(Expertise::parse("rust:x").is_err());
        let list = Expertise::parse_list("sql:2;rust:4;sql:5").unwrap();
        assert_eq!(join_list(&list), "rust:4;sql:5");
    }

    #[test]
    fn capacity_bounds() {
        assert_eq!(parse_capacity("0").unwrap(), 0);
        assert_eq!(parse_capacity("50").unwrap(), 50);
        for bad in ["-1", "abc", "51", ""] {
            assert!(parse_capacity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn flags_and_emails() {
        assert!(parse_flag("verified", "Yes").unwrap());
        assert!(!parse_flag("verified", "").unwrap());
        assert!(parse_flag("verified", "maybe").is_err());
        assert_eq!(parse_email("").unwrap(), None);
        assert!(parse_email("nope").is_err());
    }
}

/// Learner or mentor: the two kinds of person the desk keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    Learner,
    Mentor,
}

impl PersonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonKind::Learner => "learner",
            PersonKind::Mentor => "mentor",
        }
    }
}

impl fmt::Display for PersonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
