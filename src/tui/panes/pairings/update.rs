//! Pairings flows: planning the cohort in the background, reviewing proposals (approve,
//! decline, approve all above a score) and comparing strategies. Pairings under way are
//! handled in `update_lifecycle.rs`.

use crate::desk::Strategy;
use crate::domain::PairingId;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Prompt, PromptPurpose};
use crate::tui::jobs::{Job, JobOutcome};
use crate::tui::panes::pairings::lifecycle::{ask_end_reason, open_pairing, pause_or_resume};

/// Handles an action on the Pairings pane (no overlay open).
pub fn update_pairings(app: &mut App, action: Action) {
    match action {
        Action::Plan => ask(
            app,
            PromptPurpose::ChooseStrategy,
            "Plan the cohort: o optimal · s stable · g greedy",
            "o, s or g (Enter: optimal) · Esc cancels",
        ),
        Action::Compare => start_compare(app),
        Action::Approve => approve_selected(app),
        Action::Decline => match app.pairings.selected_proposal() {
            Some(row) => {
                let label = format!("{} → {}", row.learner_name, row.mentor_name);
                let purpose = PromptPurpose::DeclineReason {
                    pairing: row.pairing.id,
                    label: label.clone(),
                };
                ask(
                    app,
                    purpose,
                    &format!("Decline {label}? Reason (optional)"),
                    "Enter declines · Esc cancels",
                );
            }
            None => app.fail("No proposal selected"),
        },
        Action::ApproveAbove => ask(
            app,
            PromptPurpose::ApproveAbove,
            "Approve every shown proposal scoring at least (0–100)",
            "e.g. 75 · Enter approves · Esc cancels",
        ),
        Action::Back if app.pairings.comparison.is_some() => app.pairings.comparison = None,
        Action::Open if app.pairings.section == crate::tui::panes::pairings::Section::Active => {
            open_pairing(app)
        }
        Action::PauseResume => pause_or_resume(app),
        Action::HealthThresholds => {
            crate::tui::panes::pairings::thresholds_update::open_thresholds(app)
        }
        Action::EndPairing => ask_end_reason(app, false),
        Action::Rematch => ask_end_reason(app, true),
        other => app.pairings.update(other),
    }
}

fn ask(app: &mut App, purpose: PromptPurpose, title: &str, hint: &str) {
    app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, title, hint, "")));
}

/// Reads the strategy a chooser prompt names: a letter, a name, or empty for optimal.
pub fn strategy_from(text: &str) -> Option<Strategy> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "o" => Some(Strategy::Optimal),
        "s" => Some(Strategy::Stable),
        "g" => Some(Strategy::Greedy),
        other => other.parse().ok(),
    }
}

/// Starts planning with `strategy` on another thread.
pub fn start_plan(app: &mut App, strategy: Strategy) {
    if let Some(job) = &app.job {
        app.fail(format!("Still busy: {}", job.label));
        return;
    }
    match app.desk.cohort_input() {
        Ok(input) => app.job = Some(Job::plan(input, strategy)),
        Err(e) => app.fail(format!("Could not read the cohort: {e}")),
    }
}

fn start_compare(app: &mut App) {
    if let Some(job) = &app.job {
        app.fail(format!("Still busy: {}", job.label));
        return;
    }
    match app.desk.cohort_input() {
        Ok(input) => app.job = Some(Job::compare(input)),
        Err(e) => app.fail(format!("Could not read the cohort: {e}")),
    }
}

/// Applies a finished job's outcome.
pub fn finish_job(app: &mut App, outcome: JobOutcome) {
    app.job = None;
    match outcome {
        JobOutcome::Plan(Ok(cohort)) => match app.desk.save_plan(&cohort) {
            Ok(saved) => {
                app.reload_after_decision();
                let summary = cohort.plan.summary(&cohort.problem);
                app.info(format!(
                    "{} plan: {saved} proposals for {} waiting learners (solved in {:.0} ms); review them, nothing is approved yet",
                    cohort.strategy, summary.learners, cohort.timings.solve
                ));
            }
            Err(e) => app.fail(format!("Could not save the plan: {e}")),
        },
        JobOutcome::Plan(Err(e)) => app.fail(format!("Planning failed: {e}")),
        JobOutcome::Compare(Ok(results)) => {
            app.pairings.comparison = Some(results);
            app.info("Compared on the same cohort; Esc closes");
        }
        JobOutcome::Compare(Err(e)) => app.fail(format!("Comparing failed: {e}")),
    }
}

fn approve_selected(app: &mut App) {
    let Some(row) = app.pairings.selected_proposal() else {
        app.fail("No proposal selected");
        return;
    };
    let (id, label) = (
        row.pairing.id,
        format!("{} → {}", row.learner_name, row.mentor_name),
    );
    match app.desk.approve_proposal(id) {
        Ok((_, decision)) => {
            app.undo.push(decision);
            app.reload_after_decision();
            app.info(format!("Approved {label} · u undoes"));
        }
        Err(e) => app.fail(format!("Could not approve {label}: {e}")),
    }
}

/// Declines the proposal a reason prompt names.
pub fn submit_decline(app: &mut App, pairing: PairingId, label: &str, reason: &str) {
    let reason = Some(reason.trim()).filter(|r| !r.is_empty());
    match app.desk.decline(pairing, reason) {
        Ok(decision) => {
            app.undo.push(decision);
            app.reload_after_decision();
            app.info(format!("Declined {label} · u undoes"));
        }
        Err(e) => app.fail(format!("Could not decline {label}: {e}")),
    }
}

/// Approves every shown proposal at or above `text` (a score 0–100); returns an error for
/// the prompt when the number is not one.
pub fn submit_approve_above(app: &mut App, text: &str) -> Result<(), String> {
    let threshold: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number from 0 to 100"))?;
    let cutoff = crate::desk::score_points(threshold)
        .ok_or_else(|| format!("{threshold} is not from 0 to 100"))?;
    let ids: Vec<(PairingId, String)> = app
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
    let (mut approved, mut refused) = (0, Vec::new());
    for (id, label) in ids {
        match app.desk.approve_proposal(id) {
            Ok((_, decision)) => {
                app.undo.push(decision);
                approved += 1;
            }
            Err(e) => refused.push(format!("{label}: {e}")),
        }
    }
    app.reload_after_decision();
    if refused.is_empty() {
        app.info(format!(
            "Approved {approved} proposals scoring {threshold:.1} or more · u undoes one at a time"
        ));
    } else {
        app.fail(format!(
            "Approved {approved}; {} refused: {}",
            refused.len(),
            refused.join("; ")
        ));
    }
    Ok(())
}
