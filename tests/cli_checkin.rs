//! Check-ins from the command line: logging, editing (a new version supersedes the old),
//! listing with history, exporting, and every bad input refused with exit code 2 and nothing
//! written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{Desk, day};
use serde_json::Value;

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
    let c = p.desk.latest_checkin();
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
    assert_eq!(
        p.desk.latest_checkin()["notes"],
        "from stdin\nsecond]0;title"
    );

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
    assert_eq!(p.desk.latest_checkin()["notes"], "from a file\n  indented");
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
    for err in p.desk.refuses_each(&base, &cases) {
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
        p.desk.latest_checkin()["at"]
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
    // A future date is never years ahead, which would hide the pairing's silence: no --future lifts it.
    let before = p.desk.checkin_count(true);
    for far in ["9999-12-31".to_string(), day(15)] {
        let err = p.desk.refused(&[
            "checkin",
            "add",
            "--pairing",
            &id,
            "--minutes",
            "30",
            "--at",
            &far,
            "--future",
        ]);
        assert!(err.contains("more than 14 days after today"), "{err}");
    }
    assert_eq!(p.desk.checkin_count(true), before, "nothing written");
    p.desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &id,
        "--minutes",
        "30",
        "--at",
        &day(14),
        "--future",
    ]);
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
    let original = p.desk.latest_checkin()["id"].as_str().unwrap().to_string();
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
    assert!(err.contains("\"not-a-uuid\" is not a check-in id"), "{err}");
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
    let first = p.desk.latest_checkin()["id"].as_str().unwrap().to_string();
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
