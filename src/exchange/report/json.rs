//! The report as JSON (`mentordesk-report/1`): every figure of the model, the mode, and each
//! metric's definition.

use serde_json::{Map, Value, json};

use super::Model;

pub const FORMAT: &str = "mentordesk-report/1";

pub fn render(m: &Model) -> String {
    let times: Map<String, Value> = m
        .times
        .iter()
        .map(|t| (t.key.to_string(), json!(t)))
        .collect();
    let parts: Map<String, Value> = m
        .parts
        .iter()
        .map(|p| (p.key.to_string(), json!(p)))
        .collect();
    let definitions: Map<String, Value> = m
        .definitions()
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let by_status: Map<String, Value> = m
        .learners
        .iter()
        .map(|c| (c.label.clone(), json!(c.count)))
        .collect();
    let value = json!({
        "format": FORMAT,
        "mode": m.mode.as_str(),
        "mode_note": m.mode.note(),
        "generated": m.generated,
        "period": {"label": m.period, "from": m.from, "to": m.to},
        "metrics": {
            "learners": {"total": m.learners_total, "by_status": by_status},
            "waiting": {"count": m.waiting, "median_days": m.waiting_median_days},
            "time_to_match": times.get("time_to_match"),
            "time_to_first_checkin": times.get("time_to_first_checkin"),
            "time_to_first_milestone": times.get("time_to_first_milestone"),
            "milestone_completion": parts.get("milestone_completion"),
            "project_completion": parts.get("project_completion"),
            "checkin_adherence": parts.get("checkin_adherence"),
            "confidence_by_week": m.confidence_by_week,
            "confidence_change": m.confidence_change,
            "pairings_ended": m.pairings_ended,
            "mentor_load": m.mentor_load,
            "contributions": m.recognition,
            "reflections": m.reflections.reflections,
            "self_confidence_by_week": m.reflections.self_confidence_by_week,
            "self_confidence_change": m.reflections.self_confidence_change,
        },
        "attention": m.attention,
        "concerns": m.concerns,
        "definitions": definitions,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
