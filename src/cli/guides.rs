//! `guides`: the session guides this desk knows (built in, the coordinator's from a mentor
//! pack, the person's own folder), and one guide in full.
//!
//! Owns: the guides' list and page, and reading a guide name given on the command line
//! (`checkin add --guide`). May use: `desk`, `exchange`, `domain`.

use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use serde_json::json;

use super::table::Table;
use crate::desk::Desk;
use crate::domain::guide::{GuideLibrary, GuideName};
use crate::exchange::guides::{GUIDES_FOLDER, strict_library};

#[derive(Debug, Subcommand)]
pub enum GuidesAction {
    /// Every guide: name, title, where it comes from (the default).
    List {
        #[arg(long)]
        json: bool,
    },
    /// One guide in full, ready to paste into session notes.
    Show {
        /// The guide's name, as `guides list` prints it (e.g. first-session).
        name: String,
        #[arg(long)]
        json: bool,
    },
}

fn library(desk: &mut Desk) -> Result<GuideLibrary> {
    Ok(strict_library(desk, super::config_folder().as_deref())?)
}

/// The guide `raw` names, checked against every guide this desk knows.
pub(super) fn guide_named(desk: &mut Desk, raw: &str) -> Result<GuideName> {
    Ok(library(desk)?.find(raw)?.name.clone())
}

pub fn run(desk: &mut Desk, action: Option<GuidesAction>) -> Result<ExitCode> {
    match action.unwrap_or(GuidesAction::List { json: false }) {
        GuidesAction::List { json } => list(desk, json),
        GuidesAction::Show { name, json } => show(desk, &name, json),
    }
}

fn list(desk: &mut Desk, as_json: bool) -> Result<ExitCode> {
    let library = library(desk)?;
    if as_json {
        let values: Vec<_> = library
            .all()
            .iter()
            .map(|g| {
                json!({
                    "name": g.name,
                    "title": g.title,
                    "when": g.when,
                    "source": g.source.words(),
                })
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&["NAME", "TITLE", "FROM"]);
    for g in library.all() {
        table.row(vec![
            g.name.to_string(),
            g.title.clone(),
            g.source.words().to_string(),
        ]);
    }
    say_raw!("{}", table.render());
    let folder = super::config_folder().map_or_else(
        || "the config folder".to_string(),
        |f| f.join(GUIDES_FOLDER).display().to_string(),
    );
    say!(
        "{} guides; `mentordesk guides show NAME` prints one; add or replace one as NAME.md in {folder}",
        library.all().len()
    );
    Ok(ExitCode::SUCCESS)
}

fn show(desk: &mut Desk, name: &str, as_json: bool) -> Result<ExitCode> {
    let library = library(desk)?;
    let guide = library.find(name)?;
    if as_json {
        say!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "name": guide.name,
                "title": guide.title,
                "when": guide.when,
                "source": guide.source.words(),
                "body": guide.body,
            }))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    say_raw!("{}", guide.markdown());
    Ok(ExitCode::SUCCESS)
}
