//! Logging check-ins: a new one, an edit (a new version that supersedes the old, so nothing
//! a mentor wrote is lost), and the lists the faces show.
//!
//! Owns: which pairing a check-in may be logged against, the date rules (not in the future
//! unless asked, not before the pairing started), fresh UUIDv7 ids, and the milestones a
//! check-in achieves or plans, in the same transaction. May use: `domain`, `store`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::concern::{NewConcern, raise_in};
use super::lifecycle::load_pairing;
use super::milestone::{MilestonePlan, achieve_in, plan_in};
use super::{Desk, DeskError, Refusal, Subject};
use crate::domain::checkin::validate_minutes;
use crate::domain::guide::GuideName;
use crate::domain::text::{clean_multiline, optional_multiline};
use crate::domain::when::local_day;
use crate::domain::{
    Author, CheckIn, CheckInId, Concern, Confidence, LearnerId, Milestone, MilestoneId, Mode,
    Pairing, PairingId, Tag,
};
use crate::store::Tx;

/// Which pairing a new check-in is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInTarget {
    Pairing(PairingId),
    /// The learner's active or paused pairing.
    Learner(LearnerId),
}

/// A check-in as a person fills it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckIn {
    pub target: CheckInTarget,
    /// When the session was (default: now).
    pub at: Option<DateTime<Utc>>,
    pub minutes: u32,
    pub mode: Option<Mode>,
    /// 1–5, checked here.
    pub confidence: Option<u8>,
    /// Multi-line; cleaned of control characters and escape sequences.
    pub notes: String,
    pub topics: Vec<Tag>,
    pub next_steps: Option<String>,
    /// A planned milestone of this learner reached in this session.
    pub milestone: Option<MilestoneId>,
    /// A new milestone for the learner, planned in this session (due no earlier than the
    /// session's day).
    pub plan_milestone: Option<MilestonePlan>,
    /// Accept a date after today (a session logged ahead of time).
    pub allow_future: bool,
    /// The guide the session used; the face checks it is one the desk knows.
    pub guide: Option<GuideName>,
}

/// Who a check-in logged at this desk is written by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WrittenBy {
    /// This desk's own author: the coordinator on the coordinator's desk, the mentor on a
    /// mentor desk.
    #[default]
    Desk,
    /// The pairing's mentor: the coordinator logs it on the mentor's behalf.
    Mentor,
}

/// A check-in just logged, with the milestone it planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedCheckIn {
    pub checkin: CheckIn,
    pub planned: Option<Milestone>,
    /// The planned milestone this session marked achieved, as it now stands.
    pub achieved: Option<Milestone>,
}

/// What an edit changes; `None` keeps the old value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInEdit {
    pub at: Option<DateTime<Utc>>,
    pub minutes: Option<u32>,
    pub mode: Option<Mode>,
    pub confidence: Option<u8>,
    pub notes: Option<String>,
    pub topics: Option<Vec<Tag>>,
    pub next_steps: Option<String>,
    pub allow_future: bool,
    /// A guide used in this version; `None` keeps the old version's.
    pub guide: Option<GuideName>,
}

/// A check-in with the people it is about, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRow {
    pub checkin: CheckIn,
    pub learner: LearnerId,
    pub mentor: crate::domain::MentorId,
    /// The later version that replaces this one (only shown with history).
    pub superseded_by: Option<CheckInId>,
    /// Milestones planned in this check-in (or in an earlier version it replaces), by id.
    pub planned_milestones: Vec<MilestoneId>,
}

/// Refuses a check-in dated after today (unless allowed; never more than
/// [`crate::domain::checkin::MAX_DAYS_AHEAD`] days ahead) or before the pairing started.
fn check_date(
    pairing: &Pairing,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    zone: chrono_tz::Tz,
    allow_future: bool,
) -> Result<(), DeskError> {
    let (day, today) = (local_day(at, zone), local_day(now, zone));
    let limit = crate::domain::checkin::MAX_DAYS_AHEAD;
    if (day - today).num_days() > limit {
        return Err(Refusal::CheckInTooFarAhead { day, today, limit }.into());
    }
    if day > today && !allow_future {
        return Err(Refusal::CheckInInFuture { day, today }.into());
    }
    if let Some(started) = pairing.started_at
        && day < local_day(started, zone)
    {
        return Err(Refusal::CheckInBeforeStart {
            day,
            pairing: pairing.id,
            started: local_day(started, zone),
        }
        .into());
    }
    Ok(())
}

/// A pairing that can take check-ins: active or paused.
fn ensure_open(pairing: &Pairing) -> Result<(), DeskError> {
    if pairing.status.holds_seat() {
        return Ok(());
    }
    Err(Refusal::PairingNotOpen {
        pairing: pairing.id,
        learner: pairing.learner.clone(),
        mentor: pairing.mentor.clone(),
        status: pairing.status,
        end_reason: pairing.end_reason.clone(),
    }
    .into())
}

fn confidence(value: Option<u8>) -> Result<Option<Confidence>, DeskError> {
    Ok(value.map(Confidence::new).transpose()?)
}

fn snapshot(c: &CheckIn) -> serde_json::Value {
    serde_json::to_value(c).unwrap_or(serde_json::Value::Null)
}

/// A fresh, time-ordered id; the random bits make two desks writing in the same millisecond
/// still differ.
fn fresh_id(now: DateTime<Utc>) -> CheckInId {
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    CheckInId::new_at(millis, fastrand::u128(..))
}

fn resolve_target(tx: &Tx<'_>, target: &CheckInTarget) -> Result<Pairing, DeskError> {
    match target {
        CheckInTarget::Pairing(id) => load_pairing(tx, *id),
        CheckInTarget::Learner(learner) => {
            if tx.learner(learner)?.is_none() {
                return Err(DeskError::not_found(Subject::Learner, learner));
            }
            tx.seat_of(learner)?.ok_or_else(|| {
                Refusal::LearnerHasNoSeat {
                    learner: learner.clone(),
                }
                .into()
            })
        }
    }
}

/// Refuses a new milestone due before the day of the session that plans it.
fn check_due(
    plan: Option<&MilestonePlan>,
    at: DateTime<Utc>,
    zone: chrono_tz::Tz,
) -> Result<(), DeskError> {
    let session = local_day(at, zone);
    match plan.and_then(|p| p.due) {
        Some(due) if due < session => {
            Err(Refusal::MilestoneDueBeforeCheckIn { due, session }.into())
        }
        _ => Ok(()),
    }
}

/// Stores `checkin`, achieves its milestone (which must be the learner's and planned), plans
/// the new one, and writes the audit rows; returns the milestone planned and the one
/// achieved.
fn store_checkin(
    tx: &Tx<'_>,
    checkin: &CheckIn,
    pairing: &Pairing,
    milestone: Option<MilestoneId>,
    plan: Option<&MilestonePlan>,
    action: &str,
    before: Option<&CheckIn>,
) -> Result<(Option<Milestone>, Option<Milestone>), DeskError> {
    tx.insert_checkin(checkin)?;
    super::sync::journal_checkin(tx, checkin, pairing)?;
    if let Some(id) = milestone {
        let goal = super::milestone::load_milestone(tx, id)?;
        if goal.learner != pairing.learner {
            return Err(Refusal::MilestoneOfAnotherLearner {
                milestone: id,
                owner: goal.learner,
                learner: pairing.learner.clone(),
            }
            .into());
        }
        let evidence = Some(format!("check-in {}", checkin.id));
        achieve_in(
            tx,
            id,
            evidence,
            None,
            checkin.recorded_at,
            &checkin.author_desk,
        )?;
    }
    let achieved = milestone
        .map(|id| super::milestone::load_milestone(tx, id))
        .transpose()?;
    let planned = plan
        .map(|p| {
            plan_in(
                tx,
                &pairing.learner,
                p,
                Some(checkin.id),
                checkin.recorded_at,
                &checkin.author_desk,
            )
        })
        .transpose()?;
    let mut after = snapshot(checkin);
    if let Some(id) = milestone {
        after["milestone_achieved"] = serde_json::json!(id);
    }
    if let Some(m) = &planned {
        after["milestone_planned"] = serde_json::json!(m.id);
    }
    tx.append_audit(
        checkin.recorded_at,
        &checkin.author_desk,
        action,
        &format!("checkin:{}", checkin.id),
        before.map(snapshot).as_ref(),
        Some(&after),
    )?;
    Ok((planned, achieved))
}

impl Desk {
    /// Logs a check-in (audited), achieving its milestone and planning the new one in the
    /// same transaction: if any part is refused, nothing is written.
    pub fn add_checkin(&mut self, new: &NewCheckIn) -> Result<LoggedCheckIn, DeskError> {
        self.add_checkin_by(new, WrittenBy::Desk)
    }

    /// Logs a check-in as [`Desk::add_checkin`] does, written by this desk's own author or,
    /// with [`WrittenBy::Mentor`], on behalf of the pairing's mentor (the check-in, the
    /// milestones it moves and the audit rows then name the mentor as author).
    pub fn add_checkin_by(
        &mut self,
        new: &NewCheckIn,
        by: WrittenBy,
    ) -> Result<LoggedCheckIn, DeskError> {
        Ok(self.add_checkin_with_concern(new, by, None)?.0)
    }

    /// Logs a check-in as [`Desk::add_checkin_by`] does and, with `concern`, raises a concern
    /// on its pairing in the same transaction (linked to the check-in; written by the
    /// check-in's author): if either is refused, neither is written.
    pub fn add_checkin_with_concern(
        &mut self,
        new: &NewCheckIn,
        by: WrittenBy,
        concern: Option<&NewConcern>,
    ) -> Result<(LoggedCheckIn, Option<Concern>), DeskError> {
        let concern = concern.map(NewConcern::check).transpose()?;
        let minutes = validate_minutes(new.minutes)?;
        let confidence = confidence(new.confidence)?;
        let zone = self.default_zone()?;
        let (now, actor) = (self.now(), self.actor.clone());
        let at = new.at.unwrap_or(now);
        let id = fresh_id(now);
        self.store.write(|tx| {
            let pairing = resolve_target(tx, &new.target)?;
            if by == WrittenBy::Mentor {
                tx.act_as(Author::Mentor(pairing.mentor.clone()));
            }
            ensure_open(&pairing)?;
            check_date(&pairing, at, now, zone, new.allow_future)?;
            check_due(new.plan_milestone.as_ref(), at, zone)?;
            let checkin = CheckIn {
                id,
                pairing: pairing.id,
                at,
                minutes,
                mode: new.mode,
                confidence,
                notes: clean_multiline(&new.notes),
                topics: new.topics.clone(),
                next_steps: new.next_steps.as_deref().and_then(optional_multiline),
                author_desk: actor.clone(),
                author: tx.author(),
                supersedes: None,
                recorded_at: now,
                guide: new.guide.clone(),
            };
            let (planned, achieved) = store_checkin(
                tx,
                &checkin,
                &pairing,
                new.milestone,
                new.plan_milestone.as_ref(),
                "checkin.add",
                None,
            )?;
            let raised = concern
                .as_ref()
                .map(|c| raise_in(tx, &pairing, c, Some(checkin.id), now, &actor))
                .transpose()?;
            Ok((
                LoggedCheckIn {
                    checkin,
                    planned,
                    achieved,
                },
                raised,
            ))
        })
    }

    /// Edits a check-in by writing a new version that supersedes it (audited). Only the
    /// latest version can be edited; the pairing may since have ended (a correction is still
    /// welcome).
    pub fn edit_checkin(
        &mut self,
        id: CheckInId,
        edit: &CheckInEdit,
    ) -> Result<CheckIn, DeskError> {
        let minutes = edit.minutes.map(validate_minutes).transpose()?;
        let new_confidence = confidence(edit.confidence)?;
        let zone = self.default_zone()?;
        let (now, actor) = (self.now(), self.actor.clone());
        let new_id = fresh_id(now);
        self.store.write(|tx| {
            let old = tx
                .checkin(id)?
                .ok_or_else(|| DeskError::not_found(Subject::CheckIn, id))?;
            let versions = tx.checkins_of(old.pairing)?;
            if let Some(newer) = versions.iter().find(|c| c.supersedes == Some(id)) {
                return Err(Refusal::CheckInSuperseded {
                    checkin: id,
                    by: newer.id,
                }
                .into());
            }
            let pairing = load_pairing(tx, old.pairing)?;
            let at = edit.at.unwrap_or(old.at);
            if edit.at.is_some() {
                check_date(&pairing, at, now, zone, edit.allow_future)?;
            }
            let checkin = CheckIn {
                id: new_id,
                pairing: old.pairing,
                at,
                minutes: minutes.unwrap_or(old.minutes),
                mode: edit.mode.or(old.mode),
                confidence: new_confidence.or(old.confidence),
                notes: edit
                    .notes
                    .as_deref()
                    .map_or_else(|| old.notes.clone(), clean_multiline),
                topics: edit.topics.clone().unwrap_or_else(|| old.topics.clone()),
                next_steps: match &edit.next_steps {
                    Some(text) => optional_multiline(text),
                    None => old.next_steps.clone(),
                },
                author_desk: actor.clone(),
                author: tx.author(),
                supersedes: Some(old.id),
                recorded_at: now,
                guide: edit.guide.clone().or_else(|| old.guide.clone()),
            };
            store_checkin(
                tx,
                &checkin,
                &pairing,
                None,
                None,
                "checkin.edit",
                Some(&old),
            )?;
            Ok(checkin)
        })
    }

    /// Check-in ids (any version) starting with `prefix`, as `checkin list` prints them (a
    /// prefix typed without hyphens is read with them in place), at most `limit`, in id
    /// order: one means the prefix names a check-in, more that it is ambiguous. `prefix`
    /// must be hexadecimal digits and hyphens (see [`CheckInId::looks_like_prefix`]).
    pub fn checkin_ids_starting(
        &mut self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<CheckInId>, DeskError> {
        let prefix = CheckInId::canonical_prefix(prefix);
        Ok(self
            .store
            .read(|tx| tx.checkin_ids_starting(&prefix, limit))?)
    }

    /// Check-ins of one learner (or everyone), oldest first: the latest version of each, or
    /// every version with `history`.
    pub fn checkin_rows(
        &mut self,
        learner: Option<&LearnerId>,
        history: bool,
    ) -> Result<Vec<CheckInRow>, DeskError> {
        if let Some(id) = learner {
            self.learner(id)?;
        }
        let (pairings, all, milestones) = self.store.read(|tx| match learner {
            // One learner: their pairings and those pairings' check-ins, by index.
            Some(id) => {
                let pairings = tx.pairings_of(id)?;
                let mut checkins = Vec::new();
                for p in &pairings {
                    checkins.extend(tx.checkins_of(p.id)?);
                }
                checkins.sort_by_key(|c| (c.at, c.id));
                Ok::<_, DeskError>((pairings, checkins, tx.milestones_of(id)?))
            }
            None => Ok((tx.all_pairings()?, tx.all_checkins()?, tx.all_milestones()?)),
        })?;
        Ok(rows_of(&pairings, all, &milestones, learner, history))
    }
}

/// `all` check-ins as list rows with who each was between and the milestones each planned:
/// of one learner or everyone, the current versions or (`history`) every version.
pub(super) fn rows_of(
    pairings: &[Pairing],
    all: Vec<CheckIn>,
    milestones: &[Milestone],
    learner: Option<&LearnerId>,
    history: bool,
) -> Vec<CheckInRow> {
    let mut planned_in: HashMap<CheckInId, Vec<MilestoneId>> = HashMap::new();
    for m in milestones {
        if let Some(c) = m.from_checkin {
            planned_in.entry(c).or_default().push(m.id);
        }
    }
    let supersedes: HashMap<CheckInId, CheckInId> = all
        .iter()
        .filter_map(|c| c.supersedes.map(|old| (c.id, old)))
        .collect();
    // A milestone belongs to the check-in that planned it and to every later version.
    let planned_by = |id: CheckInId| {
        let mut ids = Vec::new();
        let mut version = Some(id);
        // Bounded by the number of versions, so a damaged chain cannot loop.
        for _ in 0..=supersedes.len() {
            let Some(v) = version else { break };
            ids.extend(planned_in.get(&v).into_iter().flatten().copied());
            version = supersedes.get(&v).copied();
        }
        ids.sort();
        ids
    };
    let people: HashMap<PairingId, &Pairing> = pairings.iter().map(|p| (p.id, p)).collect();
    let replaced_by: HashMap<CheckInId, CheckInId> =
        supersedes.iter().map(|(new, old)| (*old, *new)).collect();
    all.into_iter()
        .filter_map(|checkin| {
            let superseded_by = replaced_by.get(&checkin.id).copied();
            if superseded_by.is_some() && !history {
                return None;
            }
            let p = people.get(&checkin.pairing)?;
            if learner.is_some_and(|l| l != &p.learner) {
                return None;
            }
            Some(CheckInRow {
                planned_milestones: planned_by(checkin.id),
                checkin,
                learner: p.learner.clone(),
                mentor: p.mentor.clone(),
                superseded_by,
            })
        })
        .collect()
}
