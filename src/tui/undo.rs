//! `u`: taking back the newest decision of the operation log. Decisions made since the desk
//! opened are taken back at once (the status line names what was undone); an older one (made
//! in an earlier session or on the command line) is named first and asked about (y/n), so a
//! second `u` never takes back last week's import unseen.
//!
//! May use: `desk`, `domain`, the rest of `tui`.

use super::app::{App, Overlay, Prompt, PromptPurpose};
use super::effect::Effect;
use crate::domain::OperationId;

/// `u`: asks the desk for the newest decision still open, leaving out those it refused in
/// this session; the desk takes it back, or asks first when it is older than the session.
pub fn undo(app: &mut App) {
    app.submit(Effect::Undo {
        skip: app.undo_refused.clone(),
        floor: app.undo_floor,
        confirmed: None,
    });
}

/// The decision `operation` is older than this session: ask before taking it back.
pub fn ask(app: &mut App, operation: OperationId, summary: &str) {
    app.overlay = Some(Overlay::Prompt(Prompt::new(
        PromptPurpose::ConfirmUndo { operation },
        &format!("Undo {operation}, from before this session: {summary}? y/n"),
        "y takes it back (audited) · n or Esc keeps it",
        "",
    )));
}

/// The answer to "Undo #N …? y/n".
pub fn answer(app: &mut App, mut prompt: Prompt) {
    let PromptPurpose::ConfirmUndo { operation } = prompt.purpose else {
        return;
    };
    match prompt.input.value().trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => app.submit(Effect::Undo {
            skip: app.undo_refused.clone(),
            floor: app.undo_floor,
            confirmed: Some(operation),
        }),
        "n" | "no" => app.info(format!("Kept {operation}; nothing undone")),
        _ => {
            prompt.error = Some("type y to undo it, n to keep it".into());
            app.overlay = Some(Overlay::Prompt(prompt));
        }
    }
}
