//! The limits the health rules use: their names, defaults, allowed ranges and meanings.
//!
//! Owns: [`HealthThresholds`] and the table of its settings ([`THRESHOLDS`]), so the command
//! line and the desk's editor describe, check and step them the same way. May use: nothing
//! outside `domain`. Stored by `desk` as `health.NAME` settings.

use serde::{Deserialize, Serialize};

use super::error::DomainError;

/// The prefix of the stored settings.
pub const PREFIX: &str = "health.";

/// The limits the rules use. Stored as `health.*` settings; these are the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HealthThresholds {
    /// Cadences without a check-in before a pairing needs one (1.5).
    pub needs_checkin_cadences: f64,
    /// Cadences without a check-in before a pairing is at risk (3).
    pub at_risk_cadences: f64,
    /// Consecutive falls in confidence that make a pairing at risk (3).
    pub falling_checkins: u32,
    /// Days a planned milestone may be overdue before the pairing is at risk (more than 14).
    pub overdue_milestone_days: i64,
    /// Days after approval by which the first check-in should have happened (21).
    pub first_checkin_days: i64,
}

impl Default for HealthThresholds {
    fn default() -> Self {
        HealthThresholds {
            needs_checkin_cadences: 1.5,
            at_risk_cadences: 3.0,
            falling_checkins: 3,
            overdue_milestone_days: 14,
            first_checkin_days: 21,
        }
    }
}

/// What one threshold counts, with its bounds (inclusive, except that cadences must be above
/// zero) and the step the desk's editor moves it by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThresholdSpec {
    /// The name without the `health.` prefix, e.g. `at_risk_cadences`: what `health set`
    /// and the settings use.
    pub name: &'static str,
    /// The setting in words, as the desk and `mentordesk health` show it: read with the
    /// value and unit after it (`at risk after 3 cadences`).
    pub label: &'static str,
    /// One line saying what the rule does with it.
    pub meaning: &'static str,
    /// The unit, for people: `cadences`, `check-ins`, `days`.
    pub unit: &'static str,
    /// True for a decimal number of cadences; false for a whole number.
    pub decimal: bool,
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

impl ThresholdSpec {
    /// The allowed values in words, e.g. `a whole number from 0 to 3650`.
    pub fn range_words(&self) -> String {
        if self.decimal {
            format!("a number above 0 and at most {}", self.max)
        } else {
            format!("a whole number from {} to {}", self.min, self.max)
        }
    }

    /// The setting in words with its key, for confirmations and errors:
    /// `at risk after (at_risk_cadences)`.
    pub fn words(&self) -> String {
        format!("{} ({})", self.label, self.name)
    }

    /// The full key stored in settings.
    pub fn key(&self) -> String {
        format!("{PREFIX}{}", self.name)
    }
}

/// Every threshold, in the order the rules are described.
pub const THRESHOLDS: [ThresholdSpec; 5] = [
    ThresholdSpec {
        name: "needs_checkin_cadences",
        label: "needs a check-in after",
        meaning: "no check-in for this many cadences: the pairing needs a check-in",
        unit: "cadences",
        decimal: true,
        min: 0.0,
        max: 100.0,
        step: 0.5,
    },
    ThresholdSpec {
        name: "at_risk_cadences",
        label: "at risk after",
        meaning: "no check-in for this many cadences: the pairing is at risk",
        unit: "cadences",
        decimal: true,
        min: 0.0,
        max: 100.0,
        step: 0.5,
    },
    ThresholdSpec {
        name: "falling_checkins",
        label: "at risk: confidence fell for",
        meaning: "confidence fell at each of this many check-ins in a row: at risk",
        unit: "check-ins",
        decimal: false,
        min: 1.0,
        max: 20.0,
        step: 1.0,
    },
    ThresholdSpec {
        name: "overdue_milestone_days",
        label: "at risk: milestone late by over",
        meaning: "a planned milestone overdue by more than this many days: at risk",
        unit: "days",
        decimal: false,
        min: 0.0,
        max: 3650.0,
        step: 1.0,
    },
    ThresholdSpec {
        name: "first_checkin_days",
        label: "at risk: no first check-in in",
        meaning: "no first check-in this many days after approval: at risk",
        unit: "days",
        decimal: false,
        min: 0.0,
        max: 3650.0,
        step: 1.0,
    },
];

/// Most decimals a person may give a cadence threshold (the desk's editor steps by 0.5).
const PLAIN_DECIMALS: usize = 2;

/// `raw` is digits (at most 4), then for a decimal threshold an optional `.` and at most
/// [`PLAIN_DECIMALS`] digits: what a person types for a threshold, and nothing that parses
/// to a surprise (`1e-300`, `+5`, `0x10`, `inf`).
fn is_plain_number(raw: &str, decimal: bool) -> bool {
    let (whole, fraction) = match raw.split_once('.') {
        Some((whole, fraction)) if decimal => (whole, Some(fraction)),
        Some(_) => return false,
        None => (raw, None),
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    digits(whole, 4) && fraction.is_none_or(|f| digits(f, PLAIN_DECIMALS))
}

/// The spec of `name` (`at_risk_cadences`, `health.at_risk_cadences`, `at-risk-cadences`, or
/// its words, `"at risk after"`).
pub fn spec(name: &str) -> Result<&'static ThresholdSpec, DomainError> {
    let key = |text: &str| {
        text.trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .replace(':', "")
    };
    let trimmed = key(name);
    let short = trimmed.strip_prefix(PREFIX).unwrap_or(&trimmed);
    THRESHOLDS
        .iter()
        .find(|s| s.name == short || key(s.label) == short)
        .ok_or_else(|| DomainError::Invalid {
            what: "health setting",
            value: name.trim().to_string(),
            problem: format!(
                "unknown; the settings are {}",
                THRESHOLDS.map(|s| s.name).join(", ")
            ),
        })
}

impl HealthThresholds {
    /// The setting keys, each with its current value as text.
    pub fn to_settings(&self) -> Vec<(String, String)> {
        THRESHOLDS
            .iter()
            .map(|s| (s.key(), self.get(s.name).unwrap_or_default()))
            .collect()
    }

    /// The value of `name` as text (`1.5`, `3`, `21`), or `None` for an unknown name.
    pub fn get(&self, name: &str) -> Option<String> {
        let short = name.strip_prefix(PREFIX).unwrap_or(name);
        Some(match short {
            "needs_checkin_cadences" => self.needs_checkin_cadences.to_string(),
            "at_risk_cadences" => self.at_risk_cadences.to_string(),
            "falling_checkins" => self.falling_checkins.to_string(),
            "overdue_milestone_days" => self.overdue_milestone_days.to_string(),
            "first_checkin_days" => self.first_checkin_days.to_string(),
            _ => return None,
        })
    }

    fn value(&self, name: &str) -> f64 {
        match name {
            "needs_checkin_cadences" => self.needs_checkin_cadences,
            "at_risk_cadences" => self.at_risk_cadences,
            "falling_checkins" => f64::from(self.falling_checkins),
            "overdue_milestone_days" => self.overdue_milestone_days as f64,
            "first_checkin_days" => self.first_checkin_days as f64,
            _ => 0.0,
        }
    }

    /// Applies one stored setting on its own (no check against the others, so settings
    /// read back in any order); unknown keys and values out of range are refused so a typo
    /// is not silently ignored.
    pub fn apply_setting(&mut self, key: &str, raw: &str) -> Result<(), DomainError> {
        let spec = spec(key)?;
        let invalid = || DomainError::Invalid {
            what: "health setting",
            value: format!("{}={}", spec.key(), raw.trim()),
            problem: format!("expected {}", spec.range_words()),
        };
        let text = raw.trim();
        if spec.decimal {
            let v = text
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v > spec.min && *v <= spec.max)
                .ok_or_else(invalid)?;
            match spec.name {
                "needs_checkin_cadences" => self.needs_checkin_cadences = v,
                _ => self.at_risk_cadences = v,
            }
        } else {
            let v = text
                .parse::<i64>()
                .ok()
                .filter(|v| (spec.min as i64..=spec.max as i64).contains(v))
                .ok_or_else(invalid)?;
            match spec.name {
                "falling_checkins" => {
                    self.falling_checkins = u32::try_from(v).map_err(|_| invalid())?;
                }
                "overdue_milestone_days" => self.overdue_milestone_days = v,
                _ => self.first_checkin_days = v,
            }
        }
        Ok(())
    }

    /// Changes one threshold as a person asks: in range, and keeping "needs check-in"
    /// below "at risk" (else at risk would always fire first and needs check-in never show).
    /// Only plain numbers are taken (`1.5`, `21`): no exponent, sign, `inf` or a long tail of
    /// decimals, so what is stored and shown is what was typed.
    pub fn set(&mut self, name: &str, raw: &str) -> Result<(), DomainError> {
        let spec = spec(name)?;
        if !is_plain_number(raw.trim(), spec.decimal) {
            return Err(DomainError::Invalid {
                what: "health setting",
                value: format!("{}={}", spec.key(), raw.trim()),
                problem: if spec.decimal {
                    format!(
                        "expected {}, written plainly with at most {PLAIN_DECIMALS} \
                         decimals, such as 1.5",
                        spec.range_words()
                    )
                } else {
                    format!(
                        "expected {}, written plainly, such as 7",
                        spec.range_words()
                    )
                },
            });
        }
        let mut next = *self;
        next.apply_setting(name, raw)?;
        next.check()?;
        *self = next;
        Ok(())
    }

    /// Refuses a set in which `needs_checkin_cadences` is not below `at_risk_cadences`.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.needs_checkin_cadences >= self.at_risk_cadences {
            let [needs, at_risk, ..] = &THRESHOLDS;
            return Err(DomainError::Invalid {
                what: "health setting",
                value: format!("{} {} cadences", needs.label, self.needs_checkin_cadences),
                problem: format!(
                    "must be below \"{}\" ({} cadences, {}), else a pairing would be at risk \
                     before it needs a check-in; change that one first ({} sets this one)",
                    at_risk.label, self.at_risk_cadences, at_risk.name, needs.name
                ),
            });
        }
        Ok(())
    }

    /// Moves `name` one step up or down, staying in range and in order; returns whether it
    /// changed, or why it cannot move (a limit of its range, or the other cadence in the
    /// way). A cadence never steps down to 0 (it must stay above).
    pub fn step(&mut self, name: &str, up: bool) -> Result<bool, DomainError> {
        let spec = spec(name)?;
        let now = self.value(spec.name);
        let lowest = if spec.decimal { spec.step } else { spec.min };
        let next = if up {
            (now + spec.step).min(spec.max)
        } else {
            (now - spec.step).max(lowest)
        };
        // Snap to the step so 0.000001 from a hand-edited setting moves to a round value.
        let next = if spec.decimal {
            (next / spec.step).round() * spec.step
        } else {
            next.round()
        };
        let next = next.clamp(lowest, spec.max);
        if (next - now).abs() < f64::EPSILON {
            let (edge, limit) = if up {
                ("highest", spec.max)
            } else {
                ("lowest", lowest)
            };
            return Err(DomainError::Invalid {
                what: "health setting",
                value: format!("{} {now} {}", spec.words(), spec.unit),
                problem: format!("{limit} {} is the {edge} it goes", spec.unit),
            });
        }
        let mut moved = *self;
        moved.apply_setting(spec.name, &next.to_string())?;
        if moved.check().is_err() {
            // Only the two cadences can meet: say which one is in the way.
            let [needs, at_risk, ..] = &THRESHOLDS;
            let (other, verb) = if spec.name == needs.name {
                (at_risk, "raise")
            } else {
                (needs, "lower")
            };
            let edge = if up { "higher" } else { "lower" };
            return Err(DomainError::Invalid {
                what: "health setting",
                value: format!("{} {now} {}", spec.label, spec.unit),
                problem: format!(
                    "goes no {edge} while \"{}\" is {} cadences (a pairing needs a check-in \
                     before it is at risk); {verb} that one first",
                    other.label,
                    moved.value(other.name),
                ),
            });
        }
        *self = moved;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_settings() {
        let mut t = HealthThresholds {
            falling_checkins: 9,
            ..HealthThresholds::default()
        };
        for (key, value) in HealthThresholds::default().to_settings() {
            t.apply_setting(&key, &value).unwrap();
        }
        assert_eq!(t, HealthThresholds::default());
        assert_eq!(
            HealthThresholds::default().get("needs_checkin_cadences"),
            Some("1.5".into())
        );
        assert_eq!(HealthThresholds::default().get("nope"), None);
    }

    #[test]
    fn names_are_forgiving_about_prefix_case_and_hyphens() {
        for name in [
            "at_risk_cadences",
            "health.at_risk_cadences",
            " AT-RISK-CADENCES ",
        ] {
            assert_eq!(spec(name).unwrap().name, "at_risk_cadences");
        }
        assert_eq!(spec("At risk after").unwrap().name, "at_risk_cadences");
        assert_eq!(
            spec("at risk: no first check-in in").unwrap().name,
            "first_checkin_days"
        );
        let e = spec("at_risk").unwrap_err().to_string();
        assert!(
            e.contains("at_risk") && e.contains("first_checkin_days"),
            "{e}"
        );
    }

    #[test]
    fn set_refuses_out_of_range_and_not_numbers_naming_the_range() {
        let mut t = HealthThresholds::default();
        let e = t.set("first_checkin_days", "4000").unwrap_err().to_string();
        assert!(
            e.contains("health.first_checkin_days") && e.contains("from 0 to 3650"),
            "{e}"
        );
        let e = t.set("at_risk_cadences", "0").unwrap_err().to_string();
        assert!(e.contains("above 0 and at most 100"), "{e}");
        assert!(t.set("falling_checkins", "0").is_err());
        assert!(t.set("falling_checkins", "2.5").is_err());
        assert!(t.set("needs_checkin_cadences", "lots").is_err());
        assert!(t.set("needs_checkin_cadences", "NaN").is_err());
        assert!(t.set("needs_checkin_cadences", "inf").is_err());
        assert_eq!(t, HealthThresholds::default(), "nothing changed");
        t.set("falling_checkins", " 4 ").unwrap();
        assert_eq!(t.falling_checkins, 4);
    }

    #[test]
    fn set_takes_plain_numbers_only_and_says_the_range() {
        let mut t = HealthThresholds::default();
        for odd in [
            "1e-300", "1e1", "+2", "0x10", "2.", ".5", "2.125", "-1", "1_0",
        ] {
            let e = t.set("at_risk_cadences", odd).unwrap_err().to_string();
            assert!(
                e.contains("above 0 and at most 100") && e.contains("plainly"),
                "{odd}: {e}"
            );
        }
        assert!(t.set("first_checkin_days", "1e2").is_err());
        assert_eq!(t, HealthThresholds::default(), "nothing changed");
        t.set("at_risk_cadences", "3.25").unwrap();
        assert_eq!(t.get("at_risk_cadences").as_deref(), Some("3.25"));
        t.set("first_checkin_days", "21").unwrap();
        assert_eq!(t.first_checkin_days, 21);
    }

    #[test]
    fn needs_checkin_stays_below_at_risk() {
        let mut t = HealthThresholds::default();
        let e = t
            .set("needs_checkin_cadences", "3")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("must be below \"at risk after\" (3 cadences, at_risk_cadences)"),
            "{e}"
        );
        assert!(
            e.contains("needs a check-in after 3 cadences"),
            "in words: {e}"
        );
        assert!(t.set("at_risk_cadences", "1.5").is_err());
        t.set("at_risk_cadences", "4").unwrap();
        t.set("needs_checkin_cadences", "3").unwrap();
        assert_eq!(t.needs_checkin_cadences, 3.0);
    }

    #[test]
    fn steps_stay_in_range_and_in_order() {
        let mut t = HealthThresholds::default();
        assert!(t.step("needs_checkin_cadences", true).unwrap());
        assert_eq!(t.needs_checkin_cadences, 2.0);
        assert!(t.step("needs_checkin_cadences", true).unwrap());
        let why = t.step("needs_checkin_cadences", true).unwrap_err();
        assert!(
            why.to_string()
                .contains("goes no higher while \"at risk after\" is 3 cadences"),
            "3 would reach at risk, and it says so: {why}"
        );
        assert_eq!(t.needs_checkin_cadences, 2.5);
        for _ in 0..10 {
            let _ = t.step("needs_checkin_cadences", false);
        }
        assert_eq!(t.needs_checkin_cadences, 0.5, "cadences stay above 0");
        let why = t.step("needs_checkin_cadences", false).unwrap_err();
        assert!(
            why.to_string().contains("0.5 cadences is the lowest"),
            "{why}"
        );
        // At risk cannot step down onto needs a check-in: the reason names it.
        let mut t = HealthThresholds::default();
        assert!(t.step("at_risk_cadences", false).unwrap());
        assert!(t.step("at_risk_cadences", false).unwrap());
        let why = t.step("at_risk_cadences", false).unwrap_err().to_string();
        assert_eq!(t.at_risk_cadences, 2.0);
        assert!(
            why.contains("goes no lower while \"needs a check-in after\" is 1.5 cadences"),
            "{why}"
        );
        for _ in 0..30 {
            let _ = t.step("falling_checkins", false);
        }
        assert_eq!(t.falling_checkins, 1);
        t.first_checkin_days = 3650;
        assert!(t.step("first_checkin_days", true).is_err());
        assert!(t.step("nope", true).is_err());
    }
}
