//! A box whose text may be longer than the room it has: the one scrollable box every pane
//! uses (briefs, score breakdowns, check-in details, help, opened entries).
//!
//! [`Scroll`] is the state a pane keeps (the first line shown); the view records at each
//! render how many lines there were and how many fitted, so keys and the mouse wheel scroll
//! exactly as far as there is more. [`ScrollBox`] draws the box: the lines word-wrapped to
//! its width, a scrollbar on its right edge and, on its border, what is out of sight
//! (`↑ 3 above`, `↓ 20 more`), so a cut box never looks complete.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget,
};

use super::clip;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// Where a scrollable box is: the first line shown, and what the last render found.
#[derive(Debug, Default, Clone)]
pub struct Scroll {
    /// The first line shown (of the wrapped lines).
    pub offset: usize,
    /// Lines the content wrapped to at the last render.
    content: Cell<usize>,
    /// Rows the box had for them at the last render.
    viewport: Cell<usize>,
    /// Where the box was drawn at the last render (for the mouse wheel).
    area: Cell<Rect>,
}

impl Scroll {
    /// Moves for a navigation action; false when the action is not about moving.
    pub fn apply(&mut self, action: Action) -> bool {
        let page = self.viewport.get().saturating_sub(1).max(1);
        self.offset = self.offset.min(self.max_offset());
        self.offset = match action {
            Action::Down => self.offset + 1,
            Action::Up => self.offset.saturating_sub(1),
            Action::PageDown => self.offset + page,
            Action::PageUp => self.offset.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => self.max_offset(),
            _ => return false,
        }
        .min(self.max_offset());
        true
    }

    /// Scrolls `delta` lines (the mouse wheel).
    pub fn by(&mut self, delta: isize) {
        self.offset = self
            .offset
            .min(self.max_offset())
            .saturating_add_signed(delta)
            .min(self.max_offset());
    }

    /// Back to the first line (new content).
    pub fn reset(&mut self) {
        self.offset = 0;
    }

    /// The furthest first line: the last line then sits on the box's last row.
    pub fn max_offset(&self) -> usize {
        self.content.get().saturating_sub(self.viewport.get())
    }

    /// The first line shown at the next render.
    pub fn shown_from(&self) -> usize {
        self.offset.min(self.max_offset())
    }

    /// Lines above the box at the last render.
    pub fn above(&self) -> usize {
        self.shown_from()
    }

    /// Lines below the box at the last render.
    pub fn below(&self) -> usize {
        self.content
            .get()
            .saturating_sub(self.shown_from() + self.viewport.get())
    }

    /// True when the whole content fitted at the last render.
    pub fn fits(&self) -> bool {
        self.content.get() <= self.viewport.get()
    }

    /// True when the screen position is inside the box drawn last.
    pub fn contains(&self, column: u16, row: u16) -> bool {
        let a = self.area.get();
        column >= a.x && column < a.x + a.width && row >= a.y && row < a.y + a.height
    }

    /// Records what a render found: `content` lines for `viewport` rows, drawn in `area`.
    fn record(&self, content: usize, viewport: usize, area: Rect) {
        self.content.set(content);
        self.viewport.set(viewport);
        self.area.set(area);
    }
}

/// What is out of sight, for a box's border: `↑ 3 above`, `↓ 20 more`.
pub fn out_of_sight(above: usize, below: usize) -> (Option<String>, Option<String>) {
    (
        (above > 0).then(|| format!(" ↑ {above} above ")),
        (below > 0).then(|| format!(" ↓ {below} more ")),
    )
}

/// A bordered box of lines, scrolled by a [`Scroll`].
pub struct ScrollBox<'a> {
    pub title: String,
    pub lines: Vec<Line<'a>>,
    pub scroll: &'a Scroll,
    pub theme: &'a Theme,
    /// The box has the keys: its border and title say so (`●`, as tables do).
    pub focused: bool,
    /// Drawn over what is beneath (a popup) rather than beside it.
    pub popup: bool,
    /// Words for the bottom border's left side (e.g. `Esc closes`).
    pub hint: Option<String>,
}

impl<'a> ScrollBox<'a> {
    /// A box in a pane, not focused, without a hint.
    pub fn new(
        title: impl Into<String>,
        lines: Vec<Line<'a>>,
        scroll: &'a Scroll,
        theme: &'a Theme,
    ) -> ScrollBox<'a> {
        ScrollBox {
            title: title.into(),
            lines,
            scroll,
            theme,
            focused: false,
            popup: false,
            hint: None,
        }
    }

    pub fn focused(mut self, focused: bool) -> ScrollBox<'a> {
        self.focused = focused;
        self
    }

    pub fn popup(mut self, hint: impl Into<String>) -> ScrollBox<'a> {
        self.popup = true;
        self.hint = Some(hint.into());
        self
    }
}

impl Widget for ScrollBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        if self.popup {
            Clear.render(area, buf);
        }
        let border = if self.focused || self.popup {
            t.title
        } else {
            t.border
        };
        let marker = if self.focused && !self.popup {
            "● "
        } else {
            ""
        };
        let inner = Block::default().borders(Borders::ALL).inner(area);
        let lines = wrap_lines(self.lines, usize::from(inner.width));
        let viewport = usize::from(inner.height);
        self.scroll.record(lines.len(), viewport, area);
        let first = self.scroll.shown_from();
        let (above, below) = out_of_sight(self.scroll.above(), self.scroll.below());
        // The title gives way to the count above it, cut with `…` rather than mid-word.
        let room = usize::from(inner.width)
            .saturating_sub(above.as_ref().map_or(0, |a| a.chars().count() + 1))
            .saturating_sub(2 + marker.chars().count());
        let title = format!(" {marker}{} ", clip(&self.title, room));
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(title, t.title));
        if let Some(above) = above {
            block = block.title_top(Line::from(Span::styled(above, t.accent)).right_aligned());
        }
        if let Some(hint) = &self.hint {
            block = block.title_bottom(Line::from(Span::styled(format!(" {hint} "), t.dim)));
        }
        if let Some(below) = below {
            block = block.title_bottom(Line::from(Span::styled(below, t.accent)).right_aligned());
        }
        block.render(area, buf);
        let shown: Vec<Line<'_>> = lines.into_iter().skip(first).take(viewport).collect();
        let base = if self.popup { t.base } else { Style::default() };
        Paragraph::new(shown).style(base).render(inner, buf);
        if !self.scroll.fits() {
            scrollbar(self.scroll, area, buf, border);
        }
    }
}

/// A scrollbar over the right border of `area`, between its corners.
fn scrollbar(scroll: &Scroll, area: Rect, buf: &mut Buffer, style: Style) {
    let track = area.inner(Margin {
        horizontal: 0,
        vertical: 1,
    });
    let mut state = ScrollbarState::new(scroll.max_offset() + 1)
        .position(scroll.shown_from())
        .viewport_content_length(scroll.viewport.get());
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .style(style);
    StatefulWidget::render(bar, track, buf, &mut state);
}

/// `lines` word-wrapped to `width` columns, each piece keeping its style; a word longer
/// than the width is broken. Lines that fit are kept as they are.
pub fn wrap_lines<'a>(lines: Vec<Line<'a>>, width: usize) -> Vec<Line<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if width == 0 || line.width() <= width {
            out.push(line);
            continue;
        }
        let line_style = line.style;
        let chars: Vec<(char, Style)> = line
            .spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        for piece in break_at_words(&chars, width) {
            let mut spans: Vec<Span<'a>> = Vec::new();
            for (c, style) in piece {
                match spans.last_mut() {
                    Some(last) if last.style == *style => last.content.to_mut().push(*c),
                    _ => spans.push(Span::styled(c.to_string(), *style)),
                }
            }
            out.push(Line::from(spans).style(line_style));
        }
    }
    out
}

/// Splits styled characters into pieces of at most `width`, breaking after spaces where it
/// can; the spaces at a break are dropped.
fn break_at_words(chars: &[(char, Style)], width: usize) -> Vec<&[(char, Style)]> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while chars.len() - start > width {
        let window = &chars[start..start + width + 1];
        // The last space that lets the piece end at a word boundary.
        let cut = window
            .iter()
            .rposition(|(c, _)| *c == ' ')
            .filter(|at| *at > 0 && window[..*at].iter().any(|(c, _)| *c != ' '));
        match cut {
            Some(at) => {
                let mut end = start + at;
                while end > start && chars[end - 1].0 == ' ' {
                    end -= 1;
                }
                pieces.push(&chars[start..end]);
                start += at;
                while start < chars.len() && chars[start].0 == ' ' {
                    start += 1;
                }
            }
            None => {
                pieces.push(&chars[start..start + width]);
                start += width;
            }
        }
    }
    if start < chars.len() {
        pieces.push(&chars[start..]);
    }
    pieces
}

/// `text` word-wrapped to `width` columns (never cut mid-word unless one word is wider).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    wrap_lines(vec![Line::from(text.to_string())], width)
        .into_iter()
        .map(|l| l.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(lines: &[&str], scroll: &Scroll, width: u16, height: u16) -> Vec<String> {
        let theme = Theme::monochrome();
        let lines = lines.iter().map(|l| Line::from(*l)).collect();
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        ScrollBox::new("Box", lines, scroll, &theme).render(buf.area, &mut buf);
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_cut_box_says_how_much_more_and_scrolls_to_the_end() {
        let lines: Vec<String> = (1..=10).map(|i| format!("line {i}")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut scroll = Scroll::default();
        let screen = render(&lines, &scroll, 20, 6);
        assert!(screen[1].contains("line 1"), "{screen:#?}");
        assert!(screen[5].contains("↓ 6 more"), "{screen:#?}");
        assert!(!screen[0].contains("above"), "{screen:#?}");
        assert!(scroll.apply(Action::Bottom));
        let screen = render(&lines, &scroll, 20, 6);
        assert!(screen[4].contains("line 10"), "{screen:#?}");
        assert!(screen[0].contains("↑ 6 above"), "{screen:#?}");
        assert!(!screen[5].contains("more"), "{screen:#?}");
        // Past the end goes nowhere.
        scroll.apply(Action::Down);
        assert_eq!(scroll.offset, 6);
        scroll.apply(Action::PageUp);
        assert_eq!(scroll.offset, 3);
        scroll.by(-10);
        assert_eq!(scroll.offset, 0);
        assert!(!scroll.apply(Action::Approve));
    }

    #[test]
    fn a_box_that_fits_shows_no_marker() {
        let scroll = Scroll::default();
        let screen = render(&["one", "two"], &scroll, 20, 6);
        assert!(screen.iter().all(|l| !l.contains("more")), "{screen:#?}");
        assert!(scroll.fits());
    }

    #[test]
    fn wrapping_keeps_words_and_styles() {
        let theme = Theme::monochrome();
        let line = Line::from(vec![
            Span::styled("unknown milestone kind ", theme.bad),
            Span::raw("\"projekt\" (expected one of: project, skill)"),
        ]);
        let wrapped = wrap_lines(vec![line], 20);
        let text: Vec<String> = wrapped.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "unknown milestone",
                "kind \"projekt\"",
                "(expected one of:",
                "project, skill)"
            ]
        );
        assert_eq!(wrapped[0].spans[0].style, theme.bad);
        assert_eq!(wrap_text("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_text("short", 10), ["short"]);
    }
}
