//! Health thresholds: `health`, `health set NAME VALUE` and `health reset [NAME]`, the same
//! shape as `weights`.
//!
//! Owns: those commands' options and output. May use: `desk`, `domain`.

use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use serde_json::{Map, Value, json};

use crate::desk::Desk;
use crate::domain::HealthThresholds;
use crate::domain::thresholds::{THRESHOLDS, ThresholdSpec};

#[derive(Debug, Subcommand)]
pub enum HealthAction {
    /// Change one threshold, e.g. `health set at_risk_cadences 4` or
    /// `health set "at risk after" 4` (audited).
    Set {
        name: String,
        /// The new value (a negative one is read as a value, and refused by its range).
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Put one threshold, or all of them, back to the default (audited).
    Reset { name: Option<String> },
}

/// A stored value as a JSON number (`1.5`, `21`).
fn number(text: Option<String>) -> Value {
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

fn thresholds_json(current: &HealthThresholds) -> Value {
    let defaults = HealthThresholds::default();
    let map: Map<String, Value> = THRESHOLDS
        .iter()
        .map(|s| {
            (
                s.name.to_string(),
                json!({
                    "setting": s.label,
                    "value": number(current.get(s.name)),
                    "default": number(defaults.get(s.name)),
                    "unit": s.unit,
                    "allowed": s.range_words(),
                    "meaning": s.meaning,
                }),
            )
        })
        .collect();
    Value::Object(map)
}

/// The allowed values in a few characters, for the table.
fn short_range(s: &ThresholdSpec) -> String {
    if s.decimal {
        format!(">0 to {}", s.max)
    } else {
        format!("{} to {}", s.min, s.max)
    }
}

fn show(current: &HealthThresholds) -> Result<()> {
    let defaults = HealthThresholds::default();
    let rows: Vec<[String; 6]> = THRESHOLDS
        .iter()
        .map(|s| {
            let (value, default) = (
                current.get(s.name).unwrap_or_default(),
                defaults.get(s.name).unwrap_or_default(),
            );
            let marked = if value == default {
                value
            } else {
                format!("{value} *")
            };
            [
                s.label.to_string(),
                marked,
                default,
                format!("{} {}", short_range(s), s.unit),
                s.name.to_string(),
                s.meaning.to_string(),
            ]
        })
        .collect();
    let header = [
        "SETTING",
        "VALUE",
        "DEFAULT",
        "ALLOWED",
        "NAME (to set)",
        "MEANING",
    ]
    .map(String::from);
    let mut widths = [0usize; 5];
    for row in rows.iter().chain(std::iter::once(&header)) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        say!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {:<w3$}  {:<w4$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4],
        );
    }
    if rows.iter().any(|r| r[1].ends_with(" *")) {
        say!("\n* changed from the default");
    }
    say!(
        "\nChange one with `mentordesk health set NAME VALUE` (the name, or the setting in \
         quotes); `mentordesk health reset [NAME]` puts defaults back."
    );
    Ok(())
}

pub fn run(desk: &mut Desk, action: Option<HealthAction>, as_json: bool) -> Result<ExitCode> {
    let current = match action {
        Some(HealthAction::Set { name, value }) => {
            let (before, after) = desk.set_health_threshold(&name, &value)?;
            let spec = crate::domain::thresholds::spec(&name)?;
            if !as_json {
                say!(
                    "{}: {} → {} {} (every health judgement uses it from now on)\n",
                    spec.words(),
                    before.get(spec.name).unwrap_or_default(),
                    after.get(spec.name).unwrap_or_default(),
                    spec.unit
                );
            }
            after
        }
        Some(HealthAction::Reset { name }) => {
            let (before, after) = desk.reset_health_thresholds(name.as_deref())?;
            if !as_json {
                let changed: Vec<String> = THRESHOLDS
                    .iter()
                    .filter(|s| before.get(s.name) != after.get(s.name))
                    .map(|s| {
                        format!(
                            "{}: {} → {} {}",
                            s.words(),
                            before.get(s.name).unwrap_or_default(),
                            after.get(s.name).unwrap_or_default(),
                            s.unit
                        )
                    })
                    .collect();
                if changed.is_empty() {
                    say!("Already at the default; nothing changed.\n");
                } else {
                    say!("{} (back to the default)\n", changed.join("; "));
                }
            }
            after
        }
        None => desk.health_thresholds()?,
    };
    if as_json {
        say!(
            "{}",
            serde_json::to_string_pretty(&thresholds_json(&current))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    show(&current)?;
    Ok(ExitCode::SUCCESS)
}
