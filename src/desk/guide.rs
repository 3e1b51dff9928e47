//! Guides at the desk: the coordinator's guides a mentor desk keeps from its pack, and which
//! guides suit a pairing now (its learner's track and its stage).
//!
//! Owns: reading the stored pack guides back as guides, and the stage of a stored pairing.
//! Which guides suit a stage is `domain::guide`'s; reading a folder is `exchange`'s. May use:
//! `domain`, `store`.

use super::health::current_checkins;
use super::lifecycle::load_pairing;
use super::{Desk, DeskError};
use crate::domain::guide::{Guide, GuideName, GuideSource, Stage};
use crate::domain::{PairingId, Track};

/// What decides the guides that suit a pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuideFit {
    pub track: Option<Track>,
    pub stage: Stage,
}

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

    /// The learner's track and the stage of `pairing` now: what decides the guides that
    /// suit it.
    pub fn guide_fit(&mut self, pairing: PairingId) -> Result<GuideFit, DeskError> {
        let now = self.now();
        self.store.read(|tx| {
            let pairing = load_pairing(tx, pairing)?;
            let track = tx.learner(&pairing.learner)?.and_then(|l| l.track);
            let sessions = current_checkins(&tx.checkins_of(pairing.id)?).len();
            Ok(GuideFit {
                track,
                stage: Stage::of(
                    pairing.started_at,
                    pairing.agreement.planned_weeks,
                    sessions,
                    now,
                ),
            })
        })
    }
}
