//! Checksums and signatures of the files desks hand each other: SHA-256 over the content, and
//! HMAC-SHA256 under the secret key a coordinator made for one mentor's desk.
//!
//! Pure functions over bytes (RustCrypto's `sha2` and `hmac`); no I/O.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Length in bytes of a desk key.
pub const KEY_LEN: usize = 32;

/// SHA-256 of `bytes`, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The HMAC-SHA256 tag of `bytes` under `key`, as lower-case hex.
pub fn sign(key: &[u8], bytes: &[u8]) -> String {
    // HMAC takes a key of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(bytes);
    hex::encode(mac.finalize().into_bytes())
}

/// True when `tag` (hex) is the HMAC-SHA256 of `bytes` under `key`; compared in constant time.
pub fn verify(key: &[u8], bytes: &[u8], tag: &str) -> bool {
    let Ok(tag) = hex::decode(tag.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return false;
    };
    mac.update(bytes);
    mac.verify_slice(&tag).is_ok()
}

/// A short public name for a key (the first 8 bytes of its SHA-256), so a bundle can say
/// which key signed it without carrying the key.
pub fn key_id(key: &[u8]) -> String {
    sha256_hex(key)[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_a_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let tag = sign(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            tag,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(verify(b"Jefe", b"what do ya want for nothing?", &tag));
        assert!(!verify(b"Jeff", b"what do ya want for nothing?", &tag));
        assert!(!verify(b"Jefe", b"what do ya want for nothing!", &tag));
        assert!(!verify(b"Jefe", b"what do ya want for nothing?", "zz"));
    }
}
