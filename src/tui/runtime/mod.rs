//! Where effects run. [`Worker`] owns the desk on a thread of its own and answers over a
//! channel, so the UI thread never touches the database: keys keep working while another
//! desk holds the write lock. [`Inline`] runs each effect at once on the caller's thread,
//! for tests and benches that want `update` flows simple and deterministic (and for
//! in-memory desks, which only one connection can see). Long jobs (`jobs`) solve on
//! threads of their own under either and answer on the same channel.
//!
//! Owns: the runtimes. May use: `desk`, the effect vocabulary.

pub mod jobs;

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::app::Services;
use super::effect::{Effect, Outcome, perform};
use crate::desk::{Desk, LockWatch};

/// The desk's thread has stopped (it panicked); nothing more can be saved.
#[derive(Debug, thiserror::Error)]
#[error("the desk's worker has stopped; quit and open the desk again (nothing saved is lost)")]
pub struct WorkerGone;

/// Runs effects on a desk and hands back their outcomes, in the order they were handed in.
pub trait Runtime {
    fn submit(&mut self, effect: Effect) -> Result<(), WorkerGone>;

    /// The next outcome, if one has arrived (never waits).
    fn try_next(&mut self) -> Option<Outcome>;

    /// The next outcome, waiting up to `limit` for it.
    fn wait_next(&mut self, limit: Duration) -> Option<Outcome>;

    /// Where long jobs send their outcome.
    fn reply(&self) -> Sender<Outcome>;

    /// The desk, when effects run on this thread.
    fn desk(&mut self) -> Option<&mut Desk>;

    /// Whether a write waits for another desk's lock, and the way to cancel it; `None`
    /// where effects run inline (nothing can wait while the UI is not drawing).
    fn lock_watch(&self) -> Option<&LockWatch> {
        None
    }
}

/// A desk app over `desk` whose effects run on a [`Worker`] thread, as in the terminal:
/// for tests and harnesses that drive the real runtime without a terminal (outcomes arrive
/// with [`super::app::App::settle`] once the worker has answered).
pub fn app_on_worker(
    desk: Desk,
    services: Services,
    keymap: super::keymap::Keymap,
    theme: super::theme::Theme,
) -> std::io::Result<super::app::App> {
    let clock = desk.clock();
    let (actor, path) = (desk.actor().to_string(), desk.path().to_path_buf());
    let worker = Worker::spawn(desk, services)?;
    Ok(super::app::App::with_runtime(
        Box::new(worker),
        clock,
        actor,
        path,
        keymap,
        theme,
    ))
}

/// Runs each effect on the caller's thread as it is handed in (tests and benches); long jobs
/// still solve on their own thread.
pub struct Inline {
    desk: Desk,
    services: Services,
    ready: VecDeque<Outcome>,
    reply: Sender<Outcome>,
    jobs: Receiver<Outcome>,
}

impl Inline {
    pub fn new(desk: Desk, services: Services) -> Inline {
        let (reply, jobs) = mpsc::channel();
        Inline {
            desk,
            services,
            ready: VecDeque::new(),
            reply,
            jobs,
        }
    }
}

impl Runtime for Inline {
    fn submit(&mut self, effect: Effect) -> Result<(), WorkerGone> {
        let outcome = perform(effect, &mut self.desk, &self.services);
        self.ready.push_back(outcome);
        Ok(())
    }

    /// Only what ran inline: a long job's outcome arrives through [`Runtime::wait_next`]
    /// alone, so a test sees the job under way however fast its thread happens to be.
    fn try_next(&mut self) -> Option<Outcome> {
        self.ready.pop_front()
    }

    fn wait_next(&mut self, limit: Duration) -> Option<Outcome> {
        self.ready
            .pop_front()
            .or_else(|| self.jobs.recv_timeout(limit).ok())
    }

    fn reply(&self) -> Sender<Outcome> {
        self.reply.clone()
    }

    fn desk(&mut self) -> Option<&mut Desk> {
        Some(&mut self.desk)
    }
}

/// Owns the desk on a thread of its own; effects go to it over a channel and outcomes come
/// back over another.
pub struct Worker {
    effects: Option<Sender<Effect>>,
    outcomes: Receiver<Outcome>,
    reply: Sender<Outcome>,
    thread: Option<JoinHandle<()>>,
    locks: LockWatch,
    /// Effects handed in and not finished (the stop-signal watch waits for them).
    in_flight: Arc<AtomicUsize>,
}

impl Worker {
    /// Moves `desk` to a new thread that runs every effect handed in, one at a time. A
    /// write that waits for another desk's lock shows through [`Runtime::lock_watch`];
    /// cancelling it answers the effect with its error and then
    /// [`Outcome::WaitCancelled`].
    pub fn spawn(desk: Desk, services: Services) -> std::io::Result<Worker> {
        let (effects, inbox) = mpsc::channel::<Effect>();
        let (reply, outcomes) = mpsc::channel();
        let answer = reply.clone();
        let locks = LockWatch::new();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let thread = std::thread::Builder::new().name("desk".into()).spawn({
            let (locks, in_flight) = (locks.clone(), Arc::clone(&in_flight));
            move || {
                let _watching = locks.watch_this_thread();
                let mut desk = desk;
                for effect in inbox {
                    locks.reset();
                    let outcome = perform(effect, &mut desk, &services);
                    let cancelled = locks.was_cancelled();
                    locks.reset();
                    in_flight.fetch_sub(1, Ordering::AcqRel);
                    if answer.send(outcome).is_err() {
                        break;
                    }
                    if cancelled && answer.send(Outcome::WaitCancelled).is_err() {
                        break;
                    }
                }
            }
        })?;
        Ok(Worker {
            effects: Some(effects),
            outcomes,
            reply,
            thread: Some(thread),
            locks,
            in_flight,
        })
    }

    /// Effects handed in and not finished yet (shared with the stop-signal watch).
    pub fn in_flight(&self) -> Arc<AtomicUsize> {
        Arc::clone(&self.in_flight)
    }

    /// Lets the effects already handed in finish (a decision made just before quitting is
    /// saved), then ends the thread.
    pub fn finish(&mut self) {
        self.effects = None;
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::warn!("the desk's worker ended with a panic");
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.finish();
    }
}

impl Runtime for Worker {
    fn submit(&mut self, effect: Effect) -> Result<(), WorkerGone> {
        let effects = self.effects.as_ref().ok_or(WorkerGone)?;
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        effects.send(effect).map_err(|_| {
            self.in_flight.fetch_sub(1, Ordering::AcqRel);
            WorkerGone
        })
    }

    fn try_next(&mut self) -> Option<Outcome> {
        self.outcomes.try_recv().ok()
    }

    fn wait_next(&mut self, limit: Duration) -> Option<Outcome> {
        self.outcomes.recv_timeout(limit).ok()
    }

    fn reply(&self) -> Sender<Outcome> {
        self.reply.clone()
    }

    fn desk(&mut self) -> Option<&mut Desk> {
        None
    }

    fn lock_watch(&self) -> Option<&LockWatch> {
        Some(&self.locks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::FixedClock;
    use chrono::{TimeZone, Utc};
    use std::path::Path;

    fn no_import(_: &mut Desk, _: &Path) -> Result<String, String> {
        Err("not here".into())
    }

    fn no_demo(_: &mut Desk) -> Result<String, String> {
        Err("not here".into())
    }

    fn services() -> Services {
        Services {
            import_csv: no_import,
            load_demo: no_demo,
            write_bundle: |_, _| Err("no bundles here".into()),
            import_bundle: |_, _| Err("no bundles here".into()),
            write_intro: |_, _| Err("no introductions here".into()),
        }
    }

    fn desk() -> Desk {
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        Desk::in_memory(Box::new(FixedClock(now))).unwrap()
    }

    #[test]
    fn the_worker_answers_in_order_from_its_own_thread() {
        let mut worker = Worker::spawn(desk(), services()).unwrap();
        worker.submit(Effect::Open).unwrap();
        worker.submit(Effect::LoadDemo).unwrap();
        let first = worker.wait_next(Duration::from_secs(10)).unwrap();
        assert!(matches!(first, Outcome::Opened(Ok((true, _)))), "{first:?}");
        let second = worker.wait_next(Duration::from_secs(10)).unwrap();
        assert!(matches!(second, Outcome::DemoLoaded(Err(_))), "{second:?}");
        assert!(worker.desk().is_none(), "the UI thread holds no desk");
        worker.finish();
        assert!(worker.submit(Effect::Open).is_err());
    }

    #[test]
    fn inline_answers_at_once() {
        let mut inline = Inline::new(desk(), services());
        inline.submit(Effect::Open).unwrap();
        assert!(matches!(inline.try_next(), Some(Outcome::Opened(Ok(_)))));
        assert!(inline.try_next().is_none());
    }
}
