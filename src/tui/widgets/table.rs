//! The one table every list uses: a titled block, a header, rows, a visible cursor marker
//! (`▶`, so selection does not rely on colour), an empty-state message, and on its border
//! how many rows are out of sight (`↑ 3 above`, `↓ 20 more`). Columns are fitted to their
//! content and the room there is ([`fit`]); a cell that must be cut ends in `…`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::clip;
use super::columns::{Col, fit};
use super::scroll::out_of_sight;
use super::selection::Selection;
use crate::tui::theme::Theme;

/// A table drawn from rows of already-safe text cells, one per column. `rows` holds only
/// the rows of [`Selection::window`] (starting at list index `first`), out of `total`.
pub struct DataTable<'a> {
    pub title: String,
    pub columns: &'a [Col],
    pub rows: Vec<Vec<Span<'a>>>,
    pub first: usize,
    pub total: usize,
    pub selection: &'a Selection,
    pub theme: &'a Theme,
    pub focused: bool,
    pub empty: &'a str,
    /// Words for the bottom border (e.g. the selected row's whole reason), left of the
    /// count of rows below.
    pub footer: Option<Line<'a>>,
}

/// Column spacing inside every table.
const SPACING: u16 = 1;

impl Widget for DataTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let border = if self.focused {
            self.theme.title
        } else {
            self.theme.border
        };
        let marker = if self.focused { "● " } else { "" };
        let above = out_of_sight(self.first, 0).0;
        // The title gives way to the count above the box, cut with `…`.
        let room = usize::from(area.width.saturating_sub(4))
            .saturating_sub(above.as_ref().map_or(0, |a| a.chars().count() + 1))
            .saturating_sub(marker.chars().count());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Line::from(vec![Span::styled(
                format!(" {marker}{} ", clip(&self.title, room)),
                self.theme.title,
            )]));
        let inner = block.inner(area);
        if self.total == 0 || self.columns.is_empty() {
            block.render(area, buf);
            Paragraph::new(Span::styled(self.empty, self.theme.dim)).render(inner, buf);
            self.selection
                .page
                .set(inner.height.saturating_sub(1).into());
            return;
        }
        let page = usize::from(inner.height.saturating_sub(1));
        self.selection.page.set(page.max(1));
        self.selection.rows_area.set(Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        });
        let selected = self.selection.selected;
        let first = self.first;
        self.selection.shown_from.set(first);
        let rows: Vec<Vec<Span<'_>>> = self.rows.into_iter().take(page).collect();
        let shown_rows = rows.len();
        let (above, below) = out_of_sight(first, self.total.saturating_sub(first + shown_rows));
        let mut block = block;
        if let Some(above) = above {
            block =
                block.title_top(Line::from(Span::styled(above, self.theme.accent)).right_aligned());
        }
        let below_width = below.as_ref().map_or(0, |b| b.chars().count());
        if let Some(footer) = self.footer {
            let room = usize::from(area.width.saturating_sub(2)).saturating_sub(below_width + 1);
            block = block.title_bottom(clip_line(footer, room));
        }
        if let Some(below) = below {
            block = block
                .title_bottom(Line::from(Span::styled(below, self.theme.accent)).right_aligned());
        }
        block.render(area, buf);

        let mut widest = vec![0usize; self.columns.len()];
        for cells in &rows {
            for (w, cell) in widest.iter_mut().zip(cells) {
                *w = (*w).max(cell.content.chars().count());
            }
        }
        // One cell for the cursor marker and the spacing after it.
        let room = inner.width.saturating_sub(1 + SPACING);
        let fitted = fit(self.columns, &widest, room, SPACING);
        let rows = rows.into_iter().enumerate().map(|(i, cells)| {
            let i = first + i;
            let is_selected = i == selected;
            let mut out: Vec<Cell<'_>> = vec![Cell::from(if is_selected { "▶" } else { " " })];
            out.extend(
                cells
                    .into_iter()
                    .zip(&fitted)
                    .filter_map(|(cell, width)| width.map(|w| clip_span(cell, w))),
            );
            let row = Row::new(out);
            if is_selected && self.focused {
                row.style(self.theme.selected)
            } else if is_selected {
                row.style(self.theme.accent)
            } else {
                row
            }
        });
        let mut widths = vec![Constraint::Length(1)];
        widths.extend(fitted.iter().flatten().map(|w| Constraint::Length(*w)));
        let mut header: Vec<Cell<'_>> = vec![Cell::from(" ")];
        header.extend(
            self.columns
                .iter()
                .zip(&fitted)
                .filter_map(|(c, w)| w.map(|w| Cell::from(clip(c.header, usize::from(w))))),
        );
        Table::new(rows, widths)
            .header(Row::new(header).style(self.theme.dim))
            .column_spacing(SPACING)
            .render(inner, buf);
    }
}

/// A cell cut to `width` (ending in `…` when cut), keeping its style.
fn clip_span(span: Span<'_>, width: u16) -> Cell<'_> {
    let width = usize::from(width);
    if span.content.chars().count() <= width {
        Cell::from(span)
    } else {
        Cell::from(Span::styled(clip(&span.content, width), span.style))
    }
}

/// A line cut to `width` characters (the last one `…` when cut), styles kept.
fn clip_line(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let mut left = width.saturating_sub(1);
    let mut spans = Vec::new();
    let style = line.style;
    for span in line.spans {
        if left == 0 {
            break;
        }
        let count = span.content.chars().count();
        if count <= left {
            left -= count;
            spans.push(span);
        } else {
            let cut: String = span.content.chars().take(left).collect();
            spans.push(Span::styled(cut, span.style));
            left = 0;
        }
    }
    if width > 0 {
        spans.push(Span::raw("…"));
    }
    Line::from(spans).style(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Col] = &[
        Col::text("LEARNER", 8, 9),
        Col::text("MENTOR", 8, 8),
        Col::text("STATUS", 6, 1).optional(),
    ];

    fn draw(width: u16) -> String {
        let theme = Theme::monochrome();
        let selection = Selection::default();
        let rows = [
            ("Dimitris Shevchenko", "Oksana Ionescu", "active"),
            ("Amina Mwangi", "Niamh O'Callaghan", "paused"),
        ]
        .iter()
        .map(|(l, m, s)| vec![Span::raw(*l), Span::raw(*m), Span::raw(*s)])
        .collect();
        let area = Rect::new(0, 0, width, 5);
        let mut buf = Buffer::empty(area);
        DataTable {
            title: "Pairings 2".into(),
            columns: COLUMNS,
            rows,
            first: 0,
            total: 2,
            selection: &selection,
            theme: &theme,
            focused: true,
            empty: "none",
            footer: None,
        }
        .render(area, &mut buf);
        (0..area.height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn long_names_whole_when_there_is_room_cut_with_an_ellipsis_otherwise() {
        let wide = draw(52);
        assert!(
            wide.contains("Dimitris Shevchenko Oksana Ionescu"),
            "{wide}"
        );
        assert!(wide.contains("active"), "{wide}");
        // Less room: the status goes first, and the names stay whole.
        let medium = draw(42);
        assert!(
            medium.contains("Dimitris Shevchenko Oksana Ionescu"),
            "{medium}"
        );
        assert!(!medium.contains("active"), "{medium}");
        // Less still: the mentor is cut, then the learner, each ending in `…`.
        let narrow = draw(28);
        assert!(narrow.contains("Dimitris Shevc… Oksana …"), "{narrow}");
        insta::assert_snapshot!(format!("{wide}\n\n{medium}\n\n{narrow}"));
    }

    #[test]
    fn rows_out_of_sight_are_counted_on_the_border() {
        let theme = Theme::monochrome();
        let selection = Selection {
            selected: 5,
            ..Selection::default()
        };
        let rows = (3..6)
            .map(|i| vec![Span::raw(format!("row {i}")), Span::raw("x"), Span::raw("")])
            .collect();
        let area = Rect::new(0, 0, 30, 6);
        let mut buf = Buffer::empty(area);
        DataTable {
            title: "Rows".into(),
            columns: COLUMNS,
            rows,
            first: 3,
            total: 10,
            selection: &selection,
            theme: &theme,
            focused: false,
            empty: "none",
            footer: None,
        }
        .render(area, &mut buf);
        let line = |y: u16| {
            (0..30)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        };
        assert!(line(0).contains("↑ 3 above"), "{}", line(0));
        assert!(line(5).contains("↓ 4 more"), "{}", line(5));
    }
}
