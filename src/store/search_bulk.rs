//! Loading a whole program with the search index built once at the end instead of row by
//! row. Schema step 011's triggers keep `search_text` in step with every write; for a load
//! of tens of thousands of rows into an empty program they cost three times the rest of the
//! load (each row's trigger looks its entry up and feeds FTS5 one small document). Here the
//! triggers are set aside inside the load's transaction, and the index is filled from the
//! tables in a few `INSERT … SELECT`s — the same words the triggers would have written (a
//! test compares the two) — then the triggers are put back as they were. SQLite's schema
//! changes are transactional: a load that fails leaves triggers and index as they were.

use super::error::StoreError;
use super::tx::Tx;

/// The search triggers, as `sqlite_schema` holds them.
const SEARCH_TRIGGERS: &str = "SELECT name, sql FROM sqlite_schema
     WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\' ORDER BY name";

/// Fills the index from the tables, as the triggers would entry by entry: check-ins (notes,
/// topics, next steps), coordinator notes, learners' goals and needs (when there is text),
/// agreements' goals (schema step 011); learners' reflections, keyed by their negated id
/// (step 014). Keep in step with those triggers.
const BUILD_INDEX: [&str; 11] = [
    "INSERT INTO search_rows (kind, ref) SELECT 'checkin', id FROM checkins ORDER BY rowid",
    "INSERT INTO search_rows (kind, ref)
     SELECT 'note', CAST(id AS TEXT) FROM pairing_notes ORDER BY id",
    "INSERT INTO search_rows (kind, ref)
     SELECT 'goals', id FROM learners WHERE coalesce(goals, '') <> '' ORDER BY rowid",
    "INSERT INTO search_rows (kind, ref)
     SELECT 'needs', id FROM learners WHERE coalesce(needs, '') <> '' ORDER BY rowid",
    "INSERT INTO search_rows (kind, ref)
     SELECT 'agreement', CAST(id AS TEXT) FROM pairings WHERE coalesce(goals, '') <> ''
     ORDER BY id",
    "INSERT INTO search_text (rowid, body)
     SELECT r.id, c.notes || char(10) || c.topics || char(10) || coalesce(c.next_steps, '')
     FROM search_rows r JOIN checkins c ON r.kind = 'checkin' AND c.id = r.ref",
    "INSERT INTO search_text (rowid, body)
     SELECT r.id, n.text FROM search_rows r
     JOIN pairing_notes n ON r.kind = 'note' AND n.id = CAST(r.ref AS INTEGER)",
    "INSERT INTO search_text (rowid, body)
     SELECT r.id, l.goals FROM search_rows r JOIN learners l ON r.kind = 'goals' AND l.id = r.ref",
    "INSERT INTO search_text (rowid, body)
     SELECT r.id, l.needs FROM search_rows r JOIN learners l ON r.kind = 'needs' AND l.id = r.ref",
    "INSERT INTO search_text (rowid, body)
     SELECT r.id, p.goals FROM search_rows r JOIN pairings p
         ON r.kind = 'agreement' AND p.id = CAST(r.ref AS INTEGER)",
    "INSERT INTO search_text (rowid, body) SELECT -id, text FROM reflections ORDER BY id",
];

impl Tx<'_> {
    /// Runs `work`, which fills an empty program, with the search triggers set aside, then
    /// builds the search index whole from the tables and puts the triggers back. Refused
    /// (before `work`) when the program is not empty: the index would be built again over
    /// everything, and the rows already indexed are the triggers' to keep.
    pub fn load_with_search_built_after<T, E>(
        &self,
        work: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if !self.is_empty()? {
            return Err(StoreError::Constraint(
                "the search index is built whole only for an empty program".into(),
            )
            .into());
        }
        let triggers: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare(SEARCH_TRIGGERS)
                .map_err(StoreError::from)?;
            let rows = stmt
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .map_err(StoreError::from)?;
            rows.collect::<Result<_, _>>().map_err(StoreError::from)?
        };
        for (name, _) in &triggers {
            self.conn
                .execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))
                .map_err(StoreError::from)?;
        }
        let value = work()?;
        // Empty already (an empty program has no words); cleared so the build is the
        // whole truth whatever `work` did.
        self.conn
            .execute_batch("DELETE FROM search_text; DELETE FROM search_rows;")
            .map_err(StoreError::from)?;
        for step in BUILD_INDEX {
            self.conn.execute(step, []).map_err(StoreError::from)?;
        }
        for (_, sql) in &triggers {
            self.conn.execute_batch(sql).map_err(StoreError::from)?;
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{Store, StoreError};

    type Entry = (String, String, String);

    /// Every index entry: its kind, source key and words.
    fn entries(store: &mut Store) -> Vec<Entry> {
        store
            .read(|tx| {
                let mut stmt = tx.conn.prepare(
                    "SELECT r.kind, r.ref, t.body FROM search_rows r
                     JOIN search_text t ON t.rowid = r.id
                     UNION ALL
                     SELECT 'reflection', CAST(-rowid AS TEXT), body FROM search_text
                     WHERE rowid < 0
                     ORDER BY 1, 2",
                )?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<Result<Vec<Entry>, _>>()
                    .map_err(StoreError::from)
            })
            .unwrap()
    }

    fn trigger_count(store: &mut Store) -> i64 {
        store
            .read(|tx| {
                Ok::<_, StoreError>(tx.conn.query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
                     AND name LIKE 'search\\_%' ESCAPE '\\'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap()
    }

    /// A small program written by hand: two learners (one with goals and needs), a pairing
    /// with agreed goals, two check-ins, a note and a reflection.
    const PROGRAM: &str = "
        INSERT INTO mentors (id, name, capacity, joined_at, updated_at)
            VALUES ('M1', 'Sam Lee', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        INSERT INTO learners (id, name, goals, needs, joined_at, updated_at)
            VALUES ('L1', 'Ana Ruiz', 'visa paperwork and python', 'evening sessions',
                    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                   ('L2', 'Bo Chen', NULL, '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        INSERT INTO pairings (id, uid, learner, mentor, status, cadence_days, session_minutes,
                              planned_weeks, goals, created_at)
            VALUES (7, 'p7', 'L1', 'M1', 'active', 14, 60, 12, 'ship a web app',
                    '2026-01-02T00:00:00Z');
        INSERT INTO checkins (id, pairing, at, minutes, mode, notes, topics, next_steps,
                              author_desk, recorded_at)
            VALUES ('c1', 7, '2026-01-09T00:00:00Z', 60, 'video', 'talked about the visa',
                    'python', 'read chapter 2', 'coordinator', '2026-01-09T00:00:00Z'),
                   ('c2', 7, '2026-01-16T00:00:00Z', 45, 'video', 'exercise done', 'testing',
                    NULL, 'coordinator', '2026-01-16T00:00:00Z');
        INSERT INTO pairing_notes (pairing, at, text, actor)
            VALUES (7, '2026-01-10T00:00:00Z', 'asked HR for a letter', 'coordinator');
        INSERT INTO reflections (learner, at, text, author, actor, recorded_at)
            VALUES ('L1', '2026-01-11T00:00:00Z', 'loops finally make sense', 'coordinator',
                    'coordinator', '2026-01-11T00:00:00Z');
    ";

    fn load(store: &mut Store, bulk: bool) {
        store
            .write(|tx| {
                let work = || tx.conn.execute_batch(PROGRAM).map_err(StoreError::from);
                if bulk {
                    tx.load_with_search_built_after(work)
                } else {
                    work()
                }
            })
            .unwrap();
    }

    #[test]
    fn the_index_built_after_a_load_holds_what_the_triggers_would_have_written() {
        let mut by_triggers = Store::open_in_memory().unwrap();
        load(&mut by_triggers, false);
        let mut built = Store::open_in_memory().unwrap();
        let triggers = trigger_count(&mut built);
        assert_eq!(triggers, 15);
        load(&mut built, true);

        let expected = entries(&mut by_triggers);
        assert_eq!(expected.len(), 7, "{expected:?}");
        assert_eq!(entries(&mut built), expected);
        assert_eq!(trigger_count(&mut built), triggers, "the triggers are back");
        built
            .write(|tx| {
                tx.conn
                    .execute_batch(
                        "INSERT INTO search_text (search_text) VALUES ('integrity-check')",
                    )
                    .map_err(StoreError::from)
            })
            .unwrap();
        // And they work again: a later note is found, an edit moves the words.
        built
            .write(|tx| {
                tx.conn
                    .execute_batch(
                        "INSERT INTO pairing_notes (pairing, at, text, actor)
                         VALUES (7, '2026-01-11T00:00:00Z', 'housing question', 'coordinator');
                         UPDATE learners SET goals = 'rust' WHERE id = 'L1';",
                    )
                    .map_err(StoreError::from)
            })
            .unwrap();
        let after = entries(&mut built);
        assert!(
            after
                .iter()
                .any(|(k, _, b)| k == "note" && b == "housing question")
        );
        assert!(
            after
                .iter()
                .any(|(k, r, b)| k == "goals" && r == "L1" && b == "rust")
        );
    }

    #[test]
    fn a_failed_load_leaves_the_triggers_in_place_and_a_full_program_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let failed: Result<(), StoreError> = store.write(|tx| {
            tx.load_with_search_built_after(|| {
                tx.conn.execute_batch(PROGRAM)?;
                Err(StoreError::Constraint("stopped half-way".into()))
            })
        });
        assert!(failed.is_err());
        assert_eq!(trigger_count(&mut store), 15);
        assert!(entries(&mut store).is_empty());

        load(&mut store, false);
        let refused: Result<(), StoreError> =
            store.write(|tx| tx.load_with_search_built_after(|| Ok(())));
        assert!(refused.unwrap_err().to_string().contains("empty program"));
        assert_eq!(trigger_count(&mut store), 15);
    }
}
