//! The envelope of every file desks hand each other: a format name with its version, a
//! SHA-256 over the content, an HMAC-SHA256 (bundles and receipts), and the content itself,
//! whose exact bytes the checksum and signature cover.
//!
//! ```json
//! {"format":"mentordesk-bundle/1",
//!  "sha256":"…",
//!  "hmac":"…",
//!  "content":{…}}
//! ```
//!
//! Owns: writing and opening envelopes, and every way a file can be wrong before its content
//! is looked at (empty, too large, cut short, edited, another format or version). May use:
//! `domain`, `serde_json`.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use thiserror::Error;

use crate::domain::seal::{sha256_hex, sign};
use crate::domain::sync::Sealed;

/// One of the three file kinds, with its format name and size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// `mentordesk-pack`
    pub name: &'static str,
    pub version: u32,
    /// What people call it: "mentor pack".
    pub label: &'static str,
    /// Files larger than this are refused before they are read.
    pub max_bytes: u64,
}

pub const PACK: Kind = Kind {
    name: "mentordesk-pack",
    version: 1,
    label: "mentor pack",
    max_bytes: 64 << 20,
};

pub const BUNDLE: Kind = Kind {
    name: "mentordesk-bundle",
    version: 1,
    label: "sync bundle",
    max_bytes: 32 << 20,
};

pub const RECEIPT: Kind = Kind {
    name: "mentordesk-receipt",
    version: 1,
    label: "receipt",
    max_bytes: 16 << 20,
};

const KINDS: [Kind; 3] = [PACK, BUNDLE, RECEIPT];

impl Kind {
    pub fn format(self) -> String {
        format!("{}/{}", self.name, self.version)
    }
}

/// Why a pack, bundle or receipt file was refused before its content was used. Each names
/// the file; none leaves anything written.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SealedFileError {
    #[error("cannot read {}: {source}", crate::domain::text::shown_path(path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} is empty (0 bytes), not a {label}",
        crate::domain::text::shown_path(path)
    )]
    Empty { path: PathBuf, label: &'static str },
    #[error(
        "{} is {size} bytes; a {label} is at most {max} bytes, so it was not read (is it the \
         right file?)",
        crate::domain::text::shown_path(path)
    )]
    TooLarge {
        path: PathBuf,
        label: &'static str,
        size: u64,
        max: u64,
    },
    #[error(
        "{} ends too early: the {label} was cut short (copy the whole file again); nothing was \
         imported",
        crate::domain::text::shown_path(path)
    )]
    Truncated { path: PathBuf, label: &'static str },
    #[error("{} is not a {label}: {detail}", crate::domain::text::shown_path(path))]
    NotJson {
        path: PathBuf,
        label: &'static str,
        detail: String,
    },
    #[error(
        "{} is a {found_label} ({found}), not a {label}",
        crate::domain::text::shown_path(path)
    )]
    OtherKind {
        path: PathBuf,
        label: &'static str,
        found: String,
        found_label: &'static str,
    },
    #[error(
        "{} has format {}, which this mentordesk does not read (it reads {expected}){hint}",
        crate::domain::text::shown_path(path),
        crate::domain::text::quoted(found)
    )]
    UnknownFormat {
        path: PathBuf,
        found: String,
        expected: String,
        hint: &'static str,
    },
    #[error(
        "{} is damaged: its SHA-256 does not match its content (changed or cut after it was \
         written); nothing was imported",
        crate::domain::text::shown_path(path)
    )]
    Checksum { path: PathBuf },
    #[error(
        "{} carries no signature; a {label} must be signed",
        crate::domain::text::shown_path(path)
    )]
    Unsigned { path: PathBuf, label: &'static str },
    #[error(
        "{}: the {label}'s content is not valid: {detail}",
        crate::domain::text::shown_path(path)
    )]
    Content {
        path: PathBuf,
        label: &'static str,
        detail: String,
    },
}

/// Seals `content` as a file of `kind`, signed under `key` when given.
pub fn seal<T: serde::Serialize>(
    kind: Kind,
    content: &T,
    key: Option<&[u8]>,
) -> Result<Vec<u8>, serde_json::Error> {
    let body = serde_json::to_vec(content)?;
    let mut out = Vec::with_capacity(body.len() + 256);
    out.extend_from_slice(b"{\"format\":");
    out.extend_from_slice(serde_json::to_string(&kind.format())?.as_bytes());
    out.extend_from_slice(b",\n \"sha256\":\"");
    out.extend_from_slice(sha256_hex(&body).as_bytes());
    out.push(b'"');
    if let Some(key) = key {
        out.extend_from_slice(b",\n \"hmac\":\"");
        out.extend_from_slice(sign(key, &body).as_bytes());
        out.push(b'"');
    }
    out.extend_from_slice(b",\n \"content\":");
    out.extend_from_slice(&body);
    out.extend_from_slice(b"}\n");
    Ok(out)
}

#[derive(Deserialize)]
struct Envelope<'a> {
    format: String,
    sha256: Option<String>,
    hmac: Option<String>,
    #[serde(borrow)]
    content: Option<&'a RawValue>,
}

/// Reads the file whole, refusing by size before reading more than `kind` allows.
fn read_limited(path: &Path, kind: Kind) -> Result<Vec<u8>, SealedFileError> {
    let failed = |source| SealedFileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let size = file.metadata().map_err(failed)?.len();
    let too_large = |size| SealedFileError::TooLarge {
        path: path.to_path_buf(),
        label: kind.label,
        size,
        max: kind.max_bytes,
    };
    if size > kind.max_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(kind.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > kind.max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens a file of `kind`: size, format and version, checksum, then the content. A signed
/// kind must carry a signature; checking it needs the key, which is the desk's business.
pub fn open<T: DeserializeOwned>(
    path: &Path,
    kind: Kind,
    signed: bool,
) -> Result<Sealed<T>, SealedFileError> {
    let bytes = read_limited(path, kind)?;
    open_bytes(path, kind, signed, &bytes)
}

/// [`open`] over bytes already read; `path` names them in errors.
pub fn open_bytes<T: DeserializeOwned>(
    path: &Path,
    kind: Kind,
    signed: bool,
    bytes: &[u8],
) -> Result<Sealed<T>, SealedFileError> {
    let path = path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SealedFileError::Empty {
            path,
            label: kind.label,
        });
    }
    let envelope: Envelope<'_> = match serde_json::from_slice(bytes) {
        Ok(e) => e,
        Err(e) if e.is_eof() => {
            return Err(SealedFileError::Truncated {
                path,
                label: kind.label,
            });
        }
        Err(e) => {
            return Err(SealedFileError::NotJson {
                path,
                label: kind.label,
                detail: e.to_string(),
            });
        }
    };
    check_format(&path, kind, &envelope.format)?;
    let (Some(content), Some(sha256)) = (envelope.content, envelope.sha256) else {
        return Err(SealedFileError::NotJson {
            path,
            label: kind.label,
            detail: "it has no content or no checksum".into(),
        });
    };
    let content_bytes = content.get().as_bytes().to_vec();
    if sha256_hex(&content_bytes) != sha256.trim().to_ascii_lowercase() {
        return Err(SealedFileError::Checksum { path });
    }
    let hmac = match envelope.hmac {
        Some(tag) => tag,
        None if signed => {
            return Err(SealedFileError::Unsigned {
                path,
                label: kind.label,
            });
        }
        None => String::new(),
    };
    let parsed = serde_json::from_slice(&content_bytes).map_err(|e| SealedFileError::Content {
        path: path.clone(),
        label: kind.label,
        detail: e.to_string(),
    })?;
    Ok(Sealed {
        content: parsed,
        content_bytes,
        sha256,
        hmac,
    })
}

fn check_format(path: &Path, kind: Kind, found: &str) -> Result<(), SealedFileError> {
    if found == kind.format() {
        return Ok(());
    }
    let (name, version) = found.split_once('/').unwrap_or((found, ""));
    if let Some(other) = KINDS.iter().find(|k| k.name == name && k.name != kind.name) {
        return Err(SealedFileError::OtherKind {
            path: path.to_path_buf(),
            label: kind.label,
            found: found.to_string(),
            found_label: other.label,
        });
    }
    let newer = name == kind.name && version.parse::<u32>().is_ok_and(|v| v > kind.version);
    Err(SealedFileError::UnknownFormat {
        path: path.to_path_buf(),
        found: found.to_string(),
        expected: kind.format(),
        hint: if newer {
            "; it was written by a newer mentordesk: upgrade to read it"
        } else {
            ""
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> PathBuf {
        PathBuf::from("b.json")
    }

    #[test]
    fn a_sealed_file_opens_and_any_changed_byte_is_caught() {
        let content = serde_json::json!({"a": 1, "notes": "héllo"});
        let bytes = seal(BUNDLE, &content, Some(b"key")).unwrap();
        let opened: Sealed<serde_json::Value> = open_bytes(&path(), BUNDLE, true, &bytes).unwrap();
        assert_eq!(opened.content, content);
        assert!(crate::domain::seal::verify(
            b"key",
            &opened.content_bytes,
            &opened.hmac
        ));
        let at = bytes.len() - 5;
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        let err = open_bytes::<serde_json::Value>(&path(), BUNDLE, true, &flipped);
        assert!(err.is_err());
    }

    #[test]
    fn each_wrong_file_gets_its_own_message() {
        let bytes = seal(PACK, &serde_json::json!({}), None).unwrap();
        let other = open_bytes::<serde_json::Value>(&path(), BUNDLE, true, &bytes)
            .unwrap_err()
            .to_string();
        assert!(other.contains("is a mentor pack"), "{other}");
        let cut = open_bytes::<serde_json::Value>(&path(), BUNDLE, true, &bytes[..bytes.len() / 2])
            .unwrap_err()
            .to_string();
        assert!(cut.contains("cut short"), "{cut}");
        let empty = open_bytes::<serde_json::Value>(&path(), BUNDLE, true, b"")
            .unwrap_err()
            .to_string();
        assert!(empty.contains("empty"), "{empty}");
        let newer = br#"{"format":"mentordesk-bundle/2","sha256":"x","content":{}}"#;
        let newer = open_bytes::<serde_json::Value>(&path(), BUNDLE, true, newer)
            .unwrap_err()
            .to_string();
        assert!(newer.contains("newer mentordesk"), "{newer}");
        let unsigned = seal(BUNDLE, &serde_json::json!({}), None).unwrap();
        let unsigned = open_bytes::<serde_json::Value>(&path(), BUNDLE, true, &unsigned)
            .unwrap_err()
            .to_string();
        assert!(unsigned.contains("no signature"), "{unsigned}");
    }
}
