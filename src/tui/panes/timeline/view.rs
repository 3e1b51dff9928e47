//! The Timeline pane's view: learners on the left; on the right a header with the learner's
//! metrics and confidence sparkline, and one chronological column of entries.

use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::desk::{ConfidencePoint, TimelineKind};
use crate::tui::panes::timeline::{Column, TimelineState, describe, kind_words};
use crate::tui::theme::Theme;
use crate::tui::widgets::bar::sparkline;
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::filter::filter_note;
use crate::tui::widgets::safe;
use crate::tui::widgets::table::DataTable;

pub struct TimelineView<'a> {
    pub(crate) state: &'a TimelineState,
    pub(crate) theme: &'a Theme,
    pub(crate) zone: Tz,
}

fn days(value: Option<i64>) -> String {
    value.map_or("not yet".into(), |d| format!("{d} d"))
}

/// The confidence trend in one line: check-ins' ratings as bars, the learner's own
/// (self-reported in a reflection) as filling circles in their own style, so the two read
/// apart without colour; narrow, only the latest 16.
fn confidence_line(trend: &[ConfidencePoint], narrow: bool, t: &Theme) -> Line<'static> {
    let Some(last) = trend.last() else {
        return Line::from(Span::styled("confidence: no ratings yet", t.dim));
    };
    let shown = if narrow {
        &trend[trend.len().saturating_sub(16)..]
    } else {
        trend
    };
    let mut spans = vec![Span::styled("confidence ", t.dim)];
    spans.extend(shown.iter().map(|p| {
        if p.self_reported {
            Span::styled(p.glyph().to_string(), t.accent)
        } else {
            Span::styled(sparkline(&[p.value], 5), t.bar)
        }
    }));
    // Narrow, "of 5" gives way so "self-reported" fits.
    spans.push(Span::raw(match (last.self_reported, narrow) {
        (false, _) => format!(" latest {} of 5", last.value),
        (true, true) => format!(" latest {} self-reported", last.value),
        (true, false) => format!(" latest {} of 5 self-reported", last.value),
    }));
    if !narrow {
        let reported = trend.iter().filter(|p| p.self_reported).count();
        let rated = trend.len() - reported;
        spans.push(Span::raw(if reported == 0 {
            format!(" · {rated} check-ins with a rating")
        } else {
            format!(
                " · {rated} check-ins, {} ○",
                crate::domain::text::counted(reported, "reflection", "reflections")
            )
        }));
    }
    Line::from(spans)
}

impl Widget for TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, t) = (self.state, self.theme);
        // Below this the story's details would be cut to a word or two.
        let narrow = area.width < 100;
        let [left, right] = Layout::horizontal([
            Constraint::Length(if narrow { 26 } else { 34 }),
            Constraint::Min(0),
        ])
        .areas(area);
        let window = s.learner_sel.window_in(s.visible.len(), left);
        let rows = s.visible[window.clone()]
            .iter()
            .filter_map(|i| s.learners.get(*i))
            .map(|l| {
                vec![
                    Span::raw(safe(&l.name).into_owned()),
                    Span::raw(l.status.to_string()),
                ]
            })
            .collect();
        let filter = filter_note(&s.filter);
        DataTable {
            title: format!("Learners {}{filter}", s.visible.len()),
            columns: &[
                Col::text("NAME", 10, 9),
                Col::text("STATUS", 6, 1).optional(),
            ],
            rows,
            first: window.start,
            total: s.visible.len(),
            selection: &s.learner_sel,
            theme: t,
            focused: s.focus == Column::Learners,
            empty: "No learner matches.",
            footer: None,
        }
        .render(left, buf);

        let [header, events] =
            Layout::vertical([Constraint::Length(5), Constraint::Min(0)]).areas(right);
        let name = s
            .selected_learner()
            .map(|l| format!("{} ({}) · {}", safe(&l.name), l.id, l.status))
            .unwrap_or_default();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(format!(" {name} "), t.title));
        let inner = block.inner(header);
        block.render(header, buf);
        let Some(timeline) = &s.timeline else {
            // The desk may still be reading the story (it answers off the UI thread).
            let note = if s.asked.is_some() {
                "Reading the story…"
            } else {
                "Pick a learner."
            };
            Paragraph::new(Span::styled(note, t.dim)).render(inner, buf);
            return;
        };
        let m = &timeline.metrics;
        let confidence = confidence_line(&timeline.confidence_trend, narrow, t);
        let to_match = [
            Span::styled("to match ", t.dim),
            Span::raw(days(m.days_to_match)),
            Span::styled(" · to first check-in ", t.dim),
            Span::raw(days(m.days_to_first_checkin)),
        ];
        let to_milestone = [
            Span::styled("to first milestone ", t.dim),
            Span::raw(days(m.days_to_first_milestone)),
        ];
        let milestones = [
            Span::styled(
                if narrow {
                    "milestones achieved "
                } else {
                    "milestones "
                },
                t.dim,
            ),
            Span::raw(if narrow {
                format!("{}/{}", m.milestones_achieved, m.milestones_planned)
            } else {
                format!(
                    "{} achieved / {} planned",
                    m.milestones_achieved, m.milestones_planned
                )
            }),
        ];
        let separator = || Span::styled(" · ", t.dim);
        // Narrow: the time to the first milestone moves down beside the milestone counts.
        let lines = if narrow {
            vec![
                Line::from(to_match.to_vec()),
                Line::from([&to_milestone[..], &[separator()], &milestones[..]].concat()),
                confidence,
            ]
        } else {
            vec![
                Line::from([&to_match[..], &[separator()], &to_milestone[..]].concat()),
                Line::from(milestones.to_vec()),
                confidence,
            ]
        };
        Paragraph::new(lines).render(inner, buf);

        let window = s.event_sel.window_in(timeline.events.len(), events);
        let rows = timeline.events[window.clone()]
            .iter()
            .map(|e| {
                let style = match e.kind {
                    TimelineKind::MilestonePlanned if e.detail["days_overdue"].is_i64() => t.bad,
                    TimelineKind::MilestoneAchieved => t.good,
                    TimelineKind::Ended | TimelineKind::Paused => t.warn,
                    _ => t.base,
                };
                vec![
                    Span::raw(
                        e.at.with_timezone(&self.zone)
                            .format(if narrow { "%d %b %y" } else { "%Y-%m-%d" })
                            .to_string(),
                    ),
                    Span::styled(kind_words(e), style),
                    Span::raw(safe(&describe(s, e)).into_owned()),
                ]
            })
            .collect();
        DataTable {
            title: format!(
                "Story {} entries, oldest first · Enter opens",
                timeline.events.len()
            ),
            columns: &[
                Col::text("WHEN", 9, 8),
                Col::text("WHAT", 10, 7),
                Col::rest("DETAIL", 10, 5),
            ],
            rows,
            first: window.start,
            total: timeline.events.len(),
            selection: &s.event_sel,
            theme: t,
            focused: s.focus == Column::Events,
            empty: "Nothing yet.",
            footer: None,
        }
        .render(events, buf);
    }
}
