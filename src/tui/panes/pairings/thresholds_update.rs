//! Health thresholds flows: `H` on the Pairings pane opens the editor on the thresholds the
//! desk reads; each change judges the pairings under way again (a dry run, nothing stored);
//! Enter keeps the set through `desk` (audited), Esc discards it and the stored thresholds
//! apply again.

use crate::desk::{DeskError, PairingHealth};
use crate::domain::HealthThresholds;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effect::Effect;
use crate::tui::panes::pairings::thresholds::ThresholdsDraft;

/// The stored thresholds have been read: the editor opens on them.
pub(crate) fn on_thresholds(app: &mut App, result: Result<HealthThresholds, DeskError>) {
    match result {
        Ok(stored) => {
            app.overlay = Some(Overlay::Thresholds(ThresholdsDraft::new(stored)));
            app.info("Trying health thresholds: the pairings under way follow each change");
        }
        Err(e) => app.fail(format!("Could not read the health thresholds: {e}")),
    }
}

/// Handles a key while the editor is open (it has been taken out of `app.overlay`).
pub(crate) fn update_thresholds(app: &mut App, mut draft: ThresholdsDraft, action: Action) {
    match action {
        Action::Submit => keep(app, draft),
        Action::Back => {
            if draft.is_dirty() {
                judge(app, draft.stored);
            }
            app.info("Health thresholds unchanged");
        }
        Action::Quit => app.quit = true,
        other => {
            match draft.apply(other) {
                Ok(true) => judge(app, draft.thresholds),
                Ok(false) => {}
                Err(why) => app.fail(why),
            }
            app.overlay = Some(Overlay::Thresholds(draft));
        }
    }
}

/// Stores the draft (each change audited); the editor is put aside meanwhile and comes back
/// if the desk refuses.
fn keep(app: &mut App, draft: ThresholdsDraft) {
    if !draft.is_dirty() {
        app.info("Health thresholds unchanged");
        return;
    }
    let thresholds = draft.thresholds;
    app.saving = Some(Overlay::Thresholds(draft));
    app.submit(Effect::KeepThresholds(thresholds));
}

/// The desk kept (or refused) the thresholds.
pub(crate) fn on_kept(app: &mut App, result: Result<(), DeskError>) {
    let aside = app.saving.take();
    match result {
        Ok(()) => {
            app.refresh();
            app.info("Health thresholds kept (audited); every health judgement uses them now");
        }
        Err(e) => {
            app.fail(format!("Could not keep the thresholds: {e}"));
            if app.overlay.is_none()
                && let Some(editor @ Overlay::Thresholds(_)) = aside
            {
                app.overlay = Some(editor);
            }
        }
    }
}

/// Judges the pairings under way by `thresholds` without storing anything.
fn judge(app: &mut App, thresholds: HealthThresholds) {
    let follow_up = app.panes.pairings.follow_up.clone();
    app.submit(Effect::Rejudge {
        follow_up,
        thresholds,
    });
}

/// The pairings judged again: the list is sorted again and shows its top (the worst
/// pairings), which the editor's box leaves in sight.
pub(crate) fn on_rejudged(app: &mut App, result: Result<Vec<PairingHealth>, DeskError>) {
    match result {
        Ok(judged) => {
            let pairings = &mut app.panes.pairings;
            pairings.take_judged(judged);
            pairings.active_sel.selected = 0;
            pairings.active_sel.offset = 0;
        }
        Err(e) => app.fail(format!("Could not judge the pairings: {e}")),
    }
}
