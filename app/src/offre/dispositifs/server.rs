//! Server functions of the dispositifs. The matrix decides on the dispositif's territory; its notes
//! add the P177 rule (the département creates and edits the P177-financed dispositifs, the SIAO the
//! others, before validation), and the Gestionnaire d'entité edits the contact fields only.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{DispositifDetail, DispositifFilter, DispositifForm, DispositifListItem, DispositifOptions};
use crate::error::AppError;
use crate::handler::server_fns;
use crate::history::HistoryLine;
use crate::offre::lifecycle::Transition;

#[cfg(feature = "ssr")]
use {
    super::{model::DispositifInput, repo},
    crate::error::{ConstraintErrors, FieldError, OnConstraint},
    crate::handler::{Ctx, Guarded},
    crate::history::repo as history,
    crate::offre::{circuit, lifecycle::Statut},
    crate::referentiel::repo as referentiel,
    crate::rights::{
        authorize::Target,
        model::{Object, Profile},
    },
};

server_fns! {
    ListDispositifs => matrix(Dispositif, Consulter),
    GetDispositif => matrix(Dispositif, Consulter),
    DispositifFormOptions => matrix(Dispositif, Consulter),
    CreateDispositif => matrix(Dispositif, Creer),
    UpdateDispositif => matrix(Dispositif, Modifier),
    MoveDispositif => matrix(Dispositif, Valider),
    DispositifsToValidate => matrix(Dispositif, Valider),
    SetDispositifActive => matrix(Dispositif, Supprimer),
}

#[server(prefix = "/api/offre/dispositifs", endpoint = "list")]
pub async fn list_dispositifs(
    #[server(default)] filter: DispositifFilter,
) -> Result<(Vec<DispositifListItem>, i64), AppError> {
    ListDispositifs::run(async move |cx| Ok(repo::list(cx.db(), &cx.user, cx.scope(), &filter, None).await?)).await
}

#[server(prefix = "/api/offre/dispositifs", endpoint = "get")]
pub async fn get_dispositif(id: Uuid) -> Result<(DispositifDetail, Vec<HistoryLine>), AppError> {
    GetDispositif::run(async move |mut cx| {
        let detail = load_authorized(&mut cx, id).await?;
        let lines = history::of(cx.db(), Object::Dispositif, &id.to_string()).await?;
        Ok((detail, lines))
    })
    .await
}

#[server(prefix = "/api/offre/dispositifs", endpoint = "options")]
pub async fn dispositif_form_options() -> Result<DispositifOptions, AppError> {
    DispositifFormOptions::run(async |cx| Ok(repo::options(cx.db(), &cx.user, cx.scope()).await?)).await
}

/// Creates a dispositif in an entité: a P177-financed one by the département (valid at once), another one
/// by the SIAO (a draft to pre-validate); the national administrator creates both.
#[server(prefix = "/api/offre/dispositifs", endpoint = "create")]
pub async fn create_dispositif(form: DispositifForm) -> Result<Uuid, AppError> {
    CreateDispositif::run(async move |mut cx| {
        let input = DispositifInput::try_from(form)?;
        let target = Target {
            departements: vec![input.departement_code.clone()],
            entite_id: Some(input.entite_id),
            ..Default::default()
        };
        cx.authorize(target, None::<Uuid>).await?;
        p177_rule(&cx, input.finance_p177).await?;
        let input = checked(&cx, input).await?;
        let mut tx = cx.db().begin().await?;
        let id = repo::insert(&mut tx, &input, Statut::at_creation(cx.user.profile), cx.user.user_id)
            .await
            .on_constraints(UNIQUE)?;
        record(&cx, tx, id, 1, "Création", None, None).await?;
        cx.created(id);
        cx.done("creer").await;
        crate::url::redirect(&format!("/offre/dispositifs/{id}?cree=1"));
        Ok(id)
    })
    .await
}

#[server(prefix = "/api/offre/dispositifs", endpoint = "update")]
pub async fn update_dispositif(id: Uuid, version: i32, form: DispositifForm) -> Result<i32, AppError> {
    UpdateDispositif::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        if cx.user.profile == Profile::AdminSiao && !before.statut.before_validation() {
            return Err(cx.refuse(Some("dispositif déjà validé par le département")).await);
        }
        p177_rule(&cx, before.p177()).await?;
        let form = match cx.user.profile {
            Profile::GestionnaireEntite => DispositifForm {
                telephone: form.telephone,
                courriel: form.courriel,
                adresse: form.adresse,
                code_postal: form.code_postal,
                commune: form.commune,
                ..before.form.clone()
            },
            // The entité of a dispositif does not change (the form may leave it out).
            _ if !form.entite_id.trim().is_empty() && form.entite_id.trim() != before.form.entite_id => {
                return Err(AppError::invalid("entite_id", "Un dispositif ne change pas d'entité."));
            }
            _ => DispositifForm { entite_id: before.form.entite_id.clone(), ..form },
        };
        let input = DispositifInput::try_from(form)?;
        let target = Target {
            departements: vec![input.departement_code.clone()],
            entite_id: Some(input.entite_id),
            dispositifs: vec![id],
            ..Default::default()
        };
        cx.authorize(target, Some(id)).await?;
        p177_rule(&cx, input.finance_p177).await?;
        let input = checked(&cx, input).await?;
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

#[server(prefix = "/api/offre/dispositifs", endpoint = "move")]
pub async fn move_dispositif(
    id: Uuid,
    version: i32,
    transition: Transition,
    motif: Option<String>,
) -> Result<i32, AppError> {
    MoveDispositif::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        p177_rule(&cx, before.p177()).await?;
        let (statut, motif) = circuit::check_step(&cx, "un dispositif", before.statut, transition, motif).await?;
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

/// The dispositifs waiting for this administrator's step.
#[server(prefix = "/api/offre/dispositifs", endpoint = "queue")]
pub async fn dispositifs_to_validate() -> Result<Vec<DispositifListItem>, AppError> {
    DispositifsToValidate::run(async |cx| {
        let statuts = Statut::waiting_for(cx.user.profile);
        Ok(repo::list(cx.db(), &cx.user, cx.scope(), &DispositifFilter::default(), Some(&statuts)).await?.0)
    })
    .await
}

/// Deactivates a dispositif once no ménage occupies its places (its groupes no longer count as
/// installed nor take orientations), or activates it again.
#[server(prefix = "/api/offre/dispositifs", endpoint = "activation")]
pub async fn set_dispositif_active(id: Uuid, version: i32, actif: bool) -> Result<i32, AppError> {
    SetDispositifActive::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        let occupied = repo::occupied_places(cx.db(), id).await?;
        if !actif && occupied > 0 {
            return Err(AppError::Refused(format!(
                "{occupied} place(s) occupée(s) : le dispositif se désactive une fois les ménages partis."
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

#[cfg(feature = "ssr")]
async fn load_authorized(cx: &mut Ctx, id: Uuid) -> Result<DispositifDetail, AppError> {
    let target = repo::target_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    cx.authorize(target, Some(id)).await?;
    repo::load(cx.db(), id).await?.ok_or(AppError::NotFound)
}

/// The matrix notes on P177: the département's administrator acts on the P177-financed dispositifs, the
/// SIAO's on the others (a journaled 403 otherwise). Other profiles: their cell decided.
#[cfg(feature = "ssr")]
async fn p177_rule(cx: &Ctx, p177: bool) -> Result<(), AppError> {
    let refused = match cx.user.profile {
        Profile::AdminDepartemental => cx.action() == crate::rights::model::Action::Creer && !p177,
        Profile::AdminSiao => p177,
        _ => false,
    };
    if refused {
        let why = if p177 {
            "dispositif financé P177 : rôle du département"
        } else {
            "dispositif non financé P177 : rôle du SIAO"
        };
        return Err(cx.refuse(Some(why)).await);
    }
    Ok(())
}

/// The checks that need the database: the entité's départements, the nomenclature (a type of the
/// chosen nature, valid today), the publics.
#[cfg(feature = "ssr")]
async fn checked(cx: &Ctx, input: DispositifInput) -> Result<DispositifInput, AppError> {
    let mut errors = vec![];
    let departements = repo::entite_departements(cx.db(), input.entite_id).await?;
    if departements.is_empty() {
        errors.push(FieldError::new("entite_id", "Entité inconnue."));
    } else if !departements.contains(&input.departement_code) {
        errors.push(FieldError::new("departement_code", "L'entité n'intervient pas dans ce département."));
    }
    if !referentiel::usable(cx.db(), "nature_dispositif", &input.nature_code).await? {
        errors.push(FieldError::new("nature_code", "Choisissez une nature de la nomenclature."));
    }
    let today = chrono::Utc::now().date_naive();
    match referentiel::value(cx.db(), "type_dispositif", &input.type_code).await? {
        Some(t) if t.usable_on(today) && t.parent_code.as_deref() == Some(input.nature_code.as_str()) => {}
        Some(t) if t.usable_on(today) => {
            errors.push(FieldError::new("type_code", "Ce type n'appartient pas à la nature choisie."))
        }
        _ => errors.push(FieldError::new("type_code", "Choisissez un type de la nomenclature en vigueur.")),
    }
    for p in &input.publics {
        if !referentiel::usable(cx.db(), "public_accueilli", p).await? {
            errors.push(FieldError::new("publics", "Choisissez les publics dans la liste."));
            break;
        }
    }
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors.into())
    }
}

#[cfg(feature = "ssr")]
async fn record(
    cx: &Ctx,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    id: Uuid,
    version: i32,
    action: &str,
    before: Option<&DispositifDetail>,
    comment: Option<&str>,
) -> Result<(), AppError> {
    let after = repo::load_in(&mut tx, id).await?;
    circuit::commit_with_history(cx, tx, Object::Dispositif, id, version, action, (before, &after), comment).await
}

#[cfg(feature = "ssr")]
const UNIQUE: ConstraintErrors<'static> =
    &[("dispositifs_entite_id_nom_key", || AppError::invalid("nom", "Cette entité a déjà un dispositif de ce nom."))];
