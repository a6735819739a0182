use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::rights::authorize::Principal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Succes,
    Refus,
    Echec,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Succes => "succes",
            Outcome::Refus => "refus",
            Outcome::Echec => "echec",
        }
    }

    pub fn label(code: &str) -> &'static str {
        match code {
            "succes" => "Succès",
            "refus" => "Refus",
            _ => "Échec",
        }
    }
}

/// One line to write to the journal.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub user_id: Option<Uuid>,
    pub user_email: Option<String>,
    pub profile: Option<String>,
    pub departements: Vec<String>,
    pub action: String,
    pub object: String,
    pub object_id: Option<String>,
    pub outcome: Outcome,
    pub nominative: bool,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

impl AuditEntry {
    /// An action by an authenticated user.
    pub fn by(principal: &Principal, action: &str, object: &str, outcome: Outcome) -> Self {
        AuditEntry {
            user_id: Some(principal.user_id),
            user_email: Some(principal.email.clone()),
            profile: Some(principal.profile.code().to_string()),
            departements: principal.departements.clone(),
            ..Self::anonymous(action, object, outcome)
        }
    }

    /// An action without an authenticated user (a failed login, a password reset request).
    pub fn anonymous(action: &str, object: &str, outcome: Outcome) -> Self {
        AuditEntry {
            user_id: None,
            user_email: None,
            profile: None,
            departements: vec![],
            action: action.to_string(),
            object: object.to_string(),
            object_id: None,
            outcome,
            nominative: false,
            detail: None,
            ip: None,
        }
    }

    pub fn object_id(mut self, id: Option<String>) -> Self {
        self.object_id = id;
        self
    }

    pub fn email(mut self, email: &str) -> Self {
        self.user_email = Some(email.to_string());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn ip(mut self, ip: Option<String>) -> Self {
        self.ip = ip;
        self
    }

    pub fn nominative(mut self) -> Self {
        self.nominative = true;
        self
    }
}

/// A journal line as shown on the screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub user_email: Option<String>,
    pub profile: Option<String>,
    pub action: String,
    pub object: String,
    pub object_id: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
}

/// Lines per page of the journal screen.
pub const PAGE_SIZE: i64 = 50;

/// Filters of the journal screen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub email: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub before_id: Option<i64>,
}
