//! Server functions of the second factor: the code step of the login, enrolment (with
//! re-authentication), recovery codes, deactivation.

use leptos::prelude::*;

use super::model::{SecondFactorStatus, TotpSetup};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use {
    super::{password, repo, server::safe_next, session, throttle, totp},
    crate::audit::{self, AuditEntry, Outcome},
    crate::rights::authorize::Principal,
    crate::state::app_state,
    sqlx::PgPool,
    uuid::Uuid,
};

#[cfg(feature = "ssr")]
const CODE_REFUSED: &str = "Code incorrect ou déjà utilisé.";

/// A TOTP code (6 digits) or a recovery code of `user_id`; true if accepted (and used up).
#[cfg(feature = "ssr")]
async fn check_code(pool: &PgPool, user_id: Uuid, code: &str) -> Result<bool, AppError> {
    let row = repo::totp_row(pool, user_id).await?;
    let Some(secret) = row.totp_secret else { return Ok(false) };
    if let Some(step) = totp::verify(&secret, &row.email, code, row.totp_last_step, totp::now()) {
        return Ok(repo::accept_totp_step(pool, user_id, step).await?);
    }
    if code.chars().any(|c| c.is_ascii_alphabetic()) {
        return Ok(repo::use_recovery_code(pool, user_id, &totp::recovery_hash(code)).await?);
    }
    Ok(false)
}

/// Re-authentication before a change of second factor.
#[cfg(feature = "ssr")]
async fn reauthenticate(pool: &PgPool, p: &Principal, password: String) -> Result<(), AppError> {
    let stored = repo::find_for_login(pool, &p.email).await?.and_then(|a| a.password_hash);
    if password::verify(password, stored).await? == password::Verified::No {
        audit::record(pool, AuditEntry::by(p, "reauthentification", "utilisateur", Outcome::Echec)).await;
        return Err(AppError::invalid("password", "Mot de passe incorrect."));
    }
    Ok(())
}

/// Second step of the login: the code of the authenticator application, or a recovery code.
#[server(prefix = "/api/auth", endpoint = "login_code")]
pub async fn login_code(code: String, next: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    let pool = &state.pool;
    let Some(user_id) = session::pending_user().await? else {
        return Err(AppError::Refused(
            "Votre connexion a expiré : saisissez à nouveau votre adresse et votre mot de passe.".into(),
        ));
    };
    let email = repo::totp_row(pool, user_id).await?.email;
    let (ip, _) = session::client_info();
    let mut entry = AuditEntry::anonymous("connexion", "utilisateur", Outcome::Echec)
        .email(&email)
        .ip(ip.clone())
        .detail("double authentification");
    entry.user_id = Some(user_id);
    if throttle::is_throttled(pool, &email, ip.as_deref()).await? {
        audit::record(pool, entry).await;
        return Err(AppError::TooManyAttempts);
    }
    if !check_code(pool, user_id, &code).await? {
        throttle::record_failure(pool, &email, ip.as_deref()).await?;
        audit::record(pool, entry).await;
        return Err(AppError::invalid("code", CODE_REFUSED));
    }
    throttle::clear(pool, &email).await?;
    session::start(pool, user_id).await?;
    entry.outcome = Outcome::Succes;
    audit::record(pool, entry).await;
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[server(prefix = "/api/auth", endpoint = "second_factor_status")]
pub async fn get_second_factor_status() -> Result<SecondFactorStatus, AppError> {
    let state = app_state()?;
    let p = session::require_principal_for_enrolment(&state.pool).await?;
    Ok(SecondFactorStatus {
        enabled: repo::totp_enabled(&state.pool, p.user_id).await?,
        required: state.totp_required.contains(&p.profile),
        recovery_codes_left: repo::recovery_codes_left(&state.pool, p.user_id).await?,
    })
}

/// Starts the enrolment (password asked again): a new secret, shown as a QR code.
#[server(prefix = "/api/auth", endpoint = "totp_begin")]
pub async fn totp_begin(password: String) -> Result<TotpSetup, AppError> {
    let state = app_state()?;
    let p = session::require_principal_for_enrolment(&state.pool).await?;
    reauthenticate(&state.pool, &p, password).await?;
    let secret = totp::new_secret();
    session::set_totp_setup_secret(Some(&secret)).await?;
    totp::setup(&secret, &p.email)
}

/// Confirms the enrolment with a first code; returns the recovery codes (shown once).
#[server(prefix = "/api/auth", endpoint = "totp_confirm")]
pub async fn totp_confirm(code: String) -> Result<Vec<String>, AppError> {
    let state = app_state()?;
    let p = session::require_principal_for_enrolment(&state.pool).await?;
    let secret = session::totp_setup_secret().await?.ok_or_else(|| {
        AppError::Refused("Recommencez l'activation : saisissez d'abord votre mot de passe.".into())
    })?;
    let step = totp::verify(&secret, &p.email, &code, None, totp::now())
        .ok_or_else(|| AppError::invalid("code", CODE_REFUSED))?;
    let codes = totp::new_recovery_codes();
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    let mut tx = state.pool.begin().await?;
    repo::enable_totp(&mut tx, p.user_id, &secret, step, &hashes).await?;
    tx.commit().await?;
    session::set_totp_setup_secret(None).await?;
    audit::record(&state.pool, AuditEntry::by(&p, "activation_double_authentification", "utilisateur", Outcome::Succes)).await;
    Ok(codes)
}

/// Turns the second factor off (password and a current code asked), unless the profile requires it.
#[server(prefix = "/api/auth", endpoint = "totp_disable")]
pub async fn totp_disable(password: String, code: String) -> Result<(), AppError> {
    let state = app_state()?;
    let p = session::require_principal_for_enrolment(&state.pool).await?;
    if state.totp_required.contains(&p.profile) {
        return Err(AppError::Refused("Votre profil doit utiliser la double authentification.".into()));
    }
    reauthenticate(&state.pool, &p, password).await?;
    if !check_code(&state.pool, p.user_id, &code).await? {
        return Err(AppError::invalid("code", CODE_REFUSED));
    }
    let mut tx = state.pool.begin().await?;
    repo::disable_totp(&mut tx, p.user_id).await?;
    tx.commit().await?;
    audit::record(&state.pool, AuditEntry::by(&p, "desactivation_double_authentification", "utilisateur", Outcome::Succes)).await;
    Ok(())
}
