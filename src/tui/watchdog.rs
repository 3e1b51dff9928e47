//! Ends the desk on a stop signal (SIGINT, SIGQUIT, SIGTERM, SIGHUP) or when its terminal
//! is gone, giving the terminal back on the way out; passes a SIGTSTP on to the event loop,
//! which gives the terminal back before the desk stops.
//!
//! The signals are taken by a thread of its own (signal-hook's iterator: the handling runs
//! on a normal thread, not inside a signal handler). It raises the stop flag, cancels any
//! wait for another desk's lock, and gives the event loop a moment to end by itself (it
//! looks at the flag every tick, gives the terminal back and lets the worker finish). When
//! the loop does not end — once a terminal closes under it, crossterm's event read spins on
//! the dead terminal and never returns (crossterm issue #793) — this thread gives the
//! terminal back itself, lets the desk's worker finish the write under way, and ends the
//! process at once instead of spinning a core. Nothing saved is lost: every write is one
//! transaction, and SQLite's journal drops one cut short.
//!
//! May use: std, signal-hook, the terminal and the lock watch.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::desk::LockWatch;

/// The signals that end the desk.
pub const STOP_SIGNALS: [i32; 4] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP];
/// How often the signals and the terminal are looked at.
const EVERY: Duration = Duration::from_millis(20);
/// How long the event loop has to end by itself after a stop signal (it looks every tick,
/// 100 ms at most).
const GRACE: Duration = Duration::from_millis(400);
/// How long the worker may take to finish the effect under way before the process ends.
const WORKER_GRACE: Duration = Duration::from_secs(1);

/// What the event loop and the watch share.
#[derive(Clone, Default)]
pub struct Shared {
    stop: Arc<AtomicBool>,
    /// The signal that ended the desk (0 when none did).
    signal: Arc<AtomicI32>,
    /// The event loop has ended and given the terminal back; the main thread finishes.
    left: Arc<AtomicBool>,
    /// A SIGTSTP arrived: the event loop gives the terminal to the shell and stops.
    suspend: Arc<AtomicBool>,
}

impl Shared {
    /// True once a stop signal arrived or the terminal went away.
    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Acquire)
    }

    /// The signal that ended the desk, if one did.
    pub fn signal(&self) -> Option<i32> {
        Some(self.signal.load(Ordering::Acquire)).filter(|s| *s != 0)
    }

    /// True once after a SIGTSTP from outside (`kill -TSTP`): the event loop stops the desk
    /// the way Ctrl-Z does, giving the terminal back first.
    pub fn take_suspend_request(&self) -> bool {
        self.suspend.swap(false, Ordering::AcqRel)
    }

    /// The event loop has given the terminal back; the watch is not needed any more.
    pub fn left(&self) {
        self.left.store(true, Ordering::Release);
    }
}

/// What the watch needs from the desk's worker to end the process cleanly.
pub struct Worker {
    /// The worker's lock waits, cancelled on a stop.
    pub locks: Option<LockWatch>,
    /// Effects handed to the worker and not finished.
    pub in_flight: Arc<AtomicUsize>,
}

/// Starts watching; the returned `Shared` is the event loop's side.
pub fn spawn(worker: Worker) -> std::io::Result<Shared> {
    let mut signals = Signals::new(STOP_SIGNALS.into_iter().chain([SIGTSTP]))?;
    let shared = Shared::default();
    let theirs = shared.clone();
    thread::Builder::new()
        .name("terminal-watch".into())
        .spawn(move || {
            let Some(signal) = wait_for_trouble(&theirs, &mut signals, terminal_is_there) else {
                return;
            };
            end(&theirs, &worker, &mut signals, signal);
        })?;
    Ok(shared)
}

fn terminal_is_there() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// What ended the desk, when the terminal went away without a signal: as a hang-up.
const GONE: i32 = SIGHUP;

/// Waits until the loop has left (`None`), a stop signal arrives or the terminal goes
/// away (the signal; SIGHUP for a vanished terminal).
fn wait_for_trouble(
    shared: &Shared,
    signals: &mut Signals,
    terminal: impl Fn() -> bool,
) -> Option<i32> {
    loop {
        if shared.left.load(Ordering::Acquire) {
            return None;
        }
        for signal in signals.pending() {
            // Left to its default, a stop would leave the shell a raw terminal showing the
            // desk: the event loop gives the terminal back first, then stops.
            if signal == SIGTSTP {
                shared.suspend.store(true, Ordering::Release);
                continue;
            }
            // Keys typed in the notes editor reach the whole foreground group: they are
            // the editor's (as `system()` ignores them while its child runs).
            if matches!(signal, SIGINT | SIGQUIT) && super::terminal::suspended() {
                tracing::info!(signal, "ignored while the editor has the terminal");
                continue;
            }
            return Some(signal);
        }
        if !terminal() {
            return Some(GONE);
        }
        thread::sleep(EVERY);
    }
}

/// Stops the desk after `signal`: asks the loop to end, and ends the process itself when
/// the loop does not within [`GRACE`] (or at once when the terminal is gone).
fn end(shared: &Shared, worker: &Worker, signals: &mut Signals, signal: i32) {
    tracing::info!(signal, "stop signal or closed terminal: the desk ends");
    shared.signal.store(signal, Ordering::Release);
    shared.stop.store(true, Ordering::Release);
    if let Some(locks) = &worker.locks {
        locks.close();
    }
    let gone = !terminal_is_there();
    let since = Instant::now();
    while !gone && since.elapsed() < GRACE {
        if shared.left.load(Ordering::Acquire) {
            return;
        }
        // A second signal does not wait for the loop.
        if signals.pending().next().is_some() {
            break;
        }
        thread::sleep(EVERY);
    }
    super::terminal::give_back();
    let since = Instant::now();
    while worker.in_flight.load(Ordering::Acquire) > 0 && since.elapsed() < WORKER_GRACE {
        thread::sleep(Duration::from_millis(5));
    }
    tracing::warn!(
        signal,
        "the event loop did not stop by itself; ending the desk"
    );
    std::process::exit(128 + signal);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_that_left_ends_the_watch_quietly() {
        let shared = Shared::default();
        shared.left();
        let mut signals = Signals::new([signal_hook::consts::SIGUSR2]).unwrap();
        assert_eq!(wait_for_trouble(&shared, &mut signals, || true), None);
    }

    #[test]
    fn a_vanished_terminal_counts_as_a_hang_up() {
        let shared = Shared::default();
        let mut signals = Signals::new([signal_hook::consts::SIGUSR2]).unwrap();
        assert_eq!(
            wait_for_trouble(&shared, &mut signals, || false),
            Some(SIGHUP)
        );
    }

    #[test]
    fn a_stop_from_outside_asks_the_loop_to_suspend_and_is_not_trouble() {
        let shared = Shared::default();
        let mut signals = Signals::new([SIGTSTP]).unwrap();
        signal_hook::low_level::raise(SIGTSTP).unwrap();
        let watch = shared.clone();
        let waiter = std::thread::spawn(move || wait_for_trouble(&watch, &mut signals, || true));
        let since = Instant::now();
        while !shared.suspend.load(Ordering::Acquire) && since.elapsed() < Duration::from_secs(5) {
            thread::sleep(EVERY);
        }
        assert!(shared.take_suspend_request());
        assert!(!shared.take_suspend_request(), "asked once");
        shared.left();
        assert_eq!(waiter.join().unwrap(), None);
    }

    #[test]
    fn a_signal_is_trouble() {
        let shared = Shared::default();
        let mut signals = Signals::new([signal_hook::consts::SIGUSR1]).unwrap();
        signal_hook::low_level::raise(signal_hook::consts::SIGUSR1).unwrap();
        assert_eq!(
            wait_for_trouble(&shared, &mut signals, || true),
            Some(signal_hook::consts::SIGUSR1)
        );
    }
}
