//! Server functions of the second factor: the code step of the login, enrolment (with
//! re-authentication), recovery codes, deactivation.

use leptos::prelude::*;

use super::model::{SecondFactorStatus, TotpSetup};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::{repo, server::current_password_ok, session, throttle, throttle::Attempt, totp},
    crate::audit::{AuditEntry, Outcome},
    crate::handler::{Ctx, Guarded, Public},
    crate::rights::model::Object,
    crate::url::{redirect, safe_next},
    sqlx::PgPool,
    uuid::Uuid,
};

server_fns! {
    LoginCode => public,
    GetSecondFactorStatus => enrolment,
    TotpBegin => enrolment,
    TotpConfirm => enrolment,
    TotpDisable => enrolment,
}

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

/// Re-authentication before a change of second factor: the password, and a current code when a
/// second factor is already set up (replacing or removing it needs the device). Wrong ones count in
/// the login throttle.
#[cfg(feature = "ssr")]
async fn reauthenticate(cx: &Ctx, password: String, code: Option<&str>) -> Result<(), AppError> {
    if !current_password_ok(cx, password).await? {
        cx.journal(cx.entry("reauthentification", Outcome::Echec)).await;
        return Err(AppError::invalid("password", "Mot de passe incorrect."));
    }
    if cx.user.second_factor {
        let (ip, _) = session::client_info();
        let check = check_code(cx.db(), cx.user.user_id, code.unwrap_or_default());
        if !throttle::guarded_check(cx.db(), &cx.user.email, ip.as_deref(), check).await? {
            cx.journal(cx.entry("reauthentification", Outcome::Echec).detail("code")).await;
            return Err(AppError::invalid("code", CODE_REFUSED));
        }
    }
    Ok(())
}

/// Second step of the login: the code of the authenticator application, or a recovery code.
#[server(prefix = "/api/auth", endpoint = "login_code")]
pub async fn login_code(code: String, next: Option<String>) -> Result<(), AppError> {
    LoginCode::run(async move |cx| {
        let pool = cx.db();
        let Some(user_id) = session::pending_user().await? else {
            return Err(AppError::Refused(
                "Votre connexion a expiré : saisissez à nouveau votre adresse et votre mot de passe.".into(),
            ));
        };
        let email = repo::totp_row(pool, user_id).await?.email;
        let (ip, _) = session::client_info();
        let entry = AuditEntry::anonymous("connexion", Object::Utilisateur, Outcome::Echec)
            .user(user_id, &email)
            .object_id(Some(user_id.to_string()))
            .ip(ip.clone())
            .detail("double authentification");
        if throttle::is_throttled(pool, Attempt::Connexion, &email, ip.as_deref()).await? {
            cx.journal(entry).await;
            return Err(AppError::TooManyAttempts);
        }
        if !check_code(pool, user_id, &code).await? {
            throttle::record(pool, Attempt::Connexion, &email, ip.as_deref()).await?;
            cx.journal(entry).await;
            return Err(AppError::invalid("code", CODE_REFUSED));
        }
        throttle::clear(pool, &email).await?;
        session::start(pool, user_id).await?;
        cx.journal(entry.outcome(Outcome::Succes)).await;
        redirect(&safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

#[server(prefix = "/api/auth", endpoint = "second_factor_status")]
pub async fn get_second_factor_status() -> Result<SecondFactorStatus, AppError> {
    GetSecondFactorStatus::run(async |cx| {
        Ok(SecondFactorStatus {
            enabled: cx.user.second_factor,
            required: cx.state.totp_required.contains(&cx.user.profile),
            recovery_codes_left: repo::recovery_codes_left(cx.db(), cx.user.user_id).await?,
        })
    })
    .await
}

/// Starts the enrolment (password asked again, and a current code to replace an active second
/// factor): a new secret, shown as a QR code.
#[server(prefix = "/api/auth", endpoint = "totp_begin")]
pub async fn totp_begin(password: String, code: Option<String>) -> Result<TotpSetup, AppError> {
    TotpBegin::run(async move |cx| {
        reauthenticate(&cx, password, code.as_deref()).await?;
        let secret = totp::new_secret();
        session::set_totp_setup_secret(Some(&secret)).await?;
        totp::setup(&secret, &cx.user.email)
    })
    .await
}

/// Confirms the enrolment with a first code; returns the recovery codes (shown once).
#[server(prefix = "/api/auth", endpoint = "totp_confirm")]
pub async fn totp_confirm(code: String) -> Result<Vec<String>, AppError> {
    TotpConfirm::run(async move |cx| {
        let secret = session::totp_setup_secret().await?.ok_or_else(|| {
            AppError::Refused("Recommencez l'activation : saisissez d'abord votre mot de passe.".into())
        })?;
        let step = totp::verify(&secret, &cx.user.email, &code, None, totp::now())
            .ok_or_else(|| AppError::invalid("code", CODE_REFUSED))?;
        let codes = totp::new_recovery_codes();
        let hashes: Vec<Vec<u8>> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
        let mut tx = cx.db().begin().await?;
        repo::enable_totp(&mut tx, cx.user.user_id, &secret, step, &hashes).await?;
        tx.commit().await?;
        session::set_totp_setup_secret(None).await?;
        cx.done("activation_double_authentification").await;
        Ok(codes)
    })
    .await
}

/// Turns the second factor off (password and a current code asked), unless the profile requires it.
#[server(prefix = "/api/auth", endpoint = "totp_disable")]
pub async fn totp_disable(password: String, code: String) -> Result<(), AppError> {
    TotpDisable::run(async move |cx| {
        if cx.state.totp_required.contains(&cx.user.profile) {
            return Err(AppError::Refused("Votre profil doit utiliser la double authentification.".into()));
        }
        reauthenticate(&cx, password, Some(&code)).await?;
        let mut tx = cx.db().begin().await?;
        repo::disable_totp(&mut tx, cx.user.user_id).await?;
        tx.commit().await?;
        cx.done("desactivation_double_authentification").await;
        Ok(())
    })
    .await
}
