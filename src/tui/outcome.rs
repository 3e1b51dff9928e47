//! What the desk answered: each [`Outcome`] goes to the flow that asked for it. Undo is
//! answered here (it belongs to no pane); everything else goes to its pane's `update.rs`.

use super::app::{AfterRead, App, Screen};
use super::effect::Effect;
use super::effect::Outcome;
use super::panes::Pane;
use super::panes::audit::update::on_audit_read;
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
use crate::desk::{DeskError, Refusal, Undone};
use crate::domain::OperationId;

/// Applies one outcome to the app.
pub fn apply(app: &mut App, outcome: Outcome) {
    match outcome {
        Outcome::Opened(Ok((empty, zone))) => {
            app.zone = zone;
            app.submit(Effect::ReadUndo);
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
        Outcome::Undone { operation, result } => on_undone(app, operation, result),
        Outcome::UndoReady { ready, newest } => {
            app.undo_ready = ready;
            if app.undo_floor.is_none() {
                app.undo_floor = Some(newest.unwrap_or(OperationId(0)));
            }
        }
        Outcome::UndoAsk { operation, summary } => super::undo::ask(app, operation, &summary),
        Outcome::AuditRead(result) => on_audit_read(app, result),
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
        Outcome::CheckInSaved {
            label,
            result,
            raised,
        } => on_saved(app, &label, *result, raised),
        Outcome::ReflectionSaved { label, result } => {
            super::panes::timeline::reflection::on_reflection_saved(app, &label, *result)
        }
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
        Outcome::WaitCancelled => on_wait_cancelled(app),
        Outcome::Daily(outcome) => super::daily::apply(app, outcome),
        Outcome::Concern(outcome) => super::concerns::apply(app, outcome),
    }
}

/// A write gave up waiting for another desk: say so on the status line, unless the
/// effect's own answer already did.
fn on_wait_cancelled(app: &mut App) {
    let said = app
        .status
        .as_ref()
        .is_some_and(|s| s.text.contains(crate::tui::app::CANCELLED));
    if !said {
        app.fail(crate::tui::app::CANCELLED);
    }
}

/// The desk took back (or did not take back) the newest decision of the log. A busy
/// database leaves it for the next `u`; a refusal (the world moved on) is final for this
/// session, so `u` reaches the decision before it (`mentordesk undo ID` can still try it).
fn on_undone(app: &mut App, operation: Option<OperationId>, result: Result<Undone, DeskError>) {
    match result {
        Ok(undone) => {
            app.refresh();
            app.submit(Effect::ReadUndo);
            app.info(format!("{} ({})", undone.message, undone.operation));
        }
        Err(e) if matches!(e.refusal(), Some(Refusal::NothingToUndo)) => {
            app.undo_ready = false;
            app.info(e.to_string());
        }
        Err(e) => {
            if let Some(id) = operation.filter(|_| e.is_user_error()) {
                app.undo_refused.push(id);
                let refused = format!("Could not undo {id}: {e}");
                app.fail(refused);
            } else {
                app.fail(format!("Could not undo: {e}"));
            }
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
