//! Concerns from the command line: raised on their own or with a check-in (one transaction),
//! listed as a queue, resolved once with what was done, audited, on the timeline, making
//! their pairing at risk while open and high; every bad input refused with exit code 2 and
//! nothing written; erased with the learner.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;

fn audit_actions(desk: &Desk) -> Vec<String> {
    desk.json(&["audit", "--json", "--limit", "100"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_concern_is_queued_makes_its_pairing_at_risk_and_is_resolved_once() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let pairing = paired.pairing.to_string();
    let said = desk.ok(&[
        "concern",
        "raise",
        &pairing,
        "--kind",
        "no-show",
        "--note",
        "Missed two sessions",
    ]);
    assert!(
        said.contains(&format!(
            "raised low no-show concern #1 on pairing {pairing}"
        )),
        "{said}"
    );
    let health = |desk: &Desk| {
        let rows = desk.json(&["pairings", "--status", "active", "--json"]);
        (
            rows[0]["health"].as_str().unwrap().to_string(),
            rows[0]["health_reason"].as_str().unwrap().to_string(),
        )
    };
    assert_ne!(
        health(desk).0,
        "at-risk",
        "an open low concern leaves health alone"
    );

    desk.ok(&[
        "concern",
        "raise",
        &pairing,
        "--kind",
        "safety",
        "--note",
        "Learner felt unsafe\nafter the last call",
    ]);
    let (state, reason) = health(desk);
    assert_eq!(state, "at-risk");
    assert_eq!(reason, "open high safety concern #2 raised today");

    let queue = desk.json(&["concerns", "--open", "--json"]);
    let ids: Vec<i64> = queue
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2, 1], "high first");
    assert_eq!(queue[0]["severity"], "high");
    assert_eq!(queue[0]["note"], "Learner felt unsafe\nafter the last call");
    assert_eq!(queue[0]["learner"], paired.learner.as_str());
    assert_eq!(queue[0]["author"], "coordinator");
    let text = desk.ok(&["concerns"]);
    assert!(
        text.contains("2 concerns open (1 high), 0 resolved"),
        "{text}"
    );
    assert!(text.contains("Learner felt unsafe"), "{text}");
    assert!(
        !text.contains("after the last call"),
        "one line per concern: {text}"
    );

    let said = desk.ok(&[
        "concern",
        "resolve",
        "2",
        "--note",
        "Spoke with both; new mentor offered",
    ]);
    assert!(said.contains("resolved high safety concern #2"), "{said}");
    assert_ne!(health(desk).0, "at-risk");
    let again = desk.refused(&["concern", "resolve", "2", "--note", "again"]);
    assert!(
        again.contains("concern #2 was resolved already, by"),
        "{again}"
    );
    let all = desk.json(&["concerns", "--json"]);
    assert_eq!(all[1]["id"], 2, "resolved ones after the open ones");
    assert_eq!(all[1]["resolution"], "Spoke with both; new mentor offered");
    assert_eq!(all[1]["open"], false);
    assert_eq!(
        desk.json(&["concerns", "--open", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let actions = audit_actions(desk);
    assert_eq!(
        actions.iter().filter(|a| a.starts_with("concern.")).count(),
        3,
        "{actions:?}"
    );
    let words = desk.ok(&["audit", "--limit", "5"]);
    assert!(
        words.contains("resolved concern #2: Spoke with both; new mentor offered"),
        "{words}"
    );
    let timeline = desk.json(&["timeline", &paired.learner, "--json"]);
    let kinds: Vec<&str> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "concern-raised").count(),
        2,
        "{kinds:?}"
    );
    assert!(kinds.contains(&"concern-resolved"), "{kinds:?}");
    desk.assert_check_ok();
}

#[test]
fn a_check_in_raises_its_concern_in_the_same_transaction() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let pairing = paired.pairing.to_string();
    let said = desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairing,
        "--minutes",
        "30",
        "--notes",
        "Short call",
        "--concern",
        "conduct",
        "--concern-note",
        "Mentor arrived drunk",
    ]);
    assert!(said.contains("logged check-in"), "{said}");
    assert!(said.contains("raised high conduct concern #1"), "{said}");
    let checkin = desk.latest_checkin();
    let queue = desk.json(&["concerns", "--json"]);
    assert_eq!(queue[0]["checkin"], checkin["id"]);
    assert_eq!(queue[0]["severity"], "high");

    // A refused concern takes the check-in with it: nothing is written.
    let before = (desk.checkin_count(true), audit_actions(desk).len());
    let base = [
        "checkin",
        "add",
        "--pairing",
        pairing.as_str(),
        "--minutes",
        "30",
    ];
    desk.refuses_each(
        &base,
        &[
            (
                vec!["--concern", "rude", "--concern-note", "x"],
                "unknown concern kind \"rude\" (expected one of: conduct|safety|no-show|mismatch|wellbeing|other)",
            ),
            (
                vec!["--concern", "safety", "--concern-severity", "low", "--concern-note", "x"],
                "a safety concern is always high",
            ),
            (
                vec!["--concern", "other", "--concern-note", " \t "],
                "concern note is required",
            ),
        ],
    );
    assert_eq!(
        (desk.checkin_count(true), audit_actions(desk).len()),
        before
    );
    let err = desk.run(&[
        "checkin",
        "add",
        "--pairing",
        &pairing,
        "--minutes",
        "30",
        "--concern",
        "other",
    ]);
    assert_eq!(
        err.status.code(),
        Some(2),
        "clap: --concern needs --concern-note"
    );
}

#[test]
fn bad_concerns_are_refused_with_exit_code_2_and_nothing_written() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let pairing = paired.pairing.to_string();
    desk.ok(&[
        "concern", "raise", &pairing, "--kind", "other", "--note", "first",
    ]);
    let before = audit_actions(desk).len();
    desk.refuses_each(
        &["concern", "raise"],
        &[
            (
                vec![pairing.as_str(), "--kind", "noshow", "--note", "x"],
                "unknown concern kind \"noshow\" (expected one of: conduct|safety|no-show|mismatch|wellbeing|other)",
            ),
            (vec![pairing.as_str(), "--kind", "other", "--note", ""], "concern note is required"),
            (
                vec![pairing.as_str(), "--kind", "other", "--severity", "urgent", "--note", "x"],
                "unknown concern severity \"urgent\" (expected one of: low|high)",
            ),
            (
                vec![pairing.as_str(), "--kind", "conduct", "--severity", "low", "--note", "x"],
                "a conduct concern is always high",
            ),
            (vec!["999", "--kind", "other", "--note", "x"], "no pairing with id \"999\""),
        ],
    );
    let long = "x".repeat(4_001);
    let err = desk.refused(&[
        "concern", "raise", &pairing, "--kind", "other", "--note", &long,
    ]);
    assert!(err.contains("at most 4000 characters"), "{err}");
    desk.refuses_each(
        &["concern", "resolve"],
        &[
            (vec!["42", "--note", "done"], "no concern with id \"42\""),
            (vec!["1", "--note", "  "], "resolution note is required"),
        ],
    );
    assert_eq!(audit_actions(desk).len(), before, "nothing written");
    assert_eq!(
        desk.json(&["concerns", "--json"]).as_array().unwrap().len(),
        1
    );
    let empty = Desk::empty();
    let text = empty.ok(&["concerns", "--open"]);
    assert_eq!(text.trim(), "0 concerns open (0 high)");
}

#[test]
fn forgetting_the_learner_erases_the_concern_words() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let pairing = paired.pairing.to_string();
    desk.ok(&[
        "concern",
        "raise",
        &pairing,
        "--kind",
        "wellbeing",
        "--note",
        "Grieving a parent",
    ]);
    desk.ok(&[
        "concern",
        "resolve",
        "1",
        "--note",
        "Referred to the counsellor",
    ]);
    desk.ok(&["end", &pairing, "--reason", "completed"]);
    desk.ok(&["forget", "learner", &paired.learner, "--yes"]);
    let all = desk.json(&["concerns", "--json"]).to_string();
    let audit = desk
        .json(&["audit", "--json", "--limit", "100"])
        .to_string();
    for words in ["Grieving", "counsellor"] {
        assert!(!all.contains(words), "{words} in {all}");
        assert!(!audit.contains(words), "{words} in the audit trail");
    }
    let concern = &desk.json(&["concerns", "--json"])[0];
    assert_eq!(concern["kind"], "wellbeing", "the fact stays, the words go");
}
