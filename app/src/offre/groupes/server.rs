//! Server functions of the groupes de places and their places. The Gestionnaire d'entité (and its
//! Assistant) creates groupes in the validated dispositifs of its entité, edits, activates and
//! deactivates them; with the Responsable de dispositif, it immobilises and frees places (matrix notes).

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{GroupeDetail, GroupeForm, GroupeListItem, GroupeOptions, ImmobilisationForm};
use crate::error::AppError;
use crate::handler::server_fns;
use crate::history::HistoryLine;

#[cfg(feature = "ssr")]
use {
    super::{
        model::{GroupeInput, Immobilisation, PlaceStatut},
        repo,
    },
    crate::error::{ConstraintErrors, FieldError, OnConstraint},
    crate::handler::{Ctx, Guarded},
    crate::history::repo as history,
    crate::offre::{circuit, dispositifs::model::PREMIER_ACCUEIL, dispositifs::repo as dispositifs},
    crate::referentiel::repo as referentiel,
    crate::rights::model::{Object, Profile},
};

server_fns! {
    ListGroupes => matrix(GroupePlaces, Consulter),
    GetGroupe => matrix(GroupePlaces, Consulter),
    GroupeFormOptions => matrix(GroupePlaces, Consulter),
    CreateGroupe => matrix(GroupePlaces, Creer),
    UpdateGroupe => matrix(GroupePlaces, Modifier),
    ActivateGroupe => matrix(GroupePlaces, Modifier),
    DeactivateGroupe => matrix(GroupePlaces, Supprimer),
    ImmobiliserPlace => matrix(GroupePlaces, Modifier),
    DesimmobiliserPlace => matrix(GroupePlaces, Modifier),
}

/// The groupes of a dispositif, with their places counted by status.
#[server(prefix = "/api/offre/groupes", endpoint = "list")]
pub async fn list_groupes(dispositif_id: Uuid) -> Result<Vec<GroupeListItem>, AppError> {
    ListGroupes::run(async move |mut cx| {
        let target = dispositifs::target_of(cx.db(), dispositif_id).await?.ok_or(AppError::NotFound)?;
        cx.authorize(target, Some(dispositif_id)).await?;
        Ok(repo::of_dispositif(cx.db(), dispositif_id).await?)
    })
    .await
}

#[server(prefix = "/api/offre/groupes", endpoint = "get")]
pub async fn get_groupe(id: Uuid) -> Result<(GroupeDetail, Vec<HistoryLine>), AppError> {
    GetGroupe::run(async move |mut cx| {
        let detail = load_authorized(&mut cx, id).await?;
        let lines = history::of(cx.db(), Object::GroupePlaces, &id.to_string()).await?;
        Ok((detail, lines))
    })
    .await
}

#[server(prefix = "/api/offre/groupes", endpoint = "options")]
pub async fn groupe_form_options() -> Result<GroupeOptions, AppError> {
    GroupeFormOptions::run(async |cx| {
        Ok(GroupeOptions {
            publics: referentiel::options(cx.db(), "public_accueilli").await?,
            motifs: referentiel::options(cx.db(), "motif_immobilisation").await?,
        })
    })
    .await
}

/// Creates a groupe and its places in a validated, active dispositif that takes people in (not a
/// premier accueil).
#[server(prefix = "/api/offre/groupes", endpoint = "create")]
pub async fn create_groupe(form: GroupeForm) -> Result<Uuid, AppError> {
    CreateGroupe::run(async move |mut cx| {
        let input = GroupeInput::try_from(form)?;
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
        crate::url::redirect(&format!("/offre/groupes/{id}?cree=1"));
        Ok(id)
    })
    .await
}

/// Saves a groupe's description and its number of places (removing places takes free ones).
#[server(prefix = "/api/offre/groupes", endpoint = "update")]
pub async fn update_groupe(id: Uuid, version: i32, form: GroupeForm) -> Result<i32, AppError> {
    UpdateGroupe::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        places_only(&cx).await?;
        // The dispositif of a groupe does not change (the form may leave it out).
        let dispositif_id = form.dispositif_id.trim();
        if !dispositif_id.is_empty() && dispositif_id != before.form.dispositif_id {
            return Err(AppError::invalid("dispositif_id", "Un groupe de places ne change pas de dispositif."));
        }
        let input = GroupeInput::try_from(GroupeForm { dispositif_id: before.form.dispositif_id.clone(), ..form })?;
        let input = publics_checked(&cx, input).await?;
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::update(&mut tx, id, version, &input).await.on_constraints(UNIQUE)? else {
            return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
        };
        if let Err(libres) = repo::resize(&mut tx, id, input.nombre_places).await? {
            return Err(AppError::invalid(
                "nombre_places",
                format!("Seules les places libres peuvent être retirées : ce groupe en a {libres}."),
            ));
        }
        record(&cx, tx, id, new_version, "Modification", Some(&before)).await?;
        cx.done("modifier").await;
        Ok(new_version)
    })
    .await
}

#[server(prefix = "/api/offre/groupes", endpoint = "activate")]
pub async fn activate_groupe(id: Uuid, version: i32) -> Result<i32, AppError> {
    ActivateGroupe::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        places_only(&cx).await?;
        set_actif(&cx, before, version, true).await
    })
    .await
}

/// Deactivates an empty groupe: its places no longer count as installed nor take orientations.
#[server(prefix = "/api/offre/groupes", endpoint = "deactivate")]
pub async fn deactivate_groupe(id: Uuid, version: i32) -> Result<i32, AppError> {
    DeactivateGroupe::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        let occupees = before.compte().occupees;
        if occupees > 0 {
            return Err(AppError::Refused(format!(
                "{occupees} place(s) occupée(s) : le groupe se désactive une fois les ménages partis."
            )));
        }
        set_actif(&cx, before, version, false).await
    })
    .await
}

/// Immobilises a free place (works, damage...): it no longer takes orientations until it is freed.
#[server(prefix = "/api/offre/groupes", endpoint = "immobiliser")]
pub async fn immobiliser_place(id: Uuid, version: i32, form: ImmobilisationForm) -> Result<i32, AppError> {
    ImmobiliserPlace::run(async move |mut cx| {
        let (groupe, before) = load_place_authorized(&mut cx, id, version).await?;
        let immobilisation = Immobilisation::try_from(form)?;
        if !referentiel::usable(cx.db(), "motif_immobilisation", &immobilisation.motif).await? {
            return Err(AppError::invalid("motif", "Choisissez un motif de la liste."));
        }
        if before.statut != PlaceStatut::Libre {
            return Err(AppError::Refused(format!(
                "La place {} est {} : seule une place libre s'immobilise.",
                before.numero,
                before.statut.label().to_lowercase()
            )));
        }
        change_place(&cx, groupe, before, version, Some(&immobilisation), "Immobilisation").await
    })
    .await
}

/// Frees an immobilised place (désimmobilisation): it is libre again.
#[server(prefix = "/api/offre/groupes", endpoint = "desimmobiliser")]
pub async fn desimmobiliser_place(id: Uuid, version: i32) -> Result<i32, AppError> {
    DesimmobiliserPlace::run(async move |mut cx| {
        let (groupe, before) = load_place_authorized(&mut cx, id, version).await?;
        if before.statut != PlaceStatut::Immobilisee {
            return Err(AppError::Refused(format!("La place {} n'est pas immobilisée.", before.numero)));
        }
        change_place(&cx, groupe, before, version, None, "Désimmobilisation").await
    })
    .await
}

#[cfg(feature = "ssr")]
async fn load_authorized(cx: &mut Ctx, id: Uuid) -> Result<GroupeDetail, AppError> {
    let target = repo::target_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    cx.authorize(target, Some(id)).await?;
    repo::load(cx.db(), id).await?.ok_or(AppError::NotFound)
}

/// The place and its groupe's id, if the user may act on the groupe and saw the place's current
/// version (otherwise a conflict: the place changed meanwhile).
#[cfg(feature = "ssr")]
async fn load_place_authorized(
    cx: &mut Ctx,
    id: Uuid,
    version: i32,
) -> Result<(Uuid, super::model::PlaceItem), AppError> {
    let (groupe, target) = repo::place_target(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    cx.authorize(target, Some(id)).await?;
    let place = repo::load_place_in(&mut *cx.db().acquire().await?, id).await?;
    if place.version != version {
        return Err(AppError::Conflict { current_version: place.version });
    }
    Ok((groupe, place))
}

/// The matrix note of the Responsable de dispositif: it immobilises and frees places, nothing else.
#[cfg(feature = "ssr")]
async fn places_only(cx: &Ctx) -> Result<(), AppError> {
    if cx.user.profile == Profile::ResponsableDispositif {
        return Err(cx.refuse(Some("le responsable de dispositif immobilise et libère des places")).await);
    }
    Ok(())
}

/// The checks that need the database: the dispositif takes groupes (validated, active, not a premier
/// accueil), the publics come from the référentiel.
#[cfg(feature = "ssr")]
async fn checked(cx: &Ctx, input: GroupeInput) -> Result<GroupeInput, AppError> {
    let (statut, actif, nature) =
        repo::dispositif_state(cx.db(), input.dispositif_id).await?.ok_or(AppError::NotFound)?;
    let refused = if nature.as_deref() == Some(PREMIER_ACCUEIL) {
        Some("Un dispositif de premier accueil n'a pas de places.")
    } else if statut != "valide" {
        Some("Le dispositif doit être validé avant de recevoir des places.")
    } else if !actif {
        Some("Le dispositif est désactivé.")
    } else {
        None
    };
    if let Some(message) = refused {
        return Err(AppError::invalid("dispositif_id", message));
    }
    publics_checked(cx, input).await
}

#[cfg(feature = "ssr")]
async fn publics_checked(cx: &Ctx, input: GroupeInput) -> Result<GroupeInput, AppError> {
    for p in &input.publics {
        if !referentiel::usable(cx.db(), "public_accueilli", p).await? {
            return Err(vec![FieldError::new("publics", "Choisissez les publics dans la liste.")].into());
        }
    }
    Ok(input)
}

#[cfg(feature = "ssr")]
async fn set_actif(cx: &Ctx, before: GroupeDetail, version: i32, actif: bool) -> Result<i32, AppError> {
    let id = before.id;
    let mut tx = cx.db().begin().await?;
    let Some(new_version) = repo::set_actif(&mut tx, id, version, actif).await? else {
        return Err(AppError::Conflict { current_version: repo::current_version(cx.db(), id).await? });
    };
    let action = if actif { "Activation" } else { "Désactivation" };
    record(cx, tx, id, new_version, action, Some(&before)).await?;
    cx.done(if actif { "activer" } else { "desactiver" }).await;
    Ok(new_version)
}

/// Saves a place's new status; the groupe's history tells it.
#[cfg(feature = "ssr")]
async fn change_place(
    cx: &Ctx,
    groupe: Uuid,
    before: super::model::PlaceItem,
    version: i32,
    immobilisation: Option<&Immobilisation>,
    action: &str,
) -> Result<i32, AppError> {
    let mut tx = cx.db().begin().await?;
    let Some(new_version) = repo::set_immobilisation(&mut tx, before.id, version, immobilisation).await? else {
        return Err(AppError::Conflict { current_version: repo::place_version(cx.db(), before.id).await? });
    };
    let after = repo::load_place_in(&mut tx, before.id).await?;
    let groupe_version = repo::current_version(cx.db(), groupe).await?;
    let action = format!("{action} de la place {}", before.numero);
    circuit::commit_with_history(
        cx,
        tx,
        Object::GroupePlaces,
        groupe,
        groupe_version,
        &action,
        (Some(&before), &after),
        None,
    )
    .await?;
    cx.done(if immobilisation.is_some() { "immobiliser" } else { "desimmobiliser" }).await;
    Ok(new_version)
}

#[cfg(feature = "ssr")]
async fn record(
    cx: &Ctx,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    id: Uuid,
    version: i32,
    action: &str,
    before: Option<&GroupeDetail>,
) -> Result<(), AppError> {
    let after = repo::load_in(&mut tx, id).await?;
    circuit::commit_with_history(cx, tx, Object::GroupePlaces, id, version, action, (before, &after), None).await
}

#[cfg(feature = "ssr")]
const UNIQUE: ConstraintErrors<'static> = &[("groupes_places_dispositif_nom_key", || {
    AppError::invalid("nom", "Ce dispositif a déjà un groupe de places de ce nom.")
})];
