//! SQL of the accounts used by login and sessions.

use sqlx::PgPool;
use uuid::Uuid;

use crate::rights::authorize::Principal;
use crate::rights::model::Profile;

pub struct LoginRow {
    pub id: Uuid,
    pub password_hash: Option<String>,
    pub active: bool,
}

pub async fn find_for_login(pool: &PgPool, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    sqlx::query_as!(
        LoginRow,
        "SELECT id, password_hash, active FROM users WHERE email = $1",
        email
    )
    .fetch_optional(pool)
    .await
}

pub async fn find_active_id(pool: &PgPool, email: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT id FROM users WHERE email = $1 AND active", email)
        .fetch_optional(pool)
        .await
}

/// The principal of an active account, with its territory and dispositifs.
pub async fn load_principal(pool: &PgPool, user_id: Uuid) -> Result<Option<Principal>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT u.id, u.email::text AS "email!", u.prenom, u.nom, u.profile, u.siao_id, u.entite_id,
                  ARRAY(
                      SELECT u.departement_code WHERE u.departement_code IS NOT NULL
                      UNION SELECT sd.departement_code FROM siao_departements sd WHERE sd.siao_id = u.siao_id
                      UNION SELECT ed.departement_code FROM entite_departements ed WHERE ed.entite_id = u.entite_id
                  ) AS "departements!",
                  ARRAY(SELECT ud.dispositif_id FROM user_dispositifs ud WHERE ud.user_id = u.id) AS "dispositifs!"
           FROM users u
           WHERE u.id = $1 AND u.active"#,
        user_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| {
        Some(Principal {
            user_id: r.id,
            email: r.email,
            prenom: r.prenom,
            nom: r.nom,
            profile: Profile::from_code(&r.profile)?,
            departements: r.departements,
            siao_id: r.siao_id,
            entite_id: r.entite_id,
            dispositifs: r.dispositifs,
        })
    }))
}

pub async fn set_password_hash(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now()
         WHERE id = $1",
        user_id,
        hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces the hash only (parameter upgrade at login): not a password change.
pub async fn upgrade_password_hash(pool: &PgPool, user_id: Uuid, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE users SET password_hash = $2 WHERE id = $1", user_id, hash)
        .execute(pool)
        .await?;
    Ok(())
}
