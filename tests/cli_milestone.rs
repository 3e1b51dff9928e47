//! Milestones from the command line: plan, achieve with evidence and an endorsing mentor,
//! drop with a reason, list; bad input refused with exit code 2.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;
use serde_json::Value;

#[test]
fn a_milestone_planned_in_a_checkin_names_it() {
    let p = Desk::paired();
    p.desk.ok(&[
        "checkin",
        "add",
        "--learner",
        &p.learner,
        "--minutes",
        "30",
        "--new-milestone",
        "Pass the SQL quiz",
        "--new-milestone-kind",
        "skill",
    ]);
    let checkin = &p.desk.json(&["checkin", "list", "--json"])[0];
    let m = &p.desk.json(&["milestone", "list", "--json"])[0];
    assert_eq!(m["from_checkin"], checkin["id"]);
    assert_eq!(m["kind"], "skill");
    let text = p.desk.ok(&["milestone", "list"]);
    assert!(text.contains("Pass the SQL quiz"), "{text}");
    let timeline = p.desk.json(&["timeline", &p.learner, "--json"]);
    let planned = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "milestone-planned")
        .unwrap();
    assert_eq!(planned["detail"]["from_checkin"], checkin["id"]);
    // Achieving it later works like any planned milestone.
    let id = m["id"].as_i64().unwrap().to_string();
    p.desk
        .ok(&["milestone", "achieve", &id, "--evidence", "quiz 9/10"]);
    let m = &p.desk.json(&["milestone", "list", "--json"])[0];
    assert_eq!(m["status"], "achieved");
    assert_eq!(m["from_checkin"], checkin["id"], "the link stays");
}

#[test]
fn plan_achieve_drop_and_list() {
    let p = Desk::paired();
    let desk = &p.desk;
    let out = desk.ok(&[
        "milestone",
        "add",
        "--learner",
        "L001",
        "--title",
        "Ship a SQL report",
        "--kind",
        "project",
        "--due",
        "2030-01-31",
    ]);
    assert!(out.contains("planned milestone 1"), "{out}");
    desk.ok(&[
        "milestone",
        "add",
        "--learner",
        "L001",
        "--title",
        "Talk at a meetup",
    ]);
    let list = desk.json(&["milestone", "list", "--learner", "L001", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["kind"], "project");
    assert_eq!(list[0]["due"], "2030-01-31");
    assert_eq!(list[0]["status"], "planned");
    assert_eq!(list[1]["kind"], "custom", "custom by default");
    assert_eq!(list[1]["due"], Value::Null);

    let out = desk.ok(&[
        "milestone",
        "achieve",
        "1",
        "--evidence",
        "https://example.org/report",
        "--endorsed-by",
        &p.mentor,
    ]);
    assert!(out.contains("endorsed by"), "{out}");
    let out = desk.ok(&["milestone", "drop", "2", "--reason", "no meetups nearby"]);
    assert!(out.contains("dropped"), "{out}");
    let list = desk.json(&["milestone", "list", "--json"]);
    assert_eq!(list[0]["status"], "achieved");
    assert_eq!(list[0]["evidence"], "https://example.org/report");
    assert_eq!(list[0]["endorsed_by"], p.mentor.as_str());
    assert!(list[0]["achieved_at"].as_str().is_some());
    assert_eq!(list[1]["status"], "dropped");
    assert_eq!(list[1]["drop_reason"], "no meetups nearby");

    let err = desk.refused(&["milestone", "achieve", "1"]);
    assert!(err.contains("already achieved"), "{err}");
    let err = desk.refused(&["milestone", "drop", "2", "--reason", "again"]);
    assert!(err.contains("already dropped"), "{err}");
    let text = desk.ok(&["milestone", "list"]);
    assert!(
        text.contains("Ship a SQL report") && text.contains("2 milestones"),
        "{text}"
    );

    let audit = desk.ok(&["audit"]);
    for action in ["milestone.add", "milestone.achieve", "milestone.drop"] {
        assert!(audit.contains(action), "{action} not audited");
    }
    desk.assert_check_ok();
}

#[test]
fn bad_milestone_input_is_refused_and_nothing_changes() {
    let desk = Desk::sample();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["milestone", "add", "--learner", "L999", "--title", "x"],
            "no learner with id \"L999\"",
        ),
        (
            vec![
                "milestone",
                "add",
                "--learner",
                "L001",
                "--title",
                "x",
                "--kind",
                "trophy",
            ],
            "unknown milestone kind \"trophy\"",
        ),
        (
            vec![
                "milestone",
                "add",
                "--learner",
                "L001",
                "--title",
                "x",
                "--due",
                "31/01/2030",
            ],
            "--due \"31/01/2030\"",
        ),
        (
            vec![
                "milestone",
                "add",
                "--learner",
                "L001",
                "--title",
                " \u{1b} ",
            ],
            "needs a title",
        ),
        (
            vec!["milestone", "achieve", "42"],
            "no milestone with id \"42\"",
        ),
        (
            vec!["milestone", "drop", "42", "--reason", "x"],
            "no milestone with id \"42\"",
        ),
        (
            vec!["milestone", "list", "--learner", "L999"],
            "no learner with id",
        ),
    ];
    for (args, expected) in &cases {
        let err = desk.refused(args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert_eq!(
        desk.json(&["milestone", "list", "--json"]),
        serde_json::json!([])
    );

    desk.ok(&[
        "milestone",
        "add",
        "--learner",
        "L001",
        "--title",
        "First project",
    ]);
    let err = desk.refused(&["milestone", "achieve", "1", "--endorsed-by", "M999"]);
    assert!(err.contains("no mentor with id \"M999\""), "{err}");
    let err = desk.refused(&["milestone", "drop", "1", "--reason", "   "]);
    assert!(err.contains("needs a reason"), "{err}");
    let list = desk.json(&["milestone", "list", "--json"]);
    assert_eq!(list[0]["status"], "planned", "refusals change nothing");
}

#[test]
fn overdue_milestones_are_marked_in_words() {
    let desk = Desk::demo();
    let list = desk.json(&["milestone", "list", "--json"]);
    let overdue: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["days_overdue"].as_i64().is_some())
        .collect();
    assert!(!overdue.is_empty());
    assert!(overdue.iter().all(|m| m["status"] == "planned"));
    let text = desk.ok(&["milestone", "list"]);
    assert!(text.contains("(overdue "), "{text}");
}
