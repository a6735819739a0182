//! An entité as typed (`EntiteForm`), as checked (`EntiteInput`), as shown (`EntiteDetail`).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::fields::telephone::Telephone;
use crate::fields::{code_postal, courriel, departement_code, optional, text};
use crate::history::Tracked;
use crate::offre::lifecycle::Statut;
use crate::offre::siren::Siren;

/// The convention collective whose IDCC number must be given.
pub const CONVENTION_AUTRE: &str = "autre";

/// Rows per page of the list.
pub const PAGE_SIZE: i64 = 50;

/// Every field may be absent (a Gestionnaire d'entité's form sends its contact fields only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntiteForm {
    #[serde(default)]
    pub nom: String,
    #[serde(default)]
    pub siren: String,
    #[serde(default)]
    pub telephone: String,
    #[serde(default)]
    pub courriel: String,
    #[serde(default)]
    pub convention_collective: String,
    #[serde(default)]
    pub idcc: String,
    #[serde(default)]
    pub adresse: String,
    #[serde(default)]
    pub code_postal: String,
    #[serde(default)]
    pub commune: String,
    /// The département where it is created (its name is unique there).
    #[serde(default)]
    pub departement_code: String,
    /// Other départements where it operates, codes separated by commas or spaces.
    #[serde(default)]
    pub autres_departements: String,
}

/// The fields a Gestionnaire d'entité may change on its own entité ("une partie des données").
pub const GESTIONNAIRE_FIELDS: [&str; 5] = ["telephone", "courriel", "adresse", "code_postal", "commune"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntiteInput {
    pub nom: String,
    pub siren: Siren,
    pub telephone: Option<Telephone>,
    pub courriel: Option<String>,
    pub convention_collective: Option<String>,
    pub idcc: Option<String>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub departement_code: String,
    /// Every département where it operates, its own first.
    pub departements: Vec<String>,
}

impl TryFrom<EntiteForm> for EntiteInput {
    type Error = Vec<FieldError>;

    fn try_from(f: EntiteForm) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        let nom = text(&mut errors, "nom", &f.nom, 200);
        if nom.is_none() && !errors.iter().any(|e| e.field == "nom") {
            errors.push(FieldError::new("nom", "Le nom de l'entité est obligatoire."));
        }
        let siren = Siren::parse(&f.siren).map_err(|m| errors.push(FieldError::new("siren", m))).ok();
        let telephone = optional(&f.telephone)
            .and_then(|t| Telephone::parse(&t).map_err(|m| errors.push(FieldError::new("telephone", m))).ok());
        let courriel = courriel(&mut errors, &f.courriel);
        let convention_collective = optional(&f.convention_collective);
        let idcc = optional(&f.idcc);
        match (convention_collective.as_deref() == Some(CONVENTION_AUTRE), &idcc) {
            (true, None) => {
                errors.push(FieldError::new("idcc", "Le numéro IDCC est obligatoire pour le type « Autre »."))
            }
            (true, Some(n)) if !(1..=4).contains(&n.len()) || !n.chars().all(|c| c.is_ascii_digit()) => {
                errors.push(FieldError::new("idcc", "Le numéro IDCC comporte 1 à 4 chiffres."))
            }
            (false, Some(_)) => errors.push(FieldError::new(
                "idcc",
                "Le numéro IDCC ne se renseigne que pour le type de convention « Autre » : laissez-le vide.",
            )),
            _ => {}
        }
        let adresse = text(&mut errors, "adresse", &f.adresse, 300);
        let code_postal = code_postal(&mut errors, &f.code_postal);
        let commune = text(&mut errors, "commune", &f.commune, 100);
        let home = departement_code(&f.departement_code);
        if home.is_none() {
            errors.push(FieldError::new("departement_code", "Choisissez le département de l'entité."));
        }
        let mut departements: Vec<String> = home.iter().cloned().collect();
        for code in f.autres_departements.split([',', ' ', ';']).filter(|c| !c.trim().is_empty()) {
            match departement_code(code) {
                Some(c) if !departements.contains(&c) => departements.push(c),
                Some(_) => {}
                None => errors.push(FieldError::new(
                    "autres_departements",
                    format!("« {} » n'est pas un code de département (ex. 35, 2A, 974).", code.trim()),
                )),
            }
        }
        match (nom, siren, home) {
            (Some(nom), Some(siren), Some(departement_code)) if errors.is_empty() => Ok(EntiteInput {
                nom,
                siren,
                telephone,
                courriel,
                convention_collective,
                idcc,
                adresse,
                code_postal,
                commune,
                departement_code,
                departements,
            }),
            _ => Err(errors),
        }
    }
}

/// An entité as its detail page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntiteDetail {
    pub id: Uuid,
    pub version: i32,
    pub statut: Statut,
    pub motif_renvoi: Option<String>,
    pub actif: bool,
    pub form: EntiteForm,
    pub convention_label: Option<String>,
    pub departements: Vec<String>,
    pub dispositifs: Vec<(Uuid, String)>,
}

impl Tracked for EntiteDetail {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        let f = &self.form;
        vec![
            ("nom", "Nom", optional(&f.nom)),
            ("siren", "SIREN", optional(&f.siren)),
            ("telephone", "Téléphone", optional(&f.telephone).map(|t| Telephone::display(&t))),
            ("courriel", "Adresse électronique", optional(&f.courriel)),
            ("convention_collective", "Convention collective", self.convention_label.clone()),
            ("idcc", "N° IDCC", optional(&f.idcc)),
            ("adresse", "Adresse", optional(&f.adresse)),
            ("code_postal", "Code postal", optional(&f.code_postal)),
            ("commune", "Commune", optional(&f.commune)),
            ("departements", "Départements", Some(self.departements.join(", "))),
            ("statut", "Statut", Some(self.statut.label().to_string())),
            ("actif", "Actif", Some(if self.actif { "oui" } else { "non" }.to_string())),
            ("actif", "Active", Some(if self.actif { "oui" } else { "non" }.to_string())),
        ]
    }
}

/// A line of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntiteListItem {
    pub id: Uuid,
    pub nom: String,
    pub siren: String,
    pub departement_code: Option<String>,
    pub statut: String,
    pub actif: bool,
    pub dispositifs: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntiteFilter {
    pub q: Option<String>,
    pub departement: Option<String>,
    pub statut: Option<String>,
    pub page: Option<i64>,
}

/// Choices of the entité form: conventions collectives, départements the user may choose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntiteOptions {
    pub conventions: Vec<(String, String)>,
    pub departements: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> EntiteForm {
        EntiteForm {
            nom: "Association Horizon".into(),
            siren: "123 456 782".into(),
            telephone: "02.99.00.00.00".into(),
            courriel: "contact@horizon.fr".into(),
            convention_collective: "ccn_1966".into(),
            departement_code: "35".into(),
            autres_departements: "22, 56 35".into(),
            ..Default::default()
        }
    }

    fn fields(f: EntiteForm) -> Vec<String> {
        EntiteInput::try_from(f).unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_good_form_is_normalised() {
        let e = EntiteInput::try_from(good()).unwrap();
        assert_eq!(e.siren.as_str(), "123456782");
        assert_eq!(e.telephone.unwrap().as_str(), "0299000000");
        assert_eq!(e.departements, ["35", "22", "56"]);
    }

    #[test]
    fn idcc_only_and_always_with_autre() {
        assert_eq!(fields(EntiteForm { idcc: "413".into(), ..good() }), ["idcc"]);
        let autre = EntiteForm { convention_collective: CONVENTION_AUTRE.into(), ..good() };
        assert_eq!(fields(autre.clone()), ["idcc"]);
        assert_eq!(fields(EntiteForm { idcc: "12345".into(), ..autre.clone() }), ["idcc"]);
        assert!(EntiteInput::try_from(EntiteForm { idcc: "2941".into(), ..autre }).is_ok());
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = EntiteForm {
            nom: " ".into(),
            siren: "123456789".into(),
            telephone: "12".into(),
            courriel: "pas une adresse".into(),
            code_postal: "3500".into(),
            departement_code: "".into(),
            autres_departements: "Bretagne".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(bad),
            ["nom", "siren", "telephone", "courriel", "code_postal", "departement_code", "autres_departements"]
        );
    }
}
