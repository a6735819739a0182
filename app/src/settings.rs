//! What every page's frame needs: deployment settings and the logged-in user (read on the server,
//! sent to the browser with the page).

use serde::{Deserialize, Serialize};

use crate::auth::model::SessionUser;

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
