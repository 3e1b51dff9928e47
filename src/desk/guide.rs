//! Guides at the desk: the coordinator's guides a mentor desk keeps from its pack (written
//! with the pack, in `sync::pack`).
//!
//! Owns: reading the stored pack guides back as guides. Which guides suit a pair is
//! `domain::guide`'s; reading a folder is `exchange`'s. May use: `domain`, `store`.

use super::{Desk, DeskError};
use crate::domain::guide::{Guide, GuideName, GuideSource};

impl Desk {
    /// The guides the pack this desk was made from carried (none on a coordinator's desk).
    /// A stored guide that no longer reads (a damaged row) is left out, and logged.
    pub fn pack_guides(&mut self) -> Result<Vec<Guide>, DeskError> {
        let stored = self.store.read(|tx| tx.pack_guides())?;
        Ok(stored
            .into_iter()
            .filter_map(|(name, markdown)| {
                let guide = GuideName::parse(&name)
                    .map_err(|e| e.to_string())
                    .and_then(|name| Guide::parse(name, &markdown, GuideSource::Pack));
                guide
                    .map_err(|e| tracing::warn!("pack guide {name:?} left out: {e}"))
                    .ok()
            })
            .collect())
    }
}
