//! Key bindings as data: per-context tables with a description for each binding, read from
//! the embedded `assets/keymap.toml` and an optional user file. The footer and the help
//! overlay are generated from these tables; clashes are reported when the map is built.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;

const DEFAULTS: &str = include_str!("../../assets/keymap.toml");

/// Where a binding works. `Global` bindings apply under every pane context unless the pane
/// binds the same key; overlays (`Form`, `Weights`, `Thresholds`, `Help`, `Prompt`) see only
/// their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    Global,
    Welcome,
    Match,
    Pairings,
    #[serde(rename = "checkins")]
    CheckIns,
    Timeline,
    Dashboard,
    People,
    /// The Sync pane of a coordinator's desk.
    Sync,
    /// The audit trail (Ctrl-a from any pane).
    Audit,
    Form,
    /// The check-in form: its notes take Enter and arrows as text.
    #[serde(rename = "checkin-form")]
    CheckInForm,
    /// The reflection form (Timeline pane): its text takes Enter and arrows as text.
    #[serde(rename = "reflection-form")]
    ReflectionForm,
    /// The check-in form's guide picker (Ctrl-g in the form).
    #[serde(rename = "guide-picker")]
    GuidePicker,
    Weights,
    /// The health thresholds editor (from the Pairings pane).
    Thresholds,
    Help,
    /// A read-only popup: a time-line entry or an audit entry opened on one screen.
    Detail,
    /// A pairing opened on one screen (Enter in Pairings): scrolls like a detail, and takes
    /// a coordinator's note.
    #[serde(rename = "pairing-view")]
    PairingView,
    /// A coordinator's note being written: Enter is a new line, so saving is Ctrl-s.
    #[serde(rename = "note-form")]
    NoteForm,
    /// What a search of the program's words found: a list to choose from.
    #[serde(rename = "search-results")]
    SearchResults,
}

impl Context {
    /// Overlays take every key; panes fall back to the global table.
    pub(crate) fn falls_back_to_global(self) -> bool {
        !matches!(
            self,
            Context::Form
                | Context::CheckInForm
                | Context::ReflectionForm
                | Context::GuidePicker
                | Context::Weights
                | Context::Thresholds
                | Context::Help
                | Context::Detail
                | Context::PairingView
                | Context::NoteForm
                | Context::SearchResults
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Welcome => "Welcome",
            Context::Match => "Match",
            Context::Pairings => "Pairings",
            Context::CheckIns => "Check-ins",
            Context::Timeline => "Timeline",
            Context::Dashboard => "Dashboard",
            Context::People => "People",
            Context::Sync => "Sync",
            Context::Audit => "Audit",
            Context::Form => "Forms",
            Context::CheckInForm => "Check-in form",
            Context::ReflectionForm => "Reflection form",
            Context::GuidePicker => "Guide picker",
            Context::Weights => "Weights",
            Context::Thresholds => "Health thresholds",
            Context::Help => "Help",
            Context::Detail => "Opened entry",
            Context::PairingView => "Opened pairing",
            Context::NoteForm => "Coordinator's note",
            Context::SearchResults => "Search results",
        }
    }
}

/// One key with its modifiers (shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

/// `KeyCode` reduced to what bindings use, ordered for stable listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum KeyCodeOrd {
    Char(char),
    Named(u8),
    F(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
];

impl Key {
    /// Parses `a`, `A`, `?`, `enter`, `ctrl-s`, `alt-x`, `f1`, `space`.
    pub fn parse(raw: &str) -> Result<Key, String> {
        let mut rest = raw.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(c),
            _ if rest == "space" => KeyCodeOrd::Char(' '),
            _ => {
                if let Some(i) = NAMED.iter().position(|(name, _)| *name == rest) {
                    KeyCodeOrd::Named(i as u8)
                } else if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCodeOrd::F(n)
                } else {
                    return Err(format!("unknown key {raw:?}"));
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// The binding key for a terminal key event.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => KeyCodeOrd::Named(NAMED.iter().position(|(_, code)| *code == other)? as u8),
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(i) => {
                let name = match NAMED.get(usize::from(i)).map(|(n, _)| *n) {
                    Some("enter") => "Enter",
                    Some("esc") => "Esc",
                    Some("tab") => "Tab",
                    Some("backtab") => "Shift-Tab",
                    Some("up") => "↑",
                    Some("down") => "↓",
                    Some("left") => "←",
                    Some("right") => "→",
                    Some("pageup") => "PgUp",
                    Some("pagedown") => "PgDn",
                    Some("home") => "Home",
                    Some("end") => "End",
                    Some("backspace") => "Backspace",
                    Some("delete") => "Del",
                    _ => "?",
                };
                f.write_str(name)
            }
        }
    }
}

/// One binding: keys, what they do, and the words the footer and help show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: String,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default)]
    binding: Vec<RawBinding>,
}

#[derive(Debug, Deserialize)]
struct RawBinding {
    context: Context,
    keys: Vec<String>,
    action: String,
    desc: Option<String>,
}

/// The bindings of every context.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: BTreeMap<Context, Vec<Binding>>,
}

impl Keymap {
    /// The embedded defaults with `user` (the text of a user `keymap.toml`) laid over them.
    /// Returns the map and the problems found: bad entries in the user file and clashes.
    pub fn build(user: Option<&str>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        let mut map = Keymap {
            tables: BTreeMap::new(),
        };
        match toml::from_str::<File>(DEFAULTS) {
            Ok(file) => map.apply(file, false, &mut problems),
            Err(e) => problems.push(format!("built-in keymap: {e}")),
        }
        if let Some(text) = user {
            match toml::from_str::<File>(text) {
                Ok(file) => map.apply(file, true, &mut problems),
                Err(e) => problems.push(format!("keymap.toml: {}", e.message())),
            }
        }
        problems.extend(map.clashes());
        (map, problems)
    }

    /// Just the defaults (tests, and the fallback when the user file cannot be read).
    pub fn defaults() -> Keymap {
        Keymap::build(None).0
    }

    fn apply(&mut self, file: File, overriding: bool, problems: &mut Vec<String>) {
        for raw in file.binding {
            let Some(action) = Action::from_name(&raw.action) else {
                problems.push(format!("keymap.toml: unknown action {:?}", raw.action));
                continue;
            };
            let mut keys = Vec::new();
            for key in &raw.keys {
                match Key::parse(key) {
                    Ok(k) => keys.push(k),
                    Err(e) => problems.push(format!("keymap.toml: {e}")),
                }
            }
            let table = self.tables.entry(raw.context).or_default();
            match table
                .iter_mut()
                .find(|b| b.action == action)
                .filter(|_| overriding)
            {
                Some(existing) => {
                    existing.keys = keys;
                    if let Some(desc) = raw.desc {
                        existing.desc = desc;
                    }
                }
                None => table.push(Binding {
                    keys,
                    action,
                    desc: raw.desc.unwrap_or_else(|| action.name().replace('-', " ")),
                }),
            }
        }
    }

    /// Keys bound to two different actions in one context.
    fn clashes(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (context, table) in &self.tables {
            let mut seen: BTreeMap<Key, Action> = BTreeMap::new();
            for binding in table {
                for key in &binding.keys {
                    if let Some(other) = seen.insert(*key, binding.action)
                        && other != binding.action
                    {
                        problems.push(format!(
                            "key {key} is bound twice in {}: {other} and {}",
                            context.label(),
                            binding.action
                        ));
                    }
                }
            }
        }
        problems
    }

    /// The action a key press means in `context`.
    pub fn resolve(&self, context: Context, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        let find = |ctx: Context| {
            self.tables
                .get(&ctx)?
                .iter()
                .find(|b| b.keys.contains(&key))
                .map(|b| b.action)
        };
        find(context).or_else(|| {
            if context.falls_back_to_global() {
                find(Context::Global)
            } else {
                None
            }
        })
    }

    pub fn bindings(&self, context: Context) -> &[Binding] {
        self.tables
            .get(&context)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The first key bound to `action` in `context` (or globally), for hints in text.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        [context, Context::Global].into_iter().find_map(|ctx| {
            self.bindings(ctx)
                .iter()
                .find(|b| b.action == action)
                .and_then(|b| b.keys.first().copied())
        })
    }

    pub fn contexts(&self) -> impl Iterator<Item = Context> + '_ {
        self.tables.keys().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    #[test]
    fn defaults_parse_without_clashes() {
        let (_, problems) = Keymap::build(None);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn pane_keys_win_over_global_and_fall_back() {
        let map = Keymap::defaults();
        let a = press(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Match, a), Some(Action::Approve));
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Match, q), Some(Action::Quit));
        assert_eq!(
            map.resolve(Context::Form, q),
            None,
            "forms take letters as text"
        );
        let ctrl_s = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(map.resolve(Context::Form, ctrl_s), Some(Action::Submit));
        let shifted = press(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(
            map.resolve(Context::Pairings, shifted),
            Some(Action::ApproveAbove)
        );
    }

    #[test]
    fn user_file_overrides_and_clashes_are_reported() {
        let user = r#"
            [[binding]]
            context = "match"
            keys = ["y"]
            action = "approve"

            [[binding]]
            context = "match"
            keys = ["y"]
            action = "exclude"

            [[binding]]
            context = "match"
            keys = ["z"]
            action = "fly"
        "#;
        let (map, problems) = Keymap::build(Some(user));
        let y = press(KeyCode::Char('y'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Match, y), Some(Action::Approve));
        assert!(
            problems.iter().any(|p| p.contains("bound twice")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("unknown action")),
            "{problems:?}"
        );
    }

    #[test]
    fn slash_searches_the_program_in_check_ins_and_filters_elsewhere() {
        let map = Keymap::defaults();
        let key = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(
            map.resolve(Context::CheckIns, key('/')),
            Some(Action::SearchProgram)
        );
        assert_eq!(
            map.resolve(Context::CheckIns, key('f')),
            Some(Action::Filter)
        );
        assert_eq!(map.resolve(Context::People, key('/')), Some(Action::Filter));
        for context in [Context::People, Context::Pairings, Context::CheckIns] {
            assert_eq!(
                map.resolve(context, key('S')),
                Some(Action::SearchProgram),
                "{context:?}"
            );
        }
        assert_eq!(
            map.resolve(Context::PairingView, key('n')),
            Some(Action::AddNote)
        );
        assert_eq!(map.resolve(Context::Detail, key('n')), None);
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::NoteForm, enter), None, "a new line");
        assert_eq!(
            map.resolve(Context::SearchResults, enter),
            Some(Action::Open)
        );
    }

    #[test]
    fn keys_print_for_people() {
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl-s");
        assert_eq!(Key::parse("backtab").unwrap().to_string(), "Shift-Tab");
        assert!(Key::parse("hyper-x").is_err());
    }
}
