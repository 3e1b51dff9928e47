//! Actions: the named intents a key press (or a click) turns into. `update` is the only
//! place that gives them meaning.

use std::fmt;

/// Declares the actions with the names the keymap file uses for them.
macro_rules! actions {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// A named intent.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in `keymap.toml`.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Quit => "quit",
    Suspend => "suspend",
    Help => "help",
    NextPane => "next-pane",
    PrevPane => "prev-pane",
    PaneMatch => "pane-match",
    PanePairings => "pane-pairings",
    PaneCheckIns => "pane-checkins",
    PaneTimeline => "pane-timeline",
    PaneDashboard => "pane-dashboard",
    PanePeople => "pane-people",
    Up => "up",
    Down => "down",
    PageUp => "page-up",
    PageDown => "page-down",
    Top => "top",
    Bottom => "bottom",
    FocusLeft => "focus-left",
    FocusRight => "focus-right",
    Filter => "filter",
    Back => "back",
    Open => "open",
    Undo => "undo",
    Reload => "reload",
    LoadDemo => "load-demo",
    ImportCsv => "import-csv",
    StartEmpty => "start-empty",
    TogglePeople => "toggle-people",
    Approve => "approve",
    Exclude => "exclude",
    Weights => "weights",
    ToggleRejected => "toggle-rejected",
    Plan => "plan",
    Decline => "decline",
    ApproveAbove => "approve-above",
    Compare => "compare",
    Submit => "submit",
    NextField => "next-field",
    PrevField => "prev-field",
    Increase => "increase",
    Decrease => "decrease",
    PauseResume => "pause-resume",
    EndPairing => "end-pairing",
    Rematch => "rematch",
    NewCheckIn => "new-checkin",
    EditCheckIn => "edit-checkin",
    DiscardDraft => "discard-draft",
    EditNotes => "edit-notes",
    HealthThresholds => "health-thresholds",
    NextPeriod => "next-period",
    PaneSync => "pane-sync",
    PaneAudit => "pane-audit",
    WriteBundle => "write-bundle",
    ImportBundle => "import-bundle",
    KeepTheirs => "keep-theirs",
    KeepOurs => "keep-ours",
    KeepBoth => "keep-both",
    EditPerson => "edit-person",
    AddPerson => "add-person",
    PersonStatus => "person-status",
    WriteIntro => "write-intro",
    SearchProgram => "search-program",
    NewReflection => "new-reflection",
    RaiseConcern => "raise-concern",
    ResolveConcern => "resolve-concern",
    PickGuide => "pick-guide",
    GuideToNextSteps => "guide-to-next-steps",
    AddNote => "add-note",
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
