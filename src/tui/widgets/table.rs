//! The one table every list uses: a titled block, a header, rows, a visible cursor marker
//! (`▶`, so selection does not rely on colour), and an empty-state message.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::selection::Selection;
use crate::tui::theme::Theme;

/// A table drawn from rows of already-safe text cells. `rows` holds only the rows of
/// [`Selection::window`] (starting at list index `first`), out of `total`.
pub struct DataTable<'a> {
    pub title: String,
    pub header: &'a [&'a str],
    pub widths: &'a [Constraint],
    pub rows: Vec<Vec<Span<'a>>>,
    pub first: usize,
    pub total: usize,
    pub selection: &'a Selection,
    pub theme: &'a Theme,
    pub focused: bool,
    pub empty: &'a str,
}

impl Widget for DataTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let border = if self.focused {
            self.theme.title
        } else {
            self.theme.border
        };
        let marker = if self.focused { "● " } else { "" };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Line::from(vec![Span::styled(
                format!(" {marker}{} ", self.title),
                self.theme.title,
            )]));
        let inner = block.inner(area);
        block.render(area, buf);
        if self.total == 0 {
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
        let rows = self
            .rows
            .into_iter()
            .take(page)
            .enumerate()
            .map(|(i, cells)| {
                let i = first + i;
                let is_selected = i == selected;
                let mut cells: Vec<Cell<'_>> = cells.into_iter().map(Cell::from).collect();
                cells.insert(0, Cell::from(if is_selected { "▶" } else { " " }));
                let row = Row::new(cells);
                if is_selected && self.focused {
                    row.style(self.theme.selected)
                } else if is_selected {
                    row.style(self.theme.accent)
                } else {
                    row
                }
            });
        let mut widths = vec![Constraint::Length(1)];
        widths.extend_from_slice(self.widths);
        let mut header: Vec<Cell<'_>> = vec![Cell::from(" ")];
        header.extend(self.header.iter().map(|h| Cell::from(*h)));
        Table::new(rows, widths)
            .header(Row::new(header).style(self.theme.dim))
            .column_spacing(1)
            .render(inner, buf);
    }
}
