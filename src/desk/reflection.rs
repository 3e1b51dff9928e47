//! Learners' reflections: adding one (audited in the same transaction), listing a learner's,
//! and their place on the learner's time line, marked as the learner's own words with who
//! wrote them down. May use: `domain`, `store`.
//!
//! Not in the operation log: like a check-in or a note, a reflection is a record of what was
//! said, not a decision to take back.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::timeline::{ConfidencePoint, TimelineEvent, TimelineKind};
use super::{Desk, DeskError, Subject, WrittenBy};
use crate::domain::reflection::{Reflection, check_date, parse_text};
use crate::domain::{Author, Confidence, DomainError, LearnerId};

/// A reflection as a person gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReflection {
    pub learner: LearnerId,
    /// The learner's words; cleaned and checked here.
    pub text: String,
    /// When the learner said it (default: now); not after today.
    pub at: Option<DateTime<Utc>>,
    /// 1–5, checked here.
    pub confidence: Option<u8>,
    /// The coordinator (this desk's author), or the learner's current mentor.
    pub by: WrittenBy,
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// The learner's reflections as time-line entries, and their self-reported confidence for
/// the trend.
pub(super) fn reflection_events(
    desk: &mut Desk,
    learner: &LearnerId,
) -> Result<(Vec<TimelineEvent>, Vec<ConfidencePoint>), DeskError> {
    let rows = desk.store.read(|tx| {
        let mut rows = Vec::new();
        for r in tx.reflections_of(learner)? {
            let mentor_name = match r.author.mentor() {
                Some(id) => tx.mentor(id)?.map(|m| m.name),
                None => None,
            };
            rows.push((r, mentor_name));
        }
        Ok::<_, DeskError>(rows)
    })?;
    let own = rows
        .iter()
        .filter_map(|(r, _)| {
            r.confidence.map(|c| ConfidencePoint {
                at: r.at,
                value: c.get(),
                self_reported: true,
            })
        })
        .collect();
    let events = rows
        .into_iter()
        .map(|(r, mentor_name)| {
            let by = r.author.words(mentor_name.as_deref());
            let rating = r
                .confidence
                .map(|c| format!(", confidence {} (self-reported)", c.get()))
                .unwrap_or_default();
            TimelineEvent {
                at: r.at,
                kind: TimelineKind::Reflection,
                detail: json!({"id": r.id, "text": r.text, "confidence": r.confidence,
                               "self_reported": true, "author": r.author,
                               "author_name": mentor_name, "actor": r.actor}),
                summary: format!(
                    "in their own words{rating}, written down by {by}: {}",
                    first_line(&r.text)
                ),
            }
        })
        .collect();
    Ok((events, own))
}

impl Desk {
    /// Records a learner's reflection, with its audit row (`reflection.add`, the text in
    /// `after`), in one transaction. Written by this desk's author or, with
    /// [`WrittenBy::Mentor`], on behalf of the learner's current mentor (refused when the
    /// learner holds no active or paused pairing). Refused on a mentor's desk: a bundle does
    /// not carry reflections yet, so the words would never reach the coordinator.
    pub fn add_reflection(&mut self, new: &NewReflection) -> Result<Reflection, DeskError> {
        self.ensure_coordinator("recording a learner's reflection")?;
        let text = parse_text(&new.text)?;
        let confidence = new.confidence.map(Confidence::new).transpose()?;
        let zone = self.default_zone()?;
        let (now, actor) = (self.now(), self.actor.clone());
        let at = new.at.unwrap_or(now);
        self.store.write(|tx| {
            let learner = tx
                .learner(&new.learner)?
                .ok_or_else(|| DeskError::not_found(Subject::Learner, &new.learner))?;
            check_date(at, learner.joined_at, now, zone)?;
            if new.by == WrittenBy::Mentor {
                let seat = tx
                    .seat_of(&learner.id)?
                    .ok_or_else(|| DomainError::Invalid {
                        what: "author",
                        value: "mentor".into(),
                        problem: format!(
                            "{} holds no active or paused pairing, so there is no mentor to write \
                         it for",
                            learner.id
                        ),
                    })?;
                tx.act_as(Author::Mentor(seat.mentor));
            }
            let mut reflection = Reflection {
                id: 0,
                learner: learner.id.clone(),
                at,
                text: text.clone(),
                confidence,
                author: tx.author(),
                actor: actor.clone(),
                recorded_at: now,
            };
            reflection.id = tx.insert_reflection(&reflection)?;
            let after = json!({"id": reflection.id, "at": reflection.at,
                               "confidence": confidence, "author": reflection.author,
                               "text": text});
            tx.append_audit(
                now,
                &actor,
                "reflection.add",
                &format!("learner:{}", learner.id),
                None,
                Some(&after),
            )?;
            Ok(reflection)
        })
    }

    /// A learner's reflections, oldest first.
    pub fn reflections(&mut self, learner: &LearnerId) -> Result<Vec<Reflection>, DeskError> {
        self.store.read(|tx| {
            tx.learner(learner)?
                .ok_or_else(|| DeskError::not_found(Subject::Learner, learner))?;
            Ok(tx.reflections_of(learner)?)
        })
    }
}
