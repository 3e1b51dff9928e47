//! What the desk answered: each [`Outcome`] goes to the flow that asked for it. Undo is
//! answered here (it belongs to no pane); everything else goes to its pane's `update.rs`.

use super::app::{AfterRead, App, Screen};
use super::effect::Outcome;
use super::panes::Pane;
use super::panes::checkins::update::{on_prepared, on_saved, select_saved};
use super::panes::dashboard::update::on_insight;
use super::panes::r#match::update::{on_approved, on_excluded, on_weights_set, select_rematched};
use super::panes::pairings::lifecycle::{on_moved, on_pairing_opened, on_rematched};
use super::panes::pairings::thresholds_update::{on_kept, on_rejudged, on_thresholds};
use super::panes::pairings::update::{
    on_approved_all, on_cohort_read, on_decided, on_job, on_plan_saved,
};
use super::panes::sync::bundle::{on_bundle_imported, on_bundle_written};
use super::panes::sync::update::{on_resolved, on_sync_read};
use super::panes::timeline::update::{on_entry_opened, on_story};
use super::panes::welcome::update::{on_demo, on_imported};
use crate::desk::{Decision, DeskError};

/// Applies one outcome to the app.
pub fn apply(app: &mut App, outcome: Outcome) {
    match outcome {
        Outcome::Opened(Ok((empty, zone))) => {
            app.zone = zone;
            if empty {
                app.screen = Screen::Welcome;
            }
        }
        Outcome::Opened(Err(e)) => app.fail(format!("Could not read the desk: {e}")),
        Outcome::Read { target, result } => match result {
            Ok((roster, zone)) => app.take_read(target, roster, zone),
            Err(e) => app.read_failed(target, &e),
        },
        Outcome::Story { learner, result } => on_story(app, &learner, result),
        Outcome::Insight { period, result } => on_insight(app, period, result),
        Outcome::Approved { label, result } => on_approved(app, &label, result),
        Outcome::ApprovedAll {
            cutoff,
            asked,
            refused,
            result,
        } => on_approved_all(app, cutoff, asked, refused, result),
        Outcome::Declined { label, result } => on_decided(app, "Declined", &label, result),
        Outcome::Excluded {
            label,
            reason,
            result,
        } => on_excluded(app, &label, &reason, result),
        Outcome::Undone { decision, result } => on_undone(app, &decision, result),
        Outcome::WeightsSet(result) => on_weights_set(app, result),
        Outcome::Thresholds(result) => on_thresholds(app, result),
        Outcome::Rejudged(result) => on_rejudged(app, result),
        Outcome::ThresholdsKept(result) => on_kept(app, result),
        Outcome::Moved {
            verb,
            label,
            result,
        } => on_moved(app, verb, &label, result),
        Outcome::Rematched {
            label,
            reason,
            result,
        } => on_rematched(app, label, reason, result),
        Outcome::PairingOpened(detail) => on_pairing_opened(app, detail),
        Outcome::EntryOpened(detail) => on_entry_opened(app, detail),
        Outcome::CheckInPrepared { start, planned } => on_prepared(app, *start, planned),
        Outcome::CheckInSaved { label, result } => on_saved(app, &label, result),
        Outcome::CohortRead { purpose, result } => on_cohort_read(app, purpose, result),
        Outcome::PlanSaved { cohort, result } => on_plan_saved(app, &cohort, result),
        Outcome::Imported { done, failed } => on_imported(app, done, failed),
        Outcome::DemoLoaded(result) => on_demo(app, result),
        Outcome::SyncRead(result) => on_sync_read(app, result),
        Outcome::BundleWritten(result) => on_bundle_written(app, result),
        Outcome::BundleImported(result) => on_bundle_imported(app, result),
        Outcome::Resolved {
            keep,
            label,
            result,
        } => on_resolved(app, keep, &label, result),
        Outcome::Job(outcome) => on_job(app, outcome),
        Outcome::Daily(outcome) => super::daily::apply(app, outcome),
    }
}

/// The desk took back (or did not take back) the newest decision. It leaves the list only
/// once taken back, so a busy database does not throw it away; a refusal is final (the
/// pairing moved on), so that decision goes and `u` reaches the one before.
fn on_undone(app: &mut App, decision: &Decision, result: Result<String, DeskError>) {
    let newest = app.undo.last() == Some(decision);
    match result {
        Ok(message) => {
            if newest {
                app.undo.pop();
            }
            app.refresh();
            app.info(message);
        }
        Err(e) => {
            if newest && e.is_user_error() {
                app.undo.pop();
            }
            app.fail(format!("Could not undo: {e}"));
        }
    }
}

/// Work that waited for a pane's read: run once `pane` has shown what was read.
pub fn after_read(app: &mut App, pane: Pane) {
    match app.after_read.take() {
        Some(AfterRead::Rematched {
            learner,
            label,
            reason,
        }) if pane == Pane::Match => select_rematched(app, &learner, &label, &reason),
        Some(AfterRead::CheckInSaved { pairing, checkin }) if pane == Pane::CheckIns => {
            select_saved(app, pairing, checkin)
        }
        other => app.after_read = other,
    }
}
