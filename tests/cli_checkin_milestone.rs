//! Check-ins and milestones in one step from the command line: a check-in that achieves a
//! milestone, one that plans a new milestone, and a bad milestone refusing the whole check-in
//! with nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{Desk, day};
use serde_json::Value;

#[test]
fn a_checkin_can_achieve_a_milestone_in_the_same_step() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    p.desk.ok(&[
        "milestone",
        "add",
        "--learner",
        &p.learner,
        "--title",
        "First query",
    ]);
    p.desk.ok(&[
        "milestone",
        "add",
        "--learner",
        "L002",
        "--title",
        "Not theirs",
    ]);
    let err = p.desk.refused(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--milestone",
        "2",
    ]);
    assert!(err.contains("belongs to learner L002"), "{err}");
    assert_eq!(
        p.desk.checkin_count(true),
        0,
        "the check-in was rolled back too"
    );

    let out = p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--milestone",
        "1",
    ]);
    assert!(
        out.contains("milestone 1 \"First query\" achieved"),
        "names the milestone: {out}"
    );
    let milestones = p
        .desk
        .json(&["milestone", "list", "--learner", &p.learner, "--json"]);
    assert_eq!(milestones[0]["status"], "achieved");
    let checkin = p.desk.latest_checkin();
    assert!(
        milestones[0]["evidence"]
            .as_str()
            .unwrap()
            .contains(checkin["id"].as_str().unwrap())
    );
}

/// How many milestones the desk holds.
fn milestone_count(desk: &Desk) -> usize {
    desk.json(&["milestone", "list", "--json"])
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_checkin_can_plan_a_new_milestone_in_the_same_step() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    let due = day(30);
    let out = p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "40",
        "--new-milestone",
        "Ship the\u{1b}[31m portfolio",
        "--new-milestone-kind",
        "project",
        "--new-milestone-due",
        &due,
    ]);
    assert!(
        out.contains("planned milestone 1 \"Ship the[31m portfolio\" (project, due"),
        "{out}"
    );
    let checkin = p.desk.latest_checkin();
    assert_eq!(checkin["milestones_planned"], serde_json::json!([1]));
    let milestones = p
        .desk
        .json(&["milestone", "list", "--learner", &p.learner, "--json"]);
    let m = &milestones[0];
    assert_eq!(m["title"], "Ship the[31m portfolio", "cleaned");
    assert_eq!(m["kind"], "project");
    assert_eq!(m["due"], due.as_str());
    assert_eq!(m["status"], "planned");
    assert_eq!(m["from_checkin"], checkin["id"]);
    // Both writes are audited, the check-in naming the milestone it planned.
    let audit = p.desk.json(&["audit", "--json"]);
    let entries = audit.as_array().unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "milestone.add" && e["after"]["from_checkin"] == checkin["id"])
    );
    let logged = entries
        .iter()
        .find(|e| e["action"] == "checkin.add")
        .unwrap();
    assert_eq!(logged["after"]["milestone_planned"], 1);
    // Kind and due are optional (custom, no date); an edit keeps the link on the new version.
    p.desk.ok(&[
        "checkin",
        "add",
        "--learner",
        &p.learner,
        "--minutes",
        "30",
        "--new-milestone",
        "Read a chapter",
    ]);
    let second = p.desk.latest_checkin();
    let plain = &p.desk.json(&["milestone", "list", "--json"])[1];
    assert_eq!(plain["kind"], "custom");
    assert_eq!(plain["due"], Value::Null);
    p.desk.ok(&[
        "checkin",
        "edit",
        second["id"].as_str().unwrap(),
        "--minutes",
        "35",
    ]);
    let edited = p.desk.latest_checkin();
    assert_eq!(edited["supersedes"], second["id"]);
    assert_eq!(edited["milestones_planned"], serde_json::json!([2]));
    // The timeline tells the story; a coordinator's milestone has no check-in behind it.
    p.desk.ok(&[
        "milestone",
        "add",
        "--learner",
        &p.learner,
        "--title",
        "By hand",
    ]);
    assert_eq!(
        p.desk.json(&["milestone", "list", "--json"])[2]["from_checkin"],
        Value::Null
    );
    p.desk.assert_check_ok();
}

#[test]
fn a_bad_new_milestone_refuses_the_whole_checkin() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    let base = [
        "checkin",
        "add",
        "--pairing",
        id.as_str(),
        "--minutes",
        "30",
    ];
    let long = "x".repeat(201);
    let yesterday = day(-1);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "--new-milestone",
                "Ship",
                "--new-milestone-due",
                "next week",
            ],
            "--new-milestone-due \"next week\": expected a date",
        ),
        (
            vec![
                "--new-milestone",
                "Ship",
                "--new-milestone-due",
                "2026-02-30",
            ],
            "--new-milestone-due \"2026-02-30\"",
        ),
        (
            vec!["--new-milestone", "Ship", "--new-milestone-kind", "trophy"],
            "unknown milestone kind \"trophy\"",
        ),
        (vec!["--new-milestone", "  "], "a milestone needs a title"),
        (vec!["--new-milestone", &long], "title is too long"),
        (
            vec!["--new-milestone", "Ship", "--new-milestone-due", &yesterday],
            "is before the check-in",
        ),
        // The milestone part is fine, the check-in part is not.
        (
            vec!["--new-milestone", "Ship", "--confidence", "9"],
            "confidence \"9\"",
        ),
        (
            vec!["--new-milestone", "Ship", "--milestone", "999"],
            "no milestone with id \"999\"",
        ),
        // Kind or due without a title: clap names the missing option.
        (vec!["--new-milestone-kind", "skill"], "--new-milestone"),
        (vec!["--new-milestone-due", "2030-01-01"], "--new-milestone"),
    ];
    p.desk.refuses_each(&base, &cases);
    assert_eq!(p.desk.checkin_count(true), 0, "no check-in half-written");
    assert_eq!(milestone_count(&p.desk), 0, "no milestone half-written");
    let audit = p.desk.json(&["audit", "--json"]);
    assert!(
        !audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "checkin.add" || e["action"] == "milestone.add")
    );
    // A session dated ahead of time may plan a milestone due that day.
    let ahead = day(2);
    p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--at",
        &ahead,
        "--future",
        "--new-milestone",
        "Demo day",
        "--new-milestone-due",
        &ahead,
    ]);
    assert_eq!(milestone_count(&p.desk), 1);
}
