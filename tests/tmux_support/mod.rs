//! A tmux server of the test's own (`-L`), so a test never touches another session: start a
//! program in a pane of a given size, send keys, read the screen, wait for text. The server
//! is killed when the value is dropped. Shared by the tmux end-to-end tests.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use std::time::{Duration, Instant};

/// How long a test waits for the screen to show what it expects.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Tmux {
    socket: String,
    pub session: String,
}

impl Tmux {
    /// Whether tmux is installed (tests skip with a message when it is not).
    pub fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Runs `argv` in a detached `width`×`height` pane of session `session`, on a server
    /// named after `socket` and this process.
    pub fn start(socket: &str, session: &str, (width, height): (u16, u16), argv: &[&str]) -> Tmux {
        let tmux = Tmux {
            socket: format!("mentordesk-{socket}-{}", std::process::id()),
            session: session.to_string(),
        };
        let status = tmux
            .cmd()
            .args(["new-session", "-d", "-s", session, "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .args(argv)
            .env("TERM", "xterm-256color")
            .status()
            .unwrap();
        assert!(status.success());
        tmux
    }

    /// A tmux command on this server.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// Sends each key (tmux key names, e.g. `Enter`, `C-a`), a short pause after each.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.cmd()
                .args(["send-keys", "-t", &self.session, key])
                .status()
                .unwrap();
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Waits until the screen shows `text`; panics with the screen when it never does.
    pub fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "never saw {text:?} in:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A tmux format of the pane, such as `#{alternate_on}`.
    pub fn pane_flag(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", &self.session, format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}
