//! A financement as typed, as checked, as shown; amounts in euros and cents.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::history::Tracked;
use crate::rights::model::Profile;

/// The sources the département records (matrix note "P177 et contingent préfectoral"); the SIAO records
/// the others.
pub const SOURCES_DEPARTEMENT: [&str; 2] = ["p177", "contingent_prefectoral"];

/// Whether `profile` records lines of `source` (others: their matrix cell decides).
pub fn records_source(profile: Profile, source: &str) -> bool {
    match profile {
        Profile::AdminDepartemental => SOURCES_DEPARTEMENT.contains(&source),
        Profile::AdminSiao => !SOURCES_DEPARTEMENT.contains(&source),
        _ => true,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancementForm {
    #[serde(default)]
    pub dispositif_id: String,
    #[serde(default)]
    pub source_code: String,
    #[serde(default)]
    pub annee: String,
    /// In euros, as typed: `12 345,67`, `12345.67 €`.
    #[serde(default)]
    pub montant: String,
    #[serde(default)]
    pub places_financees: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinancementInput {
    pub dispositif_id: Uuid,
    pub source_code: String,
    pub annee: i32,
    pub montant_centimes: Option<i64>,
    pub places_financees: i32,
}

/// An amount in euros as typed (spaces, `€`, a comma or a point before at most two decimals) in cents.
pub fn parse_montant(s: &str) -> Option<i64> {
    let cleaned: String =
        s.chars().filter(|c| !c.is_whitespace() && *c != '€').map(|c| if c == ',' { '.' } else { c }).collect();
    let (euros, cents) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |d: &str| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit());
    if !digits(euros) || euros.len() > 12 || cents.len() > 2 || (!cents.is_empty() && !digits(cents)) {
        return None;
    }
    let cents = format!("{cents:0<2}").parse::<i64>().ok()?;
    euros.parse::<i64>().ok()?.checked_mul(100)?.checked_add(cents)
}

/// Cents as shown: `12 345,67 €`.
pub fn display_montant(centimes: i64) -> String {
    let euros = (centimes / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!("{grouped},{:02}\u{a0}€", centimes % 100)
}

impl TryFrom<FinancementForm> for FinancementInput {
    type Error = Vec<FieldError>;

    fn try_from(f: FinancementForm) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        let dispositif_id = Uuid::parse_str(f.dispositif_id.trim())
            .map_err(|_| errors.push(FieldError::new("dispositif_id", "Choisissez le dispositif.")))
            .ok();
        let source = Some(f.source_code.trim().to_string()).filter(|s| !s.is_empty());
        if source.is_none() {
            errors.push(FieldError::new("source_code", "Choisissez la source du financement."));
        }
        let annee = f.annee.trim().parse::<i32>().ok().filter(|a| (2000..=2100).contains(a));
        if annee.is_none() {
            errors.push(FieldError::new("annee", "Une année sur quatre chiffres, ex. 2026."));
        }
        let montant = match f.montant.trim() {
            "" => Ok(None),
            m => parse_montant(m).map(Some).ok_or(()),
        };
        if montant.is_err() {
            errors.push(FieldError::new("montant", "Un montant en euros, ex. 125 000 ou 125000,50."));
        }
        let places = f.places_financees.trim().parse::<i32>().ok().filter(|n| (0..=100_000).contains(n));
        if places.is_none() {
            errors.push(FieldError::new("places_financees", "Un nombre de places financées (0 ou plus)."));
        }
        match (dispositif_id, source, annee, montant, places) {
            (Some(dispositif_id), Some(source_code), Some(annee), Ok(montant_centimes), Some(places_financees))
                if errors.is_empty() =>
            {
                Ok(FinancementInput { dispositif_id, source_code, annee, montant_centimes, places_financees })
            }
            _ => Err(errors),
        }
    }
}

/// A financing line as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancementItem {
    pub id: Uuid,
    pub version: i32,
    pub dispositif_id: Uuid,
    pub source_code: String,
    pub source_label: Option<String>,
    pub annee: i32,
    pub montant_centimes: Option<i64>,
    pub places_financees: i32,
    pub actif: bool,
}

impl FinancementItem {
    pub fn form(&self) -> FinancementForm {
        FinancementForm {
            dispositif_id: self.dispositif_id.to_string(),
            source_code: self.source_code.clone(),
            annee: self.annee.to_string(),
            montant: self.montant_centimes.map(|c| format!("{},{:02}", c / 100, c % 100)).unwrap_or_default(),
            places_financees: self.places_financees.to_string(),
        }
    }
}

impl Tracked for FinancementItem {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        vec![
            ("source", "Source", self.source_label.clone().or(Some(self.source_code.clone()))),
            ("annee", "Année", Some(self.annee.to_string())),
            ("montant", "Montant", self.montant_centimes.map(display_montant)),
            ("places_financees", "Places financées", Some(self.places_financees.to_string())),
            ("actif", "Actif", Some(if self.actif { "oui" } else { "non" }.into())),
        ]
    }
}

/// A financing line with its dispositif, for its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancementDetail {
    pub item: FinancementItem,
    pub dispositif_nom: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_typed() {
        assert_eq!(parse_montant("125 000"), Some(12_500_000));
        assert_eq!(parse_montant("125\u{202f}000,5 €"), Some(12_500_050));
        assert_eq!(parse_montant("0.07"), Some(7));
        for bad in ["", "12,345", "-5", "1e6", "12.3.4", "abc", "9999999999999"] {
            assert_eq!(parse_montant(bad), None, "{bad}");
        }
        assert_eq!(display_montant(12_500_050), "125\u{202f}000,50\u{a0}€");
        assert_eq!(display_montant(7), "0,07\u{a0}€");
    }

    #[test]
    fn each_administrator_records_its_sources() {
        assert!(records_source(Profile::AdminDepartemental, "p177"));
        assert!(records_source(Profile::AdminDepartemental, "contingent_prefectoral"));
        assert!(!records_source(Profile::AdminDepartemental, "ars"));
        assert!(records_source(Profile::AdminSiao, "ars"));
        assert!(!records_source(Profile::AdminSiao, "p177"));
        assert!(records_source(Profile::AdminNational, "p177"));
    }

    #[test]
    fn every_missing_field_is_named() {
        let fields: Vec<String> =
            FinancementInput::try_from(FinancementForm { montant: "x".into(), ..Default::default() })
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect();
        assert_eq!(fields, ["dispositif_id", "source_code", "annee", "montant", "places_financees"]);
    }
}
