//! Effects: what `update` asks the desk to do, named, and what comes back.
//!
//! `update` decides and returns [`Effect`]s; the runtime (`runtime`) runs them where the
//! desk is — a worker thread in the terminal, inline in tests — and hands each
//! [`Outcome`] back to `outcome::apply`. Nothing here touches the screen.
//!
//! Owns: the effect and outcome vocabulary and how one effect runs on a desk. May use:
//! `desk`, `domain`.

use std::path::PathBuf;
use std::sync::Arc;

use chrono_tz::Tz;

use super::app::Services;
use super::panes::pairings::UnderWayRow;
use super::panes::pairings::detail::PairingDetail;
use super::panes::roster::{Needs, Roster};
use super::panes::sync::SyncSnapshot;
use super::panes::timeline::detail::EntryDetail;
use crate::desk::{
    Approval, CheckInEdit, CheckInRow, CohortInput, CohortPlan, Desk, DeskError, FollowUp, Insight,
    Keep, LoggedCheckIn, NewCheckIn, PairingHealth, Refusal, SyncConflict, Timeline, TimelineEvent,
    Undone,
};
use crate::domain::metrics::Period;
use crate::domain::{
    CheckInId, HealthThresholds, LearnerId, MentorId, Milestone, OperationId, Pairing, PairingId,
};
use crate::matching::{Strategy, Weights};

/// Which pane a read is for, and which reload it belongs to (older reads are dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadFor {
    pub pane: super::panes::Pane,
    pub generation: u64,
}

/// Something only the desk can do: every variant reads or writes the database.
#[derive(Debug)]
pub enum Effect {
    /// Whether the desk is empty (the welcome screen) and its zone.
    Open,
    /// Reads what a pane needs (see [`Roster::fill`]).
    Read {
        target: ReadFor,
        have: Roster,
        needs: Needs,
        earlier: Option<Arc<FollowUp>>,
    },
    /// One learner's time line.
    ReadStory(LearnerId),
    /// The program's metrics and the pairings needing attention, over a period.
    ReadInsight(Period),
    Approve {
        approval: Approval,
        label: String,
    },
    /// Every listed proposal in one transaction, all or none; `cutoff` is the score asked
    /// for (points).
    ApproveAll {
        proposals: Vec<(PairingId, String)>,
        cutoff: u32,
    },
    Decline {
        pairing: PairingId,
        label: String,
        reason: Option<String>,
    },
    Exclude {
        learner: LearnerId,
        mentor: MentorId,
        label: String,
        reason: String,
    },
    /// Takes back the newest decision of the log, leaving out the ones refused in this
    /// session.
    /// `floor`: the newest decision when the desk opened (older ones are asked about
    /// first); `confirmed`: the one the person said yes to.
    Undo {
        skip: Vec<OperationId>,
        floor: Option<OperationId>,
        confirmed: Option<OperationId>,
    },
    /// Whether the log holds a decision to take back (the footer's `u`).
    ReadUndo,
    /// The newest entries of the audit trail, named and in words.
    ReadAudit,
    SetWeights(Weights),
    /// The health thresholds in force, to open their editor.
    ReadThresholds,
    /// Judges the pairings of `follow_up` by `thresholds` (tried, not stored).
    Rejudge {
        follow_up: Arc<FollowUp>,
        thresholds: HealthThresholds,
    },
    KeepThresholds(HealthThresholds),
    Pause {
        pairing: PairingId,
        label: String,
    },
    Resume {
        pairing: PairingId,
        label: String,
    },
    End {
        pairing: PairingId,
        label: String,
        reason: String,
    },
    Rematch {
        pairing: PairingId,
        label: String,
        reason: String,
    },
    /// A pairing under way on one screen: its check-ins and milestones.
    OpenPairing(Box<UnderWayRow>),
    /// A time-line entry on one screen; a check-in with its full notes.
    OpenEntry {
        learner: LearnerId,
        event: TimelineEvent,
        heading: String,
        line: String,
    },
    /// The learner's planned milestones, for a new check-in's milestone field.
    PrepareCheckIn(Box<super::panes::checkins::NewCheckInStart>),
    LogCheckIn {
        checkin: Box<NewCheckIn>,
        /// A concern raised with it, in the same transaction.
        concern: Option<crate::desk::NewConcern>,
        label: String,
    },
    EditCheckIn {
        checkin: CheckInId,
        edit: Box<CheckInEdit>,
        label: String,
    },
    /// Records a learner's reflection; `label` is the learner's name.
    AddReflection {
        reflection: Box<crate::desk::NewReflection>,
        label: String,
    },
    /// Reads the cohort; the solving then runs on a thread of its own.
    Plan(Strategy),
    Compare,
    SavePlan(Box<CohortPlan>),
    Import(Vec<PathBuf>),
    LoadDemo,
    /// The state of handing records over (banner, Sync pane, a mentor desk's briefs).
    ReadSync,
    /// Mentor desk: writes the records not yet handed back to a bundle file.
    WriteBundle(PathBuf),
    /// Coordinator's desk: imports a mentor's bundle (and writes the receipt beside it).
    ImportBundle(PathBuf),
    /// People kept up to date, introductions (see `daily`).
    Daily(super::daily::DailyEffect),
    /// Concerns: the open queue, raising one, resolving one (see `concerns`).
    Concern(super::concerns::ConcernEffect),
    /// Resolves conflict `conflict` (audited by the desk).
    Resolve {
        conflict: i64,
        keep: Keep,
        label: String,
    },
}

/// Which long piece of work a cohort read is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohortUse {
    Plan(Strategy),
    Compare,
}

/// What an effect came to.
#[derive(Debug)]
pub enum Outcome {
    Opened(Result<(bool, Tz), DeskError>),
    Read {
        target: ReadFor,
        result: Result<(Roster, Tz), DeskError>,
    },
    Story {
        learner: LearnerId,
        result: Result<Timeline, DeskError>,
    },
    Insight {
        period: Period,
        result: Result<Box<Insight>, DeskError>,
    },
    Approved {
        label: String,
        result: Result<(Pairing, OperationId), DeskError>,
    },
    /// The batch approved (one decision that undoes it whole), or none of it: `refused`
    /// names the proposal the desk turned down.
    ApprovedAll {
        cutoff: u32,
        asked: usize,
        refused: Option<String>,
        result: Result<Option<OperationId>, DeskError>,
    },
    Declined {
        label: String,
        result: Result<OperationId, DeskError>,
    },
    Excluded {
        label: String,
        reason: String,
        result: Result<(), DeskError>,
    },
    /// The decision the desk tried to take back (none when the log had none left), and how
    /// it went.
    Undone {
        operation: Option<OperationId>,
        result: Result<Undone, DeskError>,
    },
    /// Whether `u` has a decision to take back, and the newest decision logged (the floor
    /// of this session).
    UndoReady {
        ready: bool,
        newest: Option<OperationId>,
    },
    /// The next decision is older than this session: ask first.
    UndoAsk {
        operation: OperationId,
        summary: String,
    },
    AuditRead(Result<Vec<crate::desk::AuditLine>, DeskError>),
    WeightsSet(Result<(), DeskError>),
    Thresholds(Result<HealthThresholds, DeskError>),
    Rejudged(Result<Vec<PairingHealth>, DeskError>),
    ThresholdsKept(Result<(), DeskError>),
    /// A pause, resume or end: what to say on success, and the label for a refusal.
    Moved {
        /// The verb for a refusal: "change" (pause, resume) or "end".
        verb: &'static str,
        label: String,
        result: Result<String, DeskError>,
    },
    Rematched {
        label: String,
        reason: String,
        result: Result<LearnerId, DeskError>,
    },
    PairingOpened(Box<PairingDetail>),
    EntryOpened(Box<EntryDetail>),
    CheckInPrepared {
        start: Box<super::panes::checkins::NewCheckInStart>,
        planned: Result<Vec<Milestone>, DeskError>,
    },
    CheckInSaved {
        label: String,
        result: Box<Result<LoggedCheckIn, DeskError>>,
        /// The concern raised with a new check-in.
        raised: Option<crate::domain::Concern>,
    },
    ReflectionSaved {
        label: String,
        result: Box<Result<crate::domain::reflection::Reflection, DeskError>>,
    },
    /// The cohort read for a plan or a comparison; the runtime starts the solving.
    CohortRead {
        purpose: CohortUse,
        result: Result<CohortInput, DeskError>,
    },
    PlanSaved {
        cohort: Box<CohortPlan>,
        result: Result<crate::desk::SavedPlan, DeskError>,
    },
    Imported {
        done: Vec<String>,
        failed: Option<String>,
    },
    DemoLoaded(Result<String, String>),
    SyncRead(Result<Arc<SyncSnapshot>, DeskError>),
    /// How many records went to which file.
    BundleWritten(Result<(usize, PathBuf), String>),
    /// What the import did, in one line.
    BundleImported(Result<String, String>),
    Resolved {
        keep: Keep,
        label: String,
        result: Result<SyncConflict, DeskError>,
    },
    /// A long job finished (see `runtime::jobs`).
    Job(super::runtime::jobs::JobOutcome),
    /// The effect answered just before gave up waiting for another desk's lock (Esc):
    /// nothing of it was written. Follows that effect's own outcome.
    WaitCancelled,
    Daily(super::daily::DailyOutcome),
    Concern(super::concerns::ConcernOutcome),
}

/// Runs one effect on `desk`. Called on the desk's thread only.
pub fn perform(effect: Effect, desk: &mut Desk, services: &Services) -> Outcome {
    match effect {
        Effect::Open => Outcome::Opened(
            desk.is_empty()
                .and_then(|empty| Ok((empty, desk.default_zone()?))),
        ),
        Effect::Read {
            target,
            have,
            needs,
            earlier,
        } => Outcome::Read {
            target,
            result: desk
                .default_zone()
                .and_then(|zone| Ok((have.fill(desk, needs, earlier)?, zone))),
        },
        Effect::ReadStory(learner) => Outcome::Story {
            result: desk.timeline(&learner),
            learner,
        },
        Effect::ReadInsight(period) => Outcome::Insight {
            result: desk.insight(period).map(Box::new),
            period,
        },
        Effect::Approve { approval, label } => Outcome::Approved {
            label,
            result: desk.approve(&approval),
        },
        Effect::ApproveAll { proposals, cutoff } => {
            let ids: Vec<PairingId> = proposals.iter().map(|(id, _)| *id).collect();
            let (result, approvals) = match desk.proposal_approvals(&ids) {
                Ok(approvals) => (
                    desk.approve_batch(&approvals).map(|b| b.operation),
                    approvals,
                ),
                Err(e) => (Err(e), Vec::new()),
            };
            let refused = result
                .as_ref()
                .err()
                .and_then(|e| refused_label(e, &proposals, &approvals));
            Outcome::ApprovedAll {
                cutoff,
                asked: proposals.len(),
                refused,
                result,
            }
        }
        Effect::Decline {
            pairing,
            label,
            reason,
        } => Outcome::Declined {
            label,
            result: desk.decline(pairing, reason.as_deref()),
        },
        Effect::Exclude {
            learner,
            mentor,
            label,
            reason,
        } => Outcome::Excluded {
            result: desk.exclude(&learner, &mentor, &reason),
            label,
            reason,
        },
        Effect::Undo {
            confirmed: Some(id),
            ..
        } => Outcome::Undone {
            operation: Some(id),
            result: desk.undo(Some(id)),
        },
        Effect::Undo {
            skip,
            floor,
            confirmed: None,
        } => match desk.next_undo(&skip) {
            Ok(Some(next)) if floor.is_some_and(|f| next.id <= f) => Outcome::UndoAsk {
                operation: next.id,
                summary: next
                    .operation
                    .as_ref()
                    .map_or_else(|| next.kind.clone(), crate::domain::Operation::summary),
            },
            Ok(Some(next)) => Outcome::Undone {
                operation: Some(next.id),
                result: desk.undo(Some(next.id)),
            },
            Ok(None) => Outcome::Undone {
                operation: None,
                result: Err(Refusal::NothingToUndo.into()),
            },
            Err(e) => Outcome::Undone {
                operation: None,
                result: Err(e),
            },
        },
        Effect::ReadUndo => Outcome::UndoReady {
            ready: matches!(desk.next_undo(&[]), Ok(Some(_))),
            newest: desk
                .operations(1)
                .ok()
                .and_then(|ops| ops.first().map(|op| op.id)),
        },
        Effect::ReadAudit => Outcome::AuditRead(desk.audit_trail(&crate::domain::AuditFilter {
            limit: super::panes::audit::SHOWN,
            ..crate::domain::AuditFilter::default()
        })),
        Effect::SetWeights(weights) => Outcome::WeightsSet(desk.set_weights(&weights).map(|_| ())),
        Effect::ReadThresholds => Outcome::Thresholds(desk.health_thresholds()),
        Effect::Rejudge {
            follow_up,
            thresholds,
        } => Outcome::Rejudged(desk.judge_again(&follow_up, thresholds)),
        Effect::KeepThresholds(thresholds) => {
            Outcome::ThresholdsKept(desk.set_health_thresholds(&thresholds).map(|_| ()))
        }
        Effect::Daily(effect) => Outcome::Daily(super::daily::perform(effect, desk, services)),
        Effect::Concern(effect) => Outcome::Concern(super::concerns::perform(effect, desk)),
        Effect::Pause { pairing, label } => Outcome::Moved {
            verb: "change",
            result: desk
                .pause(pairing, None)
                .map(|_| format!("Paused {label}; P resumes")),
            label,
        },
        Effect::Resume { pairing, label } => Outcome::Moved {
            verb: "change",
            result: desk.resume(pairing).map(|_| format!("Resumed {label}")),
            label,
        },
        Effect::End {
            pairing,
            label,
            reason,
        } => Outcome::Moved {
            verb: "end",
            result: desk
                .end(pairing, &reason)
                .map(|ended| format!("{label}: {} ({reason})", ended.status)),
            label,
        },
        Effect::Rematch {
            pairing,
            label,
            reason,
        } => Outcome::Rematched {
            result: desk.rematch(pairing, &reason).map(|(_, learner)| learner),
            label,
            reason,
        },
        Effect::OpenPairing(row) => {
            Outcome::PairingOpened(Box::new(PairingDetail::read(desk, *row)))
        }
        Effect::OpenEntry {
            learner,
            event,
            heading,
            line,
        } => {
            let full: Option<CheckInRow> = if event.kind == crate::desk::TimelineKind::Checkin {
                let id = event.detail["id"].as_str().unwrap_or_default().to_string();
                desk.checkin_rows(Some(&learner), false)
                    .ok()
                    .and_then(|rows| rows.into_iter().find(|r| r.checkin.id.to_string() == id))
            } else {
                None
            };
            Outcome::EntryOpened(Box::new(EntryDetail {
                zone: desk.default_zone().unwrap_or(chrono_tz::UTC),
                event,
                heading,
                line,
                checkin: full.map(|r| r.checkin),
            }))
        }
        Effect::PrepareCheckIn(start) => Outcome::CheckInPrepared {
            planned: desk.milestones(Some(&start.learner)),
            start,
        },
        Effect::LogCheckIn {
            checkin,
            concern,
            label,
        } => {
            let saved = desk.add_checkin_with_concern(
                &checkin,
                crate::desk::WrittenBy::Desk,
                concern.as_ref(),
            );
            let (result, raised) = match saved {
                Ok((logged, raised)) => (Ok(logged), raised),
                Err(e) => (Err(e), None),
            };
            Outcome::CheckInSaved {
                label,
                result: Box::new(result),
                raised,
            }
        }
        Effect::EditCheckIn {
            checkin,
            edit,
            label,
        } => Outcome::CheckInSaved {
            label,
            result: Box::new(
                desk.edit_checkin(checkin, &edit)
                    .map(|checkin| LoggedCheckIn {
                        checkin,
                        planned: None,
                        achieved: None,
                    }),
            ),
            raised: None,
        },
        Effect::AddReflection { reflection, label } => Outcome::ReflectionSaved {
            label,
            result: Box::new(desk.add_reflection(&reflection)),
        },
        Effect::Plan(strategy) => Outcome::CohortRead {
            purpose: CohortUse::Plan(strategy),
            result: desk.cohort_input(),
        },
        Effect::Compare => Outcome::CohortRead {
            purpose: CohortUse::Compare,
            result: desk.cohort_input(),
        },
        Effect::SavePlan(cohort) => Outcome::PlanSaved {
            result: desk.save_plan_replacing(&cohort),
            cohort,
        },
        Effect::Import(paths) => {
            let mut done = Vec::new();
            for path in &paths {
                match (services.import_csv)(desk, path) {
                    Ok(summary) => done.push(summary),
                    Err(e) => {
                        return Outcome::Imported {
                            done,
                            failed: Some(e),
                        };
                    }
                }
            }
            Outcome::Imported { done, failed: None }
        }
        Effect::LoadDemo => Outcome::DemoLoaded((services.load_demo)(desk)),
        Effect::ReadSync => Outcome::SyncRead(SyncSnapshot::read(desk).map(Arc::new)),
        Effect::WriteBundle(path) => Outcome::BundleWritten((services.write_bundle)(desk, &path)),
        Effect::ImportBundle(path) => {
            Outcome::BundleImported((services.import_bundle)(desk, &path))
        }
        Effect::Resolve {
            conflict,
            keep,
            label,
        } => Outcome::Resolved {
            keep,
            label,
            result: desk.resolve_conflict(conflict, keep),
        },
    }
}

/// Which proposal of a batch the desk refused, by its label: the pair an approval refusal
/// names, or the pairing that is no longer a proposal.
fn refused_label(
    error: &DeskError,
    proposals: &[(PairingId, String)],
    approvals: &[Approval],
) -> Option<String> {
    let DeskError::Refused(refusal) = error else {
        return None;
    };
    let at = match (refusal, refusal.pair()) {
        (_, Some((learner, mentor))) => approvals
            .iter()
            .position(|a| &a.learner == learner && &a.mentor == mentor),
        (Refusal::NotAProposal { pairing, .. }, None) => {
            proposals.iter().position(|(id, _)| id == pairing)
        }
        _ => None,
    };
    at.and_then(|i| proposals.get(i))
        .map(|(_, label)| label.clone())
}
