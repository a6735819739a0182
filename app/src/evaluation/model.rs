//! The évaluation approfondie (EA): its content by step (the domains of the SIAO social assessment), what
//! finalising requires, its rows as read and compared, and its life: brouillon → finale (never changed
//! again; the next assessment is a new EA of the series).

use std::collections::BTreeMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::menage::model::SituationForm;
use crate::menage::sensible::SensibleForm;
use crate::menage::situation::{Kind, Section, Values, CHAMPS};

/// Where an EA is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Statut {
    Brouillon,
    Finale,
}

impl Statut {
    pub fn code(self) -> &'static str {
        match self {
            Statut::Brouillon => "brouillon",
            Statut::Finale => "finale",
        }
    }

    pub fn from_code(code: &str) -> Option<Statut> {
        [Statut::Brouillon, Statut::Finale].into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Statut::Brouillon => "Brouillon",
            Statut::Finale => "Finalisée",
        }
    }
}

/// The steps of the form, one domain each (or two close ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Etape {
    Administrative,
    Budget,
    Emploi,
    Sante,
    Famille,
    Logement,
    Orientation,
}

impl Etape {
    pub const ALL: [Etape; 7] = [
        Etape::Administrative,
        Etape::Budget,
        Etape::Emploi,
        Etape::Sante,
        Etape::Famille,
        Etape::Logement,
        Etape::Orientation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Etape::Administrative => "administrative",
            Etape::Budget => "budget",
            Etape::Emploi => "emploi",
            Etape::Sante => "sante",
            Etape::Famille => "famille",
            Etape::Logement => "logement",
            Etape::Orientation => "orientation",
        }
    }

    pub fn from_code(code: &str) -> Option<Etape> {
        Etape::ALL.into_iter().find(|e| e.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Etape::Administrative => "Situation administrative et droits",
            Etape::Budget => "Ressources et budget",
            Etape::Emploi => "Emploi et formation",
            Etape::Sante => "Santé",
            Etape::Famille => "Situation familiale",
            Etape::Logement => "Parcours logement et souhaits",
            Etape::Orientation => "Besoins et orientation préconisée",
        }
    }

    /// The sections of the persons' situations this step edits.
    pub fn sections(self) -> &'static [Section] {
        match self {
            Etape::Administrative => &[Section::Administrative, Section::DroitsSociaux],
            Etape::Emploi => &[Section::Professionnelle],
            Etape::Famille => &[Section::Familiale],
            _ => &[],
        }
    }

    /// The step's number, from 1.
    pub fn number(self) -> usize {
        Etape::ALL.iter().position(|e| *e == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> Option<Etape> {
        Etape::ALL.get(self.number()).copied()
    }
}

/// A person's situations within the EA.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonneEa {
    pub personne_id: Uuid,
    pub nom: String,
    pub values: Values,
}

/// A person's health within the EA (the sensitive block's broad categories).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SantePersonne {
    pub personne_id: Uuid,
    pub nom: String,
    pub form: SensibleForm,
}

/// The EA but its health part (a field missing from the stored JSON reads as empty: the content may grow).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contenu {
    pub personnes: Vec<PersonneEa>,
    /// The situation du ménage (logement), as on the fiche.
    pub menage: SituationForm,
    pub budget_observations: String,
    /// Housing path and wishes (sector, type of housing, constraints).
    pub souhaits: String,
    /// Codes of the référentiel `besoins_accompagnement`.
    pub besoins: Vec<String>,
    /// Code of the référentiel `types_etablissement_un`.
    pub preconisation: String,
    pub synthese: String,
}

pub const SOUHAITS_MAX: usize = 2000;
pub const OBSERVATIONS_MAX: usize = 2000;
pub const SYNTHESE_MAX: usize = 10_000;

impl Contenu {
    /// What finalising requires, each as the error of its step.
    pub fn missing(&self) -> Vec<FieldError> {
        let mut errors = vec![];
        let mut need = |ok: bool, field: &str, etape: Etape, what: &str| {
            if !ok {
                errors.push(FieldError::new(field, format!("{} : {what}", etape.label())));
            }
        };
        need(
            !self.menage.situation_logement.trim().is_empty(),
            "situation_logement",
            Etape::Logement,
            "indiquez la situation au regard du logement.",
        );
        need(
            !self.souhaits.trim().is_empty(),
            "souhaits",
            Etape::Logement,
            "décrivez le parcours et les souhaits du ménage.",
        );
        need(!self.besoins.is_empty(), "besoins", Etape::Orientation, "cochez au moins un besoin.");
        need(
            !self.preconisation.trim().is_empty(),
            "preconisation",
            Etape::Orientation,
            "choisissez l'orientation préconisée.",
        );
        need(!self.synthese.trim().is_empty(), "synthese", Etape::Orientation, "rédigez la synthèse.");
        errors
    }

    /// The EA as rows `(step, label, value)`, codes shown through `label` (référentiel, code) → label.
    pub fn rows(&self, label: &dyn Fn(&str, &str) -> String) -> Vec<(Etape, String, String)> {
        let mut rows = vec![];
        for etape in Etape::ALL {
            for p in &self.personnes {
                for c in CHAMPS.iter().filter(|c| etape.sections().contains(&c.section)) {
                    let raw = p.values.get(c.key).cloned().unwrap_or_default();
                    let shown = match (c.kind, raw.is_empty()) {
                        (Kind::Liste(list), false) => label(list, &raw),
                        (Kind::Date, false) => french_date(&raw),
                        _ => raw,
                    };
                    rows.push((etape, format!("{} — {}", p.nom, c.label), shown));
                }
            }
            match etape {
                Etape::Budget => {
                    rows.push((etape, "Observations sur le budget".into(), self.budget_observations.clone()))
                }
                Etape::Logement => {
                    let m = &self.menage;
                    let coded = [
                        ("Situation au regard du logement", "situation_demandes", &m.situation_logement),
                        ("Motif de la demande", "motif_demandes", &m.motif_demande),
                        ("Durée d'errance", "duree_errances", &m.duree_errance),
                    ];
                    for (l, list, code) in coded {
                        let shown = if code.is_empty() { String::new() } else { label(list, code) };
                        rows.push((etape, l.into(), shown));
                    }
                    let expulsion = match m.expulsion_en_cours.as_str() {
                        "oui" => "Oui",
                        "non" => "Non",
                        _ => "",
                    };
                    rows.push((etape, "Expulsion locative en cours".into(), expulsion.into()));
                    rows.push((etape, "Domiciliation".into(), m.domiciliation.clone()));
                    rows.push((etape, "Parcours et souhaits".into(), self.souhaits.clone()));
                }
                Etape::Orientation => {
                    let besoins: Vec<String> =
                        self.besoins.iter().map(|b| label("besoins_accompagnement", b)).collect();
                    rows.push((etape, "Besoins".into(), besoins.join(", ")));
                    let preco = if self.preconisation.is_empty() {
                        String::new()
                    } else {
                        label("types_etablissement_un", &self.preconisation)
                    };
                    rows.push((etape, "Orientation préconisée".into(), preco));
                    rows.push((etape, "Synthèse".into(), self.synthese.clone()));
                }
                _ => {}
            }
        }
        rows
    }
}

/// The health part as rows, like `Contenu::rows`.
pub fn sante_rows(sante: &[SantePersonne], label: &dyn Fn(&str, &str) -> String) -> Vec<(Etape, String, String)> {
    let answer = |v: &str| crate::menage::sensible::ANSWERS.iter().find(|(c, _)| *c == v).map(|(_, l)| l.to_string());
    let mut rows = vec![];
    for s in sante {
        let f = &s.form;
        let categories: Vec<&str> =
            crate::menage::sensible::CATEGORIES.iter().filter(|(key, _)| f.flag(key)).map(|(_, l)| *l).collect();
        let justice =
            if f.justice_statut.is_empty() { String::new() } else { label("statut_justice", &f.justice_statut) };
        for (l, v) in [
            ("Problème de santé", answer(&f.probleme_sante).unwrap_or_default()),
            ("Catégories", categories.join(", ")),
            ("Suivi médical", answer(&f.suivi_medical).unwrap_or_default()),
            ("Victime de violences", answer(&f.victime_violences).unwrap_or_default()),
            ("Situation judiciaire", justice),
        ] {
            rows.push((Etape::Sante, format!("{} — {l}", s.nom), v));
        }
    }
    rows
}

fn french_date(iso: &str) -> String {
    crate::fields::date(iso).map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| iso.to_string())
}

/// Two EAs side by side: `(step, label, first, second, changed)`, the rows of the first, then those only
/// in the second (a person who joined); rows empty in both are left out.
pub fn compare(
    a: &[(Etape, String, String)],
    b: &[(Etape, String, String)],
) -> Vec<(Etape, String, String, String, bool)> {
    let find =
        |rows: &[(Etape, String, String)], l: &str| rows.iter().find(|(_, x, _)| x == l).map(|(_, _, v)| v.clone());
    let mut out: Vec<_> = a
        .iter()
        .map(|(e, l, va)| {
            let vb = find(b, l).unwrap_or_default();
            (*e, l.clone(), va.clone(), vb.clone(), *va != vb)
        })
        .collect();
    for (e, l, vb) in b.iter().filter(|(_, l, _)| find(a, l).is_none()) {
        out.push((*e, l.clone(), String::new(), vb.clone(), !vb.is_empty()));
    }
    out.retain(|(_, _, va, vb, _)| !(va.is_empty() && vb.is_empty()));
    out
}

/// An EA finalised more than six months ago is to be renewed.
pub fn a_renouveler(finalisee: DateTime<Utc>, today: NaiveDate) -> bool {
    finalisee.date_naive().checked_add_months(Months::new(6)).is_some_and(|limit| limit <= today)
}

/// One EA of the series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    pub id: Uuid,
    pub statut: Statut,
    pub auteur: String,
    pub mine: bool,
    pub created_at: DateTime<Utc>,
    pub finalisee_at: Option<DateTime<Utc>>,
}

/// An EA as read: its content, its health part if the reader may see it, and the labels of its codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationView {
    pub resume: Resume,
    pub menage_id: Uuid,
    pub version: i32,
    pub contenu: Contenu,
    /// None: the reader's profile does not read the health part (it was not loaded).
    pub sante: Option<Vec<SantePersonne>>,
    /// `(référentiel, [(code, label)])` of every list the EA uses.
    pub options: Vec<(String, Vec<(String, String)>)>,
}

impl EvaluationView {
    pub fn options_of(&self, list: &str) -> Vec<(String, String)> {
        self.options.iter().find(|(l, _)| l == list).map(|(_, o)| o.clone()).unwrap_or_default()
    }

    pub fn label(&self, list: &str, code: &str) -> String {
        self.options_of(list).into_iter().find(|(c, _)| c == code).map(|(_, l)| l).unwrap_or_else(|| code.to_string())
    }

    /// Every row, health included when loaded.
    pub fn rows(&self) -> Vec<(Etape, String, String)> {
        let label = |list: &str, code: &str| self.label(list, code);
        let mut rows = self.contenu.rows(&label);
        if let Some(sante) = &self.sante {
            let at = rows.iter().position(|(e, _, _)| *e == Etape::Famille).unwrap_or(rows.len());
            let health = sante_rows(sante, &label);
            rows.splice(at..at, health);
        }
        rows
    }
}

/// The lists an EA uses, for its form and its labels.
pub fn lists() -> Vec<&'static str> {
    let mut lists = crate::menage::situation::lists();
    lists.extend([
        "situation_demandes",
        "motif_demandes",
        "duree_errances",
        "besoins_accompagnement",
        "types_etablissement_un",
        "statut_justice",
    ]);
    lists
}

/// A step's form as sent: the persons' fields (`p[<i>][id]`, `p[<i>][<key>]`) and the others (`form[<key>]`).
pub type PersonsForm = Vec<BTreeMap<String, String>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_each_other_and_cover_every_section() {
        assert_eq!(Etape::Administrative.number(), 1);
        assert_eq!(Etape::Administrative.next(), Some(Etape::Budget));
        assert_eq!(Etape::Orientation.next(), None);
        for section in Section::ALL {
            assert_eq!(Etape::ALL.iter().filter(|e| e.sections().contains(&section)).count(), 1, "{section:?}");
        }
        assert!(Etape::ALL.iter().all(|e| Etape::from_code(e.code()) == Some(*e)));
    }

    #[test]
    fn finalising_requires_the_housing_the_needs_the_orientation_and_the_synthesis() {
        let fields = |c: &Contenu| c.missing().into_iter().map(|e| e.field).collect::<Vec<_>>();
        let mut c = Contenu::default();
        assert_eq!(fields(&c), ["situation_logement", "souhaits", "besoins", "preconisation", "synthese"]);
        c.menage.situation_logement = "20".into();
        c.souhaits = "Un T2 à Rennes".into();
        c.besoins = vec!["logement".into()];
        c.preconisation = "400".into();
        c.synthese = "  ".into();
        assert_eq!(fields(&c), ["synthese"]);
        assert!(c.missing()[0].message.starts_with("Besoins et orientation préconisée : "));
        c.synthese = "Synthèse".into();
        assert!(c.missing().is_empty());
    }

    #[test]
    fn two_evaluations_compare_row_by_row() {
        let label = |_: &str, code: &str| format!("<{code}>");
        let person = |v: &str| PersonneEa {
            personne_id: Uuid::nil(),
            nom: "MARTIN Sophie".into(),
            values: [("employeur".to_string(), v.to_string())].into(),
        };
        let a = Contenu { personnes: vec![person("Boulangerie")], preconisation: "400".into(), ..Default::default() };
        let b = Contenu { personnes: vec![person("Mairie")], preconisation: "400".into(), ..Default::default() };
        let rows = compare(&a.rows(&label), &b.rows(&label));
        assert!(rows.iter().all(|r| !(r.2.is_empty() && r.3.is_empty())), "rows empty in both are left out");
        let changed: Vec<&str> = rows.iter().filter(|r| r.4).map(|r| r.1.as_str()).collect();
        assert_eq!(changed.len(), 1);
        assert!(changed[0].starts_with("MARTIN Sophie — "), "{changed:?}");
        let preco = rows.iter().find(|r| r.1 == "Orientation préconisée").unwrap();
        assert_eq!((preco.2.as_str(), preco.4), ("<400>", false));
    }

    #[test]
    fn an_evaluation_is_to_renew_after_six_months() {
        let at = |d: &str| format!("{d}T10:00:00Z").parse::<DateTime<Utc>>().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert!(!a_renouveler(at("2026-06-05"), today));
        assert!(a_renouveler(at("2026-06-04"), today));
        assert!(a_renouveler(at("2025-01-01"), today));
    }
}
