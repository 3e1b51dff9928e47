//! The footer: the keys that work here and now, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Context, Keymap};
use crate::tui::theme::Theme;

pub struct Footer<'a> {
    pub keymap: &'a Keymap,
    pub context: Context,
    pub theme: &'a Theme,
    /// A one-line prompt is open: moving between fields means nothing there.
    pub one_line: bool,
}

/// Global actions worth a place in every footer, in this order.
const GLOBAL_HINTS: &[crate::tui::action::Action] = {
    use crate::tui::action::Action::*;
    &[Filter, Undo, Help, Quit]
};

impl Footer<'_> {
    /// The bindings to show, in order: this context's, then the global hints.
    fn entries(&self) -> Vec<&Binding> {
        let mut entries: Vec<&Binding> = self.keymap.bindings(self.context).iter().collect();
        let wants_hints = self.context != Context::Global
            && !matches!(
                self.context,
                Context::Form
                    | Context::CheckInForm
                    | Context::Weights
                    | Context::Thresholds
                    | Context::Help
            );
        if wants_hints {
            let hints = if self.context == Context::Welcome {
                &GLOBAL_HINTS[2..]
            } else {
                GLOBAL_HINTS
            };
            let global = self.keymap.bindings(Context::Global);
            entries.extend(
                hints
                    .iter()
                    .filter_map(|action| global.iter().find(|b| b.action == *action)),
            );
        }
        entries.retain(|b| !b.keys.is_empty());
        if self.one_line {
            entries.retain(|b| !matches!(b.action, Action::NextField | Action::PrevField));
        }
        entries
    }
}

/// Cells an entry takes: `key desc`.
fn width(binding: &Binding) -> usize {
    binding.keys.first().map_or(0, |k| {
        k.to_string().chars().count() + 1 + binding.desc.chars().count()
    })
}

/// The entries that fit `room` cells whole (two between each). When some must go, the help
/// key stays last, since the help lists them all.
fn fitting<'a>(entries: &[&'a Binding], room: usize) -> Vec<&'a Binding> {
    let total: usize = entries.iter().map(|b| width(b) + 2).sum();
    if total <= room + 2 {
        return entries.to_vec();
    }
    let help = entries.iter().find(|b| b.action == Action::Help).copied();
    let mut left = room.saturating_sub(help.map_or(0, |h| width(h) + 2));
    let mut kept = Vec::new();
    let is_help = |b: &Binding| help.is_some_and(|h| std::ptr::eq(h, b));
    for binding in entries.iter().filter(|b| !is_help(b)) {
        let needs = width(binding) + if kept.is_empty() { 0 } else { 2 };
        if needs > left {
            break;
        }
        left -= needs;
        kept.push(*binding);
    }
    kept.extend(help);
    kept
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        for binding in fitting(&self.entries(), usize::from(area.width)) {
            let Some(key) = binding.keys.first() else {
                continue;
            };
            if !spans.is_empty() {
                spans.push(Span::styled("  ", self.theme.dim));
            }
            spans.push(Span::styled(key.to_string(), self.theme.key));
            spans.push(Span::raw(format!(" {}", binding.desc)));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;

    fn line(entries: &[&Binding]) -> String {
        entries
            .iter()
            .map(|b| format!("{} {}", b.keys[0], b.desc))
            .collect::<Vec<_>>()
            .join("  ")
    }

    #[test]
    fn entries_are_shown_whole_and_help_stays_when_room_runs_out() {
        let keymap = Keymap::defaults();
        let footer = Footer {
            keymap: &keymap,
            context: Context::Pairings,
            theme: &Theme::standard(),
            one_line: false,
        };
        let all = footer.entries();
        let everything = line(&all);
        assert_eq!(line(&fitting(&all, everything.chars().count())), everything);

        let narrow = fitting(&all, 60);
        let shown = line(&narrow);
        assert!(shown.chars().count() <= 60, "{shown}");
        assert!(shown.ends_with("? help"), "{shown}");
        assert!(narrow.len() < all.len());
        assert!(
            all.iter().any(|b| std::ptr::eq(*b, narrow[0])),
            "the first entries are kept in order"
        );
    }

    #[test]
    fn a_one_line_prompt_does_not_offer_moving_between_fields() {
        let keymap = Keymap::defaults();
        let theme = Theme::standard();
        let footer = |one_line| Footer {
            keymap: &keymap,
            context: Context::Form,
            theme: &theme,
            one_line,
        };
        let moves = |f: &Footer<'_>| {
            f.entries()
                .iter()
                .filter(|b| matches!(b.action, Action::NextField | Action::PrevField))
                .count()
        };
        assert!(moves(&footer(false)) > 0, "a form lists Tab");
        assert_eq!(moves(&footer(true)), 0);
    }
}
