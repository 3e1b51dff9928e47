//! A coordinator's notes on a pairing: dated, multi-line, audited; shown with the pairing and
//! on the learner's time line. May use: `domain`, `store`.

use serde_json::json;

use super::lifecycle::load_pairing;
use super::timeline::{TimelineEvent, TimelineKind};
use super::{Desk, DeskError};
use crate::domain::note::parse_note;
use crate::domain::{LearnerId, PairingId, PairingNote};

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// The learner's notes as time-line entries.
pub(super) fn note_events(
    desk: &mut Desk,
    learner: &LearnerId,
) -> Result<Vec<TimelineEvent>, DeskError> {
    let notes = desk.store.read(|tx| tx.notes_of_learner(learner))?;
    Ok(notes
        .into_iter()
        .map(|n| TimelineEvent {
            at: n.at,
            kind: TimelineKind::Note,
            detail: json!({"id": n.id, "pairing": n.pairing, "actor": n.actor,
                           "text": n.text}),
            summary: format!("on pairing {}: {}", n.pairing, first_line(&n.text)),
        })
        .collect())
}

impl Desk {
    /// Adds a coordinator's note to a pairing (any status: an ended pairing may still need a
    /// word). One transaction with its audit row (`note.add`, the text in `after`).
    pub fn add_note(&mut self, pairing: PairingId, raw: &str) -> Result<PairingNote, DeskError> {
        self.ensure_coordinator("a coordinator's note")?;
        let text = parse_note(raw)?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            load_pairing(tx, pairing)?;
            let id = tx.insert_note(pairing, now, &text, &actor)?;
            let note = PairingNote {
                id,
                pairing,
                at: now,
                text: text.clone(),
                actor: actor.clone(),
            };
            let after = json!({"id": id, "pairing": pairing, "text": text});
            tx.append_audit(
                now,
                &actor,
                "note.add",
                &format!("pairing:{pairing}"),
                None,
                Some(&after),
            )?;
            Ok(note)
        })
    }

    /// A pairing's notes, oldest first.
    pub fn notes(&mut self, pairing: PairingId) -> Result<Vec<PairingNote>, DeskError> {
        self.store.read(|tx| {
            load_pairing(tx, pairing)?;
            Ok(tx.notes_of(pairing)?)
        })
    }
}
