//! People prepared for matching: everything a pair score needs, computed once per person so
//! that scoring millions of pairs does no zone arithmetic, no allocation and no string sorting.
//!
//! Owns: [`MatchContext`] (reference week, default zone, session length), [`PreparedLearner`],
//! [`PreparedMentor`] and the hashed tag keys they use. May use: `crate::domain`.

use chrono::{NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::domain::{
    Experience, Learner, LearnerId, Mentor, MentorId, MentorStatus, ModeSet, SlotSet, Tag, Track,
};

/// The frame every pair is judged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchContext {
    /// Monday of the week whose real instants (DST included) availability is projected onto.
    pub reference_monday: NaiveDate,
    /// Zone of people whose time zone is unknown.
    pub default_zone: Tz,
    /// Length of one session in minutes; a pair needs at least this much weekly overlap.
    pub session_minutes: u32,
}

impl MatchContext {
    /// Length of a session when the program does not say.
    pub const DEFAULT_SESSION_MINUTES: u32 = 60;

    pub fn new(reference_monday: NaiveDate, default_zone: Tz) -> MatchContext {
        MatchContext {
            reference_monday,
            default_zone,
            session_minutes: Self::DEFAULT_SESSION_MINUTES,
        }
    }

    /// Offset from UTC, in minutes, of `zone` at Wednesday 12:00 UTC of the reference week
    /// (mid-week, away from the weekend nights when clocks usually change).
    pub fn utc_offset_minutes(&self, zone: Tz) -> i32 {
        let wednesday = self.reference_monday + chrono::Duration::days(2);
        let noon = wednesday.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
        zone.offset_from_utc_datetime(&noon).fix().local_minus_utc() / 60
    }
}

/// A tag with a stable 64-bit hash in front, so sorted lists intersect by comparing integers
/// and only fall back to the text when two hashes are equal (which keeps the match exact).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagKey {
    pub hash: u64,
    pub tag: Tag,
}

impl TagKey {
    pub fn new(tag: &Tag) -> TagKey {
        TagKey {
            hash: fnv1a(tag.as_str().as_bytes()),
            tag: tag.clone(),
        }
    }
}

/// FNV-1a: tiny, stable across runs and platforms (unlike `std`'s randomized hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn sorted_keys<'a>(tags: impl Iterator<Item = &'a Tag>) -> Vec<TagKey> {
    let mut keys: Vec<TagKey> = tags.map(TagKey::new).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Whether two sorted key lists share an element.
pub fn keys_intersect(a: &[TagKey], b: &[TagKey]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Where a person's zone came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneInfo {
    pub zone: Tz,
    /// `false` when the person gave no zone and the desk default stands in.
    pub given: bool,
    /// UTC offset in minutes in the reference week.
    pub offset_minutes: i32,
}

impl ZoneInfo {
    fn new(zone: Option<Tz>, ctx: &MatchContext) -> ZoneInfo {
        let resolved = zone.unwrap_or(ctx.default_zone);
        ZoneInfo {
            zone: resolved,
            given: zone.is_some(),
            offset_minutes: ctx.utc_offset_minutes(resolved),
        }
    }
}

/// A learner ready to be scored against many mentors.
#[derive(Debug, Clone)]
pub struct PreparedLearner {
    pub id: LearnerId,
    /// Availability in UTC slots of the reference week; `None` when unknown.
    pub slots: Option<SlotSet>,
    pub interests: Vec<TagKey>,
    pub languages: Vec<TagKey>,
    pub modes: ModeSet,
    pub track: Option<Track>,
    pub zone: ZoneInfo,
    /// `prefer` items as typed, sorted: compared with mentor ids.
    pub prefer_ids: Vec<String>,
    /// `prefer` items read as expertise tags, sorted by key.
    pub prefer_tags: Vec<TagKey>,
    /// Mentors the learner asked not to be matched with, sorted.
    pub avoid: Vec<MentorId>,
    /// The mentor experience the learner wishes for.
    pub wished_experience: Option<Experience>,
}

impl PreparedLearner {
    pub fn new(learner: &Learner, ctx: &MatchContext) -> PreparedLearner {
        let zone = ZoneInfo::new(learner.timezone, ctx);
        PreparedLearner {
            id: learner.id.clone(),
            slots: (!learner.availability.is_unknown()).then(|| {
                learner
                    .availability
                    .utc_slots(zone.zone, ctx.reference_monday)
            }),
            interests: sorted_keys(learner.interests.iter()),
            languages: sorted_keys(learner.languages.iter()),
            modes: learner.modes,
            track: learner.track,
            zone,
            prefer_ids: learner
                .prefer
                .iter()
                .map(|p| p.as_str().to_string())
                .collect(),
            prefer_tags: sorted_keys(
                learner
                    .prefer
                    .iter()
                    .filter_map(|p| p.as_tag())
                    .collect::<Vec<_>>()
                    .iter(),
            ),
            avoid: learner.avoid.clone(),
            wished_experience: learner.mentor_experience,
        }
    }

    /// Whether the learner said whom they prefer (the `prefer` criterion counts for them).
    pub fn states_preferences(&self) -> bool {
        !self.prefer_ids.is_empty()
    }

    /// Whether the learner asked for this mentor by id.
    pub fn asks_for(&self, mentor: &MentorId) -> bool {
        self.prefer_ids
            .binary_search_by(|id| id.as_str().cmp(mentor.as_str()))
            .is_ok()
    }

    /// Whether the learner asked not to be matched with this mentor.
    pub fn avoids(&self, mentor: &MentorId) -> bool {
        self.avoid.binary_search(mentor).is_ok()
    }
}

/// One area of a mentor's expertise, keyed for intersection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedExpertise {
    pub key: TagKey,
    /// Proficiency 1–5.
    pub level: u8,
}

/// A mentor ready to be scored against many learners, with their current load.
#[derive(Debug, Clone)]
pub struct PreparedMentor {
    pub id: MentorId,
    pub status: MentorStatus,
    pub capacity: u32,
    /// Learners in active or paused pairings with this mentor now.
    pub seats_in_use: u32,
    /// Proposals of this mentor declined recently (the window is the caller's choice).
    pub recent_declines: u32,
    pub slots: Option<SlotSet>,
    /// Sorted by key; one entry per tag.
    pub expertise: Vec<PreparedExpertise>,
    pub languages: Vec<TagKey>,
    pub modes: ModeSet,
    pub experience: Option<Experience>,
    pub zone: ZoneInfo,
    /// The mentor's credential was verified by the program.
    pub verified: bool,
}

impl PreparedMentor {
    pub fn new(
        mentor: &Mentor,
        seats_in_use: u32,
        recent_declines: u32,
        ctx: &MatchContext,
    ) -> PreparedMentor {
        let zone = ZoneInfo::new(mentor.timezone, ctx);
        let mut expertise: Vec<PreparedExpertise> = mentor
            .expertise
            .iter()
            .map(|e| PreparedExpertise {
                key: TagKey::new(&e.tag),
                level: e.level,
            })
            .collect();
        // Highest level first within a tag, then keep one entry per tag.
        expertise.sort_by(|a, b| a.key.cmp(&b.key).then(b.level.cmp(&a.level)));
        expertise.dedup_by(|later, first| later.key == first.key);
        PreparedMentor {
            id: mentor.id.clone(),
            status: mentor.status,
            capacity: mentor.capacity,
            seats_in_use,
            recent_declines,
            slots: (!mentor.availability.is_unknown()).then(|| {
                mentor
                    .availability
                    .utc_slots(zone.zone, ctx.reference_monday)
            }),
            expertise,
            languages: sorted_keys(mentor.languages.iter()),
            modes: mentor.modes,
            experience: mentor.experience,
            zone,
            verified: mentor.verified,
        }
    }

    /// Seats still free (0 when over capacity).
    pub fn remaining_capacity(&self) -> u32 {
        self.capacity.saturating_sub(self.seats_in_use)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Asia, Europe};

    fn ctx() -> MatchContext {
        MatchContext::new(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), Europe::Madrid)
    }

    #[test]
    fn offsets_in_the_reference_week() {
        let ctx = ctx();
        assert_eq!(ctx.utc_offset_minutes(Europe::Madrid), 60);
        assert_eq!(ctx.utc_offset_minutes(America::Bogota), -300);
        assert_eq!(ctx.utc_offset_minutes(Asia::Kolkata), 330);
        assert_eq!(ctx.utc_offset_minutes(Asia::Kathmandu), 345);
        let summer =
            MatchContext::new(NaiveDate::from_ymd_opt(2026, 7, 6).unwrap(), Europe::Madrid);
        assert_eq!(summer.utc_offset_minutes(Europe::Madrid), 120);
    }

    #[test]
    fn keys_intersect_exactly() {
        let a = sorted_keys([Tag::parse("rust").unwrap(), Tag::parse("sql").unwrap()].iter());
        let b = sorted_keys([Tag::parse("go").unwrap(), Tag::parse("SQL").unwrap()].iter());
        let c = sorted_keys([Tag::parse("go").unwrap()].iter());
        assert!(keys_intersect(&a, &b));
        assert!(!keys_intersect(&a, &c));
        assert!(!keys_intersect(&a, &[]));
    }
}
