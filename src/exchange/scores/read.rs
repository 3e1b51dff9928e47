//! Reading a scores file into a [`CohortProblem`]: the tag first, then the id tables, then
//! the pairs straight into their compact form (no per-pair strings are kept). Files up to
//! [`WHOLE_MAX`] are read into memory and parsed from there (much less CPU), after their
//! head was checked; longer ones are parsed as a stream.
//!
//! A refusal found while the JSON is being read (a duplicate id, a pair naming a stranger)
//! is kept aside and the parser is stopped with a placeholder error; the caller reports the
//! refusal, which names the file and the entry, instead of the placeholder.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};

use super::{FORMAT, FORMAT_V1, MAX_SCORE, ScoresError};
use crate::matching::{CohortProblem, PairScore};
use pairs::Pairs;
use tables::{MentorEntry, Side, Table};

mod pairs;
mod tables;

/// Fewest bytes one pair takes in each version (`[0,0,0],` and the shortest v1 object), so
/// that the file's length caps how many pairs it can hold.
const MIN_PAIR_BYTES_V2: u64 = 8;
const MIN_PAIR_BYTES_V1: u64 = 30;

/// Inputs up to this long are read into memory whole and parsed from there: serde_json's
/// stream path handles one byte at a time, and parsing from memory costs about a third of
/// the CPU (2.5 M pairs, 49 MB: 492 ms streamed, 188 ms read whole then parsed). The
/// buffer is gone before planning starts, and planning needs more than the file's size
/// (the pairs alone take about as much), so peak memory barely moves. Longer inputs, or
/// when the buffer cannot be had, are parsed as a stream.
const WHOLE_MAX: u64 = 1 << 30;

/// The head read first, so that a file with the wrong tag (or anything else refused at
/// its start) is refused before the rest is read into memory.
const HEAD: u64 = 8 * 1024;

/// Reads a scores file from `reader`, `length` bytes long (from the file's metadata; it caps
/// every reservation).
pub fn read_scores(
    file: &str,
    mut reader: impl Read,
    length: u64,
) -> Result<CohortProblem, ScoresError> {
    let io = |source| ScoresError::Io {
        file: file.to_string(),
        source,
    };
    let mut bytes: Vec<u8> = Vec::new();
    let buffered = length <= WHOLE_MAX
        && usize::try_from(length)
            .is_ok_and(|room| bytes.try_reserve_exact(room.saturating_add(1)).is_ok());
    if !buffered {
        return read_stream(file, reader, length);
    }
    (&mut reader)
        .take(HEAD)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if (bytes.len() as u64) < HEAD {
        // The whole input.
        return parse(file, &bytes, length);
    }
    // A refusal at the start stands whatever follows; a JSON error is the head ending.
    if let Err(refusal) = parse(file, &bytes, length)
        && !matches!(refusal, ScoresError::Json { .. })
    {
        return Err(refusal);
    }
    let rest = (length + 1).saturating_sub(bytes.len() as u64);
    (&mut reader)
        .take(rest)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > length {
        // Longer than announced: the rest is parsed as a stream after what was read.
        return read_stream(file, std::io::Cursor::new(bytes).chain(reader), length);
    }
    parse(file, &bytes, length)
}

/// Reads a scores file as a stream (bounded memory whatever its length).
pub(super) fn read_stream(
    file: &str,
    reader: impl Read,
    length: u64,
) -> Result<CohortProblem, ScoresError> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    finish(file, Reading::new(file, length), &mut deserializer)
}

/// Reads a scores file held in memory.
pub fn parse_scores(file: &str, bytes: &[u8]) -> Result<CohortProblem, ScoresError> {
    parse(file, bytes, bytes.len() as u64)
}

/// Parses `bytes`, with `length` capping reservations.
fn parse(file: &str, bytes: &[u8], length: u64) -> Result<CohortProblem, ScoresError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    finish(file, Reading::new(file, length), &mut deserializer)
}

fn finish<'de, R: serde_json::de::Read<'de>>(
    file: &str,
    mut reading: Reading<'_>,
    deserializer: &mut serde_json::Deserializer<R>,
) -> Result<CohortProblem, ScoresError> {
    let parsed = (&mut reading)
        .deserialize(&mut *deserializer)
        .and_then(|()| deserializer.end());
    if let Some(refusal) = reading.refusal.take() {
        return Err(refusal);
    }
    if let Err(e) = parsed {
        if e.is_io() {
            return Err(ScoresError::Io {
                file: file.to_string(),
                source: std::io::Error::other(e.to_string()),
            });
        }
        let text = e.to_string();
        return Err(ScoresError::Json {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            problem: text
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        });
    }
    reading.into_problem()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1,
    V2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Format,
    Learners,
    Mentors,
    Pairs,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Format => "format",
            Field::Learners => "learners",
            Field::Mentors => "mentors",
            Field::Pairs => "pairs",
        }
    }
}

/// What has been read so far.
struct Reading<'f> {
    file: &'f str,
    length: u64,
    version: Option<Version>,
    seen: Vec<Field>,
    learners: Vec<String>,
    learner_index: HashMap<String, u32>,
    mentors: Vec<(String, u32)>,
    mentor_index: HashMap<String, u32>,
    pairs: Vec<PairScore>,
    /// Whether the pairs came strictly by (learner, mentor) index, which rules out a pair
    /// listed twice without sorting them.
    in_order: bool,
    refusal: Option<ScoresError>,
}

impl<'f> Reading<'f> {
    fn new(file: &'f str, length: u64) -> Self {
        Reading {
            file,
            length,
            version: None,
            seen: Vec::new(),
            learners: Vec::new(),
            learner_index: HashMap::new(),
            mentors: Vec::new(),
            mentor_index: HashMap::new(),
            pairs: Vec::new(),
            in_order: true,
            refusal: None,
        }
    }

    /// Keeps `refusal` for the caller and stops the parser.
    fn refuse<E: de::Error>(&mut self, refusal: ScoresError) -> E {
        self.refusal.get_or_insert(refusal);
        E::custom("refused")
    }

    fn invalid<E: de::Error>(&mut self, problem: String) -> E {
        let file = self.file.to_string();
        self.refuse(ScoresError::Invalid { file, problem })
    }

    fn out_of_memory<E: de::Error>(&mut self, what: &'static str, bytes: usize) -> E {
        let file = self.file.to_string();
        self.refuse(ScoresError::OutOfMemory { file, what, bytes })
    }

    fn add_learner<E: de::Error>(&mut self, id: String) -> Result<(), E> {
        let at = self.learners.len();
        if id.trim().is_empty() {
            return Err(self.invalid(format!("learners[{at}] has an empty id")));
        }
        let index = u32::try_from(at)
            .map_err(|_| self.invalid(format!("more than {} learners", u32::MAX)))?;
        if self.learner_index.contains_key(&id) {
            return Err(self.invalid(format!("learner {id:?} is listed twice")));
        }
        if self.learners.try_reserve(1).is_err() || self.learner_index.try_reserve(1).is_err() {
            return Err(self.out_of_memory("learner ids", at * 64));
        }
        self.learner_index.insert(id.clone(), index);
        self.learners.push(id);
        Ok(())
    }

    fn add_mentor<E: de::Error>(&mut self, entry: MentorEntry) -> Result<(), E> {
        let at = self.mentors.len();
        if entry.id.trim().is_empty() {
            return Err(self.invalid(format!("mentors[{at}] has an empty id")));
        }
        let capacity = u32::try_from(entry.capacity).map_err(|_| {
            self.invalid(format!(
                "mentor {:?} has capacity {}, expected 0 or more",
                entry.id, entry.capacity
            ))
        })?;
        let index = u32::try_from(at)
            .map_err(|_| self.invalid(format!("more than {} mentors", u32::MAX)))?;
        if self.mentor_index.contains_key(&entry.id) {
            return Err(self.invalid(format!("mentor {:?} is listed twice", entry.id)));
        }
        if self.mentors.try_reserve(1).is_err() || self.mentor_index.try_reserve(1).is_err() {
            return Err(self.out_of_memory("mentor ids", at * 64));
        }
        self.mentor_index.insert(entry.id.clone(), index);
        self.mentors.push((entry.id, capacity));
        Ok(())
    }

    /// Reserves room for every pair the file can hold: no more than its length allows, no
    /// more than learners × mentors. Pages never written are never resident, so reserving
    /// the bound costs address space, not memory.
    fn reserve_pairs<E: de::Error>(&mut self, version: Version) -> Result<(), E> {
        let per_pair = match version {
            Version::V1 => MIN_PAIR_BYTES_V1,
            Version::V2 => MIN_PAIR_BYTES_V2,
        };
        let by_length = self.length / per_pair + 1;
        let by_people = (self.learners.len() as u64).saturating_mul(self.mentors.len() as u64);
        let bound = usize::try_from(by_length.min(by_people)).unwrap_or(usize::MAX);
        if self.pairs.try_reserve_exact(bound).is_err() {
            let bytes = bound.saturating_mul(std::mem::size_of::<PairScore>());
            return Err(self.out_of_memory("pairs", bytes));
        }
        Ok(())
    }

    /// Checks one pair and keeps it.
    fn add_pair<E: de::Error>(&mut self, at: usize, pair: PairScore) -> Result<(), E> {
        for (what, value) in [("score", pair.score), ("mentor_score", pair.mentor_score)] {
            if !(0..=MAX_SCORE).contains(&value) {
                let learner = &self.learners[pair.learner as usize];
                let mentor = &self.mentors[pair.mentor as usize].0;
                return Err(self.invalid(format!(
                    "pairs[{at}] ({learner} / {mentor}) has {what} {value}, expected 0 to {MAX_SCORE}"
                )));
            }
        }
        if self
            .pairs
            .last()
            .is_some_and(|last| (last.learner, last.mentor) >= (pair.learner, pair.mentor))
        {
            self.in_order = false;
        }
        if self.pairs.try_reserve(1).is_err() {
            return Err(self.out_of_memory("pairs", (at + 1) * std::mem::size_of::<PairScore>()));
        }
        self.pairs.push(pair);
        Ok(())
    }

    fn into_problem(mut self) -> Result<CohortProblem, ScoresError> {
        let invalid = |problem: String| ScoresError::Invalid {
            file: self.file.to_string(),
            problem,
        };
        for field in [Field::Format, Field::Learners, Field::Mentors, Field::Pairs] {
            if !self.seen.contains(&field) {
                return Err(invalid(format!("\"{}\" is missing", field.name())));
            }
        }
        if !self.in_order {
            let mut keys: Vec<u64> = Vec::new();
            if keys.try_reserve_exact(self.pairs.len()).is_err() {
                return Err(ScoresError::OutOfMemory {
                    file: self.file.to_string(),
                    what: "checking pairs",
                    bytes: self.pairs.len() * 8,
                });
            }
            keys.extend(
                self.pairs
                    .iter()
                    .map(|p| (u64::from(p.learner) << 32) | u64::from(p.mentor)),
            );
            keys.sort_unstable();
            if let Some(twice) = keys.windows(2).find(|w| w[0] == w[1]) {
                let (learner, mentor) = ((twice[0] >> 32) as usize, twice[0] as u32 as usize);
                return Err(invalid(format!(
                    "the pair {} / {} is listed twice",
                    self.learners[learner], self.mentors[mentor].0
                )));
            }
        }
        self.pairs.shrink_to_fit();
        Ok(CohortProblem {
            learners: self.learners,
            mentors: self.mentors,
            pairs: self.pairs,
        })
    }
}

/// The whole file: an object whose first field is the format tag.
impl<'de> DeserializeSeed<'de> for &mut Reading<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Reading<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scores object starting with \"format\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(field) = map.next_key::<Field>()? {
            if self.seen.contains(&field) {
                return Err(self.invalid(format!("\"{}\" appears twice", field.name())));
            }
            if self.seen.is_empty() && field != Field::Format {
                return Err(self.invalid(format!(
                    "the first field is \"{}\"; a scores file starts with \"format\"",
                    field.name()
                )));
            }
            self.seen.push(field);
            match field {
                Field::Format => {
                    let found: String = map.next_value()?;
                    self.version = match found.as_str() {
                        FORMAT => Some(Version::V2),
                        FORMAT_V1 => Some(Version::V1),
                        _ => {
                            let file = self.file.to_string();
                            return Err(self.refuse(ScoresError::Format { file, found }));
                        }
                    };
                }
                Field::Learners => map.next_value_seed(Table {
                    reading: &mut *self,
                    side: Side::Learners,
                })?,
                Field::Mentors => map.next_value_seed(Table {
                    reading: &mut *self,
                    side: Side::Mentors,
                })?,
                Field::Pairs => {
                    if !(self.seen.contains(&Field::Learners)
                        && self.seen.contains(&Field::Mentors))
                    {
                        return Err(self.invalid(
                            "\"pairs\" comes before \"learners\" and \"mentors\"; \
                             the id tables must come first"
                                .to_string(),
                        ));
                    }
                    map.next_value_seed(Pairs {
                        reading: &mut *self,
                    })?
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_for_more_pairs_than_memory_holds_is_refused_not_aborted() {
        // 100,000 × 100,000 people and a file long enough for all their pairs: 240 GB of
        // pairs cannot be reserved, and the reading says so instead of aborting.
        let mut reading = Reading::new("s.json", u64::MAX / 2);
        reading.learners = vec![String::new(); 100_000];
        reading.mentors = vec![(String::new(), 1); 100_000];
        let stopped: Result<(), serde_json::Error> = reading.reserve_pairs(Version::V2);
        assert!(stopped.is_err());
        let refusal = reading.refusal.take().unwrap();
        assert!(
            matches!(refusal, ScoresError::OutOfMemory { .. }),
            "{refusal}"
        );
        assert!(!refusal.is_user_error());
        assert!(
            refusal.to_string().contains("not enough memory"),
            "{refusal}"
        );
    }

    #[test]
    fn the_reservation_is_capped_by_the_file_length() {
        let mut reading = Reading::new("s.json", 800);
        reading.learners = vec![String::new(); 100_000];
        reading.mentors = vec![(String::new(), 1); 100_000];
        let reserved: Result<(), serde_json::Error> = reading.reserve_pairs(Version::V2);
        assert!(reserved.is_ok());
        assert!(reading.pairs.capacity() <= 101);
    }
}
