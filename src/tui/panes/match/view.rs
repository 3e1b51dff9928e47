//! The Match pane's view: learners | candidates | brief and breakdown (or the ruled-out
//! mentors, or the weight editor).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::desk::MatchBoard;
use crate::desk::trust::{credential_words, record_short, record_words};
use crate::domain::text::counted;
use crate::matching::score_text;
use crate::matching::{Candidate, Criterion, Weights};
use crate::tui::panes::r#match::{Column, MatchState};
use crate::tui::panes::people::view::learner_brief;
use crate::tui::theme::Theme;
use crate::tui::widgets::bar::score_bar;
use crate::tui::widgets::columns::Col;
use crate::tui::widgets::filter::filter_note;
use crate::tui::widgets::safe;
use crate::tui::widgets::scroll::ScrollBox;
use crate::tui::widgets::table::DataTable;

pub struct MatchView<'a> {
    pub(crate) state: &'a MatchState,
    pub(crate) theme: &'a Theme,
}

fn hours(minutes: Option<u32>) -> String {
    minutes.map_or("?".into(), |m| format!("{:.1} h", f64::from(m) / 60.0))
}

impl Widget for MatchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Below this, score bars and the track column would push the numbers off screen.
        let narrow = area.width < 120;
        let [left, middle, right] = Layout::horizontal(if narrow {
            [
                Constraint::Percentage(25),
                Constraint::Percentage(42),
                Constraint::Percentage(33),
            ]
        } else {
            [
                Constraint::Percentage(31),
                Constraint::Percentage(37),
                Constraint::Percentage(32),
            ]
        })
        .areas(area);
        let s = self.state;
        let t = self.theme;
        let filter_note = filter_note(&s.filter);
        let window = s.learners.window(s.visible.len());
        let learner_rows = s.visible[window.clone()]
            .iter()
            .filter_map(|i| s.waiting.get(*i))
            .map(|w| {
                vec![
                    Span::raw(safe(&w.learner.name).into_owned()),
                    Span::raw(format!("{}d", w.days)),
                    Span::styled(
                        w.learner.track.map_or("unknown".into(), |x| x.to_string()),
                        if w.learner.track.is_some() {
                            t.base
                        } else {
                            t.dim
                        },
                    ),
                ]
            })
            .collect();
        DataTable {
            title: format!("Waiting {}{filter_note}", s.visible.len()),
            columns: &[
                Col::text("LEARNER", 10, 9),
                Col::text("WAIT", 4, 5),
                Col::text("TRACK", 6, 1).optional(),
            ],
            rows: learner_rows,
            first: window.start,
            total: s.visible.len(),
            selection: &s.learners,
            theme: t,
            focused: s.focus == Column::Learners,
            empty: if s.waiting.is_empty() {
                "Nobody is waiting."
            } else {
                "No waiting learner matches the filter."
            },
            footer: None,
        }
        .render(left, buf);
        render_candidates(s, t, middle, narrow, buf);
        render_detail(s, t, right, buf);
    }
}

/// The candidates' columns. Free seats and weekly hours decide a choice, so a long name is
/// cut (its whole text heads the box on the right) before they go; the rank goes first.
/// TRUST is the credential (`✓` verified) and the track record in this program (learners
/// mentored · pairings completed · milestones reached, or `new`).
const CANDIDATES: &[Col] = &[
    Col::text("#", 2, 2).optional(),
    Col::text("MENTOR", 10, 9),
    Col::fixed("SCORE", 10, 8),
    Col::text("FREE", 4, 3),
    Col::text("WEEKLY", 6, 4),
    Col::text("TRUST", 7, 1),
];
/// Below 120 columns: the score as a number, no rank (the row's place is the rank); `✓`
/// marks a verified credential (the record is in the box on the right).
const NARROW_CANDIDATES: &[Col] = &[
    Col::text("MENTOR", 8, 9),
    Col::text("SCORE", 5, 8),
    Col::text("FREE", 4, 3),
    Col::text("H/WK", 5, 2),
    Col::text("✓", 1, 1),
];

/// The TRUST cell: `✓ 3·1·4` for a verified mentor with a record, `new` for one without.
fn trust_cell(row: Option<&crate::desk::MentorRow>) -> String {
    row.map_or(String::new(), |r| {
        let record = record_short(&r.record);
        if r.mentor.verified {
            format!("✓ {record}")
        } else {
            record
        }
    })
}

/// The ranked candidates; `narrow` shows scores as numbers without bars.
fn render_candidates(s: &MatchState, t: &Theme, area: Rect, narrow: bool, buf: &mut Buffer) {
    let (Some(ranking), Some(board), Some(waiting)) = (&s.ranking, &s.board, s.selected_learner())
    else {
        DataTable {
            title: "Candidates".into(),
            columns: &[],
            rows: vec![],
            first: 0,
            total: 0,
            selection: &s.candidates,
            theme: t,
            focused: false,
            empty: "Pick a waiting learner on the left.",
            footer: None,
        }
        .render(area, buf);
        return;
    };
    let window = s.candidates.window(ranking.candidates.len());
    let rows = ranking.candidates[window.clone()]
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let i = window.start + i;
            let row = board.mentor(&c.mentor);
            let name = row.map_or(c.mentor.to_string(), |r| r.mentor.name.clone());
            let free = row.map_or(0, |r| r.load.capacity.saturating_sub(r.load.seats_in_use));
            let overlap = board.overlap_minutes(&waiting.learner, &c.mentor);
            if narrow {
                // The rank is the row's place; the score as a number carries the value.
                let verified = row.is_some_and(|r| r.mentor.verified);
                return vec![
                    Span::raw(safe(&name).into_owned()),
                    Span::raw(score_text(c.score)),
                    Span::raw(free.to_string()),
                    Span::raw(hours(overlap).replace(' ', "")),
                    Span::raw(if verified { "✓" } else { "" }),
                ];
            }
            vec![
                Span::raw(format!("{}", i + 1)),
                Span::raw(safe(&name).into_owned()),
                Span::styled(score_bar(c.score, 4), t.bar),
                Span::raw(free.to_string()),
                Span::raw(hours(overlap)),
                Span::raw(trust_cell(row)),
            ]
        })
        .collect();
    let draft = if s.draft.is_some() {
        " · trying new weights"
    } else {
        ""
    };
    DataTable {
        title: format!(
            "{} of {} mentors fit{draft}",
            ranking.candidates.len(),
            ranking.candidates.len() + ranking.rejected.len()
        ),
        columns: if narrow {
            NARROW_CANDIDATES
        } else {
            CANDIDATES
        },
        rows,
        first: window.start,
        total: ranking.candidates.len(),
        selection: &s.candidates,
        theme: t,
        focused: s.focus == Column::Candidates,
        empty: "No mentor can be proposed: r shows why each is ruled out.",
        footer: None,
    }
    .render(area, buf);
}

fn render_detail(s: &MatchState, t: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(waiting) = s.selected_learner() else {
        Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .render(area, buf);
        return;
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let width = top.width.saturating_sub(2);
    let mut brief = learner_brief(&waiting.learner, width, t);
    brief.insert(
        1,
        Line::from(Span::styled(
            format!(
                "waiting {}",
                counted(usize::try_from(waiting.days).unwrap_or(0), "day", "days")
            ),
            t.warn,
        )),
    );
    // A rematched learner's wait counts from when they first asked; the new wait shows too.
    if let Some((_, again)) = waiting.again {
        brief.insert(
            2,
            Line::from(Span::styled(
                format!(
                    "  of which {} since their last pairing ended",
                    crate::domain::text::counted(again as usize, "day", "days")
                ),
                t.dim,
            )),
        );
    }
    ScrollBox::new("Learner", brief, &s.brief_scroll, t)
        .focused(s.focus == Column::Brief)
        .render(top, buf);
    let inner_width = usize::from(bottom.width.saturating_sub(2));
    let (title, lines) = if let Some(draft) = &s.draft {
        (
            "Weights · ←/→ change · Enter keeps · Esc discards",
            weight_lines(&draft.weights, draft.selected, t),
        )
    } else if s.show_rejected {
        ("Ruled out · r hides", rejected_lines(s, t, inner_width))
    } else if let (Some(c), Some(board)) = (s.selected_candidate(), &s.board) {
        (
            "Why this score · r: ruled out",
            breakdown_lines(c, board, t, inner_width),
        )
    } else {
        ("Ruled out", rejected_lines(s, t, inner_width))
    };
    ScrollBox::new(title, lines, &s.detail_scroll, t)
        .focused(s.focus == Column::Detail)
        .render(bottom, buf);
}

fn breakdown_lines(
    c: &Candidate,
    board: &MatchBoard,
    t: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let row = board.mentor(&c.mentor);
    let name = row.map_or(String::new(), |r| r.mentor.name.clone());
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} {}", c.mentor, safe(&name)), t.title),
        Span::raw(format!("  {} of 100", score_text(c.score))),
    ])];
    if let Some(row) = row {
        let trust = format!(
            "{} · {}",
            credential_words(row.mentor.verified),
            record_words(&row.record)
        );
        for chunk in wrap(&trust, width.max(8)) {
            lines.push(Line::from(Span::styled(chunk, t.dim)));
        }
    }
    for s in &c.breakdown.criteria {
        let points = format!(
            "{:>4}/{:<4}",
            score_text(s.points),
            score_text(s.max_points)
        );
        let filled = (s.points * 5 + s.max_points / 2)
            .checked_div(s.max_points)
            .unwrap_or(0) as usize;
        let bar = format!(
            "{}{}",
            "█".repeat(filled.min(5)),
            "░".repeat(5 - filled.min(5))
        );
        let name = s.criterion.as_str();
        if s.max_points == 0 {
            // Weight 0, or `prefer` for a learner who stated nothing: no bar to fill.
            lines.push(Line::from(vec![
                Span::styled(format!("{name:<9}"), t.dim),
                Span::raw(" not counted"),
            ]));
        } else {
            // A name longer than the label column ("credential") gets a line of its own.
            let label = if name.chars().count() > 9 {
                lines.push(Line::from(Span::styled(name.to_string(), t.dim)));
                String::new()
            } else {
                name.to_string()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<9}"), t.dim),
                Span::styled(bar, t.bar),
                Span::raw(format!(" {points}")),
            ]));
        }
        let note = if s.unknown {
            format!("? {}", s.note)
        } else {
            s.note.clone()
        };
        let style = if s.unknown { t.warn } else { t.base };
        for chunk in wrap(&safe(&note), width.saturating_sub(2).max(8)) {
            lines.push(Line::from(Span::styled(format!("  {chunk}"), style)));
        }
    }
    lines
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let current = lines.last_mut().map_or(0, |l| l.chars().count());
        if current > 0 && current + 1 + word.chars().count() > width {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

fn rejected_lines(s: &MatchState, t: &Theme, width: usize) -> Vec<Line<'static>> {
    let Some(ranking) = &s.ranking else {
        return vec![];
    };
    if ranking.rejected.is_empty() {
        return vec![Line::from(Span::styled("No mentor is ruled out.", t.dim))];
    }
    let mut lines = Vec::new();
    for r in &ranking.rejected {
        let name = s
            .board
            .as_ref()
            .and_then(|b| b.mentor(&r.mentor))
            .map_or(String::new(), |m| m.mentor.name.clone());
        lines.push(Line::from(Span::styled(
            format!("✗ {} {}", r.mentor, safe(&name)),
            t.title,
        )));
        for reason in &r.reasons {
            for chunk in wrap(&safe(&reason.to_string()), width.saturating_sub(2).max(8)) {
                lines.push(Line::from(format!("  {chunk}")));
            }
        }
    }
    lines
}

fn weight_lines(weights: &Weights, selected: usize, t: &Theme) -> Vec<Line<'static>> {
    let allocation = weights.allocation();
    let mut lines: Vec<Line<'static>> = Criterion::ALL
        .iter()
        .enumerate()
        .map(|(i, criterion)| {
            let value = weights.weight(*criterion);
            let marker = if i == selected { "▶ " } else { "  " };
            // As scores use it: `prefer` counts only for a learner who stated a preference.
            let stated = *criterion == Criterion::Prefer;
            let share = f64::from(allocation.for_learner(stated).max_points(*criterion)) / 10.0;
            let bar = "█".repeat((value / 5) as usize);
            let style = if i == selected { t.selected } else { t.base };
            let name = criterion.as_str();
            Line::from(vec![
                Span::styled(
                    format!("{marker}{name:<10} {value:>3}  {share:>3.0}% "),
                    style,
                ),
                Span::styled(bar, t.bar),
            ])
        })
        .collect();
    lines.push(Line::from(Span::styled(
        "prefer counts only for a learner who stated one",
        t.dim,
    )));
    lines
}
