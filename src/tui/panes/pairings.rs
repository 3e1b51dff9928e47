//! Pairings: proposals waiting for review (from a cohort plan), and the pairings under way.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::desk::{Desk, DeskError, MatchBoard};
use crate::domain::{LearnerId, Pairing, PairingStatus};
use crate::tui::action::Action;
use crate::tui::jobs::StrategyResult;
use crate::tui::theme::Theme;
use crate::tui::widgets::bar::score_bar;
use crate::tui::widgets::fuzzy;
use crate::tui::widgets::safe;
use crate::tui::widgets::selection::Selection;
use crate::tui::widgets::table::DataTable;

/// Which list the cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    #[default]
    Proposals,
    Active,
}

/// A pairing with the names to show and, for proposals, the learner's best score now.
#[derive(Debug, Clone)]
pub struct PairingRow {
    pub pairing: Pairing,
    pub learner_name: String,
    pub mentor_name: String,
    pub best: Option<u32>,
}

#[derive(Debug, Default)]
pub struct PairingsState {
    pub proposals: Vec<PairingRow>,
    pub active: Vec<PairingRow>,
    pub filter: String,
    pub visible: Vec<usize>,
    pub proposal_sel: Selection,
    pub active_sel: Selection,
    pub section: Section,
    pub comparison: Option<Vec<StrategyResult>>,
}

impl PairingsState {
    /// Reads proposals and pairings under way; `board` gives each proposal's best score.
    pub fn load(&mut self, desk: &mut Desk, board: Option<&MatchBoard>) -> Result<(), DeskError> {
        let learners: HashMap<LearnerId, crate::domain::Learner> = desk
            .learners()?
            .into_iter()
            .map(|l| (l.id.clone(), l))
            .collect();
        let mentors: HashMap<_, String> = desk
            .mentors()?
            .into_iter()
            .map(|r| (r.mentor.id.clone(), r.mentor.name))
            .collect();
        let row = |p: Pairing, best: Option<u32>| PairingRow {
            learner_name: learners
                .get(&p.learner)
                .map_or(p.learner.to_string(), |l| l.name.clone()),
            mentor_name: mentors
                .get(&p.mentor)
                .cloned()
                .unwrap_or_else(|| p.mentor.to_string()),
            pairing: p,
            best,
        };
        let mut best_cache: HashMap<LearnerId, Option<u32>> = HashMap::new();
        let mut proposals = Vec::new();
        for p in desk.pairings(Some(PairingStatus::Proposed))? {
            let best = *best_cache.entry(p.learner.clone()).or_insert_with(|| {
                board
                    .zip(learners.get(&p.learner))
                    .and_then(|(b, l)| b.best_score(l))
            });
            proposals.push(row(p, best));
        }
        proposals.sort_by(|a, b| {
            b.pairing
                .score
                .cmp(&a.pairing.score)
                .then_with(|| a.pairing.id.cmp(&b.pairing.id))
        });
        let mut active: Vec<PairingRow> = desk
            .pairings(None)?
            .into_iter()
            .filter(|p| p.status.holds_seat())
            .map(|p| row(p, None))
            .collect();
        active.sort_by_key(|r| std::cmp::Reverse(r.pairing.started_at));
        self.proposals = proposals;
        self.active = active;
        self.refilter();
        self.active_sel.clamp(self.active.len());
        if self.proposals.is_empty() && !self.active.is_empty() {
            self.section = Section::Active;
        }
        Ok(())
    }

    fn refilter(&mut self) {
        let haystacks: Vec<String> = self
            .proposals
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {}",
                    r.pairing.learner, r.learner_name, r.pairing.mentor, r.mentor_name
                )
            })
            .collect();
        self.visible = fuzzy::filter(&self.filter, haystacks.iter().map(String::as_str));
        self.proposal_sel.clamp(self.visible.len());
    }

    pub fn set_filter(&mut self, query: &str) {
        self.filter = query.to_string();
        self.proposal_sel.selected = 0;
        self.proposal_sel.offset = 0;
        self.refilter();
    }

    pub fn selected_proposal(&self) -> Option<&PairingRow> {
        self.visible
            .get(self.proposal_sel.selected)
            .and_then(|i| self.proposals.get(*i))
    }

    /// Proposals shown (after the filter) scoring at least `threshold` (0–1000).
    pub fn shown_at_least(&self, threshold: u32) -> Vec<&PairingRow> {
        self.visible
            .iter()
            .filter_map(|i| self.proposals.get(*i))
            .filter(|r| r.pairing.score.unwrap_or(0) >= threshold)
            .collect()
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::FocusLeft | Action::Up
                if self.section == Section::Active
                    && self.active_sel.selected == 0
                    && !self.visible.is_empty() =>
            {
                self.section = Section::Proposals;
            }
            Action::FocusRight if !self.active.is_empty() => self.section = Section::Active,
            Action::FocusLeft => self.section = Section::Proposals,
            _ => match self.section {
                Section::Proposals => {
                    let at_end = self.proposal_sel.selected + 1 >= self.visible.len();
                    if action == Action::Down && at_end && !self.active.is_empty() {
                        self.section = Section::Active;
                    } else {
                        self.proposal_sel.apply(action, self.visible.len());
                    }
                }
                Section::Active => {
                    self.active_sel.apply(action, self.active.len());
                }
            },
        }
    }
}

pub struct PairingsView<'a> {
    pub state: &'a PairingsState,
    pub theme: &'a Theme,
}

fn points(score: Option<u32>) -> String {
    score.map_or("-".into(), |s| format!("{:.1}", f64::from(s) / 10.0))
}

impl Widget for PairingsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let t = self.theme;
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
        let window = s.proposal_sel.window(s.visible.len());
        let rows = s.visible[window.clone()]
            .iter()
            .filter_map(|i| s.proposals.get(*i))
            .map(|r| {
                let score = r.pairing.score.unwrap_or(0);
                let gap = match r.best {
                    Some(best) if best > score => format!("-{:.1}", f64::from(best - score) / 10.0),
                    Some(_) => "best".into(),
                    None => "?".into(),
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
        let filter = if s.filter.is_empty() {
            String::new()
        } else {
            format!(" · \"{}\"", safe(&s.filter))
        };
        DataTable {
            title: format!("Proposals to review {}{filter} · p plan · a approve · d decline · A approve ≥ · c compare", s.visible.len()),
            header: &["ID", "LEARNER", "MENTOR", "SCORE", "VS BEST"],
            widths: &[
                Constraint::Length(5),
                Constraint::Percentage(35),
                Constraint::Percentage(35),
                Constraint::Length(11),
                Constraint::Length(7),
            ],
            rows,
            first: window.start,
            total: s.visible.len(),
            selection: &s.proposal_sel,
            theme: t,
            focused: s.section == Section::Proposals,
            empty: "No proposals. Press p to plan the whole cohort (or run `mentordesk plan --save`).",
        }
        .render(top, buf);
        let window = s.active_sel.window(s.active.len());
        let rows = s.active[window.clone()]
            .iter()
            .map(|r| {
                vec![
                    Span::raw(r.pairing.id.to_string()),
                    Span::raw(format!("{} {}", r.pairing.learner, safe(&r.learner_name))),
                    Span::raw(format!("{} {}", r.pairing.mentor, safe(&r.mentor_name))),
                    Span::raw(r.pairing.status.to_string()),
                    Span::raw(
                        r.pairing
                            .started_at
                            .map_or("-".into(), |d| d.format("%Y-%m-%d").to_string()),
                    ),
                    Span::raw(points(r.pairing.score)),
                ]
            })
            .collect();
        DataTable {
            title: format!("Under way {}", s.active.len()),
            header: &["ID", "LEARNER", "MENTOR", "STATUS", "STARTED", "SCORE"],
            widths: &[
                Constraint::Length(5),
                Constraint::Percentage(32),
                Constraint::Percentage(32),
                Constraint::Length(7),
                Constraint::Length(10),
                Constraint::Length(6),
            ],
            rows,
            first: window.start,
            total: s.active.len(),
            selection: &s.active_sel,
            theme: t,
            focused: s.section == Section::Active,
            empty: "No pairing is active or paused yet.",
        }
        .render(bottom, buf);
        if let Some(results) = &s.comparison {
            ComparisonView { results, theme: t }.render(area, buf);
        }
    }
}

/// Strategies side by side: matched, total, mean, lowest, load spread.
pub struct ComparisonView<'a> {
    pub results: &'a [StrategyResult],
    pub theme: &'a Theme,
}

impl Widget for ComparisonView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let width = area.width.saturating_sub(10).min(92);
        let height = (self.results.len() as u16 + 6).min(area.height);
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
                s.total_score,
                s.mean_score
                    .map_or("-".into(), |m| format!("{:.1}", m / 10.0)),
                s.lowest_score
                    .map_or("-".into(), |l| format!("{:.1}", l as f64 / 10.0)),
                format!("{}–{}", s.min_load, s.max_load),
                r.solve_ms
            )));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "optimal: most matched, then highest total · stable: no pair would rather swap · greedy: best pairs first",
            t.dim,
        )));
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.title)
                    .title(Span::styled(" Strategies compared · Esc closes ", t.title)),
            )
            .render(popup, buf);
    }
}
