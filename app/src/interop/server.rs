//! Server functions of `/partenaires`: the Administrateur national registers partner software, habilitates
//! it on an entité's dispositifs, generates and revokes its client secrets, deactivates it; the
//! Administrateur SIAO and the Gestionnaire d'entité see the partners of their territory or entité.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{PartenaireForm, PartenaireLine, PartenaireView};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::{credentials, repo},
    crate::auth::session,
    crate::error::FieldError,
    crate::handler::{Ctx, Guarded},
    crate::rights::{
        authorize::{decide, Target},
        model::{Action, Object},
    },
};

server_fns! {
    ListPartenaires => matrix(PartenaireDui, Consulter),
    GetPartenaire => matrix(PartenaireDui, Consulter),
    CreatePartenaire => matrix(PartenaireDui, Creer),
    SetHabilitation => matrix(PartenaireDui, Modifier),
    GenerateSecret => matrix(PartenaireDui, Modifier),
    RevokeSecret => matrix(PartenaireDui, Supprimer),
    SetPartenaireActif => matrix(PartenaireDui, Supprimer),
}

/// The session key of a secret just generated, until its page shows it once.
#[cfg(feature = "ssr")]
const NEW_SECRET: &str = "partenaire_nouveau_secret";

#[cfg(feature = "ssr")]
async fn authorize_partenaire(cx: &mut Ctx, id: Uuid) -> Result<Target, AppError> {
    let target = repo::target_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    cx.authorize(target.clone(), Some(id)).await?;
    Ok(target)
}

#[cfg(feature = "ssr")]
fn changed_meanwhile() -> AppError {
    AppError::Refused("Ce partenaire a été modifié entre-temps : rechargez la page.".into())
}

#[server(prefix = "/api/partenaires", endpoint = "list")]
pub async fn list_partenaires() -> Result<Vec<PartenaireLine>, AppError> {
    ListPartenaires::run(async |cx| Ok(repo::list(cx.db(), &cx.user, cx.scope()).await?)).await
}

/// A partner's page; a secret this user just generated for it is in it, once.
#[server(prefix = "/api/partenaires", endpoint = "get")]
pub async fn get_partenaire(id: Uuid) -> Result<PartenaireView, AppError> {
    GetPartenaire::run(async move |mut cx| {
        let target = authorize_partenaire(&mut cx, id).await?;
        let mut view = repo::view(cx.db(), id).await?.ok_or(AppError::NotFound)?;
        view.gestion = decide(&cx.user, Object::PartenaireDui, Action::Modifier, &target);
        let s = session::current_session().await?;
        let fresh: Option<(Uuid, String)> = s.get(NEW_SECRET).await.map_err(|_| AppError::Internal)?;
        if let Some((_, secret)) = fresh.filter(|(for_id, _)| *for_id == id) {
            s.remove_value(NEW_SECRET).await.map_err(|_| AppError::Internal)?;
            view.nouveau_secret = Some(secret);
        }
        Ok(view)
    })
    .await
}

/// Registers a partner for an entité (habilitated on nothing yet); goes to its page.
#[server(prefix = "/api/partenaires", endpoint = "create")]
pub async fn create_partenaire(#[server(default)] form: PartenaireForm) -> Result<Uuid, AppError> {
    CreatePartenaire::run(async move |mut cx| {
        let input = form.parse()?;
        let entite_id = repo::entite_by_siren(cx.db(), input.siren.as_str())
            .await?
            .ok_or_else(|| AppError::invalid("siren", "Aucune entité gestionnaire n'a ce SIREN."))?;
        let id = Uuid::new_v4();
        let mut tx = cx.db().begin().await?;
        repo::insert(&mut tx, id, &input, entite_id, &credentials::new_client_id(), cx.user.user_id).await.map_err(
            |e| match &e {
                sqlx::Error::Database(db) if db.constraint() == Some("partenaires_nom_key") => {
                    AppError::invalid("nom", "Un partenaire porte déjà ce nom.")
                }
                _ => e.into(),
            },
        )?;
        tx.commit().await?;
        cx.created(id);
        cx.done("creer").await;
        crate::url::redirect(&format!("/partenaires/{id}"));
        Ok(id)
    })
    .await
}

/// Habilitates the partner on the whole entité (`toute_entite` = `oui`) or on the dispositifs ticked.
#[server(prefix = "/api/partenaires", endpoint = "habilitation")]
pub async fn set_habilitation(
    id: Uuid,
    version: i32,
    #[server(default)] toute_entite: String,
    #[server(default)] dispositifs: Vec<Uuid>,
) -> Result<i32, AppError> {
    SetHabilitation::run(async move |mut cx| {
        authorize_partenaire(&mut cx, id).await?;
        let toute = crate::fields::checked(&toute_entite);
        let mut tx = cx.db().begin().await?;
        let v =
            repo::set_habilitation(&mut tx, id, version, toute, &dispositifs).await?.ok_or_else(changed_meanwhile)?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(v)
    })
    .await
}

/// Generates a client secret, shown once on the partner's page.
#[server(prefix = "/api/partenaires", endpoint = "secret")]
pub async fn generate_secret(id: Uuid) -> Result<(), AppError> {
    GenerateSecret::run(async move |mut cx| {
        authorize_partenaire(&mut cx, id).await?;
        let secret = credentials::new_secret();
        let hash = credentials::digest(&secret);
        repo::insert_secret(cx.db(), id, &hash, &credentials::suffix(&secret), Some(cx.user.user_id)).await?;
        let s = session::current_session().await?;
        s.insert(NEW_SECRET, (id, secret)).await.map_err(|_| AppError::Internal)?;
        cx.done("secret").await;
        crate::url::redirect(&format!("/partenaires/{id}"));
        Ok(())
    })
    .await
}

/// Revokes a client secret: it gets no token any more, and its tokens stop working at once.
#[server(prefix = "/api/partenaires", endpoint = "revoke")]
pub async fn revoke_secret(id: Uuid, secret_id: Uuid) -> Result<(), AppError> {
    RevokeSecret::run(async move |mut cx| {
        authorize_partenaire(&mut cx, id).await?;
        if !repo::revoke_secret(cx.db(), id, secret_id, cx.user.user_id).await? {
            return Err(AppError::NotFound);
        }
        cx.done("revoquer").await;
        Ok(())
    })
    .await
}

/// Deactivates (`actif` = `non`) or reactivates a partner.
#[server(prefix = "/api/partenaires", endpoint = "active")]
pub async fn set_partenaire_actif(id: Uuid, version: i32, #[server(default)] actif: String) -> Result<(), AppError> {
    SetPartenaireActif::run(async move |mut cx| {
        authorize_partenaire(&mut cx, id).await?;
        let actif = match actif.as_str() {
            "oui" => true,
            "non" => false,
            _ => return Err(AppError::Invalid(vec![FieldError::new("actif", "Choisissez oui ou non.")])),
        };
        let mut tx = cx.db().begin().await?;
        repo::set_actif(&mut tx, id, version, actif).await?.ok_or_else(changed_meanwhile)?;
        tx.commit().await?;
        cx.done(if actif { "reactiver" } else { "desactiver" }).await;
        Ok(())
    })
    .await
}
