use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::model::Email;
use crate::error::FieldError;
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

/// A person's name as typed: trimmed, 1 to 100 characters (as the database checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Option<PersonName> {
        let name = raw.trim();
        (1..=100).contains(&name.chars().count()).then(|| PersonName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An account as a form describes it, checked: the only shape the repo writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    pub prenom: PersonName,
    pub nom: PersonName,
    pub email: Email,
    pub profile: Profile,
    pub attachment: Attachment,
}

/// A chosen id: `if_empty` when nothing was chosen, "Valeur inconnue." when it is no id.
fn parse_uuid(errors: &mut Vec<FieldError>, field: &str, raw: Option<&str>, if_empty: &str) -> Option<Uuid> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => missing(errors, field, if_empty),
        Some(raw) => Uuid::parse_str(raw).ok().or_else(|| missing(errors, field, "Valeur inconnue.")),
    }
}

fn missing<T>(errors: &mut Vec<FieldError>, field: &str, message: &str) -> Option<T> {
    errors.push(FieldError::new(field, message));
    None
}

/// Checks every field at once: all the errors are reported together, each next to its field.
impl TryFrom<UserForm> for NewUser {
    type Error = Vec<FieldError>;

    fn try_from(form: UserForm) -> Result<NewUser, Vec<FieldError>> {
        let mut errors = vec![];
        let prenom = PersonName::parse(&form.prenom)
            .or_else(|| missing(&mut errors, "prenom", "Saisissez le prénom (100 caractères au plus)."));
        let nom = PersonName::parse(&form.nom)
            .or_else(|| missing(&mut errors, "nom", "Saisissez le nom (100 caractères au plus)."));
        let email = Email::parse(&form.email).map_err(|m| errors.push(FieldError::new("email", m))).ok();
        let profile =
            Profile::from_code(&form.profile).or_else(|| missing(&mut errors, "profile", "Choisissez un profil."));
        let attachment = match profile.map(|p| p.scope_kind()) {
            None => None,
            Some(ScopeKind::National) => Some(Attachment::National),
            Some(ScopeKind::Departement) => match form.departement_code.as_deref().map(str::trim) {
                Some(code) if !code.is_empty() => Some(Attachment::Departement(code.to_string())),
                _ => missing(&mut errors, "departement_code", "Choisissez le département."),
            },
            Some(ScopeKind::Siao) => {
                parse_uuid(&mut errors, "siao_id", form.siao_id.as_deref(), "Choisissez le SIAO.").map(Attachment::Siao)
            }
            Some(kind @ (ScopeKind::Entite | ScopeKind::Dispositifs)) => {
                let dispositifs: Vec<Uuid> = form
                    .dispositif_ids
                    .iter()
                    .filter_map(|d| parse_uuid(&mut errors, "dispositif_ids", Some(d), "Valeur inconnue."))
                    .collect();
                if kind == ScopeKind::Dispositifs && dispositifs.is_empty() {
                    errors.push(FieldError::new("dispositif_ids", "Choisissez au moins un dispositif d'affectation."));
                }
                parse_uuid(&mut errors, "entite_id", form.entite_id.as_deref(), "Choisissez l'entité.")
                    .map(|id| Attachment::Entite(id, dispositifs))
            }
        };
        match (prenom, nom, email, profile, attachment) {
            (Some(prenom), Some(nom), Some(email), Some(profile), Some(attachment)) if errors.is_empty() => {
                Ok(NewUser { prenom, nom, email, profile, attachment })
            }
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

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn the_attachment_must_match_the_profile() {
        assert_eq!(NewUser::try_from(form("admin_national")).unwrap().attachment, Attachment::National);
        assert_eq!(fields(NewUser::try_from(form("admin_departemental")).unwrap_err()), ["departement_code"]);
        let mut ts = form("travailleur_social");
        ts.entite_id = Some(Uuid::from_u128(1).to_string());
        assert_eq!(fields(NewUser::try_from(ts.clone()).unwrap_err()), ["dispositif_ids"]);
        ts.dispositif_ids = vec![Uuid::from_u128(2).to_string()];
        assert_eq!(
            NewUser::try_from(ts).unwrap().attachment,
            Attachment::Entite(Uuid::from_u128(1), vec![Uuid::from_u128(2)])
        );
    }

    #[test]
    fn every_field_error_is_reported_at_once() {
        let f = UserForm { profile: "inconnu".into(), ..Default::default() };
        assert_eq!(fields(NewUser::try_from(f).unwrap_err()), ["prenom", "nom", "email", "profile"]);
    }

    #[test]
    fn ids_that_are_no_uuid_are_field_errors_not_silently_dropped() {
        let mut ts = form("travailleur_social");
        ts.entite_id = Some("pas-un-uuid".into());
        ts.dispositif_ids = vec![Uuid::from_u128(2).to_string(), "x".into()];
        assert_eq!(fields(NewUser::try_from(ts).unwrap_err()), ["dispositif_ids", "entite_id"]);
    }

    #[test]
    fn names_are_trimmed_and_bounded_like_the_database() {
        assert_eq!(PersonName::parse("  Élise ").unwrap().as_str(), "Élise");
        assert!(PersonName::parse("   ").is_none());
        assert!(PersonName::parse(&"é".repeat(100)).is_some());
        assert!(PersonName::parse(&"é".repeat(101)).is_none());
    }
}
