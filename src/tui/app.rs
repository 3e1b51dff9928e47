//! The desk's state: which pane is up, what each pane shows, overlays, the status line.
//! Views read it; only `update` changes it.

use std::path::Path;

use tui_input::Input;

use crate::desk::Decision;
use crate::desk::Desk;
use crate::domain::{LearnerId, MentorId};
use crate::tui::jobs::Job;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::panes::checkins::CheckInsState;
use crate::tui::panes::r#match::MatchState;
use crate::tui::panes::pairings::PairingsState;
use crate::tui::panes::people::PeopleState;
use crate::tui::panes::timeline::TimelineState;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;

/// The tabs across the top, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Match,
    Pairings,
    CheckIns,
    Timeline,
    Dashboard,
    People,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::Match,
        Pane::Pairings,
        Pane::CheckIns,
        Pane::Timeline,
        Pane::Dashboard,
        Pane::People,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Match => "Match",
            Pane::Pairings => "Pairings",
            Pane::CheckIns => "Check-ins",
            Pane::Timeline => "Timeline",
            Pane::Dashboard => "Dashboard",
            Pane::People => "People",
        }
    }

    pub fn context(self) -> Context {
        match self {
            Pane::Match => Context::Match,
            Pane::Pairings => Context::Pairings,
            Pane::CheckIns => Context::CheckIns,
            Pane::Timeline => Context::Timeline,
            Pane::Dashboard => Context::Dashboard,
            Pane::People => Context::People,
        }
    }

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn cycle(self, step: isize) -> Pane {
        let len = Pane::ALL.len() as isize;
        let next = (self.index() as isize + step).rem_euclid(len) as usize;
        Pane::ALL[next]
    }
}

/// What the whole screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// First run on an empty database.
    Welcome,
    Desk,
}

/// What a one-line prompt is asking for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    /// Live filter of the current list.
    Filter,
    /// Paths of CSV files to import.
    ImportPaths,
    /// Why a mentor must never be proposed for a learner.
    ExcludeReason {
        learner: LearnerId,
        mentor: MentorId,
        label: String,
    },
    /// Whether to throw away unsaved input and quit.
    ConfirmQuit,
    /// Which strategy to plan the cohort with.
    ChooseStrategy,
    /// Why a proposal is declined (optional).
    DeclineReason {
        pairing: crate::domain::PairingId,
        label: String,
    },
    /// The score at or above which every shown proposal is approved.
    ApproveAbove,
    /// Why a pairing ends; with `rematch`, the learner then goes back to the Match pane with
    /// this mentor excluded.
    EndReason {
        pairing: crate::domain::PairingId,
        label: String,
        rematch: bool,
    },
}

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// The agreement of a pairing about to be approved.
    Approve {
        learner: LearnerId,
        mentor: MentorId,
        label: String,
    },
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub title: String,
    pub hint: String,
    pub input: Input,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(purpose: PromptPurpose, title: &str, hint: &str, value: &str) -> Prompt {
        Prompt {
            purpose,
            title: title.to_string(),
            hint: hint.to_string(),
            input: Input::new(value.to_string()),
            error: None,
        }
    }
}

/// Something drawn over the panes that takes the keys while it is open.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Prompt(Prompt),
    Form {
        form: Form,
        purpose: FormPurpose,
    },
    /// Read-only text (a pairing, a time-line entry); lines starting `# ` are headings.
    Detail {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    /// Health thresholds being tried from the Pairings pane.
    Thresholds(crate::tui::panes::pairings::thresholds::ThresholdsDraft),
}

/// The line under the panes: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Work the desk needs from outside the `tui` module (CSV files, the demo generator),
/// handed in by the binary so `tui` depends only on `desk` and `domain`.
pub struct Services {
    /// Imports one CSV file (learners or mentors, told by its header); returns a summary.
    pub import_csv: fn(&mut Desk, &Path) -> Result<String, String>,
    /// Fills an empty desk with the demo program; returns a summary.
    pub load_demo: fn(&mut Desk) -> Result<String, String>,
}

pub struct App {
    pub desk: Desk,
    pub services: Services,
    pub keymap: Keymap,
    pub theme: Theme,
    pub screen: Screen,
    pub pane: Pane,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub people: PeopleState,
    pub matching: MatchState,
    pub pairings: PairingsState,
    pub checkins: CheckInsState,
    pub timeline: TimelineState,
    /// Set when the notes should open in the person's editor; the event loop, which owns
    /// the terminal, suspends the desk, runs the editor and hands the text back.
    pub editor_requested: bool,
    /// The desk's zone: times on screen are shown in it.
    pub zone: chrono_tz::Tz,
    /// Long work under way on another thread.
    pub job: Option<Job>,
    /// Decisions of this session, newest last, for `u`.
    pub undo: Vec<Decision>,
    /// An overlay put aside while a confirmation is asked.
    pub stashed: Option<Overlay>,
    pub quit: bool,
    /// Panes whose data is current.
    pub loaded: Vec<Pane>,
    /// People (and, once needed, check-ins) read for the current data.
    pub roster: Option<crate::tui::panes::roster::Roster>,
    /// Check-ins read before a decision, still current, for the next roster.
    carried: Option<std::rc::Rc<crate::desk::FollowUp>>,
}

impl App {
    /// A desk app over `desk`; shows the welcome screen when the database is empty.
    pub fn new(mut desk: Desk, services: Services, keymap: Keymap, theme: Theme) -> App {
        let empty = desk.is_empty().unwrap_or(false);
        let mut app = App {
            desk,
            services,
            keymap,
            theme,
            screen: if empty { Screen::Welcome } else { Screen::Desk },
            pane: Pane::Match,
            overlay: None,
            status: None,
            people: PeopleState::default(),
            matching: MatchState::default(),
            pairings: PairingsState::default(),
            checkins: CheckInsState::default(),
            timeline: TimelineState::default(),
            editor_requested: false,
            zone: chrono_tz::UTC,
            job: None,
            undo: Vec::new(),
            stashed: None,
            quit: false,
            loaded: Vec::new(),
            roster: None,
            carried: None,
        };
        app.reload();
        app
    }

    /// Re-reads what the panes show from the database.
    ///
    /// Only the pane on screen is read now; the others are read when first shown, so
    /// starting the desk and saving a decision cost one pane, not six.
    pub fn reload(&mut self) {
        self.carried = None;
        self.refresh();
    }

    /// As [`App::reload`] after a change that wrote no check-in (approve, decline, pause,
    /// end, rematch, exclude, settings): the check-ins already read are kept, since reading
    /// them all is most of a reload on a large program.
    pub fn reload_after_decision(&mut self) {
        self.carried = self
            .roster
            .take()
            .and_then(crate::tui::panes::roster::Roster::into_follow_up)
            .or(self.carried.take());
        self.refresh();
    }

    fn refresh(&mut self) {
        if let Ok(zone) = self.desk.default_zone() {
            self.zone = zone;
        }
        self.loaded.clear();
        self.roster = None;
        self.show(self.pane);
    }

    /// Switches to `pane`, reading its data first when it is not current.
    pub fn show(&mut self, pane: Pane) {
        self.pane = pane;
        if self.loaded.contains(&pane) {
            return;
        }
        if self.roster.is_none() {
            match crate::tui::panes::roster::Roster::read(&mut self.desk, self.carried.take()) {
                Ok(roster) => self.roster = Some(roster),
                Err(e) => {
                    self.fail(format!("Could not read people: {e}"));
                    return;
                }
            }
        }
        let Some(mut roster) = self.roster.take() else {
            return;
        };
        let result = match pane {
            Pane::People => {
                self.people.load(&roster);
                Ok(())
            }
            Pane::Match => self.matching.load(&mut self.desk, &roster),
            Pane::Pairings => {
                if !self.loaded.contains(&Pane::Match) {
                    // The best-score column ranks against a fresh match board; the Match
                    // pane's own lists (waiting learners, ranking) are read when it is shown.
                    self.matching.board = self.desk.match_board_for(roster.mentors.to_vec()).ok();
                }
                roster.follow_up(&mut self.desk).map(|follow_up| {
                    self.pairings
                        .load(self.matching.board.as_ref(), &roster, follow_up)
                })
            }
            Pane::CheckIns => roster
                .follow_up(&mut self.desk)
                .map(|follow_up| self.checkins.load(&roster, follow_up)),
            Pane::Timeline => self.timeline.load(&mut self.desk, &roster),
            Pane::Dashboard => Ok(()),
        };
        self.roster = Some(roster);
        match result {
            Ok(()) => self.loaded.push(pane),
            Err(e) => self.fail(format!("Could not read the {} pane: {e}", pane.title())),
        }
    }

    /// Work left after an event: the best scores of the proposals now near the cursor.
    pub fn settle(&mut self) {
        if self.pane == Pane::Pairings {
            self.pairings.fill_best(self.matching.board.as_ref());
        }
    }

    /// The keymap context the next key press is read in.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Prompt(_)) | Some(Overlay::Form { .. }) => Context::Form,
            Some(Overlay::Detail { .. }) => Context::Help,
            Some(Overlay::Thresholds(_)) => Context::Thresholds,
            None if self.screen == Screen::Welcome => Context::Welcome,
            None if self.pane == Pane::Match && self.matching.draft.is_some() => Context::Weights,
            None if self.pane == Pane::CheckIns && self.checkins.form_open => Context::CheckInForm,
            None => self.pane.context(),
        }
    }

    /// Applies the background job's outcome once it has finished.
    pub fn poll_job(&mut self) {
        if let Some(outcome) = self.job.as_ref().and_then(Job::poll) {
            crate::tui::panes::pairings::update::finish_job(self, outcome);
        }
    }

    /// Waits up to `limit` for the background job and applies its outcome (tests).
    pub fn wait_for_job(&mut self, limit: std::time::Duration) {
        if let Some(outcome) = self.job.as_ref().and_then(|job| job.wait(limit)) {
            crate::tui::panes::pairings::update::finish_job(self, outcome);
        }
    }

    /// Says how something went on the status line, and in the log (where a long message
    /// a narrow screen cuts can be read whole).
    pub fn info(&mut self, text: impl Into<String>) {
        let text = text.into();
        tracing::info!(status = %text, "shown");
        self.status = Some(Status {
            text,
            is_error: false,
        });
    }

    pub fn fail(&mut self, text: impl Into<String>) {
        let text = text.into();
        tracing::warn!(status = %text, "shown as an error");
        self.status = Some(Status {
            text,
            is_error: true,
        });
    }
}
