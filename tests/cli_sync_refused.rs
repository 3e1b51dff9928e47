//! Mentors offline, what is refused: every bad bundle, pack and receipt gets one message,
//! exit code 2, and writes nothing; records that are not the mentor's are rejected while the
//! rest import; conflicts keep both versions until a person chooses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;
mod sync_support;

use cli_support::Desk;
use mentordesk::exchange::sealed::{RECEIPT, seal};
use serde_json::Value;
use sync_support::*;

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
