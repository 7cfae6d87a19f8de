//! One-time tokens for links sent to people (invitations, password resets, unsubscribing):
//! 32 random bytes from the operating system, of which only the SHA-256 is stored.
use password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
