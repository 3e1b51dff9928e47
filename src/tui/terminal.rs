//! Taking the terminal for the desk and giving it back whole.
//!
//! Every way out — `q`, a stop signal, a closed terminal, a panic, the notes editor — goes
//! through [`give_back`], which undoes everything [`take`] did and shows the cursor itself
//! instead of leaving that to ratatui's `Terminal` drop (which never runs when the process
//! is ended from another thread, and runs only after the desk's worker has finished).
//!
//! Owns: raw mode, the alternate screen, mouse capture and the panic hook. May use:
//! ratatui's crossterm.

use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Whether the desk holds the terminal now, and which thread draws on it. The lock also
/// keeps two threads (the event loop, the signal watch) from giving it back at once.
static HELD: Mutex<Option<ThreadId>> = Mutex::new(None);
/// Set once the terminal has been given back for good (not for the editor): from then on a
/// late frame must not take it again.
static CLOSED: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();
/// Set while the notes editor has the terminal, and when it gave the terminal back.
static SUSPENDED: AtomicBool = AtomicBool::new(false);
static RESUMED_AT: Mutex<Option<Instant>> = Mutex::new(None);
/// How long after the editor returns a Ctrl-C typed in it still counts as the editor's: the
/// signal watch looks every 20 ms, and the editor may end on that very Ctrl-C.
const EDITOR_SIGNAL_WINDOW: Duration = Duration::from_millis(300);
/// Held while a frame is written: giving the terminal back from another thread waits for
/// the frame to finish, and no frame is written once it is given back (a frame drawn after
/// would hide the cursor again on the main screen).
static DRAWING: Mutex<()> = Mutex::new(());

fn held() -> MutexGuard<'static, Option<ThreadId>> {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Takes the terminal: raw mode, the alternate screen, mouse capture; installs the panic
/// hook that gives it back. The returned guard gives it back when dropped.
pub fn take() -> io::Result<(Terminal<CrosstermBackend<Stdout>>, Held)> {
    PANIC_HOOK.call_once(install_panic_hook);
    enter()?;
    let held = Held(());
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok((terminal, held))
}

/// Takes the terminal again after [`suspend`] (the notes editor has returned).
pub fn resume() -> io::Result<()> {
    *RESUMED_AT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Instant::now());
    SUSPENDED.store(false, Ordering::Release);
    enter()
}

/// Gives the terminal back for a while (to the notes editor); [`resume`] takes it again.
pub fn suspend() {
    SUSPENDED.store(true, Ordering::Release);
    restore();
}

/// Gives the terminal to the shell and stops the desk as the terminal's Ctrl-Z would (the
/// desk reads Ctrl-Z as a key in raw mode, and a SIGTSTP from outside is caught by the
/// watch); returns once the shell continues it (`fg`), and the caller takes the terminal
/// again with [`resume`] and redraws.
pub fn stop_for_shell() {
    suspend();
    if let Err(error) =
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
    {
        tracing::warn!(%error, "could not stop the desk for the shell");
    }
}

/// True while another program (the notes editor) has the terminal, or has just given it
/// back: a Ctrl-C or Ctrl-\\ typed there reaches the desk too, and is the editor's.
pub fn suspended() -> bool {
    SUSPENDED.load(Ordering::Acquire)
        || RESUMED_AT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .is_some_and(|at| at.elapsed() < EDITOR_SIGNAL_WINDOW)
}

fn enter() -> io::Result<()> {
    let mut held = held();
    if CLOSED.load(Ordering::Acquire) {
        return Err(io::Error::other("the desk is closing"));
    }
    enable_raw_mode()?;
    *held = Some(thread::current().id());
    drop(held);
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Draws one frame, unless the terminal has been given back meanwhile.
pub fn draw(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    frame: impl FnOnce(&mut ratatui::Frame<'_>),
) -> io::Result<()> {
    let _drawing = DRAWING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if CLOSED.load(Ordering::Acquire) || held().is_none() {
        return Ok(());
    }
    terminal.draw(frame).map(drop)
}

/// Gives the terminal back for good: mouse off, bracketed paste off, the main screen, the
/// cursor shown, cooked mode. Safe from any thread and more than once; only the first call
/// writes anything. Waits for a frame being written to finish first.
pub fn give_back() {
    let _drawing = DRAWING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    CLOSED.store(true, Ordering::Release);
    restore();
}

/// As [`give_back`], without waiting for the frame: for a panic on the drawing thread,
/// which may be in the middle of that frame itself.
fn give_back_now() {
    CLOSED.store(true, Ordering::Release);
    restore();
}

fn restore() {
    let mut held = held();
    if held.take().is_none() {
        return;
    }
    // Each step on its own: a terminal that fails one (a closed one fails all) still gets
    // the others.
    let mut out = stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, Show);
    let _ = disable_raw_mode();
}

/// Gives the terminal back when dropped (an early return or an unwinding panic included).
#[must_use = "the terminal is given back when this guard is dropped"]
pub struct Held(());

impl Drop for Held {
    fn drop(&mut self) {
        give_back();
    }
}

/// A panic on the thread that draws gives the terminal back before the message is printed,
/// so the message lands on the main screen and the shell works. A panic on another thread
/// (the desk's worker) leaves the desk on screen: the desk says the worker stopped, and the
/// message goes to the log rather than across the panes.
fn install_panic_hook() {
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // `try_lock`: a thread busy giving the terminal back is left to finish it.
        let drawing = match HELD.try_lock() {
            Ok(held) => *held,
            Err(std::sync::TryLockError::Poisoned(held)) => *held.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => None,
        };
        match drawing {
            Some(drawer) if drawer != thread::current().id() => {
                tracing::error!(panic = %info, "a thread of the desk panicked");
            }
            Some(_) => {
                give_back_now();
                earlier(info);
            }
            None => earlier(info),
        }
    }));
}
