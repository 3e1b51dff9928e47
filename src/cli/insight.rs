//! Program insight: `metrics` (the Dashboard's twin) and `report` (text, JSON or HTML, named
//! or anonymised).
//!
//! Owns: reading the period from options and writing the output. May use: `desk`,
//! `exchange`, `domain`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::BadInput;
use crate::desk::Desk;
use crate::domain::metrics::{DEFINITIONS, Period};
use crate::domain::when::{local_day, parse_date};
use crate::exchange::report::{self, Format, Mode};

/// What `--since` and `--period` pick (the last 90 days when neither is given).
pub fn period(desk: &mut Desk, since: Option<&str>, days: Option<&str>) -> Result<Period> {
    if let Some(raw) = since {
        let day = parse_date("--since", raw)?;
        let today = local_day(desk.now(), desk.default_zone()?);
        if day > today {
            return Err(BadInput(format!("--since {day} is after today ({today})")).into());
        }
        return Ok(Period::Since(day));
    }
    Ok(match days {
        Some(raw) => Period::parse(raw).map_err(|e| BadInput(format!("--period: {e}")))?,
        None => Period::default(),
    })
}

/// The definitions as a JSON object, metric key to one line.
pub fn definitions_json() -> Value {
    let map: Map<String, Value> = DEFINITIONS
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    Value::Object(map)
}

pub fn metrics(desk: &mut Desk, period: Period, as_json: bool) -> Result<ExitCode> {
    let insight = desk.insight(period)?;
    if as_json {
        let mut value = serde_json::to_value(&insight.metrics)?;
        value["at_risk"] = json!(insight.at_risk.len());
        value["definitions"] = definitions_json();
        say!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        say_raw!("{}", report::metrics_text(&insight));
        say!(
            "\n{} pairings need attention now (`mentordesk at-risk` lists them).",
            insight.at_risk.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn report(
    desk: &mut Desk,
    period: Period,
    format: Format,
    anonymized: bool,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let insight = desk.insight(period)?;
    let mode = if anonymized {
        Mode::Anonymized
    } else {
        Mode::Named
    };
    let text = report::render(&insight, mode, format, desk.now());
    match output {
        Some(path) => {
            crate::exchange::file::write_private(path, text.as_bytes())?;
            eprintln!(
                "wrote the {} report ({}) to {}",
                mode.as_str(),
                insight.metrics.period,
                crate::domain::text::shown_path(path)
            );
        }
        None => super::output::print_data(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
