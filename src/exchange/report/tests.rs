//! Reports of the sample program (`domain::metrics::sample`): what each mode may show, and
//! the HTML page's shape.

use chrono::TimeZone;

use super::*;
use crate::domain::metrics::{DEFINITIONS, Period, sample};

fn insight(s: &sample::Sample) -> Insight {
    Insight {
        metrics: s.metrics(Period::All),
        at_risk: s.at_risk(),
        mentors: s.mentors.clone(),
        zone: chrono_tz::UTC,
        concerns: vec![
            crate::desk::ConcernCount {
                kind: crate::domain::ConcernKind::Safety,
                open: 1,
                resolved: 6,
            },
            crate::desk::ConcernCount {
                kind: crate::domain::ConcernKind::NoShow,
                open: 7,
                resolved: 0,
            },
        ],
    }
}

fn written() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 31, 12, 0, 0).unwrap()
}

fn report(mode: Mode, format: Format) -> String {
    render(&insight(&sample::program()), mode, format, written())
}

/// Parses `page` as strict XML: every element closed in order, only the five XML entities.
pub(crate) fn assert_well_formed(page: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(page);
    let mut open: Vec<String> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => open.push(e.name().0.to_string()),
            Ok(Event::End(e)) => {
                let name = e.name().0.to_string();
                assert_eq!(open.pop().as_deref(), Some(name.as_str()), "closing {name}");
            }
            Ok(Event::GeneralRef(r)) => {
                let name: &str = r.as_ref();
                assert!(
                    ["amp", "lt", "gt", "quot", "#39"].contains(&name),
                    "entity &{name};"
                );
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well formed at {}: {e}", reader.error_position()),
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
}

const CHARTS: [&str; 6] = [
    "chart-learners",
    "chart-time-to-match",
    "chart-time-to-first-checkin",
    "chart-time-to-first-milestone",
    "chart-confidence",
    "chart-mentor-load",
];

#[test]
fn html_is_one_well_formed_page_with_every_chart_and_nothing_external() {
    for mode in [Mode::Named, Mode::Anonymized] {
        let page = report(mode, Format::Html);
        assert_well_formed(&page);
        let lower = page.to_lowercase();
        for banned in [
            "http",
            "<script",
            "<link",
            "@import",
            "url(",
            "@font-face",
            "src=",
        ] {
            assert!(!lower.contains(banned), "{mode:?} holds {banned}");
        }
        for chart in CHARTS {
            assert!(page.contains(&format!("<figure id=\"{chart}\"")), "{chart}");
        }
        assert!(page.contains("@media print"));
    }
}

#[test]
fn a_named_report_names_only_mentors_who_agreed_and_never_a_learner() {
    for format in [Format::Text, Format::Json, Format::Html] {
        let text = report(Mode::Named, format);
        // Sam Lee agreed and contributed; Rosa Diaz contributed without agreeing; Ivy Chen
        // agreed but gave nothing in the period.
        assert!(text.contains("Sam Lee"), "{format:?}");
        for hidden in [
            "Rosa Diaz",
            "Ivy Chen",
            "Omar Haddad",
            "Ana Ruiz",
            "Ben Okafor",
        ] {
            assert!(!text.contains(hidden), "{format:?} names {hidden}");
        }
        assert!(!text.contains("private notes"));
    }
    let json: serde_json::Value = serde_json::from_str(&report(Mode::Named, Format::Json)).unwrap();
    let c = &json["metrics"]["contributions"];
    assert_eq!(c["named"][0]["name"], "Sam Lee");
    assert_eq!(c["named"][0]["sessions"], 3);
    assert_eq!(c["not_named"], 1);
    assert_eq!(c["sessions"], 6);
    assert_eq!(json["mode"], "named");
    assert_eq!(json["metrics"]["time_to_match"]["median_days"], 15.0);
    assert_eq!(json["metrics"]["waiting"]["median_days"], 21.5);
    for (key, text) in DEFINITIONS {
        assert_eq!(json["definitions"][key], *text);
        assert!(
            !json["metrics"][key].is_null(),
            "{key} missing from the report"
        );
    }
}

/// Integer tokens in `text` that stand alone: not part of a decimal, a date or a word.
fn bare_integers(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(i).copied();
            let joined = |c: Option<char>| {
                c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '<' | '_'))
            };
            if !joined(before) && !joined(after) {
                let digits: String = chars[start..i].iter().collect();
                found.push(digits.parse().unwrap_or(u64::MAX));
            }
        } else {
            i += 1;
        }
    }
    found
}

/// The visible text of an HTML page: tags and the style sheet removed.
fn visible(page: &str) -> String {
    let body = page.split("</style>").nth(1).unwrap_or(page);
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

fn json_integers_below_5(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Number(n) if n.as_u64().is_some_and(|n| n < 5) => {
            found.push(format!("{path} = {n}"));
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                json_integers_below_5(item, &format!("{path}[{i}]"), found);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                json_integers_below_5(v, &format!("{path}.{k}"), found);
            }
        }
        _ => {}
    }
}

/// Checks one anonymised report of any format: nothing in `personal` and no count below 5.
pub(crate) fn assert_anonymous(format: Format, text: &str, personal: &[String]) {
    for p in personal {
        assert!(!text.contains(p.as_str()), "{format:?} holds {p:?}");
    }
    match format {
        Format::Json => {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(value["mode"], "anonymized");
            assert!(value["metrics"]["contributions"].get("named").is_none());
            let mut found = Vec::new();
            json_integers_below_5(&value, "", &mut found);
            assert!(found.is_empty(), "counts below 5: {found:?}");
        }
        Format::Text | Format::Html => {
            let shown = if format == Format::Html {
                visible(text)
            } else {
                text.to_string()
            };
            assert!(shown.contains("Anonymised report"), "{format:?} header");
            let small: Vec<u64> = bare_integers(&shown)
                .into_iter()
                .filter(|n| *n < 5)
                .collect();
            assert!(
                small.is_empty(),
                "{format:?} shows counts {small:?}:\n{shown}"
            );
        }
    }
}

#[test]
fn the_token_check_sees_small_counts_and_ignores_dates_and_decimals() {
    assert_eq!(
        bare_integers("waiting 3, median 4.5 days, 2026-03-09, <5, 12"),
        vec![3, 12]
    );
}

#[test]
fn an_anonymised_report_holds_aggregates_only() {
    let s = sample::program();
    let mut personal: Vec<String> = Vec::new();
    for l in &s.learners {
        personal.extend([l.name.clone(), l.email.clone().unwrap_or_default()]);
    }
    for m in &s.mentors {
        personal.extend([m.name.clone(), m.email.clone().unwrap_or_default()]);
    }
    personal.push("private notes".into());
    for format in [Format::Text, Format::Json, Format::Html] {
        let text = render(&insight(&s), Mode::Anonymized, format, written());
        assert_anonymous(format, &text, &personal);
        // Ids are short here ("L1", "M2"); as whole words they must not appear.
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            assert!(
                !(word.len() == 2
                    && (word.starts_with('L') || word.starts_with('M'))
                    && word[1..].parse::<u8>().is_ok()),
                "{format:?} holds the id {word}"
            );
        }
    }
    let json: serde_json::Value = serde_json::from_str(&render(
        &insight(&s),
        Mode::Anonymized,
        Format::Json,
        written(),
    ))
    .unwrap();
    assert_eq!(json["metrics"]["learners"]["total"], 5);
    assert_eq!(json["metrics"]["learners"]["by_status"]["waiting"], "<5");
    assert_eq!(json["metrics"]["time_to_match"]["median_days"], "withheld");
}

#[test]
fn a_coordinators_own_end_reason_becomes_other_reason_when_anonymised() {
    let mut s = sample::program();
    s.pairings[2].end_reason = Some("moved to Lisbon with Maria".into());
    let named = render(&insight(&s), Mode::Named, Format::Text, written());
    assert!(named.contains("moved to Lisbon with Maria"));
    let anonymous = render(&insight(&s), Mode::Anonymized, Format::Text, written());
    assert!(!anonymous.contains("Lisbon") && anonymous.contains("other reason"));
}

#[test]
fn concerns_are_counted_by_kind_and_small_counts_hidden_when_anonymised() {
    let s = sample::program();
    let named = render(&insight(&s), Mode::Named, Format::Text, written());
    assert!(named.contains("safety concerns"), "{named}");
    assert!(named.contains("1 open, 6 resolved"), "{named}");
    let anonymous = render(&insight(&s), Mode::Anonymized, Format::Text, written());
    assert!(anonymous.contains("<5 open, 6 resolved"), "{anonymous}");
    let json: serde_json::Value = serde_json::from_str(&render(
        &insight(&s),
        Mode::Anonymized,
        Format::Json,
        written(),
    ))
    .unwrap();
    assert_eq!(json["concerns"][1]["kind"], "no-show");
    assert_eq!(json["concerns"][1]["open"], 7);
    assert_eq!(json["concerns"][0]["open"], "<5");
    let html = render(&insight(&s), Mode::Named, Format::Html, written());
    assert!(html.contains("<h3>Concerns, by kind</h3>"));
}

#[test]
fn an_empty_program_reports_no_data_not_zero_or_nan() {
    let empty = insight(&sample::empty());
    for format in [Format::Text, Format::Json, Format::Html] {
        let text = render(&empty, Mode::Named, format, written());
        assert!(!text.contains("NaN") && !text.contains("inf"), "{format:?}");
        if format != Format::Json {
            assert!(text.contains("no data"), "{format:?}");
        }
    }
    assert_well_formed(&render(&empty, Mode::Named, Format::Html, written()));
}
