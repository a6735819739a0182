//! Server functions of the fiche ménage: the matrix decides on the ménage's territory and author (the scope
//! `Suivis`); every opening of a fiche is journaled (a nominative read); every save writes its history in
//! its transaction and refuses a stale version with what changed meanwhile.

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{Duplicates, Fiche, PersonneForm, Role, SearchForm, SearchHit, SituationForm};
use super::sensible::{Sensible, SensibleForm};
use crate::error::AppError;
use crate::handler::server_fns;
use crate::history::HistoryLine;

#[cfg(feature = "ssr")]
use {
    super::model::{cle, close_birth_dates, Candidate, PersonneInput, Query},
    super::repo,
    crate::error::{FieldError, OnConstraint},
    crate::handler::{Ctx, Guarded},
    crate::history::repo as history,
    crate::referentiel::repo as referentiel,
    crate::rights::{
        authorize::{scope_of, Target},
        model::{Action, Object, Scope},
    },
};

server_fns! {
    SearchMenages => matrix(Menage, Consulter),
    GetFiche => matrix(Menage, Consulter),
    MenageFormOptions => matrix(Menage, Consulter),
    DuplicateCandidates => matrix(Menage, Creer),
    CreateMenage => matrix(Menage, Creer),
    UpdateSituation => matrix(Menage, Modifier),
    DetachPersonne => matrix(Menage, Modifier),
    AddPersonne => matrix(Personne, Creer),
    UpdatePersonne => matrix(Personne, Modifier),
    GetSensible => matrix(SituationMedicoSociale, Consulter),
    UpdateSensible => matrix(SituationMedicoSociale, Modifier),
}

/// The value lists of the fiche's forms, and the départements where the user may create a ménage.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MenageOptions {
    pub sexes: Vec<(String, String)>,
    pub nationalites: Vec<(String, String)>,
    pub situations_logement: Vec<(String, String)>,
    pub motifs: Vec<(String, String)>,
    pub durees_errance: Vec<(String, String)>,
    pub animaux: Vec<(String, String)>,
    pub statuts_justice: Vec<(String, String)>,
    pub departements: Vec<(String, String)>,
}

/// The fiche with its history, one `(section, line)` per save: "Ménage" or "Identité : NOM Prénom".
pub type FicheWithHistory = (Fiche, Vec<(String, HistoryLine)>);

/// Persons (with their ménage) in the user's scope matching the search box, best first, and the total.
#[server(prefix = "/api/menages", endpoint = "search")]
pub async fn search_menages(#[server(default)] form: SearchForm) -> Result<(Vec<SearchHit>, i64), AppError> {
    SearchMenages::run(async move |cx| {
        let query = form.parse().map_err(|e| AppError::Invalid(vec![e]))?;
        let page = form.page.unwrap_or(1).clamp(1, 1000);
        let (db, user, scope) = (cx.db(), &cx.user, cx.scope());
        Ok(match query {
            Query::Noms { noms, naissance } => repo::search_names(db, user, scope, &noms, naissance, page).await?,
            Query::Recent => repo::search_exact(db, user, scope, None, None, None, page).await?,
            Query::Numero(n) => repo::search_exact(db, user, scope, Some(n), None, None, page).await?,
            Query::Cle(k) => repo::search_exact(db, user, scope, None, Some(&k), None, page).await?,
            Query::Naissance(d) => repo::search_exact(db, user, scope, None, None, Some(d), page).await?,
        })
    })
    .await
}

/// A ménage's fiche (the opening is journaled) and its history.
#[server(prefix = "/api/menages", endpoint = "get")]
pub async fn get_fiche(id: Uuid) -> Result<FicheWithHistory, AppError> {
    GetFiche::run(async move |mut cx| {
        let fiche = load_authorized(&mut cx, id).await?;
        let mut lines: Vec<(String, HistoryLine)> = history::of(cx.db(), Object::Menage, &id.to_string())
            .await?
            .into_iter()
            .map(|l| ("Ménage".to_string(), l))
            .collect();
        let names: Vec<(String, String)> = (fiche.personnes.iter().map(|p| (p.id, p.full_name())))
            .chain(fiche.anciens.iter().map(|a| (a.personne_id, a.nom.clone())))
            .map(|(id, name)| (id.to_string(), format!("Identité : {name}")))
            .collect();
        let ids: Vec<String> = names.iter().map(|(id, _)| id.clone()).collect();
        for (pid, line) in history::of_objects(cx.db(), Object::Personne, &ids).await? {
            let section = names.iter().find(|(id, _)| *id == pid).map(|(_, s)| s.clone()).unwrap_or_default();
            lines.push((section, line));
        }
        lines.sort_by_key(|(_, l)| std::cmp::Reverse(l.at));
        Ok((fiche, lines))
    })
    .await
}

#[server(prefix = "/api/menages", endpoint = "options")]
pub async fn menage_form_options() -> Result<MenageOptions, AppError> {
    MenageFormOptions::run(async |cx| {
        let db = cx.db();
        let [sexes, nationalites, situations_logement, motifs, durees_errance, animaux, statuts_justice] =
            referentiel::options_of(
                db,
                [
                    "sexe",
                    "nationalite",
                    "situation_demandes",
                    "motif_demandes",
                    "duree_errances",
                    "animaux",
                    "statut_justice",
                ],
            )
            .await?;
        Ok(MenageOptions {
            sexes,
            nationalites,
            situations_logement,
            motifs,
            durees_errance,
            animaux,
            statuts_justice,
            departements: repo::departements(db, &cx.user.departements).await?,
        })
    })
    .await
}

/// The persons who may be the one about to be created: similar names (typos, accents, swapped, maiden or
/// usage name) and, when both are known, the same or a close birth date. Those in the user's scope are
/// listed; those elsewhere in the user's départements only counted (a TS does not browse the base: the SIAO
/// attaches the person if it is her).
#[server(prefix = "/api/menages", endpoint = "duplicates")]
pub async fn duplicate_candidates(
    nom: String,
    prenoms: String,
    #[server(default)] date_naissance: String,
) -> Result<Duplicates, AppError> {
    DuplicateCandidates::run(async move |cx| {
        let noms = format!("{} {}", nom.trim(), prenoms.trim());
        if noms.trim().chars().count() < 2 || noms.chars().count() > 300 {
            return Ok(Duplicates::default());
        }
        let born = crate::fields::date(&date_naissance);
        let close = |found: Vec<(Candidate, Option<chrono::NaiveDate>)>| -> Vec<Candidate> {
            found
                .into_iter()
                .filter_map(|(mut c, theirs)| {
                    c.raison = match (born, theirs) {
                        (Some(a), Some(b)) => close_birth_dates(a, b)?.to_string(),
                        _ => "nom proche (date de naissance non comparée)".to_string(),
                    };
                    Some(c)
                })
                .collect()
        };
        let visible = match scope_of(cx.user.profile, Object::Menage, Action::Consulter) {
            Some(scope) => close(repo::similar_persons(cx.db(), &cx.user, scope, &noms).await?),
            None => vec![],
        };
        let territory = close(repo::similar_persons(cx.db(), &cx.user, Scope::Departement, &noms).await?);
        let elsewhere = territory.iter().filter(|c| !visible.iter().any(|v| v.menage_id == c.menage_id)).count();
        Ok(Duplicates { visible: visible.into_iter().take(10).collect(), elsewhere })
    })
    .await
}

/// Creates a ménage and its demandeur principal, in one of the user's départements.
#[server(prefix = "/api/menages", endpoint = "create")]
pub async fn create_menage(#[server(default)] departement: String, form: PersonneForm) -> Result<Uuid, AppError> {
    CreateMenage::run(async move |mut cx| {
        let departement = match (departement.trim(), cx.user.departements.as_slice()) {
            ("", [only]) => only.clone(),
            (d, _) => d.to_string(),
        };
        if !cx.user.departements.contains(&departement) {
            return Err(AppError::invalid("departement", "Choisissez un département de votre territoire."));
        }
        let target =
            Target { departements: vec![departement.clone()], owner: Some(cx.user.user_id), ..Default::default() };
        cx.authorize(target, None::<Uuid>).await?;
        let personne = checked_personne(&cx, &form).await?;
        let (id, personne_id, user) = (Uuid::new_v4(), Uuid::new_v4(), cx.user.user_id);
        let mut tx = cx.db().begin().await?;
        repo::insert_menage(&mut tx, id, &cle::new('M'), &departement, user).await?;
        repo::insert_personne(&mut tx, personne_id, &cle::new('P'), &personne, user).await?;
        repo::add_member(&mut tx, id, personne_id, Role::DemandeurPrincipal, user).await?;
        let fiche = repo::load_in(&mut tx, id).await?;
        history::write(&mut tx, Object::Menage, id, 1, "Création", user, (None, &fiche), None).await?;
        let p = repo::personne_in(&mut tx, id, personne_id).await?;
        history::write(&mut tx, Object::Personne, personne_id, 1, "Création", user, (None, &p), None).await?;
        tx.commit().await?;
        cx.created(id);
        cx.done("creer").await;
        crate::url::redirect(&format!("/menages/{id}?cree=1"));
        Ok(id)
    })
    .await
}

/// Saves the situation of the ménage (logement) if nobody changed the ménage since `version`.
#[server(prefix = "/api/menages", endpoint = "situation")]
pub async fn update_situation(id: Uuid, version: i32, form: SituationForm) -> Result<i32, AppError> {
    UpdateSituation::run(async move |mut cx| {
        let before = load_authorized(&mut cx, id).await?;
        let input = form.parse()?;
        let mut errors = vec![];
        for (field, list, code) in input.coded() {
            check_code(&cx, &mut errors, field, list, code).await?;
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let user = cx.user.user_id;
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::update_situation(&mut tx, id, version, &input, user).await? else {
            return Err(stale(&cx, Object::Menage, id, version, repo::current_version(cx.db(), id).await?).await);
        };
        let after = repo::load_in(&mut tx, id).await?;
        history::write(&mut tx, Object::Menage, id, new_version, "Modification", user, (Some(&before), &after), None)
            .await?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(new_version)
    })
    .await
}

/// Adds a person to the ménage (a new version of the ménage).
#[server(prefix = "/api/menages", endpoint = "add-person")]
pub async fn add_personne(menage_id: Uuid, version: i32, role: Role, form: PersonneForm) -> Result<Uuid, AppError> {
    AddPersonne::run(async move |mut cx| {
        authorize_menage(&mut cx, menage_id).await?;
        let personne = checked_personne(&cx, &form).await?;
        let (personne_id, user) = (Uuid::new_v4(), cx.user.user_id);
        let mut tx = cx.db().begin().await?;
        let new_version = bump(&cx, &mut tx, menage_id, version).await?;
        repo::insert_personne(&mut tx, personne_id, &cle::new('P'), &personne, user).await?;
        repo::add_member(&mut tx, menage_id, personne_id, role, user)
            .await
            .on_constraint(ONE_PRINCIPAL, one_principal)?;
        let p = repo::personne_in(&mut tx, menage_id, personne_id).await?;
        let comment = format!("{} ({})", p.full_name(), role.label());
        history::write(
            &mut tx,
            Object::Menage,
            menage_id,
            new_version,
            "Ajout d'une personne",
            user,
            NO_FIELDS,
            Some(&comment),
        )
        .await?;
        history::write(&mut tx, Object::Personne, personne_id, 1, "Création", user, (None, &p), None).await?;
        tx.commit().await?;
        cx.created(personne_id);
        cx.done("creer").await;
        Ok(personne_id)
    })
    .await
}

/// Saves the identity and role of a person if nobody changed them since `version`.
#[server(prefix = "/api/menages", endpoint = "person")]
pub async fn update_personne(id: Uuid, version: i32, role: Role, form: PersonneForm) -> Result<i32, AppError> {
    UpdatePersonne::run(async move |mut cx| {
        let menage_id = repo::menage_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
        authorize_menage(&mut cx, menage_id).await?;
        let personne = checked_personne(&cx, &form).await?;
        let mut tx = cx.db().begin().await?;
        let new_version = save_identity(&cx, &mut tx, (menage_id, id), version, role, &personne).await?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(new_version)
    })
    .await
}

/// Detaches a person from the ménage: never deleted, still readable in the fiche and its history.
#[server(prefix = "/api/menages", endpoint = "detach")]
pub async fn detach_personne(menage_id: Uuid, version: i32, personne_id: Uuid) -> Result<i32, AppError> {
    DetachPersonne::run(async move |mut cx| {
        let fiche = load_authorized(&mut cx, menage_id).await?;
        let person = fiche.personnes.iter().find(|p| p.id == personne_id).ok_or(AppError::NotFound)?;
        if person.role == Role::DemandeurPrincipal {
            return Err(AppError::Refused(
                "Le demandeur principal ne peut pas être détaché : désignez d'abord un autre demandeur principal."
                    .into(),
            ));
        }
        let user = cx.user.user_id;
        let mut tx = cx.db().begin().await?;
        let new_version = bump(&cx, &mut tx, menage_id, version).await?;
        repo::detach(&mut tx, menage_id, personne_id, user).await?;
        let comment = format!("{} ({})", person.full_name(), person.role.label());
        history::write(
            &mut tx,
            Object::Menage,
            menage_id,
            new_version,
            "Retrait d'une personne",
            user,
            NO_FIELDS,
            Some(&comment),
        )
        .await?;
        let detached = format!("Détachée du ménage {}", fiche.numero);
        history::write(
            &mut tx,
            Object::Personne,
            personne_id,
            person.version,
            "Détachement",
            user,
            NO_FIELDS,
            Some(&detached),
        )
        .await?;
        tx.commit().await?;
        cx.done("detacher").await;
        Ok(new_version)
    })
    .await
}

/// The sensitive block of the ménage's persons: only for the profiles of the matrix's cell; every read is
/// journaled (a nominative read of `SituationMedicoSociale`, filed under the ménage's département).
#[server(prefix = "/api/menages", endpoint = "sensitive")]
pub async fn get_sensible(menage_id: Uuid) -> Result<Vec<Sensible>, AppError> {
    GetSensible::run(async move |mut cx| {
        authorize_menage(&mut cx, menage_id).await?;
        Ok(repo::sensibles(&mut *cx.db().acquire().await?, menage_id).await?)
    })
    .await
}

/// Saves a person's sensitive block if nobody changed it since `version` (0: never recorded).
#[server(prefix = "/api/menages", endpoint = "sensitive-update")]
pub async fn update_sensible(personne_id: Uuid, version: i32, form: SensibleForm) -> Result<i32, AppError> {
    UpdateSensible::run(async move |mut cx| {
        let menage_id = repo::menage_of(cx.db(), personne_id).await?.ok_or(AppError::NotFound)?;
        authorize_menage(&mut cx, menage_id).await?;
        let form = form.parse()?;
        let mut errors = vec![];
        let statut = crate::fields::optional(&form.justice_statut);
        check_code(&cx, &mut errors, "justice_statut", "statut_justice", statut.as_deref()).await?;
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let of = |all: Vec<Sensible>| all.into_iter().find(|s| s.personne_id == personne_id).ok_or(AppError::NotFound);
        let before = of(repo::sensibles(&mut *cx.db().acquire().await?, menage_id).await?)?;
        let user = cx.user.user_id;
        let mut tx = cx.db().begin().await?;
        let Some(new_version) = repo::update_sensible(&mut tx, personne_id, version, &form, user).await? else {
            let current = repo::sensible_version(cx.db(), personne_id).await?;
            return Err(stale(&cx, Object::SituationMedicoSociale, personne_id, version, current).await);
        };
        let after = of(repo::sensibles(&mut tx, menage_id).await?)?;
        let object = Object::SituationMedicoSociale;
        history::write(&mut tx, object, personne_id, new_version, "Modification", user, (Some(&before), &after), None)
            .await?;
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(new_version)
    })
    .await
}

#[cfg(feature = "ssr")]
const ONE_PRINCIPAL: &str = "menage_membres_one_principal";

#[cfg(feature = "ssr")]
fn one_principal() -> AppError {
    AppError::invalid("role", "Le ménage a déjà un demandeur principal : changez d'abord son rôle.")
}

/// A history line with no field change (its comment says what happened).
#[cfg(feature = "ssr")]
pub(crate) const NO_FIELDS: (Option<&NoFields>, &NoFields) = (None, &NoFields);

#[cfg(feature = "ssr")]
pub(crate) struct NoFields;

#[cfg(feature = "ssr")]
impl crate::history::Tracked for NoFields {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        vec![]
    }
}

/// Saves a person's identity and role in `tx` if she is still at `version`, with its history line: her new
/// version.
#[cfg(feature = "ssr")]
pub(crate) async fn save_identity(
    cx: &Ctx,
    tx: &mut sqlx::PgConnection,
    (menage_id, id): (Uuid, Uuid),
    version: i32,
    role: Role,
    personne: &PersonneInput,
) -> Result<i32, AppError> {
    let user = cx.user.user_id;
    let before = repo::personne_in(tx, menage_id, id).await?;
    let Some(new_version) = repo::update_personne(tx, id, version, personne, user).await? else {
        return Err(stale(cx, Object::Personne, id, version, repo::personne_version(cx.db(), id).await?).await);
    };
    repo::set_role(tx, menage_id, id, role).await.on_constraint(ONE_PRINCIPAL, one_principal)?;
    repo::touch(tx, menage_id, user).await?;
    let after = repo::personne_in(tx, menage_id, id).await?;
    history::write(tx, Object::Personne, id, new_version, "Modification", user, (Some(&before), &after), None).await?;
    Ok(new_version)
}

#[cfg(feature = "ssr")]
pub(crate) async fn authorize_menage(cx: &mut Ctx, id: Uuid) -> Result<(), AppError> {
    let target = repo::target_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    cx.authorize(target, Some(id)).await
}

#[cfg(feature = "ssr")]
async fn load_authorized(cx: &mut Ctx, id: Uuid) -> Result<Fiche, AppError> {
    authorize_menage(cx, id).await?;
    repo::load(cx.db(), id).await?.ok_or(AppError::NotFound)
}

/// The identity parsed, with its codes checked against the référentiels.
#[cfg(feature = "ssr")]
pub(crate) async fn checked_personne(cx: &Ctx, form: &PersonneForm) -> Result<PersonneInput, AppError> {
    let parsed = form.parse(chrono::Utc::now().date_naive());
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    check_code(cx, &mut errors, "sexe", "sexe", crate::fields::optional(&form.sexe).as_deref()).await?;
    check_code(cx, &mut errors, "nationalite", "nationalite", crate::fields::optional(&form.nationalite).as_deref())
        .await?;
    match parsed {
        Ok(input) if errors.is_empty() => Ok(input),
        _ => Err(errors.into()),
    }
}

#[cfg(feature = "ssr")]
async fn check_code(
    cx: &Ctx,
    errors: &mut Vec<FieldError>,
    field: &str,
    list: &str,
    code: Option<&str>,
) -> Result<(), AppError> {
    if let Some(code) = code {
        if !referentiel::usable(cx.db(), list, code).await? {
            errors.push(FieldError::not_in_list(field));
        }
    }
    Ok(())
}

/// A new version of the ménage whose composition changes, or the refusal of a stale save.
#[cfg(feature = "ssr")]
async fn bump(cx: &Ctx, tx: &mut sqlx::PgConnection, id: Uuid, version: i32) -> Result<i32, AppError> {
    match repo::bump(tx, id, version, cx.user.user_id).await? {
        Some(v) => Ok(v),
        None => Err(stale(cx, Object::Menage, id, version, repo::current_version(cx.db(), id).await?).await),
    }
}

/// The refusal of a stale save: what others saved since `version`, in words.
#[cfg(feature = "ssr")]
pub(crate) async fn stale(cx: &Ctx, object: Object, id: Uuid, version: i32, current_version: i32) -> AppError {
    let changes = match history::since(cx.db(), object, id, version).await {
        Ok(lines) => lines.iter().flat_map(HistoryLine::describe).collect(),
        Err(e) => return e.into(),
    };
    AppError::Stale { current_version, changes }
}
