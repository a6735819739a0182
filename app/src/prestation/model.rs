//! A prestation's short life (one table of legal steps), its form parsed, its views.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::code_enum;
use crate::error::FieldError;
use crate::fields::{required, text};

code_enum! {
    /// Where a prestation is.
    pub enum Statut {
        Demandee = "demandee" => "demandée",
        PriseEnCharge = "prise_en_charge" => "prise en charge",
        Realisee = "realisee" => "réalisée",
        Annulee = "annulee" => "annulée ou non réalisée",
    }
}

impl Statut {
    pub fn is_open(self) -> bool {
        matches!(self, Statut::Demandee | Statut::PriseEnCharge)
    }

    pub fn badge(self) -> &'static str {
        match self {
            Statut::Demandee => "fr-badge--new",
            Statut::PriseEnCharge => "fr-badge--info",
            Statut::Realisee => "fr-badge--success",
            Statut::Annulee => "",
        }
    }
}

code_enum! {
    /// A step of a prestation.
    pub enum Etape {
        /// The dispositif takes it in charge.
        Prendre = "prendre" => "prendre en charge",
        /// The dispositif did it (date, what was done).
        Realiser = "realiser" => "marquer réalisée",
        /// The dispositif could not do it (motif).
        NonRealisee = "non_realisee" => "déclarer non réalisée",
        /// The requester cancels it before it is taken in charge (motif).
        Annuler = "annuler" => "annuler",
    }
}

use Etape as E;
use Statut as S;

/// The legal steps: (from, step, to). Anything else is refused.
pub const TRANSITIONS: &[(Statut, Etape, Statut)] = &[
    (S::Demandee, E::Prendre, S::PriseEnCharge),
    (S::PriseEnCharge, E::Realiser, S::Realisee),
    (S::Demandee, E::NonRealisee, S::Annulee),
    (S::PriseEnCharge, E::NonRealisee, S::Annulee),
    (S::Demandee, E::Annuler, S::Annulee),
];

/// The state a prestation reaches from `from` by `etape`, or why not (in French).
pub fn next(from: Statut, etape: Etape) -> Result<Statut, String> {
    TRANSITIONS
        .iter()
        .find(|(f, e, _)| *f == from && *e == etape)
        .map(|t| t.2)
        .ok_or_else(|| format!("Impossible de {} une prestation {}.", etape.label(), from.label()))
}

/// A prestation as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrestationForm {
    #[serde(default)]
    pub type_code: String,
    #[serde(default)]
    pub dispositif_id: String,
    #[serde(default)]
    pub besoin: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrestationInput {
    pub type_code: String,
    pub dispositif_id: Uuid,
    pub besoin: Option<String>,
}

impl PrestationForm {
    pub fn parse(&self) -> Result<PrestationInput, Vec<FieldError>> {
        let mut errors = vec![];
        let type_code = required(&mut errors, "type_code", &self.type_code, 100, "Choisissez le type de prestation.");
        let dispositif_id = Uuid::parse_str(self.dispositif_id.trim()).ok();
        if dispositif_id.is_none() {
            errors.push(FieldError::new("dispositif_id", "Choisissez le dispositif sollicité."));
        }
        let besoin = text(&mut errors, "besoin", &self.besoin, 2000);
        match (type_code, dispositif_id) {
            (Some(type_code), Some(dispositif_id)) if errors.is_empty() => {
                Ok(PrestationInput { type_code, dispositif_id, besoin })
            }
            _ => Err(errors),
        }
    }
}

/// A prestation as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrestationView {
    pub id: Uuid,
    pub numero: i64,
    pub menage_id: Uuid,
    pub menage_numero: i64,
    /// The ménage's demandeur principal (name), for the team that goes to meet him.
    pub demandeur: String,
    pub type_label: String,
    pub statut: Statut,
    pub besoin: Option<String>,
    pub dispositif_id: Uuid,
    pub dispositif: String,
    pub auteur: String,
    pub created_at: DateTime<Utc>,
    pub prise_en_charge_par: Option<String>,
    pub realisee_le: Option<NaiveDate>,
    pub compte_rendu: Option<String>,
    pub motif_fin: Option<String>,
    pub version: i32,
    pub created_by: Uuid,
    /// The reader belongs to the team of the dispositif asked (he takes it in charge, closes it).
    pub equipe: bool,
    /// The reader may cancel it (its requester, the SIAO).
    pub annulable: bool,
}

impl PrestationView {
    pub fn allows(&self, etape: Etape) -> bool {
        next(self.statut, etape).is_ok()
    }
}

/// The choices of the form: types, the dispositifs that can be asked (code, label), the motifs of
/// non-réalisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrestationOptions {
    pub types: Vec<(String, String)>,
    pub dispositifs: Vec<(String, String)>,
    pub motifs: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_legal_only_when_listed() {
        let mut legal = 0;
        for from in Statut::ALL {
            for etape in Etape::ALL {
                let listed = TRANSITIONS.iter().find(|t| t.0 == from && t.1 == etape);
                match (next(from, etape), listed) {
                    (Ok(to), Some(t)) => {
                        assert_eq!(to, t.2);
                        legal += 1;
                    }
                    (Err(why), None) => assert!(why.starts_with("Impossible de ") && why.contains(from.label())),
                    (got, listed) => panic!("{from:?} {etape:?}: {got:?} vs {listed:?}"),
                }
            }
        }
        assert_eq!(legal, TRANSITIONS.len());
        assert!(next(S::Realisee, E::NonRealisee).is_err(), "a done prestation stays done");
        assert!(next(S::PriseEnCharge, E::Annuler).is_err(), "once taken, the dispositif closes it");
        for s in Statut::ALL {
            assert_eq!(s.is_open(), TRANSITIONS.iter().any(|t| t.0 == s));
        }
    }

    #[test]
    fn the_form_needs_a_type_and_a_dispositif() {
        let fields: Vec<String> = PrestationForm::default().parse().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["type_code", "dispositif_id"]);
        let ok = PrestationForm {
            type_code: "maraude".into(),
            dispositif_id: Uuid::new_v4().to_string(),
            besoin: " Sous le pont, le soir ".into(),
        };
        assert_eq!(ok.parse().unwrap().besoin.as_deref(), Some("Sous le pont, le soir"));
    }
}
