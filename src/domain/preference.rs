//! A learner's own say in matching: the mentors or expertise they ask for (`prefer`), the
//! mentors they asked not to be matched with (`avoid`) and the mentor experience they wish
//! for (`mentor_experience`).
//!
//! Owns: [`Preferred`] (one `prefer` item) and [`unrecognised_wishes`], the check that names
//! wishes no mentor answers to (a warning, never an error: the mentor may be imported later).
//! May use: the rest of `domain`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::ids::{MAX_ID_LEN, MentorId};
use super::person::{Learner, Tag, split_list};
use super::person_field::LearnerField;
use super::text::clean_line;

/// One `prefer` item as the coordinator typed it: a mentor's id or an expertise tag. Which
/// one it is depends on the mentors the desk holds, so the text is kept as typed (ids are
/// case-sensitive) and matching tries both: the mentor whose id it is earns full marks, a
/// mentor with that expertise earns marks by their level.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Preferred(String);

impl Preferred {
    /// Cleans and checks one item: not empty, at most [`MAX_ID_LEN`] characters, no `:`
    /// (the separator of an expertise level, which a preference does not take).
    pub fn parse(raw: &str) -> Result<Preferred, DomainError> {
        let cleaned = clean_line(raw);
        if cleaned.is_empty() {
            return Err(DomainError::Missing { what: "preference" });
        }
        if cleaned.chars().count() > MAX_ID_LEN {
            return Err(DomainError::TooLong {
                what: "preference",
                value: cleaned,
                max: MAX_ID_LEN,
            });
        }
        if cleaned.contains(':') {
            return Err(DomainError::Invalid {
                what: "preference",
                value: cleaned,
                problem: "must be a mentor id or an expertise tag, without ':level'".into(),
            });
        }
        Ok(Preferred(cleaned))
    }

    /// Parses a `;` list into sorted, de-duplicated items.
    pub fn parse_list(raw: &str) -> Result<Vec<Preferred>, DomainError> {
        let mut items = split_list(raw)
            .map(Preferred::parse)
            .collect::<Result<Vec<_>, _>>()?;
        items.sort();
        items.dedup();
        Ok(items)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the item is this mentor's id.
    pub fn names(&self, mentor: &MentorId) -> bool {
        self.0 == mentor.as_str()
    }

    /// The item read as an expertise tag (lower case); `None` when it cannot be one.
    pub fn as_tag(&self) -> Option<Tag> {
        Tag::parse(&self.0).ok()
    }
}

impl fmt::Display for Preferred {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses the `avoid` list: mentor ids, sorted and de-duplicated.
pub fn parse_avoid(raw: &str) -> Result<Vec<MentorId>, DomainError> {
    let mut ids = split_list(raw)
        .map(MentorId::parse)
        .collect::<Result<Vec<_>, _>>()?;
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// A wish that names nobody the desk knows: the field and the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnrecognisedWish {
    pub field: LearnerField,
    pub value: String,
}

impl UnrecognisedWish {
    /// What the coordinator should know, without the file or line (the caller has those).
    pub fn problem(&self) -> &'static str {
        match self.field {
            LearnerField::Avoid => "no mentor has this id (kept; it counts once one does)",
            _ => "no mentor has this id or this expertise (kept; it counts once one does)",
        }
    }
}

/// The learner's `prefer` items that are neither a known mentor's id nor a known expertise
/// tag, and `avoid` ids no known mentor has, in field then item order.
pub fn unrecognised_wishes(
    learner: &Learner,
    is_mentor: impl Fn(&str) -> bool,
    is_expertise: impl Fn(&Tag) -> bool,
) -> Vec<UnrecognisedWish> {
    let prefer = learner.prefer.iter().filter(|item| {
        !is_mentor(item.as_str()) && !item.as_tag().is_some_and(|tag| is_expertise(&tag))
    });
    let prefer = prefer.map(|item| UnrecognisedWish {
        field: LearnerField::Prefer,
        value: item.to_string(),
    });
    let avoid = learner
        .avoid
        .iter()
        .filter(|id| !is_mentor(id.as_str()))
        .map(|id| UnrecognisedWish {
            field: LearnerField::Avoid,
            value: id.to_string(),
        });
    prefer.chain(avoid).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn items_keep_their_case_and_read_as_tags() {
        let items = Preferred::parse_list("M-0003; Rust ;M-0003;;machine learning").unwrap();
        let text: Vec<&str> = items.iter().map(Preferred::as_str).collect();
        assert_eq!(text, ["M-0003", "Rust", "machine learning"]);
        assert!(items[0].names(&MentorId::parse("M-0003").unwrap()));
        assert!(!items[0].names(&MentorId::parse("m-0003").unwrap()));
        assert_eq!(items[1].as_tag().unwrap().as_str(), "rust");
    }

    #[test]
    fn bad_items_are_refused_with_the_value() {
        let err = Preferred::parse_list("rust:4").unwrap_err().to_string();
        assert!(err.contains("\"rust:4\""), "{err}");
        assert!(Preferred::parse(&"x".repeat(65)).is_err());
        let err = parse_avoid("M-1;has space").unwrap_err().to_string();
        assert!(err.contains("mentor id"), "{err}");
        assert_eq!(parse_avoid(" M-2;M-1;M-2 ").unwrap().len(), 2);
    }

    #[test]
    fn unknown_ids_and_tags_are_named_by_field() {
        let mut learner = Learner::draft(DateTime::from_timestamp(0, 0).unwrap());
        learner.prefer = Preferred::parse_list("M-1;M-9;rust;cobol").unwrap();
        learner.avoid = parse_avoid("M-1;M-8").unwrap();
        let found = unrecognised_wishes(&learner, |id| id == "M-1", |tag| tag.as_str() == "rust");
        let found: Vec<(LearnerField, &str)> =
            found.iter().map(|w| (w.field, w.value.as_str())).collect();
        assert_eq!(
            found,
            [
                (LearnerField::Prefer, "M-9"),
                (LearnerField::Prefer, "cobol"),
                (LearnerField::Avoid, "M-8"),
            ]
        );
    }
}
