//! The matching commands on the sample program: candidates and their reasons, exclusions,
//! weights, the scores file, plans, approvals and declines, with their JSON contracts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .join(name)
}

struct Desk {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Desk {
    fn sample() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.sqlite3");
        let desk = Desk { _dir: dir, db };
        desk.ok(&["import", "mentors", sample("mentors.csv").to_str().unwrap()]);
        desk.ok(&[
            "import",
            "learners",
            sample("learners.csv").to_str().unwrap(),
        ]);
        desk
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        cargo_bin_cmd!("mentordesk")
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Exit code 2 and the error text.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }
}

#[test]
fn candidates_json_keeps_its_contract_and_explains_every_point() {
    let desk = Desk::sample();
    let value = desk.json(&["candidates", "L001", "--json"]);
    assert_eq!(value["learner"], "L001");
    let candidates = value["candidates"].as_array().unwrap();
    assert!(!candidates.is_empty());
    let mut last = u64::MAX;
    for c in candidates {
        let score = c["score"].as_u64().unwrap();
        assert!(score <= 1000 && score <= last, "ranked best first");
        last = score;
        let breakdown = c["breakdown"].as_object().unwrap();
        let names: Vec<&str> = breakdown.keys().map(String::as_str).collect();
        for criterion in [
            "topic", "schedule", "level", "mode", "zone", "load", "rotation",
        ] {
            assert!(names.contains(&criterion), "{criterion} missing");
        }
        let sum: u64 = breakdown.values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(sum, score, "the breakdown adds up to the score");
    }
    for r in value["rejected"].as_array().unwrap() {
        assert!(r["mentor"].is_string());
        assert!(!r["reasons"].as_array().unwrap().is_empty());
    }
    let total = candidates.len() + value["rejected"].as_array().unwrap().len();
    assert_eq!(total, 12, "every mentor is either a candidate or ruled out");
}

#[test]
fn candidates_text_names_reasons_and_unknowns() {
    let desk = Desk::sample();
    let text = desk.ok(&["candidates", "L031"]);
    assert!(text.contains("No mentor can be proposed"), "{text}");
    assert!(text.contains("no shared language (learner: vi"), "{text}");
    let text = desk.ok(&["candidates", "L032"]);
    assert!(text.contains("unknown — ask"), "{text}");
}

#[test]
fn unknown_learner_is_a_clear_error() {
    let desk = Desk::sample();
    assert!(
        desk.refused(&["candidates", "L999"])
            .contains("no learner with id \"L999\"")
    );
}

#[test]
fn exclusion_rules_a_mentor_out_until_lifted() {
    let desk = Desk::sample();
    let top = desk.json(&["candidates", "L001", "--json"])["candidates"][0]["mentor"]
        .as_str()
        .unwrap()
        .to_string();
    desk.ok(&["exclude", "L001", &top, "--reason", "conflict of interest"]);
    let value = desk.json(&["candidates", "L001", "--json"]);
    assert!(
        value["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["mentor"] != top.as_str())
    );
    let rejected = value["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["mentor"] == top.as_str())
        .unwrap();
    assert!(
        rejected["reasons"]
            .to_string()
            .contains("excluded: conflict of interest")
    );
    desk.ok(&["unexclude", "L001", &top]);
    assert_eq!(
        desk.json(&["candidates", "L001", "--json"])["candidates"][0]["mentor"],
        top.as_str()
    );
    assert!(
        desk.refused(&["unexclude", "L001", &top])
            .contains("not excluded")
    );
    assert!(
        desk.refused(&["exclude", "L001", "M99", "--reason", "x"])
            .contains("no mentor")
    );
    let audit = desk.json(&["audit", "--json"]);
    assert_eq!(audit[0]["action"], "unexclude");
    assert_eq!(audit[1]["action"], "exclude");
}

#[test]
fn weights_change_rankings_and_are_audited() {
    let desk = Desk::sample();
    let before = desk.json(&["candidates", "L002", "--json"]);
    desk.ok(&["weights", "set", "topic", "0"]);
    let weights = desk.json(&["weights", "--json"]);
    assert_eq!(weights["topic"], 0);
    let after = desk.json(&["candidates", "L002", "--json"]);
    assert_eq!(after["candidates"][0]["breakdown"]["topic"], 0);
    assert_ne!(before, after);
    assert!(
        desk.refused(&["weights", "set", "colour", "3"])
            .contains("known weights")
    );
    assert!(
        desk.refused(&["weights", "set", "topic", "1000"])
            .contains("out of range")
    );
    assert_eq!(desk.json(&["audit", "--json"])[0]["action"], "weights.set");
}

#[test]
fn scores_file_describes_the_cohort() {
    let desk = Desk::sample();
    let scores = desk.json(&["scores", "--json"]);
    assert_eq!(scores["format"], "mentordesk-scores/2");
    let learners = scores["learners"].as_array().unwrap();
    assert_eq!(learners.len(), 40);
    assert!(
        learners
            .iter()
            .all(|id| id.as_str().is_some_and(|id| id.starts_with('L')))
    );
    let mentors = scores["mentors"].as_array().unwrap();
    assert!(
        mentors.iter().all(|m| m["capacity"].as_u64().unwrap() > 0),
        "only mentors with free seats"
    );
    let pairs = scores["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for pair in pairs {
        // [learner_index, mentor_index, score, mentor_score]
        let [learner, mentor, score, mentor_score] =
            [0, 1, 2, 3].map(|at| pair[at].as_u64().unwrap());
        assert_eq!(pair.as_array().unwrap().len(), 4);
        assert!((learner as usize) < learners.len() && (mentor as usize) < mentors.len());
        assert!(score <= 1000);
        // The mentor's view leaves out the mentor-only criteria (load, rotation), which are
        // the same for every learner: same order, smaller numbers.
        assert!(mentor_score <= score);
    }
    // One pair a line, so that a refusal's line number finds the pair.
    let text = desk.ok(&["scores", "--json"]);
    assert_eq!(
        text.lines().filter(|l| l.starts_with('[')).count(),
        pairs.len()
    );
}

#[test]
fn plans_keep_their_contract_and_optimal_is_never_worse() {
    let desk = Desk::sample();
    let mut results = Vec::new();
    for strategy in ["optimal", "stable", "greedy"] {
        let plan = desk.json(&["plan", "--strategy", strategy, "--json"]);
        assert_eq!(plan["strategy"], strategy);
        for key in ["pairs", "unmatched", "matched", "total_score", "timing_ms"] {
            assert!(!plan[key].is_null(), "{strategy}: {key}");
        }
        for key in ["load", "score", "solve"] {
            assert!(plan["timing_ms"][key].is_number());
        }
        let matched = plan["matched"].as_u64().unwrap();
        assert_eq!(matched as usize, plan["pairs"].as_array().unwrap().len());
        assert_eq!(
            matched as usize + plan["unmatched"].as_array().unwrap().len(),
            40
        );
        results.push((matched, plan["total_score"].as_i64().unwrap()));
        let again = desk.json(&["plan", "--strategy", strategy, "--json"]);
        assert_eq!(again["pairs"], plan["pairs"], "{strategy} is deterministic");
    }
    assert!(
        results[0] >= results[1] && results[0] >= results[2],
        "{results:?}"
    );
    assert!(
        desk.refused(&["plan", "--strategy", "random"])
            .contains("unknown strategy")
    );
}

#[test]
fn plan_from_a_scores_file_and_bad_files() {
    let desk = Desk::sample();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scores.json");
    std::fs::write(&file, desk.ok(&["scores", "--json"])).unwrap();
    let from_db = desk.json(&["plan", "--json"]);
    let from_file = desk.json(&["plan", "--json", "--scores", file.to_str().unwrap()]);
    // The same pairs either way; the desk's plan also names each learner and mentor.
    let ids = |plan: &serde_json::Value| -> Vec<(String, String, i64)> {
        plan["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["learner"].as_str().unwrap().to_string(),
                    p["mentor"].as_str().unwrap().to_string(),
                    p["score"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(ids(&from_db), ids(&from_file));
    assert!(!ids(&from_db).is_empty());
    assert!(from_db["pairs"][0]["learner_name"].is_string());
    assert!(from_file["pairs"][0].get("learner_name").is_none());
    // The first version is still read.
    std::fs::write(
        &file,
        r#"{"format":"mentordesk-scores/1","learners":[{"id":"a"},{"id":"b"}],
            "mentors":[{"id":"x","capacity":1},{"id":"y","capacity":1}],
            "pairs":[{"learner":"a","mentor":"x","score":90},{"learner":"b","mentor":"x","score":80},
                     {"learner":"b","mentor":"y","score":10,"mentor_score":3}]}"#,
    )
    .unwrap();
    let v1 = desk.json(&["plan", "--json", "--scores", file.to_str().unwrap()]);
    assert_eq!(
        (v1["matched"].as_u64(), v1["total_score"].as_i64()),
        (Some(2), Some(100))
    );
    let cases = [
        ("{ not json", "not valid scores JSON at line 1"),
        (
            r#"{"format":"mentordesk-scores/1","learners":[{"id":"a"},{"id":"a"}],"mentors":[],"pairs":[]}"#,
            "listed twice",
        ),
        (
            r#"{"format":"mentordesk-scores/1","learners":[{"id":"a"}],"mentors":[{"id":"m","capacity":-1}],"pairs":[]}"#,
            "capacity -1",
        ),
        (
            r#"{"format":"mentordesk-scores/1","learners":[{"id":"a"}],"mentors":[{"id":"m","capacity":1}],"pairs":[{"learner":"b","mentor":"m","score":1}]}"#,
            "learner \"b\"",
        ),
        (
            r#"{"format":"mentordesk-scores/1","learners":[{"id":"a"}],"mentors":[{"id":"m","capacity":1}],"pairs":[{"learner":"a","mentor":"m","score":1},{"learner":"a","mentor":"m","score":2}]}"#,
            "listed twice",
        ),
        (
            r#"{"format":"other/9","learners":[],"mentors":[],"pairs":[]}"#,
            "format is \"other/9\"",
        ),
        (
            r#"{"format":"mentordesk-scores/2","learners":["a"],"mentors":[{"id":"m","capacity":1}],"pairs":[[0,1,5,5]]}"#,
            "pairs[0] names mentor index 1",
        ),
        (
            r#"{"pairs":[],"format":"mentordesk-scores/2","learners":[],"mentors":[]}"#,
            "starts with \"format\"",
        ),
    ];
    for (text, needle) in cases {
        std::fs::write(&file, text).unwrap();
        let err = desk.refused(&["plan", "--scores", file.to_str().unwrap()]);
        assert!(
            err.contains(needle) && err.contains("scores.json"),
            "{needle}: {err}"
        );
    }
    assert!(
        desk.refused(&["plan", "--save", "--scores", file.to_str().unwrap()])
            .contains("--save")
    );
}

#[test]
fn saved_plans_become_proposals_and_approval_makes_pairings() {
    let desk = Desk::sample();
    desk.ok(&["plan", "--save"]);
    let proposals = desk.json(&["pairings", "--status", "proposed", "--json"]);
    let count = proposals.as_array().unwrap().len();
    assert!(count > 0);
    desk.ok(&["plan", "--strategy", "greedy", "--save"]);
    let replaced = desk.json(&["pairings", "--status", "proposed", "--json"]);
    assert!(
        replaced
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] == "proposed")
    );
    assert_eq!(
        desk.json(&["pairings", "--json"]).as_array().unwrap().len(),
        replaced.as_array().unwrap().len()
    );

    let first = &replaced[0];
    let (learner, mentor) = (
        first["learner"].as_str().unwrap(),
        first["mentor"].as_str().unwrap(),
    );
    desk.ok(&["approve", learner, mentor, "--cadence-days", "7"]);
    let pairing = desk.json(&["pairings", "--status", "active", "--json"]);
    assert_eq!(pairing[0]["learner"], learner);
    assert_eq!(pairing[0]["cadence_days"], 7);
    assert!(pairing[0]["started"].as_str().unwrap().len() == 10);
    assert!(pairing[0]["score"].as_u64().is_some());
    let learners = desk.json(&["learners", "--json"]);
    let row = learners
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == learner)
        .unwrap();
    assert_eq!(row["status"], "matched");
    assert!(
        desk.refused(&["approve", learner, mentor])
            .contains("already has an active or paused pairing")
    );

    let second = replaced[1]["id"].as_i64().unwrap().to_string();
    desk.ok(&["decline", &second, "--reason", "mentor on leave"]);
    assert_eq!(
        desk.json(&["pairings", "--status", "declined", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(
        desk.refused(&["decline", &second])
            .contains("not a proposal")
    );
    assert!(desk.ok(&["check"]).starts_with("ok"));
}

#[test]
fn approving_a_failing_pair_needs_an_override() {
    let desk = Desk::sample();
    let err = desk.refused(&["approve", "L031", "M01"]);
    assert!(
        err.contains("no shared language") && err.contains("--override"),
        "{err}"
    );
    desk.ok(&[
        "approve",
        "L031",
        "M01",
        "--override",
        "speaks some English",
    ]);
    let audit = desk.json(&["audit", "--json"]);
    assert_eq!(audit[0]["action"], "approve.override");
    assert!(
        audit[0]["after"]["override"]["reason"]
            .as_str()
            .unwrap()
            .contains("English")
    );
    // M11 has capacity 0: said as taking no learners, not "full (0 of 0 seats taken)".
    let err = desk.refused(&["approve", "L001", "M11", "--override", "please"]);
    assert!(err.contains("mentor takes no learners"), "{err}");
    assert!(
        desk.refused(&["approve", "L001", "M01", "--cadence-days", "0"])
            .contains("cadence")
    );
}
