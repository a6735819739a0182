//! Server functions of login, logout, password links and sessions. Thin: validate, call the repo,
//! write the audit journal, map errors.

use leptos::prelude::*;

use super::model::SessionLine;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use {
    super::{model::check_password, model::Email, password, repo, session, throttle, tokens},
    crate::audit::{self, AuditEntry, Outcome},
    crate::state::app_state,
};

/// Message of a failed login: the same whether the account exists or not.
pub const LOGIN_FAILED: &str = "Adresse électronique ou mot de passe incorrect.";
/// Answer to a reset request: the same whether the account exists or not.
pub const RESET_SENT: &str =
    "Si un compte actif correspond à cette adresse, un message contenant un lien de réinitialisation vient de lui être envoyé.";

/// Only local paths are followed after login (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

#[server(prefix = "/api/auth", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let pool = &state.pool;
    let (ip, _) = session::client_info();
    let typed = email.trim().to_lowercase();
    let attempt = AuditEntry::anonymous("connexion", "utilisateur", Outcome::Echec)
        .email(&typed)
        .ip(ip.clone());

    if throttle::is_throttled(pool, &typed, ip.as_deref()).await? {
        audit::record(pool, attempt.detail("trop de tentatives")).await;
        return Err(AppError::TooManyAttempts);
    }
    let account = match Email::parse(&typed) {
        Ok(e) => repo::find_for_login(pool, e.as_str()).await?,
        Err(_) => None,
    };
    // Unknown or deactivated accounts verify against a dummy hash: same answer, similar time.
    let (user_id, stored, second_factor) = match account {
        Some(a) if a.active => (Some(a.id), a.password_hash, a.totp_enabled),
        _ => (None, None, false),
    };
    let verified = password::verify(password, stored).await?;
    let Some(user_id) = user_id.filter(|_| verified != password::Verified::No) else {
        throttle::record_failure(pool, &typed, ip.as_deref()).await?;
        audit::record(pool, attempt).await;
        return Err(AppError::Refused(LOGIN_FAILED.into()));
    };
    if let password::Verified::YesRehash(new_hash) = verified {
        repo::upgrade_password_hash(pool, user_id, &new_hash).await?;
    }
    let next = safe_next(next.as_deref());
    if second_factor {
        session::start_pending(user_id).await?;
        leptos_axum::redirect(&format!("/connexion/code?suivant={}", crate::ui::errors::urlencode(&next)));
        return Ok(());
    }
    throttle::clear(pool, &typed).await?;
    session::start(pool, user_id).await?;
    let mut entry = AuditEntry::anonymous("connexion", "utilisateur", Outcome::Succes)
        .email(&typed)
        .ip(ip)
        .object_id(Some(user_id.to_string()));
    entry.user_id = Some(user_id);
    audit::record(pool, entry).await;
    leptos_axum::redirect(&next);
    Ok(())
}

#[server(prefix = "/api/auth", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = app_state()?;
    let current = session::current_session().await?;
    if let Some(p) = session::current_principal(&state.pool).await? {
        audit::record(&state.pool, AuditEntry::by(&p, "deconnexion", "utilisateur", Outcome::Succes)).await;
    }
    session::end_current(&state.pool, &current).await?;
    leptos_axum::redirect("/connexion");
    Ok(())
}

/// "Mot de passe oublié": sends a single-use link valid one hour, if the account exists and is active.
#[server(prefix = "/api/auth", endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<String, AppError> {
    let state = app_state()?;
    let email = Email::parse(&email).map_err(|m| AppError::invalid("email", m))?;
    let (ip, _) = session::client_info();
    let entry = AuditEntry::anonymous("demande_reinitialisation", "utilisateur", Outcome::Succes)
        .email(email.as_str())
        .ip(ip);
    audit::record(&state.pool, entry).await;
    if let Some(user_id) = repo::find_active_id(&state.pool, email.as_str()).await? {
        let prenom = sqlx::query_scalar!("SELECT prenom FROM users WHERE id = $1", user_id)
            .fetch_one(&state.pool)
            .await?;
        let token = tokens::issue(&state.pool, user_id, tokens::Purpose::Reset).await?;
        state.mailer.send_reset(email.as_str(), &prenom, &token).await?;
    }
    Ok(RESET_SENT.to_string())
}

/// Sets a password from a welcome or reset link; ends every session of the account.
#[server(prefix = "/api/auth", endpoint = "set_password")]
pub async fn set_password(token: String, password: String, confirmation: String) -> Result<(), AppError> {
    let state = app_state()?;
    if password != confirmation {
        return Err(AppError::invalid("confirmation", "Les deux mots de passe ne sont pas identiques."));
    }
    let mut tx = state.pool.begin().await?;
    let Some(user_id) = tokens::consume(&mut tx, &token).await? else {
        return Err(AppError::Refused(
            "Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez un nouveau lien depuis « Mot de passe oublié »."
                .into(),
        ));
    };
    let email = sqlx::query_scalar!(r#"SELECT email::text AS "email!" FROM users WHERE id = $1 AND active"#, user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    // Policy failure: nothing is committed, the link stays usable.
    check_password(&password, Some(&email)).map_err(|m| AppError::invalid("password", m))?;
    let hash = password::hash(password).await?;
    repo::set_password_hash(&mut tx, user_id, &hash).await?;
    session::end_sessions(&mut tx, user_id, None, None).await?;
    tx.commit().await?;
    let mut entry = AuditEntry::anonymous("definition_mot_de_passe", "utilisateur", Outcome::Succes).email(&email);
    entry.user_id = Some(user_id);
    audit::record(&state.pool, entry).await;
    leptos_axum::redirect("/connexion?mot_de_passe=ok");
    Ok(())
}

/// Changes one's own password: re-authentication with the current one; ends the other sessions.
#[server(prefix = "/api/auth", endpoint = "change_password")]
pub async fn change_password(current: String, password: String, confirmation: String) -> Result<String, AppError> {
    let state = app_state()?;
    let p = session::require_principal(&state.pool).await?;
    let stored = repo::find_for_login(&state.pool, &p.email).await?.and_then(|a| a.password_hash);
    if password::verify(current, stored).await? == password::Verified::No {
        audit::record(&state.pool, AuditEntry::by(&p, "changement_mot_de_passe", "utilisateur", Outcome::Echec)).await;
        return Err(AppError::invalid("current", "Le mot de passe actuel est incorrect."));
    }
    if password != confirmation {
        return Err(AppError::invalid("confirmation", "Les deux mots de passe ne sont pas identiques."));
    }
    check_password(&password, Some(&p.email)).map_err(|m| AppError::invalid("password", m))?;
    let hash = password::hash(password).await?;
    let current_id = session::current_session_id().await?;
    let mut tx = state.pool.begin().await?;
    repo::set_password_hash(&mut tx, p.user_id, &hash).await?;
    session::end_sessions(&mut tx, p.user_id, None, current_id.as_deref()).await?;
    tx.commit().await?;
    audit::record(&state.pool, AuditEntry::by(&p, "changement_mot_de_passe", "utilisateur", Outcome::Succes)).await;
    Ok("Votre mot de passe a été modifié. Vos autres sessions ont été fermées.".into())
}

/// The current user's open sessions.
#[server(prefix = "/api/auth", endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionLine>, AppError> {
    let state = app_state()?;
    let p = session::require_principal(&state.pool).await?;
    let current = session::current_session_id().await?.unwrap_or_default();
    let rows = sqlx::query!(
        r#"SELECT session_id, created_at AS "created_at: chrono::DateTime<chrono::Utc>",
                  last_seen_at AS "last_seen_at: chrono::DateTime<chrono::Utc>", host(ip) AS ip, user_agent
           FROM user_sessions WHERE user_id = $1 ORDER BY last_seen_at DESC"#,
        p.user_id
    )
    .fetch_all(&state.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionLine {
            current: r.session_id == current,
            id: r.session_id,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
            ip: r.ip,
            user_agent: r.user_agent,
        })
        .collect())
}

/// Ends one of the current user's other sessions (`id`), or all of them (`id` empty).
#[server(prefix = "/api/auth", endpoint = "end_session")]
pub async fn end_session(id: Option<String>) -> Result<u64, AppError> {
    let state = app_state()?;
    let p = session::require_principal(&state.pool).await?;
    let current = session::current_session_id().await?;
    let only = id.filter(|i| !i.is_empty());
    let mut conn = state.pool.acquire().await?;
    let ended = session::end_sessions(&mut conn, p.user_id, only.as_deref(), current.as_deref()).await?;
    audit::record(
        &state.pool,
        AuditEntry::by(&p, "fin_session", "utilisateur", Outcome::Succes).detail(format!("{ended} session(s)")),
    )
    .await;
    Ok(ended)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/utilisateurs")), "/utilisateurs");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
