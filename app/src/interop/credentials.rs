//! The partners' credentials: client ids, client secrets and access tokens are random; only the SHA-256 of a
//! secret or a token is stored (256 random bits: a slow hash would add nothing but latency).

use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

/// Lifetime of an access token, in seconds.
pub const TOKEN_SECONDS: i64 = 900;

pub fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `dui_` and 20 characters of the base32 alphabet (100 bits).
pub fn new_client_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut rng = rand::rngs::OsRng;
    let tail: String = (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("dui_{tail}")
}

/// A new client secret: `sk_` and 64 hex characters.
pub fn new_secret() -> String {
    format!("sk_{}", random_hex())
}

/// A new access token: `at_` and 64 hex characters.
pub fn new_token() -> String {
    format!("at_{}", random_hex())
}

/// The last characters of a secret, shown on the screen to tell secrets apart.
pub fn suffix(secret: &str) -> String {
    secret.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_have_their_shape_and_differ() {
        let id = new_client_id();
        assert!(id.starts_with("dui_") && id.len() == 24, "{id}");
        assert!(id[4..].chars().all(|c| c.is_ascii_lowercase() || ('2'..='7').contains(&c)));
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 67);
        assert_eq!(suffix("sk_abcdef123456"), "123456");
        assert_eq!(digest("x").len(), 32);
    }
}
