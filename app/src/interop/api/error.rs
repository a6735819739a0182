//! The API's rejections: `{code, message, details}`, a stable code per case (documented in
//! `docs/api-dui.md`), a French message, and the fields at fault. Mapped once from the application's
//! error: a refusal of the matrix answers exactly like an unknown key.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;

/// One field at fault.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Detail {
    /// The field, as named in the request (`etat_civil.date_naissance`, `situation.motif_demande`).
    pub champ: String,
    /// `CODE_INCONNU` (not in the référentiel), `VALEUR_INVALIDE`, `CHAMP_INCONNU`, `TYPE_INVALIDE`...
    pub code: String,
    pub message: String,
}

/// The rejections of a consultation, documented once for every `GET` of a partner.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only its documentation is used
pub enum RejetsConsultation {
    #[response(status = 401, description = "Jeton absent, expiré ou révoqué : `NON_AUTHENTIFIE`.")]
    NonAuthentifie(ApiError),
    #[response(status = 404, description = "Clé inconnue ou hors du périmètre du partenaire : `CLE_INCONNUE`.")]
    CleInconnue(ApiError),
    #[response(status = 429, description = "Limite d'appels atteinte (voir `Retry-After`) : `LIMITE_ATTEINTE`.")]
    LimiteAtteinte(ApiError),
}

/// The rejections of an update, documented once for every `PUT` and `POST` of a partner.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only its documentation is used
pub enum RejetsMiseAJour {
    #[response(
        status = 400,
        description = "JSON mal formé, type ou champ inconnu : `JSON_INVALIDE`, `REQUETE_INVALIDE`."
    )]
    Malformee(ApiError),
    #[response(status = 401, description = "Jeton absent, expiré ou révoqué : `NON_AUTHENTIFIE`.")]
    NonAuthentifie(ApiError),
    #[response(status = 404, description = "Clé inconnue ou hors du périmètre du partenaire : `CLE_INCONNUE`.")]
    CleInconnue(ApiError),
    #[response(
        status = 409,
        description = "Version périmée (`VERSION_PERIMEE`, avec `version_courante`) ou clé d'idempotence réutilisée (`IDEMPOTENCE_CONFLIT`)."
    )]
    Conflit(ApiError),
    #[response(status = 413, description = "Corps trop volumineux : `TROP_VOLUMINEUX`.")]
    TropVolumineux(ApiError),
    #[response(
        status = 422,
        description = "Données invalides (`DONNEES_INVALIDES`, `details` par champ), règle métier ou composition : `REGLE_METIER`, `COMPOSITION_NON_MODIFIABLE`."
    )]
    DonneesInvalides(ApiError),
    #[response(status = 429, description = "Limite d'appels atteinte (voir `Retry-After`) : `LIMITE_ATTEINTE`.")]
    LimiteAtteinte(ApiError),
}

/// A rejection.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ApiError {
    #[serde(skip)]
    pub status: u16,
    /// Stable code: `CLE_INCONNUE`, `VERSION_PERIMEE`, `DONNEES_INVALIDES`, `COMPOSITION_NON_MODIFIABLE`,
    /// `REGLE_METIER`, `JSON_INVALIDE`, `REQUETE_INVALIDE`, `TROP_VOLUMINEUX`, `NON_AUTHENTIFIE`,
    /// `LIMITE_ATTEINTE`, `IDEMPOTENCE_CONFLIT`, `RESSOURCE_INCONNUE`, `METHODE_NON_PERMISE`,
    /// `INDISPONIBLE`, `ERREUR_INTERNE`.
    pub code: &'static str,
    /// In French, for the partner's support.
    pub message: String,
    pub details: Vec<Detail>,
    /// With `VERSION_PERIMEE`: the version the SI SIAO holds now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_courante: Option<i32>,
    /// With `LIMITE_ATTEINTE`: seconds to wait (also in `Retry-After`).
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), details: vec![], version_courante: None, retry_after: None }
    }

    pub fn with_detail(mut self, champ: &str, code: &str, message: impl Into<String>) -> Self {
        self.details.push(Detail { champ: champ.into(), code: code.into(), message: message.into() });
        self
    }

    pub fn unknown_key() -> Self {
        ApiError::new(404, "CLE_INCONNUE", "Aucun objet accessible ne porte cette clé.")
    }

    pub fn unauthenticated() -> Self {
        ApiError::new(401, "NON_AUTHENTIFIE", "Jeton d'accès absent, invalide, expiré ou révoqué.")
    }

    pub fn malformed(message: impl Into<String>) -> Self {
        ApiError::new(400, "REQUETE_INVALIDE", message)
    }

    pub fn too_large() -> Self {
        ApiError::new(413, "TROP_VOLUMINEUX", "Le corps de la requête dépasse la taille permise.")
    }

    pub fn internal() -> Self {
        ApiError::new(500, "ERREUR_INTERNE", "Une erreur technique est survenue. Réessayez plus tard.")
    }

    /// Renames the fields of a validation error from the form's names to the request's (`prefix.field`).
    pub fn prefixed(mut self, prefix: &str) -> Self {
        for d in &mut self.details {
            if !d.champ.contains('.') {
                d.champ = format!("{prefix}.{}", d.champ);
            }
        }
        self
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Unauthenticated | AppError::SecondFactorRequired => ApiError::unauthenticated(),
            // Out of scope answers exactly like unknown: no existence leak.
            AppError::Forbidden | AppError::NotFound => ApiError::unknown_key(),
            AppError::Conflict { current_version } | AppError::Stale { current_version, .. } => ApiError {
                version_courante: Some(current_version),
                ..ApiError::new(
                    409,
                    "VERSION_PERIMEE",
                    format!(
                        "L'objet a été modifié depuis la version envoyée : consultez-le à nouveau (version \
                         {current_version}) puis renvoyez vos modifications."
                    ),
                )
            },
            AppError::Invalid(fields) => {
                let mut e = ApiError::new(422, "DONNEES_INVALIDES", "Des données sont invalides : voir details.");
                for f in fields {
                    let code = f.code.clone().unwrap_or_else(|| "VALEUR_INVALIDE".into());
                    e = e.with_detail(&f.field, &code, f.message);
                }
                e
            }
            AppError::Refused(message) => ApiError::new(422, "REGLE_METIER", message),
            AppError::TooManyAttempts => ApiError::new(429, "LIMITE_ATTEINTE", "Trop d'appels : réessayez plus tard."),
            AppError::BadRequest => ApiError::malformed("La requête est incomplète ou mal formée."),
            AppError::TooLarge => ApiError::too_large(),
            AppError::Internal => ApiError::internal(),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        AppError::from(error).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(&self)).into_response();
        let headers = response.headers_mut();
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.status == 401 {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"si-siao\""));
        }
        response
    }
}
