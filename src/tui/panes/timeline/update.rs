//! Timeline flows: moving through learners (the story follows the cursor) and opening one
//! entry; a check-in opens with its full notes.

use crate::desk::TimelineKind;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::panes::timeline::{Column, describe, kind_words};

/// Handles an action on the Timeline pane.
pub fn update_timeline(app: &mut App, action: Action) {
    if action == Action::Open && app.timeline.focus == Column::Events {
        open_entry(app);
        return;
    }
    app.timeline.update(action);
    if let Err(e) = app.timeline.refresh(&mut app.desk) {
        app.fail(format!("Could not read the time line: {e}"));
    }
}

fn open_entry(app: &mut App) {
    let Some(event) = app.timeline.selected_event().cloned() else {
        app.fail("Nothing to open");
        return;
    };
    let zone = app.desk.default_zone().unwrap_or(chrono_tz::UTC);
    let mut lines = vec![
        format!("# {}", kind_words(&event)),
        format!(
            "{} ({})",
            event.at.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
            zone.name()
        ),
        describe(&app.timeline, &event),
        String::new(),
    ];
    if event.kind == TimelineKind::Checkin {
        let id = event.detail["id"].as_str().unwrap_or_default().to_string();
        let learner = app.timeline.timeline.as_ref().map(|t| t.learner.clone());
        let full = learner
            .and_then(|l| app.desk.checkin_rows(Some(&l), false).ok())
            .and_then(|rows| rows.into_iter().find(|r| r.checkin.id.to_string() == id));
        if let Some(row) = full {
            let c = row.checkin;
            lines.push("# Notes".into());
            lines.extend(c.notes.lines().map(str::to_string));
            if let Some(next) = c.next_steps {
                lines.push(String::new());
                lines.push("# Next steps".into());
                lines.extend(next.lines().map(str::to_string));
            }
            lines.push(String::new());
        }
    }
    lines.push("# Facts".into());
    if let Some(map) = event.detail.as_object() {
        for (key, value) in map {
            let shown = match value {
                serde_json::Value::String(text) => text.clone(),
                serde_json::Value::Null => "unknown".into(),
                other => other.to_string(),
            };
            lines.push(format!("{key}: {shown}"));
        }
    }
    app.overlay = Some(Overlay::Detail {
        title: "Time-line entry".into(),
        lines,
        scroll: 0,
    });
}
