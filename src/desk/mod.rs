//! The use cases both faces call: each is one transaction that also writes its audit rows.
//!
//! Owns: the rules that span more than one value (import merging, invariants across rows),
//! the clock, and who is acting. May use: `domain`, `matching`, `store`. Its API never names
//! rusqlite.

mod audit;
mod audit_words;
mod backup;
mod batch;
mod calendar;
mod check;
mod check_log;
mod checkin;
mod clock;
mod concern;
mod error;
mod forget;
mod fresh;
mod freshness;
mod guide;
mod health;
mod intro;
mod lifecycle;
mod metrics;
mod milestone;
mod note;
mod pairing;
mod people;
mod person_edit;
mod person_refusal;
mod person_status;
mod plan;
mod preference;
mod program;
mod reflection;
mod refusal;
mod refusal_words;
mod review;
mod search;
mod settings;
mod sync;
mod timeline;
pub mod trust;
mod unmatched;

mod undo;
mod weights;

use std::path::Path;

/// Seeing and cancelling a write's wait for another desk's lock (faces cannot name `store`).
pub use crate::store::{LockWatch, Watching};

pub use crate::store::TrackRecord;
pub use audit::AuditLine;
pub use backup::{Restored, restore_unopenable};
pub use batch::ApprovedBatch;
pub use calendar::{CalendarDates, DueDate, DueKind, MAX_CALENDAR_WEEKS};
pub use check::CheckReport;
pub use checkin::{CheckInEdit, CheckInRow, CheckInTarget, LoggedCheckIn, NewCheckIn, WrittenBy};
pub use clock::{Clock, FixedClock, SystemClock};
pub use concern::{ConcernRefusal, ConcernRow, NewConcern};
pub use error::DeskError;
pub use forget::Forgotten;
pub use freshness::DataVersion;
pub use health::{FollowUp, PairingHealth, current_checkins};
pub use intro::Introduction;
pub use lifecycle::EndReason;
pub use metrics::{ConcernCount, Insight};
pub use milestone::{MAX_TITLE_CHARS, MilestonePlan};
pub use pairing::Approval;
pub use people::{ImportSummary, MentorRow};
pub use person_edit::PersonPairing;
pub use person_refusal::{Blocking, PersonKind, PersonRefusal};
pub use plan::{CohortInput, CohortPlan, PlanTimings, SavedPlan, solve};
pub use program::NewProgram;
pub use reflection::NewReflection;
pub use refusal::{CapacityShortfall, PairingMove, Refusal, SeatLimit, Subject};
pub use review::{MatchBoard, ROTATION_WINDOW_DAYS, WaitingLearner};
pub use search::{MAX_HITS, SearchHit, SearchKind, SearchResults};
pub use sync::{
    AckSummary, BundleImport, DeskIdentity, Gap, JournalEntry, Keep, LearnerBrief, OutgoingBundle,
    PackImport, SyncConflict, SyncError, SyncImport, SyncRejection, SyncStatus,
};
pub use timeline::{ConfidencePoint, Timeline, TimelineEvent, TimelineKind, TimelineMetrics};
pub use unmatched::Unmatched;

pub use undo::Undone;

use crate::store::Store;

/// An open desk: the database, the clock and the person acting.
pub struct Desk {
    store: Store,
    clock: Box<dyn Clock>,
    actor: String,
}

impl Desk {
    /// Opens the desk on the database at `path` (created if missing).
    pub fn open(path: &Path) -> Result<Desk, DeskError> {
        Ok(Desk::with_store(Store::open(path)?, Box::new(SystemClock)))
    }

    /// A desk on a fresh in-memory database with the given clock (tests, dry runs).
    pub fn in_memory(clock: Box<dyn Clock>) -> Result<Desk, DeskError> {
        Ok(Desk::with_store(Store::open_in_memory()?, clock))
    }

    pub fn with_store(mut store: Store, clock: Box<dyn Clock>) -> Desk {
        let actor = default_actor(&store.author());
        let day_clock = clock.fork();
        // The desk's day is its own zone's (a pause "until 15 January" in Auckland ends
        // when 15 January begins there, not in London).
        store.set_calendar(Box::new(move |tx| {
            let zone = settings::default_zone_in(tx).unwrap_or(chrono_tz::UTC);
            crate::domain::when::local_day(day_clock.now(), zone)
        }));
        Desk {
            store,
            clock,
            actor,
        }
    }

    /// Names who is acting, for the audit trail.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// What opening did to a database others could read: its mode before it was made
    /// private (0600). A face says so once.
    pub fn tightened_notice(&self) -> Option<String> {
        self.store.tightened().map(|mode| {
            format!(
                "{} was open to others (mode {mode:o}); it is now private to you (600)",
                crate::domain::text::clean_line(&self.path().display().to_string())
            )
        })
    }
}

impl Desk {
    /// What a face says once when the file opened but cannot be written: it is damaged
    /// (reads go on, with this warning) or read-only (the desk only shows it).
    pub fn access_notice(&self) -> Option<String> {
        let path = crate::domain::text::clean_line(&self.path().display().to_string());
        if let Some(detail) = self.store.damage() {
            let refusal = crate::store::StoreError::Damaged {
                path: self.path().to_path_buf(),
                detail: detail.to_string(),
            };
            return Some(format!("warning: {refusal}"));
        }
        self.store.read_only().map(|why| match why {
            crate::store::ReadOnly::File => format!(
                "{path} is read-only: shown as it is, nothing can be saved (chmod u+w to allow \
                 changes)"
            ),
            crate::store::ReadOnly::Folder(folder) => format!(
                "the folder {} is read-only: {path} is shown as it is, nothing can be saved",
                crate::domain::text::clean_line(&folder.display().to_string())
            ),
        })
    }

    /// True when the file is known to be damaged: writes are refused, reads go on.
    pub fn is_damaged(&self) -> bool {
        self.store.damage().is_some()
    }
}

/// The login name, or the desk's author (`coordinator`, or `mentor:<id>` on a mentor desk)
/// when the environment does not say.
fn default_actor(author: &crate::domain::Author) -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .map(|name| crate::domain::text::clean_line(&name))
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| author.to_string())
}
