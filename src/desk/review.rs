//! Reviewing candidates: the board every ranking is computed from, waiting learners, and
//! exclusions.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};

use super::{Desk, DeskError, Refusal, Subject};
use crate::domain::availability::week_monday;
use crate::domain::metrics::waiting_since;
use crate::domain::{Exclusion, Learner, LearnerId, LearnerStatus, MentorId};
use crate::matching::{
    MatchContext, MentorStanding, PreparedLearner, PreparedMentor, Ranking, Weights,
    pair_compatible, quick_score, rank_prepared,
};

use super::people::MentorRow;

/// How far back declined proposals count against a mentor (the rotation criterion).
pub const ROTATION_WINDOW_DAYS: i64 = 90;

/// Everything a ranking needs, read from the database at once, so that moving between
/// learners (or trying other weights) ranks in memory without touching the file.
#[derive(Debug, Clone)]
pub struct MatchBoard {
    pub mentors: Vec<MentorRow>,
    pub declines: HashMap<MentorId, u32>,
    pub exclusions: Vec<Exclusion>,
    pub weights: Weights,
    pub ctx: MatchContext,
    /// Learners in an active or paused pairing.
    pub seated: HashSet<LearnerId>,
    /// The mentors with their schedules projected once, in `mentors` order.
    prepared: Vec<PreparedMentor>,
}

impl MatchBoard {
    /// The board for these mentors, preparing each once.
    pub fn new(
        mentors: Vec<MentorRow>,
        declines: HashMap<MentorId, u32>,
        exclusions: Vec<Exclusion>,
        weights: Weights,
        ctx: MatchContext,
        seated: HashSet<LearnerId>,
    ) -> MatchBoard {
        let prepared = mentors
            .iter()
            .map(|row| {
                let standing = MentorStanding {
                    mentor: &row.mentor,
                    seats_in_use: row.load.seats_in_use,
                    recent_declines: declines.get(&row.mentor.id).copied().unwrap_or(0),
                };
                standing.prepare(&ctx)
            })
            .collect();
        MatchBoard {
            mentors,
            declines,
            exclusions,
            weights,
            ctx,
            seated,
            prepared,
        }
    }

    /// Each mentor with the load and declines the board read.
    pub fn standings(&self) -> Vec<MentorStanding<'_>> {
        self.mentors
            .iter()
            .map(|row| MentorStanding {
                mentor: &row.mentor,
                seats_in_use: row.load.seats_in_use,
                recent_declines: self.declines.get(&row.mentor.id).copied().unwrap_or(0),
            })
            .collect()
    }

    /// Weekly overlap in minutes between a learner and a mentor in the reference week, or
    /// `None` when either side's availability is unknown.
    pub fn overlap_minutes(&self, learner: &Learner, mentor: &MentorId) -> Option<u32> {
        let index = self
            .mentors
            .iter()
            .position(|row| &row.mentor.id == mentor)?;
        let theirs = self.prepared.get(index)?.slots.as_ref()?;
        if learner.availability.is_unknown() {
            return None;
        }
        let zone = learner.timezone.unwrap_or(self.ctx.default_zone);
        Some(
            learner
                .availability
                .utc_slots(zone, self.ctx.reference_monday)
                .overlap_minutes(theirs),
        )
    }

    /// Every mentor for `learner` under the board's weights.
    pub fn rank(&self, learner: &Learner) -> Ranking {
        self.rank_with(learner, &self.weights)
    }

    /// Every mentor for `learner` under other `weights` (a dry run of a weight change).
    pub fn rank_with(&self, learner: &Learner, weights: &Weights) -> Ranking {
        let seated = self.seated.contains(&learner.id);
        rank_prepared(
            learner,
            &self.prepared,
            &self.exclusions,
            weights,
            &self.ctx,
            seated,
        )
    }

    /// The learner's best score over mentors who could take them now (hard constraints
    /// and free seats), without building explanations: for "how far below the best".
    pub fn best_score(&self, learner: &Learner) -> Option<u32> {
        let prepared = PreparedLearner::new(learner, &self.ctx);
        let allocation = self.weights.allocation();
        self.prepared
            .iter()
            .filter(|m| {
                m.status == crate::domain::MentorStatus::Active
                    && m.remaining_capacity() > 0
                    && !self
                        .exclusions
                        .iter()
                        .any(|e| e.learner == learner.id && e.mentor == m.id)
                    && pair_compatible(&prepared, m, &self.ctx)
            })
            .map(|m| quick_score(&prepared, m, &allocation).total)
            .max()
    }

    pub fn mentor(&self, id: &MentorId) -> Option<&MentorRow> {
        self.mentors.iter().find(|row| &row.mentor.id == id)
    }
}

/// A learner waiting for a mentor, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingLearner {
    pub learner: Learner,
    /// When they first asked for a mentor (joining): a rematched learner keeps it, so their
    /// wait does not start again at 0 when a pairing ends.
    pub since: DateTime<Utc>,
    /// Whole days since `since`.
    pub days: i64,
    /// For a learner waiting again after a pairing ended: when it ended, and whole days
    /// since.
    pub again: Option<(DateTime<Utc>, i64)>,
}

impl Desk {
    /// The frame rankings are judged in: this week's real instants, the desk's default zone.
    pub fn match_context(&mut self) -> Result<MatchContext, DeskError> {
        let zone = self.default_zone()?;
        let monday = week_monday(crate::domain::when::local_day(self.now(), zone));
        Ok(MatchContext::new(monday, zone))
    }

    /// Reads the board for ranking.
    pub fn match_board(&mut self) -> Result<MatchBoard, DeskError> {
        let mentors = self.mentors()?;
        self.match_board_for(mentors)
    }

    /// The board for mentors already read (a face that lists them too reads them once).
    pub fn match_board_for(&mut self, mentors: Vec<MentorRow>) -> Result<MatchBoard, DeskError> {
        let ctx = self.match_context()?;
        let weights = self.weights()?;
        let since = self.now() - Duration::days(ROTATION_WINDOW_DAYS);
        let (declines, exclusions, seated) = self.store.read(|tx| {
            let declines: HashMap<_, _> = tx.recent_declines(since)?.into_iter().collect();
            Ok::<_, DeskError>((declines, tx.exclusions()?, tx.seated_learners()?))
        })?;
        let seated = seated.into_iter().collect();
        Ok(MatchBoard::new(
            mentors, declines, exclusions, weights, ctx, seated,
        ))
    }

    /// Learners waiting for a mentor, longest wait first (counted from when they first
    /// asked, rematched or not; then by id).
    pub fn waiting_learners(&mut self) -> Result<Vec<WaitingLearner>, DeskError> {
        let learners = self.learners()?;
        self.waiting_among(&learners)
    }

    /// The waiting learners among `learners` already read, longest wait first (then by id).
    pub fn waiting_among(
        &mut self,
        learners: &[Learner],
    ) -> Result<Vec<WaitingLearner>, DeskError> {
        let now = self.now();
        let ends: HashMap<_, _> = self
            .store
            .read(|tx| tx.last_pairing_ends())?
            .into_iter()
            .collect();
        let mut waiting: Vec<WaitingLearner> = learners
            .iter()
            .filter(|l| l.status == LearnerStatus::Waiting)
            .map(|learner| {
                let since = learner.joined_at;
                let again = ends
                    .get(&learner.id)
                    .map(|end| waiting_since(since, Some(*end)))
                    .filter(|again| *again > since)
                    .map(|again| (again, (now - again).num_days().max(0)));
                WaitingLearner {
                    days: (now - since).num_days().max(0),
                    since,
                    again,
                    learner: learner.clone(),
                }
            })
            .collect();
        waiting.sort_by(|a, b| {
            a.since
                .cmp(&b.since)
                .then_with(|| a.learner.id.cmp(&b.learner.id))
        });
        Ok(waiting)
    }

    /// One learner, or a clear error naming the id.
    pub fn learner(&mut self, id: &LearnerId) -> Result<Learner, DeskError> {
        self.store
            .read(|tx| tx.learner(id))?
            .ok_or_else(|| DeskError::not_found(Subject::Learner, id))
    }

    /// Ranks every mentor for one learner.
    pub fn candidates(&mut self, id: &LearnerId) -> Result<(Learner, Ranking), DeskError> {
        let learner = self.learner(id)?;
        let board = self.match_board()?;
        let ranking = board.rank(&learner);
        Ok((learner, ranking))
    }

    /// Records that `learner` and `mentor` must never be proposed together (audited, logged
    /// for undo).
    pub fn exclude(
        &mut self,
        learner: &LearnerId,
        mentor: &MentorId,
        reason: &str,
    ) -> Result<(), DeskError> {
        self.ensure_coordinator("excluding a pair")?;
        let reason = crate::domain::text::clean_line(reason);
        if reason.is_empty() {
            return Err(Refusal::ExclusionReasonMissing.into());
        }
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            ensure_people(tx, learner, mentor)?;
            let exclusion = Exclusion {
                learner: learner.clone(),
                mentor: mentor.clone(),
                reason: reason.clone(),
                created_at: now,
            };
            tx.put_exclusion(&exclusion)?;
            let after = serde_json::json!({"reason": reason});
            tx.append_audit(
                now,
                &actor,
                "exclude",
                &format!("pair:{learner}/{mentor}"),
                None,
                Some(&after),
            )?;
            let operation = crate::domain::Operation::Exclude {
                learner: learner.clone(),
                mentor: mentor.clone(),
            };
            super::undo::log_operation(tx, now, &actor, &operation)?;
            Ok(())
        })
    }

    /// Lifts an exclusion (audited); refuses when there was none.
    pub fn unexclude(&mut self, learner: &LearnerId, mentor: &MentorId) -> Result<(), DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            ensure_people(tx, learner, mentor)?;
            let Some(before) = tx.exclusion(learner, mentor)? else {
                return Err(Refusal::NotExcluded {
                    learner: learner.clone(),
                    mentor: mentor.clone(),
                }
                .into());
            };
            tx.delete_exclusion(learner, mentor)?;
            let before = serde_json::json!({"reason": before.reason});
            tx.append_audit(
                now,
                &actor,
                "unexclude",
                &format!("pair:{learner}/{mentor}"),
                Some(&before),
                None,
            )?;
            Ok(())
        })
    }
}

/// Both people exist, or an error naming the one that does not.
pub(super) fn ensure_people(
    tx: &crate::store::Tx<'_>,
    learner: &LearnerId,
    mentor: &MentorId,
) -> Result<(Learner, crate::domain::Mentor), DeskError> {
    let l = tx
        .learner(learner)?
        .ok_or_else(|| DeskError::not_found(Subject::Learner, learner))?;
    let m = tx
        .mentor(mentor)?
        .ok_or_else(|| DeskError::not_found(Subject::Mentor, mentor))?;
    Ok((l, m))
}
