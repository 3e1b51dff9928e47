//! Mentor packs: `pack export`, `pack import`, `pack revoke`.
//!
//! Owns: the commands' arguments and output. May use: `desk`, `exchange`, `domain`.

use crate::domain::text::counted;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

use crate::desk::Desk;
use crate::domain::MentorId;
use crate::domain::text::clean_line;
use crate::exchange::pack::{export_pack, import_pack};

#[derive(Debug, Subcommand)]
pub enum PackAction {
    /// Write one mentor's pack: their pairings, their learners' briefs, and their desk's key.
    Export {
        #[arg(long, value_name = "ID")]
        mentor: String,
        /// Write to FILE (default pack-<mentor>.json).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Include e-mail addresses.
        #[arg(long)]
        with_contacts: bool,
    },
    /// Make this (new) database a mentor desk from a pack, or refresh the mentor desk.
    Import { file: PathBuf },
    /// Make a mentor desk's key useless: its later bundles are refused (audited).
    Revoke {
        #[arg(long, value_name = "ID")]
        mentor: String,
    },
}

pub fn run(desk: &mut Desk, action: PackAction) -> Result<ExitCode> {
    match action {
        PackAction::Export {
            mentor,
            output,
            with_contacts,
        } => {
            let mentor = MentorId::parse(&mentor)?;
            let path = output.unwrap_or_else(|| PathBuf::from(format!("pack-{mentor}.json")));
            let guides =
                crate::exchange::guides::strict_library(desk, super::config_folder().as_deref())?;
            let written = export_pack(desk, &mentor, with_contacts, &guides, &path)?;
            say!(
                "wrote {} ({} bytes): {} pairings, {} learners, {} guides{}; it holds {mentor}'s \
                 desk key, so hand it to {mentor} only",
                crate::domain::text::shown_path(&path),
                written.bytes,
                written.pairings,
                written.learners,
                written.guides,
                if with_contacts {
                    ", with e-mail addresses"
                } else {
                    ", no e-mail addresses"
                }
            );
        }
        PackAction::Import { file } => {
            let done = import_pack(desk, &file)?;
            let name = clean_line(&done.mentor_name);
            say!(
                "{} mentor desk of {name} ({}) for \"{}\": {} pairings, {} learners{}{}",
                if done.created {
                    "made the"
                } else {
                    "refreshed the"
                },
                done.mentor,
                clean_line(&done.program),
                done.pairings,
                done.learners,
                if done.ended > 0 {
                    format!(", {} ended since the last pack", done.ended)
                } else {
                    String::new()
                },
                if done.pending > 0 {
                    format!(
                        "; {} not yet handed back {} kept",
                        counted(done.pending, "record", "records"),
                        if done.pending == 1 { "is" } else { "are" }
                    )
                } else {
                    String::new()
                }
            );
        }
        PackAction::Revoke { mentor } => {
            let mentor = MentorId::parse(&mentor)?;
            desk.revoke_mentor_key(&mentor)?;
            say!(
                "revoked the key of {mentor}'s desk: bundles signed with it are refused; the \
                 next `pack export --mentor {mentor}` carries a new key"
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
