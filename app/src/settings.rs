//! Deployment settings that the pages need (read on the server, sent to the browser with the page).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the layout needs to know about this deployment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UiSettings {
    /// Show the State branding (Marianne block, Marianne font). Only State services may use it.
    pub state_branding: bool,
    /// Demo deployment: shows a banner so that nobody mistakes it for production.
    pub demo_mode: bool,
}

/// Settings of this deployment, as the server holds them.
#[server(prefix = "/api/ui", endpoint = "settings")]
pub async fn get_ui_settings() -> Result<UiSettings, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    Ok(state.ui.clone())
}
