//! A mentor desk judges its pairings' health with the sessions the coordinator's desk had
//! recorded when the pack was made: a pairing that met last week is not "without a first
//! check-in" just because this desk has logged nothing yet, and a learner's timeline there
//! shows those sessions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;
use serde_json::Value;

#[test]
fn a_mentor_desk_counts_the_sessions_its_pack_brought() {
    let coord = Desk::demo();
    let active = coord.json(&["pairings", "--status", "active", "--json"]);
    // A pairing whose coordinator desk has check-ins and is not at risk for want of one.
    let pairing: &Value = active
        .as_array()
        .unwrap()
        .iter()
        .find(|p| !p["last_checkin"].is_null() && p["health"] != "at-risk")
        .expect("the demo has a pairing on track");
    let (id, mentor) = (
        pairing["id"].as_i64().unwrap(),
        pairing["mentor"].as_str().unwrap(),
    );
    let pack = coord.dir.path().join("pack.json");
    coord.ok(&[
        "pack",
        "export",
        "--mentor",
        mentor,
        "-o",
        pack.to_str().unwrap(),
    ]);
    let desk = Desk::empty();
    desk.ok(&["pack", "import", pack.to_str().unwrap()]);

    let on_mentor_desk = desk.json(&["pairings", "--json"]);
    let mine = on_mentor_desk
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"].as_i64() == Some(id))
        .expect("the pairing is on the mentor desk");
    assert_eq!(mine["health"], pairing["health"], "{mine}");
    assert_eq!(mine["last_checkin"], pairing["last_checkin"], "{mine}");
    let why = mine["health_reason"].as_str().unwrap_or_default();
    assert!(!why.contains("no first check-in"), "{why}");

    // The learner's story on the mentor desk has the pack's sessions (the pack carries the
    // last few of each pairing), marked as from before this desk, with their confidence.
    let learner = pairing["learner"].as_str().unwrap();
    let story = desk.json(&["timeline", learner, "--json"]);
    let before: Vec<&Value> = story["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "checkin" && e["detail"]["before_this_desk"] == true)
        .collect();
    assert!(!before.is_empty(), "{story}");
    assert!(
        before
            .iter()
            .all(|e| e["detail"]["pairing"].as_i64() == Some(id)),
        "{story}"
    );
    let latest = before.last().unwrap();
    assert_eq!(latest["at"], pairing["last_checkin"], "{story}");
    assert!(
        !story["metrics"]["days_to_first_checkin"].is_null(),
        "the first check-in is known: {story}"
    );
}
