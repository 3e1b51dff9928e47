//! Session guides from the command line: `guides list` and `guides show`, a guide added or
//! replaced in the config folder, a bad guide file named with its reason, and a check-in
//! recording the guide it used (`checkin add --guide`), an unknown guide refused with exit
//! code 2 and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::path::Path;
use std::process::{Command, Output};

use cli_support::Desk;

/// Runs the binary on `desk` with `config` as the XDG config home (so the guides folder is
/// `config/mentordesk/guides`).
fn run(desk: &Desk, config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(&desk.db)
        .env_remove("MENTORDESK_DB")
        .env("XDG_CONFIG_HOME", config)
        .env("HOME", config)
        .args(args)
        .output()
        .unwrap()
}

fn ok(desk: &Desk, config: &Path, args: &[&str]) -> String {
    let out = run(desk, config, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(desk: &Desk, config: &Path, args: &[&str]) -> String {
    let out = run(desk, config, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    assert!(out.stdout.is_empty(), "{args:?}: {out:?}");
    String::from_utf8(out.stderr).unwrap()
}

fn guides_folder(config: &Path) -> std::path::PathBuf {
    let folder = config.join("mentordesk").join("guides");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

#[test]
fn guides_list_shows_every_built_in_guide_with_its_source() {
    let desk = Desk::empty();
    let config = tempfile::tempdir().unwrap();
    let out = ok(&desk, config.path(), &["guides"]);
    for name in [
        "first-session",
        "questions-beginner",
        "questions-intermediate",
        "questions-advanced",
        "project-brief",
        "mid-point",
        "closing",
        "feedback-questioning",
        "feedback-listening",
        "feedback-critique",
    ] {
        assert!(out.contains(name), "{name} in {out}");
    }
    assert!(
        out.contains("First session: agenda") && out.contains("built in"),
        "{out}"
    );
    assert!(out.contains("10 guides"), "{out}");
    assert_eq!(out, ok(&desk, config.path(), &["guides", "list"]));
    let json: serde_json::Value =
        serde_json::from_str(&ok(&desk, config.path(), &["guides", "list", "--json"])).unwrap();
    assert_eq!(json[0]["name"], "first-session");
    assert_eq!(json[0]["source"], "built in");
    assert_eq!(json.as_array().unwrap().len(), 10);
}

#[test]
fn guides_show_prints_the_guide_ready_to_paste() {
    let desk = Desk::empty();
    let config = tempfile::tempdir().unwrap();
    let out = ok(
        &desk,
        config.path(),
        &["guides", "show", "questions-advanced"],
    );
    assert!(
        out.starts_with("# Sample questions: advanced track\nWhen to use:"),
        "{out}"
    );
    assert!(
        out.contains("- What problem are you really solving"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &desk,
        config.path(),
        &["guides", "show", "closing", "--json"],
    ))
    .unwrap();
    assert_eq!(json["title"], "Closing session: agenda");
    assert!(json["body"].as_str().unwrap().starts_with("1. The journey"));
}

#[test]
fn an_unknown_guide_is_refused_with_the_names_known() {
    let desk = Desk::empty();
    let config = tempfile::tempdir().unwrap();
    let err = refused(&desk, config.path(), &["guides", "show", "agenda"]);
    assert!(
        err.contains("guide \"agenda\": no such guide (known: first-session, questions-beginner"),
        "{err}"
    );
    let err = refused(&desk, config.path(), &["guides", "show", "Bad Name"]);
    assert!(err.contains("guide name"), "{err}");
}

#[test]
fn a_guide_in_the_config_folder_is_added_or_replaces_the_built_in_one() {
    let desk = Desk::empty();
    let config = tempfile::tempdir().unwrap();
    let folder = guides_folder(config.path());
    std::fs::write(
        folder.join("first-session.md"),
        "# Our first session\nWhen to use: every new pair in our bootcamp\n\n1. Hello\n2. Goals",
    )
    .unwrap();
    std::fs::write(
        folder.join("portfolio-review.md"),
        "# Portfolio review\nWhen to use: before job applications\n\n- Three projects",
    )
    .unwrap();
    std::fs::write(folder.join("README.txt"), "not a guide").unwrap();
    let out = ok(&desk, config.path(), &["guides"]);
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {out}"))
            .to_string()
    };
    assert!(line("first-session").contains("Our first session"), "{out}");
    assert!(line("first-session").contains("your folder"), "{out}");
    assert!(line("portfolio-review").contains("your folder"), "{out}");
    assert!(line("closing").contains("built in"), "{out}");
    assert!(out.contains("11 guides"), "{out}");
    let shown = ok(&desk, config.path(), &["guides", "show", "first-session"]);
    assert!(shown.contains("1. Hello\n2. Goals"), "{shown}");
}

#[test]
fn a_bad_guide_file_is_named_with_the_reason() {
    let desk = Desk::empty();
    let config = tempfile::tempdir().unwrap();
    let folder = guides_folder(config.path());
    std::fs::write(folder.join("welcome.md"), "Welcome!\n- a").unwrap();
    let err = refused(&desk, config.path(), &["guides"]);
    assert!(
        err.contains("welcome.md: the first line must be the title, as \"# Title\""),
        "{err}"
    );
    std::fs::write(folder.join("welcome.md"), "# Welcome\nWhen to use: x\n- a").unwrap();
    std::fs::write(folder.join("Big.md"), "x".repeat(100_000)).unwrap();
    let err = refused(&desk, config.path(), &["guides", "show", "welcome"]);
    assert!(err.contains("Big.md: guide name"), "{err}");
}

#[test]
fn a_checkin_records_the_guide_it_used() {
    let p = Desk::paired();
    let config = tempfile::tempdir().unwrap();
    let pairing = p.pairing.to_string();
    let out = ok(
        &p.desk,
        config.path(),
        &[
            "checkin",
            "add",
            "--pairing",
            &pairing,
            "--minutes",
            "45",
            "--guide",
            "first-session",
            "--notes",
            "Went through the agenda",
        ],
    );
    assert!(out.contains("; guide first-session"), "{out}");
    let c = p.desk.latest_checkin();
    assert_eq!(c["guide"], "first-session");
    // An edit keeps the guide unless it names another.
    let id = c["id"].as_str().unwrap().to_string();
    ok(
        &p.desk,
        config.path(),
        &["checkin", "edit", &id, "--minutes", "50"],
    );
    assert_eq!(p.desk.latest_checkin()["guide"], "first-session");
    let id = p.desk.latest_checkin()["id"].as_str().unwrap().to_string();
    ok(
        &p.desk,
        config.path(),
        &["checkin", "edit", &id, "--guide", "mid-point"],
    );
    assert_eq!(p.desk.latest_checkin()["guide"], "mid-point");
    // A session without a guide says none.
    ok(
        &p.desk,
        config.path(),
        &["checkin", "add", "--pairing", &pairing, "--minutes", "30"],
    );
    assert!(p.desk.latest_checkin()["guide"].is_null());
}

#[test]
fn a_checkin_with_an_unknown_guide_is_refused_and_nothing_is_written() {
    let p = Desk::paired();
    let config = tempfile::tempdir().unwrap();
    let pairing = p.pairing.to_string();
    let before = p.desk.checkin_count(true);
    for (guide, expected) in [
        (
            "agenda",
            "guide \"agenda\": no such guide (known: first-session",
        ),
        ("First Session", "guide name"),
        ("", "guide name is required"),
    ] {
        let err = refused(
            &p.desk,
            config.path(),
            &[
                "checkin",
                "add",
                "--pairing",
                &pairing,
                "--minutes",
                "45",
                "--guide",
                guide,
            ],
        );
        assert!(err.contains(expected), "{guide:?}: {err}");
    }
    assert_eq!(p.desk.checkin_count(true), before);
    p.desk.assert_check_ok();
}

#[test]
fn the_introduction_carries_the_first_session_agenda_and_the_tracks_questions() {
    // L001 is on the beginner track.
    let p = Desk::paired();
    let config = tempfile::tempdir().unwrap();
    let pairing = p.pairing.to_string();
    let text = ok(&p.desk, config.path(), &["intro", &pairing]);
    assert!(
        text.contains("A suggested agenda for your first session\n1. Introductions (10 min)"),
        "{text}"
    );
    assert!(
        text.contains("Sample questions: beginner track\nWhen to use:"),
        "{text}"
    );
    assert!(text.contains("Project brief: template"), "{text}");
    assert!(!text.contains("Sample questions: advanced track"), "{text}");
    assert!(!text.contains('{'), "every placeholder filled: {text}");
    // The e-mail draft carries the same.
    let eml = ok(
        &p.desk,
        config.path(),
        &["intro", &pairing, "--format", "eml"],
    );
    assert!(eml.contains("Sample questions: beginner track"), "{eml}");

    // A coordinator's own first-session agenda is what the pair receives.
    let folder = guides_folder(config.path());
    std::fs::write(
        folder.join("first-session.md"),
        "# Our kick-off\nWhen to use: every new pair\n\n1. Say hello {pairing}\n2. Read the handbook",
    )
    .unwrap();
    let text = ok(&p.desk, config.path(), &["intro", &pairing]);
    assert!(
        text.contains("first session\n1. Say hello {pairing}\n2. Read the handbook"),
        "a guide's braces are not filled in: {text}"
    );
    // A bad guide file stops the introduction with the file named (exit 2).
    std::fs::write(folder.join("first-session.md"), "no title").unwrap();
    let err = refused(&p.desk, config.path(), &["intro", &pairing]);
    assert!(
        err.contains("first-session.md: the first line must be"),
        "{err}"
    );
}

#[test]
fn the_mentor_pack_carries_the_guides_and_the_guide_a_session_used_comes_back() {
    let p = Desk::paired();
    let coord = &p.desk;
    let (coordinator_config, mentor_config) =
        (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let folder = guides_folder(coordinator_config.path());
    std::fs::write(
        folder.join("closing.md"),
        "# Our closing session\nWhen to use: the last week\n\n1. Certificates\n2. Survey",
    )
    .unwrap();
    std::fs::write(
        folder.join("welcome.md"),
        "# Welcome to the program\nWhen to use: before the first session\n\n- Read the handbook",
    )
    .unwrap();
    let pack = coord.dir.path().join("pack.json");
    let out = ok(
        coord,
        coordinator_config.path(),
        &[
            "pack",
            "export",
            "--mentor",
            &p.mentor,
            "-o",
            pack.to_str().unwrap(),
        ],
    );
    // Beginner learner: every stage's agenda, the beginner questions, the brief, the feedback
    // prompts (3) and the coordinator's two = 2 + 1 + 1 + 1 + 3 + 1 (welcome) + closing.
    assert!(out.contains("1 learners, 9 guides"), "{out}");

    let mentor = Desk::empty();
    ok(
        &mentor,
        mentor_config.path(),
        &["pack", "import", pack.to_str().unwrap()],
    );
    let list = ok(&mentor, mentor_config.path(), &["guides"]);
    let line = |name: &str| {
        list.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {list}"))
            .to_string()
    };
    assert!(line("closing").contains("Our closing session"), "{list}");
    assert!(line("closing").contains("your coordinator"), "{list}");
    assert!(line("welcome").contains("your coordinator"), "{list}");
    assert!(line("first-session").contains("built in"), "{list}");
    let shown = ok(
        &mentor,
        mentor_config.path(),
        &["guides", "show", "welcome"],
    );
    assert!(shown.contains("- Read the handbook"), "{shown}");

    // A session on the mentor's desk records the coordinator's guide; it travels back.
    let pairing = p.pairing.to_string();
    ok(
        &mentor,
        mentor_config.path(),
        &[
            "checkin",
            "add",
            "--pairing",
            &pairing,
            "--minutes",
            "40",
            "--guide",
            "welcome",
        ],
    );
    let bundle = mentor.dir.path().join("bundle.json");
    ok(
        &mentor,
        mentor_config.path(),
        &["sync", "export", "-o", bundle.to_str().unwrap()],
    );
    ok(
        coord,
        coordinator_config.path(),
        &["sync", "import", bundle.to_str().unwrap()],
    );
    assert_eq!(coord.latest_checkin()["guide"], "welcome");

    // A refreshed pack without the coordinator's guides leaves the mentor the built-in ones.
    std::fs::remove_file(folder.join("closing.md")).unwrap();
    std::fs::remove_file(folder.join("welcome.md")).unwrap();
    ok(
        coord,
        coordinator_config.path(),
        &[
            "pack",
            "export",
            "--mentor",
            &p.mentor,
            "-o",
            pack.to_str().unwrap(),
        ],
    );
    ok(
        &mentor,
        mentor_config.path(),
        &["pack", "import", pack.to_str().unwrap()],
    );
    let list = ok(&mentor, mentor_config.path(), &["guides"]);
    assert!(
        !list.contains("welcome") && !list.contains("your coordinator"),
        "{list}"
    );
}

#[test]
fn an_approval_suggests_the_first_session_agenda() {
    let desk = Desk::sample();
    let config = tempfile::tempdir().unwrap();
    let candidates = desk.json(&["candidates", "L001", "--json"]);
    let mentor = candidates["candidates"][0]["mentor"].as_str().unwrap();
    let out = ok(&desk, config.path(), &["approve", "L001", mentor]);
    assert!(
        out.contains(
            "suggested first session: \"First session: agenda\" (mentordesk guides show \
             first-session"
        ),
        "{out}"
    );
}
