//! Server functions of the financements. The matrix decides on the dispositif's territory; its notes
//! split the sources: the département records the P177 and contingent préfectoral lines, the SIAO the
//! others, the national administrator all of them.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{FinancementDetail, FinancementForm, FinancementItem};
use crate::error::AppError;
use crate::handler::server_fns;
use crate::history::HistoryLine;

#[cfg(feature = "ssr")]
use {
    super::{
        model::{records_source, FinancementInput},
        repo,
    },
    crate::error::{ConstraintErrors, OnConstraint},
    crate::handler::{Ctx, Guarded},
    crate::history::repo as history,
    crate::offre::{circuit, dispositifs::repo as dispositifs},
    crate::referentiel::repo as referentiel,
    crate::rights::model::Object,
};

server_fns! {
    ListFinancements => matrix(Financement, Consulter),
    GetFinancement => matrix(Financement, Consulter),
    FinancementSources => matrix(Financement, Consulter),
    CreateFinancement => matrix(Financement, Creer),
    UpdateFinancement => matrix(Financement, Modifier),
    DeactivateFinancement => matrix(Financement, Supprimer),
}

#[server(prefix = "/api/offre/financements", endpoint = "list")]
pub async fn list_financements(dispositif_id: Uuid) -> Result<Vec<FinancementItem>, AppError> {
    ListFinancements::run(async move |mut cx| {
        let target = dispositifs::target_of(cx.db(), dispositif_id).await?.ok_or(AppError::NotFound)?;
        cx.authorize(target, Some(dispositif_id)).await?;
        Ok(repo::of_dispositif(cx.db(), dispositif_id).await?)
    })
    .await
}

#[server(prefix = "/api/offre/financements", endpoint = "get")]
pub async fn get_financement(id: Uuid) -> Result<(FinancementDetail, Vec<HistoryLine>), AppError> {
    GetFinancement::run(async move |mut cx| {
        let detail = load_authorized(&mut cx, id).await?;
        let lines = history::of(cx.db(), Object::Financement, &id.to_string()).await?;
        Ok((detail, lines))
    })
    .await
}

/// The sources the user records (all of them for the national administrator).
#[server(prefix = "/api/offre/financements", endpoint = "sources")]
pub async fn financement_sources() -> Result<Vec<(String, String)>, AppError> {
    FinancementSources::run(async |cx| {
        let all = referentiel::options(cx.db(), "source_financement").await?;
        Ok(all.into_iter().filter(|(code, _)| records_source(cx.user.profile, code)).collect())
    })
    .await
}

#[server(prefix = "/api/offre/financements", endpoint = "create")]
pub async fn create_financement(form: FinancementForm) -> Result<Uuid, AppError> {
    CreateFinancement::run(async move |mut cx| {
        let input = FinancementInput::try_from(form)?;
        let target = dispositifs::target_of(cx.db(), input.dispositif_id)
            .await?
            .ok_or_else(|| AppError::invalid("dispositif_id", "Dispositif inconnu."))?;
        cx.authorize(target, None::<Uuid>).await?;
        let input = checked(&cx, input).await?;
        let mut tx = cx.db().begin().await?;
        let id = repo::insert(&mut tx, &input, cx.user.user_id).await.on_constraints(UNIQUE)?;
        record(&cx, tx, id, 1, "Création", None).await?;
        cx.created(id);
        cx.done("creer").await;
        Ok(id)
    })
    .await
}

#[server(prefix = "/api/offre/financements", endpoint = "update")]
pub async fn update_financement(id: Uuid, version: i32, form: FinancementForm) -> Result<i32, AppError> {
    UpdateFinancement::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        source_rule(&cx, &before.item.source_code).await?;
        let dispositif_id = form.dispositif_id.trim();
        if !dispositif_id.is_empty() && dispositif_id != before.item.dispositif_id.to_string() {
            return Err(AppError::invalid("dispositif_id", "Un financement ne change pas de dispositif."));
        }
        let form = FinancementForm { dispositif_id: before.item.dispositif_id.to_string(), ..form };
        let input = checked(&cx, FinancementInput::try_from(form)?).await?;
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::update(&mut tx, id, version, &input).await.on_constraints(UNIQUE)? else {
            return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
        };
        record(&cx, tx, id, new_version, "Modification", Some(&before.item)).await?;
        cx.done("modifier").await;
        Ok(new_version)
    })
    .await
}

/// Deactivates a line: it no longer counts in the financed capacity; its history stays.
#[server(prefix = "/api/offre/financements", endpoint = "deactivate")]
pub async fn deactivate_financement(id: Uuid, version: i32) -> Result<i32, AppError> {
    DeactivateFinancement::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        source_rule(&cx, &before.item.source_code).await?;
        if !before.item.actif {
            return Err(AppError::Refused("Ce financement est déjà désactivé.".into()));
        }
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::deactivate(&mut tx, id, version).await? else {
            return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
        };
        record(&cx, tx, id, new_version, "Désactivation", Some(&before.item)).await?;
        cx.done("desactiver").await;
        Ok(new_version)
    })
    .await
}

#[cfg(feature = "ssr")]
async fn load_authorized(cx: &mut Ctx, id: Uuid) -> Result<FinancementDetail, AppError> {
    let dispositif = repo::dispositif_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let target = dispositifs::target_of(cx.db(), dispositif).await?.ok_or(AppError::NotFound)?;
    cx.authorize(target, Some(id)).await?;
    repo::load(cx.db(), id).await?.ok_or(AppError::NotFound)
}

/// The matrix notes on the sources: a journaled 403 for a source of the other administrator.
#[cfg(feature = "ssr")]
async fn source_rule(cx: &Ctx, source: &str) -> Result<(), AppError> {
    if !records_source(cx.user.profile, source) {
        return Err(cx.refuse(Some(format!("source « {source} » : rôle de l'autre administrateur"))).await);
    }
    Ok(())
}

/// The source is one of the user's (403 otherwise) and of the référentiel.
#[cfg(feature = "ssr")]
async fn checked(cx: &Ctx, input: FinancementInput) -> Result<FinancementInput, AppError> {
    source_rule(cx, &input.source_code).await?;
    if !referentiel::usable(cx.db(), "source_financement", &input.source_code).await? {
        return Err(AppError::invalid("source_code", "Choisissez une source de la liste."));
    }
    Ok(input)
}

#[cfg(feature = "ssr")]
async fn record(
    cx: &Ctx,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    id: Uuid,
    version: i32,
    action: &str,
    before: Option<&FinancementItem>,
) -> Result<(), AppError> {
    let after = repo::load_in(&mut tx, id).await?.item;
    circuit::commit_with_history(cx, tx, Object::Financement, id, version, action, (before, &after), None).await
}

#[cfg(feature = "ssr")]
const UNIQUE: ConstraintErrors<'static> = &[("financements_dispositif_source_annee_key", || {
    AppError::invalid("annee", "Ce dispositif a déjà un financement actif de cette source pour cette année.")
})];
