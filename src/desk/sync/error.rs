//! What can go wrong with packs, bundles and receipts once their files are read: each a
//! sentence that says what to do next.

use thiserror::Error;

use crate::domain::MentorId;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SyncError {
    #[error("this is {mentor}'s mentor desk; {what} happens on the coordinator's desk")]
    MentorDesk {
        mentor: MentorId,
        what: &'static str,
    },
    #[error(
        "this is a coordinator's desk; {what} happens on a mentor desk (made from a pack with \
         `mentordesk --db mentor.sqlite3 pack import PACK`)"
    )]
    CoordinatorDesk { what: &'static str },
    #[error(
        "this database holds a coordinator's program, so a mentor pack cannot go into it; \
         import the pack into a new file instead: `mentordesk --db mentor.sqlite3 pack import \
         PACK`"
    )]
    HoldsProgram,
    #[error(
        "this desk belongs to mentor {desk}; the pack is for mentor {pack} (import it into a new \
         file)"
    )]
    OtherMentor { desk: MentorId, pack: MentorId },
    #[error(
        "the pack comes from another program (\"{pack}\"); this desk holds \"{desk}\" (import it \
         into a new file)"
    )]
    PackOtherProgram { desk: String, pack: String },
    #[error(
        "the pack was made on {pack}, before the one this desk holds ({desk}); import the newer \
         pack"
    )]
    OlderPack { desk: String, pack: String },
    #[error("the pack is damaged: {0}")]
    BadPack(String),
    #[error(
        "the bundle is for another program (made from a pack of desk {found}; this desk is \
         {mine}); nothing was imported"
    )]
    OtherProgram { found: String, mine: String },
    #[error(
        "the bundle comes from a coordinator's desk; only a mentor desk's bundle can be \
         imported; nothing was imported"
    )]
    FromCoordinator,
    #[error(
        "the bundle is signed with a key this desk never made (key {key_id}, naming mentor \
         {mentor}); was its pack made by another desk? Nothing was imported"
    )]
    UnknownKey { key_id: String, mentor: MentorId },
    #[error(
        "the bundle is signed with the key of {name}'s desk that was revoked on {revoked}; send \
         {name} a new pack (`mentordesk pack export --mentor {mentor}`) and ask for a new \
         bundle; nothing was imported"
    )]
    RevokedKey {
        name: String,
        mentor: MentorId,
        revoked: String,
    },
    #[error(
        "the bundle fails its signature check: it was made or changed without {name}'s pack, so \
         nothing was imported"
    )]
    BadSignature { name: String },
    #[error(
        "the receipt is for another desk ({found}); this desk is {mine}; nothing was marked \
         handed over"
    )]
    ReceiptOtherDesk { found: String, mine: String },
    #[error(
        "the receipt fails its signature check (changed, or signed with an older key of this \
         desk); nothing was marked handed over"
    )]
    ReceiptBadSignature,
    #[error("no conflict {0} (see `mentordesk sync conflicts`)")]
    NoConflict(i64),
    #[error("conflict {id} was already resolved (kept {kept})")]
    AlreadyResolved { id: i64, kept: String },
    #[error(
        "conflict {0} is about a milestone, which has one state: keep theirs or ours, not both"
    )]
    BothNotPossible(i64),
    #[error(
        "conflict {0} is about a concern this desk already holds: keep ours (a concern is \
         never replaced; raise a new one for what theirs says)"
    )]
    ConcernKeepsOurs(i64),
    #[error("mentor {0} has no desk key in use (no pack was made, or it was revoked already)")]
    NoKey(MentorId),
    #[error("could not make a secret key: {0}")]
    Randomness(String),
}

impl SyncError {
    /// True when the person's input (a file, an id, a choice) was at fault.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, SyncError::Randomness(_))
    }
}
