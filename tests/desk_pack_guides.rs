//! Guides in mentor packs at the desk: a pack made before guides (no `guides` field) still
//! makes a mentor desk, which then shows the built-in guides; a pack's guide that does not
//! read is refused with its name and nothing is written; the guides a pack carries are what
//! the mentor desk keeps, and a refresh replaces them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use chrono::{TimeZone, Utc};
use mentordesk::desk::{Desk, FixedClock};
use mentordesk::domain::MentorId;
use mentordesk::domain::guide::{Guide, GuideLibrary, GuideName, GuideSource};
use mentordesk::domain::sync::PackContent;

fn clock() -> Box<FixedClock> {
    Box::new(FixedClock(
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
    ))
}

fn coordinator() -> (Desk, MentorId) {
    let mut desk = Desk::in_memory(clock()).unwrap();
    tui_support::fill(&mut desk);
    let mentor = desk
        .mentors()
        .unwrap()
        .into_iter()
        .filter(|r| r.load.seats_in_use >= 1)
        .map(|r| r.mentor.id)
        .min()
        .unwrap();
    (desk, mentor)
}

fn coordinators_library() -> GuideLibrary {
    GuideLibrary::built_in().overlaid(vec![Guide {
        name: GuideName::parse("welcome").unwrap(),
        title: "Welcome".into(),
        when: "before the first session".into(),
        body: "- Read the handbook".into(),
        source: GuideSource::Folder,
    }])
}

#[test]
fn a_pack_made_before_guides_still_makes_a_mentor_desk() {
    let (mut coord, mentor) = coordinator();
    let pack = coord.mentor_pack(&mentor, false).unwrap();
    let mut json = serde_json::to_value(&pack).unwrap();
    json.as_object_mut().unwrap().remove("guides");
    assert!(!json.to_string().contains("\"guides\""));
    let old: PackContent = serde_json::from_value(json).unwrap();
    assert!(old.guides.is_empty());
    let mut desk = Desk::in_memory(clock()).unwrap();
    desk.import_pack(&old).unwrap();
    assert!(desk.pack_guides().unwrap().is_empty());
}

#[test]
fn the_mentor_desk_keeps_the_packs_guides_and_a_refresh_replaces_them() {
    let (mut coord, mentor) = coordinator();
    let pack = coord
        .mentor_pack_with_guides(&mentor, false, &coordinators_library())
        .unwrap();
    assert!(pack.guides.iter().any(|g| g.name.as_str() == "welcome"));
    let mut desk = Desk::in_memory(clock()).unwrap();
    desk.import_pack(&pack).unwrap();
    let kept = desk.pack_guides().unwrap();
    assert_eq!(kept.len(), pack.guides.len());
    assert!(kept.iter().all(|g| g.source == GuideSource::Pack));
    let welcome = kept.iter().find(|g| g.name.as_str() == "welcome").unwrap();
    assert_eq!(welcome.body, "- Read the handbook");
    // The library the mentor's desk shows: the coordinator's guide, the built-in ones as
    // built in (the pack's copies say the same words).
    let library = GuideLibrary::built_in().overlaid(kept);
    assert_eq!(library.get("welcome").unwrap().source, GuideSource::Pack);
    assert_eq!(
        library.get("first-session").unwrap().source,
        GuideSource::BuiltIn
    );

    let refreshed = coord.mentor_pack(&mentor, false).unwrap();
    desk.import_pack(&refreshed).unwrap();
    let kept = desk.pack_guides().unwrap();
    assert!(
        kept.iter().all(|g| g.name.as_str() != "welcome"),
        "{kept:?}"
    );
}

#[test]
fn a_pack_guide_that_does_not_read_is_refused_by_name() {
    let (mut coord, mentor) = coordinator();
    let mut pack = coord
        .mentor_pack_with_guides(&mentor, false, &coordinators_library())
        .unwrap();
    let bad = pack
        .guides
        .iter_mut()
        .find(|g| g.name.as_str() == "welcome")
        .unwrap();
    bad.markdown = "no title here".into();
    let mut desk = Desk::in_memory(clock()).unwrap();
    let err = desk.import_pack(&pack).unwrap_err().to_string();
    assert!(
        err.contains("guide welcome: the first line must be"),
        "{err}"
    );
    assert!(desk.pack_guides().unwrap().is_empty(), "nothing written");
}
