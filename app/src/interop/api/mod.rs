//! The DUI REST API, `/api/v1`: JSON, French domain names, OAuth2 client credentials.
//!
//! A call with a token is authenticated here (`authenticate`: the token's partner, its rate limit), then
//! runs as the partner's account through the same code as the screens: the handler enters the Leptos
//! context a server function expects (`as_partner`), with the partner's principal in place of a session's,
//! and calls the domain's server function, or a guarded body (`crate::handler::guarded`) over the same
//! domain functions; the rights matrix decides (the partner holds the Travailleur social column, on its
//! habilitated dispositifs). The partner's way in is narrower than that column: only the ménages with a
//! live orientation or prise en charge in one of its dispositifs (`repo::menage_by_cle`); anything else
//! answers like an unknown key. Every call leaves a line in the journal (the domain's own lines carry the
//! call's name; a call that wrote none gets one here).

pub mod docs;
pub mod dto;
pub mod error;
mod handlers;
mod limit;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, request::Parts, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos::reactive::{computed::ScopedFuture, owner::Owner};
use leptos_axum::ResponseOptions;
use serde::de::DeserializeOwned;

use super::credentials;
use super::repo;
use crate::audit::{self, AuditEntry, Outcome, RequestTag};
use crate::auth::session::PrincipalCache;
use crate::error::AppError;
use crate::handler::{guarded, Ctx, Requirement};
use crate::rights::model::Object;
use crate::state::AppState;
use error::ApiError;

/// Version of the contract (`info.version` of the OpenAPI description, `GET /etat`'s `api`).
pub const API_VERSION: &str = "1.0.0";

/// Largest request body (a note or an évaluation is a few KB).
pub const MAX_BODY: usize = 256 * 1024;

/// The routes, to nest at `/api/v1`.
pub fn router(state: AppState) -> Router {
    let with_token = Router::new()
        .route("/referentiels", get(handlers::referentiels))
        .route("/referentiels/{nom}", get(handlers::referentiel))
        .route("/offre/dispositifs", get(handlers::offre))
        .route("/menages/{cle}", get(handlers::get_menage).put(handlers::put_menage))
        .route("/personnes/{cle}", get(handlers::get_personne).put(handlers::put_personne))
        .route("/notes-sociales", post(handlers::post_note))
        .route("/evaluations", post(handlers::post_evaluation))
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate));
    Router::new()
        .route("/oauth/token", post(handlers::token))
        .route("/etat", get(handlers::etat))
        .route("/openapi.json", get(docs::openapi_json))
        .route("/docs", get(docs::page))
        .merge(with_token)
        .fallback(|| async { ApiError::new(404, "RESSOURCE_INCONNUE", "Cette adresse n'existe pas dans l'API.") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(405, "METHODE_NON_PERMISE", "Cette méthode n'est pas permise à cette adresse.")
        })
        .layer(middleware::from_fn(limit_body))
        .with_state(state)
}

/// Reads the body whole, up to `MAX_BODY` (413 `TROP_VOLUMINEUX` beyond, declared or not).
async fn limit_body(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await,
        Err(_) => ApiError::too_large().into_response(),
    }
}

/// The client's address, as the journal records it (forwarding headers only from trusted proxies).
fn client_ip(state: &AppState, request: &Request) -> Option<String> {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>()?.0.ip();
    let forwarded: Vec<&str> =
        request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    Some(crate::net::client_ip(peer, &forwarded, &state.trusted_proxies).to_string())
}

fn bearer(request: &Request) -> Option<&str> {
    let value = request.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty() && t.len() <= 200)
}

/// What the journal's line of a call says of its object.
fn object_of(path: &str) -> Object {
    match path.trim_start_matches("/api/v1/").split('/').next().unwrap_or_default() {
        "menages" => Object::Menage,
        "personnes" => Object::Personne,
        "notes-sociales" => Object::Note,
        "evaluations" => Object::EvaluationApprofondie,
        "offre" => Object::Dispositif,
        "referentiels" => Object::Referentiel,
        _ => Object::PartenaireDui,
    }
}

fn outcome_of(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Succes,
        401 | 403 | 404 | 429 => Outcome::Refus,
        _ => Outcome::Echec,
    }
}

/// Authenticates a call by its Bearer token, applies the partner's rate limit, and journals the call if the
/// domain did not.
async fn authenticate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_default();
    let label = format!("API DUI : {} {route}", request.method());
    let ip = client_ip(&state, &request);
    let object = object_of(&route);
    let action = match *request.method() {
        Method::GET => "consulter",
        Method::PUT => "modifier",
        _ => "creer",
    };
    let caller = match bearer(&request) {
        Some(token) => repo::caller_of_token(&state.pool, &credentials::digest(token)).await,
        None => Ok(None),
    };
    let caller = match caller {
        Ok(Some(caller)) => Arc::new(caller),
        Ok(None) => {
            let entry = AuditEntry::anonymous(action, object, Outcome::Refus).detail(format!("{label} → 401")).ip(ip);
            audit::record(&state.pool, entry).await;
            return ApiError::unauthenticated().into_response();
        }
        Err(e) => return ApiError::from(e).into_response(),
    };
    let entry = |status: u16| {
        AuditEntry::by(&caller.principal, action, object, outcome_of(status))
            .detail(format!("{label} → {status}"))
            .ip(ip.clone())
    };
    if let Err(retry_after) = limit::check(caller.partenaire_id, caller.limite_minute) {
        audit::record(&state.pool, entry(429)).await;
        return ApiError {
            retry_after: Some(retry_after),
            ..ApiError::new(429, "LIMITE_ATTEINTE", "Trop d'appels pour ce partenaire : réessayez plus tard.")
        }
        .into_response();
    }
    let tag = Arc::new(RequestTag { label: label.clone(), ip: ip.clone(), ..Default::default() });
    request.extensions_mut().insert(tag.clone());
    request.extensions_mut().insert(PrincipalCache::of(caller.principal.clone()));
    request.extensions_mut().insert(caller.clone());
    let response = next.run(request).await;
    if !tag.journaled.load(Ordering::Relaxed) {
        audit::record(&state.pool, entry(response.status().as_u16())).await;
    }
    response
}

/// Runs `fut` (a server function, a guarded body) in the Leptos context of this request, as the partner:
/// the request's parts carry its principal (`PrincipalCache`) and the call's tag.
pub(crate) async fn as_partner<T>(state: &AppState, parts: Parts, fut: impl Future<Output = T> + Send) -> T {
    let state = state.clone();
    Owner::new()
        .with(|| {
            ScopedFuture::new(async move {
                provide_context(state);
                provide_context(parts);
                provide_context(ResponseOptions::default());
                fut.await
            })
        })
        .await
}

/// A guarded body (authenticate, authorize against the matrix, act, audit), run as the partner.
pub(crate) fn run<T, F, Fut>(
    state: &AppState,
    parts: Parts,
    name: &'static str,
    requirement: Requirement,
    body: F,
) -> impl Future<Output = Result<T, ApiError>> + Send
where
    F: FnOnce(Ctx) -> Fut + Send,
    Fut: Future<Output = Result<T, AppError>> + Send,
    T: Send,
{
    let state = state.clone();
    async move { as_partner(&state, parts, guarded(name, requirement, body)).await.map_err(ApiError::from) }
}

/// A JSON body: 400 `JSON_INVALIDE` if it is not JSON, 400 `REQUETE_INVALIDE` with the field at fault if it
/// does not fit (wrong type, unknown or missing field).
pub(crate) fn json<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        let detail = e.to_string();
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => ApiError::new(
                400,
                "JSON_INVALIDE",
                "Le corps de la requête n'est pas du JSON valide.",
            )
            .with_detail("", "JSON_INVALIDE", detail),
            Category::Data => {
                let code = if detail.starts_with("unknown field") {
                    "CHAMP_INCONNU"
                } else if detail.starts_with("missing field") {
                    "CHAMP_MANQUANT"
                } else {
                    "TYPE_INVALIDE"
                };
                ApiError::malformed("Le corps de la requête ne correspond pas au schéma de l'API : voir details.")
                    .with_detail("", code, detail)
            }
        }
    })
}
