//! Pairing events: the pauses and resumes between a pairing's start and end (schema 2).
//!
//! The pairing row keeps only its current status, so a pause that was later resumed would
//! leave no trace there; these rows keep each move with its time, for the learner's time line.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::codec::{decode, instant, parse_instant};
use super::error::StoreError;
use super::tx::Tx;
use crate::domain::PairingId;

/// A move between active and paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PairingEventKind {
    Paused,
    Resumed,
}

impl PairingEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PairingEventKind::Paused => "paused",
            PairingEventKind::Resumed => "resumed",
        }
    }
}

impl FromStr for PairingEventKind {
    type Err = String;
    fn from_str(raw: &str) -> Result<Self, String> {
        match raw {
            "paused" => Ok(PairingEventKind::Paused),
            "resumed" => Ok(PairingEventKind::Resumed),
            other => Err(format!("unknown pairing event {other:?}")),
        }
    }
}

/// One pause or resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairingEvent {
    pub pairing: PairingId,
    pub at: DateTime<Utc>,
    pub kind: PairingEventKind,
    pub reason: Option<String>,
    pub actor: String,
}

impl Tx<'_> {
    pub fn insert_pairing_event(&self, e: &PairingEvent) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO pairing_events (pairing, at, kind, reason, actor)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        stmt.execute(params![
            e.pairing.0,
            instant(e.at),
            e.kind.as_str(),
            e.reason,
            e.actor
        ])?;
        Ok(())
    }

    /// Events of one pairing, oldest first.
    pub fn pairing_events(&self, pairing: PairingId) -> Result<Vec<PairingEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, kind, reason, actor FROM pairing_events
             WHERE pairing = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([pairing.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let t = "pairing_events";
        let mut out = Vec::new();
        for row in rows {
            let (id, at, kind, reason, actor) = row?;
            let key = id.to_string();
            out.push(PairingEvent {
                pairing,
                at: parse_instant(t, &key, &at)?,
                kind: decode(t, &key, kind.parse())?,
                reason,
                actor,
            });
        }
        Ok(out)
    }
}
