//! Weekly availability: blocks such as `Mon 18:00-20:00` in a person's own zone, and their
//! projection onto real instants of a reference week as 15-minute slots in UTC.
//!
//! Projecting both ends of a block through the zone makes overlap DST-aware: a block that spans
//! a clock change covers the real minutes it covers, not the minutes on the wall.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::person::split_list;
use super::text::quoted;

/// Minutes in one slot of a [`SlotSet`].
pub const SLOT_MINUTES: u32 = 15;
/// Slots in one week.
pub const SLOTS_PER_WEEK: usize = 7 * 24 * 60 / SLOT_MINUTES as usize;
const WORDS: usize = SLOTS_PER_WEEK.div_ceil(64);
const MINUTES_PER_WEEK: i64 = 7 * 24 * 60;

/// One weekly block in local wall time: a day and a span of minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct WeeklyBlock {
    /// Monday is 0.
    pub day: u8,
    /// Minutes after local midnight, inclusive.
    pub start: u16,
    /// Minutes after local midnight, exclusive; at most 24:00.
    pub end: u16,
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn parse_day(raw: &str) -> Option<u8> {
    let lowered = raw.to_ascii_lowercase();
    let full = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    full.iter()
        .position(|name| lowered.len() >= 3 && name.starts_with(&lowered))
        .map(|i| i as u8)
}

fn parse_clock(raw: &str, allow_midnight_end: bool) -> Result<u16, String> {
    let (h, m) = raw
        .split_once(':')
        .ok_or_else(|| format!("time {} is not HH:MM", quoted(raw)))?;
    let hours: u16 = h
        .parse()
        .map_err(|_| format!("time {} is not HH:MM", quoted(raw)))?;
    let minutes: u16 = m
        .parse()
        .map_err(|_| format!("time {} is not HH:MM", quoted(raw)))?;
    if m.len() != 2 || minutes > 59 {
        return Err(format!("minutes in {} must be 00-59", quoted(raw)));
    }
    if hours == 24 && minutes == 0 && allow_midnight_end {
        return Ok(24 * 60);
    }
    if hours > 23 {
        return Err(format!(
            "hour in {} must be 00-23 (24:00 only as an end)",
            quoted(raw)
        ));
    }
    Ok(hours * 60 + minutes)
}

impl WeeklyBlock {
    /// Parses `Mon 18:00-20:00` (day names may be spelled out, any case).
    pub fn parse(raw: &str) -> Result<WeeklyBlock, DomainError> {
        let bad = |problem: String| DomainError::BadBlock {
            value: raw.trim().into(),
            problem,
        };
        let mut parts = raw.split_whitespace();
        let (Some(day), Some(span), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("expected a day and a span, like Mon 18:00-20:00".into()));
        };
        let day =
            parse_day(day).ok_or_else(|| bad(format!("unknown day {} (Mon..Sun)", quoted(day))))?;
        let (start, end) = span
            .split_once('-')
            .ok_or_else(|| bad("expected a span like 18:00-20:00".into()))?;
        let start = parse_clock(start, false).map_err(bad)?;
        let end = parse_clock(end, true).map_err(bad)?;
        if end <= start {
            return Err(bad("the end is not after the start".into()));
        }
        Ok(WeeklyBlock { day, start, end })
    }

    pub fn minutes(&self) -> u32 {
        u32::from(self.end - self.start)
    }

    pub fn weekday(&self) -> Weekday {
        Weekday::try_from(self.day).unwrap_or(Weekday::Mon)
    }
}

impl fmt::Display for WeeklyBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = DAY_NAMES
            .get(usize::from(self.day))
            .copied()
            .unwrap_or("Mon");
        write!(
            f,
            "{name} {:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

/// A person's weekly availability; no blocks means unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Availability {
    blocks: Vec<WeeklyBlock>,
}

impl Availability {
    pub fn new(mut blocks: Vec<WeeklyBlock>) -> Self {
        blocks.sort();
        blocks.dedup();
        Availability { blocks }
    }

    /// Parses `Mon 18:00-20:00;Wed 07:30-09:00`; empty text is unknown availability.
    pub fn parse_list(raw: &str) -> Result<Availability, DomainError> {
        split_list(raw)
            .map(WeeklyBlock::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(Self::new)
    }

    pub fn blocks(&self) -> &[WeeklyBlock] {
        &self.blocks
    }

    pub fn is_unknown(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Wall-clock minutes per week, before any zone arithmetic.
    pub fn weekly_minutes(&self) -> u32 {
        self.blocks.iter().map(WeeklyBlock::minutes).sum()
    }

    pub fn to_list(&self) -> String {
        super::person::join_list(&self.blocks)
    }

    /// Projects the blocks onto the UTC week starting at `monday` 00:00 UTC, as the 15-minute
    /// slots they fully cover. Blocks that run past the end of the week wrap to its start.
    pub fn utc_slots(&self, zone: Tz, monday: NaiveDate) -> SlotSet {
        let mut slots = SlotSet::default();
        let week_start = monday.and_time(NaiveTime::MIN).and_utc();
        for block in &self.blocks {
            let day = monday + Duration::days(i64::from(block.day));
            let local =
                |minutes: u16| day.and_time(NaiveTime::MIN) + Duration::minutes(minutes.into());
            let start = instant_minutes(zone, local(block.start), week_start);
            let end = instant_minutes(zone, local(block.end), week_start);
            slots.cover(start, end);
        }
        slots
    }
}

/// Minutes from `week_start` to the instant a wall-clock time names in `zone`. A time that
/// falls in a spring-forward gap is read with the offset from before the gap; an ambiguous
/// autumn time takes its first occurrence.
fn instant_minutes(
    zone: Tz,
    local: NaiveDateTime,
    week_start: chrono::DateTime<chrono::Utc>,
) -> i64 {
    let instant = match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&chrono::Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&chrono::Utc),
        chrono::LocalResult::None => {
            let before = zone.offset_from_utc_datetime(&(local - Duration::hours(3)));
            let offset = chrono::Offset::fix(&before);
            (local - Duration::seconds(offset.local_minus_utc().into())).and_utc()
        }
    };
    (instant - week_start).num_minutes()
}

/// A week of 15-minute slots in UTC, Monday 00:00 first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SlotSet([u64; WORDS]);

impl SlotSet {
    /// Marks the slots fully inside `[start, end)` minutes from the week start, wrapping
    /// around the week.
    fn cover(&mut self, start: i64, end: i64) {
        if end <= start {
            return;
        }
        let slot = i64::from(SLOT_MINUTES);
        let first = start.div_euclid(slot) + i64::from(start.rem_euclid(slot) != 0);
        let last = end.div_euclid(slot);
        let week_slots = MINUTES_PER_WEEK / slot;
        for s in first..last.min(first + week_slots) {
            let index = s.rem_euclid(week_slots) as usize;
            self.0[index / 64] |= 1 << (index % 64);
        }
    }

    pub fn contains(&self, index: usize) -> bool {
        index < SLOTS_PER_WEEK && self.0[index / 64] & (1 << (index % 64)) != 0
    }

    pub fn len(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn minutes(&self) -> u32 {
        self.len() * SLOT_MINUTES
    }

    /// The slots both sets hold.
    pub fn intersection(&self, other: &SlotSet) -> SlotSet {
        let mut both = SlotSet::default();
        for (i, word) in both.0.iter_mut().enumerate() {
            *word = self.0[i] & other.0[i];
        }
        both
    }

    /// Unbroken runs of slots, as minutes from the week's start: `[start, end)`, in order.
    pub fn runs(&self) -> Vec<(u32, u32)> {
        let mut runs = Vec::new();
        let mut open: Option<usize> = None;
        for index in 0..=SLOTS_PER_WEEK {
            match (self.contains(index), open) {
                (true, None) => open = Some(index),
                (false, Some(start)) => {
                    let minutes =
                        |slot: usize| u32::try_from(slot).unwrap_or(u32::MAX) * SLOT_MINUTES;
                    runs.push((minutes(start), minutes(index)));
                    open = None;
                }
                _ => {}
            }
        }
        runs
    }

    /// Minutes both sets share.
    pub fn overlap_minutes(&self, other: &SlotSet) -> u32 {
        self.0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| (a & b).count_ones())
            .sum::<u32>()
            * SLOT_MINUTES
    }
}

/// The Monday on or before `date`: the start of its reference week.
pub fn week_monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Asia, Europe, UTC};

    fn monday(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_and_prints_blocks() {
        let block = WeeklyBlock::parse("wednesday 07:30-09:00").unwrap();
        assert_eq!(block.to_string(), "Wed 07:30-09:00");
        assert_eq!(block.minutes(), 90);
        assert_eq!(WeeklyBlock::parse("Sun 22:00-24:00").unwrap().end, 1440);
    }

    #[test]
    fn rejects_bad_blocks_with_reasons() {
        for (raw, needle) in [
            ("Mon 25:00-26:00", "00-23"),
            ("Mon 20:00-18:00", "not after"),
            ("Mon 18:00-18:00", "not after"),
            ("Xyz 10:00-11:00", "unknown day"),
            ("Mon 10-11", "HH:MM"),
            ("Mon", "expected a day"),
            ("Mon 10:60-11:00", "00-59"),
        ] {
            let err = WeeklyBlock::parse(raw).unwrap_err().to_string();
            assert!(err.contains(needle), "{raw}: {err}");
        }
    }

    #[test]
    fn same_wall_time_in_two_zones_overlaps_by_offset() {
        // 2026-01-05 is a Monday; Madrid is UTC+1 and Bogota UTC-5 in January.
        let week = monday(2026, 1, 5);
        let madrid = Availability::parse_list("Mon 18:00-20:00")
            .unwrap()
            .utc_slots(Europe::Madrid, week);
        let bogota = Availability::parse_list("Mon 12:00-14:00")
            .unwrap()
            .utc_slots(America::Bogota, week);
        assert_eq!(madrid.overlap_minutes(&bogota), 120);
        let bogota_early = Availability::parse_list("Mon 11:00-13:00")
            .unwrap()
            .utc_slots(America::Bogota, week);
        assert_eq!(madrid.overlap_minutes(&bogota_early), 60);
        let bogota_late = Availability::parse_list("Mon 14:00-15:00")
            .unwrap()
            .utc_slots(America::Bogota, week);
        assert_eq!(madrid.overlap_minutes(&bogota_late), 0);
    }

    #[test]
    fn half_and_quarter_hour_zones() {
        let week = monday(2026, 1, 5);
        let kolkata = Availability::parse_list("Mon 20:30-22:30")
            .unwrap()
            .utc_slots(Asia::Kolkata, week);
        let utc = Availability::parse_list("Mon 15:00-16:00")
            .unwrap()
            .utc_slots(UTC, week);
        assert_eq!(kolkata.overlap_minutes(&utc), 60);
        let kathmandu = Availability::parse_list("Mon 20:45-21:45")
            .unwrap()
            .utc_slots(Asia::Kathmandu, week);
        assert_eq!(kathmandu.overlap_minutes(&utc), 60);
        assert_eq!(kathmandu.minutes(), 60);
    }

    #[test]
    fn block_across_spring_forward_is_shorter() {
        // Europe/Madrid springs forward on Sunday 2026-03-29 at 02:00 -> 03:00.
        let week = monday(2026, 3, 23);
        let slots = Availability::parse_list("Sun 01:00-04:00")
            .unwrap()
            .utc_slots(Europe::Madrid, week);
        assert_eq!(slots.minutes(), 120);
    }

    #[test]
    fn block_across_fall_back_is_longer() {
        // Europe/Madrid falls back on Sunday 2026-10-25 at 03:00 -> 02:00.
        let week = monday(2026, 10, 19);
        let slots = Availability::parse_list("Sun 01:00-04:00")
            .unwrap()
            .utc_slots(Europe::Madrid, week);
        assert_eq!(slots.minutes(), 240);
    }

    #[test]
    fn blocks_wrap_around_the_week() {
        // Monday 03:00 in Tokyo is Sunday 18:00 UTC of the previous week: wraps to the end.
        let week = monday(2026, 1, 5);
        let slots = Availability::parse_list("Mon 03:00-04:00")
            .unwrap()
            .utc_slots(Asia::Tokyo, week);
        assert_eq!(slots.minutes(), 60);
        assert!(slots.contains(SLOTS_PER_WEEK - 24));
    }

    #[test]
    fn reference_week_starts_monday() {
        assert_eq!(week_monday(monday(2026, 11, 28)), monday(2026, 11, 23));
    }
}
