//! Bundles from the desk: on a mentor desk `x` (in Check-ins) asks where to write the records
//! not yet handed back and says what was written; on the coordinator's desk `i` (in Sync)
//! asks which bundle to import. The files themselves are written and read by the services
//! the binary hands in (`tui` does not reach `exchange`).

use std::path::{Path, PathBuf};

use crate::tui::app::{App, Overlay, Prompt, PromptPurpose};
use crate::tui::effect::Effect;
use crate::tui::panes::Pane;

/// `~/…` made a path in the home folder; anything else as typed.
pub fn expand_home(typed: &str) -> PathBuf {
    let typed = typed.trim();
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(typed),
    }
}

/// The folder of the database, where a bundle is suggested.
fn beside_database(app: &App) -> PathBuf {
    let folder = app
        .path()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::path::absolute(&folder).unwrap_or(folder)
}

/// The path a bundle written now is suggested at: beside the database, named by the time.
pub fn suggested_bundle_path(app: &App) -> PathBuf {
    let stamp = app.now().with_timezone(&app.zone).format("%Y-%m-%d-%H%M");
    beside_database(app).join(format!("mentordesk-bundle-{stamp}.json"))
}

/// `x`: asks where to write the bundle, or says there is nothing to hand back.
pub fn ask_where_to_write(app: &mut App) {
    let pending = app.sync.as_ref().map_or(0, |s| s.status.pending);
    if pending == 0 {
        app.info(
            "Nothing to hand back: your coordinator has taken every record (a receipt said so)",
        );
        return;
    }
    let records = if pending == 1 { "record" } else { "records" };
    let path = suggested_bundle_path(app);
    app.overlay = Some(Overlay::Prompt(Prompt::new(
        PromptPurpose::BundlePath,
        &format!("Write {pending} {records} for your coordinator to"),
        "a file path (~/ for your home folder) · Enter writes · Esc cancels",
        &path.display().to_string(),
    )));
}

/// Writes the bundle where the prompt says; the prompt comes back with the error on failure.
pub fn submit_write(app: &mut App, mut prompt: Prompt) {
    if prompt.input.value().trim().is_empty() {
        prompt.error = Some("type where to write the bundle".into());
        app.overlay = Some(Overlay::Prompt(prompt));
        return;
    }
    let path = expand_home(prompt.input.value());
    app.saving = Some(Overlay::Prompt(prompt));
    app.submit(Effect::WriteBundle(path));
}

/// The bundle has been written (or not).
pub fn on_bundle_written(app: &mut App, result: Result<(usize, PathBuf), String>) {
    let aside = app.saving.take();
    match result {
        Ok((records, path)) => {
            app.submit(Effect::ReadSync);
            let noun = if records == 1 { "record" } else { "records" };
            app.info(format!(
                "Wrote {records} {noun} to {} — send this file to your coordinator",
                path.display()
            ));
        }
        Err(error) => match aside {
            Some(Overlay::Prompt(mut prompt)) if app.overlay.is_none() => {
                prompt.error = Some(error);
                app.overlay = Some(Overlay::Prompt(prompt));
            }
            _ => app.fail(format!("Could not write the bundle: {error}")),
        },
    }
}

/// `i` in Sync: asks which bundle to import.
pub fn ask_which_to_import(app: &mut App) {
    let folder = beside_database(app);
    app.overlay = Some(Overlay::Prompt(Prompt::new(
        PromptPurpose::BundleToImport,
        "Import a mentor's bundle",
        "the bundle's path · Enter imports and writes the receipt beside it · Esc cancels",
        &format!("{}/", folder.display()),
    )));
}

/// Imports the bundle the prompt names; the prompt comes back with the error on failure.
pub fn submit_import(app: &mut App, mut prompt: Prompt) {
    let path = expand_home(prompt.input.value());
    if prompt.input.value().trim().is_empty() || path.is_dir() {
        prompt.error = Some("type the path of a bundle file".into());
        app.overlay = Some(Overlay::Prompt(prompt));
        return;
    }
    app.saving = Some(Overlay::Prompt(prompt));
    app.submit(Effect::ImportBundle(path));
}

/// The bundle has been imported (or refused, writing nothing).
pub fn on_bundle_imported(app: &mut App, result: Result<String, String>) {
    let aside = app.saving.take();
    match result {
        Ok(summary) => {
            app.refresh_all();
            app.switch(Pane::Sync);
            app.info(summary);
        }
        Err(error) => match aside {
            Some(Overlay::Prompt(mut prompt)) if app.overlay.is_none() => {
                prompt.error = Some(error);
                app.overlay = Some(Overlay::Prompt(prompt));
            }
            _ => app.fail(format!("Could not import the bundle: {error}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_home_path_is_expanded_and_others_are_kept() {
        assert_eq!(expand_home(" /tmp/b.json "), PathBuf::from("/tmp/b.json"));
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(expand_home("~/b.json"), Path::new(&home).join("b.json"));
        }
    }
}
