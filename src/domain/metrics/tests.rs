//! Metrics of the sample program (`sample.rs`), answers worked out by hand.
//!
//! The story, "now" being 2026-03-31 12:00 UTC, zone UTC:
//! - L1 joined 01-01, matched with M1 01-11 (10 d), check-ins 01-15 (confidence 2, 60 min),
//!   03-10 (3, 45 min), 03-24 (4, 30 min); project milestone due 03-15 achieved 03-14
//!   (62 d after the match), endorsed by M1.
//! - L2 joined 02-01, matched with M2 03-05 (32 d), check-in 03-09 (5, 50 min); a skill
//!   milestone due 03-20 still planned. Quiet 22.5 days on a 14-day cadence: needs check-in.
//! - L3 joined 01-20, matched with M1 01-25 (5 d), ended 03-03 "no-show": waiting 28 d.
//! - L4 joined 03-16, never matched: waiting 15 d.
//! - L5 joined 2025-12-01, matched with M2 2025-12-21 (20 d), check-ins 01-05 (3, 60 min, 15 d
//!   after the match) and 03-18 (3, 90 min), completed 03-20 "goals met"; a project due
//!   03-10 dropped, a badge due 03-18 achieved 03-18 (87 d after the match).
//! - Mentors: M1 capacity 2, M2 capacity 1, M3 capacity 3 (no pairings), M4 retired.

use super::sample::{self, learner, now};
use super::*;
use crate::domain::health::Health;
use crate::domain::{LearnerStatus, MentorStatus};

fn close(actual: Option<f64>, expected: f64) {
    let value = actual.unwrap_or_else(|| panic!("expected {expected}, got no data"));
    assert!((value - expected).abs() < 1e-9, "{value} != {expected}");
}

fn statuses(m: &ProgramMetrics) -> Vec<(LearnerStatus, u64)> {
    m.learners
        .by_status
        .iter()
        .map(|s| (s.status, s.count))
        .collect()
}

fn bucket_counts(d: &Distribution) -> Vec<u64> {
    d.buckets.iter().map(|b| b.count).collect()
}

#[test]
fn quantiles_interpolate_between_ranks() {
    assert_eq!(quantile(&[], 0.5), None);
    close(quantile(&[7.0], 0.75), 7.0);
    close(quantile(&[2.0, 4.0], 0.5), 3.0);
    close(quantile(&[1.0, 2.0, 3.0, 4.0], 0.75), 3.25);
}

#[test]
fn all_time_answers() {
    let m = sample::program().metrics(Period::All);
    assert_eq!(m.period, "all time");
    assert_eq!(m.from, None);
    assert_eq!(m.learners.total, 5);
    use LearnerStatus::*;
    assert_eq!(
        statuses(&m),
        vec![
            (Waiting, 2),
            (Matched, 2),
            (Paused, 0),
            (Graduated, 1),
            (Withdrawn, 0)
        ]
    );
    // Waits of 15 and 28 days.
    assert_eq!(m.waiting.count, 2);
    close(m.waiting.median_days, 21.5);
    assert_eq!(m.waiting.longest_days, Some(28));
    // To match: 5, 10, 20, 32.
    assert_eq!(m.time_to_match.count, 4);
    close(m.time_to_match.median_days, 15.0);
    close(m.time_to_match.p75_days, 23.0);
    assert_eq!(bucket_counts(&m.time_to_match), vec![1, 1, 1, 1, 0, 0]);
    // To first check-in: 4, 4, 15 (L3 never met).
    assert_eq!(m.time_to_first_checkin.count, 3);
    close(m.time_to_first_checkin.median_days, 4.0);
    close(m.time_to_first_checkin.p75_days, 9.5);
    // To first milestone: 62, 87.
    close(m.time_to_first_milestone.median_days, 74.5);
    close(m.time_to_first_milestone.p75_days, 80.75);
    assert_eq!(
        bucket_counts(&m.time_to_first_milestone),
        vec![0, 0, 0, 0, 2, 0]
    );
    // Due: L1's project (achieved), L2's skill (planned), L5's badge (achieved); the dropped
    // project is left out.
    assert_eq!(
        (m.milestone_completion.part, m.milestone_completion.whole),
        (2, 3)
    );
    close(m.milestone_completion.rate, 2.0 / 3.0);
    assert_eq!(
        (m.project_completion.part, m.project_completion.whole),
        (1, 1)
    );
    // P1 on cadence, P2 quiet 22 days on a 14-day cadence.
    assert_eq!(
        (m.checkin_adherence.part, m.checkin_adherence.whole),
        (1, 2)
    );
    let weeks: Vec<(String, f64, u64)> = m
        .confidence_by_week
        .iter()
        .map(|w| (w.week.to_string(), w.mean, w.ratings))
        .collect();
    assert_eq!(
        weeks,
        vec![
            ("2026-01-05".into(), 3.0, 1),
            ("2026-01-12".into(), 2.0, 1),
            ("2026-03-09".into(), 4.0, 2),
            ("2026-03-16".into(), 3.0, 1),
            ("2026-03-23".into(), 4.0, 1),
        ]
    );
    // P1 2 → 4, P4 3 → 3; P2 has one rating.
    let change = m.confidence_change;
    assert_eq!(
        (change.pairings, change.rose, change.same, change.fell),
        (2, 1, 1, 0)
    );
    close(change.mean_change, 1.0);
    let ended: Vec<(&str, u64, bool)> = m
        .pairings_ended
        .iter()
        .map(|e| (e.reason.as_str(), e.count, e.named))
        .collect();
    assert_eq!(ended, vec![("goals met", 1, true), ("no-show", 1, true)]);
    // M2 1/1, M1 1/2, M3 0/3; M4 retired and empty.
    let load: Vec<(&str, u32, u32)> = m
        .mentor_load
        .mentors
        .iter()
        .map(|r| (r.mentor.as_str(), r.seats, r.capacity))
        .collect();
    assert_eq!(load, vec![("M2", 1, 1), ("M1", 1, 2), ("M3", 0, 3)]);
    assert_eq!((m.mentor_load.seats_in_use, m.mentor_load.capacity), (2, 6));
    close(m.mentor_load.utilisation, 1.0 / 3.0);
    assert_eq!(m.mentor_load.full, 1);
    let given: Vec<(&str, u64, u64, u64, u64, bool)> = m
        .contributions
        .iter()
        .map(|c| {
            let id = c.mentor.as_str();
            (
                id,
                c.sessions,
                c.minutes,
                c.milestones_achieved,
                c.endorsements,
                c.recognition,
            )
        })
        .collect();
    assert_eq!(
        given,
        vec![("M1", 3, 135, 1, 1, true), ("M2", 3, 200, 1, 0, false)]
    );
}

#[test]
fn last_30_days_answers() {
    // From 2026-03-01 12:00.
    let m = sample::program().metrics(Period::LastDays(30));
    assert_eq!(m.period, "last 30 days");
    assert_eq!(
        m.from,
        Some(sample::at(2026, 3, 1) + chrono::Duration::hours(12))
    );
    // Status and waiting are "now": unchanged.
    assert_eq!(m.learners.total, 5);
    close(m.waiting.median_days, 21.5);
    // Only L2 was first matched (03-05) and first met (03-09) in the period.
    assert_eq!(m.time_to_match.count, 1);
    close(m.time_to_match.median_days, 32.0);
    close(m.time_to_match.p75_days, 32.0);
    assert_eq!(m.time_to_first_checkin.count, 1);
    close(m.time_to_first_checkin.median_days, 4.0);
    // Both first milestones were achieved in March.
    assert_eq!(m.time_to_first_milestone.count, 2);
    assert_eq!(
        (m.milestone_completion.part, m.milestone_completion.whole),
        (2, 3)
    );
    let weeks: Vec<(String, f64)> = m
        .confidence_by_week
        .iter()
        .map(|w| (w.week.to_string(), w.mean))
        .collect();
    assert_eq!(
        weeks,
        vec![
            ("2026-03-09".into(), 4.0),
            ("2026-03-16".into(), 3.0),
            ("2026-03-23".into(), 4.0)
        ]
    );
    // In the period only P1 has two ratings: 3 → 4.
    assert_eq!(m.confidence_change.pairings, 1);
    close(m.confidence_change.mean_change, 1.0);
    assert_eq!(m.pairings_ended.len(), 2);
    let given: Vec<(&str, u64, u64, u64, u64)> = m
        .contributions
        .iter()
        .map(|c| {
            (
                c.mentor.as_str(),
                c.sessions,
                c.minutes,
                c.milestones_achieved,
                c.endorsements,
            )
        })
        .collect();
    assert_eq!(given, vec![("M1", 2, 75, 1, 1), ("M2", 2, 140, 1, 0)]);
}

#[test]
fn since_a_date_starts_at_that_midnight_in_the_zone() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 18).unwrap();
    let m = sample::program().metrics(Period::Since(day));
    assert_eq!(m.period, "since 2026-03-18");
    // Check-ins 03-18 (M2, 90 min) and 03-24 (M1, 30 min).
    let sessions: Vec<(&str, u64)> = m
        .contributions
        .iter()
        .map(|c| (c.mentor.as_str(), c.sessions))
        .collect();
    assert_eq!(sessions, vec![("M1", 1), ("M2", 1)]);
    // Due in the period: L2's skill (03-20) and L5's badge (03-18).
    assert_eq!(
        (m.milestone_completion.part, m.milestone_completion.whole),
        (1, 2)
    );
    assert_eq!(
        m.project_completion.rate, None,
        "no project due since 03-18"
    );
}

#[test]
fn at_risk_lists_the_quiet_pairing_with_names() {
    let rows = sample::program().at_risk();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (row.pairing.0, row.learner.as_str(), row.mentor.as_str()),
        (2, "L2", "M2")
    );
    assert_eq!(
        (row.learner_name.as_str(), row.mentor_name.as_str()),
        ("Ben Okafor", "Rosa Diaz")
    );
    assert_eq!(row.health, Health::NeedsCheckIn);
    assert_eq!(row.days_quiet, 22);
}

#[test]
fn an_empty_program_has_no_data_anywhere() {
    let m = sample::empty().metrics(Period::All);
    assert_eq!(m.learners.total, 0);
    assert_eq!(m.waiting.count, 0);
    assert_eq!(m.waiting.median_days, None);
    assert_eq!(m.waiting.longest_days, None);
    for d in [
        &m.time_to_match,
        &m.time_to_first_checkin,
        &m.time_to_first_milestone,
    ] {
        assert_eq!((d.count, d.median_days, d.p75_days), (0, None, None));
    }
    for s in [
        m.milestone_completion,
        m.project_completion,
        m.checkin_adherence,
    ] {
        assert_eq!((s.part, s.whole, s.rate), (0, 0, None));
    }
    assert!(m.confidence_by_week.is_empty());
    assert_eq!(m.confidence_change.mean_change, None);
    assert!(m.pairings_ended.is_empty());
    assert_eq!(m.mentor_load.utilisation, None);
    assert!(m.mentor_load.mentors.is_empty() && m.contributions.is_empty());
    let json = serde_json::to_string(&m).unwrap();
    assert!(!json.contains("NaN"), "{json}");
    assert!(json.contains("\"median_days\":null"), "{json}");
    assert!(sample::empty().at_risk().is_empty());
}

#[test]
fn one_waiting_learner_has_a_wait_and_nothing_else() {
    let mut program = sample::empty();
    program.learners.push(learner(
        "L9",
        "Solo",
        sample::at(2026, 3, 21),
        LearnerStatus::Waiting,
    ));
    program
        .mentors
        .push(sample::mentor("M9", "Only", 2, MentorStatus::Active, false));
    let m = program.metrics(Period::LastDays(90));
    assert_eq!(m.waiting.count, 1);
    close(m.waiting.median_days, 10.0);
    assert_eq!(m.time_to_match.median_days, None);
    assert_eq!(m.checkin_adherence.rate, None);
    close(m.mentor_load.utilisation, 0.0);
    assert!(m.contributions.is_empty());
    assert_eq!(now().date_naive().to_string(), "2026-03-31");
}

#[test]
fn every_metric_has_a_definition() {
    let m = sample::program().metrics(Period::All);
    let value = serde_json::to_value(&m).unwrap();
    for key in value.as_object().unwrap().keys() {
        if ["period", "from", "to"].contains(&key.as_str()) {
            continue;
        }
        assert!(definition(key).is_some(), "{key} has no definition");
    }
    assert_eq!(DEFINITIONS.len(), 16);
}

#[test]
fn periods_parse_and_cycle() {
    assert_eq!(Period::parse("90").unwrap(), Period::LastDays(90));
    assert_eq!(Period::parse("ALL").unwrap(), Period::All);
    assert!(
        Period::parse("7")
            .unwrap_err()
            .to_string()
            .contains("30|90|365|all")
    );
    assert_eq!(Period::LastDays(365).next(), Period::All);
    assert_eq!(Period::All.next(), Period::LastDays(30));
}
