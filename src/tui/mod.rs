//! The terminal face: the desk as a keyboard-first app.
//!
//! Owns: everything that names ratatui or crossterm: app state, actions, keymap, panes and
//! widgets, and the event loop. May use: `desk`, `domain`. Shape: key press → keymap →
//! [`action::Action`] → [`update::update`] (and the pane's own update) → [`effect::Effect`]s
//! → the runtime runs them on the desk's own thread → [`effect::Outcome`]s →
//! [`outcome::apply`] → redraw. The UI thread never touches the database.

pub mod action;
pub mod app;
pub mod concerns;
pub mod daily;
mod daily_reads;
pub mod editor;
pub mod effect;
pub mod input;
pub mod keymap;
pub mod note;
pub mod outcome;
pub mod overlay;
pub mod panes;
pub mod role;
pub mod runtime;
pub mod search;
mod terminal;
pub mod theme;
mod undo;
pub mod update;
pub mod view;
mod watchdog;
pub mod widgets;

use std::io::IsTerminal;
use std::time::Duration;

use ratatui::crossterm::event;

pub use app::{App, Services};
use keymap::Keymap;
use runtime::Runtime as _;
pub use theme::{Theme, ThemeName};

use crate::desk::Desk;

/// Why the desk could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TuiError {
    #[error("the desk needs a terminal; run a subcommand instead (see mentordesk --help)")]
    NoTerminal,
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

/// How the desk should look and where its optional keymap file is.
pub struct Options {
    pub theme: ThemeName,
    /// Text of the user's `keymap.toml`, when there is one.
    pub keymap_override: Option<String>,
    /// When the program started, for the log's time to the first frame.
    pub started: std::time::Instant,
    /// The guides the check-in form offers, and the guide files that could not be read.
    pub guides: crate::domain::guide::GuideLibrary,
    pub guide_problems: Vec<String>,
}

/// How a desk session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A stop signal (SIGINT, SIGQUIT, SIGTERM, SIGHUP) ended it, or its terminal closed
    /// (counted as SIGHUP); the shell's status for it is 128 + the signal.
    Signal(i32),
}

/// Opens the desk in the terminal and runs until the person quits, a stop signal arrives
/// or the terminal closes. The terminal is given back whole on every exit, panics included
/// (see `terminal`).
pub fn run(desk: Desk, services: Services, options: Options) -> Result<Ending, TuiError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(TuiError::NoTerminal);
    }
    let started = options.started;
    let (keymap, problems) = Keymap::build(options.keymap_override.as_deref());
    let theme = Theme::pick(options.theme, Theme::no_color_requested());
    let clock = desk.clock();
    let (actor, path) = (desk.actor().to_string(), desk.path().to_path_buf());
    let tightened = desk.tightened_notice();
    let access = desk.access_notice();
    let worker = runtime::Worker::spawn(desk, services)?;
    let watch = watchdog::spawn(watchdog::Worker {
        locks: worker.lock_watch().cloned(),
        in_flight: worker.in_flight(),
    })?;
    let mut app = App::with_runtime(Box::new(worker), clock, actor, path, keymap, theme);
    app.panes.checkins.guides = std::sync::Arc::new(options.guides);
    if !problems.is_empty() {
        app.fail(format!("Key bindings: {}", problems.join("; ")));
    } else if !options.guide_problems.is_empty() {
        app.fail(format!(
            "Guides not read: {}",
            options.guide_problems.join("; ")
        ));
    } else if let Some(notice) = access {
        app.fail(notice);
    } else if let Some(notice) = tightened {
        app.info(notice);
    }

    let (mut terminal, held) = terminal::take()?;
    let result = event_loop(&mut terminal, &mut app, &watch, started);
    // The terminal first, so nothing below (the worker finishing) can keep it from the
    // person; then the worker finishes what was handed to it (a decision made just before
    // quitting is saved) before the desk closes.
    drop(held);
    watch.left();
    drop(app);
    result.map(|()| watch.signal().map_or(Ending::Quit, Ending::Signal))
}

/// Suspends the desk, lets the person write the draft's notes in their editor, and brings
/// the desk back with the text (or, when the editor fails, the notes unchanged and a message).
fn edit_notes_outside(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
) -> Result<(), TuiError> {
    let Some(text) = app.panes.checkins.draft.as_ref().map(|d| d.notes_text()) else {
        return Ok(());
    };
    terminal::suspend();
    let outcome = editor::edit(&editor::editor_command(), &text);
    terminal::resume()?;
    terminal.clear()?;
    panes::checkins::update::notes_from_editor(app, outcome);
    Ok(())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    watch: &watchdog::Shared,
    started: std::time::Instant,
) -> Result<(), TuiError> {
    let mut first_frame = true;
    while !app.quit && !watch.stop_requested() {
        terminal::draw(terminal, |frame| {
            let area = frame.area();
            frame.render_widget(view::Root(app), area);
            match &app.overlay {
                Some(app::Overlay::Prompt(prompt)) => {
                    let view = widgets::prompt::PromptView {
                        title: &prompt.title,
                        input: &prompt.input,
                        hint: &prompt.hint,
                        error: prompt.error.as_deref(),
                        theme: &app.theme,
                    };
                    frame.set_cursor_position(view.cursor(area));
                }
                Some(app::Overlay::Form { form, .. }) => {
                    let view = widgets::form::FormView {
                        form,
                        theme: &app.theme,
                    };
                    frame.set_cursor_position(view.cursor(area));
                }
                None if app.context() == keymap::Context::ReflectionForm => {
                    if let Some(draft) = &app.panes.timeline.reflection {
                        let view = panes::timeline::reflection_view::ReflectionFormView {
                            draft,
                            theme: &app.theme,
                        };
                        if let Some(cursor) = view.cursor(area) {
                            frame.set_cursor_position(cursor);
                        }
                    }
                }
                None if app.context() == keymap::Context::CheckInForm => {
                    if let Some(draft) = &app.panes.checkins.draft {
                        let view = panes::checkins::view::CheckInFormView {
                            draft,
                            theme: &app.theme,
                        };
                        if let Some(cursor) = view.cursor(area) {
                            frame.set_cursor_position(cursor);
                        }
                    }
                }
                _ => {}
            }
        })?;
        if std::mem::take(&mut first_frame) {
            tracing::info!(since_start = ?started.elapsed(), "first frame drawn");
        }
        // While the desk works, look for its answer often; otherwise a tick redraws the
        // job's spinner.
        let tick = if app.awaiting() || app.job.is_some() {
            Duration::from_millis(30)
        } else {
            Duration::from_millis(100)
        };
        if event::poll(tick)? {
            let event = event::read()?;
            // A stop that arrived while polling wins over the key read with it.
            if watch.stop_requested() {
                break;
            }
            #[cfg(debug_assertions)]
            panic_on_request(&event);
            input::handle_event(app, &event);
        }
        if std::mem::take(&mut app.editor_requested) {
            edit_notes_outside(terminal, app)?;
        }
        if std::mem::take(&mut app.suspend_requested) | watch.take_suspend_request() {
            terminal::stop_for_shell();
            terminal::resume()?;
            terminal.clear()?;
        }
        app.settle();
    }
    Ok(())
}

/// Debug builds only: with `MENTORDESK_DEBUG_PANIC_KEY=1`, F12 panics on the drawing thread,
/// so the tmux tests can show that a panic gives the terminal back from any state.
#[cfg(debug_assertions)]
fn panic_on_request(event: &event::Event) {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
    if let Event::Key(key) = event
        && key.kind == KeyEventKind::Press
        && key.code == KeyCode::F(12)
        && std::env::var_os("MENTORDESK_DEBUG_PANIC_KEY").is_some_and(|v| v == "1")
    {
        panic!("a panic asked for with F12 (MENTORDESK_DEBUG_PANIC_KEY=1)");
    }
}
