//! The id tables, `learners` and `mentors`: arrays read entry by entry into the reading's
//! tables (each id checked and indexed as it arrives).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};

use super::{Reading, Version};

#[derive(Clone, Copy)]
pub(super) enum Side {
    Learners,
    Mentors,
}

/// `learners` or `mentors`: an array read entry by entry into the tables.
pub(super) struct Table<'r, 'f> {
    pub(super) reading: &'r mut Reading<'f>,
    pub(super) side: Side,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnerEntry {
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MentorEntry {
    pub(super) id: String,
    pub(super) capacity: i64,
}

impl<'de> DeserializeSeed<'de> for Table<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Table<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of ids")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let version = self.reading.version.unwrap_or(Version::V2);
        match (self.side, version) {
            (Side::Learners, Version::V2) => {
                while let Some(id) = seq.next_element::<String>()? {
                    self.reading.add_learner(id)?;
                }
            }
            (Side::Learners, Version::V1) => {
                while let Some(entry) = seq.next_element::<LearnerEntry>()? {
                    self.reading.add_learner(entry.id)?;
                }
            }
            (Side::Mentors, _) => {
                while let Some(entry) = seq.next_element::<MentorEntry>()? {
                    self.reading.add_mentor(entry)?;
                }
            }
        }
        Ok(())
    }
}
