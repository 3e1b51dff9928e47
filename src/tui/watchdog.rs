//! Ends the desk when its terminal is gone or a stop signal goes unanswered.
//!
//! Why: once a terminal closes under it (a closed window, `tmux kill-session`, a dropped
//! SSH link), crossterm's event poll keeps re-reading the dead terminal and never returns
//! (crossterm issue #793), so the event loop cannot see the SIGHUP/SIGTERM flag and the
//! process would spin on a core until killed with SIGKILL. This thread notices instead and
//! ends the process. Nothing is lost that was saved: every write is its own transaction,
//! and SQLite's journal keeps the file whole. May use: std only.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// How often the terminal is looked at.
const EVERY: Duration = Duration::from_millis(250);
/// How long the event loop has to finish on its own after a stop signal.
const GRACE: Duration = Duration::from_secs(2);
/// Exit status when the desk is ended for it, as a shell reports a hang-up (128 + SIGHUP).
const ENDED: i32 = 129;

/// Watches until `done` is set (the event loop finished). When `stop` is set or the
/// terminal is no longer a terminal, gives the loop [`GRACE`] to finish, then exits.
pub fn spawn(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    let spawned = thread::Builder::new()
        .name("terminal-watch".into())
        .spawn(move || watch(&stop, &done, terminal_is_there));
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "could not watch the terminal");
    }
}

fn terminal_is_there() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn watch(stop: &AtomicBool, done: &AtomicBool, terminal: impl Fn() -> bool) {
    if !wait_for_trouble(stop, done, terminal) {
        return;
    }
    let since = Instant::now();
    while since.elapsed() < GRACE {
        if done.load(Ordering::Relaxed) {
            return;
        }
        thread::sleep(EVERY);
    }
    tracing::warn!("the terminal is gone and the desk did not stop; ending it");
    std::process::exit(ENDED);
}

/// Waits until the loop is done (`false`) or a stop was asked or the terminal went away
/// (`true`).
fn wait_for_trouble(stop: &AtomicBool, done: &AtomicBool, terminal: impl Fn() -> bool) -> bool {
    loop {
        if done.load(Ordering::Relaxed) {
            return false;
        }
        if stop.load(Ordering::Relaxed) || !terminal() {
            return true;
        }
        thread::sleep(EVERY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_loop_ends_the_watch_quietly() {
        let (stop, done) = (AtomicBool::new(false), AtomicBool::new(true));
        assert!(!wait_for_trouble(&stop, &done, || true));
    }

    #[test]
    fn a_stop_signal_or_a_vanished_terminal_is_trouble() {
        let (stop, done) = (AtomicBool::new(true), AtomicBool::new(false));
        assert!(wait_for_trouble(&stop, &done, || true));
        let stop = AtomicBool::new(false);
        assert!(wait_for_trouble(&stop, &done, || false));
    }

    #[test]
    fn a_loop_that_finishes_within_the_grace_is_left_alone() {
        let stop = Arc::new(AtomicBool::new(true));
        let done = Arc::new(AtomicBool::new(false));
        let finisher = {
            let done = Arc::clone(&done);
            thread::spawn(move || {
                thread::sleep(EVERY);
                done.store(true, Ordering::Relaxed);
            })
        };
        // Returns (instead of exiting the test process) because the loop finished in time.
        watch(&stop, &done, || true);
        finisher.join().unwrap();
    }
}
