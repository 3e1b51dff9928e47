//! Where the cursor is in a list, and which rows are on screen.

use std::cell::Cell;

use ratatui::layout::Rect;

use crate::tui::action::Action;

/// The selected row and scroll offset of one list. The view records the rows it had room
/// for and where it drew them, so paging and mouse clicks match what the person sees.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub selected: usize,
    pub offset: usize,
    /// Rows that fitted at the last render.
    pub page: Cell<usize>,
    /// Where the first row was drawn at the last render.
    pub rows_area: Cell<Rect>,
    /// The list index of the first row drawn at the last render.
    pub shown_from: Cell<usize>,
}

impl Selection {
    /// Moves the cursor for a navigation action; false when the action is not about moving.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let page = self.page.get().max(1);
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        self.keep_visible();
        true
    }

    /// Keeps the cursor inside a list of `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.keep_visible();
    }

    pub fn keep_visible(&mut self) {
        let page = self.page.get();
        if self.selected < self.offset || page == 0 {
            // Before the first render the page size is unknown: only scroll up.
            self.offset = self.offset.min(self.selected);
        } else if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }

    /// The rows on screen at the next render: from the offset that keeps the cursor visible,
    /// as many as fitted last time (a generous guess before the first render). Lists build
    /// only these rows, so drawing costs the same for ten rows or ten thousand.
    pub fn window(&self, len: usize) -> std::ops::Range<usize> {
        let page = match self.page.get() {
            0 => 200,
            fitted => fitted,
        };
        let start = self
            .offset
            .min(self.selected)
            .max((self.selected + 1).saturating_sub(page));
        let start = start.min(len);
        start..(start + page).min(len)
    }

    /// Like [`Selection::window`], for a [`DataTable`](super::table::DataTable) about to be
    /// drawn in `table_area` (borders and header included): the page is taken from that
    /// area, so a list whose box just grew shows every row that fits at once.
    pub fn window_in(
        &self,
        len: usize,
        table_area: ratatui::layout::Rect,
    ) -> std::ops::Range<usize> {
        let page = usize::from(table_area.height.saturating_sub(3));
        if page > 0 {
            self.page.set(page);
        }
        self.window(len)
    }

    /// The row index under a screen position, if a row of this list is there.
    pub fn row_at(&self, column: u16, row: u16, len: usize) -> Option<usize> {
        let area = self.rows_area.get();
        let inside = column >= area.x
            && column < area.x + area.width
            && row >= area.y
            && row < area.y + area.height;
        let index = self.shown_from.get() + usize::from(row.checked_sub(area.y)?);
        (inside && index < len).then_some(index)
    }

    /// True when the screen position is over this list's rows at the last render (for the
    /// mouse wheel).
    pub fn covers(&self, column: u16, row: u16) -> bool {
        let area = self.rows_area.get();
        column >= area.x && column < area.right() && row >= area.y && row < area.bottom()
    }

    /// Scrolls by mouse wheel: moves the cursor `delta` rows.
    pub fn scroll(&mut self, delta: isize, len: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.selected = target.min(len.saturating_sub(1));
        self.keep_visible();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_bounds_and_pages() {
        let mut s = Selection::default();
        s.page.set(10);
        assert!(s.apply(Action::Down, 3));
        assert!(s.apply(Action::Bottom, 3));
        assert_eq!(s.selected, 2);
        assert!(s.apply(Action::Down, 3));
        assert_eq!(s.selected, 2);
        s.apply(Action::PageDown, 100);
        assert_eq!(s.selected, 12);
        assert_eq!(s.offset, 3);
        assert!(!s.apply(Action::Approve, 3));
    }

    #[test]
    fn clicks_map_to_rows() {
        let s = Selection::default();
        s.rows_area.set(Rect::new(0, 5, 40, 10));
        assert_eq!(s.row_at(3, 7, 20), Some(2));
        assert_eq!(s.row_at(3, 4, 20), None);
        assert_eq!(s.row_at(3, 7, 2), None);
    }
}
