//! Erasure on disk: blanking a person's personal data and every word about them inside one
//! transaction (the audit trail's one audited exception), then making it real in the file:
//! `secure_delete` while it runs, a `VACUUM` with its temporary copy in memory, and a WAL
//! checkpoint that truncates the log.
//!
//! Owns: which columns hold a person's words. May use: `domain`.

use rusqlite::params;
use serde::Serialize;

use super::codec::instant;
use super::error::StoreError;
use super::open::Store;
use super::tx::Tx;
use crate::domain::erasure::{ERASED, quotes, scrub_text};

/// Whose data is erased.
pub use crate::domain::PersonKind;

/// How many records an erasure blanked words in (the counts themselves stay).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ErasedRows {
    pub pairings: usize,
    pub checkins: usize,
    pub milestones: usize,
    pub exclusions: usize,
    /// The learner's reflections (their own words), blanked.
    pub reflections: usize,
    pub audit_entries_blanked: usize,
    pub sync_records: usize,
    pub operations_voided: usize,
}

/// Statuses a named end reason may have; anything else was typed by a person and may quote.
const NAMED_END_REASONS: &str =
    "('goals met', 'no-show', 'mismatch', 'learner left', 'mentor left')";

impl Tx<'_> {
    /// When the person was erased already, if they were.
    pub fn erased_at(&self, kind: PersonKind, id: &str) -> Result<Option<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT at FROM erasures WHERE kind = ?1 AND id = ?2")?;
        let mut rows = stmt.query_map(params![kind.as_str(), id], |r| r.get(0))?;
        Ok(rows.next().transpose()?)
    }

    /// Ids of the people of `kind` erased so far (the tombstones a pack carries).
    pub fn erased_ids(&self, kind: PersonKind) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM erasures WHERE kind = ?1 ORDER BY id")?;
        let rows = stmt.query_map([kind.as_str()], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Blanks the person's personal data and the free text of every record about them, keeps
    /// every row (so counts and metrics stay true), and records the erasure. `needles` are
    /// the person's name and e-mail as [`crate::domain::erasure::needles`] gives them: text
    /// elsewhere that quotes them is blanked too.
    pub fn erase_person(
        &self,
        kind: PersonKind,
        id: &str,
        needles: &[String],
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<ErasedRows, StoreError> {
        let mut rows = ErasedRows::default();
        let when = instant(at);
        let column = kind.as_str();
        match kind {
            PersonKind::Learner => self.conn.execute(
                "UPDATE learners SET name = 'Erased learner', email = NULL, goals = NULL,
                     needs = NULL, prefer = '', avoid = '', mentor_experience = NULL,
                     updated_at = ?2,
                     status = CASE WHEN status = 'waiting' THEN 'withdrawn' ELSE status END
                 WHERE id = ?1",
                params![id, when],
            )?,
            PersonKind::Mentor => self.conn.execute(
                "UPDATE mentors SET name = 'Erased mentor', email = NULL, bio = NULL,
                     status = 'retired', updated_at = ?2
                 WHERE id = ?1",
                params![id, when],
            )?,
        };
        let theirs = format!("SELECT id FROM pairings WHERE {column} = ?1");
        rows.pairings = self.conn.execute(
            &format!(
                "UPDATE pairings SET goals = NULL,
                     end_reason = CASE WHEN end_reason IS NULL OR end_reason IN {NAMED_END_REASONS}
                                       THEN end_reason ELSE '{ERASED}' END
                 WHERE {column} = ?1"
            ),
            [id],
        )?;
        self.conn.execute(
            &format!("UPDATE pairing_events SET reason = NULL WHERE pairing IN ({theirs})"),
            [id],
        )?;
        rows.checkins = self.conn.execute(
            &format!(
                "UPDATE checkins SET notes = '', topics = '', next_steps = NULL
                 WHERE pairing IN ({theirs})"
            ),
            [id],
        )?;
        self.conn.execute(
            &format!("UPDATE pack_checkins SET next_steps = NULL WHERE pairing IN ({theirs})"),
            [id],
        )?;
        self.conn.execute(
            &format!("UPDATE pairing_notes SET text = '{ERASED}' WHERE pairing IN ({theirs})"),
            [id],
        )?;
        self.conn.execute(
            &format!(
                "UPDATE concerns SET note = '{ERASED}',
                     resolution = CASE WHEN resolution IS NULL THEN NULL ELSE '{ERASED}' END
                 WHERE pairing IN ({theirs})"
            ),
            [id],
        )?;
        rows.milestones = match kind {
            PersonKind::Learner => self.conn.execute(
                &format!(
                    "UPDATE milestones SET title = '{ERASED}', evidence = NULL, drop_reason = NULL
                     WHERE learner = ?1"
                ),
                [id],
            )?,
            PersonKind::Mentor => self.conn.execute(
                "UPDATE milestones SET evidence = NULL WHERE endorsed_by = ?1",
                [id],
            )?,
        };
        if kind == PersonKind::Learner {
            rows.reflections = self.conn.execute(
                &format!("UPDATE reflections SET text = '{ERASED}' WHERE learner = ?1"),
                [id],
            )?;
        }
        rows.exclusions = self.conn.execute(
            &format!("UPDATE exclusions SET reason = '{ERASED}' WHERE {column} = ?1"),
            [id],
        )?;
        rows.exclusions += self.scrub_columns(needles)?;
        let markers = self.markers_of(&theirs, id)?;
        rows.sync_records = self.scrub_sync(&markers, needles)?;
        rows.audit_entries_blanked = self.scrub_audit(kind, id, &theirs, needles)?;
        rows.operations_voided = self.scrub_operations(&markers, needles)?;
        self.conn.execute(
            "INSERT INTO erasures (kind, id, at) VALUES (?1, ?2, ?3)",
            params![kind.as_str(), id, when],
        )?;
        Ok(rows)
    }

    /// Blanks every free-text cell anywhere that quotes the person (another learner's
    /// exclusion reason naming them, a note mentioning their e-mail); returns how many.
    fn scrub_columns(&self, needles: &[String]) -> Result<usize, StoreError> {
        const COLUMNS: &[(&str, &str)] = &[
            ("learners", "goals"),
            ("learners", "needs"),
            // A `prefer` item is an id or a tag, but a tag is typed: it may name someone.
            // "[erased]" reads back as a tag no mentor has.
            ("learners", "prefer"),
            ("mentors", "bio"),
            ("pairings", "goals"),
            ("pairings", "end_reason"),
            ("pairings", "explanation"),
            ("pairing_events", "reason"),
            ("checkins", "notes"),
            ("checkins", "topics"),
            ("checkins", "next_steps"),
            ("milestones", "title"),
            ("milestones", "evidence"),
            ("milestones", "drop_reason"),
            ("exclusions", "reason"),
            ("pack_checkins", "next_steps"),
            ("pairing_notes", "text"),
            ("reflections", "text"),
            ("concerns", "note"),
            ("concerns", "resolution"),
        ];
        let mut changed = 0;
        for (table, column) in COLUMNS {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"
            ))?;
            let cells = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            for (rowid, text) in cells {
                if quotes(&text, needles) {
                    self.conn.execute(
                        &format!("UPDATE {table} SET {column} = ?2 WHERE rowid = ?1"),
                        params![rowid, ERASED],
                    )?;
                    changed += 1;
                }
            }
        }
        Ok(changed)
    }

    /// Strings that mark a JSON record as about the person: their id quoted, their pairings'
    /// uids, and `"pairing":N` for their pairings' numbers.
    fn markers_of(&self, theirs: &str, id: &str) -> Result<Vec<String>, StoreError> {
        let mut markers = vec![format!("\"{id}\"")];
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, uid FROM pairings WHERE id IN ({theirs})"
        ))?;
        let pairs = stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for pair in pairs {
            let (number, uid) = pair?;
            markers.push(uid);
            markers.push(format!("\"pairing\":{number},"));
            markers.push(format!("\"pairing\":{number}}}"));
        }
        Ok(markers)
    }

    fn scrub_sync(&self, markers: &[String], needles: &[String]) -> Result<usize, StoreError> {
        let mut changed = 0;
        for (table, key, columns) in [
            ("sync_received", "rowid", &["body"][..]),
            ("sync_journal", "rowid", &["body"][..]),
            (
                "sync_conflicts",
                "rowid",
                &["ours", "theirs", "reason", "subject"][..],
            ),
        ] {
            for column in columns {
                let mut stmt = self
                    .conn
                    .prepare(&format!("SELECT {key}, {column} FROM {table}"))?;
                let cells = stmt
                    .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                    .collect::<Result<Vec<_>, _>>()?;
                for (rowid, text) in cells {
                    let about_them = markers.iter().any(|m| text.contains(m.as_str()));
                    if let Some(clean) = scrub_text(&text, needles, about_them) {
                        self.conn.execute(
                            &format!("UPDATE {table} SET {column} = ?2 WHERE {key} = ?1"),
                            params![rowid, clean],
                        )?;
                        changed += 1;
                    }
                }
            }
        }
        Ok(changed)
    }

    /// Blanks words in the audit entries about the person or quoting them, under the one
    /// unlock the insert-only triggers allow; who, when and what stay.
    fn scrub_audit(
        &self,
        kind: PersonKind,
        id: &str,
        theirs: &str,
        needles: &[String],
    ) -> Result<usize, StoreError> {
        let mut subjects = vec![format!("{}:{id}", kind.as_str())];
        let mut stmt = self.conn.prepare(&format!(
            "SELECT 'pairing:' || id FROM pairings WHERE id IN ({theirs})
             UNION ALL SELECT 'checkin:' || id FROM checkins WHERE pairing IN ({theirs})
             UNION ALL SELECT 'milestone:' || id FROM milestones WHERE learner = ?1"
        ))?;
        for subject in stmt.query_map([id], |r| r.get::<_, String>(0))? {
            subjects.push(subject?);
        }
        let pair = match kind {
            PersonKind::Learner => format!("pair:{id}/"),
            PersonKind::Mentor => format!("/{id}"),
        };
        let mut stmt = self
            .conn
            .prepare("SELECT id, subject, before, after FROM audit ORDER BY id")?;
        let entries = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        self.conn.execute(
            "INSERT INTO audit_unlock (one, reason) VALUES (1, 'erasure')",
            [],
        )?;
        let mut changed = 0;
        for (entry, subject, before, after) in entries {
            let about_them = subjects.contains(&subject)
                || (subject.starts_with("pair:")
                    && match kind {
                        PersonKind::Learner => subject.starts_with(&pair),
                        PersonKind::Mentor => subject.ends_with(&pair),
                    });
            let scrub = |raw: &Option<String>| {
                raw.as_deref()
                    .and_then(|text| scrub_text(text, needles, about_them))
            };
            let (new_before, new_after) = (scrub(&before), scrub(&after));
            let new_subject = quotes(&subject, needles).then(|| ERASED.to_string());
            if new_before.is_none() && new_after.is_none() && new_subject.is_none() {
                continue;
            }
            self.conn.execute(
                "UPDATE audit SET before = ?2, after = ?3, subject = ?4 WHERE id = ?1",
                params![
                    entry,
                    new_before.or(before),
                    new_after.or(after),
                    new_subject.unwrap_or(subject)
                ],
            )?;
            changed += 1;
        }
        self.conn.execute("DELETE FROM audit_unlock", [])?;
        Ok(changed)
    }

    fn scrub_operations(
        &self,
        markers: &[String],
        needles: &[String],
    ) -> Result<usize, StoreError> {
        let mut voided = 0;
        for (op, payload) in self.operation_payloads()? {
            if markers.iter().any(|m| payload.contains(m.as_str())) || quotes(&payload, needles) {
                self.blank_operation(op, "a person it names was erased")?;
                voided += 1;
            }
        }
        Ok(voided)
    }
}

impl Store {
    /// Turns `secure_delete` on or off for this connection: on, SQLite overwrites deleted
    /// content with zeros instead of leaving it in free space.
    pub fn set_secure_delete(&self, on: bool) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "secure_delete", on)?;
        Ok(())
    }

    /// Rewrites the whole file (`VACUUM`, its temporary copy kept in memory so no other
    /// file ever holds the data) and empties the WAL (`wal_checkpoint(TRUNCATE)`). Returns
    /// false when another connection kept the WAL from being emptied (its reader still
    /// sees older pages); the words are gone from the file itself either way.
    pub fn rewrite_file(&mut self) -> Result<bool, StoreError> {
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // The search index keeps a deleted document's words in its older segments until
        // they are merged: merge them all, so the words leave the index before the rewrite.
        self.conn
            .execute_batch("INSERT INTO search_text (search_text) VALUES ('optimize')")?;
        self.conn.execute_batch("VACUUM")?;
        self.own_writes += 1;
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }
}
