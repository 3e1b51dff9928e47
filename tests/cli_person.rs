//! People kept up to date from the command line: `person add|set|show`,
//! `mentor pause|resume|retire`, `learner withdraw|graduate|wait` — each audited, each bad
//! value refused with exit code 2 and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{Desk, day};

fn mentor_json(desk: &Desk, id: &str) -> serde_json::Value {
    let mentors = desk.json(&["mentors", "--json"]);
    mentors
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no mentor {id}"))
        .clone()
}

fn audit_count(desk: &Desk) -> usize {
    desk.json(&["audit", "--json", "--limit", "1000"])
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_person_added_by_hand_follows_the_csv_rules_and_is_audited() {
    let desk = Desk::sample();
    let out = desk.ok(&[
        "person",
        "add",
        "--kind",
        "learner",
        "--id",
        "L900",
        "--name",
        "Ines Vidal",
        "--timezone",
        "Europe/Lisbon",
        "--languages",
        "pt;en",
        "--modes",
        "video",
        "--availability",
        "Mon 18:00-20:00",
        "--goals",
        "Move into data engineering",
    ]);
    assert!(
        out.contains("added learner L900 (Ines Vidal), waiting"),
        "{out}"
    );
    assert_eq!(desk.learner_status("L900"), "waiting");
    let audit = desk.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "learner.add");
    assert_eq!(audit[0]["subject"], "learner:L900");

    let out = desk.ok(&[
        "person",
        "add",
        "--kind",
        "mentor",
        "--id",
        "M900",
        "--name",
        "Kai Berg",
        "--capacity",
        "2",
        "--expertise",
        "python:4",
    ]);
    assert!(
        out.contains("added mentor M900 (Kai Berg), active, capacity 2"),
        "{out}"
    );
    let before = audit_count(&desk);
    desk.refuses_each(
        &["person", "add"],
        &[
            (
                vec!["--kind", "learner", "--id", "L900", "--name", "Again"],
                "already a learner with id \"L900\"",
            ),
            (
                vec!["--kind", "learner", "--id", "L901", "--name", "  "],
                "needs a name",
            ),
            (
                vec![
                    "--kind",
                    "learner",
                    "--id",
                    "L901",
                    "--name",
                    "X",
                    "--timezone",
                    "Mars/Base",
                ],
                "unknown time zone \"Mars/Base\"",
            ),
            (
                vec!["--kind", "mentor", "--id", "M901", "--name", "X"],
                "needs a capacity",
            ),
            (
                vec![
                    "--kind",
                    "mentor",
                    "--id",
                    "M901",
                    "--name",
                    "X",
                    "--capacity",
                    "51",
                ],
                "capacity \"51\" is not a whole number from 0 to 50",
            ),
            (
                vec![
                    "--kind",
                    "learner",
                    "--id",
                    "L901",
                    "--name",
                    "X",
                    "--capacity",
                    "2",
                ],
                "unknown learner field \"capacity\"",
            ),
        ],
    );
    assert_eq!(audit_count(&desk), before, "a refused add writes nothing");
}

#[test]
fn a_field_is_set_with_before_and_after_and_bad_values_are_refused() {
    let desk = Desk::sample();
    let out = desk.ok(&["person", "set", "L001", "timezone", "Asia/Kolkata"]);
    assert!(
        out.contains("timezone \"America/Bogota\" → \"Asia/Kolkata\""),
        "{out}"
    );
    let audit = desk.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "learner.update");
    assert_eq!(audit[0]["before"]["timezone"], "America/Bogota");
    assert_eq!(audit[0]["after"]["timezone"], "Asia/Kolkata");

    let before = audit_count(&desk);
    let other = desk.json(&["learners", "--json"])[1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    desk.refuses_each(
        &["person", "set"],
        &[
            (
                vec!["L001", "timezone", "Mars/Base"],
                "unknown time zone \"Mars/Base\"",
            ),
            (vec!["L001", "name", ""], "name is required"),
            (
                vec!["L001", "id", &other],
                &format!("already a learner with id \"{other}\""),
            ),
            (
                vec!["L001", "status", "matched"],
                "follows the learner's pairings",
            ),
            (
                vec!["M01", "capacity", "60"],
                "capacity \"60\" is not a whole number from 0 to 50",
            ),
            (
                vec!["M01", "shoe-size", "9"],
                "unknown mentor field \"shoe-size\"",
            ),
            (vec!["NOBODY", "name", "X"], "no learner with id \"NOBODY\""),
        ],
    );
    assert_eq!(audit_count(&desk), before, "a refused edit writes nothing");
    // The same id in both lists must be told apart.
    desk.ok(&[
        "person",
        "add",
        "--kind",
        "mentor",
        "--id",
        "L001",
        "--name",
        "Twin",
        "--capacity",
        "1",
    ]);
    let err = desk.refused(&["person", "set", "L001", "name", "Y"]);
    assert!(err.contains("both a learner and a mentor"), "{err}");
    desk.ok(&[
        "person", "set", "L001", "name", "Twin Two", "--kind", "mentor",
    ]);
}

#[test]
fn an_id_that_pairings_point_at_stays_and_capacity_never_drops_below_the_load() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let err = desk.refused(&["person", "set", &paired.learner, "id", "L777"]);
    assert!(
        err.contains("cannot change: 1 pairing point at it"),
        "{err}"
    );
    let err = desk.refused(&["person", "set", &paired.mentor, "capacity", "0"]);
    assert!(err.contains("capacity 0 for mentor"), "{err}");
    assert!(
        err.contains(&format!(
            "pairing {} ({} → {}, active)",
            paired.pairing, paired.learner, paired.mentor
        )),
        "{err}"
    );
    let err = desk.refused(&["mentor", "retire", &paired.mentor]);
    assert!(
        err.contains(&format!("pairing {}", paired.pairing)),
        "{err}"
    );
    let err = desk.refused(&["learner", "withdraw", &paired.learner]);
    assert!(
        err.contains(&format!("end it first (mentordesk end {}", paired.pairing)),
        "{err}"
    );
    desk.assert_check_ok();
    assert_eq!(mentor_json(desk, &paired.mentor)["status"], "active");
}

#[test]
fn a_mentor_paused_until_a_day_is_not_offered_and_pause_days_must_lie_ahead() {
    let desk = Desk::sample();
    let before = desk.json(&["candidates", "L001", "--json"]);
    let best = before["candidates"][0]["mentor"]
        .as_str()
        .unwrap()
        .to_string();
    let out = desk.ok(&["mentor", "pause", &best, "--until", &day(10)]);
    assert!(
        out.contains(&format!("is paused until {}", day(10))),
        "{out}"
    );
    let after = desk.json(&["candidates", "L001", "--json"]);
    let offered: Vec<&str> = after["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mentor"].as_str().unwrap())
        .collect();
    assert!(!offered.contains(&best.as_str()), "{offered:?}");
    assert_eq!(mentor_json(&desk, &best)["status"], "paused");
    let audit = desk.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "mentor.pause");
    assert_eq!(audit[0]["before"]["status"], "active");
    assert_eq!(audit[0]["after"]["paused_until"], day(10));

    desk.refuses_each(
        &["mentor", "pause", &best, "--until"],
        &[
            (vec![&day(-1)], "the day must be after today"),
            (vec![&day(0)], "the day must be after today"),
            (vec!["next week"], "pause date"),
        ],
    );
    desk.ok(&["mentor", "resume", &best]);
    assert_eq!(mentor_json(&desk, &best)["status"], "active");
    let err = desk.refused(&["mentor", "resume", &best]);
    assert!(err.contains("is already active"), "{err}");
    desk.ok(&["mentor", "retire", &best]);
    assert_eq!(mentor_json(&desk, &best)["status"], "retired");
}

#[test]
fn withdrawn_and_graduated_learners_leave_the_waiting_list() {
    let desk = Desk::sample();
    desk.ok(&["learner", "withdraw", "L001"]);
    desk.ok(&["learner", "graduate", "L002"]);
    assert_eq!(desk.learner_status("L001"), "withdrawn");
    assert_eq!(desk.learner_status("L002"), "graduated");
    let scores = desk.json(&["scores", "--json"]);
    let waiting = scores.to_string();
    assert!(
        !waiting.contains("\"L001\"") && !waiting.contains("\"L002\""),
        "{waiting}"
    );
    let err = desk.refused(&["learner", "withdraw", "L001"]);
    assert!(err.contains("already withdrawn"), "{err}");
    desk.ok(&["learner", "wait", "L001"]);
    assert_eq!(desk.learner_status("L001"), "waiting");
}

#[test]
fn show_lists_a_mentors_mentees() {
    let paired = Desk::paired();
    let shown = paired
        .desk
        .json(&["person", "show", &paired.mentor, "--json"]);
    assert_eq!(shown["kind"], "mentor");
    assert_eq!(shown["pairings"][0]["pairing"], paired.pairing);
    assert_eq!(shown["pairings"][0]["with_id"], paired.learner.as_str());
    let text = paired.desk.ok(&["person", "show", &paired.learner]);
    assert!(text.contains("mentors (newest first):"), "{text}");
}
