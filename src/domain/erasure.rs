//! Erasure: blanking a person's words out of JSON snapshots (audit entries, sync records,
//! the operation log) while keeping their shape, ids, statuses, dates and numbers, so
//! counts stay true.
//!
//! Owns: which fields hold free text, and the marker left in their place. Pure.
//! May use: nothing else in the crate.

use serde_json::Value;

/// What an erased word becomes.
pub const ERASED: &str = "[erased]";

/// Fields whose text a person wrote or that describe them: blanked wherever they appear.
pub const FREE_TEXT_FIELDS: &[&str] = &[
    "name",
    "email",
    "goals",
    "needs",
    "bio",
    "notes",
    "evidence",
    "reason",
    "end_reason",
    "drop_reason",
    "next_steps",
    "topics",
    "title",
    "text",
    // A concern's note and its resolution (audit entries and sync records).
    "note",
    "resolution",
];

/// Shortest name looked for inside other text: a shorter one would blank unrelated words.
const MIN_NEEDLE_CHARS: usize = 3;

/// The words to find inside other text: the person's name and e-mail, long enough to be
/// theirs.
pub fn needles<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    words
        .into_iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| w.chars().count() >= MIN_NEEDLE_CHARS)
        .collect()
}

/// True when `text` holds one of `needles` (compared without case).
pub fn quotes(text: &str, needles: &[String]) -> bool {
    let lower = text.to_lowercase();
    needles.iter().any(|n| lower.contains(n.as_str()))
}

/// Blanks free-text fields (when `about_them`: the snapshot is of their record) and any
/// string that quotes one of `needles`, in place; true when anything changed.
pub fn scrub(value: &mut Value, needles: &[String], about_them: bool) -> bool {
    match value {
        Value::String(s) if quotes(s, needles) => {
            *s = ERASED.to_string();
            true
        }
        Value::Array(items) => items.iter_mut().fold(false, |changed, item| {
            scrub(item, needles, about_them) | changed
        }),
        Value::Object(map) => {
            let mut changed = false;
            for (key, item) in map.iter_mut() {
                let blank = about_them && FREE_TEXT_FIELDS.contains(&key.as_str());
                match item {
                    Value::String(s) if blank && s != ERASED => {
                        *s = ERASED.to_string();
                        changed = true;
                    }
                    Value::Array(list) if blank && !list.is_empty() => {
                        *item = Value::String(ERASED.to_string());
                        changed = true;
                    }
                    _ => changed |= scrub(item, needles, about_them),
                }
            }
            changed
        }
        _ => false,
    }
}

/// `raw` JSON text scrubbed by [`scrub`]; `None` when nothing changed. Text that is not JSON
/// is blanked whole when it quotes a needle.
pub fn scrub_text(raw: &str, needles: &[String], about_them: bool) -> Option<String> {
    match serde_json::from_str::<Value>(raw) {
        Ok(mut value) => scrub(&mut value, needles, about_them).then(|| value.to_string()),
        Err(_) => quotes(raw, needles).then(|| ERASED.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blanks_words_and_keeps_shape_ids_and_numbers() {
        let needles = needles(["Ana Ruiz", "ana@example.org", "Al"]);
        assert_eq!(needles.len(), 2, "a two-letter name is not looked for");
        let mut snapshot = json!({
            "id": "L1", "name": "Ana Ruiz", "email": "ana@example.org",
            "goals": "First data job", "status": "waiting", "interests": ["python"],
            "history": [{"reason": "moved", "minutes": 30}]
        });
        assert!(scrub(&mut snapshot, &needles, true));
        assert_eq!(snapshot["id"], "L1");
        assert_eq!(snapshot["name"], ERASED);
        assert_eq!(snapshot["goals"], ERASED);
        assert_eq!(snapshot["status"], "waiting");
        assert_eq!(snapshot["history"][0]["reason"], ERASED);
        assert_eq!(snapshot["history"][0]["minutes"], 30);

        let mut other = json!({"reason": "Conflict: ANA RUIZ is her sister", "id": "L2"});
        assert!(
            scrub(&mut other, &needles, false),
            "quotes are found anywhere"
        );
        assert_eq!(other["reason"], ERASED);
        let mut unrelated = json!({"reason": "schedule", "id": "L3"});
        assert!(!scrub(&mut unrelated, &needles, false));
        assert_eq!(
            scrub_text("plain text by Ana Ruiz", &needles, false).as_deref(),
            Some(ERASED)
        );
        assert_eq!(scrub_text("{\"a\":1}", &needles, false), None);
    }
}
