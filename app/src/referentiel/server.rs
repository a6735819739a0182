//! Server functions of the référentiels: everybody reads, the Administrateur national edits.

use leptos::prelude::*;

use super::model::{RefList, RefListDetail, RefValue, ValueForm};
use crate::error::AppError;
use crate::handler::server_fns;
use crate::history::HistoryLine;

#[cfg(feature = "ssr")]
use {
    super::{model::ValueInput, repo},
    crate::error::OnConstraint,
    crate::handler::Guarded,
    crate::history::{repo as history, Diff},
    crate::rights::{authorize::Target, model::Object},
};

server_fns! {
    ListReferentiels => matrix(Referentiel, Consulter),
    GetReferentiel => matrix(Referentiel, Consulter),
    GetReferentielValue => matrix(Referentiel, Consulter),
    AddReferentielValue => matrix(Referentiel, Creer),
    UpdateReferentielValue => matrix(Referentiel, Modifier),
    RetireReferentielValue => matrix(Referentiel, Supprimer),
}

#[server(prefix = "/api/referentiels", endpoint = "list")]
pub async fn list_referentiels() -> Result<Vec<RefList>, AppError> {
    ListReferentiels::run(async |cx| Ok(repo::lists(cx.db()).await?)).await
}

#[server(prefix = "/api/referentiels", endpoint = "get")]
pub async fn get_referentiel(list: String) -> Result<RefListDetail, AppError> {
    GetReferentiel::run(async move |cx| repo::detail(cx.db(), &list).await?.ok_or(AppError::NotFound)).await
}

/// A value with its history.
#[server(prefix = "/api/referentiels", endpoint = "value")]
pub async fn get_referentiel_value(list: String, code: String) -> Result<(RefValue, Vec<HistoryLine>), AppError> {
    GetReferentielValue::run(async move |cx| {
        let value = repo::value(cx.db(), &list, &code).await?.ok_or(AppError::NotFound)?;
        let lines = history::of(cx.db(), Object::Referentiel, &format!("{list}/{code}")).await?;
        Ok((value, lines))
    })
    .await
}

#[server(prefix = "/api/referentiels", endpoint = "add")]
pub async fn add_referentiel_value(list: String, form: ValueForm) -> Result<(), AppError> {
    AddReferentielValue::run(async move |mut cx| {
        cx.authorize(Target::default(), Some(&list)).await?;
        repo::detail(cx.db(), &list).await?.ok_or(AppError::NotFound)?;
        let input = ValueInput::try_from(form)?;
        let mut tx = cx.db().begin().await?;
        let value = repo::insert(&mut tx, &list, &input).await.on_constraint("referentiel_valeurs_pkey", || {
            AppError::invalid("code", "Ce code existe déjà dans la liste.")
        })?;
        let key = format!("{list}/{}", value.code);
        history::record(
            &mut tx,
            history::Record {
                object: Object::Referentiel,
                object_id: &key,
                version: value.version,
                action: "Création",
                user_id: Some(cx.user.user_id),
                changes: Diff::of(None, &value),
                comment: None,
            },
        )
        .await?;
        tx.commit().await?;
        cx.created(&key);
        cx.done("creer").await;
        crate::url::redirect(&format!("/referentiels/{list}"));
        Ok(())
    })
    .await
}

/// Relabels, reorders or re-dates a value (its code never changes).
#[server(prefix = "/api/referentiels", endpoint = "update")]
pub async fn update_referentiel_value(list: String, version: i32, form: ValueForm) -> Result<i32, AppError> {
    UpdateReferentielValue::run(async move |mut cx| {
        let key = format!("{list}/{}", form.code.trim());
        cx.authorize(Target::default(), Some(&key)).await?;
        let input = ValueInput::try_from(form)?;
        save(&mut cx, &list, version, &input, None).await
    })
    .await
}

/// Retires a value (or puts it back): no longer offered, still readable on the records that carry it.
#[server(prefix = "/api/referentiels", endpoint = "retire")]
pub async fn retire_referentiel_value(list: String, code: String, version: i32, active: bool) -> Result<i32, AppError> {
    RetireReferentielValue::run(async move |mut cx| {
        let key = format!("{list}/{code}");
        cx.authorize(Target::default(), Some(&key)).await?;
        let current = repo::value(cx.db(), &list, &code).await?.ok_or(AppError::NotFound)?;
        let input = ValueInput {
            code,
            label: current.label,
            position: Some(current.position),
            parent_code: current.parent_code,
            valid_from: current.valid_from,
            valid_to: current.valid_to,
        };
        save(&mut cx, &list, version, &input, Some(active)).await
    })
    .await
}

/// Writes a value and its history line; a stale `version` is a conflict.
#[cfg(feature = "ssr")]
async fn save(
    cx: &mut crate::handler::Ctx,
    list: &str,
    version: i32,
    input: &ValueInput,
    active: Option<bool>,
) -> Result<i32, AppError> {
    let before = repo::value(cx.db(), list, &input.code).await?.ok_or(AppError::NotFound)?;
    let mut tx = cx.db().begin().await?;
    let Some(after) = repo::update(&mut tx, list, version, input, active.unwrap_or(before.active)).await? else {
        return Err(AppError::Conflict { current_version: before.version });
    };
    let action = match active {
        Some(false) => "Retrait",
        Some(true) => "Remise en service",
        None => "Modification",
    };
    history::record(
        &mut tx,
        history::Record {
            object: Object::Referentiel,
            object_id: &format!("{list}/{}", input.code),
            version: after.version,
            action,
            user_id: Some(cx.user.user_id),
            changes: Diff::of(Some(&before), &after),
            comment: None,
        },
    )
    .await?;
    tx.commit().await?;
    cx.done(cx.action().code()).await;
    Ok(after.version)
}
