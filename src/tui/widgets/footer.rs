//! The footer: the keys of here and now, generated from the keymap, dimmed when they would do
//! nothing now.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Context, Key, Keymap};
use crate::tui::theme::Theme;

/// One key hint: the key, what it does, and whether it works now (as gitui's command bar:
/// a hint that would do nothing now is shown dimmed rather than hidden, so the footer does
/// not jump about as the cursor moves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub key: Key,
    pub desc: String,
    pub action: Action,
    pub enabled: bool,
}

impl Command {
    /// The hint for a binding (its first key); `None` for a binding with no key.
    pub fn new(binding: &Binding, enabled: bool) -> Option<Command> {
        Some(Command {
            key: *binding.keys.first()?,
            desc: binding.desc.clone(),
            action: binding.action,
            enabled,
        })
    }
}

/// Global actions worth a place in every footer, in this order.
const GLOBAL_HINTS: &[crate::tui::action::Action] = {
    use crate::tui::action::Action::*;
    &[Filter, Undo, PaneAudit, Help, Quit]
};

/// The hints to show, in order: `own` (the context's commands), then the global hints
/// (whether each works now told by `global_enabled`). `one_line`: a one-line prompt is open,
/// where moving between fields means nothing.
pub fn entries(
    keymap: &Keymap,
    context: Context,
    own: Vec<Command>,
    one_line: bool,
    global_enabled: impl Fn(Action) -> bool,
) -> Vec<Command> {
    let mut entries = own;
    // Overlays (which take every key) show only their own.
    let wants_hints = context != Context::Global && context.falls_back_to_global();
    if wants_hints {
        let hints = if context == Context::Welcome {
            &GLOBAL_HINTS[3..]
        } else {
            GLOBAL_HINTS
        };
        let global = keymap.bindings(Context::Global);
        // On the Audit pane, the key that opens it says nothing new.
        let hints = hints
            .iter()
            .filter(|a| !(context == Context::Audit && **a == Action::PaneAudit));
        // A pane that binds the action itself shows it among its own; one that takes the
        // key for something else (`/` searches in Check-ins) leaves the hint out.
        let here = keymap.bindings(context);
        entries.extend(hints.filter_map(|action| {
            let binding = global.iter().find(|b| b.action == *action)?;
            let key = binding.keys.first()?;
            if here
                .iter()
                .any(|b| b.action == *action || b.keys.contains(key))
            {
                return None;
            }
            Command::new(binding, global_enabled(*action))
        }));
    }
    if one_line {
        entries.retain(|c| !matches!(c.action, Action::NextField | Action::PrevField));
    }
    entries
}

/// The footer line.
pub struct Footer<'a> {
    pub commands: &'a [Command],
    pub theme: &'a Theme,
}

/// Cells an entry takes: `key desc`.
fn width(command: &Command) -> usize {
    command.key.to_string().chars().count() + 1 + command.desc.chars().count()
}

/// The entries that fit `room` cells whole (two between each). When some must go, the help
/// key stays last, since the help lists them all.
fn fitting(entries: &[Command], room: usize) -> Vec<&Command> {
    let total: usize = entries.iter().map(|c| width(c) + 2).sum();
    if total <= room + 2 {
        return entries.iter().collect();
    }
    let help = entries.iter().find(|c| c.action == Action::Help);
    let mut left = room.saturating_sub(help.map_or(0, |h| width(h) + 2));
    let mut kept = Vec::new();
    for command in entries.iter().filter(|c| c.action != Action::Help) {
        let needs = width(command) + if kept.is_empty() { 0 } else { 2 };
        if needs > left {
            break;
        }
        left -= needs;
        kept.push(command);
    }
    kept.extend(help);
    kept
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut spans = Vec::new();
        for command in fitting(self.commands, usize::from(area.width)) {
            if !spans.is_empty() {
                spans.push(Span::styled("  ", self.theme.dim));
            }
            let (key, desc) = if command.enabled {
                (self.theme.key, self.theme.base)
            } else {
                (self.theme.dim, self.theme.dim)
            };
            spans.push(Span::styled(command.key.to_string(), key));
            spans.push(Span::styled(format!(" {}", command.desc), desc));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;

    fn line(entries: &[&Command]) -> String {
        entries
            .iter()
            .map(|c| format!("{} {}", c.key, c.desc))
            .collect::<Vec<_>>()
            .join("  ")
    }

    fn all_of(keymap: &Keymap, context: Context, one_line: bool) -> Vec<Command> {
        let own = keymap
            .bindings(context)
            .iter()
            .filter_map(|b| Command::new(b, true))
            .collect();
        entries(keymap, context, own, one_line, |_| true)
    }

    #[test]
    fn entries_are_shown_whole_and_help_stays_when_room_runs_out() {
        let keymap = Keymap::defaults();
        let all = all_of(&keymap, Context::Pairings, false);
        let everything = line(&all.iter().collect::<Vec<_>>());
        assert_eq!(line(&fitting(&all, everything.chars().count())), everything);

        let narrow = fitting(&all, 60);
        let shown = line(&narrow);
        assert!(shown.chars().count() <= 60, "{shown}");
        assert!(shown.ends_with("? help"), "{shown}");
        assert!(narrow.len() < all.len());
        assert_eq!(narrow[0], &all[0], "the first entries are kept in order");
    }

    #[test]
    fn a_one_line_prompt_does_not_offer_moving_between_fields() {
        let keymap = Keymap::defaults();
        let moves = |one_line| {
            all_of(&keymap, Context::Form, one_line)
                .iter()
                .filter(|c| matches!(c.action, Action::NextField | Action::PrevField))
                .count()
        };
        assert!(moves(false) > 0, "a form lists Tab");
        assert_eq!(moves(true), 0);
    }

    #[test]
    fn a_command_that_would_do_nothing_is_dimmed_not_hidden() {
        let keymap = Keymap::defaults();
        let own = keymap
            .bindings(Context::Match)
            .iter()
            .filter_map(|b| Command::new(b, b.action != Action::Approve))
            .collect();
        let shown = entries(&keymap, Context::Match, own, false, |a| a != Action::Undo);
        let approve = shown.iter().find(|c| c.action == Action::Approve).unwrap();
        assert!(!approve.enabled);
        let undo = shown.iter().find(|c| c.action == Action::Undo).unwrap();
        assert!(!undo.enabled);
        let theme = Theme::monochrome();
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 1));
        Footer {
            commands: &shown,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        let text: String = (0..120).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(text.starts_with("a approve"), "{text}");
    }
}
