//! The command line for people (issue 13): names beside ids in `at-risk`, `pairings`, `plan`
//! and `timeline` (JSON keeps the ids and adds names); why `plan` leaves a learner
//! unmatched; a rematched learner's wait counted from when they first asked; health settings
//! in words; plan totals on the score scale; free seats counted as the desk counts them; a
//! first milestone due in the past refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{Desk, day};
use serde_json::Value;

fn learner_names(desk: &Desk) -> Vec<(String, String)> {
    desk.json(&["learners", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_string(),
                l["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn name_of(names: &[(String, String)], id: &str) -> String {
    names.iter().find(|(i, _)| i == id).unwrap().1.clone()
}

#[test]
fn pairings_and_at_risk_name_both_people_beside_their_ids() {
    let desk = Desk::demo();
    let names = learner_names(&desk);
    let pairings = desk.json(&["pairings", "--status", "active", "--json"]);
    let first = &pairings[0];
    let (learner, mentor) = (
        first["learner"].as_str().unwrap(),
        first["mentor"].as_str().unwrap(),
    );
    let learner_name = name_of(&names, learner);
    assert_eq!(first["learner_name"], learner_name.as_str());
    assert!(first["mentor_name"].as_str().unwrap().len() > 1);
    let mentor_name = first["mentor_name"].as_str().unwrap();
    let text = desk.ok(&["pairings", "--status", "active"]);
    assert!(
        text.contains(&format!("{learner_name} ({learner})")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{mentor_name} ({mentor})")),
        "{text}"
    );

    let at_risk = desk.json(&["at-risk", "--json"]);
    let row = &at_risk[0];
    let (learner, mentor) = (
        row["learner"].as_str().unwrap(),
        row["mentor"].as_str().unwrap(),
    );
    assert_eq!(row["learner_name"], name_of(&names, learner).as_str());
    let text = desk.ok(&["at-risk"]);
    let why = format!(
        "{} {} ({learner}) → {} ({mentor}):",
        row["id"],
        name_of(&names, learner),
        row["mentor_name"].as_str().unwrap()
    );
    assert!(text.contains(&why), "{why} not in:\n{text}");
}

#[test]
fn the_timeline_names_the_learner_and_mentors_in_the_desks_words() {
    let desk = Desk::demo();
    let pairing = &desk.json(&["pairings", "--status", "active", "--json"])[0];
    let learner = pairing["learner"].as_str().unwrap();
    let mentor = pairing["mentor"].as_str().unwrap();
    let mentor_name = pairing["mentor_name"].as_str().unwrap();
    let learner_name = pairing["learner_name"].as_str().unwrap();
    let text = desk.ok(&["timeline", learner]);
    assert!(
        text.starts_with(&format!("Timeline of {learner_name} ({learner})")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  matched            with {mentor_name} ({mentor}), pairing"
        )),
        "{text}"
    );
    assert!(
        !text.contains("milestone-planned"),
        "words, not codes: {text}"
    );
    let json = desk.json(&["timeline", learner, "--json"]);
    assert_eq!(json["learner_name"], learner_name);
    let matched = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "matched")
        .unwrap();
    assert_eq!(matched["detail"]["mentor"], mentor);
    assert_eq!(matched["detail"]["mentor_name"], mentor_name);
}

#[test]
fn plan_names_pairs_and_says_why_a_learner_is_left_unmatched() {
    let desk = Desk::sample();
    // A learner whose only language no mentor speaks.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("apart.csv");
    std::fs::write(&file, "id,name,languages,modes\nZ01,Ilse Apart,is,video\n").unwrap();
    desk.ok(&["import", "learners", file.to_str().unwrap()]);
    let names = learner_names(&desk);
    let text = desk.ok(&["plan", "--strategy", "greedy"]);
    assert!(
        text.contains("scores (0–100): total "),
        "the total on the score scale, labelled: {text}"
    );
    let json = desk.json(&["plan", "--strategy", "greedy", "--json"]);
    let pair = &json["pairs"][0];
    let learner = pair["learner"].as_str().unwrap();
    assert_eq!(pair["learner_name"], name_of(&names, learner).as_str());
    assert!(text.contains(&format!("{} ({learner})", name_of(&names, learner))));

    let why: Vec<Value> = json["unmatched_why"].as_array().unwrap().clone();
    assert_eq!(why.len(), json["unmatched"].as_array().unwrap().len());
    let apart = why.iter().find(|w| w["learner"] == "Z01").unwrap();
    let reason = apart["why"].as_str().unwrap();
    assert!(
        reason.contains("no mentor passes the hard rules") && reason.contains("no shared language"),
        "{reason}"
    );
    assert!(
        text.contains("Ilse Apart (Z01): no mentor passes the hard rules; most are ruled out by no shared language"),
        "{text}"
    );
    for w in &why {
        let reason = w["why"].as_str().unwrap();
        assert!(
            reason.contains("who fit")
                || reason.contains("no mentor passes the hard rules; most are ruled out by "),
            "{w}"
        );
    }
}

#[test]
fn a_rematched_learner_keeps_the_wait_since_first_asking() {
    let desk = Desk::demo();
    let pairing = &desk.json(&["pairings", "--status", "active", "--json"])[0];
    let learner = pairing["learner"].as_str().unwrap().to_string();
    let id = pairing["id"].as_i64().unwrap().to_string();
    desk.ok(&["rematch", &id, "--reason", "mismatch"]);
    let learners = desk.json(&["learners", "--json"]);
    let row = learners
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == learner.as_str())
        .unwrap();
    assert_eq!(row["status"], "waiting");
    let (days, again) = (
        row["waiting_days"].as_i64().unwrap(),
        row["waiting_again_days"].as_i64().unwrap(),
    );
    assert_eq!(again, 0, "the pairing ended today");
    assert!(
        days > 7,
        "counted from joining months ago, not from today: {days}"
    );
    // Not at the bottom of the longest-wait list: someone waits less.
    let shortest = learners
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["waiting_days"].as_i64())
        .min()
        .unwrap();
    assert!(shortest < days, "{shortest} < {days}");
    let text = desk.ok(&["learners"]);
    let line = text.lines().find(|l| l.starts_with(&learner)).unwrap();
    assert!(
        line.contains(&format!("{days} days (0 days since a pairing ended)")),
        "{line}"
    );
}

#[test]
fn candidates_count_free_seats_as_the_desk_does() {
    let p = Desk::paired();
    let text = p.desk.ok(&["candidates", "L002"]);
    let header = text.lines().find(|l| l.starts_with('#')).unwrap();
    assert!(
        header.contains("FREE") && !header.contains("SEATS"),
        "{header}"
    );
    let mentors = p.desk.json(&["mentors", "--json"]);
    let paired = mentors
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == p.mentor.as_str())
        .unwrap();
    let capacity = paired["capacity"].as_i64().unwrap();
    let row = text
        .lines()
        .find(|l| l.contains(&format!(" {} ", p.mentor)));
    if let Some(row) = row {
        // One seat taken by L001.
        assert!(
            row.contains(&format!("{} of {capacity}", capacity - 1)),
            "{row}"
        );
    }
}

#[test]
fn approve_refuses_a_first_milestone_due_before_today() {
    let desk = Desk::sample();
    let candidates = desk.json(&["candidates", "L001", "--json"]);
    let mentor = candidates["candidates"][0]["mentor"].as_str().unwrap();
    let yesterday = day(-1);
    let err = desk.refused(&[
        "approve",
        "L001",
        mentor,
        "--milestone",
        "First portfolio piece",
        "--milestone-due",
        &yesterday,
    ]);
    assert!(
        err.contains(&format!("milestone due date {yesterday} is before today")),
        "{err}"
    );
    assert!(
        desk.json(&["pairings", "--json"])
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing approved"
    );
    let bad = desk.refused(&[
        "approve",
        "L001",
        mentor,
        "--milestone",
        "x",
        "--milestone-due",
        "soon",
    ]);
    assert!(bad.contains("--milestone-due"), "{bad}");
    let today = day(0);
    let out = desk.ok(&[
        "approve",
        "L001",
        mentor,
        "--milestone",
        "First portfolio piece",
        "--milestone-due",
        &today,
    ]);
    assert!(
        out.contains(&format!("\"First portfolio piece\", due {today}")),
        "{out}"
    );
}

#[test]
fn plan_says_when_every_mentor_who_fits_is_full() {
    let desk = Desk::empty();
    let dir = tempfile::tempdir().unwrap();
    let mentors = dir.path().join("m.csv");
    let learners = dir.path().join("l.csv");
    std::fs::write(&mentors, "id,name,capacity,languages\nM1,Sam Lee,1,en\n").unwrap();
    std::fs::write(
        &learners,
        "id,name,languages\nL1,Ana Ruiz,en\nL2,Bea Ortiz,en\n",
    )
    .unwrap();
    desk.ok(&["import", "mentors", mentors.to_str().unwrap()]);
    desk.ok(&["import", "learners", learners.to_str().unwrap()]);
    let json = desk.json(&["plan", "--json"]);
    let why = &json["unmatched_why"][0];
    assert_eq!(
        why["why"],
        "the one mentor who fits is full (this plan gave their free seats to others)"
    );
    let text = desk.ok(&["plan"]);
    assert!(text.contains("Sam Lee (M1)"), "{text}");
}
