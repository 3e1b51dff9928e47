//! The `pairs` array: each pair read straight into its compact form, in either version
//! (`/2` index arrays, `/1` objects naming ids, looked up as they are read).

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Reading, Version};
use crate::matching::PairScore;

/// `pairs`: read one pair at a time into the compact list.
pub(super) struct Pairs<'r, 'f> {
    pub(super) reading: &'r mut Reading<'f>,
}

impl<'de> DeserializeSeed<'de> for Pairs<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Pairs<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of pairs")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let version = self.reading.version.unwrap_or(Version::V2);
        self.reading.reserve_pairs(version)?;
        let mut at = 0usize;
        loop {
            let pair = match version {
                Version::V2 => seq.next_element_seed(CompactPair {
                    reading: &mut *self.reading,
                    at,
                })?,
                Version::V1 => seq.next_element_seed(NamedPair {
                    reading: &mut *self.reading,
                    at,
                })?,
            };
            let Some(pair) = pair else {
                return Ok(());
            };
            self.reading.add_pair(at, pair)?;
            at += 1;
        }
    }
}

/// A `mentordesk-scores/2` pair: `[learner_index, mentor_index, score, mentor_score]`
/// (`mentor_score` may be left out: it is then the score).
struct CompactPair<'r, 'f> {
    reading: &'r mut Reading<'f>,
    at: usize,
}

impl<'de> DeserializeSeed<'de> for CompactPair<'_, '_> {
    type Value = PairScore;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<PairScore, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for CompactPair<'_, '_> {
    type Value = PairScore;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[learner_index, mentor_index, score, mentor_score]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PairScore, A::Error> {
        let at = self.at;
        let shape = |reading: &mut Reading<'_>| {
            reading.invalid::<A::Error>(format!(
                "pairs[{at}] is not [learner_index, mentor_index, score, mentor_score]"
            ))
        };
        let (Some(learner), Some(mentor), Some(score)) = (
            seq.next_element::<i64>()?,
            seq.next_element::<i64>()?,
            seq.next_element::<i64>()?,
        ) else {
            return Err(shape(self.reading));
        };
        let mentor_score = seq.next_element::<i64>()?.unwrap_or(score);
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(shape(self.reading));
        }
        let learners = self.reading.learners.len();
        let Some(learner) = u32::try_from(learner)
            .ok()
            .filter(|l| (*l as usize) < learners)
        else {
            return Err(self.reading.invalid(format!(
                "pairs[{at}] names learner index {learner}, but \"learners\" has {learners}"
            )));
        };
        let mentors = self.reading.mentors.len();
        let Some(mentor) = u32::try_from(mentor)
            .ok()
            .filter(|m| (*m as usize) < mentors)
        else {
            return Err(self.reading.invalid(format!(
                "pairs[{at}] names mentor index {mentor}, but \"mentors\" has {mentors}"
            )));
        };
        Ok(PairScore {
            learner,
            mentor,
            score,
            mentor_score,
        })
    }
}

/// A `mentordesk-scores/1` pair: `{"learner": id, "mentor": id, "score": n,
/// "mentor_score": n}`, ids looked up as they are read (no string is kept).
struct NamedPair<'r, 'f> {
    reading: &'r mut Reading<'f>,
    at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum PairField {
    Learner,
    Mentor,
    Score,
    MentorScore,
}

impl<'de> DeserializeSeed<'de> for NamedPair<'_, '_> {
    type Value = PairScore;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<PairScore, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for NamedPair<'_, '_> {
    type Value = PairScore;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a pair object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PairScore, A::Error> {
        let at = self.at;
        let (mut learner, mut mentor, mut score, mut mentor_score) = (None, None, None, None);
        while let Some(field) = map.next_key::<PairField>()? {
            match field {
                PairField::Learner if learner.is_none() => {
                    let found = map.next_value_seed(Lookup {
                        index: &self.reading.learner_index,
                    })?;
                    learner = Some(found.map_err(|id| {
                        self.reading.invalid::<A::Error>(format!(
                            "pairs[{at}] names learner {id:?}, who is not in \"learners\""
                        ))
                    })?);
                }
                PairField::Mentor if mentor.is_none() => {
                    let found = map.next_value_seed(Lookup {
                        index: &self.reading.mentor_index,
                    })?;
                    mentor = Some(found.map_err(|id| {
                        self.reading.invalid::<A::Error>(format!(
                            "pairs[{at}] names mentor {id:?}, who is not in \"mentors\""
                        ))
                    })?);
                }
                PairField::Score if score.is_none() => score = Some(map.next_value::<i64>()?),
                PairField::MentorScore if mentor_score.is_none() => {
                    mentor_score = map.next_value::<Option<i64>>()?
                }
                _ => return Err(de::Error::custom(format!("pairs[{at}] repeats a field"))),
            }
        }
        let (Some(learner), Some(mentor), Some(score)) = (learner, mentor, score) else {
            return Err(de::Error::custom(format!(
                "pairs[{at}] needs \"learner\", \"mentor\" and \"score\""
            )));
        };
        Ok(PairScore {
            learner,
            mentor,
            score,
            mentor_score: mentor_score.unwrap_or(score),
        })
    }
}

/// An id looked up in a table while it is read: its index, or the unknown id.
struct Lookup<'m> {
    index: &'m HashMap<String, u32>,
}

impl<'de> DeserializeSeed<'de> for Lookup<'_> {
    type Value = Result<u32, String>;
    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Lookup<'_> {
    type Value = Result<u32, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
        Ok(self.index.get(id).copied().ok_or_else(|| id.to_string()))
    }
}
