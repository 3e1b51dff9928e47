//! The terminal face: the desk as a keyboard-first app.
//!
//! Owns: everything that names ratatui or crossterm: app state, actions, keymap, panes and
//! widgets, and the event loop. May use: `desk`, `domain`. Shape: key press → keymap →
//! [`action::Action`] → [`update::update`] (and the pane's own update) → [`effect::Effect`]s
//! → the runtime runs them on the desk's own thread → [`effect::Outcome`]s →
//! [`outcome::apply`] → redraw. The UI thread never touches the database.

pub mod action;
pub mod app;
pub mod daily;
pub mod editor;
pub mod effect;
pub mod input;
pub mod keymap;
pub mod outcome;
pub mod overlay;
pub mod panes;
pub mod role;
pub mod runtime;
pub mod theme;
pub mod update;
pub mod view;
mod watchdog;
pub mod widgets;

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use app::{App, Services};
use keymap::Keymap;
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
}

/// Opens the desk in the terminal and runs until the person quits or a SIGTERM/SIGHUP
/// arrives. The terminal is restored on every exit, panics included (ratatui's hook).
pub fn run(desk: Desk, services: Services, options: Options) -> Result<(), TuiError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(TuiError::NoTerminal);
    }
    let started = options.started;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let (keymap, problems) = Keymap::build(options.keymap_override.as_deref());
    let theme = Theme::pick(options.theme, Theme::no_color_requested());
    let clock = desk.clock();
    let (actor, path) = (desk.actor().to_string(), desk.path().to_path_buf());
    let tightened = desk.tightened_notice();
    let worker = runtime::Worker::spawn(desk, services)?;
    let mut app = App::with_runtime(Box::new(worker), clock, actor, path, keymap, theme);
    if !problems.is_empty() {
        app.fail(format!("Key bindings: {}", problems.join("; ")));
    } else if let Some(notice) = tightened {
        app.info(notice);
    }

    let mut terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let done = Arc::new(AtomicBool::new(false));
    watchdog::spawn(Arc::clone(&stop), Arc::clone(&done));
    let result = event_loop(&mut terminal, &mut app, &stop, started);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // The worker finishes what was handed to it (a decision made just before quitting is
    // saved) before the desk closes.
    drop(app);
    done.store(true, Ordering::Relaxed);
    result
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
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let outcome = editor::edit(&editor::editor_command(), &text);
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    terminal.clear()?;
    panes::checkins::update::notes_from_editor(app, outcome);
    Ok(())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    started: std::time::Instant,
) -> Result<(), TuiError> {
    let mut first_frame = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        terminal.draw(|frame| {
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
            input::handle_event(app, &event);
        }
        if std::mem::take(&mut app.editor_requested) {
            edit_notes_outside(terminal, app)?;
        }
        app.settle();
    }
    Ok(())
}
