//! Limits on what comes in, from the command line: input files are refused past their size
//! (named with the limit, `/dev/zero` and pipes included), a file's problems are listed up to
//! 50 and the rest counted, check-in ids may be given by a unique start, and health
//! thresholds take plain numbers only (issue 12, defects 6 and 13).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;

#[cfg(unix)]
#[test]
fn endless_inputs_are_refused_at_their_limit() {
    let desk = Desk::sample();
    let err = desk.refused(&["import", "learners", "/dev/zero"]);
    assert!(err.contains("/dev/zero") && err.contains("64 MB"), "{err}");
    let err = desk.refused(&["import", "mentors", "/dev/zero", "--dry-run"]);
    assert!(err.contains("64 MB"), "{err}");
    let err = desk.refused(&["plan", "--scores", "/dev/zero"]);
    // Read as a stream: refused at its first byte, long before the 1 GB cap.
    assert!(
        err.contains("/dev/zero")
            && (err.contains("1 GB") || err.contains("not valid scores JSON")),
        "{err}"
    );
    let err = desk.refused(&[
        "checkin",
        "add",
        "--learner",
        "L001",
        "--minutes",
        "30",
        "--notes-file",
        "/dev/zero",
    ]);
    assert!(
        err.contains("--notes-file") && err.contains("/dev/zero") && err.contains("1 MB"),
        "{err}"
    );
}

#[test]
fn notes_on_standard_input_are_capped_too() {
    let paired = Desk::paired();
    let pairing = paired.pairing.to_string();
    let args = [
        "checkin",
        "add",
        "--pairing",
        &pairing,
        "--minutes",
        "30",
        "--notes",
        "-",
    ];
    let out = paired
        .desk
        .run_with_stdin(&args, &"n".repeat(1024 * 1024 + 1));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("standard input") && err.contains("1 MB"),
        "{err}"
    );
    assert_eq!(paired.desk.checkin_count(true), 0, "nothing was logged");
    let out = paired.desk.run_with_stdin(&args, &"n".repeat(1024 * 1024));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let desk = Desk::empty();
    let path = desk.dir.path().join("huge.csv");
    // A sparse file: 65 MB long, almost nothing on disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let err = desk.refused(&["import", "learners", path.to_str().unwrap()]);
    assert!(
        err.contains("huge.csv") && err.contains("larger than 64 MB"),
        "{err}"
    );
    assert!(
        desk.json(&["learners", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_file_of_more_rows_than_the_limit_is_refused_whole() {
    let desk = Desk::empty();
    let mut text = String::from("id,name\n");
    for i in 0..=mentordesk::exchange::csv::MAX_ROWS {
        text.push_str(&format!("L{i},Ana\n"));
    }
    let path = desk.dir.path().join("many.csv");
    std::fs::write(&path, text).unwrap();
    let err = desk.refused(&["import", "learners", path.to_str().unwrap()]);
    assert!(
        err.contains("many.csv") && err.contains("more than 200000 rows"),
        "{err}"
    );
    assert!(
        desk.json(&["learners", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn problems_past_the_fiftieth_are_counted_not_listed() {
    let desk = Desk::empty();
    let mut text = String::from("id,name,timezone\n");
    for i in 0..300 {
        text.push_str(&format!("L{i},,Mars/Base\n"));
    }
    let path = desk.dir.path().join("junk.csv");
    std::fs::write(&path, text).unwrap();
    let err = desk.refused(&["import", "learners", path.to_str().unwrap()]);
    assert!(err.contains("600 problems found"), "{err}");
    assert!(err.contains("... and 550 more"), "{err}");
    let listed = err.lines().filter(|l| l.contains("junk.csv:")).count();
    assert_eq!(listed, 51, "the summary and 50 problems: {err}");
    // The first problems in file order.
    assert!(err.contains("junk.csv:2: column name"), "{err}");
}

/// Two check-ins on the sample pairing; returns their ids.
fn two_checkins(desk: &Desk, pairing: i64) -> (String, String) {
    let pairing = pairing.to_string();
    for notes in ["first", "second"] {
        desk.ok(&[
            "checkin",
            "add",
            "--pairing",
            &pairing,
            "--minutes",
            "30",
            "--notes",
            notes,
        ]);
    }
    let rows = desk.json(&["checkin", "list", "--json"]);
    let id = |i: usize| rows[i]["id"].as_str().unwrap().to_string();
    (id(0), id(1))
}

#[test]
fn checkin_edit_takes_a_unique_start_of_an_id_and_names_what_is_not_one() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let (first, second) = two_checkins(desk, paired.pairing);
    // The shortest start of `second` that `first` does not share, typed in capitals.
    let common = first
        .chars()
        .zip(second.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let unique = second[..=common].to_uppercase();
    let out = desk.ok(&["checkin", "edit", &unique, "--notes", "second, edited"]);
    assert!(out.contains(&format!("replaces {second}")), "{out}");
    // Without its hyphens, too.
    let bare: String = first.chars().filter(|c| *c != '-').take(20).collect();
    let out = desk.ok(&["checkin", "edit", &bare, "--minutes", "40"]);
    assert!(out.contains(&format!("replaces {first}")), "{out}");

    let err = desk.refused(&["checkin", "edit", "99999", "--minutes", "40"]);
    assert!(
        err.contains("\"99999\" is not a check-in id, nor the start of one")
            && err.contains("checkin list"),
        "{err}"
    );
    assert!(!err.contains("invalid length"), "{err}");
    let err = desk.refused(&["checkin", "edit", "L001", "--minutes", "40"]);
    assert!(err.contains("\"L001\" is not a check-in id"), "{err}");
    // Every id starts with the same first digit: ambiguous, and the candidates are listed.
    let err = desk.refused(&["checkin", "edit", &first[..1], "--minutes", "40"]);
    assert!(err.contains("more than one check-in id"), "{err}");
    let ids = desk.json(&["checkin", "list", "--json", "--history"]);
    for row in ids.as_array().unwrap() {
        assert!(err.contains(row["id"].as_str().unwrap()), "{err}");
    }
}

#[test]
fn checkin_edit_help_says_an_edit_keeps_the_time() {
    let desk = Desk::empty();
    let edit = desk.ok(&["checkin", "edit", "--help"]);
    assert!(!edit.contains("default now"), "{edit}");
    assert!(edit.contains("default: the time it has now"), "{edit}");
    assert!(edit.contains("start of it"), "{edit}");
    let add = desk.ok(&["checkin", "add", "--help"]);
    assert!(add.contains("(default") && add.contains("now"), "{add}");
}

#[test]
fn health_set_takes_plain_numbers_in_range_only() {
    let desk = Desk::empty();
    let before = desk.json(&["health", "--json"]);
    for odd in ["1e-300", "1E2", "+3", "inf", "3.14159", "0x4"] {
        let err = desk.refused(&["health", "set", "at_risk_cadences", odd]);
        assert!(
            err.contains("above 0 and at most 100") && err.len() < 300,
            "{odd}: {err}"
        );
    }
    let err = desk.refused(&["health", "set", "first_checkin_days", "1e1"]);
    assert!(err.contains("from 0 to 3650"), "{err}");
    assert_eq!(desk.json(&["health", "--json"]), before, "nothing changed");
    let out = desk.ok(&["health", "set", "at_risk_cadences", "3.5"]);
    assert!(out.contains("→ 3.5"), "{out}");
}

#[test]
fn the_keymap_file_points_to_a_real_place() {
    let keymap = include_str!("../assets/keymap.toml");
    assert!(!keymap.contains("where --config"), "no such option");
    assert!(
        keymap.contains("~/.config/mentordesk/"),
        "the Linux config folder"
    );
}

#[test]
fn a_long_value_is_cut_in_messages() {
    let desk = Desk::sample();
    let long = "x".repeat(10_000);
    for args in [
        vec!["candidates", long.as_str()],
        vec!["timeline", long.as_str()],
        vec!["weights", "set", long.as_str(), "1"],
        vec!["checkin", "edit", long.as_str()],
    ] {
        let out = desk.run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(
            err.len() + shown.len() < 600,
            "{:?}: {err}{shown}",
            &args[..1]
        );
    }
}
