//! Server functions of the prestations. The matrix decides on the ménage (with the prestation's author);
//! two domain rules sit on top: only the team of the dispositif asked takes it in charge and closes it,
//! only its requester (or the SIAO) cancels it.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{PrestationForm, PrestationOptions, PrestationView};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::model::{next, Etape},
    super::repo::{self, Filter, StepDetails, Stored},
    crate::demande::server::{check_codes, motif_of, siao_side},
    crate::error::FieldError,
    crate::handler::{Ctx, Guarded},
    crate::menage::repo as menages,
    crate::rights::model::Scope,
};

server_fns! {
    ListPrestationsMenage => matrix(Prestation, Consulter),
    ListPrestations => matrix(Prestation, Consulter),
    PrestationFormOptions => matrix(Prestation, Creer),
    CreatePrestation => matrix(Prestation, Creer),
    StepPrestation => matrix(Prestation, Modifier),
    CancelPrestation => matrix(Prestation, Supprimer),
}

/// The prestation, once the matrix allowed the caller on its ménage (or as its author).
#[cfg(feature = "ssr")]
async fn authorize_prestation(cx: &mut Ctx, id: Uuid) -> Result<Stored, AppError> {
    let p = repo::stored(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let mut target = menages::target_of(cx.db(), p.menage_id).await?.ok_or(AppError::NotFound)?;
    target.owner = Some(p.created_by);
    cx.authorize(target, Some(id)).await?;
    Ok(p)
}

/// What the reader may do on each prestation (the screens show those steps only).
#[cfg(feature = "ssr")]
fn for_reader(cx: &Ctx, mut views: Vec<PrestationView>) -> Vec<PrestationView> {
    for v in &mut views {
        v.equipe = cx.user.dispositifs.contains(&v.dispositif_id);
        v.annulable = siao_side(cx.user.profile) || v.created_by == cx.user.user_id;
    }
    views
}

/// Applies a step in a new transaction (returned, for what goes with it) if nobody moved the prestation since
/// `version`.
#[cfg(feature = "ssr")]
async fn apply<'c>(
    cx: &'c Ctx,
    p: &Stored,
    version: i32,
    etape: Etape,
    to: super::model::Statut,
    details: &StepDetails<'_>,
) -> Result<sqlx::Transaction<'c, sqlx::Postgres>, AppError> {
    let mut tx = cx.db().begin().await?;
    if p.version != version || !repo::step(&mut tx, p, version, etape, to, details, cx.user.user_id).await? {
        return Err(AppError::Refused("Cette prestation a changé entre-temps : rechargez la page.".into()));
    }
    Ok(tx)
}

/// The prestations of a ménage, newest first.
#[server(prefix = "/api/prestations", endpoint = "of-menage")]
pub async fn list_prestations_menage(menage_id: Uuid) -> Result<Vec<PrestationView>, AppError> {
    ListPrestationsMenage::run(async move |mut cx| {
        crate::menage::server::authorize_menage(&mut cx, menage_id).await?;
        Ok(for_reader(&cx, repo::views(cx.db(), Filter::Menage(menage_id)).await?))
    })
    .await
}

/// `/prestations`: the open ones addressed to (or asked by) the user's dispositifs; the territory's for
/// the SIAO.
#[server(prefix = "/api/prestations", endpoint = "list")]
pub async fn list_prestations() -> Result<Vec<PrestationView>, AppError> {
    ListPrestations::run(async move |cx| {
        let filter = match cx.scope() {
            Scope::All | Scope::Departement | Scope::Siao => Filter::Departements(&cx.user.departements),
            _ => Filter::Dispositifs(&cx.user.dispositifs),
        };
        Ok(for_reader(&cx, repo::views(cx.db(), filter).await?))
    })
    .await
}

/// The choices of the form for this ménage: types, the dispositifs of its département that can be asked,
/// the motifs of non-réalisation.
#[server(prefix = "/api/prestations", endpoint = "options")]
pub async fn prestation_form_options(menage_id: Uuid) -> Result<PrestationOptions, AppError> {
    PrestationFormOptions::run(async move |mut cx| {
        let target = menages::target_of(cx.db(), menage_id).await?.ok_or(AppError::NotFound)?;
        let departement = target.departements.first().cloned().unwrap_or_default();
        cx.authorize(target, Some(menage_id)).await?;
        let mut lists =
            crate::referentiel::repo::options_for(cx.db(), &["type_prestation", "motif_fin_prestation"]).await?;
        let motifs = lists.pop().unwrap_or_default();
        let types = lists.pop().unwrap_or_default();
        Ok(PrestationOptions { types, dispositifs: repo::dispositifs_for(cx.db(), &departement).await?, motifs })
    })
    .await
}

/// Asks a dispositif for a prestation for the ménage; its team is told. The new prestation's number.
#[server(prefix = "/api/prestations", endpoint = "create")]
pub async fn create_prestation(menage_id: Uuid, #[server(default)] form: PrestationForm) -> Result<i64, AppError> {
    CreatePrestation::run(async move |mut cx| {
        let target = menages::target_of(cx.db(), menage_id).await?.ok_or(AppError::NotFound)?;
        let departement = target.departements.first().cloned().unwrap_or_default();
        cx.authorize(target, Some(menage_id)).await?;
        let input = form.parse()?;
        let mut errors = vec![];
        if !crate::referentiel::repo::usable(cx.db(), "type_prestation", &input.type_code).await? {
            errors.push(FieldError::not_in_list("type_code"));
        }
        let offered = repo::dispositifs_for(cx.db(), &departement).await?;
        let Some((_, dispositif)) = offered.iter().find(|(id, _)| *id == input.dispositif_id.to_string()) else {
            errors.push(FieldError::new("dispositif_id", "Choisissez un dispositif de veille sociale du département."));
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let id = Uuid::new_v4();
        let mut tx = cx.db().begin().await?;
        let numero = repo::insert(
            &mut tx,
            id,
            menage_id,
            &departement,
            &input,
            cx.user.dispositifs.first().copied(),
            cx.user.user_id,
        )
        .await?;
        let titre = format!("Prestation n° {numero} demandée à {dispositif}");
        let corps = format!("Une prestation est demandée à {dispositif} (prestation n° {numero}).");
        for user in repo::team(&mut tx, input.dispositif_id).await?.into_iter().filter(|u| *u != cx.user.user_id) {
            crate::demande::repo::notify(&mut tx, user, &titre, &corps, "/prestations").await?;
        }
        tx.commit().await?;
        cx.created(id);
        cx.done("creer").await;
        Ok(numero)
    })
    .await
}

/// The dispositif asked takes the prestation in charge (`prendre`), did it (`realiser`: date, what was
/// done) or could not (`non_realisee`: motif).
#[server(prefix = "/api/prestations", endpoint = "step")]
pub async fn step_prestation(
    id: Uuid,
    version: i32,
    #[server(default)] etape: String,
    #[server(default)] date: String,
    #[server(default)] compte_rendu: String,
    #[server(default)] motif: String,
) -> Result<(), AppError> {
    StepPrestation::run(async move |mut cx| {
        let p = authorize_prestation(&mut cx, id).await?;
        if !cx.user.dispositifs.contains(&p.dispositif_id) {
            return Err(cx.refuse(Some("seule l'équipe du dispositif sollicité traite la prestation")).await);
        }
        let etape = match Etape::from_code(etape.trim()) {
            Some(e @ (Etape::Prendre | Etape::Realiser | Etape::NonRealisee)) => e,
            _ => return Err(vec![FieldError::new("etape", "Choisissez une étape.")].into()),
        };
        let to = next(p.statut, etape).map_err(AppError::Refused)?;
        let mut errors = vec![];
        let compte_rendu = crate::fields::text(&mut errors, "compte_rendu", &compte_rendu, 2000);
        let mut details = StepDetails { compte_rendu: compte_rendu.as_deref(), ..Default::default() };
        let motif = match etape {
            Etape::NonRealisee => crate::demande::model::motif(
                &mut errors,
                "motif",
                &motif,
                "Choisissez pourquoi la prestation n'a pas été réalisée.",
            ),
            _ => None,
        };
        if etape == Etape::Realiser {
            let today = chrono::Utc::now().date_naive();
            match date.trim() {
                "" => details.realisee_le = Some(today),
                v => match crate::fields::date(v).filter(|d| *d <= today) {
                    Some(d) => details.realisee_le = Some(d),
                    None => errors.push(FieldError::new("date", "Date invalide ou dans le futur.")),
                },
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        check_codes(&cx, &[("motif", "motif_fin_prestation", motif.as_deref())]).await?;
        details.motif_fin = motif.as_deref();
        let mut tx = apply(&cx, &p, version, etape, to, &details).await?;
        let titre = format!("Prestation n° {} : {}", p.numero, to.label());
        let corps = format!("La prestation n° {} est {}.", p.numero, to.label());
        if p.created_by != cx.user.user_id {
            crate::demande::repo::notify(
                &mut tx,
                p.created_by,
                &titre,
                &corps,
                &format!("/menages/{}?onglet=demandes", p.menage_id),
            )
            .await?;
        }
        tx.commit().await?;
        cx.done(etape.code()).await;
        Ok(())
    })
    .await
}

/// Its requester (or the SIAO) cancels a prestation not yet taken in charge, with a motif.
#[server(prefix = "/api/prestations", endpoint = "cancel")]
pub async fn cancel_prestation(id: Uuid, version: i32, #[server(default)] motif: String) -> Result<(), AppError> {
    CancelPrestation::run(async move |mut cx| {
        let p = authorize_prestation(&mut cx, id).await?;
        if !(siao_side(cx.user.profile) || p.created_by == cx.user.user_id) {
            return Err(cx.refuse(Some("seul le demandeur annule la prestation")).await);
        }
        let to = next(p.statut, Etape::Annuler).map_err(AppError::Refused)?;
        let missing = "Choisissez le motif d'annulation.";
        let (m, _) = motif_of(&cx, "motif", "motif_fin_prestation", &motif, missing, "").await?;
        let details = StepDetails { motif_fin: Some(&m), ..Default::default() };
        apply(&cx, &p, version, Etape::Annuler, to, &details).await?.commit().await?;
        cx.done("annuler").await;
        Ok(())
    })
    .await
}
