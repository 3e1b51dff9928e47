//! Damaged, read-only and wrong database files, through the real binary: every command names
//! the file and says what to do; a damaged file is read with a warning and never written; a
//! read-only file or folder is read and a write says plainly why it cannot be saved.
//!
//! "Read-only" is the owner's write bit, which mentordesk honours for every user, root
//! included: these tests hold whether or not they run as root (where chmod alone would not
//! stop a write).

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use cli_support::Desk;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn sibling(db: &Path, suffix: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}{suffix}", db.display()))
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The standard demo, with bytes in the middle of the file overwritten.
fn damaged_demo() -> Desk {
    let desk = Desk::demo();
    assert!(!sibling(&desk.db, "-wal").exists(), "the log was folded in");
    let mut bytes = std::fs::read(&desk.db).unwrap();
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 6000] {
        *byte = 0xde;
    }
    std::fs::write(&desk.db, bytes).unwrap();
    desk
}

#[test]
fn a_damaged_file_is_read_with_a_warning_and_never_written() {
    let desk = damaged_demo();
    let db = desk.db.display().to_string();
    let read = desk.run(&["mentors"]);
    let warning = stderr(&read);
    assert!(warning.contains(&format!("{db} is damaged")), "{warning}");
    assert!(
        warning.contains(&format!("mentordesk check --db {db}")),
        "{warning}"
    );
    assert!(warning.contains("restore it from a backup"), "{warning}");

    let before = std::fs::read(&desk.db).unwrap();
    let write = desk.run(&["default-zone", "Europe/Madrid"]);
    assert_eq!(write.status.code(), Some(1));
    let refusal = stderr(&write);
    assert!(refusal.contains(&format!("{db} is damaged")), "{refusal}");
    assert!(refusal.contains("changes to it are refused"), "{refusal}");
    assert!(
        !refusal.contains("database disk image is malformed\n"),
        "{refusal}"
    );
    assert_eq!(
        std::fs::read(&desk.db).unwrap(),
        before,
        "the damaged file was not written"
    );

    let check = desk.run(&["check", "--json"]);
    assert_eq!(check.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["damaged"], true);
    let text = String::from_utf8(desk.run(&["check"]).stdout).unwrap();
    assert!(text.contains("Restore it from a backup"), "{text}");
}

#[test]
fn a_truncated_file_names_itself_in_every_command_and_check_reports_it() {
    let desk = Desk::demo();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&desk.db)
        .unwrap();
    file.set_len(100_000).unwrap();
    drop(file);
    let db = desk.db.display().to_string();
    for args in [
        &["learners"][..],
        &["export", "learners"],
        &["pairings"],
        &["timeline", "L00001"],
        &["where"],
    ] {
        let out = desk.run(args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(&format!("{db} is damaged")), "{args:?}: {err}");
        assert!(err.contains("mentordesk check --db"), "{args:?}: {err}");
    }
    let check = desk.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(text.contains("database disk image is malformed"), "{text}");
    assert!(text.contains("is damaged"), "{text}");
}

#[test]
fn a_folder_or_a_stranger_file_is_named_for_what_it_is() {
    let desk = Desk::empty();
    let folder = desk.dir.path().display().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .args(["--db", &folder, "learners"])
        .env_remove("MENTORDESK_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{folder} is a folder, not a database file")),
        "{}",
        stderr(&out)
    );

    let text = desk.dir.path().join("notes.db");
    std::fs::write(&text, "id,name\nL1,Ana\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(&text)
        .arg("learners")
        .env_remove("MENTORDESK_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not an SQLite file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "id,name\nL1,Ana\n",
        "left as it was"
    );
}

#[test]
fn a_read_only_file_is_read_and_a_write_says_how_to_allow_it() {
    let desk = Desk::demo();
    chmod(&desk.db, 0o400);
    let db = desk.db.display().to_string();
    for args in [
        &["learners"][..],
        &["export", "learners"],
        &["pairings"],
        &["timeline", "L00001"],
        &["check"],
    ] {
        let out = desk.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let out = desk.run(&["default-zone", "Europe/Madrid"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{db} is read-only")), "{err}");
    assert!(err.contains(&format!("chmod u+w {db}")), "{err}");
    for suffix in ["-wal", "-shm"] {
        let beside = sibling(&desk.db, suffix);
        assert!(
            !beside.exists() || mode(&beside) & 0o600 == 0o600,
            "{suffix} left unwritable"
        );
    }
    chmod(&desk.db, 0o600);
    desk.ok(&["default-zone", "Europe/Madrid"]);
    assert_eq!(desk.ok(&["default-zone"]).trim(), "Europe/Madrid");
}

#[test]
fn a_read_only_folder_is_read_and_a_write_names_the_folder() {
    let desk = Desk::demo();
    let folder = desk.dir.path().to_path_buf();
    chmod(&folder, 0o500);
    let shown = folder.display().to_string();
    for args in [&["learners"][..], &["export", "learners"], &["check"]] {
        let out = desk.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let out = desk.run(&["default-zone", "Europe/Madrid"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("the folder {shown} is read-only")),
        "{err}"
    );
    let other = folder.join("other.sqlite3");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(&other)
        .arg("learners")
        .env_remove("MENTORDESK_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be created there"),
        "{}",
        stderr(&out)
    );
    let left: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    chmod(&folder, 0o700);
    assert_eq!(left, vec![std::ffi::OsString::from("desk.sqlite3")]);
}

#[test]
fn a_shm_left_unwritable_is_given_back_to_its_owner() {
    let desk = Desk::demo();
    let shm = sibling(&desk.db, "-shm");
    std::fs::write(&shm, []).unwrap();
    chmod(&shm, 0o400);
    desk.ok(&["default-zone", "Europe/Madrid"]);
    assert!(
        !shm.exists() || mode(&shm) == 0o600,
        "the -shm is writable again"
    );
}
