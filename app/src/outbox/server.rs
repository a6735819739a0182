//! Server functions of the outbox screen.

use leptos::prelude::*;

use super::model::OutboxView;
use crate::error::AppError;
use crate::handler::server_fns;
#[cfg(feature = "ssr")]
use {super::repo, crate::handler::Guarded, crate::rights::model::Action};

server_fns! {
    GetOutbox => matrix(CourrielSortant, Consulter),
    RetryMail => matrix(CourrielSortant, Modifier),
}

/// Counts and lines of the outbox (never the bodies: they hold live links).
#[server(prefix = "/api/courriels", endpoint = "view")]
pub async fn get_outbox() -> Result<OutboxView, AppError> {
    GetOutbox::run(async |cx| Ok(repo::view(cx.db()).await?)).await
}

/// Sends a mail not sent yet again, now.
#[server(prefix = "/api/courriels", endpoint = "retry")]
pub async fn retry_mail(id: i64) -> Result<(), AppError> {
    RetryMail::run(async move |mut cx| {
        cx.created(id);
        if !repo::retry(cx.db(), id).await? {
            return Err(AppError::NotFound);
        }
        cx.state.outbox.now();
        cx.done(Action::Modifier.code()).await;
        Ok(())
    })
    .await
}
