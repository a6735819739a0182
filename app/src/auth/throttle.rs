//! Throttling of failed logins, per account (the e-mail as typed, known or not, so that the answer
//! reveals nothing) and per IP address, over a sliding window.

use sqlx::PgPool;

/// Window over which failures count.
pub const WINDOW_MINUTES: i32 = 15;
/// Failures of one e-mail within the window before its logins are refused.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failures from one IP address within the window before its logins are refused.
pub const MAX_PER_IP: i64 = 30;

pub async fn is_throttled(pool: &PgPool, email: &str, ip: Option<&str>) -> Result<bool, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT
             (SELECT count(*) FROM login_failures
               WHERE email = $1 AND at > now() - make_interval(mins => $3)) AS "by_account!",
             (SELECT count(*) FROM login_failures
               WHERE $2::inet IS NOT NULL AND ip = $2::inet AND at > now() - make_interval(mins => $3)) AS "by_ip!""#,
        email,
        ip as Option<&str>,
        WINDOW_MINUTES
    )
    .fetch_one(pool)
    .await?;
    Ok(row.by_account >= MAX_PER_ACCOUNT || row.by_ip >= MAX_PER_IP)
}

pub async fn record_failure(pool: &PgPool, email: &str, ip: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query!("INSERT INTO login_failures (email, ip) VALUES ($1, $2::inet)", email, ip as Option<&str>)
        .execute(pool)
        .await?;
    Ok(())
}

/// After a successful login the account's counter starts again.
pub async fn clear(pool: &PgPool, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM login_failures WHERE email = $1", email).execute(pool).await?;
    Ok(())
}
