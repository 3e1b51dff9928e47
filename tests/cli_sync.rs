//! Mentors offline through the real binary and real files: the coordinator's demo, a mentor
//! pack, a mentor desk logging and editing check-ins, a signed bundle imported twice, the
//! receipt acknowledged; and every bad input refused with one message, exit code 2, and
//! nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::path::{Path, PathBuf};

use cli_support::Desk;
use mentordesk::exchange::sealed::{BUNDLE, RECEIPT, seal};
use serde_json::Value;

/// A mentor with at least two active pairings on the demo desk, and those pairings' ids.
fn busy_mentor(coord: &Desk) -> (String, Vec<i64>) {
    let active = coord.json(&["pairings", "--status", "active", "--json"]);
    let mut by_mentor: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for p in active.as_array().unwrap() {
        by_mentor
            .entry(p["mentor"].as_str().unwrap().to_string())
            .or_default()
            .push(p["id"].as_i64().unwrap());
    }
    by_mentor.into_iter().find(|(_, ps)| ps.len() >= 2).unwrap()
}

/// Another mentor with an active pairing.
fn other_mentor(coord: &Desk, not: &str) -> (String, i64) {
    let active = coord.json(&["pairings", "--status", "active", "--json"]);
    let p = active
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["mentor"] != not)
        .unwrap();
    (
        p["mentor"].as_str().unwrap().to_string(),
        p["id"].as_i64().unwrap(),
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Writes `mentor`'s pack beside the coordinator's desk and makes a mentor desk from it.
fn mentor_desk(coord: &Desk, mentor: &str) -> (Desk, PathBuf) {
    let pack = coord.dir.path().join(format!("pack-{mentor}.json"));
    coord.ok(&["pack", "export", "--mentor", mentor, "-o", path_str(&pack)]);
    let desk = Desk::empty();
    desk.ok(&["pack", "import", path_str(&pack)]);
    (desk, pack)
}

fn key_of(pack: &Path) -> Vec<u8> {
    let value: Value = serde_json::from_slice(&std::fs::read(pack).unwrap()).unwrap();
    hex::decode(value["content"]["desk_key"].as_str().unwrap()).unwrap()
}

fn content_of(file: &Path) -> Value {
    let value: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    value["content"].clone()
}

/// Writes `content` as a bundle signed with `key`, as a desk holding that key would.
fn write_bundle(path: &Path, content: &Value, key: &[u8]) {
    std::fs::write(path, seal(BUNDLE, content, Some(key)).unwrap()).unwrap();
}

/// Recomputes a record's content hash after a test changed its body.
fn rehash(record: &mut Value) {
    let body: mentordesk::domain::sync::RecordBody =
        serde_json::from_value(record["body"].clone()).unwrap();
    record["hash"] = Value::String(body.content_hash());
}

fn log(desk: &Desk, pairing: i64, notes: &str) -> String {
    let out = desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairing.to_string(),
        "--minutes",
        "45",
        "--confidence",
        "4",
        "--notes",
        notes,
    ]);
    out.split_whitespace().nth(2).unwrap().to_string()
}

fn export(desk: &Desk, name: &str, extra: &[&str]) -> PathBuf {
    let path = desk.dir.path().join(name);
    let mut args = vec!["sync", "export", "-o", path_str(&path)];
    args.extend_from_slice(extra);
    desk.ok(&args);
    path
}

fn import(coord: &Desk, bundle: &Path) -> String {
    coord.ok(&["sync", "import", path_str(bundle)])
}

/// What an import must leave untouched when it is refused.
fn footprint(coord: &Desk) -> (usize, usize, Value) {
    (
        coord.checkin_count(true),
        coord.json(&["sync", "status", "--json"])["imports"]
            .as_array()
            .unwrap()
            .len(),
        coord.json(&["milestone", "list", "--json"]),
    )
}

fn refused_without_trace(coord: &Desk, bundle: &Path, expected: &str) -> String {
    let before = footprint(coord);
    let err = coord.refused(&["sync", "import", path_str(bundle)]);
    assert!(err.contains(expected), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one message: {err}");
    assert_eq!(footprint(coord), before, "{err}");
    err
}

#[test]
fn a_week_offline_arrives_once_with_the_edit_and_the_mentor_as_author() {
    let coord = Desk::demo();
    assert!(coord.ok(&["where"]).contains("coordinator desk, device "));
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    let pack_text = std::fs::read_to_string(&pack).unwrap();
    assert!(
        !pack_text.contains('@'),
        "no e-mail without --with-contacts"
    );
    assert!(desk.ok(&["where"]).contains("mentor desk of "));
    assert!(desk.ok(&["where"]).contains(&format!("({mentor})")));

    let before = coord.checkin_count(true);
    let first = log(&desk, pairings[0], "Kickoff: goals for the month");
    log(&desk, pairings[1], "Went through the CV");
    log(&desk, pairings[0], "Pair programming on the exercise");
    desk.ok(&[
        "checkin",
        "edit",
        &first,
        "--notes",
        "Kickoff: three goals for the month",
    ]);
    let status = desk.json(&["sync", "status", "--json"]);
    assert_eq!(status["pending"], 4);

    let bundle = export(&desk, "week.json", &[]);
    let once = import(&coord, &bundle);
    assert!(
        once.contains("4 new, 0 already had, 0 conflicts, 0 missing, 0 rejected"),
        "{once}"
    );
    let twice = import(&coord, &bundle);
    assert!(
        twice.contains("0 new, 4 already had, 0 conflicts, 0 missing, 0 rejected"),
        "{twice}"
    );
    assert_eq!(coord.checkin_count(true), before + 4);

    // Exactly the mentor's records, the edit in place of the original, written by the mentor.
    let mine = desk.json(&["checkin", "list", "--json"]);
    let mine: Vec<&Value> = mine.as_array().unwrap().iter().collect();
    assert_eq!(mine.len(), 3);
    let current = coord.json(&["checkin", "list", "--json"]);
    let arrived: Vec<&Value> = current
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| mine.iter().any(|m| m["id"] == c["id"]))
        .collect();
    assert_eq!(arrived.len(), 3);
    for (at_desk, at_coord) in mine.iter().zip(&arrived) {
        for field in [
            "id",
            "pairing",
            "at",
            "minutes",
            "notes",
            "supersedes",
            "author",
        ] {
            assert_eq!(at_desk[field], at_coord[field], "{field}");
        }
        assert_eq!(at_coord["author"], format!("mentor:{mentor}"));
    }
    assert!(
        current
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != first.as_str())
    );
    let edit = arrived
        .iter()
        .find(|c| c["supersedes"] == first.as_str())
        .unwrap();
    assert_eq!(edit["notes"], "Kickoff: three goals for the month");
    let audit = coord.json(&["audit", "--json", "--limit", "10"]);
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "checkin.edit" && e["author"] == format!("mentor:{mentor}"))
    );

    // The receipt marks the records handed over; the next bundle is empty.
    let receipt = bundle.with_file_name("week.receipt.json");
    assert!(
        desk.ok(&["sync", "ack", path_str(&receipt)])
            .contains("4 records handed over")
    );
    assert_eq!(desk.json(&["sync", "status", "--json"])["pending"], 0);
    let empty = export(&desk, "next.json", &[]);
    assert!(import(&coord, &empty).contains("0 new, 0 already had"));
    coord.assert_check_ok();
    desk.assert_check_ok();
}

#[test]
fn a_coordinator_logs_on_a_mentors_behalf() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    coord.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairings[0].to_string(),
        "--minutes",
        "30",
        "--by",
        "mentor",
    ]);
    let latest = coord.latest_checkin();
    assert_eq!(latest["author"], format!("mentor:{mentor}"));
    let audit = coord.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "checkin.add");
    assert_eq!(audit[0]["author"], format!("mentor:{mentor}"));
    coord.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairings[1].to_string(),
        "--minutes",
        "30",
    ]);
    let audit = coord.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["author"], "coordinator");
}

#[test]
fn milestone_changes_made_offline_travel_too() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, _) = mentor_desk(&coord, &mentor);
    let learner = desk
        .json(&["pairings", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == pairings[0])
        .unwrap()["learner"]
        .as_str()
        .unwrap()
        .to_string();
    desk.ok(&[
        "milestone",
        "add",
        "--learner",
        &learner,
        "--title",
        "Ship a portfolio page",
    ]);
    let added = desk.json(&["milestone", "list", "--learner", &learner, "--json"]);
    let added = added
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["title"] == "Ship a portfolio page")
        .unwrap()
        .clone();
    desk.ok(&[
        "milestone",
        "achieve",
        &added["id"].to_string(),
        "--evidence",
        "https://example.org",
    ]);
    let bundle = export(&desk, "m.json", &[]);
    assert!(import(&coord, &bundle).contains("2 new"));
    let there = coord.json(&["milestone", "list", "--learner", &learner, "--json"]);
    let there = there
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["uid"] == added["uid"])
        .unwrap();
    assert_eq!(there["status"], "achieved");
    assert_eq!(there["author"], format!("mentor:{mentor}"));
}

#[test]
fn bundles_out_of_order_and_missing_records_are_named() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, _) = mentor_desk(&coord, &mentor);
    let name = coord
        .json(&["mentors", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == mentor.as_str())
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();
    let first = log(&desk, pairings[0], "one");
    log(&desk, pairings[1], "two");
    let b1 = export(&desk, "b1.json", &[]);
    desk.ok(&["checkin", "edit", &first, "--notes", "one, corrected"]);
    let b2 = export(&desk, "b2.json", &[]);
    // A copy of the coordinator's desk that will never see b1 (a restored backup).
    let restored = Desk::empty();
    std::fs::copy(&coord.db, &restored.db).unwrap();

    // Out of order: the later bundle holds the earlier one's records too.
    assert!(import(&coord, &b2).contains("3 new, 0 already had"));
    assert!(import(&coord, &b1).contains("0 new, 2 already had"));
    desk.ok(&[
        "sync",
        "ack",
        path_str(&b2.with_file_name("b2.receipt.json")),
    ]);

    // Records handed over are not sent again, so the restored desk sees a gap.
    log(&desk, pairings[1], "three");
    let b3 = export(&desk, "b3.json", &[]);
    let out = import(&restored, &b3);
    assert!(
        out.contains("1 new, 0 already had, 0 conflicts, 3 missing"),
        "{out}"
    );
    assert!(
        out.contains(&format!("missing records 1–3 from {name}'s desk")),
        "{out}"
    );
    let status = restored.json(&["sync", "status", "--json"]);
    assert_eq!(status["gaps"][0]["first"], 1);
    assert_eq!(status["gaps"][0]["last"], 3);
    // Everything again closes it (the edit is applied after its original, in order).
    let all = export(&desk, "all.json", &["--all"]);
    let out = import(&restored, &all);
    assert!(
        out.contains("3 new, 1 already had, 0 conflicts, 0 missing, 0 rejected"),
        "{out}"
    );
    assert_eq!(
        restored.json(&["sync", "status", "--json"])["gaps"],
        Value::Array(vec![])
    );
    restored.assert_check_ok();
}

#[test]
fn bad_bundles_are_refused_whole_and_write_nothing() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    let key = key_of(&pack);
    log(&desk, pairings[0], "a session");
    log(&desk, pairings[1], "another session");
    let good = export(&desk, "good.json", &[]);
    let dir = coord.dir.path();

    // One byte flipped inside the content.
    let mut bytes = std::fs::read(&good).unwrap();
    let at = bytes.len() - 40;
    bytes[at] ^= 0x01;
    let flipped = dir.join("flipped.json");
    std::fs::write(&flipped, &bytes).unwrap();
    refused_without_trace(&coord, &flipped, "SHA-256 does not match");

    // Cut short, empty, 200 MB (refused by its size before it is read).
    let cut = dir.join("cut.json");
    let whole = std::fs::read(&good).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    refused_without_trace(&coord, &cut, "cut short");
    let empty = dir.join("empty.json");
    std::fs::write(&empty, b"").unwrap();
    refused_without_trace(&coord, &empty, "is empty");
    let huge = dir.join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    refused_without_trace(&coord, &huge, "209715200 bytes");

    // Re-signed with a made-up key.
    let forged = dir.join("forged.json");
    write_bundle(&forged, &content_of(&good), &[7u8; 32]);
    refused_without_trace(&coord, &forged, "fails its signature check");

    // From a coordinator's desk: refused at export, and a bundle claiming to be one.
    let err = coord.refused(&["sync", "export", "-o", path_str(&dir.join("x.json"))]);
    assert!(err.contains("coordinator's desk"), "{err}");
    let mut content = content_of(&good);
    content["role"] = Value::String("coordinator".into());
    let from_coord = dir.join("from-coordinator.json");
    write_bundle(&from_coord, &content, &key);
    refused_without_trace(&coord, &from_coord, "comes from a coordinator's desk");

    // For another program: the same bundle at another coordinator's desk.
    let other = Desk::demo();
    refused_without_trace(&other, &good, "for another program");

    // A pack or a receipt is not a bundle.
    refused_without_trace(&coord, &pack, "is a mentor pack");

    // Revoked: refused, saying so; a new pack brings a new key and the work goes through.
    coord.ok(&["pack", "revoke", "--mentor", &mentor]);
    refused_without_trace(&coord, &good, "revoked");
    let fresh = coord.dir.path().join("fresh-pack.json");
    coord.ok(&[
        "pack",
        "export",
        "--mentor",
        &mentor,
        "-o",
        path_str(&fresh),
    ]);
    assert_ne!(key_of(&fresh), key);
    desk.ok(&["pack", "import", path_str(&fresh)]);
    let again = export(&desk, "again.json", &[]);
    assert!(import(&coord, &again).contains("2 new"));
    coord.assert_check_ok();
}

#[test]
fn records_naming_what_is_not_the_mentors_are_rejected_and_the_rest_imported() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (other, other_pairing) = other_mentor(&coord, &mentor);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    let key = key_of(&pack);
    let (_, other_pack) = mentor_desk(&coord, &other);
    let other_content = content_of(&other_pack);
    let theirs = other_content["pairings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == other_pairing)
        .unwrap()
        .clone();
    log(&desk, pairings[0], "kept");
    log(&desk, pairings[1], "aimed elsewhere");
    log(&desk, pairings[1], "about someone else");
    let good = export(&desk, "three.json", &[]);
    let mut content = content_of(&good);
    let records = content["records"].as_array_mut().unwrap();
    // Mentor A's record naming mentor B's pairing.
    records[1]["body"]["pairing"] = theirs["id"].clone();
    records[1]["body"]["pairing_uid"] = theirs["uid"].clone();
    records[1]["body"]["learner"] = theirs["learner"].clone();
    rehash(&mut records[1]);
    // A learner not paired with that mentor, on the mentor's own pairing.
    records[2]["body"]["learner"] = theirs["learner"].clone();
    rehash(&mut records[2]);
    let tampered = coord.dir.path().join("tampered.json");
    write_bundle(&tampered, &content, &key);

    let before = coord.checkin_count(true);
    let out = coord.run(&["sync", "import", path_str(&tampered)]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("1 new, 0 already had, 0 conflicts, 0 missing, 2 rejected"),
        "{stdout}"
    );
    assert!(stdout.contains("is not one of"), "{stdout}");
    assert!(stdout.contains("is not paired with"), "{stdout}");
    assert!(
        stderr.contains("2 of the bundle's records were rejected"),
        "{stderr}"
    );
    assert_eq!(coord.checkin_count(true), before + 1);
    let status = coord.json(&["sync", "status", "--json"]);
    assert_eq!(status["rejected"].as_array().unwrap().len(), 2);
    // The mentor's desk learns which were refused and stops sending them.
    let receipt = tampered.with_file_name("tampered.receipt.json");
    let acked = desk.ok(&["sync", "ack", path_str(&receipt)]);
    assert!(
        acked.contains("1 records handed over, 2 refused"),
        "{acked}"
    );
    let mentor_status = desk.json(&["sync", "status", "--json"]);
    assert_eq!(mentor_status["pending"], 0);
    assert_eq!(mentor_status["refused"].as_array().unwrap().len(), 2);
}

#[test]
fn packs_and_receipts_go_only_where_they_belong() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    // A pack into a coordinator's database that holds a program.
    let err = coord.refused(&["pack", "import", path_str(&pack)]);
    assert!(err.contains("new file"), "{err}");
    // A mentor desk does not approve or import people.
    let err = desk.refused(&["demo"]);
    assert!(err.contains("coordinator's desk"), "{err}");

    // A receipt for another desk.
    let (second, _) = mentor_desk(&coord, &mentor);
    log(&desk, pairings[0], "one");
    let bundle = export(&desk, "b.json", &[]);
    import(&coord, &bundle);
    let receipt = bundle.with_file_name("b.receipt.json");
    let err = second.refused(&["sync", "ack", path_str(&receipt)]);
    assert!(err.contains("receipt is for another desk"), "{err}");
    assert_eq!(desk.json(&["sync", "status", "--json"])["pending"], 1);
    // A receipt changed after it was signed.
    let mut content = content_of(&receipt);
    content["accepted"] = Value::Array(vec![]);
    let forged = receipt.with_file_name("forged.receipt.json");
    std::fs::write(&forged, seal(RECEIPT, &content, Some(&[1u8; 32])).unwrap()).unwrap();
    let err = desk.refused(&["sync", "ack", path_str(&forged)]);
    assert!(err.contains("signature"), "{err}");
    assert!(
        desk.ok(&["sync", "ack", path_str(&receipt)])
            .contains("1 records handed over")
    );
}

#[test]
fn conflicts_keep_both_versions_until_a_person_chooses() {
    let coord = Desk::demo();
    let (mentor, pairings) = busy_mentor(&coord);
    let (desk, pack) = mentor_desk(&coord, &mentor);
    let key = key_of(&pack);
    let first = log(&desk, pairings[0], "original");
    let b1 = export(&desk, "b1.json", &[]);
    import(&coord, &b1);
    // The coordinator corrects the check-in; the mentor desk edits it too.
    coord.ok(&[
        "checkin",
        "edit",
        &first,
        "--notes",
        "corrected at the desk",
    ]);
    desk.ok(&[
        "checkin",
        "edit",
        &first,
        "--notes",
        "corrected by the mentor",
    ]);
    let b2 = export(&desk, "b2.json", &[]);
    let out = import(&coord, &b2);
    assert!(out.contains("0 new, 1 already had, 1 conflicts"), "{out}");
    let open = coord.json(&["sync", "conflicts", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 1);
    let conflict = &open[0];
    assert_eq!(conflict["ours"]["notes"], "corrected at the desk");
    assert_eq!(conflict["theirs"]["notes"], "corrected by the mentor");
    // Importing again files nothing new.
    assert!(import(&coord, &b2).contains("0 new, 2 already had, 0 conflicts"));

    // The same record with different content (a forged re-send under the desk's key).
    let mut content = content_of(&b1);
    let record = &mut content["records"].as_array_mut().unwrap()[0];
    record["body"]["notes"] = Value::String("rewritten".into());
    rehash(record);
    let rewritten = coord.dir.path().join("rewritten.json");
    write_bundle(&rewritten, &content, &key);
    assert!(import(&coord, &rewritten).contains("1 conflicts"));

    let id = conflict["id"].to_string();
    coord.ok(&["sync", "resolve", &id, "--keep", "theirs"]);
    let current = coord.json(&["checkin", "list", "--json"]);
    let notes: Vec<&str> = current
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["notes"].as_str())
        .collect();
    assert!(notes.contains(&"corrected by the mentor"));
    assert!(!notes.contains(&"corrected at the desk"));
    let err = coord.refused(&["sync", "resolve", &id, "--keep", "ours"]);
    assert!(err.contains("already resolved"), "{err}");
    let second = coord.json(&["sync", "conflicts", "--json"])[0]["id"].to_string();
    coord.ok(&["sync", "resolve", &second, "--keep", "both"]);
    assert!(
        coord
            .json(&["checkin", "list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["notes"] == "rewritten")
    );
    assert_eq!(
        coord.json(&["sync", "conflicts", "--json"]),
        Value::Array(vec![])
    );
    let audit = coord.json(&["audit", "--json", "--limit", "5"]);
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "sync.resolve")
    );
    coord.assert_check_ok();
}
