//! Coordinator notes and the program-wide search, from the command line: notes are dated,
//! multi-line and audited; search finds check-ins, notes, goals and needs by words, shows the
//! words in context and refuses an empty or huge query with exit code 2.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;

#[test]
fn a_note_is_kept_audited_on_the_timeline_and_found_by_search() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let pairing = paired.pairing.to_string();
    let out = desk.ok(&[
        "note",
        "add",
        &pairing,
        "--text",
        "Mentioned visa trouble\nasked HR for a letter",
    ]);
    assert!(
        out.contains(&format!("note 1 added to pairing {pairing}")),
        "{out}"
    );
    let notes = desk.json(&["note", "list", &pairing, "--json"]);
    assert_eq!(
        notes[0]["text"],
        "Mentioned visa trouble\nasked HR for a letter"
    );
    let audit = desk.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "note.add");
    assert_eq!(audit[0]["subject"], format!("pairing:{pairing}"));
    let timeline = desk.json(&["timeline", &paired.learner, "--json"]);
    assert!(timeline.to_string().contains("\"note\""), "{timeline}");

    let found = desk.json(&["search", "VISA troub", "--json"]);
    assert_eq!(found["total"], 1, "{found}");
    let hit = &found["hits"][0];
    assert_eq!(hit["kind"], "note");
    assert_eq!(hit["pairing"], paired.pairing);
    assert_eq!(hit["learner"], paired.learner.as_str());
    let marked: Vec<&str> = hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["matched"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["visa", "trouble"]);
    let text = desk.ok(&["search", "visa"]);
    assert!(text.contains("Mentioned [visa] trouble"), "{text}");
    assert!(text.contains("1 match for \"visa\""), "{text}");
}

#[test]
fn search_finds_goals_needs_and_check_ins_and_follows_edits() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    // Sample learners carry needs and goals from the CSV.
    let needs = desk.json(&["search", "captions", "--json"]);
    assert!(needs["total"].as_u64().unwrap() >= 1, "{needs}");
    assert_eq!(needs["hits"][0]["kind"], "needs");

    let pairing = paired.pairing.to_string();
    desk.ok(&[
        "checkin",
        "add",
        "--pairing",
        &pairing,
        "--minutes",
        "30",
        "--notes",
        "Talked about zebrafish genetics",
    ]);
    let found = desk.json(&["search", "zebrafish", "--json"]);
    assert_eq!(found["total"], 1);
    assert_eq!(found["hits"][0]["kind"], "check-in");
    let id = found["hits"][0]["key"].as_str().unwrap().to_string();
    desk.ok(&[
        "checkin",
        "edit",
        &id,
        "--notes",
        "Talked about axolotl care",
    ]);
    assert_eq!(
        desk.json(&["search", "zebrafish", "--json"])["total"],
        0,
        "an edit replaces the words"
    );
    assert_eq!(desk.json(&["search", "axolotl", "--json"])["total"], 1);
}

#[test]
fn bad_queries_and_notes_are_refused_and_write_nothing() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let huge = "word ".repeat(100);
    desk.refuses_each(
        &["search"],
        &[
            (vec![""], "a word to search for is required"),
            (vec!["*** ((("], "a word to search for is required"),
            (vec![huge.as_str()], "too long (at most 200 characters)"),
        ],
    );
    let before = desk
        .json(&["audit", "--json", "--limit", "1000"])
        .as_array()
        .unwrap()
        .len();
    desk.refuses_each(
        &["note", "add"],
        &[
            (
                vec![&paired.pairing.to_string(), "--text", "  "],
                "note text is required",
            ),
            (
                vec!["9999", "--text", "hello"],
                "no pairing with id \"9999\"",
            ),
        ],
    );
    let after = desk
        .json(&["audit", "--json", "--limit", "1000"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after);
}

#[test]
fn notes_and_pairings_show_times_and_days_in_the_desks_zone() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let pairing = paired.pairing.to_string();
    // 14 hours ahead of UTC: every time differs from UTC's, and the day does for 14 hours of
    // every 24.
    desk.ok(&["default-zone", "Pacific/Kiritimati"]);
    desk.ok(&["note", "add", &pairing, "--text", "first call went well"]);
    let notes = desk.json(&["note", "list", &pairing, "--json"]);
    let at: chrono::DateTime<chrono::Utc> = notes[0]["at"].as_str().unwrap().parse().unwrap();
    let local = at.with_timezone(&chrono_tz::Pacific::Kiritimati);
    let minute = local.format("%Y-%m-%d %H:%M").to_string();
    let day = local.format("%Y-%m-%d").to_string();

    let listed = desk.ok(&["note", "list", &pairing]);
    assert!(listed.contains(&minute), "{minute} not in {listed}");
    let found = desk.ok(&["search", "first call"]);
    assert!(found.contains(&day), "{day} not in {found}");

    let table = desk.ok(&["pairings", "--status", "active"]);
    assert!(
        table.contains(&day),
        "the pairing started today, {day}: {table}"
    );
}
