//! What can be drawn over the panes and take the keys while it is open: help, a one-line
//! prompt, a form, a read-only detail, the health thresholds editor. Also the screen as a
//! whole and the status line.

use tui_input::Input;

use super::panes::pairings::detail::PairingDetail;
use super::panes::pairings::thresholds::ThresholdsDraft;
use super::panes::timeline::detail::EntryDetail;
use super::widgets::form::Form;
use super::widgets::scroll::Scroll;
use crate::domain::{LearnerId, MentorId};

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
    /// Whether to throw away the check-in draft for `label`, which holds typed input
    /// (a discarded draft cannot be undone).
    ConfirmDiscardDraft { label: String },
    /// Which strategy to plan the cohort with.
    ChooseStrategy,
    /// Why a proposal is declined (optional).
    DeclineReason {
        pairing: crate::domain::PairingId,
        label: String,
    },
    /// The score at or above which every shown proposal is approved.
    ApproveAbove,
    /// Whether to approve these proposals (those shown at or above `cutoff`, in points) in
    /// one step.
    ConfirmApproveAll {
        cutoff: u32,
        proposals: Vec<(crate::domain::PairingId, String)>,
    },
    /// Whether to take back a decision made before this session (`u`).
    ConfirmUndo {
        operation: crate::domain::OperationId,
    },
    /// Why a pairing ends; with `rematch`, the learner then goes back to the Match pane with
    /// this mentor excluded.
    EndReason {
        pairing: crate::domain::PairingId,
        label: String,
        rematch: bool,
    },
    /// Mentor desk: where to write the bundle for the coordinator.
    BundlePath,
    /// Coordinator's desk: which bundle to import.
    BundleToImport,
    /// Words to find across the program (check-ins, notes, goals, needs).
    SearchProgram,
    /// Whether to throw away the coordinator's note being written (y / Esc).
    ConfirmDropNote,
    /// A person's new status (see `daily::status_prompt`).
    PersonStatus {
        kind: crate::desk::PersonKind,
        id: String,
    },
    /// Whether to resolve a conflict as said (y / Esc).
    ConfirmResolve {
        conflict: i64,
        keep: crate::desk::Keep,
        label: String,
    },
    /// What was done about concern `concern` (resolving it; see `concerns`).
    ResolveConcern { concern: i64, label: String },
}

impl PromptPurpose {
    /// What Enter does here, for the footer ("Enter decline", not a generic "save").
    pub fn submit_words(&self) -> &'static str {
        match self {
            PromptPurpose::Filter => "apply",
            PromptPurpose::ImportPaths | PromptPurpose::BundleToImport => "import",
            PromptPurpose::ExcludeReason { .. } => "exclude",
            PromptPurpose::ChooseStrategy => "plan",
            PromptPurpose::DeclineReason { .. } => "decline",
            PromptPurpose::ApproveAbove => "count them",
            PromptPurpose::EndReason { rematch: true, .. } => "end and rematch",
            PromptPurpose::EndReason { .. } => "end",
            PromptPurpose::BundlePath => "write",
            PromptPurpose::ResolveConcern { .. } => "resolve",
            #[allow(unreachable_patterns)]
            _ => "answer",
        }
    }
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
    /// A person's fields, edited.
    EditPerson {
        kind: crate::desk::PersonKind,
        id: String,
    },
    /// A person added by hand.
    AddPerson(crate::desk::PersonKind),
    /// A concern raised on a pairing (see `concerns`).
    RaiseConcern {
        pairing: crate::domain::PairingId,
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
        scroll: Scroll,
    },
    Prompt(Prompt),
    Form {
        form: Form,
        purpose: FormPurpose,
    },
    /// A pairing or a time-line entry on one screen, read-only; the view formats it.
    Detail {
        detail: Detail,
        scroll: Scroll,
    },
    /// Health thresholds being tried from the Pairings pane.
    Thresholds(ThresholdsDraft),
    /// What a search of the program's words found (see `search`).
    Search(super::search::SearchList),
    /// A coordinator's note being written on a pairing (see `note`).
    Note(Box<super::note::NoteDraft>),
}

/// The line under the panes: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// What a detail overlay shows: data, formatted by its view.
#[derive(Debug, Clone)]
pub enum Detail {
    Pairing(Box<PairingDetail>),
    Entry(Box<EntryDetail>),
    /// An audit entry's before and after (the Audit pane's Enter).
    Audit(Box<crate::desk::AuditLine>),
}

impl Status {
    /// A status saying how something went, also written to the log (where a long message
    /// a narrow screen cuts can be read whole).
    pub fn info(text: impl Into<String>) -> Status {
        let text = text.into();
        tracing::info!(status = %text, "shown");
        Status {
            text,
            is_error: false,
        }
    }

    pub fn fail(text: impl Into<String>) -> Status {
        let text = text.into();
        tracing::warn!(status = %text, "shown as an error");
        Status {
            text,
            is_error: true,
        }
    }
}
