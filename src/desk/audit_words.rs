//! The change an audit entry records, in words: "weights: topic 30 → 40", "declined: learner
//! asked for a woman mentor", "changed: track beginner → intermediate".
//!
//! Owns: reading each action's before/after snapshot into one line. Pure: no database.
//! May use: `domain`.

use serde_json::Value;

use crate::domain::AuditEntry;
use crate::domain::text::clean_line;

/// Longest value quoted in a line before it is cut with `…`.
const MAX_VALUE: usize = 60;

/// The change of `entry` in one line of words.
pub fn describe(entry: &AuditEntry) -> String {
    let before = entry.before.as_ref().unwrap_or(&Value::Null);
    let after = entry.after.as_ref().unwrap_or(&Value::Null);
    let name = entry.subject.split_once(':').map_or("", |(_, n)| n);
    match entry.action.as_str() {
        "weights.set" => format!("weights: {name} {} → {}", value(before), value(after)),
        "health.set" | "health.reset" => format!(
            "health: {} {} → {}",
            name.trim_start_matches("health."),
            value(before),
            value(after)
        ),
        "settings.default_zone" => {
            format!("default zone: {} → {}", value(before), value(after))
        }
        "approve" => approved(after),
        "approve.override" => {
            let failed = list(&after["override"]["failed"]);
            let reason = text(&after["override"]["reason"]).unwrap_or_default();
            format!("{}, despite {failed}: {reason}", approved(after))
        }
        "approve.batch" => format!(
            "approved {} proposals together in one step",
            value(&after["approved"])
        ),
        "decline" => with_reason("declined", text(&after["end_reason"])),
        "exclude" => with_reason("excluded", text(&after["reason"])),
        "unexclude" => match text(&before["reason"]) {
            Some(reason) => format!("exclusion lifted (it said: {reason})"),
            None => "exclusion lifted".into(),
        },
        "pause" => with_reason("paused", text(&after["reason"])),
        "resume" => "resumed".into(),
        "end" | "rematch" => {
            let verb = if entry.action == "end" {
                "ended"
            } else {
                "ended for a rematch"
            };
            let status = text(&after["status"]).unwrap_or_default();
            format!(
                "{}, now {status}",
                with_reason(verb, text(&after["end_reason"]))
            )
        }
        "learner.update" | "mentor.update" => changed(before, after),
        "import.learners" | "import.mentors" => {
            let summary = &after["summary"];
            format!(
                "imported {}: {} new, {} updated",
                entry.action.trim_start_matches("import."),
                value(&summary["new"]),
                value(&summary["updated"])
            )
        }
        "program.load" => format!(
            "loaded a program: {} learners, {} mentors, {} pairings{}",
            value(&after["learners"]),
            value(&after["mentors"]),
            value(&after["pairings"]),
            if after["replaced"] == Value::Bool(true) {
                ", replacing the one before"
            } else {
                ""
            }
        ),
        "reflection.add" => format!(
            "reflection recorded, written down by {}{}: {}",
            value(&after["author"]),
            after["confidence"]
                .as_u64()
                .map(|c| format!(", confidence {c} self-reported"))
                .unwrap_or_default(),
            text(&after["text"]).unwrap_or_default()
        ),
        "plan.save" => format!("saved a plan as {} proposals", value(&after["proposals"])),
        "concern.raise" => format!(
            "raised {} {} concern #{}{}: {}",
            value(&after["severity"]),
            value(&after["kind"]),
            value(&after["concern"]),
            if after["from_bundle"] == Value::Bool(true) {
                " (from the mentor's desk)"
            } else {
                ""
            },
            text(&after["note"]).unwrap_or_default()
        ),
        "concern.resolve" => format!(
            "resolved concern #{}: {}",
            value(&after["concern"]),
            text(&after["resolution"]).unwrap_or_default()
        ),
        action if action.starts_with("forget.") => format!(
            "personal data erased ({} audit entries blanked where they quoted it)",
            value(&after["audit_entries_blanked"])
        ),
        action if action.starts_with("undo.") => undone(action, after),
        _ => generic(before, after),
    }
}

fn approved(after: &Value) -> String {
    let mut line = match after["score"].as_u64() {
        Some(score) => format!("approved, score {:.1}", score as f64 / 10.0),
        None => "approved".to_string(),
    };
    if after.get("batch").is_some() {
        line.push_str(" (in a batch)");
    }
    line
}

fn undone(action: &str, after: &Value) -> String {
    let what = action.trim_start_matches("undo.");
    let mut line = format!("undid the {what}");
    if let Some(op) = after.get("operation").and_then(Value::as_i64) {
        line.push_str(&format!(" (decision #{op})"));
    }
    if let Some(n) = after.get("undone").and_then(Value::as_u64) {
        line.push_str(&format!(": {n} taken back"));
    }
    line
}

fn with_reason(verb: &str, reason: Option<String>) -> String {
    match reason {
        Some(reason) => format!("{verb}: {reason}"),
        None => verb.to_string(),
    }
}

/// The fields that differ between two snapshots, with short values quoted.
fn changed(before: &Value, after: &Value) -> String {
    let (Some(before), Some(after)) = (before.as_object(), after.as_object()) else {
        return generic(&Value::Null, after);
    };
    let parts: Vec<String> = after
        .iter()
        .filter(|(key, new)| before.get(*key) != Some(new))
        .map(|(key, new)| {
            let old = before.get(key).unwrap_or(&Value::Null);
            format!("{key} {} → {}", value(old), value(new))
        })
        .collect();
    if parts.is_empty() {
        "no change".into()
    } else {
        format!("changed: {}", parts.join("; "))
    }
}

/// `key: value` for each field of `after` (or `before` when nothing came after).
fn generic(before: &Value, after: &Value) -> String {
    let shown = if after.is_null() { before } else { after };
    match shown {
        Value::Null => String::new(),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}: {}", value(v)))
            .collect::<Vec<_>>()
            .join("; "),
        other => value(other),
    }
}

/// A value as a short readable string: text unquoted and cleaned, numbers as they are,
/// lists joined, anything bigger summarised.
fn value(v: &Value) -> String {
    let raw = match v {
        Value::Null => "unset".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.len() <= 6 => list(v),
        Value::Array(items) => format!("{} items", items.len()),
        Value::Object(map) => format!("{} fields", map.len()),
        other => other.to_string(),
    };
    cut(&clean_line(&raw))
}

fn list(v: &Value) -> String {
    match v.as_array() {
        Some(items) if items.is_empty() => "nothing".into(),
        Some(items) => items.iter().map(value).collect::<Vec<_>>().join(", "),
        None => value(v),
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_str()
        .map(|s| cut(&clean_line(s)))
        .filter(|s| !s.is_empty())
}

fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_VALUE {
        s.to_string()
    } else {
        let mut short: String = s.chars().take(MAX_VALUE - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(action: &str, subject: &str, before: Value, after: Value) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: chrono::DateTime::UNIX_EPOCH,
            actor: "ana".into(),
            author: crate::domain::Author::Coordinator,
            action: action.into(),
            subject: subject.into(),
            before: (!before.is_null()).then_some(before),
            after: (!after.is_null()).then_some(after),
        }
    }

    #[test]
    fn changes_read_as_words() {
        assert_eq!(
            describe(&entry("weights.set", "weight:topic", json!(30), json!(40))),
            "weights: topic 30 → 40"
        );
        assert_eq!(
            describe(&entry(
                "decline",
                "pairing:3",
                json!({"status": "proposed"}),
                json!({"status": "declined", "end_reason": "learner asked for a woman mentor"})
            )),
            "declined: learner asked for a woman mentor"
        );
        assert_eq!(
            describe(&entry(
                "learner.update",
                "learner:L1",
                json!({"id": "L1", "track": "beginner"}),
                json!({"id": "L1", "track": "intermediate"})
            )),
            "changed: track beginner → intermediate"
        );
        assert_eq!(
            describe(&entry(
                "health.set",
                "setting:health.at_risk_cadences",
                json!(3.0),
                json!(4.0)
            )),
            "health: at_risk_cadences 3.0 → 4.0"
        );
        assert_eq!(
            describe(&entry(
                "approve",
                "pairing:3",
                Value::Null,
                json!({"score": 723})
            )),
            "approved, score 72.3"
        );
    }

    #[test]
    fn a_reflection_reads_with_its_author_and_self_reported_confidence() {
        assert_eq!(
            describe(&entry(
                "reflection.add",
                "learner:L1",
                Value::Null,
                json!({"id": 3, "author": "mentor:M2", "confidence": 4,
                       "text": "tests make sense now\nnext: traits"})
            )),
            "reflection recorded, written down by mentor:M2, confidence 4 self-reported: tests \
             make sense now next: traits"
        );
    }

    #[test]
    fn concerns_read_as_words() {
        assert_eq!(
            describe(&entry(
                "concern.raise",
                "pairing:3",
                Value::Null,
                json!({"concern": 4, "kind": "no-show", "severity": "low",
                       "note": "missed twice\nno reply", "from_bundle": true})
            )),
            "raised low no-show concern #4 (from the mentor's desk): missed twice no reply"
        );
        assert_eq!(
            describe(&entry(
                "concern.resolve",
                "pairing:3",
                json!({"concern": 4, "open": true}),
                json!({"concern": 4, "resolution": "rescheduled with both"})
            )),
            "resolved concern #4: rescheduled with both"
        );
    }

    #[test]
    fn untrusted_text_is_cleaned_and_long_text_cut() {
        let line = describe(&entry(
            "exclude",
            "pair:L1/M1",
            Value::Null,
            json!({"reason": format!("evil\u{1b}[2J{}", "x".repeat(100))}),
        ));
        assert!(!line.contains('\u{1b}'));
        assert!(line.ends_with('…'), "{line}");
    }
}
