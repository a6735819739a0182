//! Account types and their validation (pure: unit-tested, shared with the browser).

use serde::{Deserialize, Serialize};

use crate::rights::model::Profile;

/// A professional e-mail address, trimmed and lower-cased. Only built through `parse`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, &'static str> {
        let email = raw.trim().to_lowercase();
        let Some((local, domain)) = email.split_once('@') else {
            return Err("Saisissez une adresse électronique valide, par exemple prenom.nom@structure.fr.");
        };
        let valid = !local.is_empty()
            && local.len() <= 64
            && domain.len() >= 3
            && domain.len() <= 255
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !email.contains(char::is_whitespace)
            && email.len() <= 254;
        if valid {
            Ok(Email(email))
        } else {
            Err("Saisissez une adresse électronique valide, par exemple prenom.nom@structure.fr.")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub const PASSWORD_MIN_LEN: usize = 12;
pub const PASSWORD_MAX_LEN: usize = 128;

/// The common passwords refused whatever their length (lower-cased, one per line).
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// ANSSI-style policy: a long password (12 to 128 characters), no composition rules, not a common one,
/// not the e-mail address.
pub fn check_password(password: &str, email: Option<&str>) -> Result<(), &'static str> {
    let len = password.chars().count();
    if len < PASSWORD_MIN_LEN {
        return Err("Le mot de passe doit contenir au moins 12 caractères. Une phrase de passe facile à retenir convient très bien.");
    }
    if len > PASSWORD_MAX_LEN {
        return Err("Le mot de passe ne peut pas dépasser 128 caractères.");
    }
    let lowered = password.to_lowercase();
    if COMMON_PASSWORDS.lines().any(|common| common == lowered) {
        return Err("Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre.");
    }
    if let Some(email) = email {
        let local = email.split('@').next().unwrap_or_default();
        if lowered == email.to_lowercase() || (local.len() >= 6 && lowered.contains(&local.to_lowercase())) {
            return Err("Le mot de passe ne doit pas reprendre votre adresse électronique.");
        }
    }
    Ok(())
}

/// What the layout knows of the logged-in user (menus, header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub prenom: String,
    pub nom: String,
    pub email: String,
    pub profile: Profile,
    /// Where the account is attached: "National", "35 - Ille-et-Vilaine", "SIAO d'Ille-et-Vilaine",
    /// "Association Horizon : CHRS Horizon"...
    pub perimetre: String,
}

/// One open session of the current user ("Mes sessions").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    /// The session's handle: names it on the page, grants nothing (not the cookie's secret).
    pub id: uuid::Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Marie.Dupont@SIAO35.fr ").unwrap().as_str(), "marie.dupont@siao35.fr");
        for bad in ["", "marie", "marie@", "@siao.fr", "marie@siao", "ma rie@siao.fr", "a@b@c.fr", "marie@.fr"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn password_policy_is_length_and_common_list() {
        assert!(check_password("court", None).is_err());
        assert!(check_password("onzecaract", None).is_err());
        assert!(check_password("la mer est calme ce matin", None).is_ok());
        assert!(check_password("abcdefghijkl", None).is_ok(), "no composition rules");
        assert!(check_password(&"x".repeat(129), None).is_err());
        assert!(check_password("motdepasse123", None).is_err(), "common password");
        assert!(check_password("MotDePasse123", None).is_err(), "case does not matter");
        assert!(check_password("marie.dupont2024", Some("marie.dupont@siao35.fr")).is_err());
    }

    #[test]
    fn common_list_is_loaded_and_normalised() {
        let lines: Vec<&str> = COMMON_PASSWORDS.lines().collect();
        assert!(lines.len() >= 100, "{} entries", lines.len());
        assert!(lines.iter().all(|l| *l == l.to_lowercase() && !l.is_empty()));
    }
}

/// What the second-factor enrolment screen shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub otpauth_url: String,
    /// Base32 secret in groups of 4, for manual entry.
    pub secret: String,
    pub qr_svg: String,
}

/// Second factor of the current user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorStatus {
    pub enabled: bool,
    /// The profile must use one (setting TOTP_REQUIRED_PROFILES).
    pub required: bool,
    pub recovery_codes_left: i64,
}
