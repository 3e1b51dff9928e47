//! `timeline LEARNER_ID`: one learner's story, with metrics.
//!
//! Owns: the command's output; the JSON shape
//! `{"learner", "learner_name", "metrics": {...}, "confidence_trend": [{"at", "value",
//! "self_reported"}], "events": [{"at", "kind", "detail"}]}` is a contract (`detail` names a
//! pairing's mentor by `mentor` id and `mentor_name`; a reflection's author by `author` and
//! `author_name`, with `"self_reported": true`). The text
//! names each event with the words the desk's Timeline pane uses ([`TimelineKind::label`]).
//!
//! [`TimelineKind::label`]: crate::desk::TimelineKind::label
//! May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::pairing::instant;
use crate::desk::{ConfidencePoint, Desk};
use crate::domain::LearnerId;
use crate::domain::when::local_minute;

/// Confidence 1–5 as a one-line sparkline (self-reported points as circles), with the
/// numbers beside it for screen readers (self-reported ones marked `*`).
fn sparkline(points: &[ConfidencePoint]) -> (String, String) {
    let line = points.iter().map(|p| p.glyph()).collect();
    let numbers: Vec<String> = points
        .iter()
        .map(|p| format!("{}{}", p.value, if p.self_reported { "*" } else { "" }))
        .collect();
    (line, numbers.join(" "))
}

fn days(value: Option<i64>) -> String {
    value.map_or("not yet".into(), |d| format!("{d} days"))
}

pub fn timeline(desk: &mut Desk, learner: &str, as_json: bool) -> Result<ExitCode> {
    let id = LearnerId::parse(learner)?;
    let timeline = desk.timeline(&id)?;
    if as_json {
        let events: Vec<_> = timeline
            .events
            .iter()
            .map(|e| json!({"at": instant(e.at), "kind": e.kind, "detail": e.detail}))
            .collect();
        let trend: Vec<_> = timeline
            .confidence_trend
            .iter()
            .map(|p| {
                json!({"at": instant(p.at), "value": p.value,
                            "self_reported": p.self_reported})
            })
            .collect();
        let value = json!({
            "learner": timeline.learner,
            "learner_name": timeline.learner_name,
            "metrics": timeline.metrics,
            "confidence_trend": trend,
            "events": events,
        });
        say!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    let zone = desk.default_zone()?;
    let m = &timeline.metrics;
    say!(
        "Timeline of {} ({})",
        timeline.learner_name,
        timeline.learner
    );
    say!(
        "time to match: {} · to first check-in: {} · to first milestone: {} · milestones achieved {} of {} · reflections {}",
        days(m.days_to_match),
        days(m.days_to_first_checkin),
        days(m.days_to_first_milestone),
        m.milestones_achieved,
        m.milestones_planned,
        m.reflections
    );
    if !timeline.confidence_trend.is_empty() {
        let (line, numbers) = sparkline(&timeline.confidence_trend);
        let own = if timeline.confidence_trend.iter().any(|p| p.self_reported) {
            "; * self-reported in a reflection"
        } else {
            ""
        };
        say!("confidence: {line} ({numbers}{own})");
    }
    say!("");
    for e in &timeline.events {
        say!(
            "{}  {:<18} {}",
            local_minute(e.at, zone),
            e.kind.label(),
            crate::domain::text::clean_line(&e.summary)
        );
    }
    Ok(ExitCode::SUCCESS)
}
