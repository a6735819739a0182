//! Server functions of the entités: the matrix decides on the entité's territory; the circuit
//! (`offre::lifecycle`) and the matrix notes add their rules (a SIAO edits before validation only,
//! a Gestionnaire d'entité edits its contact fields only).

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{EntiteDetail, EntiteFilter, EntiteForm, EntiteListItem, EntiteOptions};
use crate::error::AppError;
use crate::handler::server_fns;
use crate::history::HistoryLine;
use crate::offre::lifecycle::Transition;

#[cfg(feature = "ssr")]
use {
    super::{
        model::{EntiteInput, GESTIONNAIRE_FIELDS},
        repo,
    },
    crate::error::{ConstraintErrors, FieldError, OnConstraint},
    crate::handler::{Ctx, Guarded},
    crate::history::repo as history,
    crate::offre::{circuit, lifecycle::Statut},
    crate::rights::{
        authorize::Target,
        model::{Object, Profile},
    },
};

server_fns! {
    ListEntites => matrix(Entite, Consulter),
    GetEntite => matrix(Entite, Consulter),
    EntiteFormOptions => matrix(Entite, Consulter),
    CreateEntite => matrix(Entite, Creer),
    UpdateEntite => matrix(Entite, Modifier),
    MoveEntite => matrix(Entite, Valider),
    EntitesToValidate => matrix(Entite, Valider),
    SetEntiteActive => matrix(Entite, Supprimer),
}

/// A page of entités and the total.
#[server(prefix = "/api/offre/entites", endpoint = "list")]
pub async fn list_entites(#[server(default)] filter: EntiteFilter) -> Result<(Vec<EntiteListItem>, i64), AppError> {
    ListEntites::run(async move |cx| Ok(repo::list(cx.db(), &cx.user, cx.scope(), &filter, None).await?)).await
}

/// An entité and its history.
#[server(prefix = "/api/offre/entites", endpoint = "get")]
pub async fn get_entite(id: Uuid) -> Result<(EntiteDetail, Vec<HistoryLine>), AppError> {
    GetEntite::run(async move |mut cx| {
        let detail = load_authorized(&mut cx, id).await?;
        let lines = history::of(cx.db(), Object::Entite, &id.to_string()).await?;
        Ok((detail, lines))
    })
    .await
}

#[server(prefix = "/api/offre/entites", endpoint = "options")]
pub async fn entite_form_options() -> Result<EntiteOptions, AppError> {
    EntiteFormOptions::run(async |cx| Ok(repo::options(cx.db(), &cx.user).await?)).await
}

/// Creates an entité: valid at once for the département's (and the national) administrators, a draft
/// to pre-validate for a SIAO.
#[server(prefix = "/api/offre/entites", endpoint = "create")]
pub async fn create_entite(form: EntiteForm) -> Result<Uuid, AppError> {
    CreateEntite::run(async move |mut cx| {
        let input = EntiteInput::try_from(form)?;
        let target = Target { departements: input.departements.clone(), ..Default::default() };
        cx.authorize(target, None::<Uuid>).await?;
        let input = checked(&cx, input, &[]).await?;
        let statut = Statut::at_creation(cx.user.profile);
        let mut tx = cx.db().begin().await?;
        let id = repo::insert(&mut tx, &input, statut, cx.user.user_id).await.on_constraints(UNIQUE)?;
        record(&cx, tx, id, 1, "Création", None, None).await?;
        cx.created(id);
        cx.done("creer").await;
        crate::url::redirect(&format!("/offre/entites/{id}?cree=1"));
        Ok(id)
    })
    .await
}

/// Saves an entité if nobody changed it since `version`. A Gestionnaire d'entité changes its contact
/// fields only; a SIAO edits before departmental validation only.
#[server(prefix = "/api/offre/entites", endpoint = "update")]
pub async fn update_entite(id: Uuid, version: i32, form: EntiteForm) -> Result<i32, AppError> {
    UpdateEntite::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        if cx.user.profile == Profile::AdminSiao && !before.statut.before_validation() {
            return Err(cx.refuse(Some("entité déjà validée par le département")).await);
        }
        let form =
            if cx.user.profile == Profile::GestionnaireEntite { only_contact_fields(&before.form, form) } else { form };
        let input = EntiteInput::try_from(form)?;
        // The entité as it would become must stay within the user's rights (no move out of the territory).
        cx.authorize(
            Target { departements: input.departements.clone(), entite_id: Some(id), ..Default::default() },
            Some(id),
        )
        .await?;
        let input = checked(&cx, input, &before.departements).await?;
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::update(&mut tx, id, version, &input).await.on_constraints(UNIQUE)? else {
            return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
        };
        record(&cx, tx, id, new_version, "Modification", Some(&before), None).await?;
        cx.done("modifier").await;
        Ok(new_version)
    })
    .await
}

/// A step of the validation circuit (pre-validate, validate, send back with a reason).
#[server(prefix = "/api/offre/entites", endpoint = "move")]
pub async fn move_entite(
    id: Uuid,
    version: i32,
    transition: Transition,
    motif: Option<String>,
) -> Result<i32, AppError> {
    MoveEntite::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        let (statut, motif) = circuit::check_step(&cx, "une entité", before.statut, transition, motif).await?;
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::set_statut(&mut tx, id, version, statut, motif.as_deref()).await? else {
            return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
        };
        record(&cx, tx, id, new_version, transition.label(), Some(&before), motif.as_deref()).await?;
        cx.done(transition.code()).await;
        Ok(new_version)
    })
    .await
}

/// The work queue: the entités waiting for this administrator's step (drafts and sent-back ones for a
/// SIAO, pre-validated ones for a département; all of them for the national administrator).
#[server(prefix = "/api/offre/entites", endpoint = "queue")]
pub async fn entites_to_validate() -> Result<Vec<EntiteListItem>, AppError> {
    EntitesToValidate::run(async |cx| {
        let statuts = Statut::waiting_for(cx.user.profile);
        Ok(repo::list(cx.db(), &cx.user, cx.scope(), &EntiteFilter::default(), Some(&statuts)).await?.0)
    })
    .await
}

#[cfg(feature = "ssr")]
async fn load_authorized(cx: &mut Ctx, id: Uuid) -> Result<EntiteDetail, AppError> {
    let target = repo::target_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    cx.authorize(target, Some(id)).await?;
    repo::load(cx.db(), id).await?.ok_or(AppError::NotFound)
}

/// The form parsed, with the checks that need the database (codes of the référentiels, départements).
/// A territorial user attaches an entité only to départements of his territory (or that it already
/// has): an entité reaching into another département is the national administrator's decision.
#[cfg(feature = "ssr")]
async fn checked(cx: &Ctx, input: EntiteInput, already: &[String]) -> Result<EntiteInput, AppError> {
    let mut errors = vec![];
    let national = cx.user.departements.is_empty();
    let foreign: Vec<&str> = input
        .departements
        .iter()
        .filter(|d| !national && !cx.user.departements.contains(d) && !already.contains(d))
        .map(String::as_str)
        .collect();
    if !foreign.is_empty() {
        let field =
            if foreign.contains(&input.departement_code.as_str()) { "departement_code" } else { "autres_departements" };
        errors.push(FieldError::new(
            field,
            format!(
                "Hors de votre territoire : {}. Seul l'Administrateur national rattache une entité à d'autres départements.",
                foreign.join(", ")
            ),
        ));
    }
    if let Some(c) = &input.convention_collective {
        if !crate::referentiel::repo::usable(cx.db(), "convention_collective", c).await? {
            errors.push(FieldError::new("convention_collective", "Choisissez un type de convention de la liste."));
        }
    }
    let unknown = repo::unknown_departements(cx.db(), &input.departements).await?;
    if !unknown.is_empty() {
        let field = if unknown.contains(&input.departement_code) { "departement_code" } else { "autres_departements" };
        errors.push(FieldError::new(field, format!("Département inconnu : {}.", unknown.join(", "))));
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors.into())
    }
}

/// What a Gestionnaire d'entité may change: its contact fields; the rest stays as it is.
#[cfg(feature = "ssr")]
fn only_contact_fields(current: &EntiteForm, typed: EntiteForm) -> EntiteForm {
    debug_assert_eq!(GESTIONNAIRE_FIELDS.len(), 5);
    EntiteForm {
        telephone: typed.telephone,
        courriel: typed.courriel,
        adresse: typed.adresse,
        code_postal: typed.code_postal,
        commune: typed.commune,
        ..current.clone()
    }
}

/// Deactivates an entité (its dispositifs first), or activates it again.
#[server(prefix = "/api/offre/entites", endpoint = "activation")]
pub async fn set_entite_active(id: Uuid, version: i32, actif: bool) -> Result<i32, AppError> {
    SetEntiteActive::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        let dispositifs = repo::active_dispositifs(cx.db(), id).await?;
        if !actif && dispositifs > 0 {
            return Err(AppError::Refused(format!(
                "Désactivez d'abord ses {dispositifs} dispositif(s) actif(s) : une entité se ferme après son offre."
            )));
        }
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::set_actif(&mut tx, id, version, actif).await? else {
            return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
        };
        let action = if actif { "Réactivation" } else { "Désactivation" };
        record(&cx, tx, id, new_version, action, Some(&before), None).await?;
        cx.done(if actif { "activer" } else { "desactiver" }).await;
        Ok(new_version)
    })
    .await
}

/// Writes the history line of a save of an entité (as the transaction now sees it) and commits.
#[cfg(feature = "ssr")]
async fn record(
    cx: &Ctx,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    id: Uuid,
    version: i32,
    action: &str,
    before: Option<&EntiteDetail>,
    comment: Option<&str>,
) -> Result<(), AppError> {
    let after = repo::load_in(&mut tx, id).await?;
    circuit::commit_with_history(cx, tx, Object::Entite, id, version, action, (before, &after), comment).await
}

/// The uniqueness rules of the database, as field errors.
#[cfg(feature = "ssr")]
const UNIQUE: ConstraintErrors<'static> = &[
    ("entites_siren_key", || AppError::invalid("siren", "Une entité porte déjà ce SIREN.")),
    ("entites_nom_departement_key", || AppError::invalid("nom", "Une entité de ce département porte déjà ce nom.")),
];
