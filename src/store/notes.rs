//! Coordinator notes on pairings (schema step 011), and the full-text search over the words
//! people look for (the `search_text` FTS5 index that step's triggers keep in step).

use rusqlite::params;

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::{LearnerId, PairingId, PairingNote};

/// One match of a search, as the index found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    /// `checkin`, `note`, `goals`, `needs`, `agreement` or `reflection`.
    pub kind: String,
    /// The source row's key: a check-in id, a note number, a learner id, a pairing number, a
    /// reflection number.
    pub key: String,
    /// The matching words in context, each match between [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
    /// The pairing it belongs to (for goals, needs and reflections: the learner's latest
    /// pairing).
    pub pairing: Option<PairingId>,
    pub learner: Option<LearnerId>,
    /// When it was written (check-ins, notes and reflections).
    pub at: Option<String>,
}

/// Marks where a match starts in a snippet (a private-use character, never in cleaned text).
pub const MATCH_START: char = '\u{E000}';
/// Marks where a match ends.
pub const MATCH_END: char = '\u{E001}';

const NOTE_COLUMNS: &str = "id, pairing, at, text, actor";

fn note_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, i64, String, String, String)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn note_from_raw(raw: (i64, i64, String, String, String)) -> Result<PairingNote, StoreError> {
    let (id, pairing, at, text, actor) = raw;
    Ok(PairingNote {
        id,
        pairing: PairingId(pairing),
        at: parse_instant("pairing_notes", &id.to_string(), &at)?,
        text,
        actor,
    })
}

/// Matches that are not an earlier version of an edited check-in.
const LATEST_ONLY: &str = "NOT (coalesce(r.kind = 'checkin', 0)
          AND EXISTS (SELECT 1 FROM checkins later WHERE later.supersedes = r.ref))";

/// Matches whose source row is found: an entry of `search_rows`, or a reflection (indexed
/// under its id negated, schema step 014).
const INDEXED: &str = "(r.id IS NOT NULL OR f.id IS NOT NULL)";

impl Tx<'_> {
    /// Adds a note; returns its number.
    pub fn insert_note(
        &self,
        pairing: PairingId,
        at: chrono::DateTime<chrono::Utc>,
        text: &str,
        actor: &str,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO pairing_notes (pairing, at, text, actor, author) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![pairing.0, instant(at), text, actor, self.author().to_string()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A pairing's notes, oldest first.
    pub fn notes_of(&self, pairing: PairingId) -> Result<Vec<PairingNote>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM pairing_notes WHERE pairing = ?1 ORDER BY at, id"
        ))?;
        let rows = stmt.query_map([pairing.0], note_from_row)?;
        rows.map(|row| note_from_raw(row?)).collect()
    }

    /// Every note on a learner's pairings, oldest first.
    pub fn notes_of_learner(&self, learner: &LearnerId) -> Result<Vec<PairingNote>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id, n.pairing, n.at, n.text, n.actor FROM pairing_notes n
             JOIN pairings p ON p.id = n.pairing WHERE p.learner = ?1 ORDER BY n.at, n.id",
        )?;
        let rows = stmt.query_map([learner.as_str()], note_from_row)?;
        rows.map(|row| note_from_raw(row?)).collect()
    }

    /// Matches of an FTS5 query (best first, at most `limit`) and how many there are in all.
    pub fn search(&self, query: &str, limit: u32) -> Result<(Vec<SearchRow>, u64), StoreError> {
        let total: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM search_text
                 LEFT JOIN search_rows r ON r.id = search_text.rowid
                 LEFT JOIN reflections f ON r.id IS NULL AND f.id = -search_text.rowid
                 WHERE search_text MATCH ?1 AND {LATEST_ONLY} AND {INDEXED}"
            ),
            [query],
            |row| row.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT coalesce(r.kind, 'reflection'), coalesce(r.ref, CAST(f.id AS TEXT)),
                    snippet(search_text, 0, '{MATCH_START}', '{MATCH_END}', '…', 12),
                    CASE coalesce(r.kind, 'reflection')
                        WHEN 'checkin' THEN c.pairing
                        WHEN 'note' THEN n.pairing
                        WHEN 'agreement' THEN CAST(r.ref AS INTEGER)
                        WHEN 'reflection' THEN (SELECT max(id) FROM pairings WHERE learner = f.learner)
                        ELSE (SELECT max(id) FROM pairings WHERE learner = r.ref)
                    END,
                    coalesce(c.at, n.at, f.at),
                    f.learner
             FROM search_text
             LEFT JOIN search_rows r ON r.id = search_text.rowid
             LEFT JOIN reflections f ON r.id IS NULL AND f.id = -search_text.rowid
             LEFT JOIN checkins c ON r.kind = 'checkin' AND c.id = r.ref
             LEFT JOIN pairing_notes n ON r.kind = 'note' AND n.id = CAST(r.ref AS INTEGER)
             WHERE search_text MATCH ?1 AND {LATEST_ONLY} AND {INDEXED}
             ORDER BY rank, search_text.rowid
             LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![query, limit], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<i64>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (kind, key, snippet, pairing, at, reflecting) = row?;
            let pairing = pairing.map(PairingId);
            let learner = match (kind.as_str(), reflecting) {
                ("reflection", Some(id)) => {
                    Some(decode("reflections", &key, LearnerId::parse(&id))?)
                }
                ("goals" | "needs", _) => Some(decode("learners", &key, LearnerId::parse(&key))?),
                _ => match pairing {
                    Some(id) => self.pairing(id)?.map(|p| p.learner),
                    None => None,
                },
            };
            found.push(SearchRow {
                kind,
                key,
                snippet,
                pairing,
                learner,
                at,
            });
        }
        Ok((found, u64::try_from(total).unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn the_bundled_sqlite_has_fts5() {
        let mut store = Store::open_in_memory().unwrap();
        let options: Vec<String> = store
            .read(|tx| {
                let mut stmt = tx.conn.prepare("PRAGMA compile_options")?;
                let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
                rows.collect::<Result<Vec<_>, _>>()
                    .map_err(crate::store::StoreError::from)
            })
            .unwrap();
        assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
    }
}
