//! Mentor packs: what the coordinator's desk puts in one (only that mentor's pairings and
//! learners, a key made for that mentor's desk), making or refreshing a mentor desk from one,
//! and revoking a key.

use crate::desk::Subject;
use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::SyncError;
use super::identity::{require_coordinator, require_mentor};
use crate::desk::health::current_checkins;
use crate::desk::settings::DEFAULT_ZONE_KEY;
use crate::desk::{Desk, DeskError};
use crate::domain::guide::{Guide, GuideLibrary, GuideSource};
use crate::domain::seal::{KEY_LEN, key_id};
use crate::domain::sync::{
    CheckInBrief, ClosedPairing, PackContent, PackGuide, ProgramRef, RecordBody,
};
use crate::domain::{
    DeskRole, Learner, LearnerId, MentorId, Milestone, MilestoneId, Pairing, PairingStatus,
};
use crate::store::{StoredKey, Tx};

/// Most guides a pack may carry (the built-in ones and a coordinator's folder's).
const MAX_PACK_GUIDES: usize = 300;

/// How many of a learner's last check-ins a pack describes.
const RECENT_CHECKINS: usize = 3;

/// The reason a mentor desk shows for a pairing its refreshed pack no longer holds.
const LEFT_THE_PACK: &str = "no longer in your pack";

/// What importing a pack did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackImport {
    /// True when the desk became a mentor desk now (false: a refresh).
    pub created: bool,
    pub mentor: MentorId,
    pub mentor_name: String,
    pub program: String,
    pub pairings: usize,
    pub learners: usize,
    /// Pairings the desk now shows as ended (the coordinator ended them, or they left).
    pub ended: usize,
    /// Records made on this desk and not yet handed back; a refresh keeps them all.
    pub pending: usize,
}

/// One learner as a mentor desk's People view shows them: the learner, the pairing, their
/// milestones and what the last sessions left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerBrief {
    pub learner: Learner,
    pub pairing: Pairing,
    pub milestones: Vec<Milestone>,
    pub recent: Vec<CheckInBrief>,
}

fn new_key() -> Result<Vec<u8>, DeskError> {
    let mut key = vec![0u8; KEY_LEN];
    getrandom::fill(&mut key).map_err(|e| SyncError::Randomness(e.to_string()))?;
    Ok(key)
}

/// The mentor's key in use, made now if there is none.
fn key_in_use(
    tx: &Tx<'_>,
    mentor: &MentorId,
    now: DateTime<Utc>,
    fresh: &[u8],
) -> Result<(StoredKey, bool), DeskError> {
    if let Some(key) = tx.mentor_key_in_use(mentor)? {
        return Ok((key, false));
    }
    let key = StoredKey {
        key_id: key_id(fresh),
        mentor: mentor.clone(),
        secret: fresh.to_vec(),
        created_at: now,
        revoked_at: None,
    };
    tx.insert_mentor_key(&key)?;
    Ok((key, true))
}

fn brief_of(tx: &Tx<'_>, pairing: &Pairing) -> Result<Vec<CheckInBrief>, DeskError> {
    let all = tx.checkins_of(pairing.id)?;
    let mut current = current_checkins(&all);
    current.sort_by_key(|c| std::cmp::Reverse((c.at, c.id)));
    let mut recent: Vec<CheckInBrief> = current
        .into_iter()
        .take(RECENT_CHECKINS)
        .map(|c| CheckInBrief {
            id: c.id,
            pairing: c.pairing,
            at: c.at,
            confidence: c.confidence,
            next_steps: c.next_steps.clone(),
        })
        .collect();
    recent.reverse();
    Ok(recent)
}

impl Desk {
    /// The name of the program: the `program.name` setting, else the database file's name.
    fn program_name(&mut self) -> Result<String, DeskError> {
        let stored = self.store.read(|tx| tx.setting("program.name"))?;
        Ok(stored.unwrap_or_else(|| {
            self.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty() && s != ":memory:")
                .unwrap_or_else(|| "mentorship program".to_string())
        }))
    }

    /// What one mentor needs offline: their profile, their active and paused pairings with
    /// agreements, their learners' briefs, and the key made for their desk (made now the
    /// first time; a later pack carries the same key until it is revoked). No other learner's
    /// data; e-mail addresses only `with_contacts`. Audited. Carries the built-in guides
    /// for the mentor's pairs (see [`Desk::mentor_pack_with_guides`]).
    pub fn mentor_pack(
        &mut self,
        mentor: &MentorId,
        with_contacts: bool,
    ) -> Result<PackContent, DeskError> {
        self.mentor_pack_with_guides(mentor, with_contacts, &GuideLibrary::built_in())
    }

    /// The mentor's pack, carrying from `guides` (the coordinator's library) those that suit
    /// the mentor's pairs at any stage (their learners' tracks) and every guide that is not
    /// built in, so the mentor's offline desk shows the same guides.
    pub fn mentor_pack_with_guides(
        &mut self,
        mentor: &MentorId,
        with_contacts: bool,
        guides: &GuideLibrary,
    ) -> Result<PackContent, DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        let program = self.program_name()?;
        let zone = self.default_zone()?;
        let fresh = new_key()?;
        self.store.write(|tx| {
            let stored = tx.desk_identity()?;
            require_coordinator(&stored, "making a mentor pack")?;
            let mut profile = tx.mentor(mentor)?.ok_or_else(|| DeskError::NotFound {
                what: Subject::Mentor,
                id: mentor.to_string(),
            })?;
            let (key, made) = key_in_use(tx, mentor, now, &fresh)?;
            if !with_contacts {
                profile.email = None;
            }
            let mut pairings = Vec::new();
            let mut closed = Vec::new();
            let theirs = tx.pairings_of_mentor(mentor)?;
            let erased_learners: Vec<LearnerId> = tx
                .erased_ids(crate::store::PersonKind::Learner)?
                .into_iter()
                .filter(|id| theirs.iter().any(|p| p.learner.as_str() == id))
                .filter_map(|id| LearnerId::parse(&id).ok())
                .collect();
            for p in theirs {
                match p.status {
                    PairingStatus::Active | PairingStatus::Paused => pairings.push(Pairing {
                        score: None,
                        explanation: None,
                        approved_by: None,
                        ..p
                    }),
                    PairingStatus::Completed | PairingStatus::Ended => closed.push(ClosedPairing {
                        id: p.id,
                        uid: p.uid,
                        status: p.status,
                        ended_at: p.ended_at,
                        end_reason: p.end_reason,
                    }),
                    PairingStatus::Proposed | PairingStatus::Declined => {}
                }
            }
            let mut learners = Vec::new();
            let mut milestones = Vec::new();
            let mut recent = Vec::new();
            for p in &pairings {
                if let Some(mut learner) = tx.learner(&p.learner)? {
                    if !with_contacts {
                        learner.email = None;
                    }
                    // Whom the learner asked for or asked to avoid is for the coordinator's
                    // matching, not for a mentor's laptop.
                    learner.prefer.clear();
                    learner.avoid.clear();
                    learner.mentor_experience = None;
                    milestones.extend(tx.milestones_of(&learner.id)?);
                    learners.push(learner);
                }
                recent.extend(brief_of(tx, p)?);
            }
            let tracks: Vec<_> = learners.iter().map(|l| l.track).collect();
            let guides: Vec<PackGuide> = guides
                .for_tracks(&tracks)
                .into_iter()
                .map(|g| PackGuide {
                    name: g.name.clone(),
                    markdown: g.markdown(),
                })
                .collect();
            let pack = PackContent {
                program: ProgramRef {
                    desk: stored.device,
                    name: program.clone(),
                },
                made_at: now,
                default_zone: zone.name().to_string(),
                mentor: profile,
                desk_key: hex::encode(&key.secret),
                key_id: key.key_id.clone(),
                pairings,
                closed_pairings: closed,
                learners,
                milestones,
                recent_checkins: recent,
                erased_learners,
                guides,
            };
            tx.append_audit(
                now,
                &actor,
                "pack.export",
                &format!("mentor:{mentor}"),
                None,
                Some(&serde_json::json!({
                    "pairings": pack.pairings.len(),
                    "learners": pack.learners.len(),
                    "with_contacts": with_contacts,
                    "key_id": pack.key_id,
                    "key_made": made,
                    "guides": pack.guides.len(),
                })),
            )?;
            Ok(pack)
        })
    }

    /// Makes the key of a mentor's desk useless: bundles signed with it are refused, saying
    /// so; the next pack carries a new key. Audited.
    pub fn revoke_mentor_key(&mut self, mentor: &MentorId) -> Result<(), DeskError> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            require_coordinator(&tx.desk_identity()?, "revoking a mentor desk's key")?;
            let key = tx
                .mentor_key_in_use(mentor)?
                .ok_or_else(|| SyncError::NoKey(mentor.clone()))?;
            tx.revoke_mentor_key(mentor, now)?;
            tx.append_audit(
                now,
                &actor,
                "pack.revoke",
                &format!("mentor:{mentor}"),
                Some(&serde_json::json!({ "key_id": key.key_id })),
                Some(&serde_json::json!({ "key_id": key.key_id, "revoked": true })),
            )?;
            Ok(())
        })
    }

    /// Makes this (new, empty) database a mentor desk from a pack, or refreshes a mentor desk
    /// with a newer pack of the same mentor and program. A refresh never drops a record not
    /// yet handed back (milestones with such changes keep this desk's state), and a pairing
    /// the coordinator ended shows as ended. Audited.
    pub fn import_pack(&mut self, pack: &PackContent) -> Result<PackImport, DeskError> {
        let key = check_pack(pack)?;
        let (now, actor) = (self.now(), self.actor.clone());
        let tombstones = !pack.erased_learners.is_empty();
        if tombstones {
            self.store.set_secure_delete(true)?;
        }
        let summary = self.store.write(|tx| {
            let stored = tx.desk_identity()?;
            let created = match stored.role {
                DeskRole::Coordinator if !tx.is_empty()? => {
                    return Err(DeskError::from(SyncError::HoldsProgram));
                }
                DeskRole::Coordinator => true,
                DeskRole::Mentor => {
                    let (mentor, _, _, program) = require_mentor(&stored, "refreshing a pack")?;
                    if mentor != pack.mentor.id {
                        return Err(SyncError::OtherMentor {
                            desk: mentor,
                            pack: pack.mentor.id.clone(),
                        }
                        .into());
                    }
                    if program != pack.program.desk {
                        return Err(SyncError::PackOtherProgram {
                            desk: stored.program_name.clone().unwrap_or_default(),
                            pack: pack.program.name.clone(),
                        }
                        .into());
                    }
                    if stored.pack_made_at.is_some_and(|at| at > pack.made_at) {
                        return Err(SyncError::OlderPack {
                            desk: stored
                                .pack_made_at
                                .map(|t| t.to_rfc3339())
                                .unwrap_or_default(),
                            pack: pack.made_at.to_rfc3339(),
                        }
                        .into());
                    }
                    false
                }
            };
            tx.set_mentor_identity(
                &pack.mentor.id,
                pack.program.desk,
                &pack.program.name,
                &key,
                &pack.key_id,
                pack.made_at,
            )?;
            tx.put_setting(DEFAULT_ZONE_KEY, &pack.default_zone)?;
            let ended = apply_pack(tx, pack, now)?;
            let guides: Vec<(String, String)> = pack
                .guides
                .iter()
                .map(|g| (g.name.to_string(), g.markdown.clone()))
                .collect();
            tx.replace_pack_guides(&guides)?;
            let erased = erase_tombstoned(tx, &pack.erased_learners, now)?;
            let pending = tx.journal(true)?.len();
            tx.append_audit(
                now,
                &actor,
                "pack.import",
                &format!("mentor:{}", pack.mentor.id),
                None,
                Some(&serde_json::json!({
                    "created": created,
                    "program": pack.program.name,
                    "made_at": pack.made_at,
                    "pairings": pack.pairings.len(),
                    "learners": pack.learners.len(),
                    "ended": ended,
                    "erased": erased,
                    "guides": pack.guides.len(),
                })),
            )?;
            Ok(PackImport {
                created,
                mentor: pack.mentor.id.clone(),
                mentor_name: pack.mentor.name.clone(),
                program: pack.program.name.clone(),
                pairings: pack.pairings.len(),
                learners: pack.learners.len(),
                ended,
                pending,
            })
        });
        if tombstones {
            // The erased learners' words leave the file too, as on the coordinator's desk.
            let rewritten = summary.is_ok().then(|| self.store.rewrite_file());
            self.store.set_secure_delete(false)?;
            rewritten.transpose()?;
        }
        let summary = summary?;
        self.store.reload_context()?;
        if self.actor == crate::domain::Author::Coordinator.to_string() {
            self.actor = self.store.author().to_string();
        }
        Ok(summary)
    }

    /// On a mentor desk: each learner of an active or paused pairing with their milestones
    /// and the pack's brief of their last sessions.
    pub fn learner_briefs(&mut self) -> Result<Vec<LearnerBrief>, DeskError> {
        self.store.read(|tx| {
            let briefs = tx.pack_checkins()?;
            let mut out = Vec::new();
            for pairing in tx.all_pairings()? {
                if !pairing.status.holds_seat() {
                    continue;
                }
                let Some(learner) = tx.learner(&pairing.learner)? else {
                    continue;
                };
                out.push(LearnerBrief {
                    milestones: tx.milestones_of(&learner.id)?,
                    recent: briefs
                        .iter()
                        .filter(|b| b.pairing == pairing.id)
                        .cloned()
                        .collect(),
                    learner,
                    pairing,
                });
            }
            Ok(out)
        })
    }
}

/// The pack's key, once the pack holds together: a 32-byte key whose id matches, and the
/// people and pairings it names consistent with each other.
/// Erases this desk's copy of each learner the pack's tombstones name (not yet erased
/// here); returns how many were.
fn erase_tombstoned(
    tx: &Tx<'_>,
    learners: &[LearnerId],
    now: DateTime<Utc>,
) -> Result<usize, DeskError> {
    let mut erased = 0;
    for id in learners {
        let kind = crate::store::PersonKind::Learner;
        if tx.erased_at(kind, id.as_str())?.is_some() {
            continue;
        }
        let Some(learner) = tx.learner(id)? else {
            continue;
        };
        let words = [
            learner.name.as_str(),
            learner.email.as_deref().unwrap_or(""),
        ];
        tx.erase_person(
            kind,
            id.as_str(),
            &crate::domain::erasure::needles(words),
            now,
        )?;
        erased += 1;
    }
    Ok(erased)
}

fn check_pack(pack: &PackContent) -> Result<Vec<u8>, DeskError> {
    let bad = |why: String| DeskError::from(SyncError::BadPack(why));
    let key = hex::decode(&pack.desk_key).map_err(|e| bad(format!("desk key: {e}")))?;
    if key.len() != KEY_LEN || key_id(&key) != pack.key_id {
        return Err(bad("its desk key does not match its key id".into()));
    }
    if MentorId::parse(pack.mentor.id.as_str()).ok().as_ref() != Some(&pack.mentor.id) {
        return Err(bad(format!(
            "mentor id {:?} is not valid",
            pack.mentor.id.as_str()
        )));
    }
    let learners: HashSet<&LearnerId> = pack.learners.iter().map(|l| &l.id).collect();
    for l in &pack.learners {
        if LearnerId::parse(l.id.as_str()).ok().as_ref() != Some(&l.id) {
            return Err(bad(format!("learner id {:?} is not valid", l.id.as_str())));
        }
    }
    if pack.guides.len() > MAX_PACK_GUIDES {
        return Err(bad(format!(
            "it carries {} guides (at most {MAX_PACK_GUIDES})",
            pack.guides.len()
        )));
    }
    for g in &pack.guides {
        Guide::parse(g.name.clone(), &g.markdown, GuideSource::Pack)
            .map_err(|problem| bad(format!("guide {}: {problem}", g.name)))?;
    }
    for p in &pack.pairings {
        if p.mentor != pack.mentor.id || !learners.contains(&p.learner) || !p.status.holds_seat() {
            return Err(bad(format!(
                "pairing {} is not an active or paused pairing of {} with a learner in the pack",
                p.id, pack.mentor.id
            )));
        }
    }
    Ok(key)
}

/// Milestone uids with changes on this desk not yet handed back.
fn pending_milestones(tx: &Tx<'_>) -> Result<HashSet<crate::domain::MilestoneUid>, DeskError> {
    let mut uids = HashSet::new();
    for row in tx.journal(true)? {
        if let Ok(RecordBody::Milestone(m)) = serde_json::from_str::<RecordBody>(&row.body) {
            uids.insert(m.uid);
        }
    }
    Ok(uids)
}

/// Writes the pack's people, pairings, milestones and briefs; returns how many pairings now
/// show as ended.
fn apply_pack(tx: &Tx<'_>, pack: &PackContent, now: DateTime<Utc>) -> Result<usize, DeskError> {
    for learner in &pack.learners {
        tx.put_learner(learner, now)?;
    }
    // Close first: a learner's new pairing may take the seat an ended one held.
    let open: HashSet<_> = pack.pairings.iter().map(|p| p.uid).collect();
    let mut ended = 0;
    for local in tx.all_pairings()? {
        if !local.status.holds_seat() || open.contains(&local.uid) {
            continue;
        }
        let closed = pack.closed_pairings.iter().find(|c| c.uid == local.uid);
        let after = Pairing {
            status: closed.map_or(PairingStatus::Ended, |c| c.status),
            ended_at: closed.and_then(|c| c.ended_at).or(Some(now)),
            end_reason: closed.map_or(Some(LEFT_THE_PACK.to_string()), |c| c.end_reason.clone()),
            ..local
        };
        tx.update_pairing(&after)?;
        ended += 1;
    }
    // After closing, so a capacity the coordinator lowered fits the seats still held.
    tx.put_mentor(&pack.mentor, now)?;
    for p in &pack.pairings {
        match tx.pairing_by_uid(p.uid)? {
            Some(local) => tx.update_pairing(&Pairing {
                id: local.id,
                ..p.clone()
            })?,
            None => {
                tx.insert_pairing_with_id(Some(p.id), p)?;
            }
        }
    }
    let pending = pending_milestones(tx)?;
    let mentor = &pack.mentor.id;
    for m in &pack.milestones {
        if pending.contains(&m.uid) {
            continue;
        }
        let mut m = m.clone();
        if m.from_checkin
            .is_some_and(|c| tx.checkin(c).ok().flatten().is_none())
        {
            m.from_checkin = None;
        }
        if m.endorsed_by.as_ref().is_some_and(|e| e != mentor) {
            m.endorsed_by = None;
        }
        match tx.milestone_by_uid(m.uid)? {
            Some(local) => tx.update_milestone(&Milestone { id: local.id, ..m }, None)?,
            None => {
                if tx.milestone(m.id)?.is_some() {
                    m.id = MilestoneId(0);
                }
                tx.insert_milestone(&m)?;
            }
        }
    }
    tx.replace_pack_checkins(&pack.recent_checkins)?;
    Ok(ended)
}
