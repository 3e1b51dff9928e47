//! What the offline-mentor CLI tests share: a demo coordinator's desk, mentor desks made
//! from its packs, bundles signed or forged, and a footprint that shows nothing was written.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use mentordesk::exchange::sealed::{BUNDLE, seal};
use serde_json::Value;

use super::cli_support::Desk;

/// A mentor with at least two active pairings on the demo desk, and those pairings' ids.
pub fn busy_mentor(coord: &Desk) -> (String, Vec<i64>) {
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
pub fn other_mentor(coord: &Desk, not: &str) -> (String, i64) {
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

pub fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Writes `mentor`'s pack beside the coordinator's desk and makes a mentor desk from it.
pub fn mentor_desk(coord: &Desk, mentor: &str) -> (Desk, PathBuf) {
    let pack = coord.dir.path().join(format!("pack-{mentor}.json"));
    coord.ok(&["pack", "export", "--mentor", mentor, "-o", path_str(&pack)]);
    let desk = Desk::empty();
    desk.ok(&["pack", "import", path_str(&pack)]);
    (desk, pack)
}

pub fn key_of(pack: &Path) -> Vec<u8> {
    let value: Value = serde_json::from_slice(&std::fs::read(pack).unwrap()).unwrap();
    hex::decode(value["content"]["desk_key"].as_str().unwrap()).unwrap()
}

pub fn content_of(file: &Path) -> Value {
    let value: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    value["content"].clone()
}

/// Writes `content` as a bundle signed with `key`, as a desk holding that key would.
pub fn write_bundle(path: &Path, content: &Value, key: &[u8]) {
    std::fs::write(path, seal(BUNDLE, content, Some(key)).unwrap()).unwrap();
}

/// Recomputes a record's content hash after a test changed its body.
pub fn rehash(record: &mut Value) {
    let body: mentordesk::domain::sync::RecordBody =
        serde_json::from_value(record["body"].clone()).unwrap();
    record["hash"] = Value::String(body.content_hash());
}

pub fn log(desk: &Desk, pairing: i64, notes: &str) -> String {
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

pub fn export(desk: &Desk, name: &str, extra: &[&str]) -> PathBuf {
    let path = desk.dir.path().join(name);
    let mut args = vec!["sync", "export", "-o", path_str(&path)];
    args.extend_from_slice(extra);
    desk.ok(&args);
    path
}

pub fn import(coord: &Desk, bundle: &Path) -> String {
    coord.ok(&["sync", "import", path_str(bundle)])
}

/// What an import must leave untouched when it is refused.
pub fn footprint(coord: &Desk) -> (usize, usize, Value) {
    (
        coord.checkin_count(true),
        coord.json(&["sync", "status", "--json"])["imports"]
            .as_array()
            .unwrap()
            .len(),
        coord.json(&["milestone", "list", "--json"]),
    )
}

pub fn refused_without_trace(coord: &Desk, bundle: &Path, expected: &str) -> String {
    let before = footprint(coord);
    let err = coord.refused(&["sync", "import", path_str(bundle)]);
    assert!(err.contains(expected), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one message: {err}");
    assert_eq!(footprint(coord), before, "{err}");
    err
}
