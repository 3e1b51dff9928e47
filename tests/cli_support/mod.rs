//! A desk in a temporary folder, driven through the real binary: shared by the lifecycle,
//! check-in, milestone and time-line CLI tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .join(name)
}

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// A fresh sample desk with one active pairing: learner L001 and their best candidate.
pub struct Paired {
    pub desk: Desk,
    pub pairing: i64,
    pub learner: String,
    pub mentor: String,
}

impl Desk {
    pub fn empty() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.sqlite3");
        let desk = Desk { dir, db };
        desk.ok(&["default-zone", "UTC"]);
        desk
    }

    /// The sample people, nobody paired.
    pub fn sample() -> Desk {
        let desk = Desk::empty();
        desk.ok(&["import", "mentors", sample("mentors.csv").to_str().unwrap()]);
        desk.ok(&[
            "import",
            "learners",
            sample("learners.csv").to_str().unwrap(),
        ]);
        desk
    }

    /// The standard demo program (pairings in every health state).
    pub fn demo() -> Desk {
        let desk = Desk::empty();
        desk.ok(&["demo"]);
        desk
    }

    pub fn paired() -> Paired {
        let desk = Desk::sample();
        let candidates = desk.json(&["candidates", "L001", "--json"]);
        let mentor = candidates["candidates"][0]["mentor"]
            .as_str()
            .unwrap()
            .to_string();
        desk.ok(&["approve", "L001", &mentor, "--cadence-days", "7"]);
        let active = desk.json(&["pairings", "--status", "active", "--json"]);
        let pairing = active[0]["id"].as_i64().unwrap();
        Paired {
            desk,
            pairing,
            learner: "L001".into(),
            mentor,
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mentordesk"));
        // A config folder of the test's own: guides, the keymap and the intro template in a
        // real `~/.config/mentordesk` must not change what the tests see.
        cmd.arg("--db")
            .arg(&self.db)
            .env_remove("MENTORDESK_DB")
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The check-in logged last, as `checkin list --json` shows it.
    pub fn latest_checkin(&self) -> Value {
        let rows = self.json(&["checkin", "list", "--json"]);
        rows.as_array().unwrap().last().unwrap().clone()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"))
    }

    /// Exit code 2 and the error text (one message, nothing on stdout).
    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    /// Each case (arguments after `base`, and text its error must contain) is refused with
    /// exit code 2. Returns the error messages, in order.
    pub fn refuses_each(&self, base: &[&str], cases: &[(Vec<&str>, &str)]) -> Vec<String> {
        cases
            .iter()
            .map(|(extra, expected)| {
                let args: Vec<&str> = base.iter().chain(extra).copied().collect();
                let err = self.refused(&args);
                assert!(err.contains(expected), "{args:?}: {err}");
                err
            })
            .collect()
    }

    /// `check` passes: integrity, foreign keys, pairing invariants.
    pub fn assert_check_ok(&self) {
        let report = self.json(&["check", "--json"]);
        assert_eq!(report["ok"], true, "{report}");
    }

    pub fn learner_status(&self, id: &str) -> String {
        let learners = self.json(&["learners", "--json"]);
        learners
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub fn checkin_count(&self, history: bool) -> usize {
        let mut args = vec!["checkin", "list", "--json"];
        if history {
            args.push("--history");
        }
        self.json(&args).as_array().unwrap().len()
    }
}

/// Today (UTC, the zone these desks use) as `YYYY-MM-DD`, shifted by `days`.
pub fn day(days: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days)).to_string()
}
