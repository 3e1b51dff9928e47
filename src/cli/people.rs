//! People commands: `import`, `learners`, `mentors`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::table::{Table, or_unknown};
use super::{BadInput, PeopleKind};
use crate::desk::Desk;
use crate::domain::Learner;
use crate::domain::person::join_list;
use crate::domain::text::shown_path;
use crate::domain::when::local_day;
use crate::exchange::csv as people_csv;
use crate::exchange::file::{CSV, read_capped};

pub fn import(desk: &mut Desk, kind: PeopleKind, file: &Path, dry_run: bool) -> Result<ExitCode> {
    let bytes = read_capped(file, CSV).map_err(|e| BadInput(e.to_string()))?;
    let name = shown_path(file);
    let now = desk.now();
    let summary = match kind {
        PeopleKind::Learners => {
            let lined = people_csv::parse_learner_lines(&name, &bytes, now).map_err(bad_file)?;
            let (lines, learners): (Vec<u64>, Vec<Learner>) = lined.into_iter().unzip();
            let summary = desk.import_learners(&name, &learners, dry_run)?;
            let line_of: std::collections::HashMap<_, _> =
                learners.iter().map(|l| &l.id).zip(lines).collect();
            for (id, wish) in desk.unrecognised_wishes(&learners)? {
                let line = line_of.get(&id).copied().unwrap_or_default();
                warn_wish(&format!("{name}:{line}"), &wish);
            }
            summary
        }
        PeopleKind::Mentors => {
            let mentors = people_csv::parse_mentors(&name, &bytes, now).map_err(bad_file)?;
            desk.import_mentors(&name, &mentors, dry_run)?
        }
    };
    let what = match kind {
        PeopleKind::Learners => "learners",
        PeopleKind::Mentors => "mentors",
    };
    if dry_run {
        say!("{name}: valid; would import {what}: {summary} (dry run, nothing written)");
    } else {
        say!("imported {what} from {name}: {summary}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A wish naming no mentor the desk knows, on standard error: `warning: PLACE: column
/// FIELD: "VALUE": problem`, the shape of a CSV error, so the value can be found and fixed.
pub(super) fn warn_wish(place: &str, wish: &crate::domain::UnrecognisedWish) {
    let text = format!(
        "warning: {place}: column {}: {}: {}",
        wish.field,
        crate::domain::text::quoted(&wish.value),
        wish.problem()
    );
    eprintln!("{}", crate::domain::text::for_terminal(&text));
}

fn bad_file(err: people_csv::CsvError) -> anyhow::Error {
    if err.is_user_error() {
        BadInput(err.to_string()).into()
    } else {
        err.into()
    }
}

/// A zone for display: the person's own, or the desk default marked as such.
fn zone_label(zone: Option<chrono_tz::Tz>, default: chrono_tz::Tz) -> String {
    match zone {
        Some(z) => z.name().to_string(),
        None => format!("{} (default)", default.name()),
    }
}

fn list_or_unknown(items: String) -> String {
    or_unknown(Some(items))
}

/// How long a waiting learner has waited since first asking, and (rematched) since their
/// last pairing ended: `120 days`, `120 days (12 since a pairing ended)`.
fn wait_words(w: &crate::desk::WaitingLearner) -> String {
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    match w.again {
        Some((_, again)) => format!("{} ({} since a pairing ended)", days(w.days), days(again)),
        None => days(w.days),
    }
}

pub fn learners(desk: &mut Desk, as_json: bool) -> Result<ExitCode> {
    let learners = desk.learners()?;
    let default_zone = desk.default_zone()?;
    let waiting: std::collections::HashMap<_, _> = desk
        .waiting_among(&learners)?
        .into_iter()
        .map(|w| (w.learner.id.clone(), w))
        .collect();
    if as_json {
        let rows: Vec<_> = learners
            .iter()
            .map(|l| {
                let mut value = learner_json(l, default_zone);
                let wait = waiting.get(&l.id);
                value["waiting_days"] = json!(wait.map(|w| w.days));
                value["waiting_again_days"] = json!(wait.and_then(|w| w.again).map(|a| a.1));
                value
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        "ID",
        "NAME",
        "STATUS",
        "ZONE",
        "TRACK",
        "LANGUAGES",
        "JOINED",
        "WAITING",
    ]);
    for l in &learners {
        table.row(vec![
            l.id.to_string(),
            l.name.clone(),
            l.status.to_string(),
            zone_label(l.timezone, default_zone),
            or_unknown(l.track),
            list_or_unknown(join_list(&l.languages)),
            local_day(l.joined_at, default_zone).to_string(),
            waiting.get(&l.id).map(wait_words).unwrap_or_default(),
        ]);
    }
    say_raw!("{}", table.render());
    say!("{} learners", learners.len());
    Ok(ExitCode::SUCCESS)
}

fn learner_json(l: &Learner, default_zone: chrono_tz::Tz) -> serde_json::Value {
    json!({
        "id": l.id,
        "name": l.name,
        "email": l.email,
        "status": l.status,
        "timezone": l.timezone.map(|z| z.name()),
        "effective_timezone": l.timezone.unwrap_or(default_zone).name(),
        "languages": l.languages,
        "interests": l.interests,
        "track": l.track,
        "modes": l.modes.iter().collect::<Vec<_>>(),
        "availability": l.availability.blocks().iter().map(ToString::to_string).collect::<Vec<_>>(),
        "goals": l.goals,
        "needs": l.needs,
        "prefer": l.prefer,
        "avoid": l.avoid,
        "mentor_experience": l.mentor_experience,
        "joined_at": l.joined_at,
    })
}

pub fn mentors(desk: &mut Desk, as_json: bool) -> Result<ExitCode> {
    let rows = desk.mentors()?;
    let default_zone = desk.default_zone()?;
    if as_json {
        let values: Vec<_> = rows
            .iter()
            .map(|row| {
                let m = &row.mentor;
                json!({
                    "id": m.id,
                    "name": m.name,
                    "email": m.email,
                    "status": m.status,
                    "timezone": m.timezone.map(|z| z.name()),
                    "effective_timezone": m.timezone.unwrap_or(default_zone).name(),
                    "capacity": row.load.capacity,
                    "load": row.load.seats_in_use,
                    "languages": m.languages,
                    "expertise": m.expertise.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "experience": m.experience,
                    "modes": m.modes.iter().collect::<Vec<_>>(),
                    "availability": m.availability.blocks().iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "verified": m.verified,
                    "record": row.record,
                    "joined_at": m.joined_at,
                })
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&values)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(&[
        "ID",
        "NAME",
        "STATUS",
        "ZONE",
        "LOAD",
        "EXPERIENCE",
        "LANGUAGES",
        "EXPERTISE",
    ]);
    for row in &rows {
        let m = &row.mentor;
        table.row(vec![
            m.id.to_string(),
            m.name.clone(),
            m.status.to_string(),
            zone_label(m.timezone, default_zone),
            format!("{}/{}", row.load.seats_in_use, row.load.capacity),
            or_unknown(m.experience),
            list_or_unknown(join_list(&m.languages)),
            list_or_unknown(join_list(&m.expertise)),
        ]);
    }
    say_raw!("{}", table.render());
    say!("{} mentors", rows.len());
    Ok(ExitCode::SUCCESS)
}
