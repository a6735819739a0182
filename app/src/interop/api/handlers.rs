//! The handlers of `/api/v1`, one per endpoint: read the request into the API's types, find the object by
//! its clé inside the partner's way in, run the domain (as the partner), answer in the API's types.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{request::Parts, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use uuid::Uuid;

use super::dto::*;
use super::error::{ApiError, RejetsConsultation, RejetsMiseAJour};
use super::{as_partner, json, run};
use crate::audit::{self, AuditEntry, Outcome};
use crate::error::{AppError, FieldError};
use crate::handler::Requirement;
use crate::interop::credentials;
use crate::interop::repo::{self, Caller, Idempotence};
use crate::menage::model::{cle, PersonneForm, SituationForm};
use crate::menage::server::{authorize_menage, checked_personne, save_identity};
use crate::menage::situation::{self, CHAMPS};
use crate::menage::situation_server::{check_codes, save_situations};
use crate::menage::{repo as menages, situation_repo};
use crate::note::model::NoteForm;
use crate::offre::dispositifs::repo::{self as dispositifs, AnnuaireCriteria};
use crate::referentiel::repo as referentiels;
use crate::rights::model::{Action, Object};
use crate::state::AppState;

type ApiResult<T> = Result<Json<T>, ApiError>;

const CONSULTER_MENAGE: Requirement = Requirement::Matrix(Object::Menage, Action::Consulter);
const CONSULTER_PERSONNE: Requirement = Requirement::Matrix(Object::Personne, Action::Consulter);

/// The ménage (`M…`) or person (`P…`) clé as sent, if it is one.
fn key(typed: &str, prefix: char) -> Result<String, ApiError> {
    cle::parse(typed).filter(|k| k.starts_with(prefix)).ok_or_else(ApiError::unknown_key)
}

async fn menage_id(state: &AppState, caller: &Caller, typed: &str) -> Result<Uuid, ApiError> {
    let cle = key(typed, 'M')?;
    repo::menage_by_cle(&state.pool, &cle, &caller.principal.dispositifs).await?.ok_or_else(ApiError::unknown_key)
}

async fn personne_ids(state: &AppState, caller: &Caller, typed: &str) -> Result<(Uuid, Uuid), ApiError> {
    let cle = key(typed, 'P')?;
    repo::personne_by_cle(&state.pool, &cle, &caller.principal.dispositifs).await?.ok_or_else(ApiError::unknown_key)
}

/// The person this clé names, if she is a current member of `menage` (and in the partner's way in).
async fn member_of(state: &AppState, caller: &Caller, menage: Uuid, typed: &str) -> Option<Uuid> {
    personne_ids(state, caller, typed).await.ok().filter(|(_, m)| *m == menage).map(|(id, _)| id)
}

/// État des API: availability, versions, announced maintenance windows. Needs no token.
#[utoipa::path(get, path = "/api/v1/etat", summary = "État des API : disponibilité, versions, fenêtres de maintenance annoncées (sans jeton).", tag = "Consultation", security(()),
    responses((status = 200, body = Etat)))]
pub async fn etat(State(state): State<AppState>) -> Json<Etat> {
    let database = crate::state::database_answers(&state.pool).await;
    let windows = repo::maintenances(&state.pool).await.unwrap_or_default();
    let now = chrono::Utc::now();
    let statut = if !database {
        "degrade"
    } else if windows.iter().any(|(debut, fin, _)| *debut <= now && now < *fin) {
        "maintenance"
    } else {
        "disponible"
    };
    Json(Etat {
        statut: statut.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        api: super::API_VERSION.into(),
        maintenances: windows.into_iter().map(|(debut, fin, motif)| Maintenance { debut, fin, motif }).collect(),
    })
}

/// An access token for the client credentials (form-encoded, RFC 6749 § 4.4).
#[utoipa::path(post, path = "/api/v1/oauth/token", summary = "Jeton d'accès pour les identifiants du client (formulaire, RFC 6749 § 4.4).", tag = "Authentification", security(()),
    request_body(content = DemandeJeton, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, body = Jeton), (status = 400, body = ErreurJeton), (status = 401, body = ErreurJeton)))]
pub async fn token(State(state): State<AppState>, body: Bytes) -> Response {
    let refuse = |status: StatusCode, error: &str, message: &str| {
        let code = if status == StatusCode::UNAUTHORIZED { "NON_AUTHENTIFIE" } else { "REQUETE_INVALIDE" };
        let body = ErreurJeton { error: error.into(), code: code.into(), message: message.into() };
        (status, [(axum::http::header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
    };
    let Ok(form) = serde_urlencoded::from_bytes::<DemandeJeton>(&body) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Formulaire illisible (application/x-www-form-urlencoded attendu).",
        );
    };
    if form.grant_type.as_deref() != Some("client_credentials") {
        return refuse(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Seul grant_type=client_credentials est accepté.",
        );
    }
    let (Some(client_id), Some(secret)) = (form.client_id, form.client_secret) else {
        return refuse(StatusCode::BAD_REQUEST, "invalid_request", "client_id et client_secret sont requis.");
    };
    let secret_id = match repo::valid_secret(&state.pool, &client_id, &credentials::digest(&secret)).await {
        Ok(found) => found,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let entry = AuditEntry::anonymous("jeton", Object::PartenaireDui, Outcome::Succes)
        .detail(format!("API DUI : jeton pour {}", client_id.chars().take(40).collect::<String>()));
    let Some(secret_id) = secret_id else {
        audit::record(&state.pool, entry.outcome(Outcome::Echec)).await;
        return refuse(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Identifiant ou secret inconnu, révoqué, ou partenaire désactivé.",
        );
    };
    let token = credentials::new_token();
    let expires_at = chrono::Utc::now() + chrono::Duration::seconds(credentials::TOKEN_SECONDS);
    if let Err(e) = repo::insert_token(&state.pool, &credentials::digest(&token), secret_id, expires_at).await {
        return ApiError::from(e).into_response();
    }
    audit::record(&state.pool, entry).await;
    let body = Jeton { access_token: token, token_type: "Bearer".into(), expires_in: credentials::TOKEN_SECONDS };
    ([(axum::http::header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// The référentiels the partner can consult, with their versions.
#[utoipa::path(get, path = "/api/v1/referentiels", summary = "Les référentiels consultables, avec leur version.", tag = "Consultation",
    responses((status = 200, body = Referentiels), (status = 401, body = ApiError), (status = 429, body = ApiError)))]
pub async fn referentiels(State(state): State<AppState>, parts: Parts) -> ApiResult<Referentiels> {
    let requirement = Requirement::Matrix(Object::Referentiel, Action::Consulter);
    let lists = run(&state, parts, "GET /api/v1/referentiels", requirement, async |cx| {
        Ok(referentiels::versions(cx.db()).await?)
    })
    .await?;
    Ok(Json(Referentiels { referentiels: lists.into_iter().map(referentiel_of).collect() }))
}

fn referentiel_of((list, version): (crate::referentiel::model::RefList, i64)) -> Referentiel {
    Referentiel { nom: list.code, libelle: list.label, source: list.source, version }
}

/// One référentiel and its codes (retired ones included, inactive).
#[utoipa::path(get, path = "/api/v1/referentiels/{nom}", summary = "Un référentiel et ses codes (les valeurs retirées restent, inactives).", tag = "Consultation",
    params(("nom" = String, Path, description = "Nom du référentiel (voir GET /referentiels)")),
    responses((status = 200, body = ReferentielValeurs), RejetsConsultation))]
pub async fn referentiel(
    State(state): State<AppState>,
    parts: Parts,
    Path(nom): Path<String>,
) -> ApiResult<ReferentielValeurs> {
    let requirement = Requirement::Matrix(Object::Referentiel, Action::Consulter);
    let found = run(&state, parts, "GET /api/v1/referentiels/{nom}", requirement, async move |cx| {
        let Some(list) = referentiels::versions(cx.db()).await?.into_iter().find(|(l, _)| l.code == nom) else {
            return Ok(None);
        };
        let values = referentiels::values(cx.db(), &list.0.code).await?;
        Ok(Some((list, values)))
    })
    .await?;
    let (list, values) =
        found.ok_or_else(|| ApiError::new(404, "REFERENTIEL_INCONNU", "Aucun référentiel ne porte ce nom."))?;
    Ok(Json(ReferentielValeurs {
        referentiel: referentiel_of(list),
        valeurs: values
            .into_iter()
            .map(|v| Valeur { code: v.code, libelle: v.label, actif: v.active, parent: v.parent_code })
            .collect(),
    }))
}

/// The annuaire of the offre: validated and active dispositifs, by criteria, one page.
#[utoipa::path(get, path = "/api/v1/offre/dispositifs", summary = "Annuaire de l'offre : dispositifs validés et actifs, par critères, une page.", tag = "Consultation", params(RechercheOffre),
    responses((status = 200, body = PageOffre), (status = 400, body = ApiError), (status = 401, body = ApiError),
              (status = 429, body = ApiError)))]
pub async fn offre(
    State(state): State<AppState>,
    parts: Parts,
    query: Result<Query<RechercheOffre>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<PageOffre> {
    let Query(q) = query.map_err(|e| {
        ApiError::new(400, "PARAMETRE_INVALIDE", "Un paramètre de recherche est invalide.").with_detail(
            "",
            "TYPE_INVALIDE",
            e.body_text(),
        )
    })?;
    let page = q.page.unwrap_or(1);
    let par_page = q.par_page.unwrap_or(20);
    if !(1..=10_000).contains(&page) || !(1..=100).contains(&par_page) {
        return Err(ApiError::new(400, "PARAMETRE_INVALIDE", "page : de 1 à 10 000 ; par_page : de 1 à 100."));
    }
    // Both checked, each against its own pattern; the SIRET's first 9 digits are its SIREN.
    let number = |s: &Option<String>, n: usize| match s.as_deref() {
        Some(s) if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(s[..9].to_string())),
        Some(_) => Err(ApiError::new(400, "PARAMETRE_INVALIDE", "SIREN : 9 chiffres ; SIRET : 14 chiffres.")),
        None => Ok(None),
    };
    let siren = match (number(&q.siren, 9)?, number(&q.siret, 14)?) {
        (Some(a), Some(b)) if a != b => {
            return Err(ApiError::new(400, "PARAMETRE_INVALIDE", "Le SIRET ne correspond pas au SIREN."));
        }
        (a, b) => a.or(b),
    };
    let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| s.to_string());
    let (departement, nom, nature, type_code) =
        (text(&q.departement), text(&q.nom), text(&q.nature), text(&q.type_code));
    // The annuaire is the public description of the validated offre (no places, no occupation): every
    // habilitated partner reads it.
    let (lines, total) =
        run(&state, parts, "GET /api/v1/offre/dispositifs", Requirement::Authenticated, async move |cx| {
            let criteria = AnnuaireCriteria {
                departement: departement.as_deref(),
                nom: nom.as_deref(),
                siren: siren.as_deref(),
                nature: nature.as_deref(),
                type_code: type_code.as_deref(),
            };
            Ok(dispositifs::annuaire(cx.db(), &criteria, par_page, (page - 1) * par_page).await?)
        })
        .await?;
    Ok(Json(PageOffre {
        total,
        page,
        par_page,
        dispositifs: lines
            .into_iter()
            .map(|d| Dispositif {
                id: d.id,
                nom: d.nom,
                entite: d.entite,
                siren: d.siren,
                departement: d.departement_code,
                nature: d.nature_code,
                type_code: d.type_code,
                publics: d.publics,
                adresse: d.adresse,
                code_postal: d.code_postal,
                commune: d.commune,
                telephone: d.telephone,
                courriel: d.courriel,
            })
            .collect(),
    }))
}

/// A ménage by its clé: composition, the persons' clés and summaries, situation, version.
#[utoipa::path(get, path = "/api/v1/menages/{cle}", tag = "Consultation", summary = "Un ménage par sa clé : composition, clés et résumés des personnes, situation, version.",
    params(("cle" = String, Path, description = "Clé ménage (M et 16 caractères)")),
    responses((status = 200, body = Menage), RejetsConsultation))]
pub async fn get_menage(
    State(state): State<AppState>,
    Extension(caller): Extension<Arc<Caller>>,
    parts: Parts,
    Path(cle): Path<String>,
) -> ApiResult<Menage> {
    let id = menage_id(&state, &caller, &cle).await?;
    let fiche = run(&state, parts, "GET /api/v1/menages/{cle}", CONSULTER_MENAGE, async move |mut cx| {
        authorize_menage(&mut cx, id).await?;
        menages::load(cx.db(), id).await?.ok_or(AppError::NotFound)
    })
    .await?;
    Ok(Json(Menage::from(&fiche)))
}

/// A person by her clé: état civil, situations, version.
#[utoipa::path(get, path = "/api/v1/personnes/{cle}", tag = "Consultation", summary = "Une personne par sa clé : état civil, situations, version.",
    params(("cle" = String, Path, description = "Clé personne (P et 16 caractères)")),
    responses((status = 200, body = Personne), RejetsConsultation))]
pub async fn get_personne(
    State(state): State<AppState>,
    Extension(caller): Extension<Arc<Caller>>,
    parts: Parts,
    Path(cle): Path<String>,
) -> ApiResult<Personne> {
    let (id, menage) = personne_ids(&state, &caller, &cle).await?;
    let personne = run(&state, parts, "GET /api/v1/personnes/{cle}", CONSULTER_PERSONNE, async move |mut cx| {
        authorize_menage(&mut cx, menage).await?;
        let mut conn = cx.db().acquire().await?;
        let fiche = menages::load_in(&mut conn, menage).await?;
        let p = fiche.personnes.iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
        let values = situation_repo::situations(&mut conn, menage)
            .await?
            .into_iter()
            .find(|s| s.personne_id == id)
            .map(|s| s.values)
            .unwrap_or_default();
        Ok(Personne::of(&fiche.cle, p, values))
    })
    .await?;
    Ok(Json(personne))
}

/// Updates the situation of a ménage, if the partner holds its last version. The composition (persons) is
/// the SI SIAO's.
#[utoipa::path(put, path = "/api/v1/menages/{cle}", tag = "Mise à jour", summary = "Met à jour la situation d'un ménage (dernière version requise) ; la composition appartient au SI SIAO.",
    params(("cle" = String, Path, description = "Clé ménage")), request_body = MajMenage,
    responses((status = 200, body = Version), RejetsMiseAJour))]
pub async fn put_menage(
    State(state): State<AppState>,
    Extension(caller): Extension<Arc<Caller>>,
    parts: Parts,
    Path(cle): Path<String>,
    body: Bytes,
) -> ApiResult<Version> {
    let maj: MajMenage = json(&body)?;
    let id = menage_id(&state, &caller, &cle).await?;
    if let Some(sent) = &maj.personnes {
        let current = menages::load(&state.pool, id).await?.ok_or_else(ApiError::unknown_key)?;
        let mut now: Vec<&str> = current.personnes.iter().map(|p| p.cle.as_str()).collect();
        let mut sent: Vec<String> = sent.iter().map(|k| cle::parse(k).unwrap_or_else(|| k.clone())).collect();
        now.sort_unstable();
        sent.sort_unstable();
        if now != sent {
            return Err(ApiError::new(
                422,
                "COMPOSITION_NON_MODIFIABLE",
                "La composition du ménage (ajout ou retrait d'une personne) se modifie dans le SI SIAO, pas par l'API.",
            )
            .with_detail(
                "personnes",
                "COMPOSITION_NON_MODIFIABLE",
                "Envoyez les clés des personnes telles que consultées.",
            ));
        }
    }
    let form = SituationForm::from(&maj.situation);
    let version = as_partner(&state, parts, crate::menage::server::update_situation(id, maj.version, form))
        .await
        .map_err(|e| ApiError::from(e).prefixed("situation"))?;
    Ok(Json(Version { cle: key(&cle, 'M')?, version }))
}

/// Prefixes the fields of the errors of one part of a request (`etat_civil.sexe`).
fn prefixed(errors: Vec<FieldError>, prefix: &str) -> Vec<FieldError> {
    errors.into_iter().map(|e| FieldError { field: format!("{prefix}.{}", e.field), ..e }).collect()
}

fn field_errors(e: AppError) -> Result<Vec<FieldError>, AppError> {
    match e {
        AppError::Invalid(errors) => Ok(errors),
        other => Err(other),
    }
}

/// Updates a person's état civil (and her situations if sent) in one transaction, if the partner holds her
/// last version.
#[utoipa::path(put, path = "/api/v1/personnes/{cle}", tag = "Mise à jour", summary = "Met à jour l'état civil (et les situations si envoyées) d'une personne, en une transaction.",
    params(("cle" = String, Path, description = "Clé personne")), request_body = MajPersonne,
    responses((status = 200, body = Version), RejetsMiseAJour))]
pub async fn put_personne(
    State(state): State<AppState>,
    Extension(caller): Extension<Arc<Caller>>,
    parts: Parts,
    Path(cle): Path<String>,
    body: Bytes,
) -> ApiResult<Version> {
    let maj: MajPersonne = json(&body)?;
    let (id, menage) = personne_ids(&state, &caller, &cle).await?;
    let requirement = Requirement::Matrix(Object::Personne, Action::Modifier);
    let version = run(&state, parts, "PUT /api/v1/personnes/{cle}", requirement, async move |mut cx| {
        authorize_menage(&mut cx, menage).await?;
        let mut errors = vec![];
        let form = PersonneForm::from(&maj.etat_civil);
        let identity = match checked_personne(&cx, &form).await {
            Ok(identity) => Some(identity),
            Err(e) => {
                errors.extend(prefixed(field_errors(e)?, "etat_civil"));
                None
            }
        };
        let situations = match &maj.situations {
            None => None,
            Some(Situations(sent)) => {
                errors.extend(unknown_situations(&Situations(sent.clone()), "situations"));
                match situation::parse(sent, chrono::Utc::now().date_naive()) {
                    Ok((values, codes)) => match check_codes(&cx, &codes).await {
                        Ok(()) => Some(values),
                        Err(e) => {
                            errors.extend(prefixed(field_errors(e)?, "situations"));
                            None
                        }
                    },
                    Err(bad) => {
                        errors.extend(prefixed(bad, "situations"));
                        None
                    }
                }
            }
        };
        let Some(identity) = identity.filter(|_| errors.is_empty()) else {
            return Err(AppError::Invalid(errors));
        };
        let mut tx = cx.db().begin().await?;
        let role = menages::personne_in(&mut tx, menage, id).await?.role;
        let mut version = save_identity(&cx, &mut tx, (menage, id), maj.version, role, &identity).await?;
        if let Some(values) = situations {
            version = save_situations(&cx, &mut tx, (menage, id), version, &values).await?;
        }
        tx.commit().await?;
        cx.done("modifier").await;
        Ok(version)
    })
    .await?;
    Ok(Json(Version { cle: key(&cle, 'P')?, version }))
}

/// Writes a note sociale about a ménage (and some of its persons), as a draft or published. Idempotent with
/// an `Idempotency-Key` header.
#[utoipa::path(post, path = "/api/v1/notes-sociales", summary = "Écrit une note sociale (brouillon ou publiée) ; idempotent avec Idempotency-Key.", tag = "Mise à jour", request_body = NouvelleNote,
    params(EnTeteIdempotence),
    responses((status = 201, body = Cree), RejetsMiseAJour))]
pub async fn post_note(
    State(state): State<AppState>,
    Extension(caller): Extension<Arc<Caller>>,
    parts: Parts,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let endpoint = "POST /api/v1/notes-sociales";
    idempotent(&state, &caller, &headers, endpoint, &body, async {
        let note: NouvelleNote = json(&body)?;
        let menage = menage_id(&state, &caller, &note.menage).await?;
        let mut personnes = vec![];
        for typed in &note.personnes {
            match member_of(&state, &caller, menage, typed).await {
                Some(id) => personnes.push(id.to_string()),
                None => {
                    return Err(ApiError::new(422, "DONNEES_INVALIDES", "Des données sont invalides : voir details.")
                        .with_detail(
                            "personnes",
                            "CLE_INCONNUE",
                            format!("{typed} n'est pas une personne de ce ménage."),
                        ))
                }
            }
        }
        let form = NoteForm {
            nature: "note_sociale".into(),
            titre: note.titre.clone(),
            corps: note.texte.clone(),
            date_entretien: String::new(),
            personnes,
            confidentielle: if note.confidentielle { "oui".into() } else { String::new() },
            publier: if note.statut == StatutNote::Publiee { "oui".into() } else { String::new() },
        };
        let id =
            as_partner(&state, parts, crate::note::server::create_note(menage, None, form)).await.map_err(|e| {
                let mut e = ApiError::from(e);
                for d in &mut e.details {
                    if d.champ == "corps" {
                        d.champ = "texte".into();
                    }
                }
                e
            })?;
        let statut = if note.statut == StatutNote::Publiee { "publiee" } else { "brouillon" };
        Ok((StatusCode::CREATED, serde_json::json!(Cree { id, statut: statut.into() })))
    })
    .await
}

/// Runs a creation once per `Idempotency-Key` (if the header is there): the same key and body again get the
/// first answer back and create nothing; the same key with another body is refused.
async fn idempotent(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    endpoint: &str,
    body: &Bytes,
    create: impl std::future::Future<Output = Result<(StatusCode, serde_json::Value), ApiError>>,
) -> Response {
    let answer = |r: Result<(StatusCode, serde_json::Value), ApiError>| match r {
        Ok((status, value)) => (status, Json(value)).into_response(),
        Err(e) => e.into_response(),
    };
    let Some(raw) = headers.get("idempotency-key") else {
        return answer(create.await);
    };
    let key = match raw.to_str() {
        Ok(k) if (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()) => k.to_string(),
        _ => {
            return ApiError::malformed("Idempotency-Key : de 1 à 255 caractères visibles (ASCII).")
                .with_detail("Idempotency-Key", "VALEUR_INVALIDE", "Clé d'idempotence invalide.")
                .into_response()
        }
    };
    let hash = credentials::digest(&String::from_utf8_lossy(body));
    match repo::claim(&state.pool, caller.partenaire_id, &key, endpoint, &hash).await {
        Err(e) => ApiError::from(e).into_response(),
        Ok(Idempotence::Replay(status, value)) => {
            let status = StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK);
            (status, [("idempotent-replayed", "true")], Json(value)).into_response()
        }
        Ok(Idempotence::Conflict { running }) => ApiError::new(
            if running { 409 } else { 422 },
            "IDEMPOTENCE_CONFLIT",
            if running {
                "Une requête avec cette clé d'idempotence est en cours : réessayez dans un instant."
            } else {
                "Cette clé d'idempotence a déjà servi pour une autre requête."
            },
        )
        .into_response(),
        Ok(Idempotence::New) => {
            let result = create.await;
            let kept = match &result {
                Ok((status, value)) => Some((status.as_u16() as i16, value)),
                Err(_) => None,
            };
            if let Err(e) = repo::settle(&state.pool, caller.partenaire_id, &key, kept).await {
                return ApiError::from(e).into_response();
            }
            answer(result)
        }
    }
}

/// The unknown fields of a person's situations, as errors on `prefix.<field>`.
fn unknown_situations(sent: &Situations, prefix: &str) -> Vec<FieldError> {
    sent.0
        .keys()
        .filter(|k| !CHAMPS.iter().any(|c| c.key == k.as_str()))
        .map(|k| FieldError {
            code: Some("CHAMP_INCONNU".into()),
            ..FieldError::new(&format!("{prefix}.{k}"), "Ce champ n'existe pas dans les situations.")
        })
        .collect()
}

/// Writes an évaluation approfondie, draft or final, through the screens' own steps: the partner's draft is
/// started (or resumed), each step saved with what the request sends (or what the draft holds), then
/// finalised if asked. Its id.
async fn write_evaluation(
    menage: Uuid,
    ea: &NouvelleEvaluation,
    persons: &[(Uuid, &Situations)],
) -> Result<Uuid, AppError> {
    use crate::evaluation::model::Etape;
    use crate::evaluation::server::{finalise_evaluation, get_evaluation, save_evaluation, start_evaluation};
    let id = start_evaluation(menage).await?;
    let draft = get_evaluation(id).await?;
    let c = &draft.contenu;
    let mut version = draft.version;
    let p: Vec<BTreeMap<String, String>> = persons
        .iter()
        .map(|(id, situations)| {
            let mut fields = situations.0.clone();
            fields.insert("id".into(), id.to_string());
            fields
        })
        .collect();
    if !p.is_empty() {
        for etape in [Etape::Administrative, Etape::Emploi, Etape::Famille] {
            version = save_evaluation(id, version, etape.code().into(), p.clone(), BTreeMap::new()).await?;
        }
    }
    let one = |key: &str, value: &str| BTreeMap::from([(key.to_string(), value.to_string())]);
    let budget = ea.budget_observations.as_deref().unwrap_or(&c.budget_observations);
    version =
        save_evaluation(id, version, Etape::Budget.code().into(), vec![], one("budget_observations", budget)).await?;
    let situation = ea.situation.as_ref().map(SituationForm::from).unwrap_or_else(|| c.menage.clone());
    let mut logement: BTreeMap<String, String> =
        serde_json::to_value(&situation).and_then(serde_json::from_value).map_err(|_| AppError::Internal)?;
    logement.insert("souhaits".into(), ea.souhaits.clone().unwrap_or_else(|| c.souhaits.clone()));
    version = save_evaluation(id, version, Etape::Logement.code().into(), vec![], logement).await?;
    let besoins = ea.besoins.as_ref().unwrap_or(&c.besoins);
    let mut orientation: BTreeMap<String, String> =
        besoins.iter().map(|b| (format!("besoin_{b}"), "oui".to_string())).collect();
    orientation.insert("preconisation".into(), ea.preconisation.clone().unwrap_or_else(|| c.preconisation.clone()));
    orientation.insert("synthese".into(), ea.synthese.clone().unwrap_or_else(|| c.synthese.clone()));
    version = save_evaluation(id, version, Etape::Orientation.code().into(), vec![], orientation).await?;
    if ea.statut == StatutEvaluation::Finale {
        finalise_evaluation(id, version).await?;
    }
    Ok(id)
}

/// Whether `field` is one of the ménage's situation, as `SituationForm` names its fields.
fn is_situation_field(field: &str) -> bool {
    serde_json::to_value(SituationForm::default()).is_ok_and(|v| v.get(field).is_some())
}

/// The fields of the EA's steps as the request names them.
fn ea_field(field: &str) -> String {
    let person =
        field.strip_prefix('p').and_then(|rest| rest.split_once('_')).filter(|(i, _)| i.parse::<usize>().is_ok());
    match person {
        Some((i, key)) => format!("personnes[{i}].situations.{key}"),
        None if is_situation_field(field) => format!("situation.{field}"),
        None => field.to_string(),
    }
}

/// Writes an évaluation approfondie of a ménage, as a draft or final. Idempotent with an `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/evaluations", summary = "Écrit l'évaluation approfondie du partenaire (brouillon ou finale) ; idempotent avec Idempotency-Key.", tag = "Mise à jour", request_body = NouvelleEvaluation,
    params(EnTeteIdempotence),
    responses((status = 201, body = Cree), RejetsMiseAJour))]
pub async fn post_evaluation(
    State(state): State<AppState>,
    Extension(caller): Extension<Arc<Caller>>,
    parts: Parts,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    idempotent(&state, &caller, &headers, "POST /api/v1/evaluations", &body, async {
        let ea: NouvelleEvaluation = json(&body)?;
        let menage = menage_id(&state, &caller, &ea.menage).await?;
        let mut persons = vec![];
        let mut errors = vec![];
        for (i, p) in ea.personnes.iter().flatten().enumerate() {
            match member_of(&state, &caller, menage, &p.cle).await {
                Some(id) => persons.push((id, &p.situations)),
                None => errors.push(FieldError {
                    code: Some("CLE_INCONNUE".into()),
                    ..FieldError::new(
                        &format!("personnes[{i}].cle"),
                        "Cette clé n'est pas celle d'une personne du ménage.",
                    )
                }),
            }
            errors.extend(unknown_situations(&p.situations, &format!("personnes[{i}].situations")));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors).into());
        }
        let id = as_partner(&state, parts, write_evaluation(menage, &ea, &persons)).await.map_err(|e| {
            let mut e = ApiError::from(e);
            for d in &mut e.details {
                d.champ = ea_field(&d.champ);
            }
            e
        })?;
        let statut = if ea.statut == StatutEvaluation::Finale { "finale" } else { "brouillon" };
        Ok((StatusCode::CREATED, serde_json::json!(Cree { id, statut: statut.into() })))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::ea_field;

    #[test]
    fn the_ea_steps_fields_are_named_as_the_request_names_them() {
        assert_eq!(ea_field("p0_nationalite_statut"), "personnes[0].situations.nationalite_statut");
        assert_eq!(ea_field("p12_emploi"), "personnes[12].situations.emploi");
        assert_eq!(ea_field("motif_demande"), "situation.motif_demande");
        assert_eq!(ea_field("expulsion_en_cours"), "situation.expulsion_en_cours");
        assert_eq!(ea_field("synthese"), "synthese");
        assert_eq!(ea_field("preconisation"), "preconisation");
    }
}
