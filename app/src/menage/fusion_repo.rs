//! SQL of the duplicates and merges.

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::fusion::{Avant, FusionLine};
use super::situation::Values;

/// A pair of likely duplicates: both persons with their current ménage, and why.
pub struct Candidate {
    pub a: Uuid,
    pub menage_a: Uuid,
    pub b: Uuid,
    pub menage_b: Uuid,
    pub raison: String,
}

/// Persons of these départements with similar names and the same birth date (or day and month swapped),
/// best first, but the pairs declared distinct or whose merge was undone. Blocked on the birth date by the
/// search table's index: a département's pairs in one pass.
pub async fn candidates(pool: &PgPool, departements: &[String]) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT a.personne_id AS a, ma.menage_id AS menage_a, b.personne_id AS b, mb.menage_id AS menage_b,
                  a.date_naissance = b.date_naissance AS "same_day!"
           FROM recherche_personnes a
           JOIN recherche_personnes b ON b.departement_code = ANY($1) AND a.personne_id < b.personne_id
                AND (b.date_naissance = a.date_naissance
                     -- Day and month swapped; the CASE keeps make_date from ever seeing a day above 12 (AND
                     -- does not order its evaluation: at national volume the planner did, and failed).
                     OR b.date_naissance = CASE
                         WHEN extract(day FROM a.date_naissance) <= 12
                              AND extract(day FROM a.date_naissance) <> extract(month FROM a.date_naissance)
                         THEN make_date(extract(year FROM a.date_naissance)::int,
                                        extract(day FROM a.date_naissance)::int,
                                        extract(month FROM a.date_naissance)::int)
                         END)
           JOIN menage_membres ma ON ma.personne_id = a.personne_id AND ma.jusqu_au IS NULL
           JOIN menage_membres mb ON mb.personne_id = b.personne_id AND mb.jusqu_au IS NULL
           WHERE a.departement_code = ANY($1) AND a.date_naissance IS NOT NULL
             AND similarity(a.noms, b.noms) >= 0.4
             AND NOT EXISTS (SELECT 1 FROM doublons_ecartes e WHERE e.personne_a = a.personne_id AND e.personne_b = b.personne_id)
           ORDER BY similarity(a.noms, b.noms) DESC, a.personne_id
           LIMIT 50"#,
        departements
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            a: r.a,
            menage_a: r.menage_a,
            b: r.b,
            menage_b: r.menage_b,
            raison: if r.same_day { "même date de naissance" } else { "jour et mois inversés" }.into(),
        })
        .collect())
}

/// A person's version and whether it is already merged, locked for the transaction.
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> Result<Option<(i32, bool)>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT version, fusionnee_dans IS NOT NULL AS \"merged!\" FROM personnes WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.version, r.merged)))
}

/// A person's current membership: its id, ménage and role.
pub async fn membership(conn: &mut PgConnection, personne: Uuid) -> Result<Option<(i64, Uuid, String)>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT id, menage_id, role FROM menage_membres WHERE personne_id = $1 AND jusqu_au IS NULL",
        personne
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.id, r.menage_id, r.role)))
}

/// The other current members of a ménage.
pub async fn others(conn: &mut PgConnection, menage: Uuid, personne: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM menage_membres WHERE menage_id = $1 AND personne_id <> $2 AND jusqu_au IS NULL"#,
        menage,
        personne
    )
    .fetch_one(conn)
    .await
}

/// The person's situations as stored, if any.
pub async fn situations_of(conn: &mut PgConnection, personne: Uuid) -> Result<Option<Values>, sqlx::Error> {
    let data = sqlx::query_scalar!(
        r#"SELECT data AS "data: Json<Values>" FROM situations_personnes WHERE personne_id = $1"#,
        personne
    )
    .fetch_optional(conn)
    .await?;
    Ok(data.map(|d| d.0))
}

pub async fn delete_situations(conn: &mut PgConnection, personne: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM situations_personnes WHERE personne_id = $1", personne).execute(conn).await?;
    Ok(())
}

/// Moves the budget lines in force of `from` to `to`; their ids.
pub async fn move_budget(conn: &mut PgConnection, from: Uuid, to: Uuid) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE budget_lignes SET personne_id = $2 WHERE personne_id = $1 AND removed_at IS NULL RETURNING id",
        from,
        to
    )
    .fetch_all(conn)
    .await
}

/// Gives these budget lines back to `to` (the undo).
pub async fn give_back_budget(conn: &mut PgConnection, ids: &[Uuid], to: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE budget_lignes SET personne_id = $2 WHERE id = ANY($1)", ids, to).execute(conn).await?;
    Ok(())
}

pub async fn end_membership(conn: &mut PgConnection, id: i64, user: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE menage_membres SET jusqu_au = now(), removed_by = $2 WHERE id = $1", id, user)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn reopen_membership(conn: &mut PgConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE menage_membres SET jusqu_au = NULL, removed_by = NULL WHERE id = $1", id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks `id` merged into `into` (or no longer merged); its new version.
pub async fn mark_merged(
    conn: &mut PgConnection,
    id: Uuid,
    into: Option<Uuid>,
    user: Uuid,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE personnes SET fusionnee_dans = $2, fusionnee_le = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END,
                version = version + 1, updated_by = $3, updated_at = now()
         WHERE id = $1 RETURNING version",
        id,
        into,
        user
    )
    .fetch_one(conn)
    .await
}

/// The record of a merge, for its undo.
pub struct Fusion {
    pub survivante: Uuid,
    pub absorbee: Uuid,
    pub membre_id: Option<i64>,
    pub avant: Avant,
    pub version_apres: i32,
    pub lignes_budget: Vec<Uuid>,
    pub annulee: bool,
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    (survivante, absorbee): (Uuid, Uuid),
    membre_id: i64,
    avant: &Avant,
    version_apres: i32,
    lignes: &[Uuid],
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO fusions (id, survivante, absorbee, membre_id, avant, version_apres, lignes_budget, par)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        id,
        survivante,
        absorbee,
        membre_id,
        Json(avant) as _,
        version_apres,
        lignes,
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A merge, locked for its undo.
pub async fn get(conn: &mut PgConnection, id: Uuid) -> Result<Option<Fusion>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT survivante, absorbee, membre_id, avant AS "avant: Json<Avant>", version_apres, lignes_budget,
                  annulee_le IS NOT NULL AS "annulee!"
           FROM fusions WHERE id = $1 FOR UPDATE"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Fusion {
        survivante: r.survivante,
        absorbee: r.absorbee,
        membre_id: r.membre_id,
        avant: r.avant.0,
        version_apres: r.version_apres,
        lignes_budget: r.lignes_budget,
        annulee: r.annulee,
    }))
}

pub async fn mark_undone(conn: &mut PgConnection, id: Uuid, user: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE fusions SET annulee_le = now(), annulee_par = $2 WHERE id = $1", id, user)
        .execute(conn)
        .await?;
    Ok(())
}

/// Never propose this pair again.
pub async fn set_aside(conn: &mut PgConnection, a: Uuid, b: Uuid, motif: &str, user: Uuid) -> Result<(), sqlx::Error> {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    sqlx::query!(
        "INSERT INTO doublons_ecartes (personne_a, personne_b, motif, par) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
        first,
        second,
        motif,
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The merges whose survivor is in these départements, newest first.
pub async fn recent(pool: &PgPool, departements: &[String]) -> Result<Vec<FusionLine>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT f.id, upper(coalesce(a.nom_usage, a.nom_naissance)) || ' ' || a.prenoms AS "survivante!",
                  upper(coalesce(b.nom_usage, b.nom_naissance)) || ' ' || b.prenoms AS "absorbee!",
                  m.id AS menage_id, m.numero, f.le AS "le: DateTime<Utc>", u.prenom || ' ' || u.nom AS par,
                  f.annulee_le AS "annulee_le: DateTime<Utc>"
           FROM fusions f
           JOIN personnes a ON a.id = f.survivante
           JOIN personnes b ON b.id = f.absorbee
           JOIN menage_membres mm ON mm.personne_id = a.id AND mm.jusqu_au IS NULL
           JOIN menages m ON m.id = mm.menage_id
           LEFT JOIN users u ON u.id = f.par
           WHERE m.departement_code = ANY($1)
           ORDER BY f.le DESC
           LIMIT 50"#,
        departements
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| FusionLine {
            id: r.id,
            survivante: r.survivante,
            absorbee: r.absorbee,
            menage_id: r.menage_id,
            numero: r.numero,
            le: r.le,
            par: r.par,
            annulee_le: r.annulee_le,
        })
        .collect())
}

/// A ménage's number and département.
pub async fn menage_numero(conn: &mut PgConnection, id: Uuid) -> Result<(i64, String), sqlx::Error> {
    let r = sqlx::query!("SELECT numero, departement_code FROM menages WHERE id = $1", id).fetch_one(conn).await?;
    Ok((r.numero, r.departement_code))
}

/// The ménage of a membership (current or ended).
pub async fn membership_menage(conn: &mut PgConnection, id: i64) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT menage_id FROM menage_membres WHERE id = $1", id).fetch_optional(conn).await
}
