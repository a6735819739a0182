//! The sensitive situation of a person: health in broad categories (never a diagnosis), violence suffered,
//! judicial situation. Read and written through its own server functions, under the matrix's
//! `SituationMedicoSociale` cells: a refused profile never receives it, and every read is journaled.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::fields::{optional, text};
use crate::history::Tracked;

/// The three-way answers of the block: `oui`, `non`, `en_cours` (démarche en cours), or empty.
pub const ANSWERS: [(&str, &str); 3] = [("oui", "Oui"), ("non", "Non"), ("en_cours", "Démarche en cours")];

/// The health categories (flags, `oui` when ticked).
pub const CATEGORIES: [(&str, &str); 5] = [
    ("sante_physique", "Santé physique"),
    ("sante_psychique", "Souffrance psychique"),
    ("addiction", "Conduite addictive"),
    ("mobilite_reduite", "Mobilité réduite"),
    ("fauteuil", "Fauteuil roulant"),
];

/// The block as sent by the form and as stored (JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SensibleForm {
    #[serde(default)]
    pub probleme_sante: String,
    #[serde(default)]
    pub sante_physique: String,
    #[serde(default)]
    pub sante_psychique: String,
    #[serde(default)]
    pub addiction: String,
    #[serde(default)]
    pub mobilite_reduite: String,
    #[serde(default)]
    pub fauteuil: String,
    #[serde(default)]
    pub suivi_medical: String,
    #[serde(default)]
    pub victime_violences: String,
    #[serde(default)]
    pub violences_conjugales: String,
    #[serde(default)]
    pub commentaire: String,
    /// Code of the référentiel `statut_justice`.
    #[serde(default)]
    pub justice_statut: String,
    #[serde(default)]
    pub justice_mesure: String,
}

fn answer(errors: &mut Vec<FieldError>, field: &str, value: &str) -> String {
    let v = value.trim();
    if !v.is_empty() && !ANSWERS.iter().any(|(c, _)| *c == v) {
        errors.push(FieldError::new(field, "Répondez oui, non ou démarche en cours."));
    }
    v.to_string()
}

fn flag(value: &str) -> String {
    if crate::fields::checked(value) { "oui" } else { "" }.to_string()
}

impl SensibleForm {
    /// Whether the health category `key` (of `CATEGORIES`) is ticked.
    pub fn flag(&self, key: &str) -> bool {
        let value = match key {
            "sante_physique" => &self.sante_physique,
            "sante_psychique" => &self.sante_psychique,
            "addiction" => &self.addiction,
            "mobilite_reduite" => &self.mobilite_reduite,
            "fauteuil" => &self.fauteuil,
            _ => return false,
        };
        !value.is_empty()
    }

    /// The block checked and normalised (flags as `oui` or empty, texts trimmed).
    pub fn parse(&self) -> Result<SensibleForm, Vec<FieldError>> {
        let mut errors = vec![];
        let parsed = SensibleForm {
            probleme_sante: answer(&mut errors, "probleme_sante", &self.probleme_sante),
            sante_physique: flag(&self.sante_physique),
            sante_psychique: flag(&self.sante_psychique),
            addiction: flag(&self.addiction),
            mobilite_reduite: flag(&self.mobilite_reduite),
            fauteuil: flag(&self.fauteuil),
            suivi_medical: answer(&mut errors, "suivi_medical", &self.suivi_medical),
            victime_violences: answer(&mut errors, "victime_violences", &self.victime_violences),
            violences_conjugales: answer(&mut errors, "violences_conjugales", &self.violences_conjugales),
            commentaire: text(&mut errors, "commentaire", &self.commentaire, 1000).unwrap_or_default(),
            justice_statut: optional(&self.justice_statut).unwrap_or_default(),
            justice_mesure: text(&mut errors, "justice_mesure", &self.justice_mesure, 300).unwrap_or_default(),
        };
        if errors.is_empty() {
            Ok(parsed)
        } else {
            Err(errors)
        }
    }
}

/// The block of one person, with its version and the label of its judicial status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sensible {
    pub personne_id: Uuid,
    pub nom: String,
    /// 0 while nothing was recorded.
    pub version: i32,
    pub form: SensibleForm,
    pub justice_label: Option<String>,
}

fn answer_label(v: &str) -> Option<String> {
    ANSWERS.iter().find(|(c, _)| *c == v).map(|(_, l)| l.to_string())
}

impl Tracked for Sensible {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        let f = &self.form;
        let categories: Vec<&str> = CATEGORIES.iter().filter(|(field, _)| f.flag(field)).map(|(_, l)| *l).collect();
        vec![
            ("probleme_sante", "Problème de santé", answer_label(&f.probleme_sante)),
            ("categories", "Catégories", Some(categories.join(", "))),
            ("suivi_medical", "Suivi médical", answer_label(&f.suivi_medical)),
            ("victime_violences", "Victime de violences", answer_label(&f.victime_violences)),
            ("violences_conjugales", "Victime de violences conjugales", answer_label(&f.violences_conjugales)),
            ("commentaire", "Commentaire", optional(&f.commentaire)),
            ("justice_statut", "Situation judiciaire", self.justice_label.clone()),
            ("justice_mesure", "Mesure, juridiction", optional(&f.justice_mesure)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_checked_and_flags_normalised() {
        let form = SensibleForm {
            probleme_sante: "oui".into(),
            sante_psychique: "on".into(),
            addiction: "".into(),
            suivi_medical: "peut-être".into(),
            ..Default::default()
        };
        let errors = form.parse().unwrap_err();
        assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["suivi_medical"]);
        let ok = SensibleForm { suivi_medical: "en_cours".into(), ..form }.parse().unwrap();
        assert_eq!((ok.sante_psychique.as_str(), ok.addiction.as_str()), ("oui", ""));
        let s = Sensible { personne_id: Uuid::nil(), nom: "X".into(), version: 1, form: ok, justice_label: None };
        let tracked = s.tracked();
        assert_eq!(tracked[1].2.as_deref(), Some("Souffrance psychique"));
        assert_eq!(tracked[2].2.as_deref(), Some("Démarche en cours"));
    }
}
