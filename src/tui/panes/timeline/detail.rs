//! A time-line entry on one screen: what and when, its line, a check-in's full notes and
//! next steps, and what the entry records, in words. The desk reads the data
//! ([`EntryDetail`]); [`entry_lines`] formats it.

use chrono_tz::Tz;
use ratatui::text::{Line, Span};

use crate::desk::{TimelineEvent, TimelineKind};
use crate::domain::CheckIn;
use crate::domain::when::local_minute;
use crate::matching::score_text;
use crate::tui::theme::Theme;
use crate::tui::widgets::safe;

#[derive(Debug, Clone)]
pub struct EntryDetail {
    pub(crate) event: TimelineEvent,
    /// The entry's kind in words (`● check-in`).
    pub(crate) heading: String,
    /// Its line in the story (mentors by name).
    pub(crate) line: String,
    /// A check-in entry's check-in, read whole.
    pub(crate) checkin: Option<CheckIn>,
    /// The desk's zone when it was read.
    pub(crate) zone: Tz,
}

pub const TITLE: &str = "Time-line entry";

/// The screen's lines: headings in the title style, the rest plain (database text made safe).
pub(crate) fn entry_lines(d: &EntryDetail, t: &Theme) -> Vec<Line<'static>> {
    let heading = |text: &str| Line::from(Span::styled(safe(text).into_owned(), t.title));
    let plain = |text: &str| Line::from(safe(text).into_owned());
    let mut lines = vec![
        heading(&d.heading),
        plain(&format!(
            "{} ({})",
            local_minute(d.event.at, d.zone),
            d.zone.name()
        )),
        plain(&d.line),
        Line::default(),
    ];
    if let Some(c) = &d.checkin {
        lines.push(heading("Notes"));
        lines.extend(c.notes.lines().map(plain));
        if let Some(next) = &c.next_steps {
            lines.push(Line::default());
            lines.push(heading("Next steps"));
            lines.extend(next.lines().map(plain));
        }
        lines.push(Line::default());
    }
    if d.event.kind == TimelineKind::Reflection {
        lines.push(heading("In their own words"));
        lines.extend(
            d.event.detail["text"]
                .as_str()
                .unwrap_or_default()
                .lines()
                .map(plain),
        );
        lines.push(Line::default());
    }
    let facts = facts(&d.event);
    if !facts.is_empty() {
        lines.push(heading("Details"));
        lines.extend(facts.iter().map(|f| plain(f)));
    }
    lines
}

/// What the entry records besides its line, in words: who, which pairing or milestone,
/// how it went. Ids a person may type elsewhere are kept short and named.
pub(crate) fn facts(event: &TimelineEvent) -> Vec<String> {
    let d = &event.detail;
    let text = |key: &str| d[key].as_str().map(str::to_string);
    let mentor = || match (text("mentor_name"), text("mentor")) {
        (Some(name), Some(id)) => format!("{name} ({id})"),
        (None, Some(id)) => id,
        (name, None) => name.unwrap_or_else(|| "unknown".into()),
    };
    let pairing = || {
        d["pairing"]
            .as_i64()
            .map_or_else(String::new, |p| format!("Pairing {p} with {}", mentor()))
    };
    let reason = || text("reason").map(|r| format!("Reason: {r}"));
    let milestone = || {
        let id = d["id"]
            .as_i64()
            .map_or_else(String::new, |id| format!(" {id}"));
        format!("Milestone{id}: {}", text("title").unwrap_or_default())
    };
    let mut facts: Vec<Option<String>> = Vec::new();
    match event.kind {
        TimelineKind::Joined => facts.push(text("name").map(|n| format!("{n} joined the program"))),
        TimelineKind::Matched => {
            facts.push(Some(pairing()));
            facts.push(
                d["score"]
                    .as_f64()
                    .map(|s| format!("Score {}", score_text(s))),
            );
            facts.push(text("approved_by").map(|by| format!("Approved by {by}")));
        }
        TimelineKind::Checkin => {
            facts.push(Some(pairing()));
            let mode = text("mode").map_or_else(String::new, |m| format!(" by {m}"));
            facts.push(d["minutes"].as_u64().map(|m| format!("{m} minutes{mode}")));
            facts.push(Some(d["confidence"].as_u64().map_or_else(
                || "Learner's confidence not recorded".to_string(),
                |c| format!("Learner's confidence {c} of 5"),
            )));
            if d["before_this_desk"].as_bool() == Some(true) {
                facts.push(Some(
                    "Logged on the coordinator's desk before this desk was made (from your pack)"
                        .into(),
                ));
                facts.push(text("next_steps").map(|n| format!("Next steps: {n}")));
            }
            if d["edited"].as_bool() == Some(true) {
                facts.push(Some(
                    "Corrected: this version replaced an earlier one".into(),
                ));
            }
            facts.push(text("id").map(|id| {
                let short: String = id.chars().take(8).collect();
                format!("Check-in id {short}…")
            }));
        }
        TimelineKind::Reflection => {
            facts.push(Some("The learner's own words".into()));
            facts.push(text("author").map(|a| {
                match (a.strip_prefix("mentor:"), text("author_name")) {
                    (Some(id), Some(name)) => {
                        format!("Written down by {name} ({id}), their mentor")
                    }
                    (Some(id), None) => format!("Written down by mentor {id}"),
                    (None, _) => format!("Written down by the {a}"),
                }
            }));
            facts.push(Some(d["confidence"].as_u64().map_or_else(
                || "No confidence given".to_string(),
                |c| format!("Confidence {c} of 5, self-reported"),
            )));
            facts.push(text("actor").map(|by| format!("Typed at the desk by {by}")));
        }
        TimelineKind::Note => {
            facts.push(
                d["pairing"]
                    .as_i64()
                    .map(|p| format!("A coordinator's note on pairing {p}")),
            );
            facts.push(text("actor").map(|by| format!("Written by {by}")));
            facts.push(text("text"));
        }
        TimelineKind::ConcernRaised => {
            facts.push(d["concern"].as_i64().map(|id| {
                format!(
                    "Concern #{id} on pairing {}",
                    d["pairing"].as_i64().unwrap_or_default()
                )
            }));
            facts.push(
                text("severity")
                    .zip(text("kind"))
                    .map(|(s, k)| format!("Kind: {k}, severity {s}")),
            );
            facts.push(text("author").map(|by| format!("Raised by {by}")));
            facts.push(Some(if d["open"].as_bool() == Some(true) {
                "Open: waiting for the coordinator".into()
            } else {
                "Resolved since".into()
            }));
            facts.push(text("note"));
        }
        TimelineKind::ConcernResolved => {
            facts.push(d["concern"].as_i64().map(|id| {
                format!(
                    "Concern #{id} on pairing {}",
                    d["pairing"].as_i64().unwrap_or_default()
                )
            }));
            facts.push(text("by").map(|by| format!("Resolved by {by}")));
            facts.push(text("resolution").map(|r| format!("What was done: {r}")));
        }
        TimelineKind::MilestonePlanned => {
            facts.push(Some(milestone()));
            facts.push(text("kind").map(|k| format!("Kind: {k}")));
            facts.push(Some(
                text("due").map_or_else(|| "No due date".into(), |due| format!("Due {due}")),
            ));
            facts.push(text("status").map(|s| format!("Now {s}")));
            facts.push(
                d["days_overdue"]
                    .as_i64()
                    .map(|n| format!("Overdue by {}", days(n))),
            );
            if !d["from_checkin"].is_null() {
                facts.push(Some("Planned during a check-in".into()));
            }
        }
        TimelineKind::MilestoneAchieved => {
            facts.push(Some(milestone()));
            facts.push(text("evidence").map(|e| format!("Evidence: {e}")));
            facts.push(text("endorsed_by").map(|m| format!("Endorsed by {m}")));
        }
        TimelineKind::MilestoneDropped => {
            facts.push(Some(milestone()));
            facts.push(reason());
            if text("when").as_deref() == Some("unknown") {
                facts.push(Some(
                    "When it was dropped was not recorded; shown when it was planned".into(),
                ));
            }
        }
        TimelineKind::Paused | TimelineKind::Resumed => {
            facts.push(Some(pairing()));
            facts.push(reason());
        }
        TimelineKind::Ended => {
            facts.push(Some(pairing()));
            facts.push(text("status").map(|s| format!("Ended as {s}")));
            facts.push(reason());
        }
    }
    facts
        .into_iter()
        .flatten()
        .filter(|f| !f.is_empty())
        .collect()
}

/// `n` days, `1 day`.
fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}
