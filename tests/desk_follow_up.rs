//! The follow-up read the desk's panes share agrees with the desk's own answers, and the
//! threshold editor's dry run judges exactly as stored thresholds would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{Desk, FixedClock};
use mentordesk::domain::{Health, PairingStatus};

fn demo_desk() -> Desk {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut desk = Desk::in_memory(Box::new(FixedClock(now))).unwrap();
    mentordesk::cli::demo::load(&mut desk, &DemoSpec::standard(), false).unwrap();
    desk
}

#[test]
fn follow_up_matches_the_separate_reads() {
    let mut desk = demo_desk();
    let follow_up = desk.follow_up().unwrap();
    assert_eq!(follow_up.pairings, desk.pairings_with_health(None).unwrap());
    assert_eq!(*follow_up.checkins, desk.checkin_rows(None, true).unwrap());
    assert!(
        follow_up.checkins.len() > 10,
        "the demo has check-ins to compare"
    );
}

#[test]
fn judging_again_equals_storing_the_thresholds_and_writes_nothing() {
    let mut desk = demo_desk();
    let follow_up = desk.follow_up().unwrap();
    let stored = desk.health_thresholds().unwrap();
    assert_eq!(
        desk.judge_again(&follow_up, stored).unwrap(),
        follow_up.pairings,
        "same thresholds, same judgement"
    );

    let audit_before = desk.audit(1000).unwrap().len();
    let mut tried = stored;
    tried.at_risk_cadences = 1.6;
    tried.needs_checkin_cadences = 1.1;
    let dry_run = desk.judge_again(&follow_up, tried).unwrap();
    assert_eq!(desk.health_thresholds().unwrap(), stored, "nothing stored");
    assert_eq!(desk.audit(1000).unwrap().len(), audit_before);

    let at_risk = |rows: &[mentordesk::desk::PairingHealth]| {
        rows.iter()
            .filter(|h| {
                h.report
                    .as_ref()
                    .is_some_and(|r| r.health == Health::AtRisk)
            })
            .count()
    };
    assert!(
        at_risk(&dry_run) > at_risk(&follow_up.pairings),
        "tighter thresholds put more pairings at risk"
    );

    desk.set_health_threshold("needs_checkin_cadences", "1.1")
        .unwrap();
    desk.set_health_threshold("at_risk_cadences", "1.6")
        .unwrap();
    assert_eq!(dry_run, desk.pairings_with_health(None).unwrap());
}

#[test]
fn a_read_after_decisions_keeps_the_checkins_and_equals_a_fresh_read() {
    let mut desk = demo_desk();
    let earlier = desk.follow_up().unwrap();
    let active: Vec<_> = desk
        .pairings(Some(PairingStatus::Active))
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    desk.pause(active[0], Some("holiday")).unwrap();
    desk.end(active[1], "goals met").unwrap();
    let proposal = desk
        .pairings(Some(PairingStatus::Proposed))
        .unwrap()
        .first()
        .map(|p| p.id)
        .expect("the demo holds proposals");
    desk.approve_proposal(proposal).unwrap();

    let since = desk.follow_up_since(&earlier).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&since.checkins, &earlier.checkins),
        "the check-ins are shared, not read again"
    );
    assert_eq!(since, desk.follow_up().unwrap());
    assert_ne!(since.pairings, earlier.pairings, "the decisions show");
}
