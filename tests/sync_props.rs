//! Mentors offline under random work: one to three mentor desks log, edit, plan, achieve and
//! drop, export bundles, and acknowledge receipts in random orders, while the coordinator's
//! desk imports whichever bundle arrives next (some twice, some late). Then:
//!
//! - importing a bundle a second time changes nothing;
//! - a second copy of the coordinator's desk importing every bundle once, in another order,
//!   ends with the same check-ins and milestones;
//! - every record any mentor desk made is at the coordinator's desk (applied), or listed there
//!   as a conflict, a rejection or in a gap: never silently absent.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{TimeZone, Utc};
use mentordesk::demo::DemoSpec;
use mentordesk::desk::{CheckInEdit, CheckInTarget, Desk, FixedClock, NewCheckIn};
use mentordesk::domain::sync::{BundleContent, ReceiptContent, Sealed};
use mentordesk::domain::{MentorId, MilestoneKind, MilestoneStatus, PairingStatus};
use mentordesk::exchange::bundle::write_bundle;
use mentordesk::exchange::pack::write_pack;
use mentordesk::exchange::sealed::{BUNDLE, PACK, RECEIPT, open_bytes, seal};
use mentordesk::store::Store;
use proptest::prelude::*;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn open(path: &Path) -> Desk {
    Desk::with_store(Store::open(path).unwrap(), Box::new(FixedClock(now())))
}

#[derive(Debug, Clone)]
enum Action {
    Log {
        desk: usize,
        pick: usize,
    },
    Edit {
        desk: usize,
        pick: usize,
    },
    Plan {
        desk: usize,
        pick: usize,
    },
    Settle {
        desk: usize,
        pick: usize,
        achieve: bool,
    },
    Export {
        desk: usize,
    },
    Deliver {
        pick: usize,
    },
    Ack {
        desk: usize,
        pick: usize,
    },
}

fn action() -> impl Strategy<Value = Action> {
    let d = 0usize..3;
    let p = 0usize..64;
    prop_oneof![
        4 => (d.clone(), p.clone()).prop_map(|(desk, pick)| Action::Log { desk, pick }),
        2 => (d.clone(), p.clone()).prop_map(|(desk, pick)| Action::Edit { desk, pick }),
        1 => (d.clone(), p.clone()).prop_map(|(desk, pick)| Action::Plan { desk, pick }),
        1 => (d.clone(), p.clone(), any::<bool>())
            .prop_map(|(desk, pick, achieve)| Action::Settle { desk, pick, achieve }),
        2 => d.clone().prop_map(|desk| Action::Export { desk }),
        3 => p.clone().prop_map(|pick| Action::Deliver { pick }),
        2 => (d, p).prop_map(|(desk, pick)| Action::Ack { desk, pick }),
    ]
}

/// What a coordinator's desk ends with, beyond its numbering and audit trail: every check-in
/// version, and every milestone by uid with its state.
fn state(desk: &mut Desk) -> (Vec<String>, BTreeMap<String, String>, usize) {
    let mut checkins: Vec<String> = desk
        .checkin_rows(None, true)
        .unwrap()
        .into_iter()
        .map(|r| serde_json::to_string(&r.checkin).unwrap())
        .collect();
    checkins.sort();
    let milestones = desk
        .milestones(None)
        .unwrap()
        .into_iter()
        .map(|m| {
            let mut v = serde_json::to_value(&m).unwrap();
            v.as_object_mut().unwrap().remove("id");
            (m.uid.to_string(), v.to_string())
        })
        .collect();
    let conflicts = desk.sync_conflicts(true).unwrap().len();
    (checkins, milestones, conflicts)
}

struct MentorDesk {
    desk: Desk,
    receipts: Vec<Vec<u8>>,
}

fn bundle_of(bytes: &[u8]) -> Sealed<BundleContent> {
    open_bytes(Path::new("bundle.json"), BUNDLE, true, bytes).unwrap()
}

fn import(coord: &mut Desk, bytes: &[u8]) -> Vec<u8> {
    let done = coord
        .import_bundle(&bundle_of(bytes), "bundle.json")
        .unwrap();
    seal(RECEIPT, &done.receipt, Some(&done.key)).unwrap()
}

fn run(actions: &[Action], mentors: usize, order_seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let coord_path = dir.path().join("coord.sqlite3");
    let mut coord = open(&coord_path);
    let spec = DemoSpec {
        learners: 40,
        mentors: 8,
        seed: 3,
    };
    mentordesk::cli::demo::load(&mut coord, &spec, false).unwrap();
    let mut by_mentor: BTreeMap<MentorId, usize> = BTreeMap::new();
    for p in coord.pairings(Some(PairingStatus::Active)).unwrap() {
        *by_mentor.entry(p.mentor).or_default() += 1;
    }
    let chosen: Vec<MentorId> = by_mentor.into_keys().take(mentors).collect();
    let mut desks = Vec::new();
    for (i, mentor) in chosen.iter().enumerate() {
        let pack = coord.mentor_pack(mentor, false).unwrap();
        let bytes = write_pack(&pack).unwrap();
        let pack = open_bytes(Path::new("pack.json"), PACK, false, &bytes)
            .unwrap()
            .content;
        let mut desk = open(&dir.path().join(format!("mentor-{i}.sqlite3")));
        desk.import_pack(&pack).unwrap();
        desks.push(MentorDesk {
            desk,
            receipts: Vec::new(),
        });
    }
    // A second coordinator's desk, the same file before any bundle arrived.
    drop(coord);
    let copy_path = dir.path().join("copy.sqlite3");
    std::fs::copy(&coord_path, &copy_path).unwrap();
    let mut coord = open(&coord_path);

    let mut bundles: Vec<(usize, Vec<u8>)> = Vec::new();
    let n = desks.len();
    for action in actions {
        match action.clone() {
            Action::Log { desk, pick } => {
                let d = &mut desks[desk % n].desk;
                let open: Vec<_> = d
                    .pairings(None)
                    .unwrap()
                    .into_iter()
                    .filter(|p| p.status.holds_seat())
                    .collect();
                let p = &open[pick % open.len()];
                d.add_checkin(&NewCheckIn {
                    target: CheckInTarget::Pairing(p.id),
                    at: None,
                    minutes: 30 + (pick as u32 % 60),
                    mode: None,
                    confidence: Some(1 + (pick % 5) as u8),
                    notes: format!("session {pick}"),
                    topics: vec![],
                    next_steps: None,
                    milestone: None,
                    plan_milestone: None,
                    allow_future: false,
                    guide: None,
                })
                .unwrap();
            }
            Action::Edit { desk, pick } => {
                let d = &mut desks[desk % n].desk;
                let rows = d.checkin_rows(None, false).unwrap();
                if rows.is_empty() {
                    continue;
                }
                let id = rows[pick % rows.len()].checkin.id;
                d.edit_checkin(
                    id,
                    &CheckInEdit {
                        notes: Some(format!("edited {pick}")),
                        ..CheckInEdit::default()
                    },
                )
                .unwrap();
            }
            Action::Plan { desk, pick } => {
                let d = &mut desks[desk % n].desk;
                let briefs = d.learner_briefs().unwrap();
                let learner = &briefs[pick % briefs.len()].learner.id;
                d.add_milestone(learner, &format!("step {pick}"), MilestoneKind::Skill, None)
                    .unwrap();
            }
            Action::Settle {
                desk,
                pick,
                achieve,
            } => {
                let d = &mut desks[desk % n].desk;
                let planned: Vec<_> = d
                    .milestones(None)
                    .unwrap()
                    .into_iter()
                    .filter(|m| m.status == MilestoneStatus::Planned)
                    .collect();
                if planned.is_empty() {
                    continue;
                }
                let m = &planned[pick % planned.len()];
                if achieve {
                    d.achieve_milestone(m.id, Some("done"), None).unwrap();
                } else {
                    d.drop_milestone(m.id, "not needed").unwrap();
                }
            }
            Action::Export { desk } => {
                let out = desks[desk % n].desk.bundle_to_export(false).unwrap();
                bundles.push((desk % n, write_bundle(&out).unwrap()));
            }
            Action::Deliver { pick } => {
                if bundles.is_empty() {
                    continue;
                }
                let (from, bytes) = bundles[pick % bundles.len()].clone();
                let receipt = import(&mut coord, &bytes);
                let once = state(&mut coord);
                import(&mut coord, &bytes);
                assert_eq!(state(&mut coord), once, "importing twice changed the desk");
                desks[from].receipts.push(receipt);
            }
            Action::Ack { desk, pick } => {
                let d = &mut desks[desk % n];
                if d.receipts.is_empty() {
                    continue;
                }
                let bytes = d.receipts[pick % d.receipts.len()].clone();
                let receipt: Sealed<ReceiptContent> =
                    open_bytes(Path::new("r.json"), RECEIPT, true, &bytes).unwrap();
                d.desk.ack_receipt(&receipt).unwrap();
            }
        }
    }
    // Each desk hands back what it still holds.
    for (i, d) in desks.iter_mut().enumerate() {
        let out = d.desk.bundle_to_export(false).unwrap();
        let bytes = write_bundle(&out).unwrap();
        import(&mut coord, &bytes);
        bundles.push((i, bytes));
    }

    // Every record made is accounted for at the coordinator's desk.
    let outcomes: BTreeMap<String, String> = coord
        .sync_record_outcomes()
        .unwrap()
        .into_iter()
        .map(|(id, outcome)| (id.to_string(), outcome))
        .collect();
    let rejected: BTreeSet<String> = coord
        .sync_rejections()
        .unwrap()
        .into_iter()
        .map(|r| r.record)
        .collect();
    let gaps = coord.sync_gaps().unwrap();
    let at_coord: BTreeSet<String> = coord
        .checkin_rows(None, true)
        .unwrap()
        .into_iter()
        .map(|r| r.checkin.id.to_string())
        .collect();
    for d in &mut desks {
        for entry in d.desk.journal_entries().unwrap() {
            let id = entry.id.to_string();
            let outcome = outcomes.get(&id).map(String::as_str);
            let in_gap = gaps.iter().any(|g| (g.first..=g.last).contains(&entry.seq));
            assert!(
                outcome.is_some() || rejected.contains(&id) || in_gap,
                "record {id} (#{}) is nowhere",
                entry.seq
            );
            // Nothing in this run competes with a mentor's work, so all of it applies.
            assert_eq!(outcome, Some("applied"), "record {id}");
        }
        for row in d.desk.checkin_rows(None, true).unwrap() {
            assert!(at_coord.contains(&row.checkin.id.to_string()));
        }
    }
    assert!(gaps.is_empty(), "{gaps:?}");

    // Another order, each bundle once, ends the same.
    let mut order: Vec<usize> = (0..bundles.len()).collect();
    let mut rng = fastrand::Rng::with_seed(order_seed);
    rng.shuffle(&mut order);
    let mut copy = open(&copy_path);
    for i in order {
        import(&mut copy, &bundles[i].1);
    }
    assert_eq!(
        state(&mut copy),
        state(&mut coord),
        "the order of bundles mattered"
    );
    // And the mentor desks' own milestones agree with the coordinator's.
    let coord_milestones = state(&mut coord).1;
    for d in &mut desks {
        for m in d.desk.milestones(None).unwrap() {
            let theirs = coord_milestones.get(&m.uid.to_string()).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(theirs).unwrap();
            assert_eq!(theirs["status"], serde_json::json!(m.status), "{}", m.uid);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_record_arrives_once_whatever_the_order(
        actions in prop::collection::vec(action(), 0..30),
        mentors in 1usize..=3,
        order_seed in any::<u64>(),
    ) {
        run(&actions, mentors, order_seed);
    }
}
