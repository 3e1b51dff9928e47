//! Pairings under way: open one (agreement, check-ins, milestones), pause or resume it, end it
//! with a reason, or rematch (end, exclude the mentor, and go to the learner's candidates).
//! Every move is an effect on the desk; refusals land on the status line.

use super::PairingsState;
use super::detail::PairingDetail;
use crate::desk::DeskError;
use crate::domain::{LearnerId, PairingId, PairingStatus};
use crate::tui::app::{App, Detail, Overlay, Prompt, PromptPurpose};
use crate::tui::effect::Effect;
use crate::tui::panes::{Pane, Ui};

/// The reasons a person can pick by number in the end prompt, in the order shown.
const NAMED_REASONS: [&str; 5] = [
    "goals met",
    "no-show",
    "mismatch",
    "learner left",
    "mentor left",
];

impl PairingsState {
    /// The selected pairing under way and a label for messages, or a message on the status
    /// line.
    fn selected_under_way(&self, ui: &mut Ui<'_>) -> Option<(PairingId, PairingStatus, String)> {
        match self.selected_active() {
            Some(r) => Some((
                r.row.pairing.id,
                r.row.pairing.status,
                format!("{} → {}", r.row.learner_name, r.row.mentor_name),
            )),
            None => {
                ui.fail("Pick a pairing under way first (the lower list; l or ↓ moves there)");
                None
            }
        }
    }

    /// `P`: pauses an active pairing, resumes a paused one.
    pub(super) fn pause_or_resume(&self, ui: &mut Ui<'_>) -> Vec<Effect> {
        let Some((pairing, status, label)) = self.selected_under_way(ui) else {
            return Vec::new();
        };
        vec![if status == PairingStatus::Paused {
            Effect::Resume { pairing, label }
        } else {
            Effect::Pause { pairing, label }
        }]
    }

    /// `E` and `R`: asks why the pairing ends.
    pub(super) fn ask_end_reason(&self, ui: &mut Ui<'_>, rematch: bool) {
        let Some((pairing, _, label)) = self.selected_under_way(ui) else {
            return;
        };
        let verb = if rematch { "Rematch" } else { "End" };
        let choices: Vec<String> = NAMED_REASONS
            .iter()
            .enumerate()
            .filter(|(_, r)| !rematch || !matches!(**r, "goals met" | "learner left"))
            .map(|(i, r)| format!("{} {r}", i + 1))
            .collect();
        let title = format!("{verb} {label}: why? {} · or type", choices.join(" · "));
        ui.open(Overlay::Prompt(Prompt::new(
            PromptPurpose::EndReason {
                pairing,
                label,
                rematch,
            },
            &title,
            "a number or your own words · Enter confirms · Esc cancels",
            "",
        )));
    }

    /// `Enter`: the selected pairing on one screen; the desk reads its check-ins and
    /// milestones.
    pub(super) fn open_pairing(&self, ui: &mut Ui<'_>) -> Vec<Effect> {
        match self.selected_active() {
            Some(row) => vec![Effect::OpenPairing(Box::new(row.clone()))],
            None => {
                ui.fail("Pick a pairing under way first (the lower list)");
                Vec::new()
            }
        }
    }
}

/// A reason as typed: a number picks a named reason.
fn reason_from(text: &str) -> String {
    let text = text.trim();
    text.parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| NAMED_REASONS.get(i))
        .map_or_else(|| text.to_string(), |r| (*r).to_string())
}

/// Ends (or rematches) the pairing the prompt names. An empty reason keeps the prompt open
/// with an error; a refusal from the desk goes to the status line.
pub(crate) fn submit_end(app: &mut App, mut prompt: Prompt) {
    let PromptPurpose::EndReason {
        pairing,
        label,
        rematch,
    } = prompt.purpose.clone()
    else {
        return;
    };
    let reason = reason_from(prompt.input.value());
    if reason.is_empty() {
        prompt.error = Some("type a number or a reason".into());
        app.overlay = Some(Overlay::Prompt(prompt));
        return;
    }
    app.submit(if rematch {
        Effect::Rematch {
            pairing,
            label,
            reason,
        }
    } else {
        Effect::End {
            pairing,
            label,
            reason,
        }
    });
}

/// A pause, resume or end is back from the desk.
pub(crate) fn on_moved(app: &mut App, verb: &str, label: &str, result: Result<String, DeskError>) {
    match result {
        Ok(message) => {
            app.refresh();
            app.info(message);
        }
        Err(e) => app.fail(format!("Could not {verb} {label}: {e}")),
    }
}

/// A rematch is back: the learner's candidates come up once the Match pane is read again.
pub(crate) fn on_rematched(
    app: &mut App,
    label: String,
    reason: String,
    result: Result<LearnerId, DeskError>,
) {
    match result {
        Ok(learner) => {
            app.refresh();
            app.after_read = Some(crate::tui::app::AfterRead::Rematched {
                learner,
                label,
                reason,
            });
            app.switch(Pane::Match);
        }
        Err(e) => app.fail(format!("Could not rematch {label}: {e}")),
    }
}

/// The pairing's check-ins and milestones have been read: it opens on one screen.
pub(crate) fn on_pairing_opened(app: &mut App, mut detail: Box<PairingDetail>) {
    // A pair that has not met yet is shown the agenda for their first session.
    if detail.row.row.pairing.status.holds_seat() {
        detail.first_session = app
            .panes
            .checkins
            .guides
            .get(crate::domain::guide::FIRST_SESSION)
            .cloned();
    }
    app.overlay = Some(Overlay::Detail {
        detail: Detail::Pairing(detail),
        scroll: Default::default(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_pick_named_reasons() {
        assert_eq!(reason_from(" 2 "), "no-show");
        assert_eq!(reason_from("5"), "mentor left");
        assert_eq!(reason_from("9"), "9");
        assert_eq!(reason_from("moved abroad"), "moved abroad");
    }
}
