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
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_string(),
            message: message.into(),
        }
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
    #[error("Le formulaire contient des erreurs.")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Refused(String),
    #[error("Trop de tentatives. Réessayez dans quelques minutes.")]
    TooManyAttempts,
    #[error("Votre profil doit utiliser la double authentification : activez-la pour continuer.")]
    SecondFactorRequired,
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
            AppError::Conflict { .. } => "version_conflict",
            AppError::Invalid(_) => "invalid",
            AppError::Refused(_) => "refused",
            AppError::TooManyAttempts => "too_many_attempts",
            AppError::SecondFactorRequired => "second_factor_required",
            AppError::Internal => "internal",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::SecondFactorRequired => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::Invalid(_) | AppError::Refused(_) => 422,
            AppError::TooManyAttempts => 429,
            AppError::Internal => 500,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// Message of one field, if this error is about it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request never reached the server, or its answer was unreadable.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Internal,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function plumbing error");
                let _ = other;
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            match &err {
                sqlx::Error::RowNotFound => AppError::NotFound,
                _ => {
                    tracing::error!(error = %err, "database error");
                    AppError::Internal
                }
            }
        }
    }
}
