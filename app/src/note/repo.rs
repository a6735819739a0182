//! SQL of the notes. What a user reads is decided here, row by row, after the matrix allowed him on the
//! ménage: published notes, his own drafts, and a confidential note only if he wrote it or belongs to the
//! SIAO or the dispositifs it was written for.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{Cloture, Nature, NoteInput, NoteView, State, Statut};
use crate::rights::authorize::Principal;

/// A note's facts for the decisions of the server functions.
pub struct Stored {
    pub menage_id: Uuid,
    pub created_by: Uuid,
    pub state: State,
    pub version: i32,
    pub confidentielle: bool,
    pub lecteurs_siao: Option<Uuid>,
    pub lecteurs_dispositifs: Vec<Uuid>,
}

impl Stored {
    /// May `user` read it (the matrix having allowed him on the ménage)?
    pub fn readable_by(&self, user: &Principal) -> bool {
        let own = self.created_by == user.user_id;
        let published = self.state.statut == Statut::Publiee;
        let shared = !self.confidentielle
            || (self.lecteurs_siao.is_some() && self.lecteurs_siao == user.siao_id)
            || self.lecteurs_dispositifs.iter().any(|d| user.dispositifs.contains(d));
        own || (published && shared)
    }
}

pub async fn stored(pool: &PgPool, id: Uuid) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT menage_id, created_by, nature, statut, alerte_close_at IS NOT NULL AS \"closed!\", version,
                confidentielle, lecteurs_siao, lecteurs_dispositifs
         FROM notes WHERE id = $1",
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| {
        Some(Stored {
            menage_id: r.menage_id,
            created_by: r.created_by,
            state: State {
                nature: Nature::from_code(&r.nature)?,
                statut: Statut::from_code(&r.statut)?,
                closed: r.closed,
            },
            version: r.version,
            confidentielle: r.confidentielle,
            lecteurs_siao: r.lecteurs_siao,
            lecteurs_dispositifs: r.lecteurs_dispositifs,
        })
    }))
}

/// The notes of a ménage `user` may read, newest first.
pub async fn list(pool: &PgPool, menage_id: Uuid, user: &Principal) -> Result<Vec<NoteView>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT n.id, n.nature, n.statut, n.titre, n.corps, n.date_entretien AS "date_entretien: chrono::NaiveDate",
                  n.confidentielle, n.version, n.created_by, n.created_at AS "created_at: chrono::DateTime<chrono::Utc>",
                  n.publiee_at AS "publiee_at: chrono::DateTime<chrono::Utc>", n.complete_note_id,
                  n.alerte_close_at AS "alerte_close_at: chrono::DateTime<chrono::Utc>", n.alerte_motif,
                  a.prenom || ' ' || a.nom AS "auteur!", c.prenom || ' ' || c.nom AS clos_par,
                  coalesce((SELECT array_agg(p.id ORDER BY p.nom_naissance, p.prenoms) FROM personnes p
                            WHERE p.id = ANY (n.personne_ids)), '{}') AS "personne_ids!",
                  coalesce((SELECT array_agg(upper(coalesce(p.nom_usage, p.nom_naissance)) || ' ' || p.prenoms
                                             ORDER BY p.nom_naissance, p.prenoms)
                            FROM personnes p WHERE p.id = ANY (n.personne_ids)), '{}') AS "personne_noms!"
           FROM notes n
           JOIN users a ON a.id = n.created_by
           LEFT JOIN users c ON c.id = n.alerte_close_by
           WHERE n.menage_id = $1
             AND (n.created_by = $2
                  OR (n.statut = 'publiee'
                      AND (NOT n.confidentielle OR n.lecteurs_siao = $3 OR n.lecteurs_dispositifs && $4)))
           ORDER BY coalesce(n.publiee_at, n.created_at) DESC, n.id"#,
        menage_id,
        user.user_id,
        user.siao_id,
        &user.dispositifs,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(NoteView {
                id: r.id,
                nature: Nature::from_code(&r.nature)?,
                statut: Statut::from_code(&r.statut)?,
                titre: r.titre,
                corps: r.corps,
                date_entretien: r.date_entretien,
                personnes: r.personne_ids.into_iter().zip(r.personne_noms).collect(),
                confidentielle: r.confidentielle,
                version: r.version,
                auteur: r.auteur,
                mine: r.created_by == user.user_id,
                created_at: r.created_at,
                publiee_at: r.publiee_at,
                complete_note_id: r.complete_note_id,
                cloture: match (r.alerte_close_at, r.alerte_motif) {
                    (Some(le), Some(motif)) => Some(Cloture { par: r.clos_par.unwrap_or_default(), le, motif }),
                    _ => None,
                },
            })
        })
        .collect())
}

/// Which of `ids` are current members of the ménage.
pub async fn members_among(pool: &PgPool, menage_id: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT personne_id FROM menage_membres WHERE menage_id = $1 AND jusqu_au IS NULL AND personne_id = ANY ($2)",
        menage_id,
        ids
    )
    .fetch_all(pool)
    .await
}

/// Inserts a note written by `user` (readers of a confidential note: his SIAO, his dispositifs).
pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    menage_id: Uuid,
    note: &NoteInput,
    complete: Option<Uuid>,
    user: &Principal,
) -> Result<(), sqlx::Error> {
    let statut = if note.publier { Statut::Publiee } else { Statut::Brouillon };
    sqlx::query!(
        "INSERT INTO notes (id, menage_id, nature, titre, corps, date_entretien, personne_ids, confidentielle,
                            lecteurs_siao, lecteurs_dispositifs, complete_note_id, statut, created_by, publiee_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $12 = 'publiee' THEN now() END)",
        id,
        menage_id,
        note.nature.code(),
        note.titre,
        note.corps,
        note.date_entretien as _,
        &note.personnes,
        note.confidentielle,
        user.siao_id,
        &user.dispositifs,
        complete,
        statut.code(),
        user.user_id,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Rewrites a draft at `version`; its new version, none if it is no longer that draft.
pub async fn update_draft(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    note: &NoteInput,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE notes SET nature = $3, titre = $4, corps = $5, date_entretien = $6, personne_ids = $7,
                          confidentielle = $8, version = version + 1, updated_at = now(),
                          statut = CASE WHEN $9 THEN 'publiee' ELSE statut END,
                          publiee_at = CASE WHEN $9 THEN now() END
         WHERE id = $1 AND version = $2 AND statut = 'brouillon'
         RETURNING version",
        id,
        version,
        note.nature.code(),
        note.titre,
        note.corps,
        note.date_entretien as _,
        &note.personnes,
        note.confidentielle,
        note.publier,
    )
    .fetch_optional(conn)
    .await
}

/// Publishes a draft at `version`; false if it is no longer that draft.
pub async fn publish(pool: &PgPool, id: Uuid, version: i32) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE notes SET statut = 'publiee', publiee_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND statut = 'brouillon'",
        id,
        version
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a draft; false if it is no longer a draft.
pub async fn delete_draft(pool: &PgPool, id: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!("DELETE FROM notes WHERE id = $1 AND statut = 'brouillon'", id).execute(pool).await?;
    Ok(done.rows_affected() == 1)
}

/// Closes an open alerte; false if it is not one (any more).
pub async fn close_alerte(pool: &PgPool, id: Uuid, user: Uuid, motif: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE notes SET alerte_close_at = now(), alerte_close_by = $2, alerte_motif = $3, version = version + 1
         WHERE id = $1 AND nature = 'alerte' AND statut = 'publiee' AND alerte_close_at IS NULL",
        id,
        user,
        motif
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
