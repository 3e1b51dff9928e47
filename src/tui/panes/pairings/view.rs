//! The Pairings pane's view: proposals on top, pairings under way below with health in words
//! and symbols (never colour alone), and the strategy comparison popup.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::domain::Health;
use crate::matching::score_text;
use crate::tui::panes::pairings::{Best, PairingsState, Section, UnderWayRow};
use crate::tui::runtime::jobs::StrategyResult;
use crate::tui::theme::Theme;
use crate::tui::widgets::bar::{score_bar, sparkline};
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::filter::filter_note;
use crate::tui::widgets::safe;
use crate::tui::widgets::table::DataTable;

pub struct PairingsView<'a> {
    pub(crate) state: &'a PairingsState,
    pub(crate) theme: &'a Theme,
    /// The desk's zone: days are shown in it.
    pub(crate) zone: chrono_tz::Tz,
}

/// A short day (`14 Aug`) in `zone`: the columns are about recent weeks, so the year is left
/// out.
fn day(at: Option<chrono::DateTime<chrono::Utc>>, zone: chrono_tz::Tz) -> String {
    at.map_or("-".into(), |d| {
        crate::domain::when::local_day(d, zone)
            .format("%d %b")
            .to_string()
    })
}

/// The health of a row as a symbol and words, with the rule that fired.
pub(crate) fn health_words(row: &UnderWayRow) -> (String, Option<String>) {
    match &row.report {
        Some(report) => {
            let symbol = match report.health {
                Health::AtRisk => "✗",
                Health::NeedsCheckIn => "!",
                Health::OnTrack => "✓",
                Health::TooEarly => "·",
            };
            (
                format!("{symbol} {}", report.health),
                Some(report.reason.clone()),
            )
        }
        None => ("‖ paused".into(), None),
    }
}

/// A confidence sparkline with the latest value as a number: `▃▅▆ 4`.
pub(crate) fn trend_text(trend: &[u8]) -> String {
    match trend.last() {
        Some(last) => {
            let recent = &trend[trend.len().saturating_sub(6)..];
            format!("{} {last}", sparkline(recent, 5))
        }
        None => "-".into(),
    }
}

/// The columns of the pairings under way: the learner and mentor always, the health with
/// its reason taking the room left; the id, dates and trend give way first on a narrow
/// screen (the selected row's whole reason is always on the box's bottom line).
const UNDER_WAY: &[Col] = &[
    Col::text("ID", 2, 3).optional(),
    Col::text("LEARNER", 8, 9),
    Col::text("MENTOR", 8, 8),
    Col::text("STARTED", 6, 1).optional(),
    Col::text("LAST", 6, 6),
    Col::text("NEXT DUE", 6, 4).optional(),
    Col::text("CONFIDENCE", 7, 2).optional(),
    Col::rest("HEALTH (why)", 14, 7),
];

fn health_style(r: &UnderWayRow, t: &Theme) -> ratatui::style::Style {
    match r.report.as_ref().map(|x| x.health) {
        Some(Health::AtRisk) => t.bad,
        Some(Health::NeedsCheckIn) => t.warn,
        Some(Health::OnTrack) => t.good,
        _ => t.dim,
    }
}

/// The health words with the reason after them: `✗ at risk: no check-in for 60 days …`.
fn health_line(r: &UnderWayRow) -> String {
    match health_words(r) {
        (health, Some(reason)) => format!("{health}: {}", safe(&reason)),
        (health, None) => health,
    }
}

fn under_way_cells<'a>(r: &'a UnderWayRow, t: &Theme, zone: chrono_tz::Tz) -> Vec<Span<'a>> {
    let p = &r.row.pairing;
    vec![
        Span::raw(p.id.to_string()),
        Span::raw(safe(&r.row.learner_name).into_owned()),
        Span::raw(safe(&r.row.mentor_name).into_owned()),
        Span::raw(day(p.started_at, zone)),
        Span::raw(day(r.last_checkin, zone)),
        Span::raw(day(r.report.as_ref().map(|x| x.next_due), zone)),
        Span::styled(trend_text(&r.trend), t.bar),
        Span::styled(health_line(r), health_style(r, t)),
    ]
}

/// The cursor row's whole health reason, for the box's bottom line so it is read in full
/// however narrow the columns are.
fn why_line<'a>(s: &PairingsState, t: &Theme) -> Option<Line<'a>> {
    let r = s.active.get(s.active_sel.selected)?;
    let text = format!(
        " ▶ {} {}: {} ",
        r.row.pairing.id,
        safe(&r.row.learner_name),
        health_line(r)
    );
    Some(Line::from(Span::styled(text, health_style(r, t))))
}

impl Widget for PairingsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = self.theme;
        // The open concerns first: the coordinator's queue is never below the fold.
        let queue = super::concerns::queue_height(s.concerns.len(), area.height);
        let [queue_area, area] =
            Layout::vertical([Constraint::Length(queue), Constraint::Min(0)]).areas(area);
        if queue > 0 {
            super::concerns::ConcernQueueView { state: s, theme: t }.render(queue_area, buf);
        }
        // Proposals take the rows they need, up to what the pairings under way leave free
        // (they always keep three fifths when they need it).
        let need = |rows: usize| u16::try_from(rows.max(1) + 3).unwrap_or(u16::MAX);
        let room = (area.height * 2 / 5).max(area.height.saturating_sub(need(s.active.len())));
        let top_share = Constraint::Length(need(s.visible.len()).min(room));
        let [top, bottom] = Layout::vertical([top_share, Constraint::Min(0)]).areas(area);
        let window = s.proposal_sel.window_in(s.visible.len(), top);
        let rows = s.visible[window.clone()]
            .iter()
            .filter_map(|i| s.proposals.get(*i))
            .map(|r| {
                let score = r.pairing.score.unwrap_or(0);
                let gap = match r.best {
                    Best::Score(best) if best > score => format!("-{}", score_text(best - score)),
                    Best::Score(_) => "best".into(),
                    Best::NoneAllowed => "?".into(),
                    Best::NotYet => "…".into(),
                };
                vec![
                    Span::raw(r.pairing.id.to_string()),
                    Span::raw(format!("{} {}", r.pairing.learner, safe(&r.learner_name))),
                    Span::raw(format!("{} {}", r.pairing.mentor, safe(&r.mentor_name))),
                    Span::styled(score_bar(score, 5), t.bar),
                    Span::raw(gap),
                ]
            })
            .collect();
        let filter = filter_note(&s.filter);
        DataTable {
            title: format!("Proposals to review {}{filter} · p plan · a approve · d decline · A approve ≥ · c compare", s.visible.len()),
            columns: &[
                Col::text("ID", 2, 3).optional(),
                Col::text("LEARNER", 10, 9),
                Col::text("MENTOR", 10, 8),
                Col::fixed("SCORE", 11, 6),
                Col::text("VS BEST", 4, 5),
            ],
            rows,
            first: window.start,
            total: s.visible.len(),
            selection: &s.proposal_sel,
            theme: t,
            focused: s.section == Section::Proposals,
            empty: "No proposals. Press p to plan the whole cohort (or run `mentordesk plan --save`).",
            footer: None,
        }
        .render(top, buf);
        let window = s.active_sel.window_in(s.active.len(), bottom);
        let narrow = bottom.width < 100;
        let rows = s.active[window.clone()]
            .iter()
            .map(|r| under_way_cells(r, t, self.zone))
            .collect();
        DataTable {
            title: if narrow {
                format!(
                    "Under way {} · Enter open · P pause · E end · R rematch · ! concern",
                    s.active.len()
                )
            } else {
                format!(
                    "Under way {} · worst first · Enter open · P pause/resume · E end · R rematch \
                     · ! concern · H health thresholds",
                    s.active.len()
                )
            },
            columns: UNDER_WAY,
            rows,
            first: window.start,
            total: s.active.len(),
            selection: &s.active_sel,
            theme: t,
            focused: s.section == Section::Active,
            empty: "No pairing is active or paused yet.",
            footer: why_line(s, t),
        }
        .render(bottom, buf);
        if let Some(results) = &s.comparison {
            ComparisonView { results, theme: t }.render(area, buf);
        }
    }
}

/// Strategies side by side: matched, total, mean, lowest, load spread.
pub struct ComparisonView<'a> {
    pub(crate) results: &'a [StrategyResult],
    pub(crate) theme: &'a Theme,
}

impl Widget for ComparisonView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let width = area.width.saturating_sub(10).min(106);
        // The legend wraps on a narrow screen; the box grows to keep it whole.
        let legend = "scores 0–100; TOTAL is their sum over the matched pairs · optimal: most \
                      matched, then highest total · stable: no pair would rather swap · greedy: \
                      best pairs first";
        let legend_lines = legend
            .chars()
            .count()
            .div_ceil(usize::from(width.saturating_sub(2).max(1)));
        let height = (self.results.len() as u16 + 5 + legend_lines as u16).min(area.height);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + 2,
            width,
            height,
        };
        Clear.render(popup, buf);
        let mut lines = vec![Line::from(Span::styled(
            format!(
                "{:<9} {:>9} {:>10} {:>6} {:>7} {:>12} {:>9}",
                "STRATEGY", "MATCHED", "TOTAL", "MEAN", "LOWEST", "PER MENTOR", "SOLVE"
            ),
            t.dim,
        ))];
        for r in self.results {
            let s = &r.summary;
            lines.push(Line::from(format!(
                "{:<9} {:>4}/{:<4} {:>10} {:>6} {:>7} {:>12} {:>6.0} ms",
                r.strategy.as_str(),
                s.matched,
                s.learners,
                score_text(s.total_score as f64),
                s.mean_score.map_or("-".into(), score_text),
                s.lowest_score.map_or("-".into(), |l| score_text(l as f64)),
                format!("{}–{}", s.min_load, s.max_load),
                r.solve_ms
            )));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(legend, t.dim)));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.title)
                    .title(Span::styled(" Strategies compared · Esc closes ", t.title)),
            )
            .render(popup, buf);
    }
}
