//! A concern raised on a mentor's offline desk travels in the signed sync bundle and arrives
//! flagged on the coordinator's desk (open, the mentor's, its pairing at risk when high);
//! importing again changes nothing; a record the desk would not have written is refused on
//! its own, and a changed bundle is refused whole by its signature.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;
mod sync_support;

use cli_support::Desk;
use serde_json::Value;
use sync_support::*;

#[test]
fn a_concern_raised_offline_arrives_flagged_on_the_coordinators_desk() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    let open_before = coord.json(&["concerns", "--open", "--json"]);
    assert_eq!(open_before.as_array().unwrap().len(), 0);

    desk.ok(&[
        "concern",
        "raise",
        &pairings[0].to_string(),
        "--kind",
        "safety",
        "--note",
        "Learner mentioned threats at home",
    ]);
    desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairings[1].to_string(),
        "--minutes",
        "20",
        "--concern",
        "no-show",
        "--concern-note",
        "Came 40 minutes late, again",
    ]);
    // Resolving is the coordinator's: the mentor desk says so and writes nothing.
    let err = desk.refused(&["concern", "resolve", "1", "--note", "fine now"]);
    assert!(err.contains("resolving a concern"), "{err}");
    assert_eq!(desk.json(&["sync", "status", "--json"])["pending"], 3);

    let bundle = export(&desk, "concerns.json", &[]);
    let records = content_of(&bundle)["records"].clone();
    let kinds: Vec<&str> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["body"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["concern", "checkin", "concern"]);

    let once = import(&coord, &bundle);
    assert!(
        once.contains("3 new, 0 already had, 0 conflicts, 0 missing, 0 rejected"),
        "{once}"
    );
    let twice = import(&coord, &bundle);
    assert!(twice.contains("0 new, 3 already had"), "{twice}");

    let queue = coord.json(&["concerns", "--open", "--json"]);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 2, "{queue:?}");
    assert_eq!(queue[0]["kind"], "safety", "high first");
    assert_eq!(queue[0]["author"], format!("mentor:{mentor}"));
    assert_eq!(queue[0]["note"], "Learner mentioned threats at home");
    assert_eq!(queue[1]["kind"], "no-show");
    let checkin = coord
        .json(&["checkin", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["notes"] == "" && c["pairing"] == pairings[1] && c["minutes"] == 20)
        .unwrap()["id"]
        .clone();
    assert_eq!(queue[1]["checkin"], checkin, "linked to its check-in");

    let active = coord.json(&["pairings", "--status", "active", "--json"]);
    let first = active
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == pairings[0])
        .unwrap();
    assert_eq!(first["health"], "at-risk");
    assert!(
        first["health_reason"]
            .as_str()
            .unwrap()
            .starts_with("open high safety concern #"),
        "{first}"
    );
    let words = coord.ok(&["audit", "--limit", "6"]);
    assert!(
        words.contains("raised high safety concern #1 (from the mentor's desk)"),
        "{words}"
    );

    // The coordinator resolves it; the mentor's record arriving again does not reopen it.
    coord.ok(&[
        "concern",
        "resolve",
        "1",
        "--note",
        "Called the learner; referred",
    ]);
    import(&coord, &bundle);
    assert_eq!(
        coord
            .json(&["concerns", "--open", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let _ = pack;
    coord.assert_check_ok();
}

#[test]
fn a_concern_record_is_checked_and_covered_by_the_signature() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    desk.ok(&[
        "concern",
        "raise",
        &pairings[0].to_string(),
        "--kind",
        "conduct",
        "--note",
        "Rude remarks",
    ]);
    log(&desk, pairings[1], "A normal session");
    let bundle = export(&desk, "b.json", &[]);

    // Changed after signing: the whole bundle is refused, nothing written.
    let mut forged: Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    forged["content"]["records"][0]["body"]["note"] = Value::String("Nothing happened".into());
    rehash(&mut forged["content"]["records"][0]);
    let forged_path = desk.dir.path().join("forged.json");
    let changed_bytes = mentordesk::exchange::sealed::seal(
        mentordesk::exchange::sealed::BUNDLE,
        &forged["content"],
        Some(b"not the desk key, thirty-two b!!"),
    )
    .unwrap();
    std::fs::write(&forged_path, changed_bytes).unwrap();
    refused_without_trace(&coord, &forged_path, "signature");
    assert_eq!(
        coord
            .json(&["concerns", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );

    // Signed with the desk's key but a record the desk would never write (a conduct concern
    // filed low): that record is refused with its reason, the check-in still arrives.
    let mut content = content_of(&bundle);
    content["records"][0]["body"]["severity"] = Value::String("low".into());
    rehash(&mut content["records"][0]);
    let low = desk.dir.path().join("low.json");
    write_bundle(&low, &content, &key_of(&pack));
    let out = coord.run(&["sync", "import", path_str(&low)]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(0), "{said}");
    assert!(
        said.contains("1 new, 0 already had, 0 conflicts, 0 missing, 1 rejected"),
        "{said}"
    );
    assert!(said.contains("a conduct concern is always high"), "{said}");
    assert_eq!(
        coord
            .json(&["concerns", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}
