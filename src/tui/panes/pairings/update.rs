//! Pairings flows: planning the cohort in the background, reviewing proposals (approve,
//! decline, approve all above a score) and comparing strategies, with what the desk answers
//! to each. Pairings under way are handled in `lifecycle.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::view::PairingsView;
use super::{PairingsState, Section};
use crate::desk::{CohortInput, CohortPlan, DeskError};
use crate::domain::OperationId;
use crate::domain::{Agreement, PairingId};
use crate::matching::{Strategy, score_text};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Prompt, PromptPurpose};
use crate::tui::effect::{CohortUse, Effect};
use crate::tui::panes::r#match::update::open_agreement_form;
use crate::tui::panes::roster::{Needs, Roster};
use crate::tui::panes::{Look, PaneView, Ui};
use crate::tui::runtime::jobs::{Job, JobOutcome};

impl PaneView for PairingsState {
    fn needs(&self) -> Needs {
        // The best-score column ranks against a match board; the Match pane's own lists
        // (waiting learners, ranking) are read when it is shown.
        Needs {
            waiting: false,
            board: true,
            follow_up: true,
        }
    }

    fn load(&mut self, roster: &Roster) -> Vec<Effect> {
        if let Some(follow_up) = &roster.follow_up {
            self.take(roster.board.clone(), roster, follow_up.clone());
        }
        Vec::new()
    }

    fn update(&mut self, action: Action, ui: &mut Ui<'_>) -> Vec<Effect> {
        match action {
            Action::Plan => self.ask_strategy(ui),
            Action::Compare => return start(ui, Effect::Compare),
            Action::Approve => match self.selected_proposal() {
                Some(row) => {
                    // The plan's agreement with the learner's goals: what approving the
                    // proposal as it stands would save.
                    let agreement = Agreement {
                        goals: self.goals_of(&row.pairing.learner),
                        ..row.pairing.agreement.clone()
                    };
                    open_agreement_form(
                        ui,
                        row.pairing.learner.clone(),
                        row.pairing.mentor.clone(),
                        format!("{} → {}", row.learner_name, row.mentor_name),
                        &agreement,
                    );
                }
                None => ui.fail("No proposal selected"),
            },
            Action::Decline => match self.selected_proposal() {
                Some(row) => {
                    let label = format!("{} → {}", row.learner_name, row.mentor_name);
                    let purpose = PromptPurpose::DeclineReason {
                        pairing: row.pairing.id,
                        label: label.clone(),
                    };
                    ask(
                        ui,
                        purpose,
                        &format!("Decline {label}? Reason (optional)"),
                        "Enter declines · Esc cancels",
                    );
                }
                None => ui.fail("No proposal selected"),
            },
            Action::ApproveAbove => ask(
                ui,
                PromptPurpose::ApproveAbove,
                "Approve every shown proposal scoring at least (0–100)",
                "e.g. 75 · Enter approves · Esc cancels",
            ),
            Action::Back if self.comparison.is_some() => self.comparison = None,
            Action::Open if self.section == Section::Active => return self.open_pairing(ui),
            Action::PauseResume => return self.pause_or_resume(ui),
            Action::WriteIntro => {
                if let Some(row) = self.selected_active() {
                    let pairing = row.row.pairing.id;
                    ui.info(format!("Writing the introduction of pairing {pairing}…"));
                    return vec![Effect::Daily(crate::tui::daily::DailyEffect::WriteIntro {
                        pairing,
                    })];
                }
            }
            Action::HealthThresholds => return vec![Effect::ReadThresholds],
            Action::RaiseConcern => self.ask_raise(ui),
            Action::ResolveConcern => self.ask_resolve(ui),
            Action::EndPairing => self.ask_end_reason(ui, false),
            Action::Rematch => self.ask_end_reason(ui, true),
            other => self.navigate(other),
        }
        Vec::new()
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, look: &Look<'_>) {
        PairingsView {
            state: self,
            theme: look.theme,
            zone: look.zone,
        }
        .render(area, buf);
    }

    fn enabled(&self, action: Action) -> bool {
        match action {
            Action::Approve | Action::Decline => self.selected_proposal().is_some(),
            Action::ApproveAbove => !self.visible.is_empty(),
            Action::Open
            | Action::PauseResume
            | Action::EndPairing
            | Action::Rematch
            | Action::WriteIntro
            | Action::RaiseConcern => self.selected_active().is_some(),
            Action::ResolveConcern => self.selected_concern().is_some(),
            _ => true,
        }
    }

    fn takes_back(&self) -> bool {
        self.comparison.is_some()
    }

    /// In the concern queue its two keys come first: the proposals' keys do nothing there
    /// and would push them off a narrow footer.
    fn commands(
        &self,
        context: crate::tui::keymap::Context,
        keymap: &crate::tui::keymap::Keymap,
    ) -> Vec<crate::tui::widgets::footer::Command> {
        let mut commands: Vec<_> = keymap
            .bindings(context)
            .iter()
            .filter_map(|b| crate::tui::widgets::footer::Command::new(b, self.enabled(b.action)))
            .collect();
        if self.section == Section::Concerns {
            commands.sort_by_key(|c| {
                !matches!(c.action, Action::ResolveConcern | Action::RaiseConcern)
            });
        }
        commands
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.filter)
    }

    fn set_filter(&mut self, query: &str) -> Vec<Effect> {
        PairingsState::set_filter(self, query);
        Vec::new()
    }

    fn settle(&mut self) {
        self.fill_best();
    }

    fn learner_in_view(&self) -> Option<crate::domain::LearnerId> {
        match self.section {
            Section::Active => self
                .selected_active()
                .map(|r| r.row.pairing.learner.clone()),
            Section::Proposals => self.selected_proposal().map(|r| r.pairing.learner.clone()),
            Section::Concerns => self.selected_concern().map(|r| r.learner.clone()),
        }
    }
}

impl PairingsState {
    /// `p`: asks for a strategy; when proposals wait for review, the question says how
    /// many the new plan replaces, and Esc keeps them.
    fn ask_strategy(&self, ui: &mut Ui<'_>) {
        let waiting = self.proposals.len();
        if waiting == 0 {
            ask(
                ui,
                PromptPurpose::ChooseStrategy,
                "Plan the cohort: o optimal · s stable · g greedy",
                "o, s or g (Enter: optimal) · Esc cancels",
            );
            return;
        }
        let noun = if waiting == 1 {
            "proposal"
        } else {
            "proposals"
        };
        ask(
            ui,
            PromptPurpose::ChooseStrategy,
            &format!("Replace {waiting} {noun} under review? o optimal · s stable · g greedy"),
            &format!("a new plan replaces the {waiting} (Enter: optimal) · Esc keeps them"),
        );
    }
}

fn ask(ui: &mut Ui<'_>, purpose: PromptPurpose, title: &str, hint: &str) {
    ui.open(Overlay::Prompt(Prompt::new(purpose, title, hint, "")));
}

/// A plan or a comparison, unless one is under way already.
fn start(ui: &mut Ui<'_>, effect: Effect) -> Vec<Effect> {
    if let Some(job) = ui.job {
        let busy = format!("Still busy: {job}");
        ui.fail(busy);
        return Vec::new();
    }
    vec![effect]
}

/// Reads the strategy a chooser prompt names: a letter, a name, or empty for optimal.
pub(crate) fn strategy_from(text: &str) -> Option<Strategy> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "o" => Some(Strategy::Optimal),
        "s" => Some(Strategy::Stable),
        "g" => Some(Strategy::Greedy),
        other => other.parse().ok(),
    }
}

/// Plans with `strategy`: the desk reads the cohort, a thread of its own solves it.
pub(crate) fn start_plan(app: &mut App, strategy: Strategy) {
    if let Some(job) = &app.job {
        let busy = format!("Still busy: {}", job.label);
        app.fail(busy);
        return;
    }
    app.submit(Effect::Plan(strategy));
}

/// The cohort has been read: the solving starts on a thread of its own.
pub(crate) fn on_cohort_read(
    app: &mut App,
    purpose: CohortUse,
    result: Result<CohortInput, DeskError>,
) {
    let input = match result {
        Ok(input) => input,
        Err(e) => {
            app.fail(format!("Could not read the cohort: {e}"));
            return;
        }
    };
    if let Some(job) = &app.job {
        // A second request made before the first job started (the desk was reading).
        let busy = format!("Still busy: {}", job.label);
        app.fail(busy);
        return;
    }
    let reply = app.runtime.reply();
    app.job = Some(match purpose {
        CohortUse::Plan(strategy) => Job::plan(input, strategy, reply),
        CohortUse::Compare => Job::compare(input, reply),
    });
}

/// A job finished: a plan goes to the desk to be saved; a comparison shows.
pub(crate) fn on_job(app: &mut App, outcome: JobOutcome) {
    app.job = None;
    match outcome {
        JobOutcome::Plan(Ok(cohort)) => app.submit(Effect::SavePlan(cohort)),
        JobOutcome::Plan(Err(e)) => app.fail(format!("Planning failed: {e}")),
        JobOutcome::Compare(Ok(results)) => {
            app.panes.pairings.comparison = Some(results);
            app.info("Compared on the same cohort; Esc closes");
        }
        JobOutcome::Compare(Err(e)) => app.fail(format!("Comparing failed: {e}")),
    }
}

/// The desk saved (or refused) a plan's proposals.
pub(crate) fn on_plan_saved(
    app: &mut App,
    cohort: &CohortPlan,
    result: Result<crate::desk::SavedPlan, DeskError>,
) {
    match result {
        Ok(crate::desk::SavedPlan { saved, replaced }) => {
            app.refresh();
            let summary = cohort.plan.summary(&cohort.problem);
            let replaced = match replaced {
                0 => String::new(),
                1 => " (replaced 1 earlier proposal)".to_string(),
                n => format!(" (replaced {n} earlier proposals)"),
            };
            app.info(format!(
                "{} plan: {saved} proposals for {} waiting learners{replaced}, solved in {:.0} ms; review them, nothing is approved yet",
                cohort.strategy, summary.learners, cohort.timings.solve
            ));
        }
        Err(e) => app.fail(format!("Could not save the plan: {e}")),
    }
}

/// Declines the proposal a reason prompt names.
pub(crate) fn submit_decline(app: &mut App, pairing: PairingId, label: &str, reason: &str) {
    let reason = Some(reason.trim())
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    app.submit(Effect::Decline {
        pairing,
        label: label.to_string(),
        reason,
    });
}

/// A decision on one proposal (approved or declined) is back from the desk.
pub(crate) fn on_decided(
    app: &mut App,
    verb: &str,
    label: &str,
    result: Result<OperationId, DeskError>,
) {
    match result {
        Ok(_) => {
            app.undo_ready = true;
            app.refresh();
            app.info(format!("{verb} {label} · u undoes"));
        }
        Err(e) => app.fail(format!("Could not {} {label}: {e}", verb.to_lowercase())),
    }
}

/// Reads the score typed for "approve all at or above" (0–100) and asks to confirm with the
/// count it would approve; returns an error for the prompt when the number is not one.
pub(crate) fn submit_approve_above(app: &mut App, text: &str) -> Result<(), String> {
    let threshold: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number from 0 to 100"))?;
    let cutoff = crate::matching::score_points(threshold)
        .ok_or_else(|| format!("{threshold} is not from 0 to 100"))?;
    let proposals: Vec<(PairingId, String)> = app
        .panes
        .pairings
        .shown_at_least(cutoff)
        .into_iter()
        .map(|r| {
            (
                r.pairing.id,
                format!("{} → {}", r.learner_name, r.mentor_name),
            )
        })
        .collect();
    let score = score_text(cutoff);
    match proposals.len() {
        0 => app.info(format!(
            "No shown proposal scores {score} or more; nothing approved"
        )),
        n => {
            let noun = if n == 1 { "proposal" } else { "proposals" };
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptPurpose::ConfirmApproveAll { cutoff, proposals },
                &format!("Approve {n} {noun} at or above {score}? y/n"),
                "y approves them all in one step (u undoes it) · n or Esc cancels",
                "",
            )));
        }
    }
    Ok(())
}

/// The answer to "Approve N proposals at or above S? y/n": `y` approves them all in one
/// transaction, `n` cancels; anything else asks again.
pub(crate) fn answer_approve_all(app: &mut App, mut prompt: Prompt) {
    let PromptPurpose::ConfirmApproveAll { cutoff, proposals } = &prompt.purpose else {
        return;
    };
    match prompt.input.value().trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => app.submit(Effect::ApproveAll {
            proposals: proposals.clone(),
            cutoff: *cutoff,
        }),
        "n" | "no" => app.info("Cancelled; nothing approved"),
        _ => {
            prompt.error = Some("type y to approve them all, n to cancel".into());
            app.overlay = Some(Overlay::Prompt(prompt));
        }
    }
}

/// The desk approved every proposal of the batch in one transaction, or none of them:
/// `refused` names the proposal the desk turned down.
pub(crate) fn on_approved_all(
    app: &mut App,
    cutoff: u32,
    asked: usize,
    refused: Option<String>,
    result: Result<Option<OperationId>, DeskError>,
) {
    let score = score_text(cutoff);
    match result {
        Ok(_) => {
            app.undo_ready = true;
            app.refresh();
            app.info(format!(
                "Approved {asked} proposals at or above {score} · u undoes all {asked}"
            ));
        }
        Err(e) => {
            let which = refused.map_or(String::new(), |label| format!("{label}: "));
            app.fail(format!("None of {asked} approved: {which}{e}"));
        }
    }
}
