//! The API's contract: an OpenAPI 3.1 description generated from the handlers and types
//! (`/api/v1/openapi.json`), and a readable page (`/api/v1/docs`) whose viewer, Swagger UI, is served from our
//! own assets (the npm package `swagger-ui-dist`, copied by `scripts/build`), never from a CDN.

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use utoipa::openapi::security::{ClientCredentials, Flow, OAuth2, Scopes, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::dto::*;
use super::error::{ApiError, Detail};
use super::handlers;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "SI SIAO — API des partenaires DUI",
        version = "1.0.0",
        description = "Échanges entre le SI SIAO et les logiciels des partenaires (DUI) : 5 flux de consultation \
                       (état des API, référentiels, offre, ménage, personne) et 3 flux de mise à jour (ménage, \
                       personne, notes sociales et évaluation approfondie). Jeton OAuth2 (client credentials) sur POST /api/v1/oauth/token ; \
                       chaque rejet porte un code stable {code, message, details}. Guide : docs/api-dui.md."
    ),
    paths(
        handlers::token,
        handlers::etat,
        handlers::referentiels,
        handlers::referentiel,
        handlers::offre,
        handlers::get_menage,
        handlers::get_personne,
        handlers::put_menage,
        handlers::put_personne,
        handlers::post_note,
        handlers::post_evaluation,
    ),
    components(schemas(ApiError, Detail, Situations)),
    modifiers(&ClientCredentialsScheme),
    security(("jeton" = [])),
    tags(
        (name = "Authentification", description = "Jeton d'accès (OAuth2 client credentials), valable 15 minutes."),
        (name = "Consultation", description = "Du SI SIAO vers le DUI."),
        (name = "Mise à jour", description = "Du DUI vers le SI SIAO : la version détenue doit être la dernière."),
    )
)]
pub struct ApiDoc;

struct ClientCredentialsScheme;

impl Modify for ClientCredentialsScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let flow = Flow::ClientCredentials(ClientCredentials::new("/api/v1/oauth/token", Scopes::new()));
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("jeton", SecurityScheme::OAuth2(OAuth2::new([flow])));
    }
}

/// The description, built once.
pub fn openapi() -> &'static serde_json::Value {
    static DOC: std::sync::LazyLock<serde_json::Value> =
        std::sync::LazyLock::new(|| serde_json::to_value(ApiDoc::openapi()).unwrap_or_default());
    &DOC
}

pub async fn openapi_json() -> Json<&'static serde_json::Value> {
    Json(openapi())
}

/// Swagger UI needs inline styles (style attributes of its components); nothing else is loosened.
const DOCS_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                           img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; \
                           form-action 'none'; frame-ancestors 'none'";

pub async fn page(State(state): State<AppState>) -> Response {
    let dir = format!("/assets/{}", state.assets.swagger);
    let html = format!(
        r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API DUI — SI SIAO</title>
<link rel="stylesheet" href="{dir}/swagger-ui.css">
</head>
<body>
<main>
<h1 style="font-family: sans-serif; margin: 1rem 2rem">API des partenaires DUI — SI SIAO</h1>
<p style="font-family: sans-serif; margin: 0 2rem">Contrat OpenAPI : <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
<div id="swagger-ui"></div>
</main>
<script src="{dir}/swagger-ui-bundle.js"></script>
<script src="/api-docs.js"></script>
</body>
</html>"#
    );
    ([(header::CONTENT_SECURITY_POLICY, DOCS_POLICY)], Html(html)).into_response()
}
