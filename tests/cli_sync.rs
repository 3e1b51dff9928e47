//! Mentors offline through the real binary and real files: the coordinator's demo, a mentor
//! pack, a mentor desk logging and editing check-ins, a signed bundle imported twice, the
//! receipt acknowledged, milestones travelling, bundles out of order and gaps named.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;
mod sync_support;

use cli_support::Desk;
use serde_json::Value;
use sync_support::*;

#[test]
fn a_week_offline_arrives_once_with_the_edit_and_the_mentor_as_author() {
    let coord = Desk::demo();
    assert!(coord.ok(&["where"]).contains("coordinator desk, device "));
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    let pack_text = std::fs::read_to_string(&pack).unwrap();
    assert!(
        !pack_text.contains('@'),
        "no e-mail without --with-contacts"
    );
    assert!(desk.ok(&["where"]).contains("mentor desk of "));
    assert!(desk.ok(&["where"]).contains(&format!("({mentor})")));

    let before = coord.checkin_count(true);
    let first = log(&desk, pairings[0], "Kickoff: goals for the month");
    log(&desk, pairings[1], "Went through the CV");
    log(&desk, pairings[0], "Pair programming on the exercise");
    desk.ok(&[
        "checkin",
        "edit",
        &first,
        "--notes",
        "Kickoff: three goals for the month",
    ]);
    let status = desk.json(&["sync", "status", "--json"]);
    assert_eq!(status["pending"], 4);

    let bundle = export(&desk, "week.json", &[]);
    let once = import(&coord, &bundle);
    assert!(
        once.contains("4 new, 0 already had, 0 conflicts, 0 missing, 0 rejected"),
        "{once}"
    );
    let twice = import(&coord, &bundle);
    assert!(
        twice.contains("0 new, 4 already had, 0 conflicts, 0 missing, 0 rejected"),
        "{twice}"
    );
    assert_eq!(coord.checkin_count(true), before + 4);

    // Exactly the mentor's records, the edit in place of the original, written by the mentor.
    let mine = desk.json(&["checkin", "list", "--json"]);
    let mine: Vec<&Value> = mine.as_array().unwrap().iter().collect();
    assert_eq!(mine.len(), 3);
    let current = coord.json(&["checkin", "list", "--json"]);
    let arrived: Vec<&Value> = current
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| mine.iter().any(|m| m["id"] == c["id"]))
        .collect();
    assert_eq!(arrived.len(), 3);
    for (at_desk, at_coord) in mine.iter().zip(&arrived) {
        for field in [
            "id",
            "pairing",
            "at",
            "minutes",
            "notes",
            "supersedes",
            "author",
        ] {
            assert_eq!(at_desk[field], at_coord[field], "{field}");
        }
        assert_eq!(at_coord["author"], format!("mentor:{mentor}"));
    }
    assert!(
        current
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != first.as_str())
    );
    let edit = arrived
        .iter()
        .find(|c| c["supersedes"] == first.as_str())
        .unwrap();
    assert_eq!(edit["notes"], "Kickoff: three goals for the month");
    let audit = coord.json(&["audit", "--json", "--limit", "10"]);
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "checkin.edit" && e["author"] == format!("mentor:{mentor}"))
    );

    // The receipt marks the records handed over; the next bundle is empty.
    let receipt = bundle.with_file_name("week.receipt.json");
    assert!(
        desk.ok(&["sync", "ack", path_str(&receipt)])
            .contains("4 records handed over")
    );
    assert_eq!(desk.json(&["sync", "status", "--json"])["pending"], 0);
    let empty = export(&desk, "next.json", &[]);
    assert!(import(&coord, &empty).contains("0 new, 0 already had"));
    coord.assert_check_ok();
    desk.assert_check_ok();
}

#[test]
fn a_coordinator_logs_on_a_mentors_behalf() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    coord.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairings[0].to_string(),
        "--minutes",
        "30",
        "--by",
        "mentor",
    ]);
    let latest = coord.latest_checkin();
    assert_eq!(latest["author"], format!("mentor:{mentor}"));
    let audit = coord.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "checkin.add");
    assert_eq!(audit[0]["author"], format!("mentor:{mentor}"));
    coord.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairings[1].to_string(),
        "--minutes",
        "30",
    ]);
    let audit = coord.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["author"], "coordinator");
}

#[test]
fn milestone_changes_made_offline_travel_too() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, _) = mentor_desk(&coord, &mentor);
    let learner = desk
        .json(&["pairings", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == pairings[0])
        .unwrap()["learner"]
        .as_str()
        .unwrap()
        .to_string();
    desk.ok(&[
        "milestone",
        "add",
        "--learner",
        &learner,
        "--title",
        "Ship a portfolio page",
    ]);
    let added = desk.json(&["milestone", "list", "--learner", &learner, "--json"]);
    let added = added
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["title"] == "Ship a portfolio page")
        .unwrap()
        .clone();
    desk.ok(&[
        "milestone",
        "achieve",
        &added["id"].to_string(),
        "--evidence",
        "https://example.org",
    ]);
    let bundle = export(&desk, "m.json", &[]);
    assert!(import(&coord, &bundle).contains("2 new"));
    let there = coord.json(&["milestone", "list", "--learner", &learner, "--json"]);
    let there = there
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["uid"] == added["uid"])
        .unwrap();
    assert_eq!(there["status"], "achieved");
    assert_eq!(there["author"], format!("mentor:{mentor}"));
}

#[test]
fn bundles_out_of_order_and_missing_records_are_named() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, _) = mentor_desk(&coord, &mentor);
    let name = coord
        .json(&["mentors", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == mentor.as_str())
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();
    let first = log(&desk, pairings[0], "one");
    log(&desk, pairings[1], "two");
    let b1 = export(&desk, "b1.json", &[]);
    desk.ok(&["checkin", "edit", &first, "--notes", "one, corrected"]);
    let b2 = export(&desk, "b2.json", &[]);
    // A copy of the coordinator's desk that will never see b1 (a restored backup).
    let restored = Desk::empty();
    std::fs::copy(&coord.db, &restored.db).unwrap();

    // Out of order: the later bundle holds the earlier one's records too.
    assert!(import(&coord, &b2).contains("3 new, 0 already had"));
    assert!(import(&coord, &b1).contains("0 new, 2 already had"));
    desk.ok(&[
        "sync",
        "ack",
        path_str(&b2.with_file_name("b2.receipt.json")),
    ]);

    // Records handed over are not sent again, so the restored desk sees a gap.
    log(&desk, pairings[1], "three");
    let b3 = export(&desk, "b3.json", &[]);
    let out = import(&restored, &b3);
    assert!(
        out.contains("1 new, 0 already had, 0 conflicts, 3 missing"),
        "{out}"
    );
    assert!(
        out.contains(&format!("missing records 1–3 from {name}'s desk")),
        "{out}"
    );
    let status = restored.json(&["sync", "status", "--json"]);
    assert_eq!(status["gaps"][0]["first"], 1);
    assert_eq!(status["gaps"][0]["last"], 3);
    // Everything again closes it (the edit is applied after its original, in order).
    let all = export(&desk, "all.json", &["--all"]);
    let out = import(&restored, &all);
    assert!(
        out.contains("3 new, 1 already had, 0 conflicts, 0 missing, 0 rejected"),
        "{out}"
    );
    assert_eq!(
        restored.json(&["sync", "status", "--json"])["gaps"],
        Value::Array(vec![])
    );
    restored.assert_check_ok();
}
