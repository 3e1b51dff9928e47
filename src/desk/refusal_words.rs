//! The words of the refusals of undo (the operation log) and of erasure, kept apart from
//! `refusal.rs` so that file stays one screenful per concern.
//!
//! Owns: those refusals' `Display`. May use: `domain`.

use std::fmt;

use super::refusal::Refusal;

/// Writes an undo or erasure refusal; other refusals are written by `refusal.rs`.
pub(super) fn undo_and_erasure(refusal: &Refusal, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match refusal {
        Refusal::NothingToUndo => f.write_str(
            "Nothing to undo: every decision in the log is undone already \
                 (`mentordesk undo --list` shows them)",
        ),
        Refusal::AlreadyUndone { operation, by, at } => write!(
            f,
            "decision {operation} was undone already, by {by} at {}",
            at.format("%Y-%m-%d %H:%M UTC")
        ),
        Refusal::UndoVoid { operation, why } => {
            write!(f, "decision {operation} can no longer be undone: {why}")
        }
        Refusal::UndoUnreadable { operation } => write!(
            f,
            "decision {operation} was logged by another version of mentordesk and cannot be \
                 undone here"
        ),
        Refusal::PairingMovedOn {
            pairing,
            expected,
            status,
        } => write!(
            f,
            "cannot undo: pairing {pairing} is {status} now, no longer {expected} as the \
                 decision left it"
        ),
        Refusal::CheckInsSinceResume { pairing } => write!(
            f,
            "cannot undo the resume: check-ins were logged on pairing {pairing} since; \
                 pause it instead"
        ),
        Refusal::LearnerSeatTaken { learner, pairing } => write!(
            f,
            "cannot undo the end: learner {learner} holds pairing {pairing} now (one at a time)"
        ),
        Refusal::MentorSeatTaken { mentor, capacity } => write!(
            f,
            "cannot undo the end: mentor {mentor}'s seat was taken (all {capacity} in use)"
        ),
        Refusal::SettingChangedSince { key, expected, now } => write!(
            f,
            "cannot undo: {key} was changed again since (it is {}, the decision left {})",
            now.as_deref().unwrap_or("the default"),
            expected.as_deref().unwrap_or("the default")
        ),
        Refusal::ImportedPersonInUse { person, what } => {
            write!(f, "cannot undo the import: {person} has {what} now")
        }
        Refusal::ImportedPersonChanged { person } => write!(
            f,
            "cannot undo the import: {person} was changed again since"
        ),
        Refusal::ForgetWithOpenPairing { kind, id, pairings } => {
            let each: Vec<String> = pairings
                .iter()
                .map(|(p, status)| format!("pairing {p} is {status}"))
                .collect();
            let first = pairings.first().map_or(0, |(p, _)| p.0);
            write!(
                f,
                "cannot erase {kind} {id}: {}; end it first \
                     (mentordesk end {first} --reason \"{}\"), then erase",
                each.join(", "),
                if *kind == "learner" {
                    "learner left"
                } else {
                    "mentor left"
                }
            )
        }
        Refusal::AlreadyErased { kind, id } => {
            write!(f, "{kind} {id} was erased already")
        }
        other => write!(f, "{other:?}"),
    }
}
