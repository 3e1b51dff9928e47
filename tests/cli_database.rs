//! Where the database lives and what happens when it is not usable.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::cargo::cargo_bin_cmd;

#[test]
fn db_flag_then_env_then_default() {
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("flag.sqlite3");
    let env = dir.path().join("env.sqlite3");
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&flag)
        .arg("where")
        .env("MENTORDESK_DB", &env)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        flag.display().to_string()
    );
    let out = cargo_bin_cmd!("mentordesk")
        .arg("where")
        .env("MENTORDESK_DB", &env)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        env.display().to_string()
    );
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let out = cargo_bin_cmd!("mentordesk")
        .arg("where")
        .env_remove("MENTORDESK_DB")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap();
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(path.ends_with("mentordesk/desk.sqlite3"), "{path}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let folder = std::path::Path::new(&path).parent().unwrap();
        assert_eq!(
            std::fs::metadata(folder).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }
}

/// `MENTORDESK_DB=` (empty, e.g. left in a shell profile) means unset: `--db` still works,
/// and without it the platform data folder is used.
#[test]
fn an_empty_environment_value_means_unset() {
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("flag.sqlite3");
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&flag)
        .arg("where")
        .env("MENTORDESK_DB", "")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        flag.display().to_string()
    );
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let out = cargo_bin_cmd!("mentordesk")
        .arg("where")
        .env("MENTORDESK_DB", "")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(path.ends_with("mentordesk/desk.sqlite3"), "{path}");
}

/// A database others could read (copied with a loose umask, say) is made private when a
/// command opens it, and the command says so once on stderr.
#[cfg(unix)]
#[test]
fn a_database_open_to_others_is_made_private_and_said_once() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let run = || {
        cargo_bin_cmd!("mentordesk")
            .arg("--db")
            .arg(&db)
            .arg("learners")
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("open to others (mode 644)") && err.contains("private"),
        "{err}"
    );
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(run().stderr.is_empty(), "said once");
}

/// A log file others could read (it holds names) is made private when logging starts, and the
/// log says so.
#[cfg(unix)]
#[test]
fn a_log_open_to_others_is_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("mentordesk.log");
    std::fs::write(&log, "").unwrap();
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(dir.path().join("desk.sqlite3"))
        .arg("learners")
        .env("MENTORDESK_LOG", "info")
        .env("MENTORDESK_LOG_FILE", &log)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mode = std::fs::metadata(&log).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("now private"), "{text}");
}

#[test]
fn missing_folder_is_a_clear_error() {
    let out = cargo_bin_cmd!("mentordesk")
        .args(["--db", "/nonexistent/folder/desk.sqlite3", "learners"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/nonexistent/folder does not exist"),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    let text = "these are my notes, not a database\n".repeat(50);
    std::fs::write(&notes, &text).unwrap();
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&notes)
        .arg("learners")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a mentordesk database"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), text);
}

#[test]
fn no_terminal_means_a_hint_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(dir.path().join("d.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

#[test]
fn check_and_audit_on_a_fresh_desk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite3");
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&db)
        .args(["check", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);
    let out = cargo_bin_cmd!("mentordesk")
        .arg("--db")
        .arg(&db)
        .args(["audit", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn completions_print_a_script() {
    let out = cargo_bin_cmd!("mentordesk")
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("mentordesk"));
}

#[test]
fn unknown_arguments_are_bad_input() {
    let out = cargo_bin_cmd!("mentordesk")
        .args(["frobnicate"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn default_zone_is_shown_set_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite3");
    let run = |args: &[&str]| {
        cargo_bin_cmd!("mentordesk")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["default-zone"]).status.success());
    let set = run(&["default-zone", "Asia/Kathmandu"]);
    assert!(set.status.success());
    assert_eq!(
        String::from_utf8_lossy(&run(&["default-zone"]).stdout).trim(),
        "Asia/Kathmandu"
    );
    let bad = run(&["default-zone", "Mars/Base"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown time zone \"Mars/Base\""));
    let audit: serde_json::Value =
        serde_json::from_slice(&run(&["audit", "--json"]).stdout).unwrap();
    assert_eq!(audit[0]["action"], "settings.default_zone");
    assert_eq!(audit[0]["after"], "Asia/Kathmandu");
}
