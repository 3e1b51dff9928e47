//! Every stop signal gives the terminal back whole, from any state of the desk: the real
//! binary runs in tmux under an interactive shell, is put in a state (a plain pane, the
//! People pane filtered, the agreement form open), is sent SIGINT, SIGQUIT, SIGTERM or
//! SIGHUP from outside, and the same pane is then checked: `stty -a` shows cooked mode
//! (`icanon`, `echo`), tmux says the main screen is up, the cursor is shown and the mouse
//! is not captured, and the shell's prompt is back and readable. Skips (with a message)
//! when tmux is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;

mod tmux_support;
use tmux_support::Tmux;

/// The shell's prompt in the pane, so the test can tell the shell has the terminal again.
const PROMPT: &str = "READY$ ";

/// An interactive shell in a 120×40 pane on a server of its own.
fn shell(name: &str) -> Tmux {
    let tmux = Tmux::start(
        &format!("signals-{name}"),
        name,
        (120, 40),
        &[
            "env",
            &format!("PS1={PROMPT}"),
            "bash",
            "--norc",
            "--noprofile",
        ],
    );
    tmux.wait_for(PROMPT.trim_end());
    tmux
}

impl Tmux {
    /// Types `line` literally and presses Enter.
    fn type_line(&self, line: &str) {
        self.cmd()
            .args(["send-keys", "-t", &self.session, "-l", line])
            .status()
            .unwrap();
        self.keys(&["Enter"]);
    }

    /// Waits until a line of the screen starts with `prefix` (typed commands start with the
    /// prompt, so only output matches); returns that line.
    fn wait_for_line(&self, prefix: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if let Some(line) = screen.lines().find(|l| l.starts_with(prefix)) {
                return line.to_string();
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "never saw a line starting {prefix:?} in:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A fresh folder with the demo program in it, or `None` (saying why) without tmux.
fn demo_or_skip() -> Option<(tempfile::TempDir, PathBuf)> {
    if !Tmux::available() {
        eprintln!("skipped: tmux is not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let demo = Command::new(cargo_bin!("mentordesk"))
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .output()
        .unwrap();
    assert!(demo.status.success());
    Some((dir, db))
}

/// Where the desk is when the signal comes.
#[derive(Debug, Clone, Copy)]
enum State {
    /// The Match pane, nothing open.
    Plain,
    /// The People pane after `/`, a word and Enter (the filter kept).
    PeopleFiltered,
    /// The agreement form open over the Match pane, its cursor in a field.
    FormOpen,
}

impl State {
    const ALL: [State; 3] = [State::Plain, State::PeopleFiltered, State::FormOpen];

    fn enter(self, tmux: &Tmux) {
        match self {
            State::Plain => {}
            State::PeopleFiltered => {
                tmux.keys(&["6"]);
                tmux.wait_for("People");
                tmux.keys(&["/"]);
                tmux.wait_for("Filter");
                tmux.cmd()
                    .args(["send-keys", "-t", &tmux.session, "-l", "a"])
                    .status()
                    .unwrap();
                tmux.keys(&["Enter"]);
            }
            State::FormOpen => {
                tmux.wait_for("mentors fit");
                tmux.keys(&["l", "a"]);
                tmux.wait_for("Check-in every (days)");
            }
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Runs the desk in the shell, puts it in `state`, sends it `signal` (or, for `PANIC`, has it
/// panic on its drawing thread), and checks that the shell got the terminal back whole.
fn signal_from(tmux: &Tmux, dir: &Path, db: &Path, signal: &str, code: i32, state: State) {
    let pid_file = dir.join("desk.pid");
    let _ = std::fs::remove_file(&pid_file);
    let marker = format!("DESK-ENDED-{signal}-{state:?}");
    tmux.type_line(&format!(
        "clear; sh -c 'echo $$ > {pid}; exec env MENTORDESK_DEBUG_PANIC_KEY=1 \
         MENTORDESK_LOG_FILE={log} {bin} --db {db}'; echo {marker}:$?",
        pid = pid_file.display(),
        log = dir.join("desk.log").display(),
        bin = cargo_bin!("mentordesk").display(),
        db = db.display(),
    ));
    tmux.wait_for("Waiting");
    assert_eq!(tmux.pane_flag("#{alternate_on}"), "1", "the desk is up");
    state.enter(tmux);
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_string();
    if signal == PANIC {
        tmux.keys(&["F12"]);
    } else {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success());
    }
    tmux.wait_for_line(&format!("{marker}:"));
    let screen = tmux.screen();
    let context = format!("SIG{signal} from {state:?}:\n{screen}");
    assert!(
        screen.contains(&format!("{marker}:{code}")),
        "the desk ends with 128 + the signal; {context}"
    );
    assert!(
        !screen.contains("Waiting"),
        "the desk's screen is gone; {context}"
    );
    if signal == PANIC {
        assert!(
            screen.contains("panicked"),
            "the panic's message is printed on the main screen; {context}"
        );
    }
    assert_eq!(
        tmux.pane_flag("#{alternate_on}"),
        "0",
        "main screen; {context}"
    );
    assert_eq!(
        tmux.pane_flag("#{cursor_flag}"),
        "1",
        "cursor shown; {context}"
    );
    assert_eq!(
        tmux.pane_flag("#{mouse_any_flag}"),
        "0",
        "mouse not captured; {context}"
    );
    let stty_marker = format!("STTY-{signal}-{state:?}");
    tmux.type_line(&format!(
        "echo {stty_marker}: $(stty -a | grep -o -w -E -- '-?(icanon|echo)' | tr '\\n' ' ')"
    ));
    let line = tmux.wait_for_line(&format!("{stty_marker}: "));
    let modes: Vec<&str> = line.split_whitespace().skip(1).collect();
    assert!(
        modes.contains(&"icanon") && modes.contains(&"echo"),
        "cooked mode after SIG{signal} from {state:?}: {line}"
    );
    assert!(
        !modes.contains(&"-icanon") && !modes.contains(&"-echo"),
        "cooked mode after SIG{signal} from {state:?}: {line}"
    );
    // The shell reads what is typed again: the prompt is back and echoes.
    tmux.type_line("echo typed-after-the-desk");
    tmux.wait_for_line("typed-after-the-desk");
}

fn every_state(signal: &str, code: i32) {
    let Some((dir, db)) = demo_or_skip() else {
        return;
    };
    let tmux = shell(&signal.to_ascii_lowercase());
    for state in State::ALL {
        signal_from(&tmux, dir.path(), &db, signal, code, state);
    }
}

/// Not a signal: the desk panics on its drawing thread (F12 in a debug build with
/// `MENTORDESK_DEBUG_PANIC_KEY=1`); Rust's exit status for a panic is 101.
const PANIC: &str = "PANIC";

#[test]
fn a_panic_gives_the_terminal_back_from_every_state() {
    every_state(PANIC, 101);
}

#[test]
fn sigint_gives_the_terminal_back_from_every_state() {
    every_state("INT", 130);
}

#[test]
fn sigquit_gives_the_terminal_back_from_every_state() {
    every_state("QUIT", 131);
}

#[test]
fn sigterm_gives_the_terminal_back_from_every_state() {
    every_state("TERM", 143);
}

#[test]
fn sighup_gives_the_terminal_back_from_every_state() {
    every_state("HUP", 129);
}

/// Ctrl-Z (a key in raw mode) and a SIGTSTP from outside both give the shell a cooked
/// terminal and stop the desk; `fg` brings the desk back on the alternate screen, whole.
#[test]
fn ctrl_z_and_sigtstp_hand_the_shell_the_terminal_and_fg_brings_the_desk_back() {
    let Some((dir, db)) = demo_or_skip() else {
        return;
    };
    let tmux = shell("tstp");
    let pid_file = dir.path().join("desk.pid");
    tmux.type_line(&format!(
        "clear; sh -c 'echo $$ > {pid}; exec {bin} --db {db}'",
        pid = pid_file.display(),
        bin = cargo_bin!("mentordesk").display(),
        db = db.display(),
    ));
    tmux.wait_for("Waiting");
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_string();
    for (round, how) in ["ctrl-z", "sigtstp"].into_iter().enumerate() {
        State::ALL[round + 1].enter(&tmux);
        if how == "ctrl-z" {
            tmux.keys(&["C-z"]);
        } else {
            let sent = Command::new("kill").args(["-TSTP", &pid]).status().unwrap();
            assert!(sent.success());
        }
        tmux.wait_for("Stopped");
        assert_eq!(tmux.pane_flag("#{alternate_on}"), "0", "{how}: main screen");
        assert_eq!(tmux.pane_flag("#{cursor_flag}"), "1", "{how}: cursor shown");
        assert_eq!(tmux.pane_flag("#{mouse_any_flag}"), "0", "{how}: no mouse");
        let marker = format!("STTY-{how}");
        tmux.type_line(&format!(
            "echo {marker}: $(stty -a | grep -o -w -E -- '-?(icanon|echo)' | tr '\\n' ' ')"
        ));
        let line = tmux.wait_for_line(&format!("{marker}: "));
        assert!(
            line.contains(" icanon") && !line.contains("-icanon") && !line.contains("-echo"),
            "{how}: cooked mode while the desk is stopped: {line}"
        );
        tmux.type_line("clear; fg");
        tmux.wait_for("mentordesk · coordinator");
        assert_eq!(
            tmux.pane_flag("#{alternate_on}"),
            "1",
            "{how}: the desk is back"
        );
        tmux.keys(&["Escape", "Escape", "1"]);
    }
    // A stopped job's command list is dropped by the shell, so `fg`'s own status is the
    // desk's.
    tmux.keys(&["q"]);
    let started = Instant::now();
    while tmux.pane_flag("#{alternate_on}") == "1" {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the desk quits"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux.type_line("echo DESK-ENDED:$?");
    let line = tmux.wait_for_line("DESK-ENDED:");
    assert_eq!(line.trim(), "DESK-ENDED:0");
}
