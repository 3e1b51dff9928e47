//! `export pairings|milestones|at-risk` (CSV and JSON), the learner status column, formula
//! cells that survive a round trip through export and import, and private files under any
//! umask.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::process::Command;

use cli_support::Desk;

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn pairings_export_carries_people_agreement_dates_and_health() {
    let desk = Desk::demo();
    let text = desk.ok(&["export", "pairings"]);
    let rows = csv_rows(&text);
    let header = &rows[0];
    for column in [
        "learner",
        "learner_name",
        "learner_email",
        "mentor",
        "mentor_name",
        "mentor_email",
        "status",
        "cadence_days",
        "started",
        "ended",
        "health",
        "health_reason",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}");
    }
    let listed = desk.json(&["pairings", "--json"]);
    assert_eq!(rows.len() - 1, listed.as_array().unwrap().len());
    let json = desk.json(&["export", "pairings", "--json"]);
    let first_active = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] == "active")
        .unwrap();
    assert!(first_active["health"].is_string() && first_active["learner_name"].is_string());
    assert!(
        first_active["ended"].is_null(),
        "empty cells are null in JSON"
    );
}

#[test]
fn milestones_and_at_risk_exports_match_the_lists() {
    let desk = Desk::demo();
    let milestones = desk.json(&["export", "milestones", "--json"]);
    let listed = desk.json(&["milestone", "list", "--json"]);
    assert_eq!(
        milestones.as_array().unwrap().len(),
        listed.as_array().unwrap().len()
    );
    let m = &milestones[0];
    for key in ["learner", "title", "kind", "due", "status", "evidence"] {
        assert!(m.get(key).is_some(), "{key}");
    }
    let at_risk = desk.json(&["export", "at-risk", "--json"]);
    let attention = desk.json(&["at-risk", "--json"]);
    let ids = |v: &serde_json::Value, key: &str| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r[key].to_string().trim_matches('"').to_string())
            .collect()
    };
    assert_eq!(ids(&at_risk, "pairing"), ids(&attention, "id"));
    assert!(
        !ids(&at_risk, "pairing").is_empty(),
        "the demo has pairings at risk"
    );
    let csv = desk.ok(&["export", "at-risk"]);
    assert!(csv.starts_with("pairing,learner,learner_name,mentor,mentor_name,health,reason"));
}

#[test]
fn learners_export_has_status_and_formula_cells_round_trip() {
    let desk = Desk::empty();
    let file = desk.dir.path().join("risky.csv");
    std::fs::write(
        &file,
        "id,name,goals,needs\n\
         L1,=HYPERLINK(\"http://evil\"),+44 20 7946 0000,@SUM(A1:A9)\n\
         L2,-Minus Sign,'=quoted already,\"\tTabbed\"\n\
         L3,Plain Person,,\n",
    )
    .unwrap();
    desk.ok(&["import", "learners", file.to_str().unwrap()]);
    let exported = desk.dir.path().join("out.csv");
    desk.ok(&["export", "learners", "-o", exported.to_str().unwrap()]);
    let text = std::fs::read_to_string(&exported).unwrap();
    let rows = csv_rows(&text);
    let status = rows[0].iter().position(|h| h == "status").unwrap();
    assert!(rows[1..].iter().all(|r| r[status] == "waiting"), "{text}");
    for row in &rows[1..] {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a spreadsheet would run {cell:?}"
            );
        }
    }
    assert!(text.contains("'=HYPERLINK"), "{text}");
    // Importing the export changes nothing: the round trip is lossless.
    let again = desk.ok(&["import", "learners", exported.to_str().unwrap()]);
    assert!(again.contains("0 new, 0 updated, 3 unchanged"), "{again}");
    let learners = desk.json(&["learners", "--json"]);
    assert_eq!(learners[0]["name"], "=HYPERLINK(\"http://evil\")");
    assert_eq!(learners[1]["goals"], "=quoted already");
}

#[test]
fn an_exported_status_is_checked_on_import() {
    let desk = Desk::empty();
    let file = desk.dir.path().join("bad.csv");
    std::fs::write(&file, "id,name,status\nL1,Ana,asleep\n").unwrap();
    let err = desk.refused(&["import", "learners", file.to_str().unwrap()]);
    assert!(
        err.contains(":2: column status") && err.contains("waiting|matched"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn every_export_is_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let desk = Desk::demo();
    for kind in [
        "learners",
        "mentors",
        "checkins",
        "pairings",
        "milestones",
        "at-risk",
    ] {
        for json in [false, true] {
            let path = desk.dir.path().join(format!("{kind}-{json}.out"));
            let line = format!(
                "umask 022; exec '{}' --db '{}' export {kind} -o '{}'{}",
                env!("CARGO_BIN_EXE_mentordesk"),
                desk.db.display(),
                path.display(),
                if json { " --json" } else { "" }
            );
            let out = Command::new("sh").arg("-c").arg(&line).output().unwrap();
            assert!(
                out.status.success(),
                "{kind}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{kind} json={json}");
        }
    }
}
