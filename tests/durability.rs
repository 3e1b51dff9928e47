//! The promise that a committed change survives `kill -9` at any moment: writers are killed
//! mid-work, then every write they reported as done is there, nothing half-written is, and
//! `mentordesk check` (integrity check, foreign keys, pairing invariants) passes.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use cli_support::Desk;

/// Runs `script` in `sh` in a process group of its own, so one signal reaches the shell
/// and the mentordesk it is running.
fn spawn_group(script: &str) -> Child {
    Command::new("sh")
        .args(["-c", script])
        .env_remove("MENTORDESK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap()
}

fn kill_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let status = Command::new("kill")
        .args(["-9", "--", &group])
        .status()
        .unwrap();
    assert!(status.success(), "kill -9 reached the writers");
    let _ = child.wait();
}

fn output_of(child: &mut Child) -> String {
    let mut text = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn every_reported_checkin_survives_kill_9_and_the_file_stays_whole() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let bin = env!("CARGO_BIN_EXE_mentordesk");
    let mut reported = Vec::new();
    // Kill at several moments, so some kills land inside a write.
    for (round, after_ms) in [230u64, 410, 170, 530].into_iter().enumerate() {
        let script = format!(
            "i=0; while true; do i=$((i+1)); \
             {bin} --db '{db}' checkin add --pairing {pairing} --minutes 30 \
             --notes \"round {round} note $i\" >/dev/null && echo \"$i\"; done",
            db = desk.db.display(),
            pairing = paired.pairing,
        );
        let mut writer = spawn_group(&script);
        std::thread::sleep(Duration::from_millis(after_ms));
        kill_group(&mut writer);
        for line in output_of(&mut writer).lines() {
            reported.push(format!("round {round} note {}", line.trim()));
        }
    }
    assert!(
        !reported.is_empty(),
        "the writers committed something before being killed"
    );
    desk.assert_check_ok();
    let stored = desk.json(&["checkin", "list", "--json"]);
    let notes: Vec<&str> = stored
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["notes"].as_str())
        .collect();
    for note in &reported {
        assert!(
            notes.contains(&note.as_str()),
            "{note:?} was reported done but is gone"
        );
    }
    // A write may land after its process last printed (killed between commit and echo),
    // never more than one per round.
    assert!(notes.len() <= reported.len() + 4);
}

#[test]
fn an_import_killed_midway_is_all_or_nothing() {
    let desk = Desk::empty();
    let csv = desk.dir.path().join("many.csv");
    let mut text = String::from("id,name,timezone,languages,interests,track,modes,availability\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "L{i:05},Learner {i},Europe/Madrid,en,rust;sql,beginner,video,Mon 18:00-20:00\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let bin = env!("CARGO_BIN_EXE_mentordesk");
    let script = format!(
        "{bin} --db '{db}' import learners '{csv}' >/dev/null && echo done",
        db = desk.db.display(),
        csv = csv.display()
    );
    // Each try kills a little later, until one lets the import finish: the kills fall all
    // through reading, checking and writing.
    let mut killed_midway = false;
    let mut finished_once = false;
    let mut after_ms = 5;
    for _ in 0..40 {
        let mut writer = spawn_group(&script);
        std::thread::sleep(Duration::from_millis(after_ms));
        kill_group(&mut writer);
        let finished = output_of(&mut writer).contains("done");
        killed_midway |= !finished;
        desk.assert_check_ok();
        let count = desk.json(&["learners", "--json"]).as_array().unwrap().len();
        assert!(
            count == 0 || count == 4000,
            "{count} learners after a kill at {after_ms} ms: half an import"
        );
        if finished {
            assert_eq!(count, 4000, "a finished import is all there");
            finished_once = true;
            break;
        }
        after_ms = after_ms * 5 / 4 + 5;
    }
    assert!(killed_midway, "no kill landed before the import finished");
    assert!(
        finished_once,
        "the import never finished, even when left alone long"
    );
}
