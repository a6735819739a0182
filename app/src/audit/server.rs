use leptos::prelude::*;

use super::model::{AuditFilter, AuditLine};
use crate::error::AppError;

/// Journal lines the current user may see (scope from the matrix), filtered, newest first.
#[server(prefix = "/api/journal", endpoint = "list")]
pub async fn list_audit(#[server(default)] filter: AuditFilter) -> Result<Vec<AuditLine>, AppError> {
    use crate::rights::{authorize::guard_scope, model::{Action, Object}};
    let state = crate::state::app_state()?;
    let p = crate::auth::session::require_principal(&state.pool).await?;
    let scope = guard_scope(&state.pool, &p, Object::JournalAudit, Action::Consulter).await?;
    Ok(super::repo::list(&state.pool, scope, &p.departements, &filter).await?)
}
