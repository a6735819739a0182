//! SQL of account management.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{Attachment, FormOptions, NewUser, UserDetail, UserFilter, UserForm, UserListItem};
use crate::rights::authorize::{Principal, Target};
use crate::rights::model::{Profile, Scope};

/// Maximum rows of the list screen (filters narrow it down).
pub const LIST_LIMIT: i64 = 200;

/// Territory of an attachment (the départements it covers), for the scope checks.
pub async fn target_of(pool: &PgPool, attachment: &Attachment, owner: Option<Uuid>) -> Result<Target, sqlx::Error> {
    let (departements, entite_id, dispositifs) = match attachment {
        Attachment::National => (vec![], None, vec![]),
        Attachment::Departement(code) => (vec![code.clone()], None, vec![]),
        Attachment::Siao(id) => (
            sqlx::query_scalar!("SELECT departement_code FROM siao_departements WHERE siao_id = $1", id)
                .fetch_all(pool)
                .await?,
            None,
            vec![],
        ),
        Attachment::Entite(id, dispositifs) => (
            sqlx::query_scalar!("SELECT departement_code FROM entite_departements WHERE entite_id = $1", id)
                .fetch_all(pool)
                .await?,
            Some(*id),
            dispositifs.clone(),
        ),
    };
    Ok(Target { departements, entite_id, dispositifs, owner })
}

/// Profile, attachment and version of an account.
pub async fn load(pool: &PgPool, id: Uuid) -> Result<Option<UserDetail>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT id, email::text AS "email!", prenom, nom, profile, departement_code, siao_id, entite_id,
                  active, password_hash IS NOT NULL AS "activated!", version,
                  ARRAY(SELECT dispositif_id FROM user_dispositifs WHERE user_id = u.id) AS "dispositifs!"
           FROM users u WHERE id = $1 AND NOT service_account"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| UserDetail {
        id: r.id,
        version: r.version,
        active: r.active,
        activated: r.activated,
        form: UserForm {
            prenom: r.prenom,
            nom: r.nom,
            email: r.email,
            profile: r.profile,
            departement_code: r.departement_code,
            siao_id: r.siao_id.map(|i| i.to_string()),
            entite_id: r.entite_id.map(|i| i.to_string()),
            dispositif_ids: r.dispositifs.iter().map(|d| d.to_string()).collect(),
        },
    }))
}

/// Accounts inside `scope` of `actor`, filtered.
pub async fn list(
    pool: &PgPool,
    actor: &Principal,
    scope: Scope,
    filter: &UserFilter,
) -> Result<Vec<UserListItem>, sqlx::Error> {
    let q = filter.q.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let profile = filter.profile.as_deref().filter(|s| !s.is_empty());
    let statut = filter.statut.as_deref().unwrap_or("actifs");
    sqlx::query_as!(
        UserListItem,
        r#"SELECT u.id, u.email::text AS "email!", u.prenom, u.nom, u.profile, u.active,
                  u.password_hash IS NOT NULL AS "activated!",
                  COALESCE(d.code || ' - ' || d.nom, s.nom, e.nom, 'National') AS "rattachement!"
           FROM users u
           LEFT JOIN departements d ON d.code = u.departement_code
           LEFT JOIN siaos s ON s.id = u.siao_id
           LEFT JOIN entites e ON e.id = u.entite_id
           WHERE NOT u.service_account AND ($1 = 'all'
                  OR ($1 IN ('departement', 'siao') AND (
                        u.departement_code = ANY($2)
                        OR EXISTS (SELECT 1 FROM siao_departements sd
                                   WHERE sd.siao_id = u.siao_id AND sd.departement_code = ANY($2))
                        OR EXISTS (SELECT 1 FROM entite_departements ed
                                   WHERE ed.entite_id = u.entite_id AND ed.departement_code = ANY($2))))
                  OR ($1 = 'entite' AND u.entite_id = $3)
                  OR ($1 = 'dispositifs' AND EXISTS (SELECT 1 FROM user_dispositifs ud
                                                     WHERE ud.user_id = u.id AND ud.dispositif_id = ANY($4)))
                  OR u.id = $5)
             AND ($6::text IS NULL OR (u.email::text || ' ' || u.nom || ' ' || u.prenom) ILIKE '%' || $6 || '%')
             AND ($7::text IS NULL OR u.profile = $7)
             AND ($8 = 'tous' OR u.active = ($8 = 'actifs'))
           ORDER BY u.nom, u.prenom
           LIMIT $9"#,
        scope.code(),
        &actor.departements,
        actor.entite_id,
        &actor.dispositifs,
        actor.user_id,
        q,
        profile,
        statut,
        LIST_LIMIT,
    )
    .fetch_all(pool)
    .await
}

/// Form choices inside the actor's territory (all of them for national profiles).
pub async fn form_options(
    pool: &PgPool,
    actor: &Principal,
    profiles: Vec<Profile>,
) -> Result<FormOptions, sqlx::Error> {
    let national = actor.departements.is_empty();
    let deps = &actor.departements;
    let departements =
        sqlx::query!("SELECT code, nom FROM departements WHERE $1 OR code = ANY($2) ORDER BY code", national, deps)
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|r| (r.code, r.nom))
            .collect();
    let siaos = sqlx::query!(
        "SELECT id, nom FROM siaos s WHERE $1 OR EXISTS (
             SELECT 1 FROM siao_departements sd WHERE sd.siao_id = s.id AND sd.departement_code = ANY($2))
         ORDER BY nom",
        national,
        deps
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| (r.id, r.nom))
    .collect();
    let entites = sqlx::query!(
        "SELECT id, nom FROM entites e WHERE ($3::uuid IS NULL OR e.id = $3) AND ($1 OR EXISTS (
             SELECT 1 FROM entite_departements ed WHERE ed.entite_id = e.id AND ed.departement_code = ANY($2)))
         ORDER BY nom",
        national,
        deps,
        actor.entite_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| (r.id, r.nom))
    .collect();
    let dispositifs = sqlx::query!(
        r#"SELECT d.id, d.nom || ' (' || d.departement_code || ')' AS "label!", d.entite_id FROM dispositifs d
           WHERE ($3::uuid IS NULL OR d.entite_id = $3) AND ($1 OR d.departement_code = ANY($2))
           ORDER BY d.nom"#,
        national,
        deps,
        actor.entite_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| (r.id, r.label, r.entite_id))
    .collect();
    Ok(FormOptions { profiles, departements, siaos, entites, dispositifs })
}

fn columns(attachment: &Attachment) -> (Option<&str>, Option<Uuid>, Option<Uuid>, &[Uuid]) {
    match attachment {
        Attachment::National => (None, None, None, &[]),
        Attachment::Departement(code) => (Some(code.as_str()), None, None, &[]),
        Attachment::Siao(id) => (None, Some(*id), None, &[]),
        Attachment::Entite(id, dispositifs) => (None, None, Some(*id), dispositifs.as_slice()),
    }
}

/// True when every dispositif belongs to the entité.
pub async fn dispositifs_belong(pool: &PgPool, entite_id: Uuid, dispositifs: &[Uuid]) -> Result<bool, sqlx::Error> {
    let count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM dispositifs WHERE entite_id = $1 AND id = ANY($2)"#,
        entite_id,
        dispositifs
    )
    .fetch_one(pool)
    .await?;
    Ok(count as usize == dispositifs.len())
}

pub async fn insert(conn: &mut PgConnection, account: &NewUser, created_by: Uuid) -> Result<Uuid, sqlx::Error> {
    let (dep, siao, entite, dispositifs) = columns(&account.attachment);
    let id = sqlx::query_scalar!(
        "INSERT INTO users (email, prenom, nom, profile, departement_code, siao_id, entite_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        account.email.as_str() as &str,
        account.prenom.as_str(),
        account.nom.as_str(),
        account.profile.code(),
        dep,
        siao,
        entite,
        created_by
    )
    .fetch_one(&mut *conn)
    .await?;
    set_dispositifs(conn, id, dispositifs).await?;
    Ok(id)
}

/// Updates an account if its version is still `version`; returns the new version, or `None`
/// when someone else changed it since (the caller reports the current version).
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    account: &NewUser,
) -> Result<Option<i32>, sqlx::Error> {
    let (dep, siao, entite, dispositifs) = columns(&account.attachment);
    let new_version = sqlx::query_scalar!(
        "UPDATE users SET email = $3, prenom = $4, nom = $5, profile = $6, departement_code = $7, siao_id = $8,
                          entite_id = $9, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        account.email.as_str() as &str,
        account.prenom.as_str(),
        account.nom.as_str(),
        account.profile.code(),
        dep,
        siao,
        entite
    )
    .fetch_optional(&mut *conn)
    .await?;
    if new_version.is_some() {
        set_dispositifs(conn, id, dispositifs).await?;
    }
    Ok(new_version)
}

async fn set_dispositifs(conn: &mut PgConnection, id: Uuid, dispositifs: &[Uuid]) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM user_dispositifs WHERE user_id = $1", id).execute(&mut *conn).await?;
    sqlx::query!(
        "INSERT INTO user_dispositifs (user_id, dispositif_id) SELECT $1, unnest($2::uuid[])",
        id,
        dispositifs
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn deactivate(conn: &mut PgConnection, id: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE users SET active = false, deactivated_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1 AND active",
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn current_version(pool: &PgPool, id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT version FROM users WHERE id = $1", id).fetch_one(pool).await
}
