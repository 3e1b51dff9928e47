//! The score weights: stored as settings, defaults until changed, every change audited.

use super::settings::{SettingChange, log_settings, write_setting};
use super::{Desk, DeskError};
use crate::matching::Weights;

const PREFIX: &str = "weights.";

impl Desk {
    /// The weights in force: the defaults with any stored change applied.
    pub fn weights(&mut self) -> Result<Weights, DeskError> {
        let stored = self.store.read(|tx| tx.settings_with_prefix(PREFIX))?;
        let mut weights = Weights::default();
        for (key, value) in stored {
            let name = key.trim_start_matches(PREFIX);
            // A value this build does not understand is left at its default rather than
            // making every ranking fail.
            if let Ok(value) = value.parse::<u32>() {
                let _ = weights.set(name, value);
            }
        }
        Ok(weights)
    }

    /// Changes one weight (audited); applies to every ranking from now on.
    pub fn set_weight(&mut self, name: &str, value: u32) -> Result<(Weights, Weights), DeskError> {
        let before = self.weights()?;
        let mut after = before;
        after.set(name, value)?;
        let key = name.trim().to_ascii_lowercase();
        let (now, actor) = (self.now(), self.actor.clone());
        let (stored, subject, text) = (
            format!("{PREFIX}{key}"),
            format!("weight:{key}"),
            value.to_string(),
        );
        self.store.write(|tx| {
            let change = SettingChange {
                key: &stored,
                value: Some(&text),
                subject: &subject,
                before: serde_json::json!(before.get(&key)),
                after: serde_json::json!(value),
            };
            let step = write_setting(tx, now, &actor, "weights.set", &change)?;
            log_settings(tx, now, &actor, true, vec![step])
        })?;
        Ok((before, after))
    }

    /// Sets all weights at once (the desk's weight editor keeps a whole set), auditing each
    /// one that changed, in one transaction.
    pub fn set_weights(&mut self, next: &Weights) -> Result<Weights, DeskError> {
        let before = self.weights()?;
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let mut steps = Vec::new();
            for name in Weights::names() {
                let (old, new) = (before.get(name), next.get(name));
                if old != new {
                    let value = new.unwrap_or_default();
                    let change = SettingChange {
                        key: &format!("{PREFIX}{name}"),
                        value: Some(&value.to_string()),
                        subject: &format!("weight:{name}"),
                        before: serde_json::json!(old),
                        after: serde_json::json!(value),
                    };
                    steps.push(write_setting(tx, now, &actor, "weights.set", &change)?);
                }
            }
            log_settings(tx, now, &actor, true, steps)
        })?;
        Ok(*next)
    }
}
