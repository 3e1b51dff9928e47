//! The check-in form's guide picker (`Ctrl-g`): every guide the desk knows, those that suit
//! the pair first (the learner's track, the pairing's stage), with the chosen one's agenda
//! previewed; `Enter` puts the agenda into the notes, `s` into the next steps, and the
//! check-in then records the guide it used.
//!
//! Owns: the picker's state, its keys and its drawing. Which guides suit a pair is
//! `domain::guide`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::{CheckInDraft, NEXT_STEPS, NOTES};
use crate::domain::Track;
use crate::domain::guide::{Guide, GuideLibrary, GuideSource, Stage};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::safe;
use crate::tui::widgets::scroll::{Scroll, ScrollBox, out_of_sight, wrap_text};
use crate::tui::widgets::selection::Selection;

/// Where a chosen guide's agenda goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuideTarget {
    Notes,
    NextSteps,
}

/// The picker while it is open.
#[derive(Debug, Clone)]
pub struct GuidePicker {
    /// Every guide, those that suit the pair first.
    pub guides: Vec<Guide>,
    /// How many lead as suiting the pair.
    pub lead: usize,
    /// What they were chosen by, in words: "beginner track · first session".
    pub fit: String,
    pub sel: Selection,
    pub preview: Scroll,
}

impl GuidePicker {
    pub fn open(library: &GuideLibrary, track: Option<Track>, stage: Stage) -> GuidePicker {
        let (guides, lead) = library.ordered_for(track, stage);
        let track = track.map_or_else(|| "track unknown".to_string(), |t| format!("{t} track"));
        GuidePicker {
            guides: guides.into_iter().cloned().collect(),
            lead,
            fit: format!("{track} · {}", stage.words()),
            sel: Selection::default(),
            preview: Scroll::default(),
        }
    }

    pub fn selected(&self) -> Option<&Guide> {
        self.guides.get(self.sel.selected)
    }

    /// Moves the cursor (`j`/`k`) or scrolls the preview (page keys).
    pub fn navigate(&mut self, action: Action) {
        match action {
            Action::PageDown | Action::PageUp => {
                self.preview.apply(action);
            }
            other => {
                let before = self.sel.selected;
                self.sel.apply(other, self.guides.len());
                if self.sel.selected != before {
                    self.preview.reset();
                }
            }
        }
    }
}

/// Puts `guide`'s agenda into the draft (after what the notes hold, or as the next steps)
/// and makes the check-in record it.
pub fn insert(draft: &mut CheckInDraft, guide: &Guide, target: GuideTarget) {
    match target {
        GuideTarget::Notes => {
            let notes = draft.notes_text();
            let notes = notes.trim_end();
            if notes.is_empty() {
                draft.set_notes(&guide.agenda());
            } else {
                draft.set_notes(&format!("{notes}\n\n{}", guide.agenda()));
            }
            draft.set_focus(NOTES);
        }
        GuideTarget::NextSteps => {
            // The next steps are one line in the form: the agenda's items, one after another.
            let items = one_line(&guide.body);
            let field = &mut draft.form.fields[NEXT_STEPS];
            let before = field.value().trim().to_string();
            let text = if before.is_empty() {
                format!("{}: {items}", guide.title)
            } else {
                format!("{before}; {}: {items}", guide.title)
            };
            field.input = tui_input::Input::new(text);
            field.error = None;
            draft.set_focus(NEXT_STEPS);
        }
    }
    draft.guide = Some(guide.name.clone());
}

/// A Markdown list as one line: each item's text (an indented line continues the item
/// above it), items after one another with `;`.
fn one_line(body: &str) -> String {
    let mut items: Vec<String> = Vec::new();
    for raw in body.lines().filter(|l| !l.trim().is_empty()) {
        let line = raw.trim();
        let continues = raw.starts_with(char::is_whitespace);
        match items.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(line);
            }
            _ => items.push(without_marker(line).to_string()),
        }
    }
    items.join("; ")
}

/// The body's lines with each indented line joined to the one above it (a list item the
/// file wrapped), so the preview wraps at its own width.
fn reflowed(body: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in body.lines() {
        match lines.last_mut() {
            Some(last) if raw.starts_with(char::is_whitespace) && !raw.trim().is_empty() => {
                last.push(' ');
                last.push_str(raw.trim());
            }
            _ => lines.push(raw.trim_end().to_string()),
        }
    }
    lines
}

/// `- item` and `12. item` as `item`.
fn without_marker(line: &str) -> &str {
    if let Some(item) = line.strip_prefix("- ") {
        return item;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(item) = line[digits..].strip_prefix(". ")
    {
        return item;
    }
    line
}

/// The picker, drawn over the check-in form.
pub struct GuidePickerView<'a> {
    pub picker: &'a GuidePicker,
    pub theme: &'a Theme,
}

impl Widget for GuidePickerView<'_> {
    fn render(self, form: Rect, buf: &mut Buffer) {
        let (p, t) = (self.picker, self.theme);
        let area = Rect {
            x: form.x + 1,
            y: form.y + 1,
            width: form.width.saturating_sub(2),
            height: form.height.saturating_sub(2),
        };
        Clear.render(area, buf);
        let list_rows = u16::try_from(p.guides.len())
            .unwrap_or(u16::MAX)
            .saturating_add(3);
        let [list_area, preview_area] = Layout::vertical([
            Constraint::Max(list_rows.min(area.height / 2).max(5)),
            Constraint::Min(3),
        ])
        .areas(area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.title)
            .title(Span::styled(" Guides for this session ", t.title));
        let inner = block.inner(list_area);
        // One row says what suits the pair; the rest list the guides.
        let rows = usize::from(inner.height.saturating_sub(1));
        p.sel.page.set(rows.max(1));
        let window = p.sel.window(p.guides.len());
        let (above, below) = out_of_sight(window.start, p.guides.len() - window.end);
        let mut block = block;
        if let Some(above) = above {
            block = block.title_top(Line::from(Span::styled(above, t.dim)).right_aligned());
        }
        if let Some(below) = below {
            block = block.title_bottom(Line::from(Span::styled(below, t.dim)).right_aligned());
        }
        block = block.title_bottom(Span::styled(
            " Enter into notes · s into next steps · Esc back ",
            t.dim,
        ));
        block.render(list_area, buf);
        let mut lines = vec![Line::from(vec![
            Span::styled("★ suits this pair", t.accent),
            Span::styled(format!(" ({})", p.fit), t.dim),
        ])];
        let name_width = p
            .guides
            .iter()
            .map(|g| g.name.as_str().chars().count())
            .max()
            .unwrap_or(0);
        for (i, guide) in p
            .guides
            .iter()
            .enumerate()
            .take(window.end)
            .skip(window.start)
        {
            let chosen = i == p.sel.selected;
            let star = if i < p.lead { "★ " } else { "  " };
            let marker = if chosen { "▶ " } else { "  " };
            let style = if chosen { t.selected } else { t.base };
            lines.push(Line::from(vec![
                Span::styled(marker, style),
                Span::styled(star, t.accent),
                Span::styled(format!("{:<name_width$}  ", guide.name.as_str()), style),
                Span::styled(safe(&guide.title).into_owned(), style),
                // Built in is the rule; a guide from elsewhere says where.
                Span::styled(
                    match guide.source {
                        GuideSource::BuiltIn => String::new(),
                        other => format!(" · {}", other.words()),
                    },
                    t.dim,
                ),
            ]));
        }
        Paragraph::new(lines).render(inner, buf);
        if let Some(guide) = p.selected() {
            let width = usize::from(preview_area.width.saturating_sub(2));
            let mut preview = vec![Line::from(Span::styled(
                format!("When to use: {}", safe(&guide.when)),
                t.dim,
            ))];
            for line in reflowed(&guide.body) {
                for row in wrap_text(&safe(&line), width.max(1)) {
                    preview.push(Line::from(Span::styled(row, t.base)));
                }
            }
            ScrollBox::new(safe(&guide.title).into_owned(), preview, &p.preview, t)
                .popup("PgDn/PgUp scroll")
                .render(preview_area, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agenda_becomes_one_line_of_items() {
        let body = "1. Introductions (10 min): who you are,\n   and why.\n2. Goals\n- a list item";
        assert_eq!(
            one_line(body),
            "Introductions (10 min): who you are, and why.; Goals; a list item"
        );
        assert_eq!(one_line("Project: x\nScope: y"), "Project: x; Scope: y");
    }
}
