//! Server functions of the persons' situations and of the budget: under the matrix's `Personne` cells,
//! on the territory and author of the person's ménage. A save of the situations or a budget line bumps
//! the person's version and writes its history in the same transaction.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uuid::Uuid;

use super::situation::{Budget, BudgetLineForm, SituationPersonne};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::repo,
    super::server::{authorize_menage, stale, NO_FIELDS},
    super::situation::{self, Code},
    super::situation_repo as situations,
    crate::error::FieldError,
    crate::handler::{Ctx, Guarded},
    crate::history::repo as history,
    crate::referentiel::repo as referentiel,
    crate::rights::model::Object,
};

server_fns! {
    GetSituationsPersonnes => matrix(Personne, Consulter),
    UpdateSituationsPersonne => matrix(Personne, Modifier),
    AddBudgetLine => matrix(Personne, Modifier),
    RemoveBudgetLine => matrix(Personne, Modifier),
}

/// The situations of the ménage's persons, its budget, and the value lists of their forms (by référentiel).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SituationsView {
    pub situations: Vec<SituationPersonne>,
    pub budget: Budget,
    pub options: Vec<(String, Vec<(String, String)>)>,
}

impl SituationsView {
    pub fn options_of(&self, list: &str) -> Vec<(String, String)> {
        self.options.iter().find(|(l, _)| l == list).map(|(_, o)| o.clone()).unwrap_or_default()
    }
}

#[server(prefix = "/api/menages", endpoint = "persons-situations")]
pub async fn get_situations_personnes(menage_id: Uuid) -> Result<SituationsView, AppError> {
    GetSituationsPersonnes::run(async move |mut cx| {
        authorize_menage(&mut cx, menage_id).await?;
        let mut conn = cx.db().acquire().await?;
        let mut lists = situation::lists();
        lists.extend(situation::Nature::ALL.map(situation::Nature::list));
        let options = referentiel::options_for(cx.db(), &lists).await?;
        Ok(SituationsView {
            situations: situations::situations(&mut conn, menage_id).await?,
            budget: situations::budget(&mut conn, menage_id).await?,
            options: lists.iter().map(|l| l.to_string()).zip(options).collect(),
        })
    })
    .await
}

/// Saves a person's situations if nobody changed the person since `version`.
#[server(prefix = "/api/menages", endpoint = "persons-situations-update")]
pub async fn update_situations_personne(
    personne_id: Uuid,
    version: i32,
    #[server(default)] form: BTreeMap<String, String>,
) -> Result<i32, AppError> {
    UpdateSituationsPersonne::run(async move |mut cx| {
        let menage_id = authorize_personne(&mut cx, personne_id).await?;
        let (values, codes) = situation::parse(&form, chrono::Utc::now().date_naive())?;
        check_codes(&cx, &codes).await?;
        let mut tx = cx.db().begin().await?;
        let new_version = save_situations(&cx, &mut tx, (menage_id, personne_id), version, &values).await?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(new_version)
    })
    .await
}

/// Adds a line to a person's budget; its id.
#[server(prefix = "/api/menages", endpoint = "budget-add")]
pub async fn add_budget_line(#[server(default)] form: BudgetLineForm) -> Result<Uuid, AppError> {
    AddBudgetLine::run(async move |mut cx| {
        let line = form.parse()?;
        let menage_id = authorize_personne(&mut cx, line.personne_id).await?;
        let code = Code { field: "type", list: line.nature.list(), code: &line.type_code };
        check_codes(&cx, &[code]).await?;
        let (id, user) = (Uuid::new_v4(), cx.user.user_id);
        let mut tx = cx.db().begin().await?;
        situations::add_budget_line(&mut tx, id, &line, user).await?;
        let added = situations::budget(&mut tx, menage_id).await?.lines.into_iter().find(|l| l.id == id);
        let comment = format!("Ajout : {}", added.map(|l| l.describe()).unwrap_or_default());
        budget_history(&cx, &mut tx, line.personne_id, &comment).await?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(id)
    })
    .await
}

/// Removes a line from a person's budget (kept, marked removed, in the history).
#[server(prefix = "/api/menages", endpoint = "budget-remove")]
pub async fn remove_budget_line(id: Uuid) -> Result<(), AppError> {
    RemoveBudgetLine::run(async move |mut cx| {
        let mut conn = cx.db().acquire().await?;
        let personne_id = situations::budget_line_personne(&mut conn, id).await?.ok_or(AppError::NotFound)?;
        drop(conn);
        let menage_id = authorize_personne(&mut cx, personne_id).await?;
        let mut tx = cx.db().begin().await?;
        let line = situations::budget(&mut tx, menage_id).await?.lines.into_iter().find(|l| l.id == id);
        if !situations::remove_budget_line(&mut tx, id, cx.user.user_id).await? {
            return Err(AppError::NotFound);
        }
        let comment = format!("Retrait : {}", line.map(|l| l.describe()).unwrap_or_default());
        budget_history(&cx, &mut tx, personne_id, &comment).await?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(())
    })
    .await
}

/// The person's current ménage, once the matrix allows the caller on it.
#[cfg(feature = "ssr")]
pub(crate) async fn authorize_personne(cx: &mut Ctx, personne_id: Uuid) -> Result<Uuid, AppError> {
    let menage_id = repo::menage_of(cx.db(), personne_id).await?.ok_or(AppError::NotFound)?;
    authorize_menage(cx, menage_id).await?;
    Ok(menage_id)
}

/// Saves a person's situations in `tx` if she is still at `version`, with its history line: her new version.
#[cfg(feature = "ssr")]
pub(crate) async fn save_situations(
    cx: &Ctx,
    tx: &mut sqlx::PgConnection,
    (menage_id, personne_id): (Uuid, Uuid),
    version: i32,
    values: &situation::Values,
) -> Result<i32, AppError> {
    let user = cx.user.user_id;
    let of = |all: Vec<SituationPersonne>| all.into_iter().find(|s| s.personne_id == personne_id);
    let before = of(situations::situations(tx, menage_id).await?).ok_or(AppError::NotFound)?;
    let Some(new_version) = situations::bump_personne(tx, personne_id, Some(version), user).await? else {
        let current = repo::personne_version(cx.db(), personne_id).await?;
        return Err(stale(cx, Object::Personne, personne_id, version, current).await);
    };
    situations::save_situations(tx, personne_id, values, user).await?;
    let after = of(situations::situations(tx, menage_id).await?).ok_or(AppError::NotFound)?;
    let action = "Modification des situations";
    history::write(tx, Object::Personne, personne_id, new_version, action, user, (Some(&before), &after), None).await?;
    Ok(new_version)
}

/// Each code checked against its référentiel (one query).
#[cfg(feature = "ssr")]
pub(crate) async fn check_codes(cx: &Ctx, codes: &[Code<'_>]) -> Result<(), AppError> {
    let lists: Vec<&str> = codes.iter().map(|c| c.list).collect();
    let options = referentiel::options_for(cx.db(), &lists).await?;
    let errors: Vec<FieldError> = codes
        .iter()
        .zip(options)
        .filter(|(c, options)| !options.iter().any(|(code, _)| code == c.code))
        .map(|(c, _)| FieldError::not_in_list(c.field))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

/// The history line of a budget change: a new version of the person, the line in words.
#[cfg(feature = "ssr")]
async fn budget_history(
    cx: &Ctx,
    tx: &mut sqlx::PgConnection,
    personne_id: Uuid,
    comment: &str,
) -> Result<(), AppError> {
    let user = cx.user.user_id;
    let version = situations::bump_personne(tx, personne_id, None, user).await?.ok_or(AppError::NotFound)?;
    history::write(tx, Object::Personne, personne_id, version, "Budget", user, NO_FIELDS, Some(comment)).await?;
    Ok(())
}
