//! `reflection add` and `reflections`: a learner's own words recorded (by the coordinator or
//! on their mentor's behalf), listed, on the time line with their confidence marked
//! self-reported, found by `search`; every bad input refused with exit code 2, a clear
//! message and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{Desk, day};
use serde_json::Value;

fn reflections(desk: &Desk, learner: &str) -> Vec<Value> {
    desk.json(&["reflections", learner, "--json"])
        .as_array()
        .unwrap()
        .clone()
}

fn audit_len(desk: &Desk) -> usize {
    desk.json(&["audit", "--json", "--limit", "10000"])
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn reflections_are_recorded_listed_and_on_the_timeline() {
    let paired = Desk::paired();
    let (desk, learner, mentor) = (&paired.desk, &paired.learner, &paired.mentor);
    let said = desk.ok(&[
        "reflection",
        "add",
        learner,
        "--text",
        "Tests finally make sense.\nNext: traits.",
        "--confidence",
        "4",
        "--by",
        "mentor",
    ]);
    assert!(
        said.starts_with("reflection 1 recorded for L001")
            && said.contains(&format!("written down by mentor:{mentor}"))
            && said.contains("confidence 4 (self-reported)"),
        "{said}"
    );
    let text = "lost\x1b[31m in week one";
    // A bare date is midday of that day: today's may sort before or after the first.
    desk.ok(&[
        "reflection",
        "add",
        learner,
        "--text",
        text,
        "--at",
        &day(0),
    ]);

    let mut listed = reflections(desk, learner);
    assert_eq!(listed.len(), 2);
    listed.sort_by_key(|r| r["id"].as_i64());
    assert_eq!(
        listed[0]["text"],
        "Tests finally make sense.\nNext: traits."
    );
    assert_eq!(listed[0]["author"], format!("mentor:{mentor}"));
    assert_eq!(listed[0]["confidence"], 4);
    assert_eq!(listed[0]["self_reported"], true);
    assert_eq!(listed[1]["author"], "coordinator");
    assert_eq!(listed[1]["confidence"], Value::Null);
    assert!(!listed[1]["text"].as_str().unwrap().contains('\x1b'));
    let plain = desk.ok(&["reflections", learner]);
    assert!(
        plain.contains("    Next: traits.") && plain.contains("2 reflections of L001"),
        "{plain}"
    );

    let timeline = desk.json(&["timeline", learner, "--json"]);
    let events: Vec<&Value> = timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "reflection")
        .collect();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e["detail"]["self_reported"] == true));
    assert!(
        events
            .iter()
            .any(|e| e["detail"]["author"] == format!("mentor:{mentor}"))
    );
    assert_eq!(timeline["metrics"]["reflections"], 2);
    let trend = timeline["confidence_trend"].as_array().unwrap();
    assert_eq!(trend.len(), 1, "{trend:?}");
    assert_eq!(trend[0]["value"], 4);
    assert_eq!(trend[0]["self_reported"], true);

    let story = desk.ok(&["timeline", learner]);
    assert!(
        story.contains("confidence: ◕ (4*; * self-reported in a reflection)"),
        "{story}"
    );
    assert!(
        story.contains("reflection         in their own words, confidence 4 (self-reported)"),
        "{story}"
    );

    let found = desk.json(&["search", "traits", "--json"]);
    assert_eq!(found["total"], 1);
    assert_eq!(found["hits"][0]["kind"], "reflection");
    assert_eq!(found["hits"][0]["learner"], learner.as_str());
    assert_eq!(found["hits"][0]["pairing"], paired.pairing);

    let trail = desk.ok(&["audit", "--limit", "2"]);
    assert!(
        trail.contains("reflection recorded, written down by mentor:")
            && trail.contains("(for mentor:"),
        "{trail}"
    );
}

#[test]
fn bad_reflections_are_refused_with_exit_2_and_nothing_written() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let before = audit_len(desk);
    let huge = "x".repeat(4_001);
    let tomorrow = day(1);
    desk.refuses_each(
        &["reflection", "add"],
        &[
            (
                vec!["L999", "--text", "who am I"],
                "no learner with id \"L999\"",
            ),
            (
                vec!["L001", "--text", "  \n "],
                "reflection text is required",
            ),
            (
                vec!["L001", "--text", "ok", "--confidence", "0"],
                "confidence \"0\" is not a whole number from 1 to 5",
            ),
            (
                vec!["L001", "--text", "ok", "--confidence", "6"],
                "confidence \"6\" is not a whole number from 1 to 5",
            ),
            (
                vec!["L001", "--text", "ok", "--at", &tomorrow],
                "after today",
            ),
            (
                vec!["L001", "--text", "ok", "--at", "last tuesday"],
                "--at \"last tuesday\"",
            ),
            (
                vec!["L001", "--text", &huge],
                "is too long (at most 4000 characters)",
            ),
            // L002 waits for a match: there is no mentor to write for.
            (
                vec!["L002", "--text", "ok", "--by", "mentor"],
                "no active or paused pairing",
            ),
        ],
    );
    let err = String::from_utf8(
        desk.run_with_stdin(&["reflection", "add", "L001", "--text", "-"], &huge)
            .stderr,
    )
    .unwrap();
    assert!(err.contains("too long"), "{err}");
    assert!(
        desk.refused(&["reflections", "L999"])
            .contains("no learner")
    );
    assert!(reflections(desk, "L001").is_empty());
    assert_eq!(audit_len(desk), before, "nothing was written");
    desk.assert_check_ok();
}

#[test]
fn standard_input_carries_a_long_reflection() {
    let paired = Desk::paired();
    let out = paired.desk.run_with_stdin(
        &[
            "reflection",
            "add",
            "L001",
            "--text",
            "-",
            "--confidence",
            "3",
        ],
        "line one\nline two\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = reflections(&paired.desk, "L001");
    assert_eq!(listed[0]["text"], "line one\nline two");
}

#[test]
fn reports_count_reflections_and_never_quote_them() {
    let desk = Desk::demo();
    let active = desk.json(&["pairings", "--status", "active", "--json"]);
    let learners: Vec<String> = active
        .as_array()
        .unwrap()
        .iter()
        .take(6)
        .map(|p| p["learner"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        learners.len(),
        6,
        "the demo has six active pairings or more"
    );
    for (i, learner) in learners.iter().enumerate() {
        let confidence = (i % 5 + 1).to_string();
        desk.ok(&[
            "reflection",
            "add",
            learner,
            "--text",
            "xylophonic worries about the capstone, said in confidence",
            "--confidence",
            &confidence,
        ]);
    }
    for anonymized in [true, false] {
        for format in ["text", "json", "html"] {
            let mut args = vec!["report", "--format", format, "--period", "all"];
            if anonymized {
                args.push("--anonymized");
            }
            let report = desk.ok(&args);
            assert!(
                !report.contains("xylophonic") && !report.contains("capstone"),
                "{args:?} quotes a reflection"
            );
            assert!(
                report.contains("reflection"),
                "{args:?} has no reflections section"
            );
        }
    }
    let json: Value = serde_json::from_str(&desk.ok(&[
        "report",
        "--format",
        "json",
        "--period",
        "all",
        "--anonymized",
    ]))
    .unwrap();
    let r = &json["metrics"]["reflections"];
    assert_eq!(r["count"], 6);
    assert_eq!(r["learners"], 6);
    assert_eq!(r["rated"], 6);
    // Six learners with one rating each: no learner has a change to measure.
    assert_eq!(json["metrics"]["self_confidence_change"]["learners"], "<5");

    // `metrics` (the named view for the program team) counts them too.
    let text = desk.ok(&["metrics", "--period", "all"]);
    assert!(
        text.contains("reflections recorded") && text.contains(" 6\n"),
        "{text}"
    );
    assert!(!text.contains("xylophonic"));
}

#[test]
fn an_import_is_not_undone_under_a_reflection_and_a_new_program_empties_them() {
    let desk = Desk::sample();
    desk.ok(&[
        "reflection",
        "add",
        "L001",
        "--text",
        "quinoa-flavoured hopes",
    ]);
    // The learners' import brought L001: undoing it would delete the learner under the words.
    let err = desk.refused(&["undo"]);
    assert!(err.contains("reflections"), "{err}");
    assert_eq!(reflections(&desk, "L001").len(), 1);

    desk.ok(&["demo", "--force"]);
    assert_eq!(desk.json(&["search", "quinoa", "--json"])["total"], 0);
    desk.assert_check_ok();
}

#[test]
fn a_mentor_desk_refuses_a_reflection_it_could_not_hand_back() {
    let paired = Desk::paired();
    let pack = paired.desk.dir.path().join("pack.json");
    paired.desk.ok(&[
        "pack",
        "export",
        "--mentor",
        &paired.mentor,
        "-o",
        pack.to_str().unwrap(),
    ]);
    let mentor_desk = Desk::empty();
    mentor_desk.ok(&["pack", "import", pack.to_str().unwrap()]);
    let err = mentor_desk.refused(&["reflection", "add", &paired.learner, "--text", "words"]);
    assert!(err.contains("recording a learner's reflection"), "{err}");
    assert!(reflections(&mentor_desk, &paired.learner).is_empty());
}
