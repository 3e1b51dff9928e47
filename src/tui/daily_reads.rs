//! The desk's side of the coordinator's day that is not about editing people: a note saved
//! from the pairing view (and the view read again with it), a pairing opened by its number
//! from a person's brief, a person's pairings for their brief, and a search of the
//! program's words. Each runs on the desk's thread and answers with a [`DailyOutcome`].
//! May use: `desk`, `domain`, the rest of `tui`.

use super::daily::DailyOutcome;
use super::note::NoteDraft;
use super::panes::pairings::detail::PairingDetail;
use super::panes::pairings::{Best, PairingRow, UnderWayRow};
use super::panes::people::PersonPairings;
use crate::desk::{Desk, PersonKind};
use crate::domain::PairingId;
use crate::domain::text::counted;
use crate::domain::when::local_minute;

/// Saves a note; on success the pairing view is read again with it, on a refusal the note
/// opens again with why.
pub(super) fn add_note(
    desk: &mut Desk,
    pairing: PairingId,
    text: &str,
    mut draft: Box<NoteDraft>,
) -> DailyOutcome {
    match desk.add_note(pairing, text) {
        Ok(note) => {
            let lines = note.text.lines().count();
            let zone = desk.default_zone().unwrap_or(chrono_tz::UTC);
            let row = (*draft.row).clone();
            DailyOutcome {
                // Read after the write: the view shows the note among the others.
                opened: Some(Box::new(PairingDetail::read(desk, row))),
                ..DailyOutcome::said(Ok(format!(
                    "Note {} added to pairing {pairing} ({}), dated {}",
                    note.id,
                    counted(lines, "line", "lines"),
                    local_minute(note.at, zone)
                )))
            }
        }
        Err(e) => {
            draft.saving = false;
            draft.error = Some(e.to_string());
            DailyOutcome {
                note: Some(draft),
                ..DailyOutcome::said(Err(format!("Note not saved: {e}")))
            }
        }
    }
}

/// A pairing that is not under way, on one screen (it has no health; it says how it ended).
pub(super) fn open_pairing(
    desk: &mut Desk,
    pairing: PairingId,
    learner_name: String,
    mentor_name: String,
) -> DailyOutcome {
    match desk.pairing(pairing) {
        Ok(p) => {
            let row = UnderWayRow {
                row: PairingRow {
                    pairing: p,
                    learner_name,
                    mentor_name,
                    best: Best::NotYet,
                },
                report: None,
                last_checkin: None,
                trend: Vec::new(),
            };
            DailyOutcome {
                opened: Some(Box::new(PairingDetail::read(desk, row))),
                ..DailyOutcome::said(Ok(format!(
                    "Pairing {pairing} · n adds a coordinator's note · Esc closes"
                )))
            }
        }
        Err(e) => DailyOutcome::said(Err(format!("Could not open pairing {pairing}: {e}"))),
    }
}

/// A person's pairings, as `person show` lists them (the same desk query).
pub(super) fn person_pairings(desk: &mut Desk, kind: PersonKind, id: String) -> DailyOutcome {
    DailyOutcome {
        pairings: Some(PersonPairings {
            rows: desk.person_pairings(kind, &id).map_err(|e| e.to_string()),
            kind,
            id,
        }),
        // Nothing to say: the brief shows them (or why not).
        ..DailyOutcome::said(Ok(String::new()))
    }
}

/// Finds words across the program.
pub(super) fn search(desk: &mut Desk, text: &str) -> DailyOutcome {
    match desk.search(text) {
        Ok(found) => DailyOutcome {
            result: Ok(format!(
                "{} for \"{}\"{}",
                counted(
                    usize::try_from(found.total).unwrap_or(usize::MAX),
                    "match",
                    "matches"
                ),
                found.words.join(" "),
                if found.hits.is_empty() {
                    ""
                } else {
                    " · ↓/↑ choose · Enter opens the pairing"
                }
            )),
            found: Some(found),
            ..DailyOutcome::said(Ok(String::new()))
        },
        Err(e) => DailyOutcome::said(Err(format!("Search: {e}"))),
    }
}
