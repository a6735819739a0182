//! A dispositif as typed, as checked, as shown.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::fields::telephone::Telephone;
use crate::fields::{code_postal, courriel, departement_code, optional, text};
use crate::history::Tracked;
use crate::offre::lifecycle::Statut;

/// The nature whose dispositifs have no places and are never an orientation target.
pub const PREMIER_ACCUEIL: &str = "premier_accueil";

/// Every field may be absent (a Gestionnaire d'entité's form sends its contact fields only).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositifForm {
    #[serde(default)]
    pub entite_id: String,
    #[serde(default)]
    pub nom: String,
    #[serde(default)]
    pub departement_code: String,
    #[serde(default)]
    pub nature_code: String,
    #[serde(default)]
    pub type_code: String,
    /// "oui" when financed by the P177 programme.
    #[serde(default)]
    pub finance_p177: String,
    #[serde(default)]
    pub publics: Vec<String>,
    #[serde(default)]
    pub telephone: String,
    #[serde(default)]
    pub courriel: String,
    #[serde(default)]
    pub adresse: String,
    #[serde(default)]
    pub code_postal: String,
    #[serde(default)]
    pub commune: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DispositifInput {
    pub entite_id: Uuid,
    pub nom: String,
    pub departement_code: String,
    pub nature_code: String,
    pub type_code: String,
    pub finance_p177: bool,
    pub publics: Vec<String>,
    pub telephone: Option<Telephone>,
    pub courriel: Option<String>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
}

impl TryFrom<DispositifForm> for DispositifInput {
    type Error = Vec<FieldError>;

    fn try_from(f: DispositifForm) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        let entite_id = Uuid::parse_str(f.entite_id.trim())
            .map_err(|_| errors.push(FieldError::new("entite_id", "Choisissez l'entité gestionnaire.")))
            .ok();
        let nom = text(&mut errors, "nom", &f.nom, 200);
        if nom.is_none() && !errors.iter().any(|e| e.field == "nom") {
            errors.push(FieldError::new("nom", "Le nom du dispositif est obligatoire."));
        }
        let departement = departement_code(&f.departement_code);
        if departement.is_none() {
            errors.push(FieldError::new("departement_code", "Choisissez le département du dispositif."));
        }
        let nature = optional(&f.nature_code);
        if nature.is_none() {
            errors.push(FieldError::new("nature_code", "Choisissez la nature du dispositif."));
        }
        let type_code = optional(&f.type_code);
        if type_code.is_none() {
            errors.push(FieldError::new("type_code", "Choisissez le type du dispositif."));
        }
        let telephone = optional(&f.telephone)
            .and_then(|t| Telephone::parse(&t).map_err(|m| errors.push(FieldError::new("telephone", m))).ok());
        let courriel = courriel(&mut errors, &f.courriel);
        let adresse = text(&mut errors, "adresse", &f.adresse, 300);
        let code_postal = code_postal(&mut errors, &f.code_postal);
        let commune = text(&mut errors, "commune", &f.commune, 100);
        let mut publics: Vec<String> = f.publics.iter().filter_map(|p| optional(p)).collect();
        publics.sort();
        publics.dedup();
        match (entite_id, nom, departement, nature, type_code) {
            (Some(entite_id), Some(nom), Some(departement_code), Some(nature_code), Some(type_code))
                if errors.is_empty() =>
            {
                Ok(DispositifInput {
                    entite_id,
                    nom,
                    departement_code,
                    nature_code,
                    type_code,
                    finance_p177: matches!(f.finance_p177.as_str(), "oui" | "on" | "true"),
                    publics,
                    telephone,
                    courriel,
                    adresse,
                    code_postal,
                    commune,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A dispositif as its detail page shows it (labels of its codes included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositifDetail {
    pub id: Uuid,
    pub version: i32,
    pub statut: Statut,
    pub motif_renvoi: Option<String>,
    pub actif: bool,
    pub form: DispositifForm,
    pub entite_nom: String,
    pub nature_label: Option<String>,
    pub type_label: Option<String>,
    pub publics_labels: Vec<String>,
    /// Accounts of Responsables de dispositif assigned to it.
    pub responsables: Vec<String>,
}

impl DispositifDetail {
    pub fn p177(&self) -> bool {
        self.form.finance_p177 == "oui"
    }
}

impl Tracked for DispositifDetail {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        let f = &self.form;
        vec![
            ("nom", "Nom", optional(&f.nom)),
            ("entite", "Entité", Some(self.entite_nom.clone())),
            ("departement_code", "Département", optional(&f.departement_code)),
            ("nature", "Nature", self.nature_label.clone()),
            ("type", "Type", self.type_label.clone()),
            ("finance_p177", "Financé P177", Some(if self.p177() { "oui" } else { "non" }.into())),
            ("publics", "Public accueilli", Some(self.publics_labels.join(", "))),
            ("telephone", "Téléphone", optional(&f.telephone).map(|t| Telephone::display(&t))),
            ("courriel", "Adresse électronique", optional(&f.courriel)),
            ("adresse", "Adresse", optional(&f.adresse)),
            ("code_postal", "Code postal", optional(&f.code_postal)),
            ("commune", "Commune", optional(&f.commune)),
            ("statut", "Statut", Some(self.statut.label().to_string())),
            ("actif", "Actif", Some(if self.actif { "oui" } else { "non" }.to_string())),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositifListItem {
    pub id: Uuid,
    pub nom: String,
    pub entite_nom: String,
    pub departement_code: String,
    pub type_label: Option<String>,
    pub finance_p177: bool,
    pub statut: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositifFilter {
    pub q: Option<String>,
    pub departement: Option<String>,
    pub nature: Option<String>,
    pub statut: Option<String>,
    pub p177: Option<String>,
    pub page: Option<i64>,
}

/// Choices of the dispositif form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositifOptions {
    /// (id, name, its départements)
    pub entites: Vec<(Uuid, String, Vec<String>)>,
    pub natures: Vec<(String, String)>,
    /// (code, label, nature)
    pub types: Vec<(String, String, String)>,
    pub publics: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> DispositifForm {
        DispositifForm {
            entite_id: Uuid::from_u128(1).to_string(),
            nom: "CHRS Horizon".into(),
            departement_code: "35".into(),
            nature_code: "hebergement".into(),
            type_code: "hebergement.chrs".into(),
            finance_p177: "oui".into(),
            publics: vec!["familles".into(), "hommes_seuls".into(), "familles".into(), " ".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_is_parsed() {
        let d = DispositifInput::try_from(good()).unwrap();
        assert!(d.finance_p177);
        assert_eq!(d.publics, ["familles", "hommes_seuls"]);
        assert!(
            !DispositifInput::try_from(DispositifForm { finance_p177: String::new(), ..good() }).unwrap().finance_p177
        );
    }

    #[test]
    fn every_missing_field_is_named() {
        let fields: Vec<String> =
            DispositifInput::try_from(DispositifForm { telephone: "12".into(), ..Default::default() })
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect();
        assert_eq!(fields, ["entite_id", "nom", "departement_code", "nature_code", "type_code", "telephone"]);
    }
}
