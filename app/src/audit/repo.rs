//! SQL of the audit journal.

use sqlx::PgPool;

use super::model::{AuditEntry, AuditFilter, AuditLine, RequestTag, PAGE_SIZE};
use crate::rights::model::Scope;

/// Appends one line. A failure to write is logged loudly but does not fail the user's request. A line
/// written for a call of the DUI API names the call (`RequestTag`) and takes its address.
pub async fn record(pool: &PgPool, mut entry: AuditEntry) {
    if let Some(tag) = RequestTag::current() {
        tag.journaled.store(true, std::sync::atomic::Ordering::Relaxed);
        entry.detail = Some(match entry.detail.take() {
            Some(d) => format!("{} — {d}", tag.label),
            None => tag.label.clone(),
        });
        entry.ip = entry.ip.or_else(|| tag.ip.clone());
    }
    let result = sqlx::query!(
        "INSERT INTO audit_log (user_id, user_email, profile, action, object, object_id, outcome,
                                departement_codes, nominative, detail, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::inet)",
        entry.user_id,
        entry.user_email,
        entry.profile,
        entry.action,
        entry.object.code(),
        entry.object_id,
        entry.outcome.code(),
        &entry.departements,
        entry.nominative,
        entry.detail,
        entry.ip,
    )
    .execute(pool)
    .await;
    if let Err(err) = result {
        tracing::error!(error = %err, action = %entry.action, object = %entry.object, "audit write failed");
    }
}

/// Journal lines visible within `scope` (territory = the viewer's départements), newest first.
/// An entry is filed under the territory of its target; only `All` sees nominative events outside
/// its territory, and `Departement` sees non-nominative ones only.
pub async fn list(
    pool: &PgPool,
    scope: Scope,
    departements: &[String],
    filter: &AuditFilter,
) -> Result<Vec<AuditLine>, sqlx::Error> {
    let all = scope == Scope::All;
    let nominative_allowed = scope != Scope::Departement;
    sqlx::query_as!(
        AuditLine,
        r#"SELECT id, at AS "at: chrono::DateTime<chrono::Utc>", user_email, profile, action, object, object_id, outcome, detail
           FROM audit_log
           WHERE ($1 OR departement_codes && $2)
             AND ($3 OR NOT nominative)
             AND ($4::text IS NULL OR user_email ILIKE '%' || $4 || '%')
             AND ($5::text IS NULL OR action = $5)
             AND ($6::text IS NULL OR outcome = $6)
             AND ($7::bigint IS NULL OR id < $7)
           ORDER BY id DESC
           LIMIT $8"#,
        all,
        departements,
        nominative_allowed,
        filter.email.as_deref(),
        filter.action.as_deref(),
        filter.outcome.as_deref(),
        filter.before_id,
        PAGE_SIZE,
    )
    .fetch_all(pool)
    .await
}
