//! `update`: the one place actions change the app. Global keys, overlays (help, prompts,
//! forms, details, the thresholds editor) and the welcome screen are handled here; a pane's
//! own keys go to its [`PaneView::update`]. Nothing here touches the desk: what the desk must
//! do is handed to the runtime as an effect, and its answer comes back through `outcome`.

use super::action::Action;
use super::app::{App, Detail, FormPurpose, Overlay, Prompt, PromptPurpose, Screen};
use super::keymap::Context;
use super::panes::Pane;
use super::panes::r#match::update::{submit_approve, submit_exclude};
use super::panes::pairings::lifecycle::submit_end;
use super::panes::pairings::update::{
    answer_approve_all, start_plan, strategy_from, submit_approve_above, submit_decline,
};
use super::panes::sync::bundle;
use super::panes::sync::update as sync_update;
use super::panes::welcome::update::{submit_import, update_welcome};
use super::role::{self, Role};
use super::widgets::form::Form;

/// Applies `action`; returns a follow-up action when one is due.
pub fn update(app: &mut App, action: Action) -> Option<Action> {
    // While a write waits for another desk, Esc gives the wait up whatever is open.
    if action == Action::Back && app.cancel_lock_wait() {
        return None;
    }
    // Whatever is open stays as it is: the event loop hands the terminal to the shell and
    // takes it back on `fg`.
    if action == Action::Suspend {
        app.suspend_requested = true;
        return None;
    }
    if let Some(overlay) = app.overlay.take() {
        return update_overlay(app, overlay, action);
    }
    if app.context() == Context::Weights {
        if action == Action::Quit {
            app.quit = true;
        } else {
            to_pane(app, action);
        }
        return None;
    }
    if action == Action::Quit && app.panes.checkins.has_unsaved() {
        ask_before_quitting(app, "check-in");
        return None;
    }
    if action == Action::Quit && app.panes.timeline.has_unsaved_reflection() {
        ask_before_quitting(app, "reflection");
        return None;
    }
    if matches!(
        app.context(),
        Context::CheckInForm | Context::ReflectionForm | Context::GuidePicker
    ) {
        if action == Action::Quit {
            app.quit = true;
        } else {
            to_pane(app, action);
        }
        return None;
    }
    match action {
        Action::Quit => {
            app.quit = true;
            None
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help {
                scroll: Default::default(),
            });
            None
        }
        _ if app.screen == Screen::Welcome => {
            update_welcome(app, action);
            None
        }
        _ if refused(app, action) => None,
        Action::NextPane => switch(app, Role::of(app).cycle(app.pane, 1)),
        Action::PrevPane => switch(app, Role::of(app).cycle(app.pane, -1)),
        Action::PaneMatch => switch(app, Pane::Match),
        Action::PanePairings => switch(app, Pane::Pairings),
        Action::PaneCheckIns => switch(app, Pane::CheckIns),
        Action::PaneTimeline => switch(app, Pane::Timeline),
        Action::PaneDashboard => switch(app, Pane::Dashboard),
        Action::PanePeople => switch(app, Pane::People),
        Action::PaneSync => switch(app, Pane::Sync),
        Action::PaneAudit => switch(app, Pane::Audit),
        Action::WriteBundle => {
            bundle::ask_where_to_write(app);
            None
        }
        Action::ImportBundle => {
            bundle::ask_which_to_import(app);
            None
        }
        Action::SearchProgram => {
            app.overlay = Some(Overlay::Prompt(crate::tui::search::search_prompt("")));
            None
        }
        Action::Filter => {
            if let Some(current) = app.panes.get(app.pane).filter().map(str::to_string) {
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
            super::undo::undo(app);
            None
        }
        Action::Reload => {
            app.reload();
            if app.status.as_ref().is_none_or(|s| !s.is_error) {
                app.info("Read again from the file: what other desks saved now shows");
            }
            None
        }
        Action::Open if app.pane == Pane::Dashboard => {
            open_at_risk(app);
            None
        }
        Action::Open
            if app.pane == Pane::People
                && app.panes.people.focus == super::panes::people::Focus::Pairings =>
        {
            super::panes::people::update::open_pairing(app);
            None
        }
        Action::Back if !app.panes.get(app.pane).takes_back() => {
            app.status = None;
            None
        }
        other => {
            to_pane(app, other);
            None
        }
    }
}

/// Enter on the Dashboard's at-risk list: the pairing, selected in the Pairings pane.
fn open_at_risk(app: &mut App) {
    let Some(id) = app.panes.dashboard.selected_pairing() else {
        app.info("No pairing needs attention in this period");
        return;
    };
    let read = app.has_read(Pane::Pairings);
    if app.panes.pairings.show_pairing(id, read) {
        app.switch(Pane::Pairings);
    } else {
        app.fail(format!(
            "Pairing {id} is no longer under way (Ctrl-r reads the file again)"
        ));
    }
}

/// Says why `action` is refused on this desk (a mentor desk has no Match; a coordinator's
/// writes no bundle), when it is.
fn refused(app: &mut App, action: Action) -> bool {
    let why = role::refusal(app, action);
    match why {
        Some(why) => {
            app.fail(why);
            true
        }
        None => false,
    }
}

/// Hands `action` to the pane on screen and its effects to the desk.
fn to_pane(app: &mut App, action: Action) {
    let pane = app.pane;
    let (panes, mut ui) = app.ui_parts();
    let effects = panes.get_mut(pane).update(action, &mut ui);
    app.submit_all(effects);
}

/// Asks before a quit would throw away the check-in draft.
fn ask_before_quitting(app: &mut App, draft: &str) {
    app.stashed = None;
    app.overlay = Some(Overlay::Prompt(Prompt::new(
        PromptPurpose::ConfirmQuit,
        &format!("A {draft} draft holds unsaved input: quit anyway? (y / Esc)"),
        "y quits and discards the draft · Esc goes back",
        "",
    )));
}

fn switch(app: &mut App, pane: Pane) -> Option<Action> {
    app.switch(pane);
    None
}

fn set_filter(app: &mut App, query: &str) {
    let pane = app.pane;
    let effects = app.panes.get_mut(pane).set_filter(query);
    app.submit_all(effects);
}

fn update_overlay(app: &mut App, overlay: Overlay, action: Action) -> Option<Action> {
    match overlay {
        Overlay::Help { mut scroll } => {
            if matches!(action, Action::Back | Action::Help | Action::Quit) {
                return None;
            }
            scroll.apply(action);
            app.overlay = Some(Overlay::Help { scroll });
            None
        }
        Overlay::Detail { detail, mut scroll } => {
            if matches!(action, Action::Back | Action::Help | Action::Quit) {
                return None;
            }
            if let (Action::AddNote, Detail::Pairing(opened)) = (action, &detail) {
                if !refused(app, action) {
                    crate::tui::note::open(app, Box::new(opened.row.clone()));
                    return None;
                }
                app.overlay = Some(Overlay::Detail { detail, scroll });
                return None;
            }
            scroll.apply(action);
            app.overlay = Some(Overlay::Detail { detail, scroll });
            None
        }
        Overlay::Prompt(prompt) => {
            let next = update_prompt(app, prompt, action);
            if action == Action::Submit {
                app.say_overlay_error();
            }
            next
        }
        Overlay::Form { form, purpose } => {
            let next = update_form(app, form, purpose, action);
            if action == Action::Submit {
                app.say_overlay_error();
            }
            next
        }
        Overlay::Search(list) => {
            crate::tui::search::update_search(app, list, action);
            None
        }
        Overlay::Note(draft) => {
            crate::tui::note::update(app, draft, action);
            None
        }
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
                person @ (FormPurpose::EditPerson { .. } | FormPurpose::AddPerson(_)) => {
                    crate::tui::daily::submit_form(app, form, person);
                }
                FormPurpose::RaiseConcern { pairing, label } => {
                    crate::tui::concerns::submit_raise(app, form, pairing, label);
                }
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
        (Action::Back, PromptPurpose::ConfirmDropNote) => {
            crate::tui::note::answer_drop(app, "n");
            None
        }
        (Action::Submit, PromptPurpose::ConfirmDropNote) => {
            crate::tui::note::answer_drop(app, prompt.input.value());
            None
        }
        (Action::Back, PromptPurpose::ConfirmDiscardDraft { label }) => {
            app.status = Some(app.panes.checkins.answer_discard("n", &label));
            None
        }
        (Action::Submit, PromptPurpose::ConfirmDiscardDraft { label }) => {
            app.status = Some(
                app.panes
                    .checkins
                    .answer_discard(prompt.input.value(), &label),
            );
            None
        }
        (Action::Back, PromptPurpose::ConfirmApproveAll { .. }) => {
            app.info("Cancelled; nothing approved");
            None
        }
        (Action::Back, PromptPurpose::ChooseStrategy) => {
            app.info("Nothing planned; the proposals waiting for review are kept");
            None
        }
        (Action::Back, _) => None,
        (Action::Submit, PromptPurpose::Filter) => None,
        (Action::Submit, PromptPurpose::ConfirmQuit) => {
            if prompt.input.value().trim().eq_ignore_ascii_case("y") {
                app.quit = true;
            } else {
                app.overlay = app.stashed.take();
                app.info("Not quitting: only y quits; nothing was discarded");
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
        (Action::Submit, PromptPurpose::ConfirmApproveAll { .. }) => {
            answer_approve_all(app, prompt);
            None
        }
        (Action::Submit, PromptPurpose::ConfirmUndo { .. }) => {
            super::undo::answer(app, prompt);
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
            submit_import(app, prompt);
            None
        }
        (Action::Submit, PromptPurpose::SearchProgram) => {
            crate::tui::search::submit_search(app, &prompt);
            None
        }
        (Action::Submit, PromptPurpose::ResolveConcern { .. }) => {
            crate::tui::concerns::submit_resolve(app, prompt);
            None
        }
        (Action::Submit, PromptPurpose::PersonStatus { .. }) => {
            crate::tui::daily::submit_status(app, prompt);
            None
        }
        (Action::Submit, PromptPurpose::BundlePath) => {
            bundle::submit_write(app, prompt);
            None
        }
        (Action::Submit, PromptPurpose::BundleToImport) => {
            bundle::submit_import(app, prompt);
            None
        }
        (
            Action::Submit,
            PromptPurpose::ConfirmResolve {
                conflict,
                keep,
                label,
            },
        ) => {
            if prompt.input.value().trim().eq_ignore_ascii_case("y") {
                sync_update::submit_resolve(app, conflict, keep, label);
            } else {
                app.info("Nothing resolved");
            }
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
/// answers on its key; settles like [`crate::tui::input::dispatch`].
pub fn prompt_edited(app: &mut App) {
    let mut answer = None;
    let mut chosen = None;
    let mut resolve = None;
    // A y or n answers "approve them all?" on its key, as it does for quitting.
    if let Some(Overlay::Prompt(prompt)) = &app.overlay
        && matches!(prompt.purpose, PromptPurpose::ConfirmApproveAll { .. })
        && matches!(prompt.input.value().trim(), "y" | "Y" | "n" | "N")
        && let Some(Overlay::Prompt(prompt)) = app.overlay.take()
    {
        answer_approve_all(app, prompt);
        app.settle();
        return;
    }
    // So does "discard the draft?".
    if let Some(Overlay::Prompt(prompt)) = &app.overlay
        && let PromptPurpose::ConfirmDiscardDraft { label } = &prompt.purpose
        && matches!(prompt.input.value().trim(), "y" | "Y" | "n" | "N")
    {
        let (answer, label) = (prompt.input.value().to_string(), label.clone());
        app.overlay = None;
        app.status = Some(app.panes.checkins.answer_discard(&answer, &label));
        app.settle();
        return;
    }
    // And "throw away the note?".
    if let Some(Overlay::Prompt(prompt)) = &app.overlay
        && prompt.purpose == PromptPurpose::ConfirmDropNote
        && matches!(prompt.input.value().trim(), "y" | "Y" | "n" | "N")
    {
        let answer = prompt.input.value().to_string();
        app.overlay = None;
        crate::tui::note::answer_drop(app, &answer);
        app.settle();
        return;
    }
    if let Some(Overlay::Prompt(prompt)) = &app.overlay
        && matches!(prompt.purpose, PromptPurpose::ConfirmUndo { .. })
        && matches!(prompt.input.value().trim(), "y" | "Y" | "n" | "N")
        && let Some(Overlay::Prompt(prompt)) = app.overlay.take()
    {
        super::undo::answer(app, prompt);
        app.settle();
        return;
    }
    if let Some(Overlay::Prompt(prompt)) = &mut app.overlay {
        prompt.error = None;
        match prompt.purpose {
            PromptPurpose::Filter => answer = Some(prompt.input.value().to_string()),
            PromptPurpose::ConfirmQuit if prompt.input.value().trim().eq_ignore_ascii_case("y") => {
                app.quit = true;
            }
            PromptPurpose::ConfirmResolve {
                conflict,
                keep,
                ref label,
            } if prompt.input.value().trim().eq_ignore_ascii_case("y") => {
                resolve = Some((conflict, keep, label.clone()));
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
    if let Some((conflict, keep, label)) = resolve {
        app.overlay = None;
        sync_update::submit_resolve(app, conflict, keep, label);
    }
    app.settle();
}
