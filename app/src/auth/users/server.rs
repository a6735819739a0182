//! Server functions of account management: the matrix decides, plus "who manages whom" for writes.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{FormOptions, UserDetail, UserFilter, UserForm, UserListItem};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::{model::NewUser, repo},
    crate::audit::Outcome,
    crate::auth::{mail, tokens},
    crate::error::{FieldError, OnConstraint},
    crate::handler::{Ctx, Guarded},
    crate::outbox::repo as outbox,
    crate::rights::{
        matrix::manageable_profiles,
        model::{Action, Profile},
    },
};

server_fns! {
    ListUsers => matrix(Utilisateur, Consulter),
    GetUser => matrix(Utilisateur, Consulter),
    UserFormOptions => matrix(Utilisateur, Creer),
    CreateUser => matrix(Utilisateur, Creer),
    UpdateUser => matrix(Utilisateur, Modifier),
    DeactivateUser => matrix(Utilisateur, Supprimer),
    ResendWelcome => matrix(Utilisateur, Modifier),
}

#[server(prefix = "/api/utilisateurs", endpoint = "list")]
pub async fn list_users(#[server(default)] filter: UserFilter) -> Result<Vec<UserListItem>, AppError> {
    ListUsers::run(async move |cx| {
        let mut users = repo::list(cx.db(), &cx.user, cx.scope(), &filter).await?;
        for u in &mut users {
            u.profile = Profile::from_code(&u.profile).map(|p| p.label().to_string()).unwrap_or_default();
        }
        Ok(users)
    })
    .await
}

#[server(prefix = "/api/utilisateurs", endpoint = "get")]
pub async fn get_user(id: Uuid) -> Result<UserDetail, AppError> {
    GetUser::run(async move |mut cx| load_authorized(&mut cx, id).await).await
}

#[server(prefix = "/api/utilisateurs", endpoint = "form_options")]
pub async fn user_form_options() -> Result<FormOptions, AppError> {
    UserFormOptions::run(async |cx| {
        let profiles = manageable_profiles(cx.user.profile).to_vec();
        Ok(repo::form_options(cx.db(), &cx.user, profiles).await?)
    })
    .await
}

/// Creates an account and sends its welcome mail with a single-use link to set the password.
#[server(prefix = "/api/utilisateurs", endpoint = "create")]
pub async fn create_user(form: UserForm) -> Result<Uuid, AppError> {
    CreateUser::run(async move |mut cx| {
        let account = checked(&mut cx, form, None).await?;
        // The account and its welcome mail (queued in the outbox) are one transaction.
        let mut tx = cx.db().begin().await?;
        let id =
            repo::insert(&mut tx, &account, cx.user.user_id).await.on_constraint("users_email_key", email_taken)?;
        let token = tokens::issue(&mut tx, id, tokens::Purpose::Welcome).await?;
        let welcome = mail::welcome(&cx.state.base_url, account.email.as_str(), account.prenom.as_str(), &token);
        outbox::enqueue(&mut tx, &welcome).await?;
        tx.commit().await?;
        cx.state.outbox.now();
        cx.created(id);
        let detail = format!("{} ({})", account.email, account.profile.code());
        cx.journal(cx.entry(Action::Creer.code(), Outcome::Succes).detail(detail)).await;
        crate::url::redirect(&format!("/utilisateurs/{id}?cree=1"));
        Ok(id)
    })
    .await
}

/// Edits an account (identity, profile, attachment) if nobody changed it since `version`.
#[server(prefix = "/api/utilisateurs", endpoint = "update")]
pub async fn update_user(id: Uuid, version: i32, form: UserForm) -> Result<i32, AppError> {
    UpdateUser::run(async move |mut cx| {
        // Both the account as it is and the account as it would become must be within the actor's rights.
        let before = load_authorized(&mut cx, id).await?;
        let account = checked(&mut cx, form, Some(id)).await?;
        let mut tx = cx.db().begin().await?;
        let updated =
            repo::update(&mut tx, id, version, &account).await.on_constraint("users_email_key", email_taken)?;
        let Some(new_version) = updated else {
            return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
        };
        // A change of profile or attachment changes what the account may see: end its sessions.
        crate::auth::repo::delete_sessions(&mut tx, id, None, None).await?;
        // Links mailed to the former address must not set a password any more.
        if before.form.email != account.email.as_str() {
            tokens::revoke_all(&mut tx, id).await?;
        }
        tx.commit().await?;
        cx.done(Action::Modifier.code()).await;
        Ok(new_version)
    })
    .await
}

/// Deactivates an account (never deleted: the journal and the files keep their author) and ends
/// its sessions.
#[server(prefix = "/api/utilisateurs", endpoint = "deactivate")]
pub async fn deactivate_user(id: Uuid) -> Result<(), AppError> {
    DeactivateUser::run(async move |mut cx| {
        load_authorized(&mut cx, id).await?;
        let mut tx = cx.db().begin().await?;
        repo::deactivate(&mut tx, id).await?;
        crate::auth::repo::delete_sessions(&mut tx, id, None, None).await?;
        tokens::revoke_all(&mut tx, id).await?;
        tx.commit().await?;
        cx.done(Action::Supprimer.code()).await;
        Ok(())
    })
    .await
}

/// Sends a new welcome mail (the previous link stops working).
#[server(prefix = "/api/utilisateurs", endpoint = "resend_welcome")]
pub async fn resend_welcome(id: Uuid) -> Result<String, AppError> {
    ResendWelcome::run(async move |mut cx| {
        let detail = load_authorized(&mut cx, id).await?;
        if !detail.active {
            return Err(AppError::Refused("Ce compte est désactivé.".into()));
        }
        let mut tx = cx.db().begin().await?;
        let token = tokens::issue(&mut tx, id, tokens::Purpose::Welcome).await?;
        let welcome = mail::welcome(&cx.state.base_url, &detail.form.email, &detail.form.prenom, &token);
        outbox::enqueue(&mut tx, &welcome).await?;
        tx.commit().await?;
        cx.state.outbox.now();
        cx.done("renvoi_bienvenue").await;
        Ok(format!(
            "Un nouveau message de bienvenue part vers {} (l'ancien lien ne fonctionne plus).",
            detail.form.email
        ))
    })
    .await
}

/// The function's matrix check on an existing or future account, plus "who manages whom" for writes.
#[cfg(feature = "ssr")]
async fn authorize_on(cx: &mut Ctx, account: &NewUser, id: Option<Uuid>) -> Result<(), AppError> {
    let target = repo::target_of(cx.db(), &account.attachment, id).await?;
    cx.authorize(target, id).await?;
    let managing = cx.action() != Action::Consulter;
    if managing && id == Some(cx.user.user_id) {
        // One's own profile, attachment or e-mail is changed by another administrator (no
        // self-promotion); one's password and second factor are in "Mon compte".
        return Err(AppError::Refused(
            "Votre propre compte est modifié par un autre administrateur ; votre mot de passe et la double authentification se gèrent dans « Mon compte »."
                .into(),
        ));
    }
    if managing && !manageable_profiles(cx.user.profile).contains(&account.profile) {
        return Err(cx.refuse(Some(format!("profil non géré : {}", account.profile.code()))).await);
    }
    Ok(())
}

/// Loads an account and checks the function's action on it.
#[cfg(feature = "ssr")]
async fn load_authorized(cx: &mut Ctx, id: Uuid) -> Result<UserDetail, AppError> {
    let detail = repo::load(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let account = NewUser::try_from(detail.form.clone()).map_err(|errors| {
        tracing::error!(?errors, "stored account does not parse");
        AppError::Internal
    })?;
    authorize_on(cx, &account, Some(id)).await?;
    Ok(detail)
}

/// Parses the form and checks the rights on the account it describes.
#[cfg(feature = "ssr")]
async fn checked(cx: &mut Ctx, form: UserForm, id: Option<Uuid>) -> Result<NewUser, AppError> {
    let account = NewUser::try_from(form)?;
    if let super::model::Attachment::Entite(entite, dispositifs) = &account.attachment {
        if !repo::dispositifs_belong(cx.db(), *entite, dispositifs).await? {
            let message = "Ces dispositifs n'appartiennent pas à l'entité choisie.";
            return Err(AppError::Invalid(vec![FieldError::new("dispositif_ids", message)]));
        }
    }
    authorize_on(cx, &account, id).await?;
    Ok(account)
}

#[cfg(feature = "ssr")]
fn email_taken() -> AppError {
    AppError::invalid("email", "Un compte existe déjà avec cette adresse électronique (un compte = une personne).")
}
