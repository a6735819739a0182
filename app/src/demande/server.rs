//! Server functions of the demandes and orientations. The matrix decides on the ménage (demandes: its
//! territory, the dispositifs linked to it, the demande's author) or on the orientation's dispositif; the
//! state machine (`model::next`) then says whether the step is legal now; a step is one transaction with its
//! history line, its places and its notifications. Steps that belong to one side (the SIAO studies and
//! orients, the prescripteur writes) refuse the other side even where its cell allows the action.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{
    AdmissionForm, AppelForm, AttenteLine, CommissionForm, CommissionLine, CommissionView, Compatible, DemandeForm,
    DemandeLine, DemandeOptions, DemandeView, NotificationView, OrientationsBoard, PlacesLibres,
};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::model::{
        motif, next, orientation_next, public_compatible, Decision, Event, Nature, OrientationStatut, Statut,
    },
    super::repo::{self, Filter, NewOrientation, OrientationStep, Stored, StoredOrientation},
    crate::error::FieldError,
    crate::handler::{Ctx, Guarded},
    crate::menage::model::Composition,
    crate::menage::repo as menages,
    crate::rights::authorize::Target,
    crate::rights::model::{Profile, Scope, ScopeKind},
};

server_fns! {
    ListDemandesMenage => matrix(DemandeInsertion, Consulter),
    ListAppelsMenage => matrix(DemandeUrgence115, Consulter),
    GetDemande => matrix(DemandeInsertion, Consulter),
    GetAppel => matrix(DemandeUrgence115, Consulter),
    ListDemandes => matrix(DemandeInsertion, Consulter),
    CreateDemande => matrix(DemandeInsertion, Creer),
    UpdateDemande => matrix(DemandeInsertion, Modifier),
    TransmitDemande => matrix(DemandeInsertion, Valider),
    ReturnDemande => matrix(DemandeInsertion, Modifier),
    CancelDemande => matrix(DemandeInsertion, Supprimer),
    ReactivateDemande => matrix(DemandeInsertion, Modifier),
    GetListeAttente => matrix(ListeAttente, Consulter),
    InscrireDemande => matrix(ListeAttente, Creer),
    SetPriorite => matrix(ListeAttente, Modifier),
    PresentCommission => matrix(ListeAttente, Valider),
    CompatibleGroupes => matrix(Orientation, Creer),
    OrientDemande => matrix(Orientation, Creer),
    CancelOrientation => matrix(Orientation, Supprimer),
    ListOrientations => matrix(Orientation, Consulter),
    DecideOrientation => matrix(Orientation, Valider),
    RecordArrival => matrix(Orientation, Modifier),
    RecordDeparture => matrix(Orientation, Modifier),
    CreateAppel => matrix(DemandeUrgence115, Creer),
    HoldAppel => matrix(DemandeUrgence115, Modifier),
    CloseAppel => matrix(DemandeUrgence115, Supprimer),
    PlacesBoard => matrix(DemandeUrgence115, Creer),
    ListAppelsEnAttente => matrix(DemandeUrgence115, Consulter),
    MoveTargets => matrix(Orientation, Modifier),
    MoveOrientation => matrix(Orientation, Modifier),
    AdmissionTargets => matrix(DemandeInsertion, Creer),
    AdmitDirectly => matrix(DemandeInsertion, Creer),
    ListCommissions => matrix(ListeAttente, Valider),
    CreateCommission => matrix(ListeAttente, Valider),
    GetCommission => matrix(ListeAttente, Valider),
    DecideCommission => matrix(ListeAttente, Valider),
    DemandeFormOptions => authenticated,
    ListNotifications => authenticated,
    MarkNotificationsRead => authenticated,
}

/// The steps of the SIAO's side: its profiles only.
#[cfg(feature = "ssr")]
pub fn siao_side(profile: Profile) -> bool {
    profile.scope_kind() == ScopeKind::Siao
}

/// An admission directe (a pseudo-demande): the responsable of the structure decides it.
#[cfg(feature = "ssr")]
pub fn admits_directly(profile: Profile) -> bool {
    profile == Profile::ResponsableDispositif
}

/// Orienting a demande d'insertion: the SIAO's opérateurs and administrateurs (a 115 listener orients to
/// an emergency place only).
#[cfg(feature = "ssr")]
pub fn orients_insertion(profile: Profile) -> bool {
    siao_side(profile) && profile != Profile::Ecoutant115
}

#[cfg(feature = "ssr")]
async fn side(cx: &Ctx, ok: bool, detail: &str) -> Result<(), AppError> {
    if ok {
        Ok(())
    } else {
        Err(cx.refuse(Some(detail.to_string())).await)
    }
}

/// The demande, once the matrix allowed the caller on it (its ménage, or its author), of `nature`.
#[cfg(feature = "ssr")]
async fn authorize_demande(cx: &mut Ctx, id: Uuid, nature: Nature) -> Result<Stored, AppError> {
    authorize_demande_of(cx, id, &[nature]).await
}

/// The demande, once the matrix allowed the caller on it, of one of these natures.
#[cfg(feature = "ssr")]
async fn authorize_demande_of(cx: &mut Ctx, id: Uuid, natures: &[Nature]) -> Result<Stored, AppError> {
    let stored = repo::stored(cx.db(), id).await?.filter(|s| natures.contains(&s.nature)).ok_or(AppError::NotFound)?;
    let mut target = menages::target_of(cx.db(), stored.menage_id).await?.ok_or(AppError::NotFound)?;
    target.owner = Some(stored.created_by);
    cx.authorize(target, Some(id)).await?;
    Ok(stored)
}

/// The orientation, once the matrix allowed the caller on its dispositif.
#[cfg(feature = "ssr")]
async fn authorize_orientation(cx: &mut Ctx, id: Uuid) -> Result<(StoredOrientation, Stored), AppError> {
    let o = repo::stored_orientation(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let demande = repo::stored(cx.db(), o.demande_id).await?.ok_or(AppError::NotFound)?;
    let target = Target {
        departements: vec![o.departement_code.clone(), demande.departement_code.clone()],
        entite_id: Some(o.entite_id),
        dispositifs: vec![o.dispositif_id],
        owner: None,
    };
    cx.authorize(target, Some(id)).await?;
    Ok((o, demande))
}

#[cfg(feature = "ssr")]
fn refused(why: String) -> AppError {
    AppError::Refused(why)
}

/// Someone moved the demande meanwhile.
#[cfg(feature = "ssr")]
fn moved() -> AppError {
    AppError::Refused("Cette demande a changé entre-temps (une autre personne l'a traitée) : rechargez la page.".into())
}

/// The ménage's persons the demande names, and their composition; an error of the form otherwise.
#[cfg(feature = "ssr")]
async fn composition_of(cx: &Ctx, menage: Uuid, personnes: &[Uuid]) -> Result<(String, Composition), AppError> {
    let fiche = menages::load(cx.db(), menage).await?.ok_or(AppError::NotFound)?;
    let chosen: Vec<_> = fiche.personnes.iter().filter(|p| personnes.contains(&p.id)).collect();
    if chosen.len() != personnes.len() {
        return Err(vec![FieldError::new("personnes", "Choisissez des personnes du ménage.")].into());
    }
    let members: Vec<_> = chosen.iter().map(|p| p.member()).collect();
    Ok((fiche.departement_code, Composition::of(&members)))
}

/// Each code chosen must be usable in its référentiel.
#[cfg(feature = "ssr")]
pub(crate) async fn check_codes(cx: &Ctx, codes: &[(&str, &str, Option<&str>)]) -> Result<(), AppError> {
    let mut errors = vec![];
    for (field, list, code) in codes {
        if let Some(code) = code {
            if !crate::referentiel::repo::usable(cx.db(), list, code).await? {
                errors.push(FieldError::not_in_list(field));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

#[cfg(feature = "ssr")]
async fn parsed_demande(
    cx: &Ctx,
    menage: Uuid,
    form: &DemandeForm,
) -> Result<(super::model::DemandeInput, String, Composition), AppError> {
    let input = form.parse()?;
    let mut codes = vec![
        ("situation_demande", "situation_demandes", input.situation_demande.as_deref()),
        ("motif_demande", "motif_demandes", input.motif_demande.as_deref()),
    ];
    for p in &input.preconisations {
        codes.push(("preconisations", "types_etablissement_un", Some(p.as_str())));
    }
    check_codes(cx, &codes).await?;
    let (departement, composition) = composition_of(cx, menage, &input.personnes).await?;
    Ok((input, departement, composition))
}

/// A mandatory motif of a référentiel, with an optional comment.
#[cfg(feature = "ssr")]
pub(crate) async fn motif_of(
    cx: &Ctx,
    field: &str,
    list: &str,
    value: &str,
    missing: &str,
    commentaire: &str,
) -> Result<(String, Option<String>), AppError> {
    let mut errors = vec![];
    let m = motif(&mut errors, field, value, missing);
    let c = crate::fields::text(&mut errors, "commentaire", commentaire, 2000);
    match m {
        Some(m) if errors.is_empty() => {
            check_codes(cx, &[(field, list, Some(&m))]).await?;
            Ok((m, c))
        }
        _ => Err(errors.into()),
    }
}

/// Tells users (in the app, and by mail when `mail`) what happened to a demande. No personal data: numbers.
#[cfg(feature = "ssr")]
async fn notify(
    cx: &Ctx,
    conn: &mut sqlx::PgConnection,
    users: &[Uuid],
    titre: &str,
    corps: &str,
    lien: &str,
    mail: bool,
) -> Result<(), AppError> {
    let mut seen = vec![];
    for user in users.iter().filter(|u| **u != cx.user.user_id) {
        if seen.contains(user) {
            continue;
        }
        seen.push(*user);
        repo::notify(conn, *user, titre, corps, lien).await?;
        if let (true, Some(to)) = (mail, repo::email_of(conn, *user).await?) {
            let m = super::mail::notification(&cx.state.base_url, &to, titre, corps, lien);
            crate::outbox::repo::enqueue(conn, &m).await?;
        }
    }
    Ok(())
}

/// One step of a demande: legal now, applied if nobody moved it meanwhile, historised, journaled.
#[cfg(feature = "ssr")]
async fn step(
    cx: &Ctx,
    conn: &mut sqlx::PgConnection,
    d: &Stored,
    version: i32,
    event: Event,
    motif: Option<&str>,
    commentaire: Option<&str>,
) -> Result<Statut, AppError> {
    let to = next(d.nature, d.statut, event).map_err(refused)?;
    if d.version != version
        || !repo::transition(conn, d.id, version, d.statut, to, event, cx.user.user_id, motif, commentaire).await?
    {
        return Err(moved());
    }
    Ok(to)
}

#[cfg(feature = "ssr")]
fn demande_link(id: Uuid) -> String {
    format!("/demandes/{id}")
}

#[cfg(feature = "ssr")]
fn appel_link(id: Uuid) -> String {
    format!("/115/{id}")
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/// The demandes d'insertion of a ménage, newest first, each whole.
#[server(prefix = "/api/demandes", endpoint = "of-menage")]
pub async fn list_demandes_menage(menage_id: Uuid) -> Result<Vec<DemandeView>, AppError> {
    ListDemandesMenage::run(async move |mut cx| {
        crate::menage::server::authorize_menage(&mut cx, menage_id).await?;
        views(&cx, menage_id, Nature::Insertion).await
    })
    .await
}

/// The 115 demandes of a ménage, newest first.
#[server(prefix = "/api/demandes", endpoint = "appels-of-menage")]
pub async fn list_appels_menage(menage_id: Uuid) -> Result<Vec<DemandeView>, AppError> {
    ListAppelsMenage::run(async move |mut cx| {
        crate::menage::server::authorize_menage(&mut cx, menage_id).await?;
        views(&cx, menage_id, Nature::Urgence115).await
    })
    .await
}

#[cfg(feature = "ssr")]
async fn views(cx: &Ctx, menage_id: Uuid, nature: Nature) -> Result<Vec<DemandeView>, AppError> {
    let mut out = vec![];
    for id in repo::of_menage(cx.db(), menage_id, &[nature.code()]).await? {
        out.extend(repo::view(cx.db(), id, &cx.user).await?);
    }
    Ok(out)
}

#[server(prefix = "/api/demandes", endpoint = "get")]
pub async fn get_demande(id: Uuid) -> Result<DemandeView, AppError> {
    GetDemande::run(async move |mut cx| {
        authorize_demande(&mut cx, id, Nature::Insertion).await?;
        repo::view(cx.db(), id, &cx.user).await?.ok_or(AppError::NotFound)
    })
    .await
}

#[server(prefix = "/api/demandes", endpoint = "get-appel")]
pub async fn get_appel(id: Uuid) -> Result<DemandeView, AppError> {
    GetAppel::run(async move |mut cx| {
        authorize_demande(&mut cx, id, Nature::Urgence115).await?;
        repo::view(cx.db(), id, &cx.user).await?.ok_or(AppError::NotFound)
    })
    .await
}

/// `/demandes`: for the SIAO, the demandes to study (transmises) and those sent back; for a prescripteur,
/// the open demandes he wrote or his dispositifs follow.
#[server(prefix = "/api/demandes", endpoint = "list")]
pub async fn list_demandes() -> Result<Vec<DemandeLine>, AppError> {
    ListDemandes::run(async move |cx| {
        use Statut::*;
        let statuts: &[Statut] = match cx.scope() {
            Scope::All | Scope::Departement | Scope::Siao => &[Transmise, ACompleter, AMettreAJour],
            _ => &[Brouillon, Transmise, ACompleter, AMettreAJour, EnAttente, EnCommission, Orientee, Acceptee, Admise],
        };
        Ok(repo::lines(cx.db(), &cx.user, cx.scope(), statuts).await?)
    })
    .await
}

// ---------------------------------------------------------------------------------------------------------
// The prescripteur's side

/// Writes a demande d'insertion (a draft) for some persons of the ménage; it relies on the ménage's latest
/// finalised EA. Its id; the browser goes to the demande.
#[server(prefix = "/api/demandes", endpoint = "create")]
pub async fn create_demande(menage_id: Uuid, #[server(default)] form: DemandeForm) -> Result<Uuid, AppError> {
    CreateDemande::run(async move |mut cx| {
        crate::menage::server::authorize_menage(&mut cx, menage_id).await?;
        side(&cx, !siao_side(cx.user.profile), "une demande d'insertion est écrite par un prescripteur").await?;
        if repo::prescripteur(&cx.user).is_none() {
            return Err(AppError::Refused(
                "Votre compte n'est rattaché à aucun dispositif : demandez à votre responsable de vous y affecter."
                    .into(),
            ));
        }
        let (input, departement, composition) = parsed_demande(&cx, menage_id, &form).await?;
        let id = Uuid::new_v4();
        let mut tx = cx.db().begin().await?;
        let evaluation = repo::latest_evaluation(&mut tx, menage_id).await?;
        repo::insert_insertion(&mut tx, id, menage_id, &departement, &input, &composition, evaluation, &cx.user)
            .await?;
        tx.commit().await?;
        cx.created(id);
        cx.done("creer").await;
        crate::url::redirect(&demande_link(id));
        Ok(id)
    })
    .await
}

/// Saves a demande's content (draft, à compléter, à mettre à jour) if it is still at `version`.
#[server(prefix = "/api/demandes", endpoint = "update")]
pub async fn update_demande(id: Uuid, version: i32, #[server(default)] form: DemandeForm) -> Result<i32, AppError> {
    UpdateDemande::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        side(&cx, !siao_side(cx.user.profile), "le SIAO ne modifie pas le contenu d'une demande").await?;
        next(d.nature, d.statut, Event::Modifier).map_err(refused)?;
        let (input, _, composition) = parsed_demande(&cx, d.menage_id, &form).await?;
        let mut tx = cx.db().begin().await?;
        let v = repo::update_content(&mut tx, id, version, &input, &composition, cx.user.user_id).await?;
        let v = v.ok_or(AppError::Stale { current_version: d.version, changes: vec![] })?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(v)
    })
    .await
}

/// Transmits the demande to the SIAO (again, after "à compléter" or "à mettre à jour"): complete first.
#[server(prefix = "/api/demandes", endpoint = "transmit")]
pub async fn transmit_demande(id: Uuid, version: i32) -> Result<(), AppError> {
    TransmitDemande::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        side(&cx, !siao_side(cx.user.profile), "la transmission est faite par le prescripteur").await?;
        next(d.nature, d.statut, Event::Transmettre).map_err(refused)?;
        let missing = super::model::DemandeInput {
            personnes: d.personnes.clone(),
            situation_demande: d.situation_demande.clone(),
            motif_demande: d.motif_demande.clone(),
            preconisations: d.preconisations.clone(),
            observations: None,
        }
        .missing();
        if !missing.is_empty() {
            let list = missing.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ");
            return Err(AppError::Refused(format!("La demande est incomplète : {list}")));
        }
        let mut tx = cx.db().begin().await?;
        step(&cx, &mut tx, &d, version, Event::Transmettre, None, None).await?;
        tx.commit().await?;
        cx.done("transmettre").await;
        Ok(())
    })
    .await
}

/// Cancels a demande, with a motif (référentiel `motif_annulation_demande`).
#[server(prefix = "/api/demandes", endpoint = "cancel")]
pub async fn cancel_demande(
    id: Uuid,
    version: i32,
    #[server(default)] motif: String,
    #[server(default)] commentaire: String,
) -> Result<(), AppError> {
    CancelDemande::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        let (m, c) = motif_of(
            &cx,
            "motif",
            "motif_annulation_demande",
            &motif,
            "Choisissez le motif d'annulation.",
            &commentaire,
        )
        .await?;
        let mut tx = cx.db().begin().await?;
        step(&cx, &mut tx, &d, version, Event::Annuler, Some(&m), c.as_deref()).await?;
        let notified = if siao_side(cx.user.profile) { vec![d.created_by] } else { vec![] };
        let titre = format!("Demande n° {} annulée", d.numero);
        let corps = format!("La demande n° {} du ménage n° {} a été annulée.", d.numero, d.menage_numero);
        notify(&cx, &mut tx, &notified, &titre, &corps, &demande_link(id), true).await?;
        tx.commit().await?;
        cx.done("annuler").await;
        Ok(())
    })
    .await
}

// ---------------------------------------------------------------------------------------------------------
// The SIAO's side

/// Sends the demande back to its prescripteur: `a_completer` (a transmitted demande) or `a_mettre_a_jour`
/// (one on the waiting list), with the reason.
#[server(prefix = "/api/demandes", endpoint = "return")]
pub async fn return_demande(
    id: Uuid,
    version: i32,
    #[server(default)] vers: String,
    #[server(default)] commentaire: String,
) -> Result<(), AppError> {
    ReturnDemande::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        side(&cx, siao_side(cx.user.profile), "seul le SIAO renvoie une demande").await?;
        let event = match vers.as_str() {
            "a_mettre_a_jour" => Event::DemanderMiseAJour,
            _ => Event::RenvoyerACompleter,
        };
        let mut errors = vec![];
        let why = crate::fields::text(&mut errors, "commentaire", &commentaire, 2000);
        let Some(why) = why.filter(|_| errors.is_empty()) else {
            errors.push(FieldError::new("commentaire", "Indiquez ce qui est à compléter ou à mettre à jour."));
            return Err(errors.into());
        };
        let mut tx = cx.db().begin().await?;
        let to = step(&cx, &mut tx, &d, version, event, None, Some(&why)).await?;
        let titre = format!("Demande n° {} {}", d.numero, to.label());
        let corps =
            format!("Le SIAO demande de compléter la demande n° {} (ménage n° {}) : {why}", d.numero, d.menage_numero);
        notify(&cx, &mut tx, &[d.created_by], &titre, &corps, &demande_link(id), true).await?;
        tx.commit().await?;
        cx.done("renvoyer").await;
        Ok(())
    })
    .await
}

/// Reactivates a cancelled demande (transmitted again; a 115 demande back on hold).
#[server(prefix = "/api/demandes", endpoint = "reactivate")]
pub async fn reactivate_demande(id: Uuid, version: i32) -> Result<(), AppError> {
    ReactivateDemande::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        side(&cx, siao_side(cx.user.profile), "seul le SIAO réactive une demande").await?;
        let mut tx = cx.db().begin().await?;
        step(&cx, &mut tx, &d, version, Event::Reactiver, None, None).await?;
        tx.commit().await?;
        cx.done("reactiver").await;
        Ok(())
    })
    .await
}

/// The waiting list of the user's territory, filtered, a page; with the total.
#[server(prefix = "/api/liste-attente", endpoint = "list")]
pub async fn get_liste_attente(
    #[server(default)] composition: String,
    #[server(default)] preconisation: String,
    #[server(default)] priorite: String,
    #[server(default)] page: i64,
) -> Result<(Vec<AttenteLine>, i64), AppError> {
    GetListeAttente::run(async move |cx| {
        let filter = repo::AttenteFilter {
            composition: crate::fields::optional(&composition),
            preconisation: crate::fields::optional(&preconisation),
            priorite: crate::fields::checked(&priorite),
            page,
        };
        // A travailleur social sees the position of the ménages he follows: the list of his dispositifs'
        // demandes is the one of the territory, filtered to them (later); here only the SIAO's list.
        if !matches!(cx.scope(), Scope::All | Scope::Departement | Scope::Siao) {
            return Ok((vec![], 0));
        }
        Ok(repo::liste_attente(cx.db(), &cx.user.departements, &filter).await?)
    })
    .await
}

/// Puts a transmitted demande on the waiting list (it is complete), priority or not.
#[server(prefix = "/api/liste-attente", endpoint = "inscrire")]
pub async fn inscrire_demande(id: Uuid, version: i32, #[server(default)] priorite: String) -> Result<(), AppError> {
    InscrireDemande::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        let mut tx = cx.db().begin().await?;
        step(&cx, &mut tx, &d, version, Event::Inscrire, None, None).await?;
        repo::set_priorite(&mut tx, id, crate::fields::checked(&priorite)).await?;
        tx.commit().await?;
        cx.done("inscrire").await;
        Ok(())
    })
    .await
}

/// Marks a demande of the waiting list prioritaire or not.
#[server(prefix = "/api/liste-attente", endpoint = "priorite")]
pub async fn set_priorite(id: Uuid, #[server(default)] priorite: String) -> Result<(), AppError> {
    SetPriorite::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        if !matches!(d.statut, Statut::EnAttente | Statut::EnCommission) {
            return Err(AppError::Refused("Seule une demande de la liste d'attente a une priorité.".into()));
        }
        let mut conn = cx.db().acquire().await?;
        repo::set_priorite(&mut conn, id, crate::fields::checked(&priorite)).await?;
        cx.done("prioriser").await;
        Ok(())
    })
    .await
}

/// Puts a demande of the waiting list on the agenda of a coming session of its territory.
#[server(prefix = "/api/liste-attente", endpoint = "commission")]
pub async fn present_commission(
    id: Uuid,
    version: i32,
    #[server(default)] commission_id: String,
) -> Result<(), AppError> {
    PresentCommission::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Insertion).await?;
        let sessions = repo::commissions(cx.db(), std::slice::from_ref(&d.departement_code), true).await?;
        let Some(session) = sessions.iter().find(|c| c.id.to_string() == commission_id.trim()) else {
            let why = match sessions.is_empty() {
                true => "Aucune séance de commission n'est prévue : créez-en une (menu Commissions).",
                false => "Choisissez une séance de commission à venir.",
            };
            return Err(vec![FieldError::new("commission_id", why)].into());
        };
        let mut tx = cx.db().begin().await?;
        step(&cx, &mut tx, &d, version, Event::PresenterCommission, None, Some(&session.intitule)).await?;
        repo::add_point(&mut tx, session.id, d.id).await?;
        tx.commit().await?;
        cx.done("commission").await;
        Ok(())
    })
    .await
}

/// The groupes de places that can take this demande now, best first: the channel of its nature, the
/// SIAO's territory, enough free places for its persons, a public that welcomes its composition; those of a
/// préconisation's nature and naming the household's public first.
#[server(prefix = "/api/orientations", endpoint = "compatibles")]
pub async fn compatible_groupes(demande_id: Uuid) -> Result<Vec<Compatible>, AppError> {
    CompatibleGroupes::run(async move |mut cx| {
        let d = authorize_demande_of(&mut cx, demande_id, &Nature::ALL).await?;
        compatibles(&cx, &d).await
    })
    .await
}

#[cfg(feature = "ssr")]
async fn compatibles(cx: &Ctx, d: &Stored) -> Result<Vec<Compatible>, AppError> {
    let canaux: &[&str] = match d.nature {
        Nature::Insertion => &["insertion", "mixte"],
        Nature::Urgence115 => &["urgence_115", "mixte"],
    };
    let composition = d.composition_code.as_deref();
    let exact = super::model::publics_for(composition);
    let natures: Vec<&str> =
        d.preconisations.iter().flat_map(|p| super::model::natures_for(p).iter().copied()).collect();
    let mut found: Vec<Compatible> = repo::candidates(cx.db(), &cx.user.departements, canaux, d.nb_personnes)
        .await?
        .into_iter()
        .filter(|c| public_compatible(&c.publics, composition))
        .map(|mut c| {
            c.public_exact = c.publics.iter().any(|p| exact.contains(&p.as_str()));
            c.preconise = c.nature.as_deref().is_some_and(|n| natures.contains(&n));
            c
        })
        .collect();
    found.sort_by_key(|c| (!c.preconise, !c.public_exact, -c.libres));
    Ok(found)
}

/// Orients a demande (insertion: on the list; 115: on hold) to a groupe de places that can take it, which
/// holds places for its persons from now on: never two orientations on one place. The loser of a race for
/// the last places is told so, with the groupes still free.
#[server(prefix = "/api/orientations", endpoint = "orient")]
pub async fn orient_demande(
    demande_id: Uuid,
    version: i32,
    #[server(default)] groupe_id: String,
    #[server(default)] commentaire: String,
) -> Result<Uuid, AppError> {
    OrientDemande::run(async move |mut cx| {
        let d = authorize_demande_of(&mut cx, demande_id, &Nature::ALL).await?;
        if d.nature == Nature::Insertion {
            side(&cx, orients_insertion(cx.user.profile), "un écoutant 115 oriente vers une place d'urgence").await?;
        }
        let to = next(d.nature, d.statut, Event::Orienter).map_err(refused)?;
        let mut errors = vec![];
        let commentaire = crate::fields::text(&mut errors, "commentaire", &commentaire, 2000);
        let groupe = Uuid::parse_str(groupe_id.trim()).ok();
        let offered = compatibles(&cx, &d).await?;
        let Some(chosen) = groupe.and_then(|g| offered.iter().find(|c| c.groupe_id == g)).filter(|_| errors.is_empty())
        else {
            if groupe.is_none() {
                errors.push(FieldError::new("groupe_id", "Choisissez un groupe de places."));
            } else if errors.is_empty() {
                return Err(taken(&offered));
            }
            return Err(errors.into());
        };
        let info = repo::groupe_info(cx.db(), chosen.groupe_id).await?.ok_or(AppError::NotFound)?;
        let id = Uuid::new_v4();
        let statut = match d.nature {
            Nature::Insertion => OrientationStatut::Proposee,
            Nature::Urgence115 => OrientationStatut::Acceptee,
        };
        let mut tx = cx.db().begin().await?;
        if d.version != version
            || !repo::transition(
                &mut tx,
                d.id,
                version,
                d.statut,
                to,
                Event::Orienter,
                cx.user.user_id,
                None,
                commentaire.as_deref(),
            )
            .await?
        {
            return Err(moved());
        }
        let new = NewOrientation {
            id,
            demande_id: d.id,
            menage_id: d.menage_id,
            nb_places: d.nb_personnes,
            groupe: chosen.groupe_id,
            dispositif: info.dispositif_id,
            statut,
            arrivee_le: None,
            commentaire: commentaire.as_deref(),
        };
        if !repo::orient(&mut tx, &new, cx.user.user_id).await? {
            tx.rollback().await?;
            let left: Vec<Compatible> =
                compatibles(&cx, &d).await?.into_iter().filter(|c| c.groupe_id != chosen.groupe_id).collect();
            return Err(taken(&left));
        }
        let team: Vec<Uuid> =
            repo::dispositif_team(&mut tx, info.dispositif_id).await?.into_iter().map(|t| t.0).collect();
        let link = match d.nature {
            Nature::Insertion => demande_link(d.id),
            Nature::Urgence115 => appel_link(d.id),
        };
        let titre = format!("Orientation vers {}", info.dispositif);
        let corps = format!(
            "La demande n° {} (ménage n° {}, {} personne(s)) est orientée vers « {} » de {}.",
            d.numero, d.menage_numero, d.nb_personnes, chosen.groupe, info.dispositif
        );
        notify(&cx, &mut tx, &team, &titre, &corps, "/orientations", d.nature == Nature::Insertion).await?;
        if d.nature == Nature::Insertion {
            notify(&cx, &mut tx, &[d.created_by], &titre, &corps, &link, true).await?;
        }
        tx.commit().await?;
        cx.state.outbox.now();
        cx.created(id);
        cx.done("orienter").await;
        crate::url::redirect(&link);
        Ok(id)
    })
    .await
}

/// The places were taken meanwhile: what is still free.
#[cfg(feature = "ssr")]
fn taken(left: &[Compatible]) -> AppError {
    let next: Vec<String> =
        left.iter().take(3).map(|c| format!("{} — {} ({} libre(s))", c.dispositif, c.groupe, c.libres)).collect();
    let then = match next.is_empty() {
        true => "Aucune autre place compatible n'est libre pour l'instant.".to_string(),
        false => format!("Places encore libres : {}.", next.join(" ; ")),
    };
    AppError::Refused(format!("Ces places viennent d'être attribuées par quelqu'un d'autre. {then}"))
}

/// Cancels a live orientation that the ménage has not yet taken (the demande goes back on the list, or
/// on hold for the 115); its places are free again.
#[server(prefix = "/api/orientations", endpoint = "cancel")]
pub async fn cancel_orientation(
    id: Uuid,
    version: i32,
    #[server(default)] commentaire: String,
) -> Result<(), AppError> {
    CancelOrientation::run(async move |mut cx| {
        let (o, d) = authorize_orientation(&mut cx, id).await?;
        let mut errors = vec![];
        let c = crate::fields::text(&mut errors, "commentaire", &commentaire, 2000);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        orientation_event(
            &cx,
            o,
            d,
            version,
            Event::AnnulerOrientation,
            OrientationStep { commentaire: c.as_deref(), ..Default::default() },
        )
        .await?;
        cx.done("annuler").await;
        Ok(())
    })
    .await
}

/// The steps of an orientation move the demande with it, in one transaction.
#[cfg(feature = "ssr")]
async fn orientation_event(
    cx: &Ctx,
    o: StoredOrientation,
    d: Stored,
    version: i32,
    event: Event,
    details: OrientationStep<'_>,
) -> Result<(), AppError> {
    let to = orientation_next(o.statut, event).map_err(refused)?;
    let demande_to = next(d.nature, d.statut, event).map_err(refused)?;
    let mut tx = cx.db().begin().await?;
    if o.version != version || !repo::orientation_step(&mut tx, &o, version, to, &details, cx.user.user_id).await? {
        return Err(AppError::Refused("Cette orientation a changé entre-temps : rechargez la page.".into()));
    }
    let motif = details.motif_refus.or(details.situation_sortie);
    if !repo::transition(
        &mut tx,
        d.id,
        d.version,
        d.statut,
        demande_to,
        event,
        cx.user.user_id,
        motif,
        details.commentaire,
    )
    .await?
    {
        return Err(moved());
    }
    let (link, mail) = match d.nature {
        Nature::Insertion => (demande_link(d.id), true),
        Nature::Urgence115 => (appel_link(d.id), false),
    };
    let said = match event {
        Event::Accepter => Some("acceptée"),
        Event::Refuser => Some("refusée"),
        Event::Arrivee => Some("arrivée du ménage"),
        _ => None,
    };
    if let Some(said) = said {
        let titre = format!("Orientation {said} — {}", o.dispositif);
        let corps = format!(
            "Orientation de la demande n° {} (ménage n° {}) vers {} : {said}.",
            d.numero, d.menage_numero, o.dispositif
        );
        notify(cx, &mut tx, &[d.created_by, o.created_by], &titre, &corps, &link, mail && event != Event::Arrivee)
            .await?;
    }
    tx.commit().await?;
    cx.state.outbox.now();
    Ok(())
}

/// `/orientations`: the live orientations and prises en charge of the user's dispositifs (of his territory
/// for the SIAO, of his entité for its gestionnaire), and their admissions directes of the last 12 months.
#[server(prefix = "/api/orientations", endpoint = "list")]
pub async fn list_orientations() -> Result<OrientationsBoard, AppError> {
    ListOrientations::run(async move |cx| {
        let filter = match cx.scope() {
            Scope::All | Scope::Departement | Scope::Siao => Filter::Departements(&cx.user.departements),
            Scope::Entite => match cx.user.entite_id {
                Some(e) => Filter::Entite(e),
                None => return Ok(OrientationsBoard { lines: vec![], admissions_directes: 0 }),
            },
            _ => Filter::Dispositifs(&cx.user.dispositifs),
        };
        let admissions_directes = repo::admissions_directes(cx.db(), &filter).await?;
        Ok(OrientationsBoard { lines: repo::orientations_where(cx.db(), filter).await?, admissions_directes })
    })
    .await
}

/// The dispositif's decision on an orientation: `accepter`, or `refuser` with a motif (référentiel
/// `motif_refus_orientation`) — the demande goes back on the waiting list, the places are free again.
#[server(prefix = "/api/orientations", endpoint = "decide")]
pub async fn decide_orientation(
    id: Uuid,
    version: i32,
    #[server(default)] decision: String,
    #[server(default)] motif_refus: String,
    #[server(default)] commentaire: String,
) -> Result<(), AppError> {
    DecideOrientation::run(async move |mut cx| {
        let (o, d) = authorize_orientation(&mut cx, id).await?;
        let (event, motif, c) = match decision.as_str() {
            "accepter" => {
                let mut errors = vec![];
                let c = crate::fields::text(&mut errors, "commentaire", &commentaire, 2000);
                if !errors.is_empty() {
                    return Err(errors.into());
                }
                (Event::Accepter, None, c)
            }
            "refuser" => {
                let missing = "Un refus est motivé : choisissez le motif.";
                let (m, c) =
                    motif_of(&cx, "motif_refus", "motif_refus_orientation", &motif_refus, missing, &commentaire)
                        .await?;
                (Event::Refuser, Some(m), c)
            }
            _ => return Err(vec![FieldError::new("decision", "Choisissez : accepter ou refuser.")].into()),
        };
        let step = OrientationStep { motif_refus: motif.as_deref(), commentaire: c.as_deref(), ..Default::default() };
        orientation_event(&cx, o, d, version, event, step).await?;
        cx.done(event.code()).await;
        Ok(())
    })
    .await
}

/// The ménage arrived (date, today by default): the prise en charge starts, the places are occupied.
#[server(prefix = "/api/orientations", endpoint = "arrival")]
pub async fn record_arrival(id: Uuid, version: i32, #[server(default)] date: String) -> Result<(), AppError> {
    RecordArrival::run(async move |mut cx| {
        let (o, d) = authorize_orientation(&mut cx, id).await?;
        let day = day_of(&date, "date", None)?;
        let step = OrientationStep { arrivee_le: Some(day), ..Default::default() };
        orientation_event(&cx, o, d, version, Event::Arrivee, step).await?;
        cx.done("arrivee").await;
        Ok(())
    })
    .await
}

/// The ménage left (date, exit situation from SITUATION_SORTIE_DEMANDE): end of the prise en charge, the
/// places are free, the demande is closed.
#[server(prefix = "/api/orientations", endpoint = "departure")]
pub async fn record_departure(
    id: Uuid,
    version: i32,
    #[server(default)] date: String,
    #[server(default)] situation_sortie: String,
) -> Result<(), AppError> {
    RecordDeparture::run(async move |mut cx| {
        let (o, d) = authorize_orientation(&mut cx, id).await?;
        let day = day_of(&date, "date", o.arrivee_le)?;
        let missing = "Choisissez la situation de sortie.";
        let (situation, _) =
            motif_of(&cx, "situation_sortie", "situation_sortie_demande", &situation_sortie, missing, "").await?;
        let step = OrientationStep { sortie_le: Some(day), situation_sortie: Some(&situation), ..Default::default() };
        orientation_event(&cx, o, d, version, Event::Sortie, step).await?;
        cx.done("sortie").await;
        Ok(())
    })
    .await
}

/// A date of arrival or departure: today when empty, never in the future, not before `after`.
#[cfg(feature = "ssr")]
fn day_of(value: &str, field: &str, after: Option<chrono::NaiveDate>) -> Result<chrono::NaiveDate, AppError> {
    let today = chrono::Utc::now().date_naive();
    let day = match value.trim() {
        "" => today,
        v => crate::fields::date(v)
            .ok_or_else(|| AppError::from(vec![FieldError::new(field, "Date invalide (jj/mm/aaaa).")]))?,
    };
    if day > today {
        return Err(vec![FieldError::new(field, "La date ne peut pas être dans le futur.")].into());
    }
    if after.is_some_and(|a| day < a) {
        return Err(vec![FieldError::new(field, "La sortie ne peut pas précéder l'arrivée.")].into());
    }
    Ok(day)
}

// ---------------------------------------------------------------------------------------------------------
// The structure's side: moves within the structure, admissions directes

/// The other groupes of the dispositif that can take the ménage of this prise en charge now.
#[server(prefix = "/api/orientations", endpoint = "move-targets")]
pub async fn move_targets(id: Uuid) -> Result<Vec<PlacesLibres>, AppError> {
    MoveTargets::run(async move |mut cx| {
        let (o, d) = authorize_orientation(&mut cx, id).await?;
        let groupes = repo::groupes_board(cx.db(), None, Some(&[o.dispositif_id])).await?;
        Ok(groupes
            .into_iter()
            .filter(|g| g.groupe_id != o.groupe_id && g.libres >= i64::from(d.nb_personnes))
            .collect())
    })
    .await
}

/// Moves the ménage of a prise en charge to another groupe of the same dispositif: its places there are
/// occupied, the former ones freed (one transaction).
#[server(prefix = "/api/orientations", endpoint = "move")]
pub async fn move_orientation(id: Uuid, version: i32, #[server(default)] groupe_id: String) -> Result<(), AppError> {
    MoveOrientation::run(async move |mut cx| {
        let (o, d) = authorize_orientation(&mut cx, id).await?;
        side(&cx, !siao_side(cx.user.profile), "le changement de place est fait par la structure").await?;
        orientation_next(o.statut, Event::Deplacer).map_err(refused)?;
        let to = next(d.nature, d.statut, Event::Deplacer).map_err(refused)?;
        let groupe = Uuid::parse_str(groupe_id.trim()).ok().filter(|g| *g != o.groupe_id);
        let info = match groupe {
            Some(g) => repo::groupe_info(cx.db(), g).await?.filter(|i| i.dispositif_id == o.dispositif_id),
            None => None,
        };
        let (Some(groupe), Some(info)) = (groupe, info) else {
            return Err(
                vec![FieldError::new("groupe_id", "Choisissez un autre groupe de places de la structure.")].into()
            );
        };
        let mut tx = cx.db().begin().await?;
        match repo::move_places(&mut tx, &o, version, groupe).await? {
            None => {
                return Err(AppError::Refused("Cette prise en charge a changé entre-temps : rechargez la page.".into()))
            }
            Some(false) => {
                return Err(AppError::Refused(format!(
                    "« {} » n'a plus assez de places libres pour ce ménage : choisissez un autre groupe.",
                    info.dispositif
                )))
            }
            Some(true) => {}
        }
        let said = format!("vers un autre groupe de {}", info.dispositif);
        if !repo::transition(
            &mut tx,
            d.id,
            d.version,
            d.statut,
            to,
            Event::Deplacer,
            cx.user.user_id,
            None,
            Some(&said),
        )
        .await?
        {
            return Err(moved());
        }
        tx.commit().await?;
        cx.done("deplacer").await;
        Ok(())
    })
    .await
}

/// The groupes of the user's dispositifs, with their free places (an admission directe takes some).
#[server(prefix = "/api/orientations", endpoint = "admission-targets")]
pub async fn admission_targets() -> Result<Vec<PlacesLibres>, AppError> {
    AdmissionTargets::run(async move |cx| {
        side(&cx, admits_directly(cx.user.profile), "l'admission directe est décidée par le responsable").await?;
        Ok(repo::groupes_board(cx.db(), None, Some(&cx.user.dispositifs)).await?)
    })
    .await
}

/// The responsable of a structure takes the ménage in directly, outside the SIAO's process (a
/// pseudo-demande, recorded and counted): a demande born admitted, its orientation with the arrival date,
/// its places occupied. Its id.
#[server(prefix = "/api/orientations", endpoint = "admission-directe")]
pub async fn admit_directly(menage_id: Uuid, #[server(default)] form: AdmissionForm) -> Result<Uuid, AppError> {
    AdmitDirectly::run(async move |mut cx| {
        crate::menage::server::authorize_menage(&mut cx, menage_id).await?;
        side(&cx, admits_directly(cx.user.profile), "l'admission directe est décidée par le responsable").await?;
        let groupe = Uuid::parse_str(form.groupe_id.trim()).ok();
        let info = match groupe {
            Some(g) => repo::groupe_info(cx.db(), g).await?,
            None => None,
        };
        let Some(info) = info.filter(|i| cx.user.dispositifs.contains(&i.dispositif_id)) else {
            return Err(
                vec![FieldError::new("groupe_id", "Choisissez un groupe de places actif de votre structure.")].into()
            );
        };
        let input = form.parse()?;
        let day = day_of(input.arrivee_le.map(|d| d.to_string()).as_deref().unwrap_or(""), "arrivee_le", None)?;
        let (departement, composition) = composition_of(&cx, menage_id, &input.personnes).await?;
        let id = Uuid::new_v4();
        let mut tx = cx.db().begin().await?;
        repo::insert_admission(
            &mut tx,
            id,
            menage_id,
            &departement,
            &input,
            &composition,
            info.dispositif_id,
            cx.user.user_id,
        )
        .await?;
        let new = NewOrientation {
            id: Uuid::new_v4(),
            demande_id: id,
            menage_id,
            nb_places: input.personnes.len() as i32,
            groupe: input.groupe_id,
            dispositif: info.dispositif_id,
            statut: OrientationStatut::Admise,
            arrivee_le: Some(day),
            commentaire: None,
        };
        if !repo::orient(&mut tx, &new, cx.user.user_id).await? {
            tx.rollback().await?;
            return Err(vec![FieldError::new(
                "groupe_id",
                "Ce groupe n'a pas assez de places libres pour ces personnes.",
            )]
            .into());
        }
        tx.commit().await?;
        cx.created(id);
        cx.done("admission_directe").await;
        crate::url::redirect(&demande_link(id));
        Ok(id)
    })
    .await
}

// ---------------------------------------------------------------------------------------------------------
// Commissions

/// The commission sessions of the user's territory, the latest first.
#[server(prefix = "/api/commissions", endpoint = "list")]
pub async fn list_commissions(#[server(default)] a_venir: bool) -> Result<Vec<CommissionLine>, AppError> {
    ListCommissions::run(async move |cx| {
        side(&cx, siao_side(cx.user.profile), "les commissions sont celles du SIAO").await?;
        Ok(repo::commissions(cx.db(), &cx.user.departements, a_venir).await?)
    })
    .await
}

/// Schedules a session in the user's territory (its first département). Its id; the browser goes to it.
#[server(prefix = "/api/commissions", endpoint = "create")]
pub async fn create_commission(#[server(default)] form: CommissionForm) -> Result<Uuid, AppError> {
    CreateCommission::run(async move |mut cx| {
        side(&cx, siao_side(cx.user.profile), "les commissions sont celles du SIAO").await?;
        let input = form.parse()?;
        let departement = cx.user.departements.first().cloned().ok_or(AppError::Forbidden)?;
        let id = Uuid::new_v4();
        repo::insert_commission(cx.db(), id, &departement, &input, cx.user.user_id).await?;
        cx.created(id);
        cx.done("creer").await;
        crate::url::redirect(&format!("/commissions/{id}"));
        Ok(id)
    })
    .await
}

/// A session and its agenda.
#[server(prefix = "/api/commissions", endpoint = "get")]
pub async fn get_commission(id: Uuid) -> Result<CommissionView, AppError> {
    GetCommission::run(async move |mut cx| Ok(authorize_commission(&mut cx, id).await?.1)).await
}

#[cfg(feature = "ssr")]
async fn authorize_commission(cx: &mut Ctx, id: Uuid) -> Result<(String, CommissionView), AppError> {
    let (departement, view) = repo::commission(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let target = Target { departements: vec![departement.clone()], ..Default::default() };
    cx.authorize(target, Some(id)).await?;
    Ok((departement, view))
}

/// The session's decision on a demande of its agenda: avis favorable (the SIAO orients it next), ajournée
/// or maintenue sur la liste (back on the waiting list, with its seniority).
#[server(prefix = "/api/commissions", endpoint = "decide")]
pub async fn decide_commission(
    commission_id: Uuid,
    demande_id: Uuid,
    version: i32,
    #[server(default)] decision: String,
    #[server(default)] commentaire: String,
) -> Result<(), AppError> {
    DecideCommission::run(async move |mut cx| {
        let (_, session) = authorize_commission(&mut cx, commission_id).await?;
        if !session.points.iter().any(|p| p.demande_id == demande_id) {
            return Err(AppError::NotFound);
        }
        let d = authorize_demande(&mut cx, demande_id, Nature::Insertion).await?;
        let mut errors = vec![];
        let c = crate::fields::text(&mut errors, "commentaire", &commentaire, 2000);
        let Some(decision) = Decision::from_code(decision.trim()).filter(|_| errors.is_empty()) else {
            if errors.is_empty() {
                errors.push(FieldError::new("decision", "Choisissez la décision de la commission."));
            }
            return Err(errors.into());
        };
        let mut tx = cx.db().begin().await?;
        let said = format!("{} — {}", session.line.intitule, decision.label());
        let why = c.as_deref().map(|c| format!("{said} : {c}")).unwrap_or(said);
        step(&cx, &mut tx, &d, version, decision.event(), None, Some(&why)).await?;
        if !repo::decide_point(&mut tx, commission_id, demande_id, decision, c.as_deref(), cx.user.user_id).await? {
            return Err(moved());
        }
        tx.commit().await?;
        cx.done("decider").await;
        Ok(())
    })
    .await
}

// ---------------------------------------------------------------------------------------------------------
// 115

/// Records a call to the 115 for persons of the ménage: the demande is on hold until the listener orients
/// it to a place tonight or closes it. Its id; the browser goes to the call.
#[server(prefix = "/api/115", endpoint = "create")]
pub async fn create_appel(menage_id: Uuid, #[server(default)] form: AppelForm) -> Result<Uuid, AppError> {
    CreateAppel::run(async move |mut cx| {
        crate::menage::server::authorize_menage(&mut cx, menage_id).await?;
        let input = form.parse()?;
        check_codes(&cx, &[("motif_appel", "motif_appel_115", Some(&input.motif_appel))]).await?;
        let (departement, composition) = composition_of(&cx, menage_id, &input.personnes).await?;
        let id = Uuid::new_v4();
        let mut tx = cx.db().begin().await?;
        repo::insert_appel(&mut tx, id, menage_id, &departement, &input, &composition, &cx.user).await?;
        tx.commit().await?;
        cx.created(id);
        cx.done("creer").await;
        crate::url::redirect(&appel_link(id));
        Ok(id)
    })
    .await
}

/// Keeps a 115 demande on hold (the caller will call back), with what was said.
#[server(prefix = "/api/115", endpoint = "hold")]
pub async fn hold_appel(id: Uuid, version: i32, #[server(default)] commentaire: String) -> Result<(), AppError> {
    HoldAppel::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Urgence115).await?;
        let mut errors = vec![];
        let c = crate::fields::text(&mut errors, "commentaire", &commentaire, 2000);
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let mut tx = cx.db().begin().await?;
        step(&cx, &mut tx, &d, version, Event::MettreEnAttente, None, c.as_deref()).await?;
        tx.commit().await?;
        cx.done("mettre_en_attente").await;
        Ok(())
    })
    .await
}

/// Closes a 115 demande on hold, with a motif (a refusal by the caller is one).
#[server(prefix = "/api/115", endpoint = "close")]
pub async fn close_appel(
    id: Uuid,
    version: i32,
    #[server(default)] motif: String,
    #[server(default)] commentaire: String,
) -> Result<(), AppError> {
    CloseAppel::run(async move |mut cx| {
        let d = authorize_demande(&mut cx, id, Nature::Urgence115).await?;
        let missing = "Choisissez le motif de clôture.";
        let (m, c) = motif_of(&cx, "motif", "motif_annulation_demande", &motif, missing, &commentaire).await?;
        let mut tx = cx.db().begin().await?;
        step(&cx, &mut tx, &d, version, Event::Annuler, Some(&m), c.as_deref()).await?;
        tx.commit().await?;
        cx.done("clore").await;
        Ok(())
    })
    .await
}

/// Tonight's emergency places of the territory (`/places`).
#[server(prefix = "/api/115", endpoint = "places")]
pub async fn places_board() -> Result<Vec<PlacesLibres>, AppError> {
    PlacesBoard::run(async move |cx| Ok(repo::board(cx.db(), &cx.user.departements).await?)).await
}

/// The 115 demandes of the territory on hold or oriented tonight (the listener calls back).
#[server(prefix = "/api/115", endpoint = "en-attente")]
pub async fn list_appels_en_attente() -> Result<Vec<DemandeLine>, AppError> {
    ListAppelsEnAttente::run(async move |cx| {
        let lines = repo::lines(cx.db(), &cx.user, cx.scope(), &[Statut::EnAttente, Statut::Orientee]).await?;
        Ok(lines.into_iter().filter(|l| l.nature == Nature::Urgence115).collect())
    })
    .await
}

/// The choices of the demandes' forms (référentiels, not secret).
#[server(prefix = "/api/demandes", endpoint = "options")]
pub async fn demande_form_options() -> Result<DemandeOptions, AppError> {
    DemandeFormOptions::run(async move |cx| {
        let lists = [
            "situation_demandes",
            "motif_demandes",
            "types_etablissement_un",
            "motif_refus_orientation",
            "motif_annulation_demande",
            "situation_sortie_demande",
            "motif_appel_115",
            "compositions",
        ];
        let mut o = crate::referentiel::repo::options_for(cx.db(), &lists).await?.into_iter();
        let mut next = || o.next().unwrap_or_default();
        Ok(DemandeOptions {
            situations: next(),
            motifs: next(),
            preconisations: next(),
            refus: next(),
            annulation: next(),
            sortie: next(),
            appel: next(),
            compositions: next(),
        })
    })
    .await
}

// ---------------------------------------------------------------------------------------------------------
// Notifications

#[server(prefix = "/api/notifications", endpoint = "list")]
pub async fn list_notifications() -> Result<Vec<NotificationView>, AppError> {
    ListNotifications::run(async move |cx| Ok(repo::notifications(cx.db(), cx.user.user_id).await?)).await
}

/// Marks one notification read, or all of them (`id` absent).
#[server(prefix = "/api/notifications", endpoint = "read")]
pub async fn mark_notifications_read(#[server(default)] id: Option<i64>) -> Result<u64, AppError> {
    MarkNotificationsRead::run(async move |cx| Ok(repo::mark_read(cx.db(), cx.user.user_id, id).await?)).await
}
