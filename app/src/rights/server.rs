//! Server functions of the rights domain.

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::rights::{authorize::{guard, Target}, model::{Action, Object}};

/// Checks that the current user may see the matrix (every logged-in user may).
#[server(prefix = "/api/droits", endpoint = "matrix_access")]
pub async fn matrix_access() -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let p = crate::auth::session::require_principal(&state.pool).await?;
    guard(&state.pool, &p, Object::MatriceDroits, Action::Consulter, &Target::default(), None).await
}
