//! The desk's state: which pane is up, what each pane shows, overlays, the status line, and
//! the runtime that runs effects on the desk. Views read it; only `update` and
//! `outcome` change it.
//!
//! The app holds no database: every read and write is an [`Effect`] handed to the runtime
//! (a worker thread in the terminal, inline in tests), whose [`Outcome`]s come back through
//! [`App::settle`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::effect::{Effect, Outcome, ReadFor};
use super::keymap::{Context, Keymap};
use super::panes::roster::Roster;
use super::panes::{Panes, Ui};
use super::runtime::jobs::Job;
use super::runtime::{Inline, Runtime};
use super::theme::Theme;
use crate::desk::{Clock, Desk, FollowUp};

pub use super::overlay::{Detail, FormPurpose, Overlay, Prompt, PromptPurpose, Screen, Status};
pub use super::panes::Pane;

/// What the status line says when a write gave up waiting for another desk.
pub const CANCELLED: &str = "cancelled: nothing was written";
/// What the status line says while a write waits for another desk's lock.
pub const WAITING_FOR_LOCK: &str = "waiting for another desk… (Esc cancels)";

/// Work that waits for a pane's next read.
#[derive(Debug, Clone)]
pub(crate) enum AfterRead {
    /// Put the cursor on the rematched learner in the Match pane.
    Rematched {
        learner: crate::domain::LearnerId,
        label: String,
        reason: String,
    },
    /// Select the check-in just saved in the Check-ins pane.
    CheckInSaved {
        pairing: crate::domain::PairingId,
        checkin: crate::domain::CheckInId,
    },
}

/// Work the desk needs from outside the `tui` module (CSV files, the demo generator),
/// handed in by the binary so `tui` depends only on `desk` and `domain`. Runs on the desk's
/// thread.
#[derive(Clone, Copy)]
pub struct Services {
    /// Imports one CSV file (learners or mentors, told by its header); returns a summary.
    pub import_csv: fn(&mut Desk, &Path) -> Result<String, String>,
    /// Fills an empty desk with the demo program; returns a summary.
    pub load_demo: fn(&mut Desk) -> Result<String, String>,
    /// Mentor desk: writes the records not yet handed back to a bundle at the path; returns
    /// how many records and where.
    pub write_bundle: fn(&mut Desk, &Path) -> Result<BundleWritten, String>,
    /// Coordinator's desk: imports the bundle at the path and writes the receipt; returns
    /// what it did in one line.
    pub import_bundle: fn(&mut Desk, &Path) -> Result<String, String>,
    /// Writes a pairing's introduction next to the database (an e-mail draft, or text when
    /// an address is unknown); says where, and what is missing.
    pub write_intro: fn(&mut Desk, crate::domain::PairingId) -> Result<String, String>,
}

/// How many records a bundle holds, and where it was written.
pub type BundleWritten = (usize, PathBuf);

pub struct App {
    pub(crate) keymap: Keymap,
    pub(crate) theme: Theme,
    pub screen: Screen,
    pub pane: Pane,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub panes: Panes,
    /// Set when the notes should open in the person's editor; the event loop, which owns
    /// the terminal, suspends the desk, runs the editor and hands the text back.
    pub(crate) editor_requested: bool,
    /// Set by Ctrl-Z: the event loop gives the terminal to the shell until `fg`.
    pub(crate) suspend_requested: bool,
    /// The desk's zone: times on screen are shown in it.
    pub(crate) zone: chrono_tz::Tz,
    /// Long work under way on another thread.
    pub job: Option<Job>,
    /// Whether the operation log holds a decision `u` can take back (the footer dims `u`
    /// otherwise); the log itself is in the database, so undo outlives the session.
    pub undo_ready: bool,
    /// Decisions the desk refused to take back in this session: `u` goes past them.
    pub undo_refused: Vec<crate::domain::OperationId>,
    /// The newest decision logged when the desk opened: `u` asks before taking back one as
    /// old or older (`None` until read).
    pub undo_floor: Option<crate::domain::OperationId>,
    /// An overlay put aside while a confirmation is asked.
    pub(crate) stashed: Option<Overlay>,
    /// A form or prompt put aside while the desk saves what it says; it comes back with the
    /// desk's answer when the desk refuses.
    pub(crate) saving: Option<Overlay>,
    /// Work waiting for a pane's next read (select the rematched learner, the saved
    /// check-in).
    pub(crate) after_read: Option<AfterRead>,
    /// Which desk this is and what waits to be handed over (read with every reload).
    pub sync: Option<std::sync::Arc<super::panes::sync::SyncSnapshot>>,
    pub quit: bool,
    pub(crate) runtime: Box<dyn Runtime>,
    clock: Box<dyn Clock>,
    actor: String,
    path: PathBuf,
    /// Panes whose data is current, and panes whose read is under way.
    loaded: Vec<Pane>,
    reading: Vec<Pane>,
    /// Counts reloads; a read started before the latest one is dropped.
    generation: u64,
    /// What has been read since the last reload, shared by the panes.
    pub(crate) roster: Roster,
    /// The follow-up read before the last reload: the desk keeps its check-ins when SQLite
    /// says none changed since (see `Desk::follow_up_current`).
    carried: Option<std::sync::Arc<FollowUp>>,
    /// Effects handed to the desk and not yet answered, and since when there are some.
    pending: usize,
    pending_since: Option<Instant>,
}

impl App {
    /// A desk app over `desk`, running every effect inline on this thread (tests, benches);
    /// shows the welcome screen when the database is empty.
    pub fn new(desk: Desk, services: Services, keymap: Keymap, theme: Theme) -> App {
        let clock = desk.clock();
        let (actor, path) = (desk.actor().to_string(), desk.path().to_path_buf());
        let runtime = Box::new(Inline::new(desk, services));
        App::with_runtime(runtime, clock, actor, path, keymap, theme)
    }

    /// A desk app whose effects run on `runtime`. `clock`, `actor` and `path` are the
    /// desk's, kept here so the UI thread never asks the desk.
    pub(crate) fn with_runtime(
        runtime: Box<dyn Runtime>,
        clock: Box<dyn Clock>,
        actor: String,
        path: PathBuf,
        keymap: Keymap,
        theme: Theme,
    ) -> App {
        let mut app = App {
            keymap,
            theme,
            screen: Screen::Desk,
            pane: Pane::Match,
            overlay: None,
            status: None,
            panes: Panes::default(),
            editor_requested: false,
            suspend_requested: false,
            zone: chrono_tz::UTC,
            job: None,
            undo_ready: false,
            undo_refused: Vec::new(),
            undo_floor: None,
            stashed: None,
            saving: None,
            after_read: None,
            sync: None,
            quit: false,
            runtime,
            clock,
            actor,
            path,
            loaded: Vec::new(),
            reading: Vec::new(),
            generation: 0,
            roster: Roster::default(),
            carried: None,
            pending: 0,
            pending_since: None,
        };
        app.submit(Effect::Open);
        app.refresh();
        app.settle();
        app
    }

    /// The desk, when effects run on this thread (tests); `None` under the worker.
    pub fn inline_desk(&mut self) -> Option<&mut Desk> {
        self.runtime.desk()
    }

    /// The pairings, health and check-ins read since the last reload, once a pane needed
    /// them (tests see from it what a reload read again).
    pub fn follow_up(&self) -> Option<&std::sync::Arc<FollowUp>> {
        self.roster.follow_up.as_ref()
    }

    /// Who is acting, for the tab bar.
    pub(crate) fn actor(&self) -> &str {
        &self.actor
    }

    /// The database file, for the welcome screen.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Hands `effect` to the desk; its outcome comes back through [`App::settle`].
    pub(crate) fn submit(&mut self, effect: Effect) {
        if self.pending == 0 {
            self.pending_since = Some(Instant::now());
        }
        self.pending += 1;
        if let Err(gone) = self.runtime.submit(effect) {
            self.pending -= 1;
            self.fail(gone.to_string());
        }
    }

    pub(crate) fn submit_all(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.submit(effect);
        }
    }

    /// True while an effect waits for the desk's answer.
    pub(crate) fn awaiting(&self) -> bool {
        self.pending > 0
    }

    /// True when an effect has been waiting on the desk for a moment (a busy database):
    /// the status line says the desk is working, while keys keep working.
    pub(crate) fn working(&self) -> bool {
        self.pending > 0
            && self
                .pending_since
                .is_some_and(|since| since.elapsed() > Duration::from_millis(200))
    }

    /// Applies every outcome that has arrived (all of them, inline), then the work left
    /// after an event: the best scores of the proposals now near the cursor.
    pub fn settle(&mut self) {
        while let Some(outcome) = self.runtime.try_next() {
            self.receive(outcome);
        }
        self.panes.get_mut(self.pane).settle();
    }

    /// True while a write waits for another desk's write lock (the status line says so and
    /// Esc cancels it).
    pub fn waiting_for_lock(&self) -> bool {
        self.runtime.lock_watch().is_some_and(|w| w.is_waiting())
    }

    /// Gives up the write that waits for another desk's lock; false when none waits.
    pub(crate) fn cancel_lock_wait(&mut self) -> bool {
        match self.runtime.lock_watch() {
            Some(watch) if watch.is_waiting() => {
                watch.cancel();
                tracing::info!("the wait for another desk's lock was cancelled");
                true
            }
            _ => false,
        }
    }

    fn receive(&mut self, outcome: Outcome) {
        if !matches!(outcome, Outcome::Job(_) | Outcome::WaitCancelled) {
            self.pending = self.pending.saturating_sub(1);
            if self.pending == 0 {
                self.pending_since = None;
            }
        }
        let before = self.overlay_error();
        super::outcome::apply(self, outcome);
        if self.overlay_error() != before {
            self.say_overlay_error();
        }
    }

    /// Why the open prompt or form was not accepted, as one line: its error, or the form's
    /// note, or its first field's error.
    pub(crate) fn overlay_error(&self) -> Option<String> {
        match &self.overlay {
            Some(Overlay::Prompt(prompt)) => prompt
                .error
                .as_ref()
                .map(|e| format!("{}: {e}", prompt.title)),
            Some(Overlay::Form { form, .. }) => form
                .note
                .as_ref()
                .map(|note| format!("{}: {note}", form.title))
                .or_else(|| {
                    form.fields.iter().find_map(|f| {
                        f.error
                            .as_ref()
                            .map(|e| format!("{}: {}: {e}", form.title, f.label))
                    })
                }),
            _ => None,
        }
    }

    /// A submit that came back refused says why on the status line (and so in the log), not
    /// only inside the prompt or form: Enter is never answered by silence.
    pub(crate) fn say_overlay_error(&mut self) {
        if let Some(text) = self.overlay_error()
            && self.status.as_ref().is_none_or(|s| s.text != text)
        {
            self.fail(text);
        }
    }

    /// Waits up to `limit` for the background job, applies its outcome and what follows
    /// (tests).
    pub fn wait_for_job(&mut self, limit: Duration) {
        let started = Instant::now();
        while self.job.is_some() {
            let left = limit.saturating_sub(started.elapsed());
            match self.runtime.wait_next(left) {
                Some(outcome) => self.receive(outcome),
                None => break,
            }
        }
        self.settle();
    }

    /// Re-reads what the panes show from the database.
    ///
    /// Only the pane on screen is read now; the others are read when first shown, so
    /// starting the desk and saving a decision cost one pane, not six. Check-ins, most of a
    /// reload on a large program, are read again only when the desk finds from SQLite that
    /// they may have changed (another desk committed, or this one wrote a check-in).
    pub fn reload(&mut self) {
        self.refresh();
        self.settle();
    }

    /// Forgets what was read and asks again for the pane on screen.
    pub(crate) fn refresh(&mut self) {
        self.carried = self.roster.follow_up.take().or(self.carried.take());
        self.generation += 1;
        self.loaded.clear();
        self.reading.clear();
        self.roster = Roster::default();
        self.submit(Effect::ReadSync);
        self.submit(Effect::Concern(super::concerns::ConcernEffect::Read));
        self.request(self.pane);
    }

    /// Forgets what was read, check-ins too, and asks again: for an outcome that replaced
    /// much of the file (an import, the demo), where nothing read before is worth offering.
    pub(crate) fn refresh_all(&mut self) {
        self.roster.follow_up = None;
        self.carried = None;
        self.refresh();
    }

    /// Switches to `pane`, reading its data first when it is not current.
    pub fn show(&mut self, pane: Pane) {
        self.switch(pane);
        self.settle();
    }

    /// As [`App::show`], leaving the outcomes to the caller's settle.
    /// Whether `pane` shows what was read since the last reload.
    pub(crate) fn has_read(&self, pane: Pane) -> bool {
        self.loaded.contains(&pane)
    }

    pub(crate) fn switch(&mut self, pane: Pane) {
        // The Timeline opens on the learner in view where the person was.
        if pane == Pane::Timeline
            && self.pane != Pane::Timeline
            && let Some(learner) = self.panes.get(self.pane).learner_in_view()
        {
            let effects = self.panes.timeline.follow(learner);
            self.submit_all(effects);
        }
        self.pane = pane;
        self.request(pane);
    }

    fn request(&mut self, pane: Pane) {
        if self.loaded.contains(&pane) || self.reading.contains(&pane) {
            return;
        }
        let needs = self.panes.get(pane).needs();
        if self.roster.has(needs) {
            self.show_read(pane);
            return;
        }
        let earlier = if needs.follow_up {
            self.carried.take()
        } else {
            None
        };
        self.reading.push(pane);
        self.submit(Effect::Read {
            target: ReadFor {
                pane,
                generation: self.generation,
            },
            have: self.roster.clone(),
            needs,
            earlier,
        });
    }

    /// Takes a read for `target` (dropped when a reload came since).
    pub(crate) fn take_read(&mut self, target: ReadFor, roster: Roster, zone: chrono_tz::Tz) {
        if target.generation != self.generation {
            return;
        }
        self.zone = zone;
        self.reading.retain(|p| *p != target.pane);
        self.roster.merge(roster);
        self.show_read(target.pane);
    }

    /// A read for `target` failed.
    pub(crate) fn read_failed(&mut self, target: ReadFor, error: &crate::desk::DeskError) {
        if target.generation != self.generation {
            return;
        }
        self.reading.retain(|p| *p != target.pane);
        self.fail(format!(
            "Could not read the {} pane: {error}",
            target.pane.title()
        ));
    }

    fn show_read(&mut self, pane: Pane) {
        let effects = self.panes.get_mut(pane).load(&self.roster);
        self.loaded.push(pane);
        self.submit_all(effects);
        super::outcome::after_read(self, pane);
    }

    /// The keymap context the next key press is read in.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Prompt(_)) | Some(Overlay::Form { .. }) => Context::Form,
            Some(Overlay::Search(_)) => Context::SearchResults,
            Some(Overlay::Note(_)) => Context::NoteForm,
            Some(Overlay::Detail {
                detail: Detail::Pairing(_),
                ..
            }) => Context::PairingView,
            Some(Overlay::Detail { .. }) => Context::Detail,
            Some(Overlay::Thresholds(_)) => Context::Thresholds,
            None if self.screen == Screen::Welcome => Context::Welcome,
            None => self
                .panes
                .get(self.pane)
                .mode()
                .unwrap_or(self.pane.context()),
        }
    }

    /// What a pane's update may touch outside the pane.
    pub(crate) fn ui_parts(&mut self) -> (&mut Panes, Ui<'_>) {
        let (zone, now) = (self.zone, self.clock.now());
        (
            &mut self.panes,
            Ui {
                overlay: &mut self.overlay,
                status: &mut self.status,
                editor_requested: &mut self.editor_requested,
                zone,
                now,
                job: self.job.as_ref().map(|j| j.label.as_str()),
            },
        )
    }

    /// Says how something went on the status line, and in the log (where a long message
    /// a narrow screen cuts can be read whole).
    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status::info(text));
    }

    pub(crate) fn fail(&mut self, text: impl Into<String>) {
        self.status = Some(Status::fail(text));
    }
}
