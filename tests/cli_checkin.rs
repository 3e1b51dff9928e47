//! Check-ins from the command line: logging, editing (a new version supersedes the old),
//! listing with history, exporting, and every bad input refused with exit code 2 and nothing
//! written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{Desk, day};
use serde_json::Value;

fn latest(desk: &Desk) -> Value {
    let rows = desk.json(&["checkin", "list", "--json"]);
    rows.as_array().unwrap().last().unwrap().clone()
}

#[test]
fn a_checkin_by_learner_is_stored_cleaned_with_a_v7_id() {
    let p = Desk::paired();
    let notes = "Went well.\u{1b}[31m Red?\u{7}\nSecond line\u{202E}";
    let out = p.desk.ok(&[
        "checkin",
        "add",
        "--learner",
        &p.learner,
        "--minutes",
        "45",
        "--mode",
        "video",
        "--confidence",
        "4",
        "--notes",
        notes,
        "--topics",
        "sql;python",
        "--next-steps",
        "Finish the report",
    ]);
    assert!(out.contains("logged check-in"), "{out}");
    let c = latest(&p.desk);
    assert_eq!(c["pairing"], p.pairing);
    assert_eq!(c["learner"], p.learner.as_str());
    assert_eq!(c["mentor"], p.mentor.as_str());
    assert_eq!(c["minutes"], 45);
    assert_eq!(c["mode"], "video");
    assert_eq!(c["confidence"], 4);
    assert_eq!(c["notes"], "Went well.[31m Red?\nSecond line");
    assert_eq!(c["topics"], serde_json::json!(["python", "sql"]));
    assert_eq!(c["next_steps"], "Finish the report");
    assert_eq!(c["supersedes"], Value::Null);
    let id = c["id"].as_str().unwrap();
    assert_eq!(&id[14..15], "7", "UUIDv7: {id}");
    assert!(chrono::DateTime::parse_from_rfc3339(c["at"].as_str().unwrap()).is_ok());

    // The pairing's health now counts it.
    let pairing = p.desk.json(&["pairings", "--json"]);
    assert_eq!(pairing[0]["health"], "on-track");
    assert_eq!(pairing[0]["last_checkin"], c["at"]);
    p.desk.assert_check_ok();
}

#[test]
fn notes_come_from_standard_input_or_a_file() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    let out = p.desk.run_with_stdin(
        &[
            "checkin",
            "add",
            "--pairing",
            &id,
            "--minutes",
            "30",
            "--notes",
            "-",
        ],
        "from stdin\r\nsecond\u{1b}]0;title\u{7}\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(latest(&p.desk)["notes"], "from stdin\nsecond]0;title");

    let file = p.desk.dir.path().join("notes.txt");
    std::fs::write(&file, "from a file\n  indented\n").unwrap();
    p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--notes-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(latest(&p.desk)["notes"], "from a file\n  indented");
    let err = p.desk.refused(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--notes-file",
        "/no/such/notes.txt",
    ]);
    assert!(err.contains("/no/such/notes.txt"), "{err}");
    assert_eq!(p.desk.checkin_count(true), 2);
}

#[test]
fn bad_input_is_refused_naming_the_value_and_nothing_is_written() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    let base = ["checkin", "add", "--pairing", id.as_str()];
    let month_ago = day(-30);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--minutes", "30", "--confidence", "0"],
            "confidence \"0\"",
        ),
        (
            vec!["--minutes", "30", "--confidence", "6"],
            "confidence \"6\"",
        ),
        (vec!["--minutes", "0"], "minutes \"0\""),
        (vec!["--minutes", "601"], "minutes \"601\""),
        (vec!["--minutes", "30", "--at", "2099-01-01"], "after today"),
        (vec!["--minutes", "30", "--at", "soon"], "--at \"soon\""),
        (
            vec!["--minutes", "30", "--mode", "pigeon"],
            "unknown mode \"pigeon\"",
        ),
        (
            vec!["--minutes", "30", "--topics", "sql;web:dev"],
            "tag \"web:dev\"",
        ),
        (
            vec!["--minutes", "30", "--milestone", "999"],
            "no milestone with id \"999\"",
        ),
        (
            vec!["--minutes", "30", "--at", &month_ago],
            "before pairing",
        ),
    ];
    for (extra, expected) in &cases {
        let args: Vec<&str> = base.iter().copied().chain(extra.iter().copied()).collect();
        let err = p.desk.refused(&args);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one clear message: {err}");
    }
    // Unknown ids.
    let err = p
        .desk
        .refused(&["checkin", "add", "--pairing", "999", "--minutes", "30"]);
    assert!(err.contains("no pairing with id \"999\""), "{err}");
    let err = p
        .desk
        .refused(&["checkin", "add", "--learner", "L999", "--minutes", "30"]);
    assert!(err.contains("no learner with id \"L999\""), "{err}");
    let err = p
        .desk
        .refused(&["checkin", "add", "--learner", "L002", "--minutes", "30"]);
    assert!(err.contains("no active or paused pairing"), "{err}");
    p.desk.refused(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--learner",
        "L001",
        "--minutes",
        "30",
    ]);
    p.desk.refused(&["checkin", "add", "--minutes", "30"]);
    assert_eq!(p.desk.checkin_count(true), 0, "nothing half-written");

    // A future date is allowed when asked for.
    let tomorrow = day(1);
    p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--at",
        &tomorrow,
        "--future",
    ]);
    assert!(
        latest(&p.desk)["at"]
            .as_str()
            .unwrap()
            .starts_with(&tomorrow)
    );
    // Today's date, a local time and RFC 3339 are all accepted.
    let today = day(0);
    for at in [
        today.clone(),
        format!("{today}T00:30"),
        format!("{today}T00:10:00Z"),
    ] {
        p.desk.ok(&[
            "checkin",
            "add",
            "--pairing",
            &id,
            "--minutes",
            "30",
            "--at",
            &at,
        ]);
    }
    assert_eq!(p.desk.checkin_count(false), 4);
}

#[test]
fn a_checkin_on_an_ended_pairing_is_refused_naming_why() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    p.desk.ok(&["end", &id, "--reason", "no-show"]);
    let err = p
        .desk
        .refused(&["checkin", "add", "--pairing", &id, "--minutes", "30"]);
    assert!(err.contains("it is ended (no-show)"), "{err}");
    assert_eq!(p.desk.checkin_count(true), 0);
    // A paused pairing still takes a check-in (a wrap-up call, say).
    let q = Desk::paired();
    q.desk.ok(&["pause", &q.pairing.to_string()]);
    q.desk
        .ok(&["checkin", "add", "--learner", &q.learner, "--minutes", "20"]);
}

#[test]
fn an_edit_supersedes_and_history_keeps_every_version() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--confidence",
        "2",
        "--notes",
        "first draft",
    ]);
    let original = latest(&p.desk)["id"].as_str().unwrap().to_string();
    let out = p.desk.ok(&[
        "checkin",
        "edit",
        &original,
        "--confidence",
        "3",
        "--notes",
        "fixed",
    ]);
    assert!(out.contains("old version is kept"), "{out}");
    let current = p.desk.json(&["checkin", "list", "--json"]);
    let current = current.as_array().unwrap();
    assert_eq!(current.len(), 1, "lists show the latest version");
    assert_eq!(current[0]["supersedes"], original.as_str());
    assert_eq!(current[0]["confidence"], 3);
    assert_eq!(current[0]["minutes"], 30, "unchanged fields carry over");
    assert_eq!(current[0]["notes"], "fixed");

    let history = p.desk.json(&["checkin", "list", "--history", "--json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    let old = history
        .iter()
        .find(|c| c["id"] == original.as_str())
        .unwrap();
    assert_eq!(old["notes"], "first draft");
    assert_eq!(old["superseded_by"], current[0]["id"]);

    let err = p
        .desk
        .refused(&["checkin", "edit", &original, "--minutes", "40"]);
    assert!(err.contains("already replaced"), "{err}");
    let err = p.desk.refused(&[
        "checkin",
        "edit",
        current[0]["id"].as_str().unwrap(),
        "--minutes",
        "0",
    ]);
    assert!(err.contains("minutes \"0\""), "{err}");
    let err = p
        .desk
        .refused(&["checkin", "edit", "not-a-uuid", "--minutes", "40"]);
    assert!(err.contains("check-in id \"not-a-uuid\""), "{err}");
    let unknown = "01900000-0000-7000-8000-000000000000";
    let err = p
        .desk
        .refused(&["checkin", "edit", unknown, "--minutes", "40"]);
    assert!(err.contains("no check-in with id"), "{err}");
    let text = p
        .desk
        .ok(&["checkin", "list", "--history", "--learner", &p.learner]);
    assert!(
        text.contains("REPLACED BY") && text.contains("first draft"),
        "{text}"
    );
    p.desk.assert_check_ok();
}

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
    assert!(out.contains("milestone 1 achieved"), "{out}");
    let milestones = p
        .desk
        .json(&["milestone", "list", "--learner", &p.learner, "--json"]);
    assert_eq!(milestones[0]["status"], "achieved");
    let checkin = latest(&p.desk);
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
    let checkin = latest(&p.desk);
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
    let second = latest(&p.desk);
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
    let edited = latest(&p.desk);
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
    for (extra, expected) in &cases {
        let args: Vec<&str> = base.iter().copied().chain(extra.iter().copied()).collect();
        let err = p.desk.refused(&args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
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

#[test]
fn export_checkins_writes_every_version_as_csv() {
    let p = Desk::paired();
    let id = p.pairing.to_string();
    p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--notes",
        "two\nlines, quoted \"x\"",
    ]);
    let first = latest(&p.desk)["id"].as_str().unwrap().to_string();
    p.desk.ok(&["checkin", "edit", &first, "--minutes", "35"]);
    let csv = p.desk.ok(&["export", "checkins"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        &header[..6],
        ["id", "pairing", "learner", "mentor", "at", "minutes"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let old = rows.iter().find(|r| &r[0] == first.as_str()).unwrap();
    assert_eq!(&old[column("notes")], "two\nlines, quoted \"x\"");
    assert_eq!(&old[column("current")], "false");

    let file = p.desk.dir.path().join("checkins.csv");
    p.desk
        .ok(&["export", "checkins", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);
}

#[test]
fn demo_checkins_list_by_learner() {
    let desk = Desk::demo();
    let all = desk.json(&["checkin", "list", "--json"]);
    let learner = all[0]["learner"].as_str().unwrap().to_string();
    let own = desk.json(&["checkin", "list", "--learner", &learner, "--json"]);
    let own = own.as_array().unwrap();
    assert!(!own.is_empty());
    assert!(own.iter().all(|c| c["learner"] == learner.as_str()));
    let times: Vec<&str> = own.iter().map(|c| c["at"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "oldest first");
    let err = desk.refused(&["checkin", "list", "--learner", "NOBODY"]);
    assert!(err.contains("no learner with id \"NOBODY\""), "{err}");
}
