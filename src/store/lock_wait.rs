//! Waiting for another connection's write lock in our own hands rather than in SQLite's busy
//! timeout, so that the wait can be seen (a face says what it waits for) and cancelled (Esc
//! at the desk) instead of holding a thread for seconds in silence.
//!
//! SQLite calls the busy handler, a plain function, on the thread that runs the statement;
//! the [`LockWatch`] for that thread is therefore kept in a thread-local, installed with
//! [`LockWatch::watch_this_thread`]. A thread with no watch waits the same way, unseen.
//!
//! Owns: the busy handler and the watch. May use: std only.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long one attempt waits for another connection's lock before SQLite reports busy
/// (the store then tries a few times more, see `tx`).
pub(super) const WAIT_LIMIT: Duration = Duration::from_millis(5_000);

/// Sleeps between looks at the lock, in milliseconds (SQLite's own steps): short at first,
/// and never so long that a cancel waits for more than a blink.
const STEPS_MS: [u64; 8] = [1, 2, 5, 10, 15, 20, 25, 25];

/// What a face shares with the thread that writes: whether a write waits for another
/// connection's lock now, and a way to cancel that wait. Cheap to clone (one `Arc`).
#[derive(Clone, Default)]
pub struct LockWatch {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    waiting: AtomicBool,
    cancel: AtomicBool,
    cancelled: AtomicBool,
    /// Set when the desk closes: every wait from then on is given up at once.
    closed: AtomicBool,
    /// Said once, the first time this watch waits (the command line's stderr line).
    notice: Option<Box<dyn Fn() + Send + Sync>>,
    noticed: AtomicBool,
}

impl std::fmt::Debug for LockWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LockWatch")
            .field("waiting", &self.is_waiting())
            .finish_non_exhaustive()
    }
}

thread_local! {
    static WATCH: RefCell<Option<LockWatch>> = const { RefCell::new(None) };
    static WAIT_STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Uninstalls the thread's watch when dropped.
#[must_use = "the watch is removed again when this guard is dropped"]
pub struct Watching(());

impl Drop for Watching {
    fn drop(&mut self) {
        WATCH.with(|w| w.borrow_mut().take());
    }
}

impl LockWatch {
    pub fn new() -> LockWatch {
        LockWatch::default()
    }

    /// A watch that runs `notice` once, the first time a statement waits for a lock.
    pub fn with_notice(notice: impl Fn() + Send + Sync + 'static) -> LockWatch {
        LockWatch {
            shared: Arc::new(Shared {
                notice: Some(Box::new(notice)),
                ..Shared::default()
            }),
        }
    }

    /// Makes the database calls of the current thread report to this watch until the guard
    /// is dropped.
    pub fn watch_this_thread(&self) -> Watching {
        WATCH.with(|w| *w.borrow_mut() = Some(self.clone()));
        Watching(())
    }

    /// True while a statement on the watched thread waits for another connection's lock.
    pub fn is_waiting(&self) -> bool {
        self.shared.waiting.load(Ordering::Acquire)
    }

    /// Gives up the wait under way (the write then fails with `StoreError::Cancelled`,
    /// nothing written). Returns whether a wait was under way.
    pub fn cancel(&self) -> bool {
        let waiting = self.is_waiting();
        self.shared.cancel.store(true, Ordering::Release);
        waiting
    }

    /// Gives up the wait under way and every later one (the desk is closing).
    pub fn close(&self) {
        self.shared.closed.store(true, Ordering::Release);
        self.cancel();
    }

    /// Starts afresh for the next piece of work: no cancel pending, nothing waiting.
    pub fn reset(&self) {
        self.shared.cancel.store(false, Ordering::Release);
        self.shared.cancelled.store(false, Ordering::Release);
        self.shared.waiting.store(false, Ordering::Release);
    }

    /// Whether a wait was cancelled since the last [`LockWatch::reset`].
    pub fn was_cancelled(&self) -> bool {
        self.shared.cancelled.load(Ordering::Acquire)
    }

    /// The lock was taken (or the statement ended): nothing waits any more.
    pub fn lock_taken(&self) {
        self.shared.waiting.store(false, Ordering::Release);
    }

    fn started_waiting(&self) {
        self.shared.waiting.store(true, Ordering::Release);
        if let Some(notice) = &self.shared.notice
            && !self.shared.noticed.swap(true, Ordering::AcqRel)
        {
            notice();
        }
    }

    /// Ends the wait when a cancel was asked; true when it was.
    fn take_cancel(&self) -> bool {
        if self.shared.cancel.load(Ordering::Acquire) || self.shared.closed.load(Ordering::Acquire)
        {
            self.shared.waiting.store(false, Ordering::Release);
            self.shared.cancelled.store(true, Ordering::Release);
            return true;
        }
        false
    }
}

/// The watch installed on this thread, if any.
fn current() -> Option<LockWatch> {
    WATCH.with(|w| w.borrow().clone())
}

/// SQLite's busy handler: `count` is how many times it was called for this lock already.
/// Returns `true` to try again, `false` to give up (the statement fails with busy).
pub(super) fn wait_for_lock(count: i32) -> bool {
    let now = Instant::now();
    if count == 0 {
        WAIT_STARTED.with(|s| s.set(Some(now)));
    }
    let started = WAIT_STARTED.with(Cell::get).unwrap_or(now);
    let watch = current();
    if let Some(watch) = &watch {
        if watch.take_cancel() {
            return false;
        }
        if count == 0 {
            watch.started_waiting();
        }
    }
    if now.duration_since(started) >= WAIT_LIMIT {
        if let Some(watch) = &watch {
            watch.lock_taken();
        }
        return false;
    }
    let step = usize::try_from(count).unwrap_or(0).min(STEPS_MS.len() - 1);
    std::thread::sleep(Duration::from_millis(STEPS_MS[step]));
    true
}

/// The lock was taken on this thread: the watch stops showing a wait.
pub(super) fn lock_taken() {
    if let Some(watch) = current() {
        watch.lock_taken();
    }
}

/// True when the wait that just failed on this thread was cancelled (not timed out).
pub(super) fn cancelled_here() -> bool {
    current().is_some_and(|w| w.was_cancelled())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn a_cancelled_wait_gives_up_and_says_so() {
        let watch = LockWatch::new();
        let _on = watch.watch_this_thread();
        assert!(wait_for_lock(0), "the first look waits");
        assert!(watch.is_waiting());
        assert!(watch.cancel());
        assert!(!wait_for_lock(1), "a cancel ends the wait");
        assert!(!watch.is_waiting());
        assert!(watch.was_cancelled() && cancelled_here());
        watch.reset();
        assert!(!watch.was_cancelled() && !cancelled_here());
        watch.close();
        watch.reset();
        assert!(!wait_for_lock(0), "a closed watch never waits");
    }

    #[test]
    fn the_notice_is_said_once() {
        let said = Arc::new(AtomicUsize::new(0));
        let watch = LockWatch::with_notice({
            let said = Arc::clone(&said);
            move || {
                said.fetch_add(1, Ordering::SeqCst);
            }
        });
        let _on = watch.watch_this_thread();
        for _ in 0..2 {
            assert!(wait_for_lock(0));
            assert!(wait_for_lock(1));
            lock_taken();
            assert!(!watch.is_waiting());
        }
        assert_eq!(said.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn an_unwatched_thread_waits_unseen_and_gives_up_at_the_limit() {
        assert!(wait_for_lock(0));
        WAIT_STARTED.with(|s| s.set(Instant::now().checked_sub(WAIT_LIMIT)));
        assert!(!wait_for_lock(7));
        assert!(!cancelled_here());
    }
}
