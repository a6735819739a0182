//! Single-use links: a random token goes in the e-mail, only its SHA-256 is stored.

use chrono::Duration;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::codes::code_enum;

code_enum! {
    /// What a single-use link is for.
    pub enum Purpose {
        /// First password of a new account (valid 7 days).
        Welcome = "welcome" => "Bienvenue",
        /// Forgotten password (valid 1 hour).
        Reset = "reset" => "Réinitialisation",
    }
}

impl Purpose {
    fn validity(self) -> Duration {
        match self {
            Purpose::Welcome => Duration::days(7),
            Purpose::Reset => Duration::hours(1),
        }
    }
}

fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Creates a token for `user_id` in the caller's transaction (with the mail that carries it);
/// earlier unused tokens of the same purpose are revoked.
pub async fn issue(tx: &mut sqlx::PgConnection, user_id: Uuid, purpose: Purpose) -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    sqlx::query!(
        "UPDATE auth_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        user_id,
        purpose.code()
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO auth_tokens (token_hash, user_id, purpose, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
        digest(&token),
        user_id,
        purpose.code(),
        purpose.validity().num_seconds() as f64
    )
    .execute(&mut *tx)
    .await?;
    Ok(token)
}

/// Marks a valid token used (in the caller's transaction) and returns its user; `None` when the
/// token is unknown, used or expired.
pub async fn consume(tx: &mut sqlx::PgConnection, token: &str) -> Result<Option<Uuid>, sqlx::Error> {
    let row = sqlx::query_scalar!(
        "UPDATE auth_tokens SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING user_id",
        digest(token)
    )
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row)
}

/// Revokes every unused link of `user_id` (welcome and reset), in the caller's transaction: after a
/// password change, a deactivation or a change of e-mail address, no older link may set a password.
pub async fn revoke_all(tx: &mut sqlx::PgConnection, user_id: Uuid) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!("UPDATE auth_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL", user_id)
        .execute(tx)
        .await?;
    Ok(done.rows_affected())
}
