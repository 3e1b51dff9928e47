//! Identifiers. People keep the external ids their program gave them; pairings and milestones
//! are numbered by the desk (and carry a UUID for files); check-ins carry UUIDv7 so offline desks
//! never collide.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::text::clean_line;

/// Longest external id accepted.
pub const MAX_ID_LEN: usize = 64;

macro_rules! external_id {
    ($name:ident, $what:literal) => {
        #[doc = concat!("External id of a ", $what, ", as the program's CSV gives it.")]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Cleans and checks an id: non-empty, at most [`MAX_ID_LEN`] characters, no
            /// white space or control characters.
            pub fn parse(raw: &str) -> Result<Self, DomainError> {
                let cleaned = clean_line(raw);
                if cleaned.is_empty() {
                    return Err(DomainError::Missing {
                        what: concat!($what, " id"),
                    });
                }
                if cleaned.chars().count() > MAX_ID_LEN {
                    return Err(DomainError::TooLong {
                        what: concat!($what, " id"),
                        value: cleaned,
                        max: MAX_ID_LEN,
                    });
                }
                if cleaned.chars().any(char::is_whitespace) {
                    return Err(DomainError::Invalid {
                        what: concat!($what, " id"),
                        value: cleaned,
                        problem: "must not contain spaces".into(),
                    });
                }
                Ok(Self(cleaned))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// An empty id, only for a draft person whose id is still to be applied.
            pub(super) fn unset() -> Self {
                Self(String::new())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

external_id!(LearnerId, "learner");
external_id!(MentorId, "mentor");

macro_rules! numbered_id {
    ($name:ident, $what:literal) => {
        #[doc = concat!("Desk-assigned number of a ", $what, ".")]
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

numbered_id!(PairingId, "pairing");
numbered_id!(MilestoneId, "milestone");

/// Declares an id that is a UUID: unique across desks, so it can travel in files.
macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A fresh UUIDv7 for something made at `unix_millis`, with `random` supplying
            /// the random bits (the low 80 are used).
            pub fn new_at(unix_millis: u64, random: u128) -> Self {
                let bytes = random.to_be_bytes();
                let mut tail = [0u8; 10];
                tail.copy_from_slice(&bytes[6..]);
                Self(uuid::Builder::from_unix_timestamp_millis(unix_millis, &tail).into_uuid())
            }

            pub fn parse(raw: &str) -> Result<Self, DomainError> {
                uuid::Uuid::parse_str(raw.trim())
                    .map(Self)
                    .map_err(|e| DomainError::Invalid {
                        what: $what,
                        value: raw.to_string(),
                        problem: e.to_string(),
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

uuid_id!(
    /// Id of one check-in: a UUIDv7, time-ordered and unique across desks.
    CheckInId, "check-in id"
);

impl CheckInId {
    /// True when `raw` could be the start of a check-in id as printed: 1–36 hexadecimal
    /// digits and hyphens.
    pub fn looks_like_prefix(raw: &str) -> bool {
        let raw = raw.trim();
        !raw.is_empty()
            && raw.len() <= 36
            && raw.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            && raw.chars().any(|c| c.is_ascii_hexdigit())
    }

    /// `raw` as the start of a printed id: lower case, and a prefix typed without hyphens
    /// gets them where a printed id has them (after digits 8, 12, 16 and 20).
    pub fn canonical_prefix(raw: &str) -> String {
        let lower = raw.trim().to_ascii_lowercase();
        if lower.contains('-') {
            return lower;
        }
        let mut out = String::with_capacity(lower.len() + 4);
        for (i, c) in lower.chars().enumerate() {
            if matches!(i, 8 | 12 | 16 | 20) {
                out.push('-');
            }
            out.push(c);
        }
        out
    }
}
uuid_id!(
    /// The name of a pairing in files (people type its number, [`PairingId`]).
    PairingUid, "pairing uid"
);
uuid_id!(
    /// The name of a milestone in files (people type its number, [`MilestoneId`]).
    MilestoneUid, "milestone uid"
);
uuid_id!(
    /// One desk (one database file): the coordinator's or a mentor's offline copy.
    DeviceId, "device id"
);
uuid_id!(
    /// One record a mentor desk hands back (a check-in's record shares the check-in's id).
    RecordId, "record id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_cleaned_and_checked() {
        assert_eq!(LearnerId::parse(" L-001 ").unwrap().as_str(), "L-001");
        assert!(LearnerId::parse("  ").is_err());
        assert!(MentorId::parse("a b").is_err());
        assert!(MentorId::parse(&"x".repeat(65)).is_err());
    }

    #[test]
    fn checkin_ids_are_v7_and_time_ordered() {
        let a = CheckInId::new_at(1_000, 7);
        let b = CheckInId::new_at(2_000, 3);
        assert_eq!(a.0.get_version_num(), 7);
        assert_eq!(a.0.get_variant(), uuid::Variant::RFC4122);
        assert!(a < b);
        assert_eq!(CheckInId::parse(&a.to_string()).unwrap(), a);
        assert_eq!(CheckInId::canonical_prefix("0193A4B5C6"), "0193a4b5-c6");
        assert_eq!(CheckInId::canonical_prefix("0193a4b5-c"), "0193a4b5-c");
        assert!(CheckInId::looks_like_prefix("99999"));
        assert!(!CheckInId::looks_like_prefix("L0001"));
        assert!(!CheckInId::looks_like_prefix("--"));
    }
}
