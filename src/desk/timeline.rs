//! A learner's story on one screen: joined, matched, check-ins, milestones, pauses and ends,
//! coordinator notes and the learner's own reflections, in time order, with the program's
//! metrics for this learner.
//!
//! Owns: assembling the time line and its metrics in one read. May use: `domain`, `store`.
//!
//! Where each event comes from: `joined` is the learner row; `matched` and `ended` are a
//! pairing's `started_at` and `ended_at`; `paused` and `resumed` are rows of the
//! `pairing_events` table (schema 2), written by the same transaction that moves the pairing,
//! because the pairing row keeps only its current state; check-ins are the latest version of
//! each; milestones give `milestone-planned` at creation, `milestone-achieved` at
//! `achieved_at`, and `milestone-dropped` at the drop time schema 2 keeps (a drop recorded
//! before schema 2 has no time and is placed at the milestone's creation, marked
//! `"when": "unknown"`); reflections are rows of `reflections` (schema step 014), their
//! confidence part of the trend marked self-reported. On a mentor desk the sessions its pack
//! brought (`pack_checkins`: when, confidence, next steps) are check-ins too, marked
//! `before_this_desk`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use super::health::current_checkins;
use super::{Desk, DeskError};
use crate::domain::metrics::{LearnerTimes, match_start};
use crate::domain::text::clean_line;
use crate::domain::when::local_day;
use crate::domain::{LearnerId, MilestoneStatus, PairingStatus};
use crate::store::PairingEventKind;

/// What happened, in the order a day's events are shown when they share an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimelineKind {
    Joined,
    Matched,
    MilestonePlanned,
    Checkin,
    MilestoneAchieved,
    MilestoneDropped,
    Paused,
    Resumed,
    Ended,
    /// A coordinator's note on one of the learner's pairings.
    Note,
    /// The learner's own words about their progress, written down by the coordinator or a
    /// mentor (`detail.author`); a confidence in it is self-reported.
    Reflection,
    /// A concern raised on one of the learner's pairings, and its resolution.
    ConcernRaised,
    ConcernResolved,
}

impl TimelineKind {
    /// The event in words, the same on screen and in `mentordesk timeline` (the JSON's
    /// `kind` is the same words joined by hyphens).
    pub fn label(self) -> &'static str {
        match self {
            TimelineKind::Joined => "joined",
            TimelineKind::Matched => "matched",
            TimelineKind::MilestonePlanned => "milestone planned",
            TimelineKind::Checkin => "check-in",
            TimelineKind::MilestoneAchieved => "milestone achieved",
            TimelineKind::MilestoneDropped => "milestone dropped",
            TimelineKind::Paused => "paused",
            TimelineKind::Resumed => "resumed",
            TimelineKind::Ended => "ended",
            TimelineKind::Note => "note",
            TimelineKind::Reflection => "reflection",
            TimelineKind::ConcernRaised => "concern raised",
            TimelineKind::ConcernResolved => "concern resolved",
        }
    }
}

/// One entry of the time line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEvent {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    /// The facts of the event (ids, names, scores, confidence, reasons), as JSON; a mentor
    /// comes with `mentor` (the id) and `mentor_name`.
    pub detail: Value,
    /// One line for people: what the event says, read after its kind's words
    /// ([`TimelineKind::label`]), which it does not repeat.
    #[serde(skip)]
    pub summary: String,
}

/// Days from joining to the first match, and from the first match to the first check-in
/// and the first achieved milestone (defined once, in [`LearnerTimes`], for the program
/// metrics too); `None` while it has not happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimelineMetrics {
    pub days_to_match: Option<i64>,
    pub days_to_first_checkin: Option<i64>,
    pub days_to_first_milestone: Option<i64>,
    pub milestones_achieved: u32,
    /// Every milestone set for the learner except dropped ones (so achieved ≤ planned).
    pub milestones_planned: u32,
    /// Reflections recorded for the learner (their own words).
    pub reflections: u32,
}

/// One rating of the learner's confidence, 1–5: from a check-in (the mentor's session
/// record) or, `self_reported`, from the learner's own reflection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ConfidencePoint {
    pub at: DateTime<Utc>,
    pub value: u8,
    pub self_reported: bool,
}

impl ConfidencePoint {
    /// The point in a one-line trend, the same on screen and in `mentordesk timeline`: a bar
    /// for a check-in's rating, a filling circle for a self-reported one, so the two read
    /// apart without colour.
    pub fn glyph(self) -> char {
        const BARS: [char; 5] = ['▁', '▃', '▄', '▆', '█'];
        const CIRCLES: [char; 5] = ['○', '◔', '◑', '◕', '●'];
        let index = usize::from(self.value.clamp(1, 5) - 1);
        if self.self_reported {
            CIRCLES[index]
        } else {
            BARS[index]
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub learner: LearnerId,
    pub learner_name: String,
    pub metrics: TimelineMetrics,
    pub events: Vec<TimelineEvent>,
    /// Confidence of each current check-in and each reflection that gave one, oldest
    /// first (for a sparkline; the reflections' marked self-reported).
    pub confidence_trend: Vec<ConfidencePoint>,
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

impl Desk {
    /// The time line of one learner.
    pub fn timeline(&mut self, learner_id: &LearnerId) -> Result<Timeline, DeskError> {
        let learner = self.learner(learner_id)?;
        let zone = self.default_zone()?;
        let today = local_day(self.now(), zone);
        let (pairings, milestones, drops, earlier) = self.store.read(|tx| {
            let pairings: Vec<_> = tx
                .pairings_of(learner_id)?
                .into_iter()
                .filter(|p| p.started_at.is_some())
                .filter(|p| !matches!(p.status, PairingStatus::Proposed | PairingStatus::Declined))
                .collect();
            let mut with_history = Vec::new();
            for p in pairings {
                let checkins = tx.checkins_of(p.id)?;
                let events = tx.pairing_events(p.id)?;
                let mentor = tx
                    .mentor(&p.mentor)?
                    .map_or_else(|| p.mentor.to_string(), |m| clean_line(&m.name));
                with_history.push((p, checkins, events, mentor));
            }
            Ok::<_, DeskError>((
                with_history,
                tx.milestones_of(learner_id)?,
                tx.milestone_drop_times(learner_id)?,
                tx.pack_checkins()?,
            ))
        })?;

        let mut events = vec![TimelineEvent {
            at: learner.joined_at,
            kind: TimelineKind::Joined,
            detail: json!({"name": learner.name}),
            summary: learner.name.clone(),
        }];
        let mut checkin_times = Vec::new();
        let mut confidence = Vec::new();
        // A session held: when, for the time to a first check-in, and its rating for the trend.
        let mut session = |at: DateTime<Utc>, rated: Option<crate::domain::Confidence>| {
            checkin_times.push(at);
            if let Some(v) = rated {
                confidence.push(ConfidencePoint {
                    at,
                    value: v.get(),
                    self_reported: false,
                });
            }
        };
        for (p, checkins, moves, mentor_name) in &pairings {
            if let Some(started) = p.started_at {
                events.push(TimelineEvent {
                    at: started,
                    kind: TimelineKind::Matched,
                    detail: json!({"pairing": p.id, "mentor": p.mentor,
                                   "mentor_name": mentor_name, "score": p.score,
                                   "approved_by": p.approved_by}),
                    summary: format!(
                        "with {mentor_name} ({}), pairing {}{}",
                        p.mentor,
                        p.id,
                        p.score
                            .map(|s| format!(", score {:.1}", f64::from(s) / 10.0))
                            .unwrap_or_default()
                    ),
                });
            }
            for c in current_checkins(checkins) {
                session(c.at, c.confidence);
                events.push(TimelineEvent {
                    at: c.at,
                    kind: TimelineKind::Checkin,
                    detail: json!({"id": c.id, "pairing": p.id, "mentor": p.mentor,
                                   "mentor_name": mentor_name, "minutes": c.minutes, "mode": c.mode,
                                   "confidence": c.confidence, "notes": first_line(&c.notes),
                                   "edited": c.supersedes.is_some(), "guide": c.guide}),
                    summary: format!(
                        "{} min, confidence {}{}: {}",
                        c.minutes,
                        c.confidence
                            .map_or("unknown".into(), |v| v.get().to_string()),
                        c.guide
                            .as_ref()
                            .map(|g| format!(", guide {g}"))
                            .unwrap_or_default(),
                        first_line(&c.notes)
                    ),
                });
            }
            // On a mentor desk, the sessions the pack brought (logged on the coordinator's
            // desk before this one was made); a later pack may repeat one this desk holds.
            for b in earlier
                .iter()
                .filter(|b| b.pairing == p.id && checkins.iter().all(|c| c.id != b.id))
            {
                session(b.at, b.confidence);
                events.push(TimelineEvent {
                    at: b.at,
                    kind: TimelineKind::Checkin,
                    detail: json!({"id": b.id, "pairing": p.id, "mentor": p.mentor,
                                   "mentor_name": mentor_name, "confidence": b.confidence,
                                   "next_steps": b.next_steps, "before_this_desk": true}),
                    summary: format!(
                        "before this desk, confidence {}{}",
                        b.confidence
                            .map_or("unknown".into(), |v| v.get().to_string()),
                        b.next_steps
                            .as_deref()
                            .map(|n| format!(": next {}", first_line(n)))
                            .unwrap_or_default()
                    ),
                });
            }
            for e in moves {
                let kind = match e.kind {
                    PairingEventKind::Paused => TimelineKind::Paused,
                    PairingEventKind::Resumed => TimelineKind::Resumed,
                };
                events.push(TimelineEvent {
                    at: e.at,
                    kind,
                    detail: json!({"pairing": p.id, "mentor": p.mentor,
                                   "mentor_name": mentor_name, "reason": e.reason}),
                    summary: format!(
                        "pairing {} with {mentor_name}{}",
                        p.id,
                        e.reason
                            .as_ref()
                            .map(|r| format!(": {r}"))
                            .unwrap_or_default()
                    ),
                });
            }
            if let (Some(ended), true) = (p.ended_at, p.status.is_closed()) {
                events.push(TimelineEvent {
                    at: ended,
                    kind: TimelineKind::Ended,
                    detail: json!({"pairing": p.id, "mentor": p.mentor,
                                   "mentor_name": mentor_name, "status": p.status,
                                   "reason": p.end_reason}),
                    summary: format!(
                        "pairing {} with {mentor_name}, {}: {}",
                        p.id,
                        p.status,
                        p.end_reason.as_deref().unwrap_or("no reason given")
                    ),
                });
            }
        }
        for m in &milestones {
            let overdue = m.days_overdue(today);
            events.push(TimelineEvent {
                at: m.created_at,
                kind: TimelineKind::MilestonePlanned,
                detail: json!({"id": m.id, "title": m.title, "kind": m.kind,
                               "due": m.due.map(|d| d.to_string()), "status": m.status,
                               "days_overdue": overdue, "from_checkin": m.from_checkin}),
                summary: format!(
                    "{}{}{}",
                    m.title,
                    m.due.map(|d| format!(", due {d}")).unwrap_or_default(),
                    overdue
                        .map(|d| format!(" (overdue by {d} days)"))
                        .unwrap_or_default()
                ),
            });
            match m.status {
                MilestoneStatus::Achieved => {
                    let at = m.achieved_at.unwrap_or(m.created_at);
                    events.push(TimelineEvent {
                        at,
                        kind: TimelineKind::MilestoneAchieved,
                        detail: json!({"id": m.id, "title": m.title, "evidence": m.evidence,
                                       "endorsed_by": m.endorsed_by}),
                        summary: m.title.clone(),
                    });
                }
                MilestoneStatus::Dropped => {
                    let when = drops.iter().find(|(id, _)| *id == m.id).map(|(_, at)| *at);
                    let mut detail = json!({"id": m.id, "title": m.title, "reason": m.drop_reason});
                    if when.is_none() {
                        detail["when"] = json!("unknown");
                    }
                    events.push(TimelineEvent {
                        at: when.unwrap_or(m.created_at),
                        kind: TimelineKind::MilestoneDropped,
                        detail,
                        summary: format!(
                            "{} ({})",
                            m.title,
                            m.drop_reason.as_deref().unwrap_or("no reason given")
                        ),
                    });
                }
                MilestoneStatus::Planned => {}
            }
        }
        events.extend(super::note::note_events(self, learner_id)?);
        let (reflections, own) = super::reflection::reflection_events(self, learner_id)?;
        confidence.extend(own);
        let reflection_count = u32::try_from(reflections.len()).unwrap_or(u32::MAX);
        events.extend(reflections);
        events.extend(super::concern::concern_events(self, learner_id)?);
        events.sort_by_key(|e| (e.at, e.kind));
        // Stable: a check-in and a reflection at the same instant keep that order.
        confidence.sort_by_key(|p| p.at);

        let times = LearnerTimes {
            joined: learner.joined_at,
            first_match: pairings
                .iter()
                .filter_map(|(p, _, _, _)| match_start(p))
                .min(),
            first_checkin: checkin_times.iter().min().copied(),
            first_achieved: milestones
                .iter()
                .filter(|m| m.status == MilestoneStatus::Achieved)
                .filter_map(|m| m.achieved_at)
                .min(),
        };
        let count = |keep: &dyn Fn(MilestoneStatus) -> bool| {
            u32::try_from(milestones.iter().filter(|m| keep(m.status)).count()).unwrap_or(u32::MAX)
        };
        let metrics = TimelineMetrics {
            days_to_match: times.days_to_match(),
            days_to_first_checkin: times.days_to_first_checkin(),
            days_to_first_milestone: times.days_to_first_milestone(),
            milestones_achieved: count(&|s| s == MilestoneStatus::Achieved),
            milestones_planned: count(&|s| s != MilestoneStatus::Dropped),
            reflections: reflection_count,
        };
        Ok(Timeline {
            learner_name: clean_line(&learner.name),
            learner: learner.id,
            metrics,
            events,
            confidence_trend: confidence,
        })
    }
}
