//! SQL of the évaluations approfondies. The health part is selected only when the caller may read it.

use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{Contenu, Resume, SantePersonne, Statut};

/// An EA as stored.
pub struct Stored {
    pub resume: Resume,
    pub menage_id: Uuid,
    pub created_by: Uuid,
    pub version: i32,
    pub contenu: Contenu,
    /// None when not asked for.
    pub sante: Option<Vec<SantePersonne>>,
}

/// The EA, its health part if `with_sante`; `user` tells which are his.
pub async fn load(pool: &PgPool, id: Uuid, user: Uuid, with_sante: bool) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT e.menage_id, e.statut, e.version, e.created_by, e.contenu AS "contenu: Json<Contenu>",
                  CASE WHEN $2 THEN e.sante END AS "sante: Json<Vec<SantePersonne>>",
                  e.created_at AS "created_at: chrono::DateTime<chrono::Utc>",
                  e.finalisee_at AS "finalisee_at: chrono::DateTime<chrono::Utc>",
                  u.prenom || ' ' || u.nom AS "auteur!"
           FROM evaluations e JOIN users u ON u.id = e.created_by WHERE e.id = $1"#,
        id,
        with_sante
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| {
        Some(Stored {
            resume: Resume {
                id,
                statut: Statut::from_code(&r.statut)?,
                auteur: r.auteur,
                mine: r.created_by == user,
                created_at: r.created_at,
                finalisee_at: r.finalisee_at,
            },
            menage_id: r.menage_id,
            created_by: r.created_by,
            version: r.version,
            contenu: r.contenu.0,
            sante: r.sante.map(|s| s.0),
        })
    }))
}

/// The ménage of an EA (what the matrix decides on, before the EA itself is read).
pub async fn menage_of(pool: &PgPool, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT menage_id FROM evaluations WHERE id = $1", id).fetch_optional(pool).await
}

/// The series of a ménage as `user` reads it: the final EAs and his own drafts, newest first.
pub async fn series(pool: &PgPool, menage_id: Uuid, user: Uuid) -> Result<Vec<Resume>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT e.id, e.statut, e.created_by, e.created_at AS "created_at: chrono::DateTime<chrono::Utc>",
                  e.finalisee_at AS "finalisee_at: chrono::DateTime<chrono::Utc>",
                  u.prenom || ' ' || u.nom AS "auteur!"
           FROM evaluations e JOIN users u ON u.id = e.created_by
           WHERE e.menage_id = $1 AND (e.statut = 'finale' OR e.created_by = $2)
           ORDER BY coalesce(e.finalisee_at, e.created_at) DESC, e.id"#,
        menage_id,
        user
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Resume {
                id: r.id,
                statut: Statut::from_code(&r.statut)?,
                auteur: r.auteur,
                mine: r.created_by == user,
                created_at: r.created_at,
                finalisee_at: r.finalisee_at,
            })
        })
        .collect())
}

/// The author's draft on the ménage, if any.
pub async fn draft_of(pool: &PgPool, menage_id: Uuid, user: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT id FROM evaluations WHERE menage_id = $1 AND created_by = $2 AND statut = 'brouillon'",
        menage_id,
        user
    )
    .fetch_optional(pool)
    .await
}

pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    menage_id: Uuid,
    contenu: &Contenu,
    sante: &[SantePersonne],
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO evaluations (id, menage_id, statut, contenu, sante, created_by) VALUES ($1, $2, 'brouillon', $3, $4, $5)",
        id,
        menage_id,
        Json(contenu) as _,
        Json(sante) as _,
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Saves a draft still at `version` (the health part only when given); its new version.
pub async fn save(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    contenu: &Contenu,
    sante: Option<&[SantePersonne]>,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE evaluations SET contenu = $3, sante = coalesce($4, sante), version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND statut = 'brouillon' RETURNING version",
        id,
        version,
        Json(contenu) as _,
        sante.map(Json) as _,
    )
    .fetch_optional(conn)
    .await
}

/// Makes a draft still at `version` final, with its note sociale; its new version.
pub async fn finalise(conn: &mut PgConnection, id: Uuid, version: i32, note: Uuid) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE evaluations SET statut = 'finale', finalisee_at = now(), note_id = $3, version = version + 1,
                                updated_at = now()
         WHERE id = $1 AND version = $2 AND statut = 'brouillon' RETURNING version",
        id,
        version,
        note
    )
    .fetch_optional(conn)
    .await
}

/// Deletes a draft still at `version`.
pub async fn delete_draft(pool: &PgPool, id: Uuid, version: i32) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query!("DELETE FROM evaluations WHERE id = $1 AND version = $2 AND statut = 'brouillon'", id, version)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}
