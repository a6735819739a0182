//! Password hashing with argon2id (OWASP parameters: m = 19 456 KiB, t = 2, p = 1), off the async
//! executor. A stored hash with other parameters is upgraded at the next successful login.

use std::sync::LazyLock;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::AppError;

pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a random password, verified against when the e-mail is unknown, so that an unknown
/// account costs the same time as a known one.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_now("dummy password, never matches"));

fn hash_now(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).expect("argon2 hashing").to_string()
}

/// Result of a verification.
#[derive(Debug, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Correct, but hashed with older parameters: store `new_hash`.
    YesRehash(String),
}

fn verify_now(password: &str, stored: Option<&str>) -> Verified {
    let (stored, real) = match stored {
        Some(s) => (s, true),
        None => (DUMMY_HASH.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Verified::No;
    };
    if argon2().verify_password(password.as_bytes(), &parsed).is_err() || !real {
        return Verified::No;
    }
    let current = parsed.algorithm == argon2::ARGON2ID_IDENT
        && Params::try_from(&parsed)
            .is_ok_and(|p| p.m_cost() == MEMORY_KIB && p.t_cost() == ITERATIONS && p.p_cost() == PARALLELISM);
    if current {
        Verified::Yes
    } else {
        Verified::YesRehash(hash_now(password))
    }
}

/// Hashes on a blocking thread.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.map_err(|_| AppError::Internal)
}

/// Verifies on a blocking thread; `stored = None` (unknown account, or no password yet) verifies
/// against a dummy hash and answers `No`.
pub async fn verify(password: String, stored: Option<String>) -> Result<Verified, AppError> {
    tokio::task::spawn_blocking(move || verify_now(&password, stored.as_deref())).await.map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let h = hash_now("la mer est calme ce matin");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert_eq!(verify_now("la mer est calme ce matin", Some(&h)), Verified::Yes);
        assert_eq!(verify_now("la mer est calme ce soir", Some(&h)), Verified::No);
    }

    #[test]
    fn unknown_account_never_verifies() {
        assert_eq!(verify_now("dummy password, never matches", None), Verified::No);
    }

    #[test]
    fn older_parameters_are_upgraded() {
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8, 1, 1, None).unwrap());
        let salt = SaltString::generate(&mut OsRng);
        let old = weak.hash_password(b"une phrase de passe", &salt).unwrap().to_string();
        match verify_now("une phrase de passe", Some(&old)) {
            Verified::YesRehash(new) => assert!(new.contains("m=19456,t=2,p=1")),
            other => panic!("expected a rehash, got {other:?}"),
        }
    }
}
