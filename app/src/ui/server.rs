//! Server function of the page frame.

use leptos::prelude::*;

use crate::error::AppError;
use crate::handler::server_fns;
use crate::settings::LayoutInfo;
#[cfg(feature = "ssr")]
use {crate::auth::model::SessionUser, crate::handler::Public};

server_fns! {
    GetLayoutInfo => public,
}

/// Settings of this deployment and the current user, if logged in.
#[server(prefix = "/api/ui", endpoint = "layout")]
pub async fn get_layout_info() -> Result<LayoutInfo, AppError> {
    GetLayoutInfo::run(async |cx| {
        let user = match cx.user().await? {
            None => None,
            Some(p) => Some(SessionUser {
                perimetre: crate::auth::repo::attachment_label(cx.db(), p.user_id).await?,
                prenom: p.prenom,
                nom: p.nom,
                email: p.email,
                profile: p.profile,
            }),
        };
        Ok(LayoutInfo { settings: cx.state.ui.clone(), user })
    })
    .await
}
