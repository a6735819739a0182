//! The application's error type: one enum, mapped once to an HTTP status, a stable code (API) and a
//! French message (screens). Database details never leak: they are logged and become `Internal`.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// An error on one field of a form, shown next to that field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// What is wrong, for the partners of the API (`CODE_INCONNU`...); `VALEUR_INVALIDE` when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The message of a value missing from its référentiel (code unknown or retired).
pub const NOT_IN_LIST: &str = "Choisissez une valeur de la liste.";

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError { field: field.to_string(), message: message.into(), code: None }
    }

    /// A code of a référentiel that the list does not hold (or no longer offers).
    pub fn not_in_list(field: &str) -> Self {
        FieldError { code: Some("CODE_INCONNU".into()), ..FieldError::new(field, NOT_IN_LIST) }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Vous devez être connecté pour accéder à cette page.")]
    Unauthenticated,
    #[error("Vous n'avez pas les droits nécessaires pour cette action.")]
    Forbidden,
    #[error("Élément introuvable.")]
    NotFound,
    #[error("Cet élément a été modifié entre-temps par quelqu'un d'autre (version {current_version}). Rechargez la page pour voir ses données à jour.")]
    Conflict { current_version: i32 },
    /// A save on a stale version, with what changed meanwhile ("Prénom Nom, le … : Champ « a » → « b »").
    #[error("Modifié entre-temps par quelqu'un d'autre. Vos saisies sont conservées : vérifiez-les au regard de ces changements, puis enregistrez à nouveau pour les appliquer.")]
    Stale { current_version: i32, changes: Vec<String> },
    #[error("Le formulaire contient des erreurs.")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Refused(String),
    #[error("Trop de tentatives. Réessayez dans quelques minutes.")]
    TooManyAttempts,
    #[error("Votre profil doit utiliser la double authentification : activez-la pour continuer.")]
    SecondFactorRequired,
    /// The request could not be read (missing or malformed field, wrong encoding): a client bug or
    /// a forged request, never the user's typing (forms are checked field by field).
    #[error("La requête est incomplète ou mal formée : rechargez la page et réessayez.")]
    BadRequest,
    #[error("La requête est trop volumineuse.")]
    TooLarge,
    #[error("Une erreur technique est survenue. Réessayez plus tard.")]
    Internal,
}

impl AppError {
    /// Stable code for the API and the tests.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Conflict { .. } | AppError::Stale { .. } => "version_conflict",
            AppError::Invalid(_) => "invalid",
            AppError::Refused(_) => "refused",
            AppError::TooManyAttempts => "too_many_attempts",
            AppError::SecondFactorRequired => "second_factor_required",
            AppError::BadRequest => "bad_request",
            AppError::TooLarge => "too_large",
            AppError::Internal => "internal",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::SecondFactorRequired => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } | AppError::Stale { .. } => 409,
            AppError::Invalid(_) | AppError::Refused(_) => 422,
            AppError::TooManyAttempts => 429,
            AppError::BadRequest => 400,
            AppError::TooLarge => 413,
            AppError::Internal => 500,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// Message of one field, if this error is about it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
            _ => None,
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server: the arguments could not be read from the request (missing field, wrong
            // type, invalid UTF-8, body over the limit...). The caller's fault: 400, not 500.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Args(detail)
            | ServerFnErrorErr::MissingArg(detail)
            | ServerFnErrorErr::Deserialization(detail) => {
                tracing::info!(%detail, "unreadable server function arguments");
                AppError::BadRequest
            }
            // In the browser: the request never reached the server, or its answer was unreadable.
            #[cfg(not(feature = "ssr"))]
            _ => AppError::Internal,
            #[cfg(feature = "ssr")]
            other => {
                tracing::error!(error = %other, "server function plumbing error");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;

    /// SQLSTATEs of a value the database cannot store: character not in repertoire (NUL), untranslatable
    /// character, string too long, number out of range, bad datetime format, datetime out of range.
    const UNSTORABLE_VALUE: [&str; 6] = ["22021", "22P05", "22001", "22003", "22007", "22008"];

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            match &err {
                sqlx::Error::RowNotFound => AppError::NotFound,
                // A value PostgreSQL cannot hold (a NUL character, a number or a date out of its range):
                // the request's fault, refused whole (the transaction rolls back), never a 500.
                sqlx::Error::Database(db) if db.code().is_some_and(|c| UNSTORABLE_VALUE.contains(&c.as_ref())) => {
                    tracing::warn!(error = %err, "value refused by the database");
                    AppError::BadRequest
                }
                _ => {
                    tracing::error!(error = %err, "database error");
                    AppError::Internal
                }
            }
        }
    }

    /// Turns the violation of a named database constraint into a domain error (a unique e-mail
    /// becomes a field error), as realworld-axum-sqlx does: the database decides, no
    /// check-then-insert race.
    /// Constraint names and the errors their violation means.
    pub type ConstraintErrors<'a> = &'a [(&'a str, fn() -> AppError)];

    pub trait OnConstraint<T> {
        fn on_constraint(self, name: &str, error: impl FnOnce() -> AppError) -> Result<T, AppError>;

        /// Same, for several constraints: `(name, error)` pairs.
        fn on_constraints(self, map: ConstraintErrors<'_>) -> Result<T, AppError>;
    }

    impl<T> OnConstraint<T> for Result<T, sqlx::Error> {
        fn on_constraint(self, name: &str, error: impl FnOnce() -> AppError) -> Result<T, AppError> {
            self.map_err(|err| match &err {
                sqlx::Error::Database(db) if db.constraint() == Some(name) => error(),
                _ => err.into(),
            })
        }

        fn on_constraints(self, map: ConstraintErrors<'_>) -> Result<T, AppError> {
            self.map_err(|err| {
                let violated = match &err {
                    sqlx::Error::Database(db) => db.constraint().and_then(|c| map.iter().find(|(n, _)| *n == c)),
                    _ => None,
                };
                violated.map(|(_, error)| error()).unwrap_or_else(|| err.into())
            })
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::{ConstraintErrors, OnConstraint};
