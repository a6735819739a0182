//! Server functions of login, logout, password links and sessions. Thin: validate, call the repo,
//! write the audit journal, map errors.

use leptos::prelude::*;

use super::model::SessionLine;
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::{mail, model::check_password, model::Email, password, repo, session, throttle, throttle::Attempt, tokens},
    crate::audit::{AuditEntry, Outcome},
    crate::handler::{Ctx, Guarded, Public},
    crate::outbox::repo as outbox,
    crate::rights::model::Object,
    crate::url::{redirect, safe_next, urlencode},
};

server_fns! {
    Login => public,
    Logout => public,
    ForgotPassword => public,
    SetPassword => public,
    ChangePassword => authenticated,
    MySessions => authenticated,
    EndSession => authenticated,
}

/// Message of a failed login: the same whether the account exists or not.
pub const LOGIN_FAILED: &str = "Adresse électronique ou mot de passe incorrect.";
/// Answer to a reset request: the same whether the account exists or not.
pub const RESET_SENT: &str =
    "Si un compte actif correspond à cette adresse, un message contenant un lien de réinitialisation vient de lui être envoyé.";

#[server(prefix = "/api/auth", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    Login::run(async move |cx| {
        let pool = cx.db();
        let (ip, _) = session::client_info();
        let typed = email.trim().to_lowercase();
        let attempt =
            AuditEntry::anonymous("connexion", Object::Utilisateur, Outcome::Echec).email(&typed).ip(ip.clone());

        if throttle::is_throttled(pool, Attempt::Connexion, &typed, ip.as_deref()).await? {
            cx.journal(attempt.detail("trop de tentatives")).await;
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
            throttle::record(pool, Attempt::Connexion, &typed, ip.as_deref()).await?;
            cx.journal(attempt).await;
            return Err(AppError::Refused(LOGIN_FAILED.into()));
        };
        if let password::Verified::YesRehash(new_hash) = verified {
            repo::upgrade_password_hash(pool, user_id, &new_hash).await?;
        }
        let next = safe_next(next.as_deref());
        if second_factor {
            session::start_pending(user_id).await?;
            redirect(&format!("/connexion/code?suivant={}", urlencode(&next)));
            return Ok(());
        }
        throttle::clear(pool, &typed).await?;
        session::start(pool, user_id).await?;
        let done = attempt.outcome(Outcome::Succes).user(user_id, &typed).object_id(Some(user_id.to_string()));
        cx.journal(done).await;
        redirect(&next);
        Ok(())
    })
    .await
}

#[server(prefix = "/api/auth", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    Logout::run(async |cx| {
        let current = session::current_session().await?;
        if let Some(p) = cx.user().await? {
            cx.journal(AuditEntry::by(&p, "deconnexion", Object::Utilisateur, Outcome::Succes)).await;
        }
        session::end_current(cx.db(), &current).await?;
        redirect("/connexion");
        Ok(())
    })
    .await
}

/// "Mot de passe oublié": sends a single-use link valid one hour, if the account exists and is active.
/// Throttled per typed e-mail and per IP (each request sends a mail); the answer is the same whether
/// the account exists or not.
#[server(prefix = "/api/auth", endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<String, AppError> {
    ForgotPassword::run(async move |cx| {
        let email = Email::parse(&email).map_err(|m| AppError::invalid("email", m))?;
        let (ip, _) = session::client_info();
        let entry = AuditEntry::anonymous("demande_reinitialisation", Object::Utilisateur, Outcome::Succes)
            .email(email.as_str())
            .ip(ip.clone());
        if throttle::is_throttled(cx.db(), Attempt::Reinitialisation, email.as_str(), ip.as_deref()).await? {
            cx.journal(entry.outcome(Outcome::Refus).detail("trop de demandes")).await;
            return Err(AppError::TooManyAttempts);
        }
        throttle::record(cx.db(), Attempt::Reinitialisation, email.as_str(), ip.as_deref()).await?;
        cx.journal(entry).await;
        // The mail leaves through the outbox: the answer takes the same time whether the account
        // exists or not (no SMTP exchange inside the request).
        if let Some((user_id, prenom)) = repo::find_active(cx.db(), email.as_str()).await? {
            let mut tx = cx.db().begin().await?;
            let token = tokens::issue(&mut tx, user_id, tokens::Purpose::Reset).await?;
            outbox::enqueue(&mut tx, &mail::reset(&cx.state.base_url, email.as_str(), &prenom, &token)).await?;
            tx.commit().await?;
            cx.state.outbox.now();
        }
        Ok(RESET_SENT.to_string())
    })
    .await
}

/// Sets a password from a welcome or reset link; ends every session of the account.
#[server(prefix = "/api/auth", endpoint = "set_password")]
pub async fn set_password(token: String, password: String, confirmation: String) -> Result<(), AppError> {
    SetPassword::run(async move |cx| {
        if password != confirmation {
            return Err(AppError::invalid("confirmation", "Les deux mots de passe ne sont pas identiques."));
        }
        let mut tx = cx.db().begin().await?;
        let Some(user_id) = tokens::consume(&mut tx, &token).await? else {
            return Err(AppError::Refused(
                "Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez un nouveau lien depuis « Mot de passe oublié »."
                    .into(),
            ));
        };
        let (_, email) = repo::active_identity(&mut tx, user_id).await?.ok_or(AppError::NotFound)?;
        // Policy failure: nothing is committed, the link stays usable.
        check_password(&password, Some(&email)).map_err(|m| AppError::invalid("password", m))?;
        let hash = password::hash(password).await?;
        repo::set_password_hash(&mut tx, user_id, &hash).await?;
        tokens::revoke_all(&mut tx, user_id).await?;
        repo::delete_sessions(&mut tx, user_id, None, None).await?;
        tx.commit().await?;
        let entry = AuditEntry::anonymous("definition_mot_de_passe", Object::Utilisateur, Outcome::Succes)
            .user(user_id, &email)
            .object_id(Some(user_id.to_string()));
        cx.journal(entry).await;
        redirect("/connexion?mot_de_passe=ok");
        Ok(())
    })
    .await
}

/// The logged-in user's current password, checked under the login throttle (a wrong one counts, and
/// none is checked while the account is throttled).
#[cfg(feature = "ssr")]
pub(crate) async fn current_password_ok(cx: &Ctx, password: String) -> Result<bool, AppError> {
    let (ip, _) = session::client_info();
    let stored = repo::find_for_login(cx.db(), &cx.user.email).await?.and_then(|a| a.password_hash);
    let verify = async { Ok(password::verify(password, stored).await? != password::Verified::No) };
    throttle::guarded_check(cx.db(), &cx.user.email, ip.as_deref(), verify).await
}

/// Changes one's own password: re-authentication with the current one; ends the other sessions.
#[server(prefix = "/api/auth", endpoint = "change_password")]
pub async fn change_password(current: String, password: String, confirmation: String) -> Result<String, AppError> {
    ChangePassword::run(async move |cx| {
        if !current_password_ok(&cx, current).await? {
            cx.journal(cx.entry("changement_mot_de_passe", Outcome::Echec)).await;
            return Err(AppError::invalid("current", "Le mot de passe actuel est incorrect."));
        }
        if password != confirmation {
            return Err(AppError::invalid("confirmation", "Les deux mots de passe ne sont pas identiques."));
        }
        check_password(&password, Some(&cx.user.email)).map_err(|m| AppError::invalid("password", m))?;
        let hash = password::hash(password).await?;
        let current_id = session::current_session_id().await?;
        let mut tx = cx.db().begin().await?;
        repo::set_password_hash(&mut tx, cx.user.user_id, &hash).await?;
        tokens::revoke_all(&mut tx, cx.user.user_id).await?;
        repo::delete_sessions(&mut tx, cx.user.user_id, None, current_id.as_deref()).await?;
        tx.commit().await?;
        cx.done("changement_mot_de_passe").await;
        Ok("Votre mot de passe a été modifié. Vos autres sessions ont été fermées.".into())
    })
    .await
}

/// The current user's open sessions.
#[server(prefix = "/api/auth", endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionLine>, AppError> {
    MySessions::run(async |cx| {
        let current = session::current_session_id().await?.unwrap_or_default();
        Ok(repo::sessions_of(cx.db(), cx.user.user_id, &current).await?)
    })
    .await
}

/// Ends one of the current user's other sessions (its handle `id`), or all of them (no `id`).
#[server(prefix = "/api/auth", endpoint = "end_session")]
pub async fn end_session(id: Option<uuid::Uuid>) -> Result<u64, AppError> {
    EndSession::run(async move |cx| {
        let current = session::current_session_id().await?;
        let mut conn = cx.db().acquire().await?;
        let ended = repo::delete_sessions(&mut conn, cx.user.user_id, id, current.as_deref()).await?;
        cx.journal(cx.entry("fin_session", Outcome::Succes).detail(format!("{ended} session(s)"))).await;
        Ok(ended)
    })
    .await
}
