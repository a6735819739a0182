//! SQL of the outbox.

use sqlx::{PgConnection, PgPool};

use super::model::{backoff_seconds, Mail, OutboxLine, OutboxView, MAX_ATTEMPTS};

/// How long a claimed mail is reserved for its sender (a crashed sender's mail is retried after).
const LEASE_SECONDS: f64 = 120.0;

/// Adds a mail to the outbox, in the caller's transaction (with what it announces).
pub async fn enqueue(conn: &mut PgConnection, mail: &Mail) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        "INSERT INTO outbox (kind, recipient, subject, body) VALUES ($1, $2, $3, $4) RETURNING id",
        mail.kind.code(),
        mail.to.as_str() as &str,
        mail.subject,
        mail.body
    )
    .fetch_one(conn)
    .await
}

/// A mail claimed for sending.
pub struct Claimed {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i32,
}

/// Claims up to `limit` mails due for sending (several senders never take the same one).
pub async fn claim(pool: &PgPool, limit: i64) -> Result<Vec<Claimed>, sqlx::Error> {
    sqlx::query_as!(
        Claimed,
        r#"UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $3)
           WHERE id IN (SELECT id FROM outbox
                        WHERE sent_at IS NULL AND attempts < $2 AND next_attempt_at <= now()
                        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING id, recipient::text AS "recipient!", subject, body, attempts"#,
        limit,
        MAX_ATTEMPTS,
        LEASE_SECONDS
    )
    .fetch_all(pool)
    .await
}

/// Sent: the body (and the link it holds) is not kept.
pub async fn mark_sent(pool: &PgPool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE outbox SET sent_at = now(), body = '', last_error = NULL WHERE id = $1", id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Failed: retried after the backoff.
pub async fn mark_failed(pool: &PgPool, id: i64, attempts: i32, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1",
        id,
        backoff_seconds(attempts) as f64,
        error
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Sends a failed or waiting mail again now; false if it was sent already (or is unknown).
pub async fn retry(pool: &PgPool, id: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query!("UPDATE outbox SET attempts = 0, next_attempt_at = now() WHERE id = $1 AND sent_at IS NULL", id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Mails sent more than 90 days ago are forgotten.
pub async fn purge(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!("DELETE FROM outbox WHERE sent_at < now() - interval '90 days'").execute(pool).await?;
    Ok(done.rows_affected())
}

/// The screen: counts, the mails not sent yet, then the last ones sent (100 lines at most).
pub async fn view(pool: &PgPool) -> Result<OutboxView, sqlx::Error> {
    let counts = sqlx::query!(
        r#"SELECT count(*) FILTER (WHERE attempts < $1) AS "waiting!", count(*) FILTER (WHERE attempts >= $1) AS "failed!"
           FROM outbox WHERE sent_at IS NULL"#,
        MAX_ATTEMPTS
    )
    .fetch_one(pool)
    .await?;
    let lines = sqlx::query_as!(
        OutboxLine,
        r#"SELECT id, kind, recipient::text AS "recipient!", created_at AS "created_at: chrono::DateTime<chrono::Utc>",
                  attempts, next_attempt_at AS "next_attempt_at: chrono::DateTime<chrono::Utc>",
                  sent_at AS "sent_at: chrono::DateTime<chrono::Utc>", last_error
           FROM outbox ORDER BY sent_at IS NULL DESC, id DESC LIMIT 100"#
    )
    .fetch_all(pool)
    .await?;
    Ok(OutboxView { waiting: counts.waiting, failed: counts.failed, lines })
}
