//! Learners' say in matching from the command line: `learners.csv`'s `prefer`, `avoid` and
//! `mentor_experience` columns (older files import unchanged), a wish naming no mentor as a
//! warning (file, line, column, value; exit 0), bad values refused (exit 2, nothing written),
//! `person set` as the desk form's twin (audited), and the candidates they change: `avoid`
//! rules a mentor out with its reason, `prefer` earns its own points, and a learner who said
//! nothing ranks as before.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::path::PathBuf;

use cli_support::Desk;
use serde_json::Value;

fn fixture(path: &str) -> String {
    let full: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures", path]
        .iter()
        .collect();
    full.to_str().unwrap().to_string()
}

fn learner(desk: &Desk, id: &str) -> Value {
    desk.json(&["learners", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .unwrap_or_else(|| panic!("no learner {id}"))
        .clone()
}

/// Each candidate's mentor, score and breakdown.
fn candidates(desk: &Desk, id: &str) -> Value {
    desk.json(&["candidates", id, "--json", "--top", "50"])
}

fn scores(ranking: &Value) -> Vec<(String, u64)> {
    ranking["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["mentor"].as_str().unwrap().to_string(),
                c["score"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn an_older_file_imports_unchanged_and_its_learners_rank_as_before() {
    let desk = Desk::sample();
    for l in desk.json(&["learners", "--json"]).as_array().unwrap() {
        assert_eq!(l["prefer"], serde_json::json!([]), "{l}");
        assert_eq!(l["avoid"], serde_json::json!([]), "{l}");
        assert_eq!(l["mentor_experience"], Value::Null, "{l}");
    }
    // A learner who said nothing is scored without `prefer`: its weight changes nothing.
    let before = scores(&candidates(&desk, "L001"));
    assert!(!before.is_empty());
    desk.ok(&["weights", "set", "prefer", "100"]);
    assert_eq!(scores(&candidates(&desk, "L001")), before);
    // Nor does `credential` until it is given a weight (verified mentors are among these).
    desk.ok(&["weights", "set", "credential", "0"]);
    assert_eq!(scores(&candidates(&desk, "L001")), before);
    // The export writes the new columns, empty.
    let csv = desk.ok(&["export", "learners"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",status,prefer,avoid,mentor_experience"),
        "{header}"
    );
}

#[test]
fn wishes_import_and_an_unknown_mentor_is_a_warning_naming_file_line_column_and_value() {
    let desk = Desk::sample();
    let file = fixture("valid/learners_preferences.csv");
    let out = desk.run(&["import", "learners", &file]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("imported learners"), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings[0].ends_with(
            "learners_preferences.csv:3: column prefer: \"M99\": no mentor has this id or this \
             expertise (kept; it counts once one does)"
        ),
        "{stderr}"
    );
    assert!(
        warnings[1].ends_with(
            "learners_preferences.csv:4: column avoid: \"M98\": no mentor has this id (kept; it \
             counts once one does)"
        ),
        "{stderr}"
    );
    let l001 = learner(&desk, "L001");
    assert_eq!(l001["prefer"], serde_json::json!(["M06"]));
    assert_eq!(l001["avoid"], serde_json::json!(["M01"]));
    assert_eq!(l001["mentor_experience"], "mid");
    assert_eq!(
        learner(&desk, "L002")["prefer"],
        serde_json::json!(["M99", "python"])
    );

    // `avoid` rules M01 out with its reason; `prefer` gives M06 its full points.
    let ranking = candidates(&desk, "L001");
    let m01 = ranking["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["mentor"] == "M01")
        .unwrap();
    assert_eq!(
        m01["reasons"],
        serde_json::json!(["the learner asked not to be matched with this mentor"])
    );
    let first = &ranking["candidates"][0];
    assert_eq!(first["mentor"], "M06");
    assert_eq!(first["breakdown"]["prefer"], 167);
    let sum: u64 = first["breakdown"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(sum, first["score"].as_u64().unwrap());
    let text = desk.ok(&["candidates", "L001"]);
    assert!(
        text.contains(
            "The learner's wishes: prefers M06 · avoids M01 · wishes for a mentor of mid experience"
        ),
        "{text}"
    );
    assert!(
        text.contains("prefer      16.7 of  16.7  the learner asked for this mentor"),
        "{text}"
    );
    assert!(
        text.contains(
            "M01 Lucía Fernández Ortega: the learner asked not to be matched with this mentor"
        ),
        "{text}"
    );

    // Export writes them back, and importing the export changes nothing.
    let exported = desk.dir.path().join("out.csv");
    std::fs::write(&exported, desk.ok(&["export", "learners"])).unwrap();
    let again = desk.ok(&["import", "learners", exported.to_str().unwrap()]);
    assert!(again.contains("0 new, 0 updated, 40 unchanged"), "{again}");
}

#[test]
fn bad_wishes_are_refused_whole_with_line_column_and_value() {
    let desk = Desk::sample();
    let before = desk.ok(&["export", "learners"]);
    let err = desk.refused(&[
        "import",
        "learners",
        &fixture("invalid/learners_bad_preferences.csv"),
    ]);
    for expected in [
        "learners_bad_preferences.csv:2: column prefer",
        "\"rust:4\"",
        "learners_bad_preferences.csv:3: column avoid",
        "\"M1 M2\"",
        "learners_bad_preferences.csv:3: column mentor_experience",
        "\"expert\"",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    assert_eq!(desk.ok(&["export", "learners"]), before);
}

#[test]
fn person_set_changes_wishes_audited_and_the_candidates_follow() {
    let desk = Desk::sample();
    let top_before = scores(&candidates(&desk, "L001"))[0].0.clone();
    assert_eq!(top_before, "M01");

    let out = desk.ok(&["person", "set", "L001", "prefer", "M06;python"]);
    assert!(
        out.contains("learner L001: prefer unknown → \"M06;python\""),
        "{out}"
    );
    let audit = desk.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "learner.update");
    assert_eq!(audit[0]["subject"], "learner:L001");
    assert_eq!(
        audit[0]["after"]["prefer"],
        serde_json::json!(["M06", "python"])
    );
    let ranking = candidates(&desk, "L001");
    let prefer_of = |mentor: &str| {
        ranking["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["mentor"] == mentor)
            .map(|c| c["breakdown"]["prefer"].as_u64().unwrap())
    };
    assert_eq!(prefer_of("M06"), Some(167));
    // M01 has python at 5 of 5: a preferred tag, full marks too.
    assert_eq!(prefer_of("M01"), Some(167));

    // Avoiding the top mentor takes them out at once; an unknown id is only a warning.
    let out = desk.run(&["person", "set", "L001", "avoid", "M01;M77"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: learner L001: column avoid: \"M77\": no mentor has this id"),
        "{stderr}"
    );
    assert_eq!(scores(&candidates(&desk, "L001"))[0].0, "M06");

    // A bad value: exit 2, the learner as it was, nothing audited.
    let audit_before = desk.json(&["audit", "--json", "--limit", "1000"]);
    let err = desk.refused(&["person", "set", "L001", "mentor_experience", "expert"]);
    assert!(
        err.contains("\"expert\"") && err.contains("early|mid|senior"),
        "{err}"
    );
    assert_eq!(learner(&desk, "L001")["mentor_experience"], Value::Null);
    assert_eq!(
        desk.json(&["audit", "--json", "--limit", "1000"]),
        audit_before
    );

    // Clearing a wish: an empty value.
    desk.ok(&["person", "set", "L001", "avoid", ""]);
    assert_eq!(scores(&candidates(&desk, "L001"))[0].0, "M01");
}

#[test]
fn candidates_carry_trust_signals() {
    let desk = Desk::demo();
    let mentors = desk.json(&["mentors", "--json"]);
    let seasoned = mentors
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["record"]["pairings_completed"].as_u64().unwrap_or(0) > 0)
        .expect("the demo has a mentor with a completed pairing");
    let record = &seasoned["record"];
    assert!(
        record["learners_mentored"].as_u64().unwrap() >= 1,
        "{record}"
    );
    let waiting = desk.json(&["learners", "--json"]);
    let someone = waiting
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["status"] == "waiting")
        .unwrap();
    let ranking = candidates(&desk, someone["id"].as_str().unwrap());
    for c in ranking["candidates"].as_array().unwrap() {
        assert!(c["verified"].is_boolean(), "{c}");
        assert!(c["record"]["learners_mentored"].is_u64(), "{c}");
    }
    let text = desk.ok(&["candidates", someone["id"].as_str().unwrap()]);
    assert!(text.contains("VERIFIED"), "{text}");
    assert!(
        text.contains("verified credential ·") || text.contains("credential not verified ·"),
        "{text}"
    );
}

#[test]
fn forgetting_a_learner_clears_their_wishes_and_a_prefer_quoting_someone() {
    let desk = Desk::sample();
    desk.ok(&["person", "set", "L001", "prefer", "M06;python"]);
    desk.ok(&["person", "set", "L001", "avoid", "M01"]);
    desk.ok(&["person", "set", "L001", "mentor_experience", "senior"]);
    // Another learner's typed wish names her: erasure blanks it too.
    desk.ok(&["person", "set", "L002", "prefer", "Valentina Restrepo;sql"]);
    desk.ok(&["forget", "learner", "L001", "--yes"]);
    let l001 = learner(&desk, "L001");
    assert_eq!(l001["prefer"], serde_json::json!([]));
    assert_eq!(l001["avoid"], serde_json::json!([]));
    assert_eq!(l001["mentor_experience"], Value::Null);
    assert_eq!(
        learner(&desk, "L002")["prefer"],
        serde_json::json!(["[erased]"])
    );
    assert!(!desk.ok(&["export", "learners"]).contains("Valentina"));
}

#[test]
fn a_mentor_pack_does_not_carry_the_learners_wishes() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    desk.ok(&["person", "set", &paired.learner, "avoid", "M02;M03"]);
    desk.ok(&["person", "set", &paired.learner, "prefer", "M09;cobol"]);
    let pack = desk.dir.path().join("pack.json");
    desk.ok(&[
        "pack",
        "export",
        "--mentor",
        &paired.mentor,
        "-o",
        pack.to_str().unwrap(),
    ]);
    let mentor_desk = Desk::empty();
    mentor_desk.ok(&["pack", "import", pack.to_str().unwrap()]);
    let theirs = learner(&mentor_desk, &paired.learner);
    assert_eq!(theirs["avoid"], serde_json::json!([]), "{theirs}");
    assert_eq!(theirs["prefer"], serde_json::json!([]), "{theirs}");
    let bytes = std::fs::read(&pack).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("cobol"), "the pack names the wish");
}
