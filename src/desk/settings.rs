//! Desk settings: the default zone for people whose zone is unknown, and the one way every
//! named setting (weights, health thresholds) is written: the value and its audit row in the
//! same transaction.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use super::{Desk, DeskError};
use crate::domain::Operation;
use crate::domain::operation::SettingStep;
use crate::domain::zone::parse_zone;
use crate::store::Tx;

/// One setting changed by a person, for [`write_setting`].
pub(super) struct SettingChange<'a> {
    /// The stored key, e.g. `weights.topic`.
    pub key: &'a str,
    /// The new stored text; `None` removes the setting so its default applies again.
    pub value: Option<&'a str>,
    /// The audit entry's subject, e.g. `weight:topic`.
    pub subject: &'a str,
    /// The values the audit entry records.
    pub before: Value,
    pub after: Value,
}

/// Writes (or removes) one setting with its audit row, inside the caller's transaction;
/// returns the stored text before and after, for the operation log.
pub(super) fn write_setting(
    tx: &Tx<'_>,
    now: DateTime<Utc>,
    actor: &str,
    action: &str,
    change: &SettingChange<'_>,
) -> Result<SettingStep, DeskError> {
    let stored_before = tx.setting(change.key)?;
    match change.value {
        Some(value) => tx.put_setting(change.key, value)?,
        None => {
            tx.delete_setting(change.key)?;
        }
    }
    tx.append_audit(
        now,
        actor,
        action,
        change.subject,
        Some(&change.before),
        Some(&change.after),
    )?;
    Ok(SettingStep {
        key: change.key.to_string(),
        before: stored_before,
        after: change.value.map(str::to_string),
    })
}

/// Logs the settings changed in one decision (`weights` or `thresholds`), when any were.
pub(super) fn log_settings(
    tx: &Tx<'_>,
    now: DateTime<Utc>,
    actor: &str,
    weights: bool,
    changes: Vec<SettingStep>,
) -> Result<(), DeskError> {
    if changes.is_empty() {
        return Ok(());
    }
    let operation = if weights {
        Operation::Weights { changes }
    } else {
        Operation::Thresholds { changes }
    };
    super::undo::log_operation(tx, now, actor, &operation)?;
    Ok(())
}

pub(super) const DEFAULT_ZONE_KEY: &str = "desk.default_zone";

impl Desk {
    /// The zone assumed for people whose time zone is unknown: the setting, else the
    /// machine's zone, else UTC.
    pub fn default_zone(&mut self) -> Result<Tz, DeskError> {
        Ok(self.store.read(default_zone_in)?)
    }

    /// Changes the default zone (audited).
    pub fn set_default_zone(&mut self, raw: &str) -> Result<Tz, DeskError> {
        let zone = parse_zone(raw)?;
        let before = self.default_zone()?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            tx.put_setting(DEFAULT_ZONE_KEY, zone.name())?;
            tx.append_audit(
                now,
                &actor,
                "settings.default_zone",
                DEFAULT_ZONE_KEY,
                Some(&serde_json::json!(before.name())),
                Some(&serde_json::json!(zone.name())),
            )
        })?;
        Ok(zone)
    }
}

/// [`Desk::default_zone`] read inside the caller's transaction.
pub(super) fn default_zone_in(tx: &Tx<'_>) -> Result<Tz, crate::store::StoreError> {
    Ok(tx
        .setting(DEFAULT_ZONE_KEY)?
        .and_then(|z| parse_zone(&z).ok())
        .unwrap_or_else(system_zone))
}

/// The machine's IANA zone, or UTC when it cannot be told.
pub fn system_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|z| parse_zone(&z).ok())
        .unwrap_or(Tz::UTC)
}
