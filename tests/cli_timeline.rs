//! `timeline LEARNER_ID`: a learner's story in time order with its metrics, the JSON contract
//! `{"learner", "metrics", "events": [{"at", "kind", "detail"}]}`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;
use serde_json::Value;

const KINDS: [&str; 9] = [
    "joined",
    "matched",
    "checkin",
    "milestone-planned",
    "milestone-achieved",
    "milestone-dropped",
    "paused",
    "resumed",
    "ended",
];

fn kinds(timeline: &Value) -> Vec<String> {
    timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect()
}

fn assert_time_ordered(timeline: &Value) {
    let times: Vec<chrono::DateTime<chrono::FixedOffset>> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap()).unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{timeline}");
}

#[test]
fn a_whole_pairing_shows_in_order_with_metrics() {
    let p = Desk::paired();
    let (desk, id) = (&p.desk, p.pairing.to_string());
    let empty = desk.json(&["timeline", "L002", "--json"]);
    assert_eq!(kinds(&empty), ["joined"]);
    assert_eq!(empty["metrics"]["days_to_match"], Value::Null);
    assert_eq!(empty["metrics"]["days_to_first_checkin"], Value::Null);
    assert_eq!(empty["metrics"]["days_to_first_milestone"], Value::Null);
    assert_eq!(empty["metrics"]["milestones_achieved"], 0);

    desk.ok(&[
        "milestone",
        "add",
        "--learner",
        "L001",
        "--title",
        "First query",
    ]);
    desk.ok(&[
        "milestone",
        "add",
        "--learner",
        "L001",
        "--title",
        "Second query",
    ]);
    desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "40",
        "--confidence",
        "3",
        "--notes",
        "Started SQL\nmore detail",
        "--milestone",
        "1",
    ]);
    desk.ok(&[
        "milestone",
        "drop",
        "2",
        "--reason",
        "merged into the first",
    ]);
    desk.ok(&["pause", &id, "--reason", "holidays"]);
    desk.ok(&["resume", &id]);
    desk.ok(&["end", &id, "--reason", "goals met"]);

    let t = desk.json(&["timeline", "L001", "--json"]);
    assert_eq!(t["learner"], "L001");
    assert_time_ordered(&t);
    let seen = kinds(&t);
    assert_eq!(seen[0], "joined");
    for kind in KINDS {
        assert!(seen.iter().any(|k| k == kind), "no {kind}: {seen:?}");
    }
    let position = |kind: &str| seen.iter().position(|k| k == kind).unwrap();
    assert!(position("matched") < position("checkin"));
    assert!(position("paused") < position("resumed"));
    assert!(position("resumed") < position("ended"));
    let events = t["events"].as_array().unwrap();
    let checkin = &events[position("checkin")]["detail"];
    assert_eq!(checkin["confidence"], 3);
    assert_eq!(checkin["notes"], "Started SQL", "first line of the notes");
    let ended = &events[position("ended")]["detail"];
    assert_eq!(ended["status"], "completed");
    assert_eq!(ended["reason"], "goals met");
    assert_eq!(events[position("paused")]["detail"]["reason"], "holidays");
    assert_eq!(
        events[position("matched")]["detail"]["mentor"],
        p.mentor.as_str()
    );

    let m = &t["metrics"];
    assert!(m["days_to_match"].as_i64().is_some());
    assert_eq!(m["days_to_first_checkin"], 0);
    assert_eq!(m["days_to_first_milestone"], 0);
    assert_eq!(m["milestones_achieved"], 1);
    assert_eq!(
        m["milestones_planned"], 1,
        "dropped milestones do not count"
    );

    let text = desk.ok(&["timeline", "L001"]);
    assert!(text.contains("time to match"), "{text}");
    assert!(text.contains("milestones achieved 1 of 1"), "{text}");
    assert!(
        text.contains("confidence:") && text.contains("(3)"),
        "{text}"
    );
    desk.assert_check_ok();
}

#[test]
fn demo_timelines_are_ordered_and_use_only_known_kinds() {
    let desk = Desk::demo();
    let pairings = desk.json(&["pairings", "--json"]);
    let mut learners: Vec<String> = pairings
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] != "proposed")
        .map(|p| p["learner"].as_str().unwrap().to_string())
        .collect();
    learners.sort();
    learners.dedup();
    for learner in learners.iter().take(15) {
        let t = desk.json(&["timeline", learner, "--json"]);
        assert_time_ordered(&t);
        let seen = kinds(&t);
        assert!(seen.iter().all(|k| KINDS.contains(&k.as_str())), "{seen:?}");
        assert!(seen.contains(&"matched".to_string()), "{learner}: {seen:?}");
        assert!(t["metrics"]["days_to_match"].as_i64().unwrap() >= 0);
    }
}

#[test]
fn unknown_learner_is_named() {
    let desk = Desk::sample();
    let err = desk.refused(&["timeline", "L999"]);
    assert!(err.contains("no learner with id \"L999\""), "{err}");
    let err = desk.refused(&["timeline", "L999", "--json"]);
    assert!(err.contains("L999"), "{err}");
}
