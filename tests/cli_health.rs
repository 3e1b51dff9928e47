//! Health thresholds from the command line: `health` shows each one with its default and
//! meaning, `health set` changes one (audited, judged at once), `health reset` puts defaults
//! back, and every bad input is refused with exit code 2 and nothing changed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;
use serde_json::Value;

fn audit_actions(desk: &Desk) -> Vec<String> {
    desk.json(&["audit", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn health_lists_every_threshold_with_value_default_and_meaning() {
    let desk = Desk::empty();
    let text = desk.ok(&["health"]);
    for (words, name) in [
        ("needs a check-in after", "needs_checkin_cadences"),
        ("at risk after", "at_risk_cadences"),
        ("at risk: confidence fell for", "falling_checkins"),
        ("at risk: milestone late by over", "overdue_milestone_days"),
        ("at risk: no first check-in in", "first_checkin_days"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(words))
            .unwrap_or_else(|| panic!("{words} missing:\n{text}"));
        assert!(line.contains("this many"), "no meaning: {line}");
        assert!(line.contains(name), "the name to set it by: {line}");
    }
    assert!(
        text.contains("DEFAULT") && text.contains("MEANING"),
        "{text}"
    );
    assert!(!text.contains('*'), "nothing changed yet: {text}");
    let json = desk.json(&["health", "--json"]);
    assert_eq!(json["needs_checkin_cadences"]["value"], 1.5);
    assert_eq!(json["needs_checkin_cadences"]["default"], 1.5);
    assert_eq!(json["first_checkin_days"]["value"], 21);
    assert_eq!(
        json["falling_checkins"]["allowed"],
        "a whole number from 1 to 20"
    );
    assert_eq!(json["at_risk_cadences"]["setting"], "at risk after");
    assert!(
        json["at_risk_cadences"]["meaning"]
            .as_str()
            .unwrap()
            .contains("at risk")
    );
}

#[test]
fn set_changes_one_threshold_audited_and_health_follows() {
    let p = Desk::paired();
    assert_eq!(
        p.desk.json(&["pairings", "--json"])[0]["health"],
        "too-early"
    );
    let out = p.desk.ok(&["health", "set", "first_checkin_days", "0"]);
    assert!(
        out.contains("at risk: no first check-in in (first_checkin_days): 21 → 0 days"),
        "{out}"
    );
    assert!(out.contains("0 *"), "changed value marked: {out}");
    // The pairing started moments ago; any time without a first check-in is now too long
    // once a second has passed.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let after = p.desk.json(&["pairings", "--json"]);
    assert_eq!(after[0]["health"], "at-risk", "{after}");
    let audit = p.desk.json(&["audit", "--json"]);
    let entry = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "health.set")
        .unwrap();
    assert_eq!(entry["before"], "21");
    assert_eq!(entry["after"], "0");
    // The prefix, hyphens and case are forgiven, and the words work too.
    p.desk
        .ok(&["health", "set", "health.At-Risk-Cadences", "4"]);
    p.desk.ok(&["health", "set", "At risk after", "4"]);
    assert_eq!(
        p.desk.json(&["health", "--json"])["at_risk_cadences"]["value"],
        4.0
    );
    let json = p
        .desk
        .json(&["health", "set", "falling_checkins", "5", "--json"]);
    assert_eq!(json["falling_checkins"]["value"], 5);
}

#[test]
fn reset_puts_one_or_all_back_to_the_default() {
    let desk = Desk::empty();
    desk.ok(&["health", "set", "at_risk_cadences", "5"]);
    desk.ok(&["health", "set", "needs_checkin_cadences", "4"]);
    desk.ok(&["health", "set", "first_checkin_days", "30"]);
    // Resetting at risk alone would put it (3) below needs check-in (4): refused.
    let err = desk.refused(&["health", "reset", "at_risk_cadences"]);
    assert!(
        err.contains("must be below \"at risk after\" (3 cadences, at_risk_cadences)"),
        "{err}"
    );
    let out = desk.ok(&["health", "reset", "first_checkin_days"]);
    assert!(out.contains("(first_checkin_days): 30 → 21 days"), "{out}");
    let json = desk.json(&["health", "--json"]);
    assert_eq!(json["first_checkin_days"]["value"], 21);
    assert_eq!(json["at_risk_cadences"]["value"], 5.0);
    desk.ok(&["health", "reset"]);
    let json = desk.json(&["health", "--json"]);
    for (name, entry) in json.as_object().unwrap() {
        assert_eq!(entry["value"], entry["default"], "{name}");
    }
    let resets = audit_actions(&desk)
        .iter()
        .filter(|a| *a == "health.reset")
        .count();
    assert_eq!(resets, 3, "one entry per setting put back");
    let out = desk.ok(&["health", "reset"]);
    assert!(out.contains("nothing changed"), "{out}");
}

#[test]
fn bad_input_is_refused_naming_the_setting_and_range() {
    let desk = Desk::empty();
    let before: Value = desk.json(&["health", "--json"]);
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["health", "set", "at_risk", "4"],
            &["unknown", "at_risk_cadences", "first_checkin_days"],
        ),
        (
            &["health", "set", "first_checkin_days", "4000"],
            &["health.first_checkin_days=4000", "from 0 to 3650"],
        ),
        (
            &["health", "set", "first_checkin_days", "-1"],
            &["health.first_checkin_days", "from 0 to 3650"],
        ),
        (
            &["health", "set", "falling_checkins", "0"],
            &["health.falling_checkins", "from 1 to 20"],
        ),
        (
            &["health", "set", "falling_checkins", "2.5"],
            &["health.falling_checkins", "whole number"],
        ),
        (
            &["health", "set", "at_risk_cadences", "0"],
            &["health.at_risk_cadences", "above 0 and at most 100"],
        ),
        (
            &["health", "set", "at_risk_cadences", "101"],
            &["above 0 and at most 100"],
        ),
        (
            &["health", "set", "needs_checkin_cadences", "soon"],
            &["health.needs_checkin_cadences=soon", "a number"],
        ),
        (
            &["health", "set", "needs_checkin_cadences", "NaN"],
            &["health.needs_checkin_cadences"],
        ),
        (
            &["health", "set", "needs_checkin_cadences", "3"],
            &[
                "needs a check-in after 3 cadences",
                "must be below \"at risk after\" (3 cadences, at_risk_cadences)",
            ],
        ),
        (&["health", "reset", "nope"], &["unknown", "nope"]),
    ];
    for (args, words) in cases {
        let err = desk.refused(args);
        for word in *words {
            assert!(err.contains(word), "{args:?}: {word:?} not in {err}");
        }
    }
    // Missing value: clap's usage error, also exit 2.
    desk.refused(&["health", "set", "at_risk_cadences"]);
    assert_eq!(desk.json(&["health", "--json"]), before, "nothing changed");
    assert!(
        !audit_actions(&desk)
            .iter()
            .any(|a| a.starts_with("health."))
    );
}
