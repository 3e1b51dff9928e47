//! `metrics` and `report` through the real binary, on the demo program: the figures are
//! there with their definitions, bad periods are refused, report files are private, an
//! anonymised report holds nothing personal, and the HTML page renders in a real browser
//! when one is installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::Desk;
use serde_json::Value;

#[test]
fn metrics_json_has_every_metric_with_its_definition() {
    let desk = Desk::demo();
    let m = desk.json(&["metrics", "--period", "all", "--json"]);
    assert_eq!(m["period"], "all time");
    let total = m["learners"]["total"].as_u64().unwrap();
    let by_status: u64 = m["learners"]["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, by_status);
    assert!(m["time_to_match"]["count"].as_u64().unwrap() > 0);
    assert!(m["time_to_match"]["median_days"].is_f64());
    for key in [
        "learners",
        "waiting",
        "time_to_match",
        "time_to_first_checkin",
        "time_to_first_milestone",
        "milestone_completion",
        "project_completion",
        "checkin_adherence",
        "confidence_by_week",
        "confidence_change",
        "pairings_ended",
        "mentor_load",
        "contributions",
    ] {
        assert!(!m[key].is_null(), "{key}");
        assert!(m["definitions"][key].is_string(), "{key} has no definition");
    }
    let at_risk = desk.json(&["at-risk", "--json"]);
    assert_eq!(m["at_risk"], at_risk.as_array().unwrap().len());
    let text = desk.ok(&["metrics", "--since", &cli_support::day(-30)]);
    assert!(
        text.contains("Time to match") && text.contains("median"),
        "{text}"
    );
}

#[test]
fn an_empty_desk_says_no_data() {
    let desk = Desk::empty();
    let m = desk.json(&["metrics", "--json"]);
    assert!(m["waiting"]["median_days"].is_null());
    assert!(m["checkin_adherence"]["rate"].is_null());
    let text = desk.ok(&["metrics"]);
    assert!(text.contains("no data") && !text.contains("NaN"), "{text}");
}

#[test]
fn bad_periods_are_refused_with_the_option_named() {
    let desk = Desk::empty();
    desk.refuses_each(
        &["metrics"],
        &[
            (vec!["--period", "7"], "30|90|365|all"),
            (vec!["--since", "yesterday"], "--since"),
            (vec!["--since", &cli_support::day(3)], "after today"),
        ],
    );
    let out = desk.run(&["metrics", "--since", "2026-01-01", "--period", "30"]);
    assert_eq!(out.status.code(), Some(2), "both at once is a usage error");
    desk.refuses_each(&["report"], &[(vec!["--period", "week"], "--period")]);
}

/// Runs the binary under umask 022, as a person's shell usually is.
fn run_with_umask(desk: &Desk, args: &[&str]) {
    let mut line = format!(
        "umask 022; exec '{}' --db '{}'",
        env!("CARGO_BIN_EXE_mentordesk"),
        desk.db.display()
    );
    for arg in args {
        line.push_str(&format!(" '{arg}'"));
    }
    let out = Command::new("sh").arg("-c").arg(&line).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn report_files_are_private_whatever_the_umask() {
    let desk = Desk::demo();
    for (format, name) in [("text", "r.txt"), ("json", "r.json"), ("html", "r.html")] {
        let path = desk.dir.path().join(name);
        run_with_umask(
            &desk,
            &["report", "--format", format, "-o", path.to_str().unwrap()],
        );
        assert_eq!(mode_of(&path), 0o600, "{name}");
        assert!(std::fs::metadata(&path).unwrap().len() > 500);
    }
}

/// Every name, id and e-mail of the desk's people.
fn personal(desk: &Desk) -> Vec<String> {
    let mut out = Vec::new();
    for kind in ["learners", "mentors"] {
        for p in desk.json(&[kind, "--json"]).as_array().unwrap() {
            for field in ["id", "name", "email"] {
                if let Some(text) = p[field].as_str() {
                    out.push(text.to_string());
                }
            }
        }
    }
    out
}

/// Integer tokens that stand alone: not part of a decimal, a date, a time or a word.
fn bare_integers(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().collect();
    let joined = |c: Option<&char>| {
        c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '<' | '_'))
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).and_then(|b| chars.get(b));
        if !joined(before) && !joined(chars.get(i)) {
            let digits: String = chars[start..i].iter().collect();
            found.push(digits.parse().unwrap());
        }
    }
    found
}

fn integers_below_5(value: &Value, found: &mut Vec<u64>) {
    match value {
        Value::Number(n) => found.extend(n.as_u64().filter(|n| *n < 5)),
        Value::Array(items) => items.iter().for_each(|v| integers_below_5(v, found)),
        Value::Object(map) => map.values().for_each(|v| integers_below_5(v, found)),
        _ => {}
    }
}

/// The text a reader sees on an HTML page: the style sheet and every tag removed.
fn visible(page: &str) -> String {
    let body = page.split("</style>").nth(1).unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn an_anonymised_report_of_the_demo_holds_nothing_personal_and_no_small_count() {
    let desk = Desk::demo();
    let personal = personal(&desk);
    assert!(personal.len() > 300, "the demo has people");
    let named = desk.ok(&["report", "--format", "json", "--period", "all"]);
    assert!(
        personal.iter().any(|p| named.contains(p.as_str())),
        "the named report names a mentor who agreed (so the check below can fail)"
    );
    for format in ["text", "json", "html"] {
        let text = desk.ok(&[
            "report",
            "--format",
            format,
            "--period",
            "all",
            "--anonymized",
        ]);
        for p in &personal {
            assert!(!text.contains(p.as_str()), "{format} holds {p:?}");
        }
        let small: Vec<u64> = match format {
            "json" => {
                let value: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(value["mode"], "anonymized");
                let mut found = Vec::new();
                integers_below_5(&value, &mut found);
                found
            }
            "html" => bare_integers(&visible(&text)),
            _ => bare_integers(&text),
        }
        .into_iter()
        .filter(|n| *n < 5)
        .collect();
        assert!(small.is_empty(), "{format} shows counts below 5: {small:?}");
        let shown = if format == "html" {
            visible(&text)
        } else {
            text.clone()
        };
        assert!(
            shown.contains("<5"),
            "{format}: the demo has small counts to hide"
        );
    }
}

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|name| name.to_string())
}

#[test]
fn the_html_report_renders_in_a_headless_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let desk = Desk::demo();
    let page = desk.dir.path().join("report.html");
    let shot = desk.dir.path().join("report.png");
    let profile = tempfile::tempdir().unwrap();
    desk.ok(&["report", "--format", "html", "-o", page.to_str().unwrap()]);
    let out = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,2000")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if let Ok(keep) = std::env::var("MENTORDESK_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1200, 2000));
    let channels = info.color_type.samples();
    let inked = pixels[..info.buffer_size()]
        .chunks(channels)
        .filter(|px| px.iter().take(3).any(|v| *v < 200))
        .count();
    let share = inked as f64 / f64::from(info.width * info.height);
    assert!(
        share > 0.02,
        "the page looks blank: {:.2}% inked",
        share * 100.0
    );
}
