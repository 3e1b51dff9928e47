//! The audit trail, backups and restores through the real binary: what a coordinator reads
//! and every bad input refused with exit code 2.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::Desk;

#[test]
fn the_audit_reads_as_words_with_whole_subjects_and_filters() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    desk.ok(&["weights", "set", "topic", "40"]);
    desk.ok(&[
        "exclude",
        "L002",
        "M01",
        "--reason",
        "learner asked for a woman mentor",
    ]);

    let text = desk.ok(&["audit", "--action", "weights"]);
    assert!(text.contains("weights: topic 30 → 40"), "{text}");
    assert!(!text.contains("exclude"), "{text}");

    let text = desk.ok(&["audit", "--subject", "L002"]);
    assert!(
        text.contains("Mateo Gutiérrez (L002) / Lucía Fernández Ortega (M01)"),
        "{text}"
    );
    assert!(
        text.contains("excluded: learner asked for a woman mentor"),
        "{text}"
    );

    let text = desk.ok(&["audit", "--subject", &paired.learner, "--action", "approve"]);
    assert!(
        text.contains(&format!(
            "pairing {}: Valentina Restrepo (L001) → ",
            paired.pairing
        )),
        "{text}"
    );
    assert!(text.contains("approved, score"), "{text}");

    let rows = desk.json(&["audit", "--json", "--limit", "2"]);
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[0]["action"], "exclude");
    assert!(rows[0]["change"].as_str().unwrap().starts_with("excluded"));

    let future = desk.ok(&["audit", "--since", &cli_support::day(1)]);
    assert!(future.contains("no audit entries match"), "{future}");
    let nobody = desk.ok(&["audit", "--actor", "nobody-at-all"]);
    assert!(nobody.contains("no audit entries match"), "{nobody}");

    desk.refuses_each(
        &["audit"],
        &[
            (vec!["--since", "yesterday"], "--since"),
            (vec!["--limit", "0"], "--limit"),
            (vec!["--actor", " "], "--actor is empty"),
        ],
    );
}

#[test]
fn backup_while_another_connection_writes_then_restore_and_check() {
    let desk = Desk::demo();
    let backup = desk.dir.path().join("program.backup");
    // Another desk writes while the backup is taken.
    let writer_db = desk.db.clone();
    let writer = std::thread::spawn(move || {
        let mut other = mentordesk::desk::Desk::open(&writer_db).unwrap();
        for value in 0..40u32 {
            other.set_weight("topic", 10 + value).unwrap();
        }
    });
    let said = desk.ok(&["backup", backup.to_str().unwrap()]);
    writer.join().unwrap();
    assert!(said.contains("backed up"), "{said}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let learners_before = desk.json(&["learners", "--json"]);
    desk.ok(&[
        "demo",
        "--force",
        "--learners",
        "10",
        "--mentors",
        "3",
        "--seed",
        "9",
    ]);
    assert_ne!(desk.json(&["learners", "--json"]), learners_before);

    let refused = desk.refused(&["restore", backup.to_str().unwrap()]);
    assert!(refused.contains("--force"), "{refused}");

    let said = desk.ok(&["restore", backup.to_str().unwrap(), "--force"]);
    assert!(said.contains("kept as"), "{said}");
    assert_eq!(desk.json(&["learners", "--json"]), learners_before);
    desk.assert_check_ok();
    let kept = desk.dir.path().join("desk.sqlite3.before-restore");
    assert!(kept.exists(), "the replaced file is kept");
    let audit = desk.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "restore");
}

#[test]
fn a_forced_demo_keeps_the_program_it_replaces() {
    let desk = Desk::sample();
    let said = desk.ok(&["demo", "--force", "--learners", "5", "--mentors", "2"]);
    assert!(said.contains("before-demo"), "{said}");
    let kept = desk.dir.path().join("desk.sqlite3.before-demo");
    let restored = desk.ok(&["restore", kept.to_str().unwrap(), "--force"]);
    assert!(restored.contains("restored"), "{restored}");
    let learners = desk.json(&["learners", "--json"]);
    assert_eq!(learners[0]["id"], "L001", "the sample program is back");
}

#[test]
fn backup_and_restore_refuse_bad_files() {
    let desk = Desk::sample();
    let taken = desk.dir.path().join("taken.backup");
    std::fs::write(&taken, "something precious").unwrap();
    let err = desk.refused(&["backup", taken.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&taken).unwrap(),
        "something precious",
        "never overwritten"
    );

    let text = desk.dir.path().join("notes.txt");
    std::fs::write(&text, "these are notes, not a database\n".repeat(100)).unwrap();
    let err = desk.refused(&["restore", text.to_str().unwrap(), "--force"]);
    assert!(err.contains("notes.txt"), "{err}");
    assert!(err.contains("not a mentordesk backup"), "{err}");

    let missing = desk.dir.path().join("missing.backup");
    let err = desk.refused(&["restore", missing.to_str().unwrap(), "--force"]);
    assert!(err.contains("does not exist"), "{err}");
    desk.assert_check_ok();
    assert_eq!(desk.learner_status("L001"), "waiting", "nothing replaced");
}

#[test]
fn a_database_that_cannot_be_opened_is_moved_aside_and_restored() {
    let desk = Desk::sample();
    let backup = desk.dir.path().join("good.backup");
    desk.ok(&["backup", backup.to_str().unwrap()]);
    // The desk's file is overwritten with garbage (a disk fault, a bad copy).
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", desk.db.display()));
    }
    std::fs::write(&desk.db, vec![0x5a_u8; 64 * 1024]).unwrap();
    let err = desk.refused(&["restore", backup.to_str().unwrap()]);
    assert!(err.contains("--force"), "{err}");
    let said = desk.ok(&["restore", backup.to_str().unwrap(), "--force"]);
    assert!(said.contains("restored"), "{said}");
    desk.assert_check_ok();
    assert_eq!(desk.learner_status("L001"), "waiting");
    let kept = std::fs::read(desk.dir.path().join("desk.sqlite3.before-restore")).unwrap();
    assert_eq!(kept.len(), 64 * 1024, "the damaged file is kept, not lost");
}

/// Every byte of the desk's files (the database and its write-ahead log, when there is one).
fn disk_bytes(desk: &Desk) -> Vec<u8> {
    let mut bytes = std::fs::read(&desk.db).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", desk.db.display())) {
        bytes.extend(wal);
    }
    bytes
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn an_erased_learner_leaves_no_byte_of_name_or_email_on_disk_or_in_exports() {
    let paired = Desk::paired();
    let desk = &paired.desk;
    let (name, email) = ("Valentina Restrepo", "valentina.restrepo@example.org");
    desk.ok(&[
        "exclude",
        "L001",
        "M02",
        "--reason",
        &format!("{email} asked not to be paired with M02"),
    ]);
    // Another learner's exclusion quotes her name.
    desk.ok(&[
        "exclude",
        "L002",
        "M03",
        "--reason",
        &format!("sibling of {name}"),
    ]);
    // A coordinator's note on her pairing quotes her name and e-mail (and so does the
    // search index built from it).
    desk.ok(&[
        "note",
        "add",
        &paired.pairing.to_string(),
        "--text",
        &format!("{name} prefers {email} for reminders"),
    ]);
    assert!(holds(&disk_bytes(desk), name), "the name is on disk before");

    let refused = desk.refused(&["forget", "learner", "L001", "--yes"]);
    assert!(
        refused.contains(&format!("end it first (mentordesk end {}", paired.pairing)),
        "{refused}"
    );
    desk.ok(&[
        "end",
        &paired.pairing.to_string(),
        "--reason",
        &format!("{name} moved abroad"),
    ]);
    let counts_before = desk.json(&["metrics", "--json", "--period", "all"]);
    let learners_before = desk.json(&["learners", "--json"]).as_array().unwrap().len();

    let said = desk.ok(&["forget", "learner", "L001", "--yes"]);
    assert!(said.contains("erased learner L001"), "{said}");

    let bytes = disk_bytes(desk);
    for word in [name, email, "Valentina", "valentina.restrepo"] {
        assert!(!holds(&bytes, word), "{word:?} is still in the file");
    }
    for args in [
        vec!["export", "learners"],
        vec!["export", "pairings"],
        vec!["export", "checkins"],
        vec!["export", "milestones"],
        vec!["audit", "--json", "--limit", "10000"],
        vec!["report", "--format", "json", "--period", "all"],
        vec!["undo", "--list", "--json"],
        vec!["timeline", "L001", "--json"],
    ] {
        let out = desk.ok(&args);
        assert!(
            !out.contains("Valentina"),
            "{args:?} still names her:\n{out}"
        );
        assert!(!out.contains(email), "{args:?} still holds her e-mail");
    }
    // The counts stay true: every learner is still counted (a waiting one who asked to be
    // forgotten has left: withdrawn), and every number but the statuses is unchanged.
    let counts_after = desk.json(&["metrics", "--json", "--period", "all"]);
    for path in [
        "/learners/total",
        "/pairings_ended/0/count",
        "/time_to_match/count",
        "/time_to_match/median_days",
        "/mentor_load/seats_in_use",
    ] {
        assert_eq!(
            counts_before.pointer(path),
            counts_after.pointer(path),
            "{path}"
        );
    }
    assert_eq!(counts_after["pairings_ended"][0]["reason"], "[erased]");
    let learners = desk.json(&["learners", "--json"]);
    assert_eq!(
        learners.as_array().unwrap().len(),
        learners_before,
        "the row stays, nameless"
    );
    desk.assert_check_ok();
    let audit = desk.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "forget.learner");

    let again = desk.refused(&["forget", "learner", "L001", "--yes"]);
    assert!(again.contains("erased already"), "{again}");
}

#[test]
fn forget_and_undo_refuse_bad_input() {
    let desk = Desk::sample();
    let err = desk.refused(&["forget", "learner", "L999", "--yes"]);
    assert!(err.contains("L999"), "{err}");
    let err = desk.refused(&["forget", "mentor", "M99", "--yes"]);
    assert!(err.contains("M99"), "{err}");
    // No terminal to ask on, and no --yes: nothing is erased.
    let err = desk.refused(&["forget", "learner", "L001"]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(desk.learner_status("L001"), "waiting");

    let err = desk.refused(&["undo", "abc"]);
    assert!(err.contains("not a decision number"), "{err}");
    let err = desk.refused(&["undo", "999"]);
    assert!(err.contains("no decision with id"), "{err}");
    desk.ok(&["weights", "set", "topic", "35"]);
    let said = desk.ok(&["undo"]);
    assert!(said.contains("topic back to"), "{said}");
    let err = desk.refused(&["undo", "#3"]);
    assert!(err.contains("undone already"), "{err}");
    let list = desk.ok(&["undo", "--list"]);
    assert!(list.contains("undone by"), "{list}");
    assert!(list.contains("imported learners"), "{list}");
    // Both imports can still be taken back (nobody has records yet), newest first.
    assert!(desk.ok(&["undo"]).contains("(import)"));
    assert!(desk.ok(&["undo"]).contains("(import)"));
    assert!(
        desk.json(&["learners", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let err = desk.refused(&["undo"]);
    assert!(err.contains("Nothing to undo"), "{err}");
}

#[test]
fn a_later_pack_carries_a_tombstone_and_the_mentor_desk_erases_its_copy() {
    let paired = Desk::paired();
    let coord = &paired.desk;
    let name = "Valentina Restrepo";
    let pack = coord.dir.path().join("pack-1.json");
    let pack = pack.to_str().unwrap();
    coord.ok(&["pack", "export", "--mentor", &paired.mentor, "-o", pack]);
    let mentor = Desk::empty();
    mentor.ok(&["pack", "import", pack]);
    assert!(
        holds(&disk_bytes(&mentor), name),
        "the mentor desk holds her brief"
    );

    coord.ok(&[
        "end",
        &paired.pairing.to_string(),
        "--reason",
        "learner left",
    ]);
    coord.ok(&["forget", "learner", "L001", "--yes"]);
    let later = coord.dir.path().join("pack-2.json");
    let later = later.to_str().unwrap();
    coord.ok(&["pack", "export", "--mentor", &paired.mentor, "-o", later]);
    let text = std::fs::read_to_string(later).unwrap();
    assert!(text.contains("\"erased_learners\":[\"L001\"]"), "{text}");
    assert!(!text.contains(name));

    mentor.ok(&["pack", "import", later]);
    let bytes = disk_bytes(&mentor);
    assert!(!holds(&bytes, name), "the mentor desk's copy is erased");
    assert!(!holds(&bytes, "Valentina"));
    let audit = mentor.json(&["audit", "--json", "--limit", "1"]);
    assert_eq!(audit[0]["after"]["erased"], 1);
}

#[test]
fn an_erased_mentor_leaves_no_byte_of_name_email_or_bio() {
    let desk = Desk::sample();
    let (name, email) = ("Chloé Dubois", "chloe.dubois@example.org");
    let bio = disk_bytes(&desk);
    assert!(holds(&bio, name) && holds(&bio, email), "on disk before");
    let said = desk.ok(&["forget", "mentor", "M05", "--yes"]);
    assert!(said.contains("erased mentor M05"), "{said}");
    let bytes = disk_bytes(&desk);
    assert!(!holds(&bytes, name), "the name is still in the file");
    assert!(!holds(&bytes, email), "the e-mail is still in the file");
    let mentors = desk.ok(&["export", "mentors"]);
    assert!(mentors.contains("M05,Erased mentor"), "{mentors}");
    assert!(!mentors.contains("Dubois"));
    desk.assert_check_ok();
}
