//! Server functions of account management: authenticate → authorize (matrix + managed profiles)
//! → repo → audit.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{FormOptions, UserDetail, UserFilter, UserForm, UserListItem};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use {
    super::{model::Attachment, repo},
    crate::audit::{self, AuditEntry, Outcome},
    crate::auth::{model::Email, session, tokens},
    crate::error::FieldError,
    crate::rights::{
        authorize::{guard, guard_scope, Principal},
        matrix::manageable_profiles,
        model::{Action, Object, Profile},
    },
    crate::state::{app_state, AppState},
};

#[cfg(feature = "ssr")]
fn invalid(errors: Vec<(String, String)>) -> AppError {
    AppError::Invalid(errors.into_iter().map(|(f, m)| FieldError { field: f, message: m }).collect())
        
}

/// The matrix check on an existing or future account, plus "who manages whom" for writes.
#[cfg(feature = "ssr")]
async fn authorize_on(
    state: &AppState,
    actor: &Principal,
    action: Action,
    profile: Profile,
    attachment: &Attachment,
    id: Option<Uuid>,
) -> Result<(), AppError> {
    let target = repo::target_of(&state.pool, attachment, id).await?;
    guard(&state.pool, actor, Object::Utilisateur, action, &target, id.map(|i| i.to_string())).await?;
    let managing = action != Action::Consulter;
    if managing && id == Some(actor.user_id) {
        // One's own profile, attachment or e-mail is changed by another administrator (no
        // self-promotion); one's password and second factor are in "Mon compte".
        return Err(AppError::Refused(
            "Votre propre compte est modifié par un autre administrateur ; votre mot de passe et la double authentification se gèrent dans « Mon compte »."
                .into(),
        ));
    }
    if managing && !manageable_profiles(actor.profile).contains(&profile) {
        audit::record(
            &state.pool,
            AuditEntry::by(actor, action.code(), Object::Utilisateur.code(), Outcome::Refus)
                .object_id(id.map(|i| i.to_string()))
                .detail(format!("profil non géré : {}", profile.code())),
        )
        .await;
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Journal line of a successful write on account `id`.
#[cfg(feature = "ssr")]
async fn audit_done(state: &AppState, actor: &Principal, action: &str, id: Uuid) {
    let entry = AuditEntry::by(actor, action, Object::Utilisateur.code(), Outcome::Succes);
    audit::record(&state.pool, entry.object_id(Some(id.to_string()))).await;
}

/// Loads an account and checks `action` on it.
#[cfg(feature = "ssr")]
async fn load_authorized(state: &AppState, actor: &Principal, id: Uuid, action: Action) -> Result<UserDetail, AppError> {
    let detail = repo::load(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let (profile, attachment) = detail.form.validate().map_err(|_| AppError::Internal)?;
    authorize_on(state, actor, action, profile, &attachment, Some(id)).await?;
    Ok(detail)
}

#[server(prefix = "/api/utilisateurs", endpoint = "list")]
pub async fn list_users(#[server(default)] filter: UserFilter) -> Result<Vec<UserListItem>, AppError> {
    let state = app_state()?;
    let actor = session::require_principal(&state.pool).await?;
    let scope = guard_scope(&state.pool, &actor, Object::Utilisateur, Action::Consulter).await?;
    let mut users = repo::list(&state.pool, &actor, scope, &filter).await?;
    for u in &mut users {
        u.profile = Profile::from_code(&u.profile).map(|p| p.label().to_string()).unwrap_or_default();
    }
    Ok(users)
}

#[server(prefix = "/api/utilisateurs", endpoint = "get")]
pub async fn get_user(id: Uuid) -> Result<UserDetail, AppError> {
    let state = app_state()?;
    let actor = session::require_principal(&state.pool).await?;
    load_authorized(&state, &actor, id, Action::Consulter).await
}

#[server(prefix = "/api/utilisateurs", endpoint = "form_options")]
pub async fn user_form_options() -> Result<FormOptions, AppError> {
    let state = app_state()?;
    let actor = session::require_principal(&state.pool).await?;
    guard_scope(&state.pool, &actor, Object::Utilisateur, Action::Creer).await?;
    let profiles = manageable_profiles(actor.profile).to_vec();
    Ok(repo::form_options(&state.pool, &actor, profiles).await?)
}

/// Checks the form and the rights on the account it describes.
#[cfg(feature = "ssr")]
async fn checked(
    state: &AppState,
    actor: &Principal,
    action: Action,
    form: &UserForm,
    id: Option<Uuid>,
) -> Result<(Email, Profile, Attachment), AppError> {
    let (profile, attachment) = form.validate().map_err(invalid)?;
    let email = Email::parse(&form.email).map_err(|m| AppError::invalid("email", m))?;
    if let Attachment::Entite(entite, dispositifs) = &attachment {
        if !repo::dispositifs_belong(&state.pool, *entite, dispositifs).await? {
            return Err(invalid(vec![(
                "dispositif_ids".into(),
                "Ces dispositifs n'appartiennent pas à l'entité choisie.".into(),
            )]));
        }
    }
    authorize_on(state, actor, action, profile, &attachment, id).await?;
    Ok((email, profile, attachment))
}

#[cfg(feature = "ssr")]
fn email_taken(err: sqlx::Error) -> AppError {
    match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("users_email_key") => AppError::invalid(
            "email",
            "Un compte existe déjà avec cette adresse électronique (un compte = une personne).",
        )
        ,
        _ => err.into(),
    }
}

/// Creates an account and sends its welcome mail with a single-use link to set the password.
#[server(prefix = "/api/utilisateurs", endpoint = "create")]
pub async fn create_user(form: UserForm) -> Result<Uuid, AppError> {
    let state = app_state()?;
    let actor = session::require_principal(&state.pool).await?;
    let (email, profile, attachment) = checked(&state, &actor, Action::Creer, &form, None).await?;
    let mut tx = state.pool.begin().await?;
    let id = repo::insert(&mut tx, &form, email.as_str(), profile, &attachment, actor.user_id)
        .await
        .map_err(email_taken)?;
    tx.commit().await?;
    audit::record(
        &state.pool,
        AuditEntry::by(&actor, Action::Creer.code(), Object::Utilisateur.code(), Outcome::Succes)
            .object_id(Some(id.to_string()))
            .detail(format!("{} ({})", email, profile.code())),
    )
    .await;
    // The account exists even if the mail cannot leave now: the page says so, and offers to resend.
    let token = tokens::issue(&state.pool, id, tokens::Purpose::Welcome).await?;
    let sent = state.mailer.send_welcome(email.as_str(), form.prenom.trim(), &token).await.is_ok();
    leptos_axum::redirect(&format!("/utilisateurs/{id}?cree={}", if sent { "1" } else { "sans-message" }));
    Ok(id)
}

/// Edits an account (identity, profile, attachment) if nobody changed it since `version`.
#[server(prefix = "/api/utilisateurs", endpoint = "update")]
pub async fn update_user(id: Uuid, version: i32, form: UserForm) -> Result<i32, AppError> {
    let state = app_state()?;
    let actor = session::require_principal(&state.pool).await?;
    // Both the account as it is and the account as it would become must be within the actor's rights.
    load_authorized(&state, &actor, id, Action::Modifier).await?;
    let (email, profile, attachment) = checked(&state, &actor, Action::Modifier, &form, Some(id)).await?;
    let mut tx = state.pool.begin().await?;
    let Some(new_version) = repo::update(&mut tx, id, version, &form, email.as_str(), profile, &attachment)
        .await
        .map_err(email_taken)?
    else {
        let current_version = repo::current_version(&state.pool, id).await?;
        return Err(AppError::Conflict { current_version });
    };
    // A change of profile or attachment changes what the account may see: end its sessions.
    session::end_sessions(&mut tx, id, None, None).await?;
    tx.commit().await?;
    audit_done(&state, &actor, Action::Modifier.code(), id).await;
    Ok(new_version)
}

/// Deactivates an account (never deleted: the journal and the files keep their author) and ends
/// its sessions.
#[server(prefix = "/api/utilisateurs", endpoint = "deactivate")]
pub async fn deactivate_user(id: Uuid) -> Result<(), AppError> {
    let state = app_state()?;
    let actor = session::require_principal(&state.pool).await?;
    load_authorized(&state, &actor, id, Action::Supprimer).await?;
    let mut tx = state.pool.begin().await?;
    repo::deactivate(&mut tx, id).await?;
    session::end_sessions(&mut tx, id, None, None).await?;
    tx.commit().await?;
    audit_done(&state, &actor, Action::Supprimer.code(), id).await;
    Ok(())
}

/// Sends a new welcome mail (the previous link stops working).
#[server(prefix = "/api/utilisateurs", endpoint = "resend_welcome")]
pub async fn resend_welcome(id: Uuid) -> Result<String, AppError> {
    let state = app_state()?;
    let actor = session::require_principal(&state.pool).await?;
    let detail = load_authorized(&state, &actor, id, Action::Modifier).await?;
    if !detail.active {
        return Err(AppError::Refused("Ce compte est désactivé.".into()));
    }
    let token = tokens::issue(&state.pool, id, tokens::Purpose::Welcome).await?;
    state.mailer.send_welcome(&detail.form.email, &detail.form.prenom, &token).await?;
    audit_done(&state, &actor, "renvoi_bienvenue", id).await;
    Ok(format!("Un nouveau message de bienvenue a été envoyé à {}.", detail.form.email))
}
