//! What every page's frame needs: deployment settings and the logged-in user (read on the server,
//! sent to the browser with the page).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::model::SessionUser;
use crate::error::AppError;

/// What the layout needs to know about this deployment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UiSettings {
    /// Show the State branding (Marianne block, Marianne font). Only State services may use it.
    pub state_branding: bool,
    /// Demo deployment: shows a badge so that nobody mistakes it for production.
    pub demo_mode: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutInfo {
    pub settings: UiSettings,
    pub user: Option<SessionUser>,
}

/// Settings of this deployment and the current user, if logged in.
#[server(prefix = "/api/ui", endpoint = "layout")]
pub async fn get_layout_info() -> Result<LayoutInfo, AppError> {
    let state = crate::state::app_state()?;
    let user = match crate::auth::session::current_principal(&state.pool).await? {
        None => None,
        Some(p) => Some(SessionUser {
            perimetre: crate::auth::repo::attachment_label(&state.pool, p.user_id).await?,
            prenom: p.prenom,
            nom: p.nom,
            email: p.email,
            profile: p.profile,
        }),
    };
    Ok(LayoutInfo {
        settings: state.ui.clone(),
        user,
    })
}
