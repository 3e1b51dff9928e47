//! `export`: a table of the desk as CSV (formulas neutralised) or JSON, to standard output or
//! to a file written atomically and 0600.
//!
//! Owns: picking the rows of each kind. May use: `desk`, `exchange`, `domain`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::ExportKind;
use crate::desk::Desk;
use crate::domain::Mentor;
use crate::domain::metrics::Period;
use crate::exchange::csv::{
    Sheet, at_risk_sheet, checkins_sheet, learners_sheet, mentors_sheet, milestones_sheet,
    pairings_sheet,
};

fn mentors(desk: &mut Desk) -> Result<Vec<Mentor>> {
    Ok(desk.mentors()?.into_iter().map(|row| row.mentor).collect())
}

fn sheet(desk: &mut Desk, kind: ExportKind) -> Result<Sheet> {
    Ok(match kind {
        ExportKind::Learners => learners_sheet(&desk.learners()?),
        ExportKind::Mentors => mentors_sheet(&mentors(desk)?),
        ExportKind::Checkins => checkins_sheet(&desk.checkin_rows(None, true)?),
        ExportKind::Pairings => {
            let rows = desk.pairings_with_health(None)?;
            pairings_sheet(&rows, &desk.learners()?, &mentors(desk)?)
        }
        ExportKind::Milestones => milestones_sheet(&desk.milestones(None)?, &desk.learners()?),
        ExportKind::AtRisk => at_risk_sheet(&desk.insight(Period::All)?.at_risk),
        ExportKind::Calendar => {
            return Err(super::BadInput("a calendar is not a table".into()).into());
        }
    })
}

/// `export calendar`: the due dates as iCalendar, to standard output or a file (0600).
pub fn calendar(
    desk: &mut Desk,
    output: Option<&Path>,
    mentor: Option<&str>,
    weeks: Option<u32>,
) -> Result<ExitCode> {
    let mentor = mentor.map(crate::domain::MentorId::parse).transpose()?;
    let dates = desk.calendar_dates(mentor.as_ref(), weeks.unwrap_or(4))?;
    let text = crate::exchange::calendar::write_calendar(&dates);
    match output {
        Some(path) => {
            crate::exchange::file::write_private(path, text.as_bytes())?;
            say!(
                "wrote {} from {} to {} to {}",
                crate::domain::text::counted(dates.dates.len(), "due date", "due dates"),
                dates.from,
                dates.until,
                path.display()
            );
        }
        None => std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    desk: &mut Desk,
    kind: ExportKind,
    output: Option<&Path>,
    as_json: bool,
) -> Result<ExitCode> {
    let sheet = sheet(desk, kind)?;
    let bytes = if as_json {
        let mut text = serde_json::to_string_pretty(&sheet.to_json())?;
        text.push('\n');
        text.into_bytes()
    } else {
        let mut buffer = Vec::new();
        sheet.write_csv(&mut buffer)?;
        buffer
    };
    match output {
        Some(path) => crate::exchange::file::write_private(path, &bytes)?,
        None => super::output::print_data(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
