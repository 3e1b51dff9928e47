//! `mentordesk forget learner|mentor ID [--yes]`: an erasure request, asked for confirmation
//! unless `--yes` (scripts), refused while the person holds a pairing under way.
//!
//! Owns: the confirmation and the words of the result. May use: `desk`, `domain`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::BadInput;
use crate::desk::{Desk, Forgotten};
use crate::domain::text::clean_line;
use crate::domain::{LearnerId, MentorId};

/// Whose data `forget` erases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Person {
    Learner,
    Mentor,
}

pub fn forget(desk: &mut Desk, kind: Person, raw_id: &str, yes: bool) -> Result<ExitCode> {
    let (what, name) = match kind {
        Person::Learner => {
            let id = LearnerId::parse(raw_id)?;
            ("learner", desk.learner(&id)?.name)
        }
        Person::Mentor => {
            let id = MentorId::parse(raw_id)?;
            let name = desk
                .mentors()?
                .into_iter()
                .find(|row| row.mentor.id == id)
                .map(|row| row.mentor.name)
                .ok_or_else(|| BadInput(format!("no mentor with id {raw_id:?}")))?;
            ("mentor", name)
        }
    };
    if !yes && !confirmed(what, raw_id, &clean_line(&name))? {
        say!("nothing erased");
        return Ok(ExitCode::SUCCESS);
    }
    let done = match kind {
        Person::Learner => desk.forget_learner(&LearnerId::parse(raw_id)?)?,
        Person::Mentor => desk.forget_mentor(&MentorId::parse(raw_id)?)?,
    };
    report(&done)
}

/// Asks on the terminal; without one, `--yes` is required.
fn confirmed(what: &str, id: &str, name: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(BadInput(format!(
            "erasing {what} {id} cannot be undone; pass --yes to confirm when not at a terminal"
        ))
        .into());
    }
    let mut err = std::io::stderr();
    write!(
        err,
        "Erase {what} {id} ({name})? Their name, e-mail and every note about them are removed \
         for good; counts stay. Type yes to erase: "
    )?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(answer.trim().eq_ignore_ascii_case("yes"))
}

fn report(done: &Forgotten) -> Result<ExitCode> {
    let rows = &done.rows;
    say!(
        "erased {} {}: personal data and the words of {} pairings, {} check-ins, {} milestones, \
         {} reflections, {} exclusions, {} audit entries and {} sync records; counts kept",
        done.kind.as_str(),
        done.id,
        rows.pairings,
        rows.checkins,
        rows.milestones,
        rows.reflections,
        rows.exclusions,
        rows.audit_entries_blanked,
        rows.sync_records
    );
    if rows.operations_voided > 0 {
        say!(
            "{} logged decisions naming them can no longer be undone",
            rows.operations_voided
        );
    }
    if done.wal_emptied {
        say!("the database file was rewritten: nothing of it is left on disk");
    } else {
        say!(
            "the database file was rewritten; another desk has the file open, so its write-ahead \
             log is emptied when that desk closes (then run `mentordesk check`)"
        );
    }
    say!("backups taken before now still hold the data: erase or replace them too");
    Ok(ExitCode::SUCCESS)
}
