//! Who wrote a record, and which kind of desk a database is.
//!
//! A check-in, a milestone or an audit entry is written either by the coordinator or by a
//! mentor: on the mentor's own desk, or by the coordinator on the mentor's behalf.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::ids::MentorId;
use super::person::word_enum;

word_enum!(
    /// What a desk is for: the coordinator's desk is the master; a mentor desk is made from a
    /// mentor pack and hands its records back in sync bundles.
    DeskRole, "desk role", { Coordinator => "coordinator", Mentor => "mentor" }
);

/// Who wrote a record. Written `coordinator` or `mentor:<id>` in the database and in files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Author {
    Coordinator,
    Mentor(MentorId),
}

impl Author {
    pub fn parse(raw: &str) -> Result<Author, DomainError> {
        let raw = raw.trim();
        if raw == "coordinator" {
            return Ok(Author::Coordinator);
        }
        match raw.strip_prefix("mentor:") {
            Some(id) => Ok(Author::Mentor(MentorId::parse(id)?)),
            None => Err(DomainError::UnknownVariant {
                what: "author",
                value: raw.to_string(),
                expected: "coordinator|mentor:<id>",
            }),
        }
    }

    /// Who wrote it, in words: `coordinator`, or the mentor as `Bo Lee (M001)` when their
    /// name is known (`mentor:M001` when it is not).
    pub fn words(&self, mentor_name: Option<&str>) -> String {
        match (self, mentor_name) {
            (Author::Mentor(id), Some(name)) => {
                format!("{} ({id})", super::text::clean_line(name))
            }
            (author, _) => author.to_string(),
        }
    }

    /// The mentor who wrote it, if a mentor did.
    pub fn mentor(&self) -> Option<&MentorId> {
        match self {
            Author::Coordinator => None,
            Author::Mentor(id) => Some(id),
        }
    }
}

impl fmt::Display for Author {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Author::Coordinator => f.write_str("coordinator"),
            Author::Mentor(id) => write!(f, "mentor:{id}"),
        }
    }
}

impl TryFrom<String> for Author {
    type Error = DomainError;
    fn try_from(raw: String) -> Result<Author, DomainError> {
        Author::parse(&raw)
    }
}

impl From<Author> for String {
    fn from(author: Author) -> String {
        author.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_round_trip_as_text() {
        let mentor = Author::parse("mentor:M001").unwrap();
        assert_eq!(mentor.to_string(), "mentor:M001");
        assert_eq!(Author::parse("coordinator").unwrap(), Author::Coordinator);
        assert!(Author::parse("mentor:").is_err());
        assert!(Author::parse("alice").is_err());
        let json = serde_json::to_string(&mentor).unwrap();
        assert_eq!(json, "\"mentor:M001\"");
        assert_eq!(serde_json::from_str::<Author>(&json).unwrap(), mentor);
    }
}
