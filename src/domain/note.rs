//! A coordinator's note on a pairing: dated, multi-line, separate from the mentor's check-in
//! notes (personal data: an erasure of the learner clears it with their pairings).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::error::DomainError;
use super::ids::PairingId;
use super::text::clean_multiline;

/// Longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// One note as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairingNote {
    pub id: i64,
    pub pairing: PairingId,
    pub at: DateTime<Utc>,
    /// Cleaned text, lines kept.
    pub text: String,
    /// Who wrote it (the desk's actor, as in the audit trail).
    pub actor: String,
}

/// Cleans a note's text (control characters out, lines kept) and checks it is there and not
/// too long.
pub fn parse_note(raw: &str) -> Result<String, DomainError> {
    let text = clean_multiline(raw).trim().to_string();
    if text.is_empty() {
        return Err(DomainError::Missing { what: "note text" });
    }
    let chars = text.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(DomainError::TooLong {
            what: "note",
            value: format!("{}…", text.chars().take(20).collect::<String>()),
            max: MAX_NOTE_CHARS,
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_their_lines_and_lose_escapes() {
        let note = parse_note("  visa\x1b[31m trouble\nasked HR  ").unwrap();
        assert!(
            !note.contains('\x1b') && note.ends_with("trouble\nasked HR"),
            "{note:?}"
        );
        assert!(note.starts_with("visa"), "{note:?}");
        assert!(parse_note(" \n ").is_err());
        assert!(parse_note(&"x".repeat(MAX_NOTE_CHARS + 1)).is_err());
    }
}
