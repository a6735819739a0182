//! Server functions of the audit journal.

use leptos::prelude::*;

use super::model::{AuditFilter, AuditLine};
use crate::error::AppError;
use crate::handler::server_fns;
#[cfg(feature = "ssr")]
use crate::handler::Guarded;

server_fns! {
    ListAudit => matrix(JournalAudit, Consulter),
}

/// Journal lines the current user may see (scope from the matrix), filtered, newest first.
#[server(prefix = "/api/journal", endpoint = "list")]
pub async fn list_audit(#[server(default)] filter: AuditFilter) -> Result<Vec<AuditLine>, AppError> {
    ListAudit::run(async move |cx| Ok(super::repo::list(cx.db(), cx.scope(), &cx.user.departements, &filter).await?))
        .await
}
