//! Welcome keys: the demo (loaded by the desk), a CSV import prompt, or an empty start; and
//! what the desk answers.

use std::path::PathBuf;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Prompt, PromptPurpose, Screen};
use crate::tui::effect::Effect;
use crate::tui::panes::Pane;

/// Handles an action on the welcome screen.
pub fn update_welcome(app: &mut App, action: Action) {
    match action {
        Action::LoadDemo => app.submit(Effect::LoadDemo),
        Action::ImportCsv => {
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptPurpose::ImportPaths,
                "Import CSV files (mentors first, then learners)",
                "paths separated by spaces · Enter imports · Esc cancels",
                "",
            )));
        }
        Action::StartEmpty => {
            app.screen = Screen::Desk;
            app.info("Empty desk: import people with `mentordesk import` or the welcome screen");
        }
        _ => {}
    }
}

/// The demo program has been loaded (or not).
pub fn on_demo(app: &mut App, result: Result<String, String>) {
    match result {
        Ok(summary) => {
            app.screen = Screen::Desk;
            app.refresh_all();
            app.info(summary);
        }
        Err(e) => app.fail(format!("Could not load the demo: {e}")),
    }
}

/// Imports the files the prompt names; the prompt is put aside meanwhile and comes back with
/// the error when one fails.
pub fn submit_import(app: &mut App, mut prompt: Prompt) {
    let paths: Vec<PathBuf> = prompt
        .input
        .value()
        .split_whitespace()
        .map(PathBuf::from)
        .collect();
    if paths.is_empty() {
        prompt.error = Some("type at least one path".into());
        app.overlay = Some(Overlay::Prompt(prompt));
        return;
    }
    app.saving = Some(Overlay::Prompt(prompt));
    app.submit(Effect::Import(paths));
}

/// The files have been imported, or one failed (those before it stay imported).
pub fn on_imported(app: &mut App, done: Vec<String>, failed: Option<String>) {
    let aside = app.saving.take();
    app.refresh_all();
    match failed {
        Some(error) => match aside {
            Some(Overlay::Prompt(mut prompt)) if app.overlay.is_none() => {
                prompt.error = Some(error);
                app.overlay = Some(Overlay::Prompt(prompt));
            }
            _ => app.fail(error),
        },
        None => {
            app.screen = Screen::Desk;
            app.switch(Pane::People);
            app.info(done.join("; "));
        }
    }
}
