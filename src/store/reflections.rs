//! Learners' reflections (schema step 014): their rows, and their words in the full-text
//! index that step's triggers keep in step (see `notes.rs` for the search itself).

use rusqlite::params;

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::reflection::{Reflection, ReflectionSummary};
use crate::domain::{Author, Confidence, LearnerId};

/// One learner's reflections, oldest first: a point query on `reflections_by_learner`.
pub(super) const REFLECTIONS_OF_LEARNER: &str =
    "SELECT id, learner, at, text, confidence, author, actor, recorded_at
     FROM reflections WHERE learner = ?1 ORDER BY at, id";

type Raw = (
    i64,
    String,
    String,
    String,
    Option<u8>,
    String,
    String,
    String,
);

fn raw_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
    ))
}

const TABLE: &str = "reflections";

fn confidence(key: &str, raw: Option<u8>) -> Result<Option<Confidence>, StoreError> {
    raw.map(|v| decode(TABLE, key, Confidence::new(v)))
        .transpose()
}

fn from_raw(raw: Raw) -> Result<Reflection, StoreError> {
    let (id, learner, at, text, rating, author, actor, recorded_at) = raw;
    let key = id.to_string();
    Ok(Reflection {
        id,
        learner: decode(TABLE, &key, LearnerId::parse(&learner))?,
        at: parse_instant(TABLE, &key, &at)?,
        text,
        confidence: confidence(&key, rating)?,
        author: decode(TABLE, &key, Author::parse(&author))?,
        actor,
        recorded_at: parse_instant(TABLE, &key, &recorded_at)?,
    })
}

impl Tx<'_> {
    /// Adds a reflection (its `id` is ignored); returns its number.
    pub fn insert_reflection(&self, r: &Reflection) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO reflections (learner, at, text, confidence, author, actor, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.learner.as_str(),
                instant(r.at),
                r.text,
                r.confidence.map(Confidence::get),
                r.author.to_string(),
                r.actor,
                instant(r.recorded_at)
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A learner's reflections, oldest first (by index).
    pub fn reflections_of(&self, learner: &LearnerId) -> Result<Vec<Reflection>, StoreError> {
        let mut stmt = self.conn.prepare_cached(REFLECTIONS_OF_LEARNER)?;
        let rows = stmt.query_map([learner.as_str()], raw_from_row)?;
        rows.map(|row| from_raw(row?)).collect()
    }

    /// Every reflection without its words, oldest first: what the program's numbers read.
    pub fn reflection_summaries(&self) -> Result<Vec<ReflectionSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, learner, at, confidence FROM reflections ORDER BY at, id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<u8>>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (id, learner, at, rating) = row?;
            let key = id.to_string();
            Ok(ReflectionSummary {
                learner: decode(TABLE, &key, LearnerId::parse(&learner))?,
                at: parse_instant(TABLE, &key, &at)?,
                confidence: confidence(&key, rating)?,
            })
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::store::Store;

    fn store_with_learner() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                tx.conn.execute(
                    "INSERT INTO learners (id, name, joined_at, updated_at)
                     VALUES ('L1', 'Ana', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                    [],
                )?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        store
    }

    fn reflection(text: &str, confidence: Option<u8>) -> Reflection {
        let at = Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap();
        Reflection {
            id: 0,
            learner: LearnerId::parse("L1").unwrap(),
            at,
            text: text.into(),
            confidence: confidence.map(|v| Confidence::new(v).unwrap()),
            author: Author::parse("mentor:M1").unwrap(),
            actor: "ana".into(),
            recorded_at: at,
        }
    }

    fn found(store: &mut Store, word: &str) -> Vec<(String, String)> {
        store
            .read(|tx| tx.search(&format!("\"{word}\"*"), 10))
            .unwrap()
            .0
            .into_iter()
            .map(|row| (row.kind, row.key))
            .collect()
    }

    #[test]
    fn reflections_round_trip_and_their_words_are_found() {
        let mut store = store_with_learner();
        let id = store
            .write(|tx| tx.insert_reflection(&reflection("recursion finally clicked", Some(4))))
            .unwrap();
        let learner = LearnerId::parse("L1").unwrap();
        let back = store.read(|tx| tx.reflections_of(&learner)).unwrap();
        assert_eq!(
            back,
            vec![Reflection {
                id,
                ..reflection("recursion finally clicked", Some(4))
            }]
        );
        let summaries = store.read(|tx| tx.reflection_summaries()).unwrap();
        assert_eq!(summaries[0].confidence.map(Confidence::get), Some(4));

        let hits = store.read(|tx| tx.search("\"recurs\"*", 10)).unwrap();
        assert_eq!(hits.1, 1);
        let hit = &hits.0[0];
        assert_eq!((hit.kind.as_str(), hit.key.as_str()), ("reflection", "1"));
        assert_eq!(hit.learner, Some(learner));
        assert_eq!(hit.pairing, None, "the learner has no pairing yet");
        assert!(hit.at.is_some());

        // An edit (an erasure writes one) and a delete keep the index in step.
        store
            .write(|tx| {
                tx.conn.execute(
                    "UPDATE reflections SET text = '[erased]' WHERE id = ?1",
                    [id],
                )?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        assert!(found(&mut store, "recursion").is_empty());
        assert_eq!(found(&mut store, "erased").len(), 1);
        store
            .write(|tx| {
                tx.conn.execute("DELETE FROM reflections", [])?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        assert!(found(&mut store, "erased").is_empty());
    }

    #[test]
    fn the_table_refuses_what_the_domain_refuses() {
        let mut store = store_with_learner();
        for sql in [
            "INSERT INTO reflections (learner, at, text, author, actor, recorded_at)
             VALUES ('L1', 'x', '', 'coordinator', 'a', 'x')",
            "INSERT INTO reflections (learner, at, text, confidence, author, actor, recorded_at)
             VALUES ('L1', 'x', 'words', 6, 'coordinator', 'a', 'x')",
            "INSERT INTO reflections (learner, at, text, author, actor, recorded_at)
             VALUES ('L9', 'x', 'words', 'coordinator', 'a', 'x')",
        ] {
            let result = store.write(|tx| {
                tx.conn.execute(sql, [])?;
                Ok::<_, StoreError>(())
            });
            assert!(result.is_err(), "{sql}");
        }
    }
}
