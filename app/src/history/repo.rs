//! SQL of the history.

use sqlx::{types::Json, PgConnection, PgPool};
use uuid::Uuid;

use super::model::{Change, Diff, HistoryLine, Tracked};
use crate::rights::model::Object;

/// A save to record: the object, the version it produced, what was done and changed.
pub struct Record<'a> {
    pub object: Object,
    pub object_id: &'a str,
    pub version: i32,
    pub action: &'a str,
    pub user_id: Option<Uuid>,
    pub changes: Vec<Change>,
    pub comment: Option<&'a str>,
}

/// Writes a line, in the caller's transaction (a save and its history commit together).
pub async fn record(conn: &mut PgConnection, r: Record<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO historique (object, object_id, version, action, user_id, changes, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        r.object.code(),
        r.object_id,
        r.version,
        r.action,
        r.user_id,
        Json(&r.changes) as _,
        r.comment,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes the line of a save of `object` from `before` to `after` (the changed fields), in the caller's
/// transaction.
#[allow(clippy::too_many_arguments)]
pub async fn write<T: Tracked>(
    conn: &mut PgConnection,
    object: Object,
    id: Uuid,
    version: i32,
    action: &str,
    user_id: Uuid,
    (before, after): (Option<&T>, &T),
    comment: Option<&str>,
) -> Result<(), sqlx::Error> {
    let object_id = id.to_string();
    let changes = Diff::of(before, after);
    record(conn, Record { object, object_id: &object_id, version, action, user_id: Some(user_id), changes, comment })
        .await
}

/// The lines of an object after `version` (what others saved since a user loaded it), oldest first.
pub async fn since(pool: &PgPool, object: Object, id: Uuid, version: i32) -> Result<Vec<HistoryLine>, sqlx::Error> {
    let mut lines = of(pool, object, &id.to_string()).await?;
    lines.retain(|l| l.version > version);
    lines.reverse();
    Ok(lines)
}

/// The lines of an object, newest first.
pub async fn of(pool: &PgPool, object: Object, object_id: &str) -> Result<Vec<HistoryLine>, sqlx::Error> {
    Ok(of_objects(pool, object, &[object_id.to_string()]).await?.into_iter().map(|(_, line)| line).collect())
}

/// The history of several objects of one kind in one query, newest first, each line with its object's id.
pub async fn of_objects(
    pool: &PgPool,
    object: Object,
    object_ids: &[String],
) -> Result<Vec<(String, HistoryLine)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT h.object_id, h.at AS "at: chrono::DateTime<chrono::Utc>", h.version, h.action, h.comment, h.changes AS "changes: Json<Vec<Change>>",
                  u.prenom || ' ' || u.nom AS author
           FROM historique h LEFT JOIN users u ON u.id = h.user_id
           WHERE h.object = $1 AND h.object_id = ANY($2)
           ORDER BY h.id DESC"#,
        object.code(),
        object_ids
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let line = HistoryLine {
                at: r.at,
                version: r.version,
                action: r.action,
                author: r.author,
                changes: r.changes.0,
                comment: r.comment,
            };
            (r.object_id, line)
        })
        .collect())
}
