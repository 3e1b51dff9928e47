//! End to end at the smallest size the desk lays out (80×24): the real binary in tmux, on
//! the demo program; the Match pane's ruled-out list is scrolled to its end with real key
//! presses and its last mentor is read off the screen. Skips (with a message) when tmux is
//! not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;

mod tmux_support;
use tmux_support::Tmux;

fn mentordesk(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(cargo_bin!("mentordesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

/// The learner id in the Learner box (`id           L00111`).
fn learner_on_screen(screen: &str) -> String {
    screen
        .lines()
        .find_map(|line| {
            let at = line.find("│id ")?;
            line[at + "│id ".len()..]
                .split_whitespace()
                .next()
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no learner id on screen:\n{screen}"))
}

#[test]
fn the_ruled_out_list_scrolls_to_its_last_mentor_at_80x24() {
    if !Tmux::available() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    mentordesk(&db, &["demo"]);
    let command = format!(
        "MENTORDESK_LOG_FILE={} {} --db {}",
        dir.path().join("desk.log").display(),
        cargo_bin!("mentordesk").display(),
        db.display()
    );
    let tmux = Tmux::start("scroll", "desk", (80, 24), &[&command]);
    let screen = tmux.wait_for("mentors fit");
    let learner = learner_on_screen(&screen);
    let candidates = mentordesk(&db, &["candidates", &learner, "--json"]);
    let rejected = candidates["rejected"].as_array().unwrap();
    assert!(rejected.len() > 5, "the demo rules out many: {candidates}");
    let last = rejected.last().unwrap()["mentor"].as_str().unwrap();

    tmux.keys(&["r"]);
    let before = tmux.wait_for("Ruled out");
    assert!(!before.contains(last), "{before}");
    assert!(before.contains("more ┘"), "a cut box says so:\n{before}");
    // l, l: into the candidates, then into the box on the right; End: its last line.
    tmux.keys(&["l"]);
    tmux.keys(&["l"]);
    tmux.wait_for("● Ruled out");
    tmux.keys(&["End"]);
    let end = tmux.wait_for(last);
    assert!(end.contains("above ┐"), "{end}");
    // PgUp goes back up, a page at a time.
    tmux.keys(&["PageUp"]);
    let up = tmux.screen();
    assert!(up.contains("more ┘"), "{up}");
}
