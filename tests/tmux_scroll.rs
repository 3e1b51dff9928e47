//! End to end at the smallest size the desk lays out (80×24): the real binary in tmux, on
//! the demo program; the Match pane's ruled-out list is scrolled to its end with real key
//! presses and its last mentor is read off the screen. Skips (with a message) when tmux is
//! not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;

/// A tmux server of its own (`-L`), so the test never touches another session.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn start(command: &str) -> Tmux {
        let tmux = Tmux {
            socket: format!("mentordesk-scroll-{}", std::process::id()),
        };
        let status = tmux
            .cmd()
            .args(["new-session", "-d", "-s", "desk", "-x", "80", "-y", "24"])
            .arg(command)
            .env("TERM", "xterm-256color")
            .status()
            .unwrap();
        assert!(status.success());
        tmux
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "desk"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn key(&self, key: &str) {
        self.cmd()
            .args(["send-keys", "-t", "desk", key])
            .status()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Waits until the screen shows `text`; panics with the screen when it never does.
    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "never saw {text:?} in:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

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
    let tmux = Tmux::start(&command);
    let screen = tmux.wait_for("mentors fit");
    let learner = learner_on_screen(&screen);
    let candidates = mentordesk(&db, &["candidates", &learner, "--json"]);
    let rejected = candidates["rejected"].as_array().unwrap();
    assert!(rejected.len() > 5, "the demo rules out many: {candidates}");
    let last = rejected.last().unwrap()["mentor"].as_str().unwrap();

    tmux.key("r");
    let before = tmux.wait_for("Ruled out");
    assert!(!before.contains(last), "{before}");
    assert!(before.contains("more ┘"), "a cut box says so:\n{before}");
    // l, l: into the candidates, then into the box on the right; End: its last line.
    tmux.key("l");
    tmux.key("l");
    tmux.wait_for("● Ruled out");
    tmux.key("End");
    let end = tmux.wait_for(last);
    assert!(end.contains("above ┐"), "{end}");
    // PgUp goes back up, a page at a time.
    tmux.key("PageUp");
    let up = tmux.screen();
    assert!(up.contains("more ┘"), "{up}");
}
