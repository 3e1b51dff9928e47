//! `timeline LEARNER_ID`: one learner's story, with metrics.
//!
//! Owns: the command's output; the JSON shape
//! `{"learner", "learner_name", "metrics": {...}, "events": [{"at", "kind", "detail"}]}` is a
//! contract (`detail` names a pairing's mentor by `mentor` id and `mentor_name`). The text
//! names each event with the words the desk's Timeline pane uses ([`TimelineKind::label`]).
//!
//! [`TimelineKind::label`]: crate::desk::TimelineKind::label
//! May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::pairing::instant;
use crate::desk::Desk;
use crate::domain::LearnerId;

/// Confidence 1–5 as a one-line sparkline, with the numbers beside it for screen readers.
fn sparkline(values: &[u8]) -> String {
    const BARS: [char; 5] = ['▁', '▃', '▄', '▆', '█'];
    values
        .iter()
        .map(|v| BARS[usize::from(v.clamp(&1, &5) - 1)])
        .collect()
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
        let value = json!({
            "learner": timeline.learner,
            "learner_name": timeline.learner_name,
            "metrics": timeline.metrics,
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
        "time to match: {} · to first check-in: {} · to first milestone: {} · milestones achieved {} of {}",
        days(m.days_to_match),
        days(m.days_to_first_checkin),
        days(m.days_to_first_milestone),
        m.milestones_achieved,
        m.milestones_planned
    );
    if !timeline.confidence_trend.is_empty() {
        let numbers: Vec<String> = timeline
            .confidence_trend
            .iter()
            .map(u8::to_string)
            .collect();
        say!(
            "confidence: {} ({})",
            sparkline(&timeline.confidence_trend),
            numbers.join(" ")
        );
    }
    say!("");
    for e in &timeline.events {
        say!(
            "{}  {:<18} {}",
            e.at.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
            e.kind.label(),
            crate::domain::text::clean_line(&e.summary)
        );
    }
    Ok(ExitCode::SUCCESS)
}
