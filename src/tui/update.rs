//! `update`: the one place actions change the app. Effects go through `desk`; a result or
//! an error lands on the status line, never as a crash.

use std::path::PathBuf;

use crate::tui::action::Action;
use crate::tui::app::{App, FormPurpose, Overlay, Pane, Prompt, PromptPurpose, Screen};
use crate::tui::keymap::Context;
use crate::tui::panes::checkins::update::{update_checkin_form, update_checkins};
use crate::tui::panes::r#match::update::{
    submit_approve, submit_exclude, undo, update_match, update_weights,
};
use crate::tui::panes::pairings::lifecycle::submit_end;
use crate::tui::panes::pairings::update::{
    start_plan, strategy_from, submit_approve_above, submit_decline, update_pairings,
};
use crate::tui::panes::timeline::update::update_timeline;
use crate::tui::widgets::form::Form;

/// Applies `action`; returns a follow-up action when one is due.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    if let Some(overlay) = app.overlay.take() {
        return update_overlay(app, overlay, action);
    }
    if app.context() == Context::Weights {
        update_weights(app, action);
        return None;
    }
    if action == Action::Quit && app.checkins.has_unsaved() {
        ask_before_quitting(app);
        return None;
    }
    if app.context() == Context::CheckInForm {
        if action == Action::Quit {
            app.quit = true;
        } else {
            update_checkin_form(app, action);
        }
        return None;
    }
    match action {
        Action::Quit => {
            app.quit = true;
            None
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            None
        }
        _ if app.screen == Screen::Welcome => update_welcome(app, action),
        Action::NextPane => switch(app, app.pane.cycle(1)),
        Action::PrevPane => switch(app, app.pane.cycle(-1)),
        Action::PaneMatch => switch(app, Pane::Match),
        Action::PanePairings => switch(app, Pane::Pairings),
        Action::PaneCheckIns => switch(app, Pane::CheckIns),
        Action::PaneTimeline => switch(app, Pane::Timeline),
        Action::PaneDashboard => switch(app, Pane::Dashboard),
        Action::PanePeople => switch(app, Pane::People),
        Action::Filter => {
            if let Some(current) = current_filter(app) {
                app.overlay = Some(Overlay::Prompt(Prompt::new(
                    PromptPurpose::Filter,
                    "Filter",
                    "type to filter · Enter keeps · Esc clears",
                    &current,
                )));
            }
            None
        }
        Action::Undo => {
            undo(app);
            None
        }
        Action::Reload => {
            app.reload();
            if app.status.as_ref().is_none_or(|s| !s.is_error) {
                app.info("Read again from the file: what other desks saved now shows");
            }
            None
        }
        Action::Back if !(app.pane == Pane::Pairings && app.pairings.comparison.is_some()) => {
            app.status = None;
            None
        }
        other => {
            match app.pane {
                Pane::People => app.people.update(other),
                Pane::Match => update_match(app, other),
                Pane::Pairings => update_pairings(app, other),
                Pane::CheckIns => update_checkins(app, other),
                Pane::Timeline => update_timeline(app, other),
                Pane::Dashboard => {}
            }
            None
        }
    }
}

/// Asks before a quit would throw away the check-in draft.
fn ask_before_quitting(app: &mut App) {
    app.stashed = None;
    app.overlay = Some(Overlay::Prompt(Prompt::new(
        PromptPurpose::ConfirmQuit,
        "A check-in draft holds unsaved input: quit anyway? (y / Esc)",
        "y quits and discards the draft · Esc goes back",
        "",
    )));
}

fn switch(app: &mut App, pane: Pane) -> Option<Action> {
    app.show(pane);
    None
}

/// The filter of the current pane's main list, when it has one.
fn current_filter(app: &App) -> Option<String> {
    match app.pane {
        Pane::People => Some(app.people.filter.clone()),
        Pane::Match => Some(app.matching.filter.clone()),
        Pane::Pairings => Some(app.pairings.filter.clone()),
        Pane::CheckIns => Some(app.checkins.filter.clone()),
        Pane::Timeline => Some(app.timeline.filter.clone()),
        Pane::Dashboard => None,
    }
}

fn set_filter(app: &mut App, query: &str) {
    match app.pane {
        Pane::People => app.people.set_filter(query),
        Pane::Match => app.matching.set_filter(query),
        Pane::Pairings => app.pairings.set_filter(query),
        Pane::CheckIns => app.checkins.set_filter(query),
        Pane::Timeline => {
            app.timeline.set_filter(query);
            if let Err(e) = app.timeline.refresh(&mut app.desk) {
                app.fail(format!("Could not read the time line: {e}"));
            }
        }
        Pane::Dashboard => {}
    }
}

fn update_welcome(app: &mut App, action: Action) -> Option<Action> {
    match action {
        Action::LoadDemo => {
            match (app.services.load_demo)(&mut app.desk) {
                Ok(summary) => {
                    app.screen = Screen::Desk;
                    app.reload();
                    app.info(summary);
                }
                Err(e) => app.fail(format!("Could not load the demo: {e}")),
            }
            None
        }
        Action::ImportCsv => {
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptPurpose::ImportPaths,
                "Import CSV files (mentors first, then learners)",
                "paths separated by spaces · Enter imports · Esc cancels",
                "",
            )));
            None
        }
        Action::StartEmpty => {
            app.screen = Screen::Desk;
            app.info("Empty desk: import people with `mentordesk import` or the welcome screen");
            None
        }
        _ => None,
    }
}

fn update_overlay(app: &mut App, overlay: Overlay, action: Action) -> Option<Action> {
    match overlay {
        Overlay::Help { scroll } => {
            let scroll = match action {
                Action::Back | Action::Help | Action::Quit => return None,
                Action::Down => scroll.saturating_add(1),
                Action::Up => scroll.saturating_sub(1),
                _ => scroll,
            };
            app.overlay = Some(Overlay::Help { scroll });
            None
        }
        Overlay::Detail {
            title,
            lines,
            scroll,
        } => {
            let scroll = match action {
                Action::Back | Action::Help | Action::Quit => return None,
                Action::Down => scroll.saturating_add(1),
                Action::Up => scroll.saturating_sub(1),
                _ => scroll,
            };
            app.overlay = Some(Overlay::Detail {
                title,
                lines,
                scroll,
            });
            None
        }
        Overlay::Prompt(prompt) => update_prompt(app, prompt, action),
        Overlay::Form { form, purpose } => update_form(app, form, purpose, action),
        Overlay::Thresholds(draft) => {
            crate::tui::panes::pairings::thresholds_update::update_thresholds(app, draft, action);
            None
        }
    }
}

fn update_form(
    app: &mut App,
    mut form: Form,
    purpose: FormPurpose,
    action: Action,
) -> Option<Action> {
    match action {
        Action::Back => {
            app.info("Cancelled; nothing saved");
            return None;
        }
        Action::Quit if form.is_dirty() => {
            app.overlay = Some(Overlay::Form { form, purpose });
            let confirm = Prompt::new(
                PromptPurpose::ConfirmQuit,
                "Unsaved input: quit anyway? (y / Esc)",
                "y quits and discards · Esc goes back",
                "",
            );
            let stashed = app.overlay.take();
            app.stashed = stashed;
            app.overlay = Some(Overlay::Prompt(confirm));
            return None;
        }
        Action::Quit => {
            app.quit = true;
            return None;
        }
        Action::NextField => form.next(),
        Action::PrevField => form.prev(),
        Action::Submit => {
            match purpose {
                FormPurpose::Approve {
                    learner,
                    mentor,
                    label,
                } => submit_approve(app, form, learner, mentor, label),
            }
            return None;
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Form { form, purpose });
    None
}

fn update_prompt(app: &mut App, mut prompt: Prompt, action: Action) -> Option<Action> {
    match (action, prompt.purpose.clone()) {
        (Action::Back, PromptPurpose::Filter) => {
            set_filter(app, "");
            None
        }
        (Action::Back, PromptPurpose::ConfirmQuit) => {
            app.overlay = app.stashed.take();
            None
        }
        (Action::Back, _) => None,
        (Action::Submit, PromptPurpose::Filter) => None,
        (Action::Submit, PromptPurpose::ConfirmQuit) => {
            if prompt.input.value().trim().eq_ignore_ascii_case("y") {
                app.quit = true;
            } else {
                app.overlay = app.stashed.take();
            }
            None
        }
        (Action::Submit, PromptPurpose::ChooseStrategy) => {
            match strategy_from(prompt.input.value()) {
                Some(strategy) => start_plan(app, strategy),
                None => {
                    prompt.error = Some("type o, s or g".into());
                    app.overlay = Some(Overlay::Prompt(prompt));
                }
            }
            None
        }
        (Action::Submit, PromptPurpose::DeclineReason { pairing, label }) => {
            submit_decline(app, pairing, &label, prompt.input.value());
            None
        }
        (Action::Submit, PromptPurpose::EndReason { .. }) => {
            submit_end(app, prompt);
            None
        }
        (Action::Submit, PromptPurpose::ApproveAbove) => {
            let text = prompt.input.value().to_string();
            if let Err(e) = submit_approve_above(app, &text) {
                prompt.error = Some(e);
                app.overlay = Some(Overlay::Prompt(prompt));
            }
            None
        }
        (
            Action::Submit,
            PromptPurpose::ExcludeReason {
                learner,
                mentor,
                label,
            },
        ) => {
            submit_exclude(app, prompt, learner, mentor, label);
            None
        }
        (Action::Submit, PromptPurpose::ImportPaths) => {
            let paths: Vec<PathBuf> = prompt
                .input
                .value()
                .split_whitespace()
                .map(PathBuf::from)
                .collect();
            if paths.is_empty() {
                prompt.error = Some("type at least one path".into());
                app.overlay = Some(Overlay::Prompt(prompt));
                return None;
            }
            let mut done = Vec::new();
            for path in &paths {
                match (app.services.import_csv)(&mut app.desk, path) {
                    Ok(summary) => done.push(summary),
                    Err(e) => {
                        prompt.error = Some(e);
                        app.overlay = Some(Overlay::Prompt(prompt));
                        app.reload();
                        return None;
                    }
                }
            }
            app.screen = Screen::Desk;
            app.reload();
            app.show(Pane::People);
            app.info(done.join("; "));
            None
        }
        (Action::Quit, _) => {
            app.quit = true;
            None
        }
        _ => {
            app.overlay = Some(Overlay::Prompt(prompt));
            None
        }
    }
}

/// Called after the prompt's text changed, so filters follow each key and a confirmation
/// answers on its key.
pub fn prompt_edited(app: &mut App) {
    let mut answer = None;
    let mut chosen = None;
    if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
        prompt.error = None;
        match prompt.purpose {
            PromptPurpose::Filter => answer = Some(prompt.input.value().to_string()),
            PromptPurpose::ConfirmQuit if prompt.input.value().trim().eq_ignore_ascii_case("y") => {
                app.quit = true;
            }
            // A single letter chooses at once; a typed name waits for Enter.
            PromptPurpose::ChooseStrategy if prompt.input.value().trim().len() == 1 => {
                chosen = strategy_from(prompt.input.value());
            }
            _ => {}
        }
    }
    if let Some(query) = answer {
        set_filter(app, &query);
    }
    if let Some(strategy) = chosen {
        app.overlay = None;
        start_plan(app, strategy);
    }
}
