//! The panes, one folder each: state in `mod.rs`, keys and flows in `update.rs`, drawing in
//! `view.rs`; every pane implements [`PaneView`]. The tabs are listed once, in the
//! `panes!` call below: adding a pane is a folder and a line there (plus its key bindings,
//! which are data in `assets/keymap.toml`).
//!
//! May use: `desk`, `domain`, the rest of `tui`.

pub mod audit;
pub mod checkins;
pub mod dashboard;
pub mod r#match;
pub mod pairings;
pub mod people;
pub mod roster;
pub mod sync;
pub mod timeline;
pub mod welcome;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{Overlay, Status};
use super::effect::Effect;
use super::keymap::{Context, Keymap};
use super::theme::Theme;
use super::widgets::footer::Command;
use roster::{Needs, Roster};

/// What a pane's update may change outside the pane: the overlay, the status line, the
/// editor request; and what it may read: the desk's zone and the time.
pub struct Ui<'a> {
    pub overlay: &'a mut Option<Overlay>,
    pub status: &'a mut Option<Status>,
    pub editor_requested: &'a mut bool,
    pub zone: Tz,
    pub now: DateTime<Utc>,
    /// The long job under way, if any (a second one is refused).
    pub job: Option<&'a str>,
}

impl Ui<'_> {
    pub fn info(&mut self, text: impl Into<String>) {
        *self.status = Some(Status::info(text));
    }

    pub fn fail(&mut self, text: impl Into<String>) {
        *self.status = Some(Status::fail(text));
    }

    pub fn open(&mut self, overlay: Overlay) {
        *self.overlay = Some(overlay);
    }
}

/// What a pane's view reads besides the pane.
pub struct Look<'a> {
    pub theme: &'a Theme,
    /// The desk's zone: times on screen are shown in it.
    pub zone: Tz,
}

/// The one interface of a pane: read, act, draw, and say which keys work now.
pub trait PaneView {
    /// What must be read before the pane can show (people are always read).
    fn needs(&self) -> Needs {
        Needs::default()
    }

    /// Shows what was read; returns the effects the pane needs next (e.g. a story to read).
    fn load(&mut self, roster: &Roster) -> Vec<Effect>;

    /// Handles an action while the pane is on screen and no overlay is open.
    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect>;

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>);

    /// The keymap context while the pane has a mode of its own open (the weight editor,
    /// the check-in form); `None` uses the pane's context.
    fn mode(&self) -> Option<Context> {
        None
    }

    /// Whether `action` would do something now (the footer dims the keys that would not).
    fn enabled(&self, action: Action) -> bool {
        let _ = action;
        true
    }

    /// The footer's key hints for `context`, each with whether it works now.
    fn commands(&self, context: Context, keymap: &Keymap) -> Vec<Command> {
        keymap
            .bindings(context)
            .iter()
            .filter_map(|b| Command::new(b, self.enabled(b.action)))
            .collect()
    }

    /// True when the pane wants `Back` itself (to close a popup of its own) rather than its
    /// meaning everywhere else (clearing the status line).
    fn takes_back(&self) -> bool {
        false
    }

    /// The text the main list is filtered by, when the pane has a filter.
    fn filter(&self) -> Option<&str> {
        None
    }

    /// Filters the main list; returns the effects that follow (e.g. a story to read).
    fn set_filter(&mut self, query: &str) -> Vec<Effect> {
        let _ = query;
        Vec::new()
    }

    /// Work left after an event (e.g. best scores near the cursor).
    fn settle(&mut self) {}

    /// The learner the cursor is on, when there is one: the Timeline opens on them.
    fn learner_in_view(&self) -> Option<crate::domain::LearnerId> {
        None
    }

    /// The mouse wheel turned `delta` rows over a screen position: scrolls the box (or
    /// moves the cursor of the list) under it. False when the pane has nothing there; the
    /// wheel then moves the cursor of the focused list.
    fn wheel(&mut self, column: u16, row: u16, delta: isize) -> bool {
        let _ = (column, row, delta);
        false
    }
}

/// Declares the tabs, in order: `Variant "Title" Context => field: Type`.
macro_rules! panes {
    ($($variant:ident $title:literal $context:ident => $field:ident: $ty:ty),+ $(,)?) => {
        /// The tabs across the top, in order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Pane { $($variant),+ }

        impl Pane {
            pub const ALL: &'static [Pane] = &[$(Pane::$variant),+];

            pub fn title(self) -> &'static str {
                match self { $(Pane::$variant => $title),+ }
            }

            pub fn context(self) -> Context {
                match self { $(Pane::$variant => Context::$context),+ }
            }
        }

        /// Every pane's state.
        #[derive(Debug, Default)]
        pub struct Panes { $(pub $field: $ty),+ }

        impl Panes {
            pub fn get(&self, pane: Pane) -> &dyn PaneView {
                match pane { $(Pane::$variant => &self.$field),+ }
            }

            pub fn get_mut(&mut self, pane: Pane) -> &mut dyn PaneView {
                match pane { $(Pane::$variant => &mut self.$field),+ }
            }
        }
    };
}

panes! {
    Match "Match" Match => matching: r#match::MatchState,
    Pairings "Pairings" Pairings => pairings: pairings::PairingsState,
    CheckIns "Check-ins" CheckIns => checkins: checkins::CheckInsState,
    Timeline "Timeline" Timeline => timeline: timeline::TimelineState,
    Dashboard "Dashboard" Dashboard => dashboard: dashboard::DashboardState,
    People "People" People => people: people::PeopleState,
    Sync "Sync" Sync => sync: sync::SyncState,
    Audit "Audit" Audit => audit: audit::AuditState,
}

impl Pane {
    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn cycle(self, step: isize) -> Pane {
        let len = Pane::ALL.len() as isize;
        let next = (self.index() as isize + step).rem_euclid(len) as usize;
        Pane::ALL.get(next).copied().unwrap_or(self)
    }
}
