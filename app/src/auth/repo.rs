//! SQL of the accounts used by login and sessions.

use sqlx::PgPool;
use uuid::Uuid;

use super::model::SessionLine;
use crate::rights::authorize::Principal;
use crate::rights::model::Profile;

pub struct LoginRow {
    pub id: Uuid,
    pub password_hash: Option<String>,
    pub active: bool,
    pub totp_enabled: bool,
}

pub async fn find_for_login(pool: &PgPool, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    sqlx::query_as!(
        LoginRow,
        r#"SELECT id, password_hash, active, totp_enabled_at IS NOT NULL AS "totp_enabled!"
           FROM users WHERE email = $1 AND NOT service_account"#,
        email
    )
    .fetch_optional(pool)
    .await
}

/// Id and prénom of the active account with this e-mail.
pub async fn find_active(pool: &PgPool, email: &str) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    let row = sqlx::query!("SELECT id, prenom FROM users WHERE email = $1 AND active AND NOT service_account", email)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| (r.id, r.prenom)))
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
                  ARRAY(SELECT ud.dispositif_id FROM user_dispositifs ud WHERE ud.user_id = u.id) AS "dispositifs!",
                  u.totp_enabled_at IS NOT NULL AS "second_factor!"
           FROM users u
           WHERE u.id = $1 AND u.active AND NOT u.service_account"#,
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
            second_factor: r.second_factor,
        })
    }))
}

pub async fn set_password_hash(conn: &mut sqlx::PgConnection, user_id: Uuid, hash: &str) -> Result<(), sqlx::Error> {
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
    sqlx::query!("UPDATE users SET password_hash = $2 WHERE id = $1", user_id, hash).execute(pool).await?;
    Ok(())
}

pub struct TotpRow {
    pub email: String,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
}

pub async fn totp_row(pool: &PgPool, user_id: Uuid) -> Result<TotpRow, sqlx::Error> {
    sqlx::query_as!(
        TotpRow,
        r#"SELECT email::text AS "email!", totp_secret, totp_last_step FROM users
           WHERE id = $1 AND totp_enabled_at IS NOT NULL"#,
        user_id
    )
    .fetch_one(pool)
    .await
}

/// Records the accepted time step, if it is later than the last one (atomic: a code is used once).
pub async fn accept_totp_step(pool: &PgPool, user_id: Uuid, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE users SET totp_last_step = $2
         WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        user_id,
        step
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Uses a recovery code up; false if it is unknown or already used.
pub async fn use_recovery_code(pool: &PgPool, user_id: Uuid, hash: &[u8]) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
        user_id,
        hash
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn recovery_codes_left(pool: &PgPool, user_id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"#,
        user_id
    )
    .fetch_one(pool)
    .await
}

/// Turns the second factor on with `secret` (step `step` already used) and new recovery codes.
pub async fn enable_totp(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    secret: &str,
    step: i64,
    recovery_hashes: &[Vec<u8>],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE users SET totp_secret = $2, totp_enabled_at = now(), totp_last_step = $3 WHERE id = $1",
        user_id,
        secret,
        step
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM recovery_codes WHERE user_id = $1", user_id).execute(&mut *conn).await?;
    sqlx::query!(
        "INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::bytea[])",
        user_id,
        recovery_hashes
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn disable_totp(conn: &mut sqlx::PgConnection, user_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1",
        user_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM recovery_codes WHERE user_id = $1", user_id).execute(&mut *conn).await?;
    Ok(())
}

/// Label of an account's attachment, for the header and the home page.
pub async fn attachment_label(pool: &PgPool, user_id: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT COALESCE(d.code || ' - ' || d.nom, s.nom,
                           e.nom || COALESCE(' : ' || (SELECT string_agg(di.nom, ', ' ORDER BY di.nom)
                                                      FROM user_dispositifs ud JOIN dispositifs di ON di.id = ud.dispositif_id
                                                      WHERE ud.user_id = u.id), ''),
                           'National') AS "label!"
           FROM users u
           LEFT JOIN departements d ON d.code = u.departement_code
           LEFT JOIN siaos s ON s.id = u.siao_id
           LEFT JOIN entites e ON e.id = u.entite_id
           WHERE u.id = $1"#,
        user_id
    )
    .fetch_one(pool)
    .await
}

/// Indexes a new authenticated session under its user (to list and end a user's sessions).
pub async fn index_session(
    pool: &PgPool,
    session_id: &str,
    user_id: Uuid,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO user_sessions (session_id, user_id, ip, user_agent) VALUES ($1, $2, $3::text::inet, $4)",
        session_id,
        user_id,
        ip,
        user_agent
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn unindex_session(pool: &PgPool, session_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM user_sessions WHERE session_id = $1", session_id).execute(pool).await?;
    Ok(())
}

/// Ends sessions of `user_id` (index and session data): all, or the one of handle `only`, never
/// the session `except` (the caller's own).
pub async fn delete_sessions(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    only: Option<Uuid>,
    except: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let ended = sqlx::query_scalar!(
        "DELETE FROM user_sessions
         WHERE user_id = $1 AND ($2::uuid IS NULL OR handle = $2)
           AND ($3::text IS NULL OR session_id <> $3)
         RETURNING session_id",
        user_id,
        only,
        except
    )
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM tower_sessions.session WHERE id = ANY($1)", &ended).execute(&mut *conn).await?;
    Ok(ended.len() as u64)
}

/// Last activity of a session, written at most once a minute; true when it was (a minute or more
/// since the last write).
pub async fn touch_session(pool: &PgPool, session_id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE user_sessions SET last_seen_at = now()
         WHERE session_id = $1 AND last_seen_at < now() - interval '1 minute'",
        session_id
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The open sessions of a user, most recent activity first, each named by its handle (never by its
/// id, which is the cookie's secret).
pub async fn sessions_of(pool: &PgPool, user_id: Uuid, current: &str) -> Result<Vec<SessionLine>, sqlx::Error> {
    sqlx::query_as!(
        SessionLine,
        r#"SELECT handle AS id, created_at AS "created_at: chrono::DateTime<chrono::Utc>",
                  last_seen_at AS "last_seen_at: chrono::DateTime<chrono::Utc>", host(ip) AS ip, user_agent,
                  session_id = $2 AS "current!"
           FROM user_sessions WHERE user_id = $1 ORDER BY last_seen_at DESC"#,
        user_id,
        current
    )
    .fetch_all(pool)
    .await
}

/// Prénom and e-mail of an active account (for the mails).
pub async fn active_identity(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query!(r#"SELECT prenom, email::text AS "email!" FROM users WHERE id = $1 AND active"#, user_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|r| (r.prenom, r.email)))
}
