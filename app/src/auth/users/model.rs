use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::rights::model::{Profile, ScopeKind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserListItem {
    pub id: Uuid,
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub profile: String,
    pub rattachement: String,
    pub active: bool,
    pub activated: bool,
}

/// Filters of the user list (query string of the list page).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserFilter {
    pub q: Option<String>,
    pub profile: Option<String>,
    /// "actifs" (default), "inactifs" or "tous".
    pub statut: Option<String>,
}

/// An account as edited on the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserForm {
    pub prenom: String,
    pub nom: String,
    pub email: String,
    pub profile: String,
    pub departement_code: Option<String>,
    pub siao_id: Option<String>,
    pub entite_id: Option<String>,
    #[serde(default)]
    pub dispositif_ids: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    pub id: Uuid,
    pub version: i32,
    pub active: bool,
    pub activated: bool,
    pub form: UserForm,
}

/// Choices offered by the form, limited to what the actor may manage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOptions {
    pub profiles: Vec<Profile>,
    pub departements: Vec<(String, String)>,
    pub siaos: Vec<(Uuid, String)>,
    pub entites: Vec<(Uuid, String)>,
    /// (id, label, entité id)
    pub dispositifs: Vec<(Uuid, String, Uuid)>,
}

/// The attachment of an account, checked against its profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attachment {
    National,
    Departement(String),
    Siao(Uuid),
    Entite(Uuid, Vec<Uuid>),
}

fn parse_uuid(field: &str, raw: &Option<String>) -> Result<Option<Uuid>, (String, String)> {
    match raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => Uuid::parse_str(s)
            .map(Some)
            .map_err(|_| (field.to_string(), "Valeur inconnue.".to_string())),
    }
}

impl UserForm {
    /// Checks the form; returns the profile and the attachment, or the errors per field.
    pub fn validate(&self) -> Result<(Profile, Attachment), Vec<(String, String)>> {
        let mut errors = vec![];
        if self.prenom.trim().is_empty() {
            errors.push(("prenom".into(), "Saisissez le prénom.".into()));
        }
        if self.nom.trim().is_empty() {
            errors.push(("nom".into(), "Saisissez le nom.".into()));
        }
        if let Err(m) = crate::auth::model::Email::parse(&self.email) {
            errors.push(("email".into(), m.into()));
        }
        let Some(profile) = Profile::from_code(&self.profile) else {
            errors.push(("profile".into(), "Choisissez un profil.".into()));
            return Err(errors);
        };
        let attachment = match profile.scope_kind() {
            ScopeKind::National => Some(Attachment::National),
            ScopeKind::Departement => match self.departement_code.as_deref().filter(|s| !s.is_empty()) {
                Some(code) => Some(Attachment::Departement(code.to_string())),
                None => {
                    errors.push(("departement_code".into(), "Choisissez le département.".into()));
                    None
                }
            },
            ScopeKind::Siao => match parse_uuid("siao_id", &self.siao_id) {
                Ok(Some(id)) => Some(Attachment::Siao(id)),
                Ok(None) => {
                    errors.push(("siao_id".into(), "Choisissez le SIAO.".into()));
                    None
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            ScopeKind::Entite | ScopeKind::Dispositifs => match parse_uuid("entite_id", &self.entite_id) {
                Ok(Some(id)) => {
                    let dispositifs: Vec<Uuid> =
                        self.dispositif_ids.iter().filter_map(|d| Uuid::parse_str(d).ok()).collect();
                    if profile.scope_kind() == ScopeKind::Dispositifs && dispositifs.is_empty() {
                        errors.push((
                            "dispositif_ids".into(),
                            "Choisissez au moins un dispositif d'affectation.".into(),
                        ));
                    }
                    Some(Attachment::Entite(id, dispositifs))
                }
                Ok(None) => {
                    errors.push(("entite_id".into(), "Choisissez l'entité.".into()));
                    None
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        match attachment {
            Some(a) if errors.is_empty() => Ok((profile, a)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(profile: &str) -> UserForm {
        UserForm {
            prenom: "Marie".into(),
            nom: "Dupont".into(),
            email: "marie.dupont@siao35.fr".into(),
            profile: profile.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_attachment_must_match_the_profile() {
        assert_eq!(form("admin_national").validate().unwrap().1, Attachment::National);
        let err = form("admin_departemental").validate().unwrap_err();
        assert!(err.iter().any(|(f, _)| f == "departement_code"));
        let mut ts = form("travailleur_social");
        ts.entite_id = Some(Uuid::from_u128(1).to_string());
        assert!(ts.validate().unwrap_err().iter().any(|(f, _)| f == "dispositif_ids"));
        ts.dispositif_ids = vec![Uuid::from_u128(2).to_string()];
        assert_eq!(
            ts.validate().unwrap().1,
            Attachment::Entite(Uuid::from_u128(1), vec![Uuid::from_u128(2)])
        );
    }

    #[test]
    fn every_field_error_is_reported_at_once() {
        let f = UserForm { profile: "inconnu".into(), ..Default::default() };
        let fields: Vec<String> = f.validate().unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["prenom", "nom", "email", "profile"]);
    }
}
