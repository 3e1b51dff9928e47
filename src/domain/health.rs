//! Health of an active pairing: which of `too early`, `on track`, `needs check-in` or
//! `at risk` it is, and the rule that fired, in words.
//!
//! Owns: the health rules (their limits are in `thresholds`). May use: nothing outside
//! `domain`. Pure: the instant (`now`) and the desk's calendar day (`today`) come in as
//! arguments, and the caller passes only the check-ins that count (superseded versions left
//! out).

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::checkin::Session;
use super::concern::Concern;
use super::milestone::Milestone;
use super::pairing::Pairing;
pub use super::thresholds::HealthThresholds;

/// How a pairing is doing, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    /// Started less than one cadence ago, no check-in yet: nothing to judge.
    TooEarly,
    OnTrack,
    NeedsCheckIn,
    AtRisk,
}

impl Health {
    /// The words the desk shows (never colour alone).
    pub fn as_str(self) -> &'static str {
        match self {
            Health::TooEarly => "too early",
            Health::OnTrack => "on track",
            Health::NeedsCheckIn => "needs check-in",
            Health::AtRisk => "at risk",
        }
    }

    /// True for the two states a coordinator should act on.
    pub fn needs_attention(self) -> bool {
        matches!(self, Health::NeedsCheckIn | Health::AtRisk)
    }
}

impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A pairing's health, the rule that fired, and when the next check-in is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthReport {
    pub health: Health,
    /// The rule that fired, in words.
    pub reason: String,
    pub last_checkin: Option<DateTime<Utc>>,
    /// Last check-in (or the start, before any) plus one cadence.
    pub next_due: DateTime<Utc>,
    /// Whole days since the last check-in (or since the start, before any).
    pub days_quiet: i64,
    /// On cadence: the last check-in (or the start, before any) is less than the "needs
    /// check-in" span (`needs_checkin_cadences` × cadence) ago. Check-in adherence counts it.
    pub on_cadence: bool,
}

/// Orders pairings worst first: at risk before needs check-in, then the longest silence,
/// then by id (the order of `at-risk`, the Pairings pane and the Dashboard).
pub fn urgency_key(
    report: &HealthReport,
    id: super::ids::PairingId,
) -> (
    std::cmp::Reverse<Health>,
    std::cmp::Reverse<i64>,
    super::ids::PairingId,
) {
    (
        std::cmp::Reverse(report.health),
        std::cmp::Reverse(report.days_quiet),
        id,
    )
}

/// `cadence_days × factor` as an exact span (to the second), so thresholds compare exactly.
fn cadences(cadence_days: u32, factor: f64) -> Duration {
    Duration::seconds((f64::from(cadence_days) * factor * 86_400.0).round() as i64)
}

fn factor_words(factor: f64) -> String {
    format!("{factor}")
}

/// Judges one pairing. `checkins` are that pairing's current check-ins (any order);
/// `milestones` the learner's. Rules are tried worst first, so the reason shown is the most
/// urgent one.
pub fn assess<C: Session>(
    pairing: &Pairing,
    checkins: &[&C],
    milestones: &[Milestone],
    thresholds: &HealthThresholds,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> HealthReport {
    let mut ordered: Vec<&C> = checkins.to_vec();
    ordered.sort_by_key(|c| (c.at(), c.id()));
    let started = pairing.started_at.unwrap_or(pairing.created_at);
    let last = ordered.last().map(|c| c.at());
    let quiet_since = last.unwrap_or(started);
    let quiet = now - quiet_since;
    let cadence = pairing.agreement.cadence_days;
    let on_cadence = quiet < cadences(cadence, thresholds.needs_checkin_cadences);
    let report = |health: Health, reason: String| HealthReport {
        health,
        reason,
        last_checkin: last,
        next_due: quiet_since + Duration::days(i64::from(cadence)),
        days_quiet: quiet.num_days(),
        on_cadence,
    };
    let quiet_words = match last {
        Some(_) => format!("no check-in for {}", days(quiet.num_days())),
        None => format!("no check-in since the start {} ago", days(quiet.num_days())),
    };

    if last.is_none() && quiet > Duration::days(thresholds.first_checkin_days) {
        return report(
            Health::AtRisk,
            format!(
                "no first check-in {} after approval (expected within {})",
                days(quiet.num_days()),
                thresholds.first_checkin_days
            ),
        );
    }
    if quiet >= cadences(cadence, thresholds.at_risk_cadences) {
        return report(
            Health::AtRisk,
            format!(
                "{quiet_words} ({} × cadence of {})",
                factor_words(thresholds.at_risk_cadences),
                days(cadence.into())
            ),
        );
    }
    if let Some(words) = falling_confidence(&ordered, thresholds.falling_checkins) {
        return report(Health::AtRisk, words);
    }
    let worst_overdue = milestones
        .iter()
        .filter(|m| m.learner == pairing.learner)
        .filter_map(|m| m.days_overdue(today).map(|d| (d, m)))
        .filter(|(d, _)| *d > thresholds.overdue_milestone_days)
        .max_by_key(|(d, m)| (*d, std::cmp::Reverse(m.id)));
    if let Some((overdue, m)) = worst_overdue {
        return report(
            Health::AtRisk,
            format!(
                "milestone {} \"{}\" is {} overdue (more than {})",
                m.id,
                m.title,
                days(overdue),
                thresholds.overdue_milestone_days
            ),
        );
    }
    if !on_cadence {
        return report(
            Health::NeedsCheckIn,
            format!(
                "{quiet_words} ({} × cadence of {})",
                factor_words(thresholds.needs_checkin_cadences),
                days(cadence.into())
            ),
        );
    }
    if last.is_none() && quiet < Duration::days(i64::from(cadence)) {
        return report(
            Health::TooEarly,
            format!(
                "started {} ago; first check-in expected within {}",
                days(quiet.num_days()),
                days(cadence.into())
            ),
        );
    }
    let words = match last {
        Some(_) => format!(
            "last check-in {} ago (cadence {})",
            days(quiet.num_days()),
            days(cadence.into())
        ),
        None => format!(
            "no check-in yet, started {} ago (cadence {})",
            days(quiet.num_days()),
            days(cadence.into())
        ),
    };
    report(Health::OnTrack, words)
}

/// The concern rule, applied after [`assess`]: an open high concern makes the pairing at
/// risk whatever the other rules found, with the concern as the reason (the oldest of them,
/// so the reason stays put when another is raised). Open low concerns are shown beside the
/// pairing but do not change its health; `open` may hold them, they are skipped here.
pub fn with_open_concerns(
    report: HealthReport,
    open: &[&Concern],
    now: DateTime<Utc>,
) -> HealthReport {
    let mut high: Vec<&&Concern> = open.iter().filter(|c| c.is_alarm()).collect();
    high.sort_by_key(|c| (c.raised_at, c.id));
    let Some(first) = high.first() else {
        return report;
    };
    let more = match high.len() - 1 {
        0 => String::new(),
        n => format!(
            " (and {})",
            crate::domain::text::counted(n, "other", "others")
        ),
    };
    HealthReport {
        health: Health::AtRisk,
        reason: format!(
            "open high {} concern #{} raised {}{more}",
            first.kind,
            first.id,
            match first.age_days(now) {
                0 => "today".to_string(),
                n => format!("{} ago", days(n)),
            }
        ),
        ..report
    }
}

/// `n` days in words: "1 day", "3 days".
fn days(n: i64) -> String {
    crate::domain::text::counted(usize::try_from(n).unwrap_or(0), "day", "days")
}

/// "Confidence fell on each of the last `falls` check-ins": the last `falls + 1` check-ins
/// that recorded a confidence are strictly decreasing. Check-ins without a confidence say
/// nothing either way and are skipped.
fn falling_confidence<C: Session>(ordered: &[&C], falls: u32) -> Option<String> {
    let needed = usize::try_from(falls).ok()?.checked_add(1)?;
    let recent: Vec<u8> = ordered
        .iter()
        .rev()
        .filter_map(|c| c.confidence().map(|v| v.get()))
        .take(needed)
        .collect();
    if recent.len() < needed || falls == 0 {
        return None;
    }
    // `recent` runs newest first, so each value must be below the one after it.
    let falling = recent.windows(2).all(|w| w[0] < w[1]);
    falling.then(|| {
        let trail: Vec<String> = recent.iter().rev().map(u8::to_string).collect();
        format!(
            "confidence fell at each of the last {falls} check-ins ({})",
            trail.join(" → ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        Agreement, CheckIn, CheckInId, Confidence, LearnerId, MentorId, MilestoneId, MilestoneKind,
        MilestoneStatus, PairingId, PairingStatus,
    };
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
            + Duration::days(i64::from(day) - 1)
            + Duration::hours(i64::from(hour))
    }

    fn pairing(cadence: u32) -> Pairing {
        Pairing {
            id: PairingId(1),
            uid: crate::domain::PairingUid::new_at(1, 1),
            learner: LearnerId::parse("L1").unwrap(),
            mentor: MentorId::parse("M1").unwrap(),
            status: PairingStatus::Active,
            agreement: Agreement {
                cadence_days: cadence,
                ..Agreement::default()
            },
            score: None,
            explanation: None,
            created_at: at(1, 0),
            started_at: Some(at(1, 0)),
            ended_at: None,
            end_reason: None,
            approved_by: None,
        }
    }

    fn checkin(n: u64, when: DateTime<Utc>, confidence: Option<u8>) -> CheckIn {
        CheckIn {
            id: CheckInId::new_at(n, u128::from(n)),
            pairing: PairingId(1),
            at: when,
            minutes: 60,
            mode: None,
            confidence: confidence.map(|c| Confidence::new(c).unwrap()),
            notes: String::new(),
            topics: vec![],
            next_steps: None,
            author_desk: "test".into(),
            author: crate::domain::Author::Coordinator,
            supersedes: None,
            recorded_at: when,
            guide: None,
        }
    }

    fn milestone(due: NaiveDate, status: MilestoneStatus) -> Milestone {
        Milestone {
            id: MilestoneId(7),
            uid: crate::domain::MilestoneUid::new_at(1, 7),
            learner: LearnerId::parse("L1").unwrap(),
            title: "Ship it".into(),
            kind: MilestoneKind::Project,
            due: Some(due),
            status,
            created_at: at(1, 0),
            achieved_at: None,
            evidence: None,
            endorsed_by: None,
            drop_reason: None,
            from_checkin: None,
            author: crate::domain::Author::Coordinator,
        }
    }

    fn judge(p: &Pairing, cs: &[CheckIn], ms: &[Milestone], now: DateTime<Utc>) -> HealthReport {
        let refs: Vec<&CheckIn> = cs.iter().collect();
        assess(
            p,
            &refs,
            ms,
            &HealthThresholds::default(),
            now,
            now.date_naive(),
        )
    }

    #[test]
    fn too_early_until_one_cadence_without_checkin() {
        let p = pairing(14);
        let just_before = at(1, 0) + Duration::days(14) - Duration::seconds(1);
        let r = judge(&p, &[], &[], just_before);
        assert_eq!(r.health, Health::TooEarly, "{}", r.reason);
        assert_eq!(r.next_due, at(15, 0));
        // Exactly one cadence: no longer too early, not yet 1.5 cadences: on track.
        let r = judge(&p, &[], &[], at(15, 0));
        assert_eq!(r.health, Health::OnTrack, "{}", r.reason);
    }

    #[test]
    fn needs_checkin_exactly_at_one_and_a_half_cadences() {
        let p = pairing(10);
        let cs = [checkin(1, at(2, 0), Some(3))];
        let r = judge(&p, &cs, &[], at(2, 0) + Duration::hours(359));
        assert_eq!(r.health, Health::OnTrack, "{}", r.reason);
        assert!(r.on_cadence);
        let r = judge(&p, &cs, &[], at(2, 0) + Duration::hours(360));
        assert_eq!(r.health, Health::NeedsCheckIn);
        assert!(!r.on_cadence);
        assert!(r.reason.contains("no check-in for 15 days"), "{}", r.reason);
        assert_eq!(r.last_checkin, Some(at(2, 0)));
        assert_eq!(r.next_due, at(12, 0));
    }

    #[test]
    fn at_risk_exactly_at_three_cadences() {
        let p = pairing(5);
        let cs = [checkin(1, at(2, 0), Some(3))];
        let r = judge(&p, &cs, &[], at(17, 0) - Duration::seconds(1));
        assert_eq!(r.health, Health::NeedsCheckIn);
        let r = judge(&p, &cs, &[], at(17, 0));
        assert_eq!(r.health, Health::AtRisk);
        assert!(r.reason.contains("3 × cadence of 5 days"), "{}", r.reason);
    }

    #[test]
    fn at_risk_when_no_first_checkin_after_21_days() {
        let p = pairing(30);
        let r = judge(&p, &[], &[], at(22, 0));
        assert_eq!(r.health, Health::TooEarly, "day 21 is still within");
        let r = judge(&p, &[], &[], at(22, 0) + Duration::seconds(1));
        assert_eq!(r.health, Health::AtRisk);
        assert!(r.reason.contains("no first check-in"), "{}", r.reason);
    }

    #[test]
    fn at_risk_when_confidence_fell_three_times() {
        let p = pairing(14);
        let cs = [
            checkin(1, at(2, 0), Some(5)),
            checkin(2, at(4, 0), Some(4)),
            checkin(3, at(6, 0), None),
            checkin(4, at(8, 0), Some(3)),
            checkin(5, at(10, 0), Some(2)),
        ];
        let r = judge(&p, &cs, &[], at(11, 0));
        assert_eq!(r.health, Health::AtRisk);
        assert!(r.reason.contains("5 → 4 → 3 → 2"), "{}", r.reason);
        // Two falls and a level step is not enough.
        let cs = [
            checkin(1, at(2, 0), Some(4)),
            checkin(2, at(4, 0), Some(4)),
            checkin(3, at(6, 0), Some(3)),
            checkin(4, at(8, 0), Some(2)),
        ];
        assert_eq!(judge(&p, &cs, &[], at(9, 0)).health, Health::OnTrack);
    }

    #[test]
    fn at_risk_when_milestone_overdue_more_than_14_days() {
        let p = pairing(14);
        let cs = [checkin(1, at(20, 0), Some(4))];
        let due = at(5, 0).date_naive();
        let now = at(19, 0) + Duration::days(1); // due + 15 days on the 20th
        let today_14 = due + Duration::days(14);
        let refs: Vec<&CheckIn> = cs.iter().collect();
        let planned = [milestone(due, MilestoneStatus::Planned)];
        let t = HealthThresholds::default();
        let r = assess(&p, &refs, &planned, &t, now, today_14);
        assert_eq!(r.health, Health::OnTrack, "exactly 14 days is not more");
        let r = assess(&p, &refs, &planned, &t, now, today_14 + Duration::days(1));
        assert_eq!(r.health, Health::AtRisk);
        assert!(r.reason.contains("15 days overdue"), "{}", r.reason);
        let achieved = [milestone(due, MilestoneStatus::Achieved)];
        let r = assess(&p, &refs, &achieved, &t, now, today_14 + Duration::days(9));
        assert_eq!(r.health, Health::OnTrack);
    }

    #[test]
    fn thresholds_come_from_settings() {
        let mut t = HealthThresholds::default();
        t.apply_setting("health.needs_checkin_cadences", "2")
            .unwrap();
        t.apply_setting("health.first_checkin_days", "30").unwrap();
        assert_eq!(t.needs_checkin_cadences, 2.0);
        assert_eq!(t.first_checkin_days, 30);
        assert!(t.apply_setting("health.at_risk_cadences", "-1").is_err());
        assert!(t.apply_setting("health.nope", "1").is_err());
        let p = pairing(10);
        let cs = [checkin(1, at(2, 0), Some(3))];
        let refs: Vec<&CheckIn> = cs.iter().collect();
        let now = at(2, 0) + Duration::days(16);
        let r = assess(&p, &refs, &[], &t, now, now.date_naive());
        assert_eq!(r.health, Health::OnTrack, "{}", r.reason);
        for (key, value) in HealthThresholds::default().to_settings() {
            assert!(t.apply_setting(&key, &value).is_ok());
        }
        assert_eq!(t, HealthThresholds::default());
    }

    #[test]
    fn an_open_high_concern_makes_the_pairing_at_risk_with_it_as_the_reason() {
        use crate::domain::{ConcernKind, RecordId, Severity};
        let concern = |id: i64, kind, severity, day| crate::domain::Concern {
            id,
            uid: RecordId::new_at(1, id as u128),
            pairing: PairingId(1),
            kind,
            severity,
            note: "said something unkind".into(),
            author: crate::domain::Author::Coordinator,
            actor: "ana".into(),
            raised_at: at(day, 0),
            checkin: None,
            resolution: None,
        };
        let p = pairing(14);
        let cs = [checkin(1, at(2, 0), Some(4))];
        let now = at(5, 0);
        let base = judge(&p, &cs, &[], now);
        assert_eq!(base.health, Health::OnTrack, "{}", base.reason);
        let low = concern(1, ConcernKind::NoShow, Severity::Low, 3);
        let kept = with_open_concerns(base.clone(), &[&low], now);
        assert_eq!(kept, base, "an open low concern does not change health");
        let high = concern(2, ConcernKind::Safety, Severity::High, 4);
        let later = concern(3, ConcernKind::Conduct, Severity::High, 5);
        let r = with_open_concerns(base.clone(), &[&low, &later, &high], now);
        assert_eq!(r.health, Health::AtRisk);
        assert_eq!(
            r.reason,
            "open high safety concern #2 raised 1 day ago (and 1 other)"
        );
        assert_eq!(r.next_due, base.next_due, "the rest of the report stays");
        let mut resolved = high.clone();
        resolved.resolution = Some(crate::domain::concern::Resolution {
            at: now,
            by: "ana".into(),
            note: "talked".into(),
        });
        assert_eq!(with_open_concerns(base.clone(), &[&resolved], now), base);
    }

    #[test]
    fn worse_is_greater() {
        assert!(Health::AtRisk > Health::NeedsCheckIn);
        assert!(Health::NeedsCheckIn > Health::OnTrack);
        assert!(Health::AtRisk.needs_attention() && !Health::TooEarly.needs_attention());
        assert_eq!(
            serde_json::to_value(Health::NeedsCheckIn).unwrap(),
            "needs-check-in"
        );
    }
}
