//! Sync bundles in, on the coordinator's desk: the bundle must be for this program, from a
//! mentor desk, and signed with the key made for that mentor's desk; then every record is
//! checked on its own, and in one transaction the new ones are applied, exact duplicates
//! ignored, conflicts filed with both versions, and gaps in each desk's numbering named.

use std::collections::BTreeMap;

use super::SyncError;
use super::apply::{Outcome, Sender, apply};
use super::identity::require_coordinator;
use crate::desk::{Desk, DeskError};
use crate::domain::seal::verify;
use crate::domain::sync::{
    BundleContent, ReceiptContent, Record, RecordBody, RejectedRecord, Sealed,
};
use crate::domain::{Author, DeskRole, DeviceId, MentorId, RecordId};
use crate::store::{ReceivedRecord, StoredConflict, StoredRejection, Tx};

/// Records missing from one mentor desk's numbering: `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub mentor: MentorId,
    pub mentor_name: String,
    pub device: DeviceId,
    pub first: u64,
    pub last: u64,
}

impl Gap {
    pub fn len(&self) -> u64 {
        self.last - self.first + 1
    }

    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }
}

impl std::fmt::Display for Gap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let which = if self.first == self.last {
            format!("record {}", self.first)
        } else {
            format!("records {}–{}", self.first, self.last)
        };
        write!(
            f,
            "missing {which} from {}'s desk (ask {} for `mentordesk sync export --all`)",
            self.mentor_name, self.mentor_name
        )
    }
}

/// What one import did, with the receipt to hand back.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleImport {
    pub import: i64,
    pub mentor: MentorId,
    pub mentor_name: String,
    pub new: u64,
    pub already_had: u64,
    /// Conflicts filed by this import (both versions kept; see `sync conflicts`).
    pub conflicts: Vec<String>,
    /// Gaps in this mentor desk's numbering after the import.
    pub gaps: Vec<Gap>,
    pub rejected: Vec<RejectedRecord>,
    /// Records that wait for a missing record they change.
    pub waiting: u64,
    pub receipt: ReceiptContent,
    /// The key that signs the receipt (the mentor desk's).
    pub key: Vec<u8>,
}

impl BundleImport {
    pub fn missing(&self) -> u64 {
        self.gaps.iter().map(Gap::len).sum()
    }

    /// `N new, M already had, K conflicts, G missing, R rejected`
    pub fn summary(&self) -> String {
        format!(
            "{} new, {} already had, {} conflicts, {} missing, {} rejected",
            self.new,
            self.already_had,
            self.conflicts.len(),
            self.missing(),
            self.rejected.len()
        )
    }
}

/// A record that failed before it reached the database.
fn rejection(value: &serde_json::Value, reason: String) -> RejectedRecord {
    let id = value
        .get("id")
        .and_then(|v| v.as_str())
        .and_then(|s| RecordId::parse(s).ok())
        .unwrap_or(RecordId(uuid::Uuid::nil()));
    let seq = value.get("seq").and_then(|v| v.as_u64()).unwrap_or(0);
    RejectedRecord { id, seq, reason }
}

/// Parses and checks each record on its own: the ones that hold, and the refused.
fn check_records(content: &BundleContent) -> (Vec<Record>, Vec<RejectedRecord>) {
    let mut good = Vec::new();
    let mut rejected = Vec::new();
    let author = Author::Mentor(content.mentor.clone());
    for value in &content.records {
        let record: Record = match serde_json::from_value(value.clone()) {
            Ok(r) => r,
            Err(e) => {
                rejected.push(rejection(value, format!("not a valid record: {e}")));
                continue;
            }
        };
        let problem = if record.seq == 0 || record.seq > content.last_seq {
            Some(format!(
                "sequence number {} is outside 1–{}",
                record.seq, content.last_seq
            ))
        } else if record.body.content_hash() != record.hash {
            Some("its content hash does not match its content".to_string())
        } else if record.body.author() != &author {
            Some(format!(
                "written by {}, not by this desk's mentor",
                record.body.author()
            ))
        } else if let RecordBody::Checkin(c) = &record.body
            && c.id.0 != record.id.0
        {
            Some("a check-in's record must carry the check-in's id".to_string())
        } else if let RecordBody::Concern(c) = &record.body
            && c.uid != record.id
        {
            Some("a concern's record must carry the concern's uid".to_string())
        } else {
            record.body.check().err()
        };
        match problem {
            Some(reason) => rejected.push(RejectedRecord {
                id: record.id,
                seq: record.seq,
                reason,
            }),
            None => good.push(record),
        }
    }
    good.sort_by_key(|r| r.seq);
    (good, rejected)
}

/// Gaps in one device's numbering: numbers from 1 to `last` neither received nor refused.
pub(super) fn gaps_of(
    tx: &Tx<'_>,
    device: DeviceId,
    mentor: &MentorId,
    name: &str,
    last: u64,
) -> Result<Vec<Gap>, DeskError> {
    let seen = tx.seqs_of_device(device)?;
    let last = last.max(seen.last().copied().unwrap_or(0));
    let mut gaps = Vec::new();
    let mut expected = 1;
    for seq in seen.into_iter().chain(std::iter::once(last + 1)) {
        if seq > expected {
            gaps.push(Gap {
                mentor: mentor.clone(),
                mentor_name: name.to_string(),
                device,
                first: expected,
                last: seq - 1,
            });
        }
        expected = expected.max(seq + 1);
    }
    Ok(gaps)
}

/// Counts of one import as it goes.
#[derive(Default)]
struct Tally {
    new: u64,
    already_had: u64,
    conflicts: Vec<String>,
    rejected: Vec<RejectedRecord>,
    accepted: Vec<RecordId>,
}

impl Desk {
    /// Imports a sealed bundle (its checksum already checked by `exchange`) on the
    /// coordinator's desk. Refused whole when it is for another program, from a coordinator's
    /// desk, or not signed with the key in use for its mentor's desk; otherwise each record is
    /// applied, recognised, filed as a conflict, left waiting, or refused with a reason, all in
    /// one transaction with audit rows. Importing the same bundle again changes nothing.
    pub fn import_bundle(
        &mut self,
        bundle: &Sealed<BundleContent>,
        file: &str,
    ) -> Result<BundleImport, DeskError> {
        let content = &bundle.content;
        let (now, actor) = (self.now(), self.actor.clone());
        let (records, early_rejections) = check_records(content);
        self.store.write(|tx| {
            let stored = tx.desk_identity()?;
            require_coordinator(&stored, "importing a bundle")?;
            if content.program != stored.device {
                return Err(SyncError::OtherProgram {
                    found: content.program.to_string(),
                    mine: stored.device.to_string(),
                }
                .into());
            }
            if content.role != DeskRole::Mentor {
                return Err(SyncError::FromCoordinator.into());
            }
            let key = tx
                .mentor_key(&content.key_id)?
                .filter(|k| k.mentor == content.mentor)
                .ok_or_else(|| SyncError::UnknownKey {
                    key_id: content.key_id.clone(),
                    mentor: content.mentor.clone(),
                })?;
            let name = tx
                .mentor(&content.mentor)?
                .map_or_else(|| content.mentor.to_string(), |m| m.name);
            if let Some(revoked) = key.revoked_at {
                return Err(SyncError::RevokedKey {
                    name,
                    mentor: content.mentor.clone(),
                    revoked: revoked.format("%Y-%m-%d %H:%M UTC").to_string(),
                }
                .into());
            }
            if !verify(&key.secret, &bundle.content_bytes, &bundle.hmac) {
                return Err(SyncError::BadSignature { name }.into());
            }
            let import = tx.insert_import(
                now,
                file,
                &bundle.sha256,
                &content.mentor,
                content.desk,
                content.last_seq,
            )?;
            let sender = Sender {
                mentor: &content.mentor,
                name: &name,
            };
            let mut tally = Tally::default();
            for r in &early_rejections {
                reject(tx, import, content.desk, r.clone(), &mut tally)?;
            }
            for record in &records {
                take(tx, import, content, record, &sender, &actor, &mut tally)?;
            }
            let waiting = retry_waiting(tx, import, content.desk, &actor, &mut tally)?;
            let gaps = gaps_of(tx, content.desk, &content.mentor, &name, content.last_seq)?;
            let missing = gaps.iter().map(Gap::len).sum();
            tx.finish_import(
                import,
                [
                    tally.new,
                    tally.already_had,
                    tally.conflicts.len() as u64,
                    missing,
                    tally.rejected.len() as u64,
                ],
            )?;
            tx.append_audit(
                now,
                &actor,
                "sync.import",
                &format!("file:{file}"),
                None,
                Some(&serde_json::json!({
                    "import": import,
                    "mentor": content.mentor,
                    "bundle_sha256": bundle.sha256,
                    "new": tally.new,
                    "already_had": tally.already_had,
                    "conflicts": tally.conflicts.len(),
                    "missing": missing,
                    "rejected": tally.rejected.len(),
                })),
            )?;
            let receipt = ReceiptContent {
                program: stored.device,
                desk: content.desk,
                mentor: content.mentor.clone(),
                bundle_sha256: bundle.sha256.clone(),
                made_at: now,
                accepted: tally.accepted.clone(),
                rejected: tally.rejected.clone(),
            };
            Ok(BundleImport {
                import,
                mentor: content.mentor.clone(),
                mentor_name: name.clone(),
                new: tally.new,
                already_had: tally.already_had,
                conflicts: tally.conflicts,
                gaps,
                rejected: tally.rejected,
                waiting,
                receipt,
                key: key.secret.clone(),
            })
        })
    }
}

fn reject(
    tx: &Tx<'_>,
    import: i64,
    device: DeviceId,
    r: RejectedRecord,
    tally: &mut Tally,
) -> Result<(), DeskError> {
    tx.insert_rejection(&StoredRejection {
        import,
        record_id: r.id.to_string(),
        origin_device: device,
        seq: r.seq,
        reason: r.reason.clone(),
    })?;
    tally.rejected.push(r);
    Ok(())
}

/// One checked record: already had, a conflict of versions, or applied as [`apply`] says.
fn take(
    tx: &Tx<'_>,
    import: i64,
    content: &BundleContent,
    record: &Record,
    sender: &Sender<'_>,
    actor: &str,
    tally: &mut Tally,
) -> Result<(), DeskError> {
    let versions = tx.received_versions(record.id)?;
    if versions.iter().any(|v| v.hash == record.hash) {
        tally.already_had += 1;
        tally.accepted.push(record.id);
        return Ok(());
    }
    if let Some(holder) = tx.seq_holder(content.desk, record.seq)?
        && holder != record.id.to_string()
    {
        let r = RejectedRecord {
            id: record.id,
            seq: record.seq,
            reason: format!(
                "sequence number {} from {}'s desk was already used by record {holder} (was \
                 that desk restored from a backup?)",
                record.seq, sender.name
            ),
        };
        return reject(tx, import, content.desk, r, tally);
    }
    let body_text = serde_json::to_string(&record.body).unwrap_or_default();
    let mut received = ReceivedRecord {
        record_id: record.id,
        hash: record.hash.clone(),
        origin_device: content.desk,
        seq: record.seq,
        mentor: content.mentor.clone(),
        kind: record.body.kind().to_string(),
        body: body_text.clone(),
        outcome: String::new(),
        import,
    };
    let outcome = match versions.first() {
        Some(earlier) => Outcome::Conflict {
            reason: "the same record came again with different content".into(),
            subject: format!("record:{}", record.id),
            ours: serde_json::from_str(&earlier.body).unwrap_or(serde_json::Value::Null),
        },
        None => apply(tx, &record.body, sender, actor)?,
    };
    match outcome {
        Outcome::Applied | Outcome::Waiting => {
            received.outcome = if outcome == Outcome::Applied {
                "applied"
            } else {
                "waiting"
            }
            .into();
            tx.insert_received(&received)?;
            tally.new += 1;
            tally.accepted.push(record.id);
        }
        Outcome::Conflict {
            reason,
            subject,
            ours,
        } => {
            received.outcome = "conflict".into();
            tx.insert_received(&received)?;
            file_conflict(
                tx,
                import,
                record.id,
                &record.body,
                &reason,
                &subject,
                &ours,
            )?;
            tally
                .conflicts
                .push(format!("{}: {reason}", record.body.describe()));
            tally.accepted.push(record.id);
        }
        Outcome::Rejected(reason) => {
            let r = RejectedRecord {
                id: record.id,
                seq: record.seq,
                reason,
            };
            reject(tx, import, content.desk, r, tally)?;
        }
    }
    Ok(())
}

fn file_conflict(
    tx: &Tx<'_>,
    import: i64,
    record_id: RecordId,
    theirs: &RecordBody,
    reason: &str,
    subject: &str,
    ours: &serde_json::Value,
) -> Result<(), DeskError> {
    tx.insert_conflict(&StoredConflict {
        id: 0,
        import,
        record_id,
        kind: theirs.kind().to_string(),
        subject: subject.to_string(),
        reason: reason.to_string(),
        ours: ours.to_string(),
        theirs: serde_json::to_string(theirs).unwrap_or_default(),
        resolved: None,
        resolved_at: None,
    })?;
    Ok(())
}

/// Applies records that waited for something now received, until none moves; returns how
/// many of `device`'s still wait. Refusals of `device`'s records go in this import's receipt.
fn retry_waiting(
    tx: &Tx<'_>,
    import: i64,
    device: DeviceId,
    actor: &str,
    tally: &mut Tally,
) -> Result<u64, DeskError> {
    loop {
        let waiting = tx.waiting_records()?;
        let mut moved = false;
        let mut names: BTreeMap<MentorId, String> = BTreeMap::new();
        for w in &waiting {
            let Ok(body) = serde_json::from_str::<RecordBody>(&w.body) else {
                continue;
            };
            let name = match names.get(&w.mentor) {
                Some(n) => n.clone(),
                None => {
                    let n = tx
                        .mentor(&w.mentor)?
                        .map_or_else(|| w.mentor.to_string(), |m| m.name);
                    names.insert(w.mentor.clone(), n.clone());
                    n
                }
            };
            let sender = Sender {
                mentor: &w.mentor,
                name: &name,
            };
            match apply(tx, &body, &sender, actor)? {
                Outcome::Waiting => continue,
                Outcome::Applied => tx.set_received_outcome(w.record_id, &w.hash, "applied")?,
                Outcome::Conflict {
                    reason,
                    subject,
                    ours,
                } => {
                    tx.set_received_outcome(w.record_id, &w.hash, "conflict")?;
                    file_conflict(tx, import, w.record_id, &body, &reason, &subject, &ours)?;
                    tally
                        .conflicts
                        .push(format!("{}: {reason}", body.describe()));
                }
                Outcome::Rejected(reason) => {
                    tx.set_received_outcome(w.record_id, &w.hash, "rejected")?;
                    let r = RejectedRecord {
                        id: w.record_id,
                        seq: w.seq,
                        reason,
                    };
                    tx.insert_rejection(&StoredRejection {
                        import,
                        record_id: r.id.to_string(),
                        origin_device: w.origin_device,
                        seq: r.seq,
                        reason: r.reason.clone(),
                    })?;
                    if w.origin_device == device {
                        tally.rejected.push(r);
                    }
                }
            }
            moved = true;
        }
        if !moved {
            return Ok(waiting.iter().filter(|w| w.origin_device == device).count() as u64);
        }
    }
}
