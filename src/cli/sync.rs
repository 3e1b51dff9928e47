//! Sync bundles: `sync export`, `sync import`, `sync ack`, `sync status`, `sync conflicts`,
//! `sync resolve`.
//!
//! Owns: the commands' arguments and output (text, or `--json`). May use: `desk`,
//! `exchange`, `domain`.

use crate::domain::text::counted;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use serde_json::{Value, json};

use super::BadInput;
use super::pairing::instant;
use super::table::Table;
use crate::desk::{Desk, DeskIdentity, Keep, SyncConflict, SyncStatus};
use crate::domain::DeskRole;
use crate::domain::text::clean_line;
use crate::domain::when::local_minute;
use crate::exchange::bundle::{export_bundle, import_bundle};
use crate::exchange::receipt::ack_receipt;

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// On a mentor desk: write the records not yet handed back as a bundle.
    Export {
        /// Write to FILE (default bundle-<mentor>-<time>.json).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Every record, handed back or not.
        #[arg(long)]
        all: bool,
    },
    /// On the coordinator's desk: import a mentor's bundle and write a receipt for them.
    Import {
        file: PathBuf,
        /// Write the receipt to FILE (default <bundle>.receipt.json beside the bundle).
        #[arg(long, value_name = "FILE")]
        receipt: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// On a mentor desk: mark the records a receipt names as handed over.
    Ack { receipt: PathBuf },
    /// Imports, conflicts, gaps and refused records; or, on a mentor desk, what is pending.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Conflicts with both versions (open ones; `--all` for resolved too).
    Conflicts {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Resolve a conflict: keep theirs, ours or (check-ins) both (audited).
    Resolve {
        conflict: i64,
        #[arg(long, value_name = "theirs|ours|both")]
        keep: String,
    },
}

pub fn run(desk: &mut Desk, action: SyncAction) -> Result<ExitCode> {
    match action {
        SyncAction::Export { output, all } => {
            let written = export_bundle(desk, output.as_deref(), all)?;
            say!(
                "wrote {} ({} bytes): {} records{}",
                crate::domain::text::shown_path(&written.path),
                written.bytes,
                written.records,
                if all {
                    ", handed back or not"
                } else {
                    " not yet handed back"
                }
            );
        }
        SyncAction::Import {
            file,
            receipt,
            json,
        } => return import(desk, &file, receipt.as_deref(), json),
        SyncAction::Ack { receipt } => {
            let done = ack_receipt(desk, &receipt)?;
            say!(
                "{} records handed over, {} refused by the coordinator's desk{}; {} still to \
                 hand back",
                done.handed_over,
                done.rejected,
                if done.unknown > 0 {
                    format!(", {} unknown to this desk", done.unknown)
                } else {
                    String::new()
                },
                done.pending
            );
        }
        SyncAction::Status { json } => return status(desk, json),
        SyncAction::Conflicts { all, json } => return conflicts(desk, all, json),
        SyncAction::Resolve { conflict, keep } => {
            let keep: Keep = keep.parse()?;
            let done = desk.resolve_conflict(conflict, keep)?;
            say!(
                "conflict {} resolved: kept {} ({})",
                done.id,
                keep.as_str(),
                clean_line(&done.subject)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn import(
    desk: &mut Desk,
    file: &std::path::Path,
    receipt: Option<&std::path::Path>,
    as_json: bool,
) -> Result<ExitCode> {
    let done = import_bundle(desk, file, receipt)?;
    let i = &done.import;
    if as_json {
        say!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "import": i.import,
                "mentor": i.mentor,
                "new": i.new,
                "already_had": i.already_had,
                "conflicts": i.conflicts,
                "missing": i.missing(),
                "gaps": i.gaps.iter().map(|g| json!({
                    "mentor": g.mentor, "device": g.device, "first": g.first, "last": g.last,
                    "text": g.to_string(),
                })).collect::<Vec<_>>(),
                "rejected": i.rejected,
                "waiting": i.waiting,
                "receipt": done.receipt,
            }))?
        );
    } else {
        say!("{}: {}", clean_line(&i.mentor_name), i.summary());
        for c in &i.conflicts {
            say!("  conflict: {}", clean_line(c));
        }
        for g in &i.gaps {
            say!("  {}", clean_line(&g.to_string()));
        }
        if i.waiting > 0 {
            say!(
                "  {} records wait for the missing records they change",
                i.waiting
            );
        }
        for r in &i.rejected {
            say!(
                "  rejected record {} (#{}): {}",
                r.id,
                r.seq,
                clean_line(&r.reason)
            );
        }
        say!(
            "receipt written to {}: hand it back (`mentordesk sync ack FILE` on the mentor's desk)",
            crate::domain::text::shown_path(&done.receipt)
        );
    }
    if i.rejected.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(BadInput(format!(
            "{} of the bundle's records were rejected (listed above; the rest were imported)",
            i.rejected.len()
        ))
        .into())
    }
}

pub fn identity_json(id: &DeskIdentity) -> Value {
    json!({
        "device": id.device,
        "role": id.role,
        "mentor": id.mentor,
        "mentor_name": id.mentor_name,
        "program": id.program,
        "program_desk": id.program_desk,
        "pack_made_at": id.pack_made_at.map(instant),
        "last_export_at": id.last_export_at.map(instant),
    })
}

/// One line saying which desk this is.
pub fn identity_line(id: &DeskIdentity) -> String {
    match (&id.role, &id.mentor) {
        (DeskRole::Mentor, Some(mentor)) => format!(
            "mentor desk of {} ({mentor}) for \"{}\", device {}",
            clean_line(id.mentor_name.as_deref().unwrap_or("?")),
            clean_line(id.program.as_deref().unwrap_or("?")),
            id.device
        ),
        _ => format!("coordinator desk, device {}", id.device),
    }
}

fn status_json(s: &SyncStatus) -> Value {
    json!({
        "identity": identity_json(&s.identity),
        "pending": s.pending,
        "refused": s.refused.iter().map(|(id, why)| json!({"id": id, "reason": why}))
            .collect::<Vec<_>>(),
        "last_export_at": s.identity.last_export_at.map(instant),
        "imports": s.imports.iter().map(|i| json!({
            "id": i.id, "at": instant(i.at), "file": i.file, "mentor": i.mentor,
            "device": i.device, "new": i.new, "already_had": i.already_had,
            "conflicts": i.conflicts, "missing": i.missing, "rejected": i.rejected,
        })).collect::<Vec<_>>(),
        "open_conflicts": s.open_conflicts,
        "gaps": s.gaps.iter().map(|g| json!({
            "mentor": g.mentor, "device": g.device, "first": g.first, "last": g.last,
            "text": g.to_string(),
        })).collect::<Vec<_>>(),
        "rejected": s.rejected.iter().map(|r| json!({
            "import": r.import, "record": r.record, "device": r.device, "seq": r.seq,
            "reason": r.reason,
        })).collect::<Vec<_>>(),
    })
}

fn status(desk: &mut Desk, as_json: bool) -> Result<ExitCode> {
    let s = desk.sync_status()?;
    let zone = desk.default_zone()?;
    if as_json {
        say!("{}", serde_json::to_string_pretty(&status_json(&s))?);
        return Ok(ExitCode::SUCCESS);
    }
    say!("{}", identity_line(&s.identity));
    if s.identity.role == DeskRole::Mentor {
        say!(
            "{} not yet handed back; last export {}",
            counted(s.pending, "record", "records"),
            s.identity
                .last_export_at
                .map_or_else(|| "never".to_string(), instant)
        );
        for (id, why) in &s.refused {
            say!(
                "  refused by the coordinator's desk: {id}: {}",
                clean_line(why)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if s.imports.is_empty() {
        say!("no bundles imported yet");
    } else {
        let mut table = Table::new(&[
            "IMPORT",
            "WHEN",
            "MENTOR",
            "FILE",
            "NEW",
            "HAD",
            "CONFLICTS",
            "MISSING",
            "REJECTED",
        ]);
        for i in &s.imports {
            table.row(vec![
                i.id.to_string(),
                local_minute(i.at, zone),
                i.mentor.to_string(),
                clean_line(&i.file),
                i.new.to_string(),
                i.already_had.to_string(),
                i.conflicts.to_string(),
                i.missing.to_string(),
                i.rejected.to_string(),
            ]);
        }
        say_raw!("{}", table.render());
    }
    say!(
        "{} open conflicts (`mentordesk sync conflicts`)",
        s.open_conflicts
    );
    for g in &s.gaps {
        say!("{}", clean_line(&g.to_string()));
    }
    for r in &s.rejected {
        say!(
            "rejected in import {}: record {} (#{}): {}",
            r.import,
            r.record,
            r.seq,
            clean_line(&r.reason)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn conflict_json(c: &SyncConflict) -> Value {
    json!({
        "id": c.id, "import": c.import, "record": c.record, "kind": c.kind,
        "reason": c.reason, "subject": c.subject, "ours": c.ours, "theirs": c.theirs,
        "resolved": c.resolved, "resolved_at": c.resolved_at.map(instant),
    })
}

fn conflicts(desk: &mut Desk, all: bool, as_json: bool) -> Result<ExitCode> {
    let list = desk.sync_conflicts(all)?;
    if as_json {
        let values: Vec<Value> = list.iter().map(conflict_json).collect();
        say!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(ExitCode::SUCCESS);
    }
    if list.is_empty() {
        say!("no {}conflicts", if all { "" } else { "open " });
        return Ok(ExitCode::SUCCESS);
    }
    for c in &list {
        say!(
            "conflict {} ({}, import {}){}: {}",
            c.id,
            c.kind,
            c.import,
            c.resolved
                .as_ref()
                .map(|k| format!(", resolved: kept {k}"))
                .unwrap_or_default(),
            clean_line(&c.reason)
        );
        say!("  ours:   {}", clean_line(&c.ours.to_string()));
        say!("  theirs: {}", clean_line(&c.theirs.to_string()));
    }
    say!("resolve with `mentordesk sync resolve ID --keep theirs|ours|both`");
    Ok(ExitCode::SUCCESS)
}
