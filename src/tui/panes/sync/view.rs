//! The Sync pane's view: the list (imports, open conflicts, gaps, refused records, each under
//! its heading) and the selected item's detail; a conflict's two versions side by side, each
//! differing field marked `≠` (not only coloured). Both sides say "↓ N more" when cut.

use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use serde_json::Value;

use super::update::conflict_label;
use super::{Focus, Item, SyncState};
use crate::desk::SyncConflict;
use crate::domain::when::local_minute;
use crate::tui::theme::Theme;
use crate::tui::widgets::scroll::ScrollBox;
use crate::tui::widgets::{safe, wrap};

pub struct SyncView<'a> {
    pub state: &'a SyncState,
    pub theme: &'a Theme,
    pub zone: Tz,
}

/// Fields of a record in the order a person reads them; others follow by name.
const FIELD_ORDER: &[&str] = &[
    "at",
    "minutes",
    "mode",
    "confidence",
    "topics",
    "next_steps",
    "notes",
    "title",
    "status",
    "change",
    "due",
    "author",
    "recorded_at",
    "learner",
    "pairing",
    "id",
    "supersedes",
];

/// Fields that say nothing to a person choosing between versions.
const HIDDEN: &[&str] = &["kind", "pairing_uid", "author_desk"];

/// A record id (a UUID) cut to its last 12 digits, so two versions' ids fit side by side
/// and still tell apart (the first digits of a UUIDv7 are its time, shared by neighbours).
fn short_id(text: &str) -> String {
    let looks_like_uuid = text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    match text.get(24..) {
        Some(tail) if looks_like_uuid => format!("…{tail}"),
        _ => text.to_string(),
    }
}

fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) if s.is_empty() => "—".into(),
        Some(Value::String(s)) => short_id(&safe(s)),
        Some(Value::Array(items)) if items.is_empty() => "—".into(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| shown(Some(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => safe(&other.to_string()).into_owned(),
    }
}

/// The fields both versions name, in reading order.
fn fields(c: &SyncConflict) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for side in [&c.ours, &c.theirs] {
        if let Value::Object(map) = side {
            for key in map.keys() {
                if !HIDDEN.contains(&key.as_str()) && !names.contains(key) {
                    names.push(key.clone());
                }
            }
        }
    }
    names.sort_by_key(|n| {
        (
            FIELD_ORDER
                .iter()
                .position(|f| f == n)
                .unwrap_or(FIELD_ORDER.len()),
            n.clone(),
        )
    });
    names
}

fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

/// A conflict's two versions side by side, `≠` beside each field that differs.
pub fn conflict_lines(
    state: &SyncState,
    c: &SyncConflict,
    width: usize,
    t: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        format!("Conflict {} · {}", c.id, conflict_label(state, c)),
        t.title,
    ))];
    for line in wrap(&safe(&c.reason), width) {
        lines.push(Line::from(Span::styled(line, t.dim)));
    }
    lines.push(Line::default());
    const MARK: usize = 2;
    const LABEL: usize = 12;
    let column = width.saturating_sub(MARK + LABEL + 1) / 2;
    let sender = safe(&state.sender(c)).into_owned();
    let heads = [
        "this desk (ours)".to_string(),
        format!("{sender}'s desk (theirs)"),
    ];
    lines.push(Line::from(vec![
        Span::raw(" ".repeat(MARK + LABEL)),
        Span::styled(
            pad(
                &heads[0].chars().take(column).collect::<String>(),
                column + 1,
            ),
            t.title,
        ),
        Span::styled(heads[1].chars().take(column).collect::<String>(), t.title),
    ]));
    let mut differing = 0;
    for name in fields(c) {
        let ours = shown(c.ours.get(&name));
        let theirs = shown(c.theirs.get(&name));
        let differs = ours != theirs;
        differing += usize::from(differs);
        let (left, right) = (wrap(&ours, column), wrap(&theirs, column));
        let style = if differs { t.warn } else { Style::default() };
        for i in 0..left.len().max(right.len()) {
            let mark = if differs && i == 0 { "≠ " } else { "  " };
            let label = if i == 0 {
                name.replace('_', " ")
            } else {
                String::new()
            };
            lines.push(Line::from(vec![
                Span::styled(mark, t.warn),
                Span::styled(pad(&label, LABEL), t.dim),
                Span::styled(
                    pad(left.get(i).map_or("", String::as_str), column + 1),
                    style,
                ),
                Span::styled(right.get(i).cloned().unwrap_or_default(), style),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!("≠ marks the {differing} fields that differ"),
        t.dim,
    )));
    lines
}

fn label_value(label: &str, value: String, width: usize, t: &Theme) -> Vec<Line<'static>> {
    const LABEL: usize = 13;
    wrap(&value, width.saturating_sub(LABEL))
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let label = if i == 0 { label } else { "" };
            Line::from(vec![
                Span::styled(pad(label, LABEL), t.dim),
                Span::raw(part),
            ])
        })
        .collect()
}

impl SyncView<'_> {
    /// The list's lines, each with the item it selects (headings select none).
    fn list_lines(&self, width: usize) -> Vec<(Option<usize>, Line<'static>)> {
        let (s, t) = (self.state, self.theme);
        let Some(snap) = &s.snapshot else {
            return vec![(None, Line::from(Span::styled("Reading…", t.dim)))];
        };
        let st = &snap.status;
        let mut out = Vec::new();
        let mut position = 0;
        let mut section = |out: &mut Vec<(Option<usize>, Line<'static>)>,
                           title: String,
                           rows: Vec<String>,
                           empty: &str| {
            out.push((None, Line::from(Span::styled(title, t.title))));
            if rows.is_empty() {
                out.push((None, Line::from(Span::styled(format!("  {empty}"), t.dim))));
            }
            for row in rows {
                let selected = position == s.selection.selected;
                let marker = if selected { "▶ " } else { "  " };
                let text: String = format!("{marker}{row}").chars().take(width).collect();
                let style = match (selected, s.focus) {
                    (true, Focus::List) => t.selected,
                    (true, Focus::Detail) => t.accent,
                    _ => Style::default(),
                };
                out.push((Some(position), Line::from(Span::styled(text, style))));
                position += 1;
            }
        };
        let imports = st
            .imports
            .iter()
            .map(|i| {
                format!(
                    "{} {}: {} new, {} had, {} conflicts, {} missing, {} rejected",
                    local_minute(i.at, self.zone),
                    safe(&s.mentor_name(i.mentor.as_str())),
                    i.new,
                    i.already_had,
                    i.conflicts,
                    i.missing,
                    i.rejected
                )
            })
            .collect();
        section(
            &mut out,
            format!("Imports {} (newest first)", st.imports.len()),
            imports,
            "no bundle imported yet (i imports one)",
        );
        let conflicts = snap
            .conflicts
            .iter()
            .map(|c| format!("≠ {} · from {}", conflict_label(s, c), safe(&s.sender(c))))
            .collect();
        section(
            &mut out,
            format!("Open conflicts {}", snap.conflicts.len()),
            conflicts,
            "none",
        );
        let gaps = st
            .gaps
            .iter()
            .map(|g| safe(&gap_line(g)).into_owned())
            .collect();
        section(&mut out, format!("Gaps {}", st.gaps.len()), gaps, "none");
        let rejected = st
            .rejected
            .iter()
            .map(|r| format!("#{} (import {}): {}", r.seq, r.import, safe(&r.reason)))
            .collect();
        section(
            &mut out,
            format!("Rejected records {}", st.rejected.len()),
            rejected,
            "none",
        );
        out
    }

    fn detail_lines(&self, width: usize) -> Vec<Line<'static>> {
        let (s, t) = (self.state, self.theme);
        let Some(snap) = &s.snapshot else {
            return Vec::new();
        };
        let st = &snap.status;
        match s.selected() {
            None => vec![Line::from(Span::styled(
                "Nothing has been handed over yet. When a mentor sends a bundle, press i to \
                 import it.",
                t.dim,
            ))],
            Some(Item::Import(i)) => {
                let Some(i) = st.imports.get(i) else {
                    return Vec::new();
                };
                let mut lines = vec![Line::from(Span::styled(
                    format!("Import {}", i.id),
                    t.title,
                ))];
                for (label, value) in [
                    ("when", local_minute(i.at, self.zone)),
                    (
                        "from",
                        format!("{}'s desk ({})", s.mentor_name(i.mentor.as_str()), i.mentor),
                    ),
                    ("device", i.device.to_string()),
                    ("file", safe(&i.file).into_owned()),
                    ("new", i.new.to_string()),
                    ("already had", i.already_had.to_string()),
                    ("conflicts", i.conflicts.to_string()),
                    ("missing", i.missing.to_string()),
                    ("rejected", i.rejected.to_string()),
                ] {
                    lines.extend(label_value(label, value, width, t));
                }
                lines
            }
            Some(Item::Conflict(i)) => snap
                .conflicts
                .get(i)
                .map(|c| conflict_lines(s, c, width, t))
                .unwrap_or_default(),
            Some(Item::Gap(i)) => {
                let Some(g) = st.gaps.get(i) else {
                    return Vec::new();
                };
                let mut lines = vec![Line::from(Span::styled("Gap", t.title))];
                for line in wrap(&safe(&g.to_string()), width) {
                    lines.push(Line::from(line));
                }
                lines.push(Line::default());
                let why = format!(
                    "{} records numbered {}–{} on {}'s desk have not arrived: a bundle was \
                     lost or not sent yet. Records that change them wait until they come.",
                    g.len(),
                    g.first,
                    g.last,
                    g.mentor_name
                );
                for line in wrap(&safe(&why), width) {
                    lines.push(Line::from(Span::styled(line, t.dim)));
                }
                lines
            }
            Some(Item::Rejected(i)) => {
                let Some(r) = st.rejected.get(i) else {
                    return Vec::new();
                };
                let mut lines = vec![Line::from(Span::styled("Rejected record", t.title))];
                for (label, value) in [
                    ("record", safe(&r.record).into_owned()),
                    ("number", format!("#{}", r.seq)),
                    ("device", r.device.to_string()),
                    ("import", r.import.to_string()),
                    ("reason", safe(&r.reason).into_owned()),
                ] {
                    lines.extend(label_value(label, value, width, t));
                }
                lines
            }
        }
    }
}

/// A gap in one line: "missing records 41–45 from Sam Lee's desk".
fn gap_line(g: &crate::desk::Gap) -> String {
    if g.first == g.last {
        format!("missing record {} from {}'s desk", g.first, g.mentor_name)
    } else {
        format!(
            "missing records {}–{} from {}'s desk",
            g.first, g.last, g.mentor_name
        )
    }
}

/// "1 gap", "2 gaps".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn block<'a>(title: String, focused: bool, t: &Theme) -> Block<'a> {
    let marker = if focused { "● " } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.title } else { t.border })
        .title(Span::styled(format!(" {marker}{title} "), t.title))
}

/// Draws the list's `lines[from..]` in `area` (the cursor's item kept in sight), the last row
/// saying "↓ N more" when some are cut and the first "↑ N more" when scrolled.
fn render_window(lines: Vec<Line<'static>>, from: usize, area: Rect, buf: &mut Buffer, t: &Theme) {
    let room = usize::from(area.height);
    let total = lines.len();
    let mut shown: Vec<Line<'static>> = Vec::new();
    if from > 0 {
        shown.push(Line::from(Span::styled(format!("↑ {from} more"), t.dim)));
    }
    let body = room.saturating_sub(shown.len());
    let rest = total.saturating_sub(from);
    let fits = rest <= body;
    let take = if fits { rest } else { body.saturating_sub(1) };
    shown.extend(lines.into_iter().skip(from).take(take));
    if !fits {
        shown.push(Line::from(Span::styled(
            format!("↓ {} more", rest - take),
            t.dim,
        )));
    }
    Paragraph::new(shown).render(area, buf);
}

impl Widget for SyncView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, t) = (self.state, self.theme);
        let wide = area.width >= 100;
        let [list_area, detail_area] = if wide {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
        } else {
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
        };
        let title = match &s.snapshot {
            Some(snap) => format!(
                "Sync · {} · {} · {} rejected",
                count(snap.conflicts.len(), "open conflict"),
                count(snap.status.gaps.len(), "gap"),
                snap.status.rejected.len()
            ),
            None => "Sync".into(),
        };
        let list_block = block(title, s.focus == Focus::List, t);
        let inner = list_block.inner(list_area);
        list_block.render(list_area, buf);
        let lines = self.list_lines(usize::from(inner.width));
        let room = usize::from(inner.height).max(1);
        s.selection.page.set(room.saturating_sub(2).max(1));
        let at = lines
            .iter()
            .position(|(item, _)| *item == Some(s.selection.selected))
            .unwrap_or(0);
        // The heading above the first item stays on screen until the cursor leaves the page.
        let from = if lines.len() <= room {
            0
        } else {
            (at + 3).saturating_sub(room)
        };
        render_window(
            lines.into_iter().map(|(_, line)| line).collect(),
            from,
            inner,
            buf,
            t,
        );

        // The detail's lines are wrapped to its width here; the box scrolls them.
        let width = usize::from(detail_area.width.saturating_sub(2));
        ScrollBox::new(
            "Detail · → scrolls",
            self.detail_lines(width),
            &s.detail_scroll,
            t,
        )
        .focused(s.focus == Focus::Detail)
        .render(detail_area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }
}
