//! The Dashboard's charts, each drawn from metric values with its numbers as text: bars carry
//! their counts, the line chart its latest value, so nothing rests on colour (`NO_COLOR`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget,
};

use crate::domain::metrics::{
    Distribution, LearnerCounts, MentorLoad, ProgramMetrics, WeekConfidence,
};
use crate::tui::theme::Theme;
use crate::tui::widgets::scroll::{Scroll, ScrollBox};
use crate::tui::widgets::{clip, safe};

/// A titled box in the dashboard's style.
pub fn boxed<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// Days with one decimal, or "no data".
pub fn days(value: Option<f64>) -> String {
    value.map_or("no data".into(), |d| format!("{d:.1} d"))
}

/// A share as a percentage, or "no data".
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or("no data".into(), |r| format!("{:.1}%", r * 100.0))
}

/// Writes "no data" in the middle of an empty chart's box.
fn no_data(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let y = area.y + area.height / 2;
    Paragraph::new(Line::from(Span::styled("no data", theme.dim)).centered()).render(
        Rect {
            y,
            height: 1,
            ..area
        },
        buf,
    );
}

/// Learners by status: one line each with the count and a bar.
pub struct StatusCounts<'a> {
    pub counts: &'a LearnerCounts,
    pub theme: &'a Theme,
}

impl Widget for StatusCounts<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let block = boxed(format!("Learners {}", self.counts.total), t);
        let inner = block.inner(area);
        block.render(area, buf);
        let most = self
            .counts
            .by_status
            .iter()
            .map(|s| s.count)
            .max()
            .unwrap_or(0)
            .max(1);
        let room = usize::from(inner.width).saturating_sub(17);
        let lines: Vec<Line> = self
            .counts
            .by_status
            .iter()
            .map(|s| {
                let filled = (s.count as usize * room).div_ceil(most as usize).min(room);
                Line::from(vec![
                    Span::styled(format!("{:<10}", s.status.as_str()), t.dim),
                    Span::raw(format!("{:>5} ", s.count)),
                    Span::styled(
                        "█".repeat(if s.count > 0 { filled.max(1) } else { 0 }),
                        t.bar,
                    ),
                ])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// A histogram of whole days over the fixed buckets, each bar with its count.
pub struct DaysHistogram<'a> {
    pub title: &'a str,
    pub days: &'a Distribution,
    pub theme: &'a Theme,
}

impl Widget for DaysHistogram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let d = self.days;
        let block = boxed(format!("{} · {} learners", self.title, d.count), t);
        let inner = block.inner(area);
        block.render(area, buf);
        if d.count == 0 {
            no_data(inner, buf, t);
            return;
        }
        let summary = Line::from(vec![
            Span::styled("median ", t.dim),
            Span::raw(days(d.median_days)),
            Span::styled(" · p75 ", t.dim),
            Span::raw(days(d.p75_days)),
        ]);
        let [top, chart] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(2)]).areas(inner);
        Paragraph::new(summary).render(top, buf);
        let inner_width = inner.width;
        let slots = d.buckets.len().max(1) as u16;
        let bar_width = (inner_width.saturating_sub(slots - 1) / slots).clamp(3, 9);
        let bars: Vec<Bar> = d
            .buckets
            .iter()
            .map(|b| {
                Bar::default()
                    .value(b.count)
                    .label(Line::from(b.label))
                    .text_value(b.count.to_string())
            })
            .collect();
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1)
            .bar_style(t.bar)
            .value_style(t.selected)
            .label_style(t.dim)
            .render(chart, buf);
    }
}

/// Mean confidence by week as a line on a 1–5 scale; the title carries the latest value.
pub struct ConfidenceChart<'a> {
    pub weeks: &'a [WeekConfidence],
    pub theme: &'a Theme,
}

impl Widget for ConfidenceChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let latest = self.weeks.last();
        let title = match latest {
            Some(w) => {
                let long = format!(
                    "Confidence by week · latest {:.1} of 5 ({} ratings, week of {})",
                    w.mean,
                    w.ratings,
                    w.week.format("%d %b")
                );
                // The title keeps its whole words: the short form when the long one would be cut.
                if long.chars().count() + 4 <= usize::from(area.width) {
                    long
                } else {
                    format!("Confidence by week · latest {:.1} of 5", w.mean)
                }
            }
            None => "Confidence by week".to_string(),
        };
        let block = boxed(title, t);
        if self.weeks.is_empty() {
            let inner = block.inner(area);
            block.render(area, buf);
            no_data(inner, buf, t);
            return;
        }
        let points: Vec<(f64, f64)> = self
            .weeks
            .iter()
            .enumerate()
            .map(|(i, w)| (i as f64, w.mean))
            .collect();
        let last = (self.weeks.len().saturating_sub(1)) as f64;
        let first_label = self
            .weeks
            .first()
            .map(|w| w.week.format("%d %b").to_string());
        let last_label = latest.map(|w| w.week.format("%d %b").to_string());
        let x_labels: Vec<Line> = [first_label, last_label]
            .into_iter()
            .flatten()
            .map(Line::from)
            .collect();
        let dataset = Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.bar)
            .data(&points);
        Chart::new(vec![dataset])
            .block(block)
            .x_axis(
                Axis::default()
                    .bounds([0.0, last.max(1.0)])
                    .labels(x_labels)
                    .style(t.dim),
            )
            .y_axis(
                Axis::default()
                    .bounds([1.0, 5.0])
                    .labels(vec![Line::from("1"), Line::from("3"), Line::from("5")])
                    .style(t.dim),
            )
            .render(area, buf);
    }
}

/// Mentor load, fullest first: one row per mentor, `seats/capacity` as text; the box
/// scrolls when they do not all fit.
pub struct LoadChart<'a> {
    pub load: &'a MentorLoad,
    pub theme: &'a Theme,
    pub scroll: &'a Scroll,
    pub focused: bool,
}

impl Widget for LoadChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let l = self.load;
        let title = format!(
            "Mentor load, fullest first · {} of {} seats ({}) · {} full",
            l.seats_in_use,
            l.capacity,
            percent(l.utilisation),
            l.full
        );
        // The title says it all only in a wide box; a narrow one keeps the essentials.
        let short = format!(
            "Mentor load · {} of {} seats ({}) · {} full",
            l.seats_in_use,
            l.capacity,
            percent(l.utilisation),
            l.full
        );
        let fits = |text: &String| text.chars().count() + 4 <= usize::from(area.width);
        let title = if fits(&title) {
            title
        } else if fits(&short) {
            short
        } else {
            format!("Mentor load · {} full", l.full)
        };
        if l.mentors.is_empty() {
            let block = boxed(title, t);
            let inner = block.inner(area);
            block.render(area, buf);
            no_data(inner, buf, t);
            return;
        }
        let width = usize::from(area.width.saturating_sub(2));
        let name_w = (width / 3).clamp(8, 22);
        let room = width.saturating_sub(name_w + 9);
        let lines: Vec<Line> = l
            .mentors
            .iter()
            .map(|m| {
                let cap = m.capacity.max(1) as usize;
                let filled = (m.seats as usize * room / cap).min(room);
                let name = clip(&safe(&m.name), name_w);
                Line::from(vec![
                    Span::raw(format!("{name:<name_w$} ")),
                    Span::raw(format!("{:>2}/{:<2} ", m.seats, m.capacity)),
                    Span::styled("█".repeat(filled), t.bar),
                    Span::styled("░".repeat(room - filled), t.dim),
                ])
            })
            .collect();
        ScrollBox::new(title, lines, self.scroll, t)
            .focused(self.focused)
            .render(area, buf);
    }
}

/// Mentors' contributions in the period, most sessions first (the coordinator's own view);
/// the box scrolls when they do not all fit.
pub struct Contributions<'a> {
    pub metrics: &'a ProgramMetrics,
    pub theme: &'a Theme,
    pub scroll: &'a Scroll,
    pub focused: bool,
}

impl Widget for Contributions<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let all = &self.metrics.contributions;
        let sessions: u64 = all.iter().map(|c| c.sessions).sum();
        let title = format!(
            "Contributions · {} mentors · {sessions} sessions",
            all.len()
        );
        if all.is_empty() {
            let block = boxed(title, t);
            let inner = block.inner(area);
            block.render(area, buf);
            no_data(inner, buf, t);
            return;
        }
        let mut order: Vec<_> = all.iter().collect();
        order.sort_by(|a, b| {
            b.sessions
                .cmp(&a.sessions)
                .then_with(|| a.mentor.cmp(&b.mentor))
        });
        let width = usize::from(area.width.saturating_sub(2));
        let name_w = width.saturating_sub(42).clamp(6, 24);
        let mut lines = vec![Line::from(Span::styled(
            format!(
                "{:<name_w$} {:>8} {:>7} {:>10} {:>8}",
                "MENTOR", "SESSIONS", "MINUTES", "MILESTONES", "ENDORSED"
            ),
            t.dim,
        ))];
        lines.extend(order.iter().map(|c| {
            let name = clip(&safe(&c.name), name_w);
            Line::from(format!(
                "{name:<name_w$} {:>8} {:>7} {:>10} {:>8}",
                c.sessions, c.minutes, c.milestones_achieved, c.endorsements
            ))
        }));
        ScrollBox::new(title, lines, self.scroll, t)
            .focused(self.focused)
            .render(area, buf);
    }
}
