//! The Dashboard's drawing: the key figures, the charts and the at-risk list laid out for the
//! window. Wide windows (100 columns and 30 rows or more) get every chart; smaller ones keep
//! the figures, one histogram and the at-risk list whole rather than cutting charts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::charts::{
    ConfidenceChart, Contributions, DaysHistogram, LoadChart, StatusCounts, boxed, days, percent,
};
use super::{Boxes, Focus};
use crate::domain::health::Health;
use crate::domain::metrics::{AtRisk, DEFINITIONS, Distribution, ProgramMetrics};
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::safe;
use crate::tui::widgets::scroll::wrap_text;
use crate::tui::widgets::selection::Selection;
use crate::tui::widgets::table::DataTable;

/// The whole pane, drawn from the metrics and the at-risk list.
pub struct DashboardView<'a> {
    pub metrics: &'a ProgramMetrics,
    pub at_risk: &'a [AtRisk],
    pub selection: &'a Selection,
    pub theme: &'a Theme,
    /// The at-risk list has the keys.
    pub focused: bool,
    /// The boxes that scroll, and which has the keys.
    pub boxes: &'a Boxes,
}

/// Smallest window that gets every chart.
const WIDE: (u16, u16) = (100, 30);

impl Widget for DashboardView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let wide = area.width >= WIDE.0 && area.height >= WIDE.1;
        self.boxes.wide.set(wide);
        if wide {
            self.render_wide(area, buf);
        } else {
            self.render_narrow(area, buf);
        }
    }
}

impl DashboardView<'_> {
    fn render_wide(&self, area: Rect, buf: &mut Buffer) {
        let (m, t) = (self.metrics, self.theme);
        let [top, middle, bottom] = Layout::vertical([
            Constraint::Length(10),
            Constraint::Length(12),
            Constraint::Min(6),
        ])
        .areas(area);
        let [status, figures] =
            Layout::horizontal([Constraint::Length(36), Constraint::Min(40)]).areas(top);
        StatusCounts {
            counts: &m.learners,
            theme: t,
        }
        .render(status, buf);
        Paragraph::new(figure_lines(m, t, false))
            .block(boxed(format!("Program · {}", period_words(m)), t))
            .render(figures, buf);
        let [to_match, to_milestone, confidence] = Layout::horizontal([
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
            Constraint::Ratio(1, 3),
        ])
        .areas(middle);
        histogram("Time to match", &m.time_to_match, t).render(to_match, buf);
        histogram("To first milestone", &m.time_to_first_milestone, t).render(to_milestone, buf);
        ConfidenceChart {
            weeks: &m.confidence_by_week,
            theme: t,
        }
        .render(confidence, buf);
        let [list, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        let [load, given] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
        self.at_risk_table(list, buf);
        LoadChart {
            load: &m.mentor_load,
            theme: t,
            scroll: &self.boxes.load,
            focused: self.boxes.focus == Focus::Load,
        }
        .render(load, buf);
        Contributions {
            metrics: m,
            theme: t,
            scroll: &self.boxes.contributions,
            focused: self.boxes.focus == Focus::Contributions,
        }
        .render(given, buf);
    }

    fn render_narrow(&self, area: Rect, buf: &mut Buffer) {
        let (m, t) = (self.metrics, self.theme);
        let lines = figure_lines(m, t, true);
        let [top, bottom] = Layout::vertical([
            Constraint::Length(lines.len() as u16 + 2),
            Constraint::Min(6),
        ])
        .areas(area);
        Paragraph::new(lines)
            .block(boxed(
                format!(
                    "Program · {} learners · {}",
                    m.learners.total,
                    period_words(m)
                ),
                t,
            ))
            .render(top, buf);
        let [to_match, list] =
            Layout::horizontal([Constraint::Length(40), Constraint::Min(30)]).areas(bottom);
        histogram("Time to match", &m.time_to_match, t).render(to_match, buf);
        self.at_risk_table(list, buf);
    }

    fn at_risk_table(&self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        // The selected row's whole reason under the list: the WHY column is cut to fit.
        // As tall as the reason wraps to (at least two lines), so it is read whole.
        let why_rows = self
            .at_risk
            .get(self.selection.selected)
            .map_or(0, |r| {
                wrap_text(
                    &format!(
                        "{} → {}: {}",
                        safe(&r.learner_name),
                        safe(&r.mentor_name),
                        safe(&r.reason)
                    ),
                    usize::from(area.width.saturating_sub(2)),
                )
                .len()
            })
            .max(2);
        let why_height = u16::try_from(why_rows + 2)
            .unwrap_or(u16::MAX)
            .min(area.height / 2);
        let [area, why] =
            Layout::vertical([Constraint::Min(4), Constraint::Length(why_height)]).areas(area);
        let reason = self
            .at_risk
            .get(self.selection.selected)
            .map_or(String::new(), |r| {
                format!(
                    "{} → {}: {}",
                    safe(&r.learner_name),
                    safe(&r.mentor_name),
                    safe(&r.reason)
                )
            });
        Paragraph::new(reason)
            .block(boxed("Why".into(), t))
            .wrap(Wrap { trim: true })
            .render(why, buf);
        let window = self.selection.window_in(self.at_risk.len(), area);
        // Columns fitted to the names shown and the room there is; the reason takes the
        // rest (its whole text is in the Why box) and goes first when room runs out.
        let rows = self.at_risk[window.clone()]
            .iter()
            .map(|r| {
                let style = match r.health {
                    Health::AtRisk => t.bad,
                    _ => t.warn,
                };
                vec![
                    Span::raw(safe(&r.learner_name).into_owned()),
                    Span::raw(safe(&r.mentor_name).into_owned()),
                    Span::styled(r.health.to_string(), style),
                    Span::raw(format!("{}d", r.days_quiet)),
                    Span::raw(safe(&r.reason).into_owned()),
                ]
            })
            .collect();
        DataTable {
            title: format!("Needs attention {} · Enter opens", self.at_risk.len()),
            columns: &[
                Col::text("LEARNER", 7, 9),
                Col::text("MENTOR", 7, 5).optional(),
                Col::text("HEALTH", 8, 8),
                Col::text("QUIET", 5, 7),
                Col::rest("WHY", 12, 2).optional(),
            ],
            rows,
            first: window.start,
            total: self.at_risk.len(),
            selection: self.selection,
            theme: t,
            focused: self.focused,
            empty: "No pairing needs attention.",
            footer: None,
        }
        .render(area, buf);
    }
}

fn histogram<'a>(title: &'a str, days: &'a Distribution, theme: &'a Theme) -> DaysHistogram<'a> {
    DaysHistogram { title, days, theme }
}

fn period_words(m: &ProgramMetrics) -> String {
    match m.from {
        Some(from) => format!("{} (from {})", m.period, from.format("%Y-%m-%d")),
        None => m.period.clone(),
    }
}

/// `label value`, the label dimmed.
fn pair<'a>(label: &'a str, value: String, t: &Theme) -> [Span<'a>; 2] {
    [Span::styled(label, t.dim), Span::raw(value)]
}

/// The key figures, one line each; `narrow` adds the status counts on one line (the wide
/// layout has a box of its own for them; the narrow one puts the total in its title) and
/// shortens the words.
fn figure_lines<'a>(m: &'a ProgramMetrics, t: &Theme, narrow: bool) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if narrow {
        // The total is in the box's title: with it here the line passed 78 columns.
        let mut spans = Vec::new();
        for (i, s) in m.learners.by_status.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", t.dim));
            }
            spans.push(Span::raw(format!("{} {}", s.status, s.count)));
        }
        lines.push(Line::from(spans));
    }
    let w = &m.waiting;
    lines.push(Line::from(
        [
            pair("waiting now ", w.count.to_string(), t),
            pair(" · median wait ", days(w.median_days), t),
            pair(
                " · longest ",
                w.longest_days
                    .map_or("no data".into(), |d| format!("{d} d")),
                t,
            ),
        ]
        .concat(),
    ));
    for (label, d) in [
        ("to match", &m.time_to_match),
        ("to first check-in", &m.time_to_first_checkin),
        ("to first milestone", &m.time_to_first_milestone),
    ] {
        lines.push(Line::from(
            [
                pair(label, String::new(), t),
                pair(" · median ", days(d.median_days), t),
                pair(" · p75 ", days(d.p75_days), t),
                pair(" · learners ", d.count.to_string(), t),
            ]
            .concat(),
        ));
    }
    let (mc, pc, ad) = (
        &m.milestone_completion,
        &m.project_completion,
        &m.checkin_adherence,
    );
    lines.push(Line::from(
        [
            pair(
                "milestones achieved ",
                format!("{} of {} due ({})", mc.part, mc.whole, percent(mc.rate)),
                t,
            ),
            pair(
                " · projects ",
                format!("{} of {} ({})", pc.part, pc.whole, percent(pc.rate)),
                t,
            ),
        ]
        .concat(),
    ));
    lines.push(Line::from(
        pair(
            "on cadence ",
            format!(
                "{} of {} active pairings ({})",
                ad.part,
                ad.whole,
                percent(ad.rate)
            ),
            t,
        )
        .to_vec(),
    ));
    let c = &m.confidence_change;
    let change = c
        .mean_change
        .map_or("no data".into(), |v| format!("{v:+.1}"));
    lines.push(Line::from(
        pair(
            if narrow {
                "confidence change "
            } else {
                "confidence, first to latest "
            },
            format!(
                "{change} over {} pairings (rose {}, same {}, fell {})",
                c.pairings, c.rose, c.same, c.fell
            ),
            t,
        )
        .to_vec(),
    ));
    if !narrow {
        let ended: Vec<String> = m
            .pairings_ended
            .iter()
            .map(|e| format!("{} {}", safe(&e.reason), e.count))
            .collect();
        let words = if ended.is_empty() {
            "none".to_string()
        } else {
            ended.join(", ")
        };
        lines.push(Line::from(pair("ended: ", words, t).to_vec()));
    }
    lines
}

/// The metric definitions as lines, for the `?` overlay on the Dashboard.
pub fn definition_lines(t: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        "What the Dashboard's figures mean",
        t.title,
    ))];
    for (key, text) in DEFINITIONS {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}", key.replace('_', " ")), t.key),
            Span::raw(": "),
            Span::raw(*text),
        ]));
    }
    lines.push(Line::default());
    lines
}
