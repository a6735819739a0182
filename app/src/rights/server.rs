//! Server functions of the rights domain.

use leptos::prelude::*;

use crate::error::AppError;
use crate::handler::server_fns;
#[cfg(feature = "ssr")]
use crate::handler::Guarded;

server_fns! {
    MatrixAccess => matrix(MatriceDroits, Consulter),
}

/// Checks that the current user may see the matrix (every logged-in user may).
#[server(prefix = "/api/droits", endpoint = "matrix_access")]
pub async fn matrix_access() -> Result<(), AppError> {
    MatrixAccess::run(async |_| Ok(())).await
}
