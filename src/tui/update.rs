//! `update`: the one place actions change the app. Effects go through `desk`; a result or
//! an error lands on the status line, never as a crash.

use std::path::PathBuf;

use super::action::Action;
use super::app::{App, Overlay, Pane, Prompt, PromptPurpose, Screen};

/// Applies `action`; returns a follow-up action when one is due.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    if let Some(overlay) = app.overlay.take() {
        return update_overlay(app, overlay, action);
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
            let current = app.people.filter.clone();
            if app.pane == Pane::People {
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
            app.info("Nothing to undo in this session");
            None
        }
        Action::Back => {
            app.status = None;
            None
        }
        other => {
            if app.pane == Pane::People {
                app.people.update(other);
            }
            None
        }
    }
}

fn switch(app: &mut App, pane: Pane) -> Option<Action> {
    app.pane = pane;
    None
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
        Overlay::Prompt(prompt) => update_prompt(app, prompt, action),
    }
}

fn update_prompt(app: &mut App, mut prompt: Prompt, action: Action) -> Option<Action> {
    match (action, &prompt.purpose) {
        (Action::Back, PromptPurpose::Filter) => {
            app.people.set_filter("");
            None
        }
        (Action::Back, _) => None,
        (Action::Submit, PromptPurpose::Filter) => None,
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
            app.pane = Pane::People;
            app.reload();
            app.info(done.join("; "));
            None
        }
        _ => {
            app.overlay = Some(Overlay::Prompt(prompt));
            None
        }
    }
}

/// Called after the prompt's text changed, so filters follow each key.
pub fn prompt_edited(app: &mut App) {
    if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
        prompt.error = None;
        if prompt.purpose == PromptPurpose::Filter {
            let query = prompt.input.value().to_string();
            app.people.set_filter(&query);
        }
    }
}
