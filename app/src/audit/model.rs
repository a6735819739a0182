use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::code_enum;
use crate::rights::authorize::Principal;
use crate::rights::model::Object;

code_enum! {
    /// How an audited action ended.
    pub enum Outcome {
        Succes = "succes" => "Succès",
        /// Refused by the rights matrix.
        Refus = "refus" => "Refus",
        /// Failed (wrong password, wrong code...).
        Echec = "echec" => "Échec",
    }
}

/// One line to write to the journal. Built by the server-function context (`crate::handler`), which
/// fills the actor, the object, its id and the **target's** territory; `nominative` follows the
/// object (`Object::is_nominative`), so that the journal's territorial filters stay right.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub user_id: Option<Uuid>,
    pub user_email: Option<String>,
    pub profile: Option<String>,
    /// Territory of the object acted upon (for an account event: the account's territory).
    pub departements: Vec<String>,
    pub action: String,
    pub object: Object,
    pub object_id: Option<String>,
    pub outcome: Outcome,
    pub nominative: bool,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

impl AuditEntry {
    /// An action by an authenticated user on their own account (the default target: their
    /// territory); `territory()` and `object_id()` name another target.
    pub fn by(principal: &Principal, action: &str, object: Object, outcome: Outcome) -> Self {
        AuditEntry {
            user_id: Some(principal.user_id),
            user_email: Some(principal.email.clone()),
            profile: Some(principal.profile.code().to_string()),
            departements: principal.departements.clone(),
            ..Self::anonymous(action, object, outcome)
        }
    }

    /// An action without an authenticated user (a failed login, a password reset request).
    pub fn anonymous(action: &str, object: Object, outcome: Outcome) -> Self {
        AuditEntry {
            user_id: None,
            user_email: None,
            profile: None,
            departements: vec![],
            action: action.to_string(),
            object,
            object_id: None,
            outcome,
            nominative: object.is_nominative(),
            detail: None,
            ip: None,
        }
    }

    pub fn object_id(mut self, id: Option<String>) -> Self {
        self.object_id = id;
        self
    }

    /// The territory of the target (départements).
    pub fn territory(mut self, departements: Vec<String>) -> Self {
        self.departements = departements;
        self
    }

    pub fn user(mut self, user_id: Uuid, email: &str) -> Self {
        self.user_id = Some(user_id);
        self.user_email = Some(email.to_string());
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

    pub fn outcome(mut self, outcome: Outcome) -> Self {
        self.outcome = outcome;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_nominative_exactly_when_its_object_is() {
        for object in Object::ALL {
            let entry = AuditEntry::anonymous("consulter", object, Outcome::Succes);
            assert_eq!(entry.nominative, object.is_nominative(), "{object:?}");
        }
    }
}

/// What the journal adds to every line written while serving one request of the DUI API: the call
/// (`GET /api/v1/menages/{cle}`), the caller's address; and whether a line was written (else the API
/// writes one itself, so that every call leaves one).
#[cfg(feature = "ssr")]
#[derive(Debug, Default)]
pub struct RequestTag {
    pub label: String,
    pub ip: Option<String>,
    pub journaled: std::sync::atomic::AtomicBool,
}

#[cfg(feature = "ssr")]
impl RequestTag {
    /// The tag of the request being served, if it has one.
    pub fn current() -> Option<std::sync::Arc<RequestTag>> {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<std::sync::Arc<RequestTag>>().cloned())
    }
}
