//! Following pairings from the command line: pause, resume, end, rematch, the health fields of
//! `pairings --json`, and `at-risk`, with the learner's status following every move.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;
use serde_json::Value;

const HEALTH_WORDS: [&str; 4] = ["too-early", "on-track", "needs-check-in", "at-risk"];

#[test]
fn pause_resume_and_end_move_the_pairing_and_the_learner() {
    let p = cli_support::Desk::paired();
    let (desk, id) = (&p.desk, p.pairing.to_string());
    assert_eq!(desk.learner_status(&p.learner), "matched");

    let out = desk.ok(&["pause", &id, "--reason", "exams"]);
    assert!(out.contains("paused"), "{out}");
    assert_eq!(desk.learner_status(&p.learner), "paused");
    let paused = desk.json(&["pairings", "--status", "paused", "--json"]);
    assert_eq!(paused[0]["id"], p.pairing);
    assert_eq!(
        paused[0]["health"],
        Value::Null,
        "paused pairings are not judged"
    );
    let err = desk.refused(&["pause", &id]);
    assert!(err.contains("it is paused"), "{err}");

    desk.ok(&["resume", &id]);
    assert_eq!(desk.learner_status(&p.learner), "matched");
    let err = desk.refused(&["resume", &id]);
    assert!(err.contains("it is active"), "{err}");

    desk.ok(&["end", &id, "--reason", "learner left"]);
    assert_eq!(desk.learner_status(&p.learner), "withdrawn");
    let ended = desk.json(&["pairings", "--status", "ended", "--json"]);
    assert_eq!(ended[0]["id"], p.pairing);
    for verb in ["pause", "resume"] {
        let err = desk.refused(&[verb, &id]);
        assert!(err.contains("it is ended"), "{verb}: {err}");
    }
    let err = desk.refused(&["end", &id, "--reason", "mismatch"]);
    assert!(err.contains("it is ended"), "{err}");

    let audit = desk.json(&["audit", "--json"]);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    for action in ["pause", "resume", "end"] {
        assert!(
            actions.contains(&action),
            "{action} not audited: {actions:?}"
        );
    }
    desk.assert_check_ok();
}

#[test]
fn end_reasons_decide_status_and_learner_status() {
    for (reason, status, learner_status) in [
        ("goals met", "completed", "graduated"),
        ("no-show", "ended", "waiting"),
        ("Mentor_Left", "ended", "waiting"),
        ("moved to another city", "ended", "waiting"),
    ] {
        let p = Desk::paired();
        let out = p
            .desk
            .ok(&["end", &p.pairing.to_string(), "--reason", reason]);
        assert!(out.contains(status), "{reason}: {out}");
        let all = p.desk.json(&["pairings", "--json"]);
        assert_eq!(all[0]["status"], status, "{reason}");
        assert_eq!(
            p.desk.learner_status(&p.learner),
            learner_status,
            "{reason}"
        );
        p.desk.assert_check_ok();
    }
    let p = Desk::paired();
    let err = p
        .desk
        .refused(&["end", &p.pairing.to_string(), "--reason", "  "]);
    assert!(err.contains("needs a reason"), "{err}");
    assert_eq!(p.desk.learner_status(&p.learner), "matched");
}

#[test]
fn rematch_ends_excludes_and_shows_candidates_in_one_step() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    let err = p.desk.refused(&["rematch", &id, "--reason", "goals met"]);
    assert!(err.contains("use end instead"), "{err}");

    let value = p
        .desk
        .json(&["rematch", &id, "--reason", "mismatch", "--json"]);
    assert_eq!(value["ended"]["status"], "ended");
    assert_eq!(value["excluded"]["mentor"], p.mentor.as_str());
    let candidates = value["candidates"]["candidates"].as_array().unwrap();
    assert!(!candidates.is_empty());
    assert!(candidates.iter().all(|c| c["mentor"] != p.mentor.as_str()));
    let rejected = value["candidates"]["rejected"].as_array().unwrap();
    let previous = rejected
        .iter()
        .find(|r| r["mentor"] == p.mentor.as_str())
        .expect("the previous mentor is ruled out");
    assert!(
        previous["reasons"]
            .to_string()
            .contains("rematched: mismatch"),
        "{previous}"
    );
    assert_eq!(p.desk.learner_status(&p.learner), "waiting");
    p.desk.assert_check_ok();
    // A second rematch of the same pairing is refused, and nothing changes.
    let err = p.desk.refused(&["rematch", &id, "--reason", "mismatch"]);
    assert!(err.contains("it is ended"), "{err}");
}

#[test]
fn rematch_text_lists_the_learners_candidates() {
    let p = Desk::paired();
    let out = p.desk.ok(&[
        "rematch",
        &p.pairing.to_string(),
        "--reason",
        "no-show",
        "--top",
        "2",
    ]);
    assert!(out.contains("will not be proposed"), "{out}");
    assert!(out.contains("Candidates for L001"), "{out}");
}

#[test]
fn unknown_pairings_are_named() {
    let desk = Desk::sample();
    for args in [
        vec!["pause", "999"],
        vec!["resume", "999"],
        vec!["end", "999", "--reason", "mismatch"],
        vec!["rematch", "999", "--reason", "mismatch"],
    ] {
        let err = desk.refused(&args);
        assert!(
            err.contains("no pairing with id \"999\""),
            "{args:?}: {err}"
        );
    }
    let err = desk.refused(&["pause", "nine"]);
    assert!(err.contains("nine"), "{err}");
}

#[test]
fn pairings_json_keeps_its_keys_and_adds_health() {
    let desk = Desk::demo();
    let rows = desk.json(&["pairings", "--json"]);
    let mut seen = std::collections::HashSet::new();
    for row in rows.as_array().unwrap() {
        for key in [
            "id",
            "learner",
            "mentor",
            "status",
            "started",
            "cadence_days",
            "score",
            "health",
            "health_reason",
            "last_checkin",
            "next_due",
        ] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
        if row["status"] == "active" {
            let health = row["health"].as_str().unwrap();
            assert!(HEALTH_WORDS.contains(&health), "{health}");
            seen.insert(health.to_string());
            assert!(!row["health_reason"].as_str().unwrap().is_empty());
            assert_eq!(row["next_due"].as_str().unwrap().len(), 10);
            if let Some(last) = row["last_checkin"].as_str() {
                assert!(chrono::DateTime::parse_from_rfc3339(last).is_ok(), "{last}");
            }
        } else {
            assert_eq!(row["health"], Value::Null, "{row}");
            assert_eq!(row["next_due"], Value::Null, "{row}");
        }
    }
    assert_eq!(seen.len(), 4, "the demo shows every health: {seen:?}");
}

#[test]
fn at_risk_lists_pairings_needing_attention_worst_first() {
    let desk = Desk::demo();
    let rows = desk.json(&["at-risk", "--json"]);
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 4, "{rows:?}");
    let rank = |r: &Value| match r["health"].as_str().unwrap() {
        "at-risk" => 0,
        "needs-check-in" => 1,
        other => panic!("{other} does not need attention"),
    };
    let keys: Vec<(i32, i64)> = rows
        .iter()
        .map(|r| (rank(r), -r["days_quiet"].as_i64().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "worst first, then longest silence");
    let reasons: Vec<&str> = rows
        .iter()
        .map(|r| r["health_reason"].as_str().unwrap())
        .collect();
    for rule in [
        "no first check-in",
        "confidence fell",
        "overdue",
        "cadence of",
    ] {
        assert!(
            reasons.iter().any(|r| r.contains(rule)),
            "no reason with {rule:?}: {reasons:?}"
        );
    }
    let text = desk.ok(&["at-risk"]);
    assert!(text.contains("Why:") && text.contains("at risk"), "{text}");
}

#[test]
fn thresholds_are_read_from_settings() {
    let p = Desk::paired();
    // Seven-day cadence, no check-in yet: too early. A stored threshold that makes any
    // silence a risk shows the setting is read.
    let before = p.desk.json(&["pairings", "--json"]);
    assert_eq!(before[0]["health"], "too-early");
    let conn = rusqlite::Connection::open(&p.desk.db).unwrap();
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('health.first_checkin_days', '0'),
                ('health.needs_checkin_cadences', '0.000001')",
        [],
    )
    .unwrap();
    drop(conn);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let after = p.desk.json(&["pairings", "--json"]);
    assert_eq!(after[0]["health"], "at-risk", "{after}");
    assert!(
        after[0]["health_reason"]
            .as_str()
            .unwrap()
            .contains("expected within 0"),
        "{after}"
    );
}
