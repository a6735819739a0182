//! Throttling of password and code guessing, per account (the e-mail as typed, known or not, so that
//! the answer reveals nothing) and per IP address, over a sliding window. Logins, re-authentications
//! of a logged-in user (current password, second-factor codes) and reset requests all count.

use std::future::Future;

use sqlx::PgPool;

use crate::codes::code_enum;
use crate::error::AppError;

/// Window over which attempts count.
pub const WINDOW_MINUTES: i32 = 15;
/// Failed logins of one e-mail within the window before its logins are refused.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failed logins from one IP address within the window before its logins are refused.
pub const MAX_PER_IP: i64 = 30;
/// Reset requests for one e-mail within the window.
pub const MAX_RESETS_PER_ACCOUNT: i64 = 3;
/// Reset requests from one IP address within the window.
pub const MAX_RESETS_PER_IP: i64 = 20;

code_enum! {
    /// What is counted.
    pub enum Attempt {
        /// A wrong password or code (login, re-authentication).
        Connexion = "connexion" => "Connexion",
        /// A "mot de passe oublié" request (each one counts: each sends a mail).
        Reinitialisation = "reinitialisation" => "Demande de réinitialisation",
    }
}

impl Attempt {
    /// (per account, per IP) within the window.
    fn limits(self) -> (i64, i64) {
        match self {
            Attempt::Connexion => (MAX_PER_ACCOUNT, MAX_PER_IP),
            Attempt::Reinitialisation => (MAX_RESETS_PER_ACCOUNT, MAX_RESETS_PER_IP),
        }
    }
}

pub async fn is_throttled(pool: &PgPool, kind: Attempt, email: &str, ip: Option<&str>) -> Result<bool, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT
             (SELECT count(*) FROM login_failures
               WHERE email = $1 AND kind = $4 AND at > now() - make_interval(mins => $3)) AS "by_account!",
             (SELECT count(*) FROM login_failures
               WHERE $2::inet IS NOT NULL AND ip = $2::inet AND kind = $4
                 AND at > now() - make_interval(mins => $3)) AS "by_ip!""#,
        email,
        ip as Option<&str>,
        WINDOW_MINUTES,
        kind.code()
    )
    .fetch_one(pool)
    .await?;
    let (per_account, per_ip) = kind.limits();
    Ok(row.by_account >= per_account || row.by_ip >= per_ip)
}

pub async fn record(pool: &PgPool, kind: Attempt, email: &str, ip: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO login_failures (email, ip, kind) VALUES ($1, $2::inet, $3)",
        email,
        ip as Option<&str>,
        kind.code()
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// After a successful login the account's counter starts again.
pub async fn clear(pool: &PgPool, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM login_failures WHERE email = $1 AND kind = 'connexion'", email).execute(pool).await?;
    Ok(())
}

/// A secret typed by the holder of `email` (current password, second-factor code), checked under the
/// login throttle: refused without checking while throttled, and a wrong one counts.
pub async fn guarded_check(
    pool: &PgPool,
    email: &str,
    ip: Option<&str>,
    check: impl Future<Output = Result<bool, AppError>>,
) -> Result<bool, AppError> {
    if is_throttled(pool, Attempt::Connexion, email, ip).await? {
        return Err(AppError::TooManyAttempts);
    }
    let ok = check.await?;
    if !ok {
        record(pool, Attempt::Connexion, email, ip).await?;
    }
    Ok(ok)
}
