//! The situations of each person (administrative, droits sociaux, familiale, professionnelle) and the
//! budget of the ménage (resource, charge and debt lines of its persons, the reste à vivre computed).
//!
//! The person's situations are one table of fields, `CHAMPS`: each field says its section, its label, why
//! it is asked, and its kind (a code of a référentiel, a date, a short text). The form, the parsing, the
//! history and the display all read that table; adding a field is one line. Every field is optional.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::fields::{optional, text};
use crate::history::Tracked;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Administrative,
    DroitsSociaux,
    Familiale,
    Professionnelle,
}

impl Section {
    pub const ALL: [Section; 4] =
        [Section::Administrative, Section::DroitsSociaux, Section::Familiale, Section::Professionnelle];

    pub const fn label(self) -> &'static str {
        match self {
            Section::Administrative => "Situation administrative",
            Section::DroitsSociaux => "Droits sociaux",
            Section::Familiale => "Situation familiale",
            Section::Professionnelle => "Situation professionnelle",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A code of this SI SIAO référentiel.
    Liste(&'static str),
    Date,
    /// A short free text of at most this many characters.
    Texte(usize),
}

/// One field of a person's situations.
#[derive(Clone, Copy, Debug)]
pub struct Champ {
    pub key: &'static str,
    /// The form field: `form[<key>]`.
    pub name: &'static str,
    pub section: Section,
    pub label: &'static str,
    /// Why the field is asked (shown under it).
    pub hint: &'static str,
    pub kind: Kind,
}

macro_rules! champ {
    ($key:literal, $section:expr, $label:literal, $hint:literal, $kind:expr $(,)?) => {
        Champ {
            key: $key,
            name: concat!("form[", $key, "]"),
            section: $section,
            label: $label,
            hint: $hint,
            kind: $kind,
        }
    };
}

use Kind::{Date, Liste, Texte};
use Section::{Administrative, DroitsSociaux, Familiale, Professionnelle};

/// The fields, in the order of the form.
pub const CHAMPS: [Champ; 17] = [
    champ!(
        "date_arrivee_france",
        Administrative,
        "Date d'arrivée en France",
        "Personnes nées hors de France : certains droits en dépendent",
        Date,
    ),
    champ!(
        "droit_sejour",
        Administrative,
        "Droit au séjour",
        "Oriente vers les dispositifs accessibles (CADA, HUDA, droit commun)",
        Liste("droit_sejours"),
    ),
    champ!(
        "papier_identite",
        Administrative,
        "Pièce d'identité",
        "Nécessaire à l'ouverture des droits et à l'entrée en logement",
        Liste("papier_identites"),
    ),
    champ!("fin_validite_titre", Administrative, "Fin de validité du titre", "Pour anticiper le renouvellement", Date),
    champ!(
        "statut_particulier",
        Administrative,
        "Statut administratif particulier",
        "Demande d'asile ou protection internationale",
        Liste("statut_administratif_particulier"),
    ),
    champ!(
        "droit_securite_sociale",
        DroitsSociaux,
        "Droits ouverts à la sécurité sociale",
        "Accès aux soins",
        Liste("droit_ouvert_securite_sociales"),
    ),
    champ!("fin_droits", DroitsSociaux, "Fin des droits", "Pour anticiper le renouvellement", Date),
    champ!(
        "situation_familiale",
        Familiale,
        "Situation familiale",
        "Composition et droits familiaux",
        Liste("situation_personnes"),
    ),
    champ!("grossesse", Familiale, "Grossesse", "Priorité d'orientation et suivi PMI", Liste("tri_state_answers")),
    champ!(
        "type_grossesse",
        Familiale,
        "Type de grossesse",
        "Taille de la place à prévoir",
        Liste("type_de_grossesse")
    ),
    champ!("terme_prevu", Familiale, "Terme prévu", "Priorité d'orientation", Date),
    champ!(
        "suivi_ase",
        Familiale,
        "Suivi par l'Aide sociale à l'enfance",
        "Jeunes sortant de l'ASE : dispositifs dédiés",
        Liste("suivi_ase"),
    ),
    champ!(
        "hebergement_enfant",
        Familiale,
        "Hébergement de l'enfant",
        "Enfants : présence dans la place",
        Liste("type_hebergement_enfant"),
    ),
    champ!(
        "statut_emploi",
        Professionnelle,
        "Inscription comme demandeur d'emploi",
        "Accompagnement vers l'emploi",
        Liste("statut_demandeur_d_emploi"),
    ),
    champ!(
        "type_contrat",
        Professionnelle,
        "Contrat de travail",
        "Ressources et accès au logement",
        Liste("type_contrats"),
    ),
    champ!(
        "temps_travail",
        Professionnelle,
        "Temps de travail",
        "Ressources et accès au logement",
        Liste("temps_de_travail"),
    ),
    champ!(
        "employeur",
        Professionnelle,
        "Employeur ou organisme de formation",
        "Facultatif : pour coordonner l'accompagnement",
        Texte(150),
    ),
];

/// The référentiels the fields take their codes from (each once).
pub fn lists() -> Vec<&'static str> {
    let mut lists: Vec<&'static str> = vec![];
    for c in CHAMPS {
        if let Liste(l) = c.kind {
            if !lists.contains(&l) {
                lists.push(l);
            }
        }
    }
    lists
}

/// The values of a person's situations, by field key (codes, ISO dates, texts): as stored (JSON).
pub type Values = BTreeMap<String, String>;

/// A code the form sent for a field of kind `Liste`, to check against its référentiel.
#[derive(Debug, PartialEq, Eq)]
pub struct Code<'a> {
    pub field: &'static str,
    pub list: &'static str,
    pub code: &'a str,
}

/// The form (`form[<key>]`) checked and normalised: unknown keys dropped, dates as ISO, texts trimmed.
/// The codes are returned for the caller to check against the référentiels.
pub fn parse(form: &BTreeMap<String, String>, today: NaiveDate) -> Result<(Values, Vec<Code<'_>>), Vec<FieldError>> {
    let (mut values, mut codes, mut errors) = (Values::new(), vec![], vec![]);
    for c in CHAMPS {
        let Some(raw) = form.get(c.key).map(|v| v.trim()).filter(|v| !v.is_empty()) else { continue };
        let value = match c.kind {
            Liste(list) => {
                codes.push(Code { field: c.key, list, code: raw });
                Some(raw.to_string())
            }
            Date => match crate::fields::date(raw) {
                Some(d) if d.year() >= 1900 && d <= today + chrono::Days::new(20 * 366) => Some(d.to_string()),
                _ => {
                    errors.push(FieldError::new(c.key, "Date invalide : jj/mm/aaaa."));
                    None
                }
            },
            Texte(max) => text(&mut errors, c.key, raw, max),
        };
        if let Some(v) = value {
            values.insert(c.key.to_string(), v);
        }
    }
    if let Some(arrival) = values.get("date_arrivee_france").and_then(|d| crate::fields::date(d)) {
        if arrival > today {
            errors.push(FieldError::new("date_arrivee_france", "La date d'arrivée ne peut pas être dans le futur."));
        }
    }
    if errors.is_empty() {
        Ok((values, codes))
    } else {
        Err(errors)
    }
}

/// A person's situations, with the labels of its codes (for display and history).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SituationPersonne {
    pub personne_id: Uuid,
    pub nom: String,
    /// The person's version (situations and identity share it).
    pub version: i32,
    pub values: Values,
    /// The label of each coded value, by field key.
    pub labels: BTreeMap<String, String>,
}

impl SituationPersonne {
    /// The value of `field` as shown: the label of a code, a date as dd/mm/yyyy, a text.
    pub fn shown(&self, field: &str) -> Option<String> {
        let v = self.values.get(field)?;
        let kind = CHAMPS.iter().find(|c| c.key == field).map(|c| c.kind);
        Some(match kind {
            Some(Liste(_)) => self.labels.get(field).cloned().unwrap_or_else(|| v.clone()),
            Some(Date) => crate::fields::date(v).map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| v.clone()),
            _ => v.clone(),
        })
    }
}

impl Tracked for SituationPersonne {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        CHAMPS.iter().map(|c| (c.key, c.label, self.shown(c.key))).collect()
    }
}

/// What a budget line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nature {
    Ressource,
    Charge,
    Dette,
}

impl Nature {
    pub const ALL: [Nature; 3] = [Nature::Ressource, Nature::Charge, Nature::Dette];

    pub const fn code(self) -> &'static str {
        match self {
            Nature::Ressource => "ressource",
            Nature::Charge => "charge",
            Nature::Dette => "dette",
        }
    }

    pub fn from_code(code: &str) -> Option<Nature> {
        Nature::ALL.into_iter().find(|n| n.code() == code)
    }

    /// The référentiel of its types.
    pub const fn list(self) -> &'static str {
        match self {
            Nature::Ressource => "type_ressources",
            Nature::Charge => "type_charges",
            Nature::Dette => "type_dettes",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Nature::Ressource => "Ressource",
            Nature::Charge => "Charge",
            Nature::Dette => "Dette",
        }
    }

    pub const fn plural(self) -> &'static str {
        match self {
            Nature::Ressource => "Ressources (par mois)",
            Nature::Charge => "Charges (par mois)",
            Nature::Dette => "Dettes (montant dû)",
        }
    }
}

/// An amount in euros, kept in cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Euros(pub i64);

impl Euros {
    /// Ceiling of one line: 100 million euros (a typing error beyond).
    const MAX: i64 = 10_000_000_000;

    /// An amount as typed: `607,75`, `607.75`, `1 234,5`, `1234 €`; positive, two decimals at most.
    pub fn parse(typed: &str) -> Option<Euros> {
        let cleaned: String =
            typed.trim().trim_end_matches('€').chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
        let cleaned = cleaned.replace(',', ".");
        let (units, cents) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(units) || cents.len() > 2 || (!cents.is_empty() && !digits(cents)) || units.len() > 9 {
            return None;
        }
        let cents: i64 = format!("{cents:0<2}").parse().ok()?;
        let total = units.parse::<i64>().ok()? * 100 + cents;
        (total < Self::MAX).then_some(Euros(total))
    }

    /// `1 234,56 €` (French: narrow space between thousands, comma before cents), `-` first when negative.
    pub fn display(self) -> String {
        let (sign, abs) = if self.0 < 0 { ("-", -self.0) } else { ("", self.0) };
        let units = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in units.chars().enumerate() {
            if i > 0 && (units.len() - i) % 3 == 0 {
                grouped.push('\u{202f}');
            }
            grouped.push(c);
        }
        format!("{sign}{grouped},{:02}\u{a0}€", abs % 100)
    }
}

/// One line of the budget of a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub id: Uuid,
    pub personne_id: Uuid,
    pub personne: String,
    pub nature: Nature,
    pub type_code: String,
    pub type_label: String,
    pub montant: Euros,
    pub fin: Option<NaiveDate>,
    pub commentaire: Option<String>,
}

impl BudgetLine {
    /// Counted in the monthly totals on `day`: a resource or charge that has not ended.
    fn current_on(&self, day: NaiveDate) -> bool {
        self.fin.is_none_or(|f| f >= day)
    }

    /// "Ressource RSA 607,75 €" (the history's words).
    pub fn describe(&self) -> String {
        format!("{} {} {}", self.nature.label(), self.type_label, self.montant.display())
    }
}

/// The budget of the ménage: its persons' lines and the totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
    /// The persons of the ménage now (the reste à vivre is shared by them).
    pub persons: i64,
}

/// The totals of a budget on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    pub ressources: Euros,
    pub charges: Euros,
    pub dettes: Euros,
    /// Resources minus charges, per month.
    pub reste_a_vivre: Euros,
    /// The reste à vivre per person and per day (a 30-day month), the usual threshold of the social workers
    /// and of the FSL; none for a ménage without persons.
    pub par_personne_et_par_jour: Option<Euros>,
}

impl Budget {
    pub fn totals(&self, day: NaiveDate) -> Totals {
        let sum = |nature: Nature, current: bool| {
            Euros(
                self.lines
                    .iter()
                    .filter(|l| l.nature == nature && (!current || l.current_on(day)))
                    .map(|l| l.montant.0)
                    .sum(),
            )
        };
        let (ressources, charges) = (sum(Nature::Ressource, true), sum(Nature::Charge, true));
        let reste = Euros(ressources.0 - charges.0);
        Totals {
            ressources,
            charges,
            dettes: sum(Nature::Dette, false),
            reste_a_vivre: reste,
            par_personne_et_par_jour: (self.persons > 0).then(|| Euros(reste.0 / (30 * self.persons))),
        }
    }
}

/// A new budget line as typed: `type` is `<nature>:<code>` (one select with a group per nature).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLineForm {
    #[serde(default)]
    pub personne_id: String,
    #[serde(default, rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub montant: String,
    #[serde(default)]
    pub fin: String,
    #[serde(default)]
    pub commentaire: String,
}

/// A budget line ready to be written (its type code still to check against the nature's référentiel).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetLineInput {
    pub personne_id: Uuid,
    pub nature: Nature,
    pub type_code: String,
    pub montant: Euros,
    pub fin: Option<NaiveDate>,
    pub commentaire: Option<String>,
}

impl BudgetLineForm {
    pub fn parse(&self) -> Result<BudgetLineInput, Vec<FieldError>> {
        let mut errors = vec![];
        let personne_id = Uuid::parse_str(self.personne_id.trim()).ok();
        if personne_id.is_none() {
            errors.push(FieldError::new("personne_id", "Choisissez la personne."));
        }
        let typed = self.type_.split_once(':').and_then(|(n, c)| Some((Nature::from_code(n)?, c.trim())));
        let typed = typed.filter(|(_, c)| !c.is_empty() && c.len() <= 100);
        if typed.is_none() {
            errors.push(FieldError::new("type", "Choisissez le type de la ligne."));
        }
        let montant = Euros::parse(&self.montant).filter(|m| m.0 > 0);
        if montant.is_none() {
            errors.push(FieldError::new("montant", "Montant en euros, par exemple 607,75."));
        }
        let fin = optional(&self.fin).map(|f| crate::fields::date(&f));
        if matches!(fin, Some(None)) {
            errors.push(FieldError::new("fin", "Date invalide : jj/mm/aaaa."));
        }
        let commentaire = text(&mut errors, "commentaire", &self.commentaire, 200);
        match (personne_id, typed, montant) {
            (Some(personne_id), Some((nature, code)), Some(montant)) if errors.is_empty() => Ok(BudgetLineInput {
                personne_id,
                nature,
                type_code: code.to_string(),
                montant,
                fin: fin.flatten(),
                commentaire,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        crate::fields::date(s).unwrap()
    }

    #[test]
    fn amounts_are_read_as_typed_and_shown_in_french() {
        assert_eq!(Euros::parse("607,75"), Some(Euros(60775)));
        assert_eq!(Euros::parse("1 234,5 €"), Some(Euros(123450)));
        assert_eq!(Euros::parse("1234.05"), Some(Euros(123405)));
        assert_eq!(Euros::parse("12"), Some(Euros(1200)));
        for bad in ["", "-5", "1,234", "1,2,3", "abc", "1e3", "999999999999"] {
            assert_eq!(Euros::parse(bad), None, "{bad}");
        }
        assert_eq!(Euros(123405).display(), "1\u{202f}234,05\u{a0}€");
        assert_eq!(Euros(-5).display(), "-0,05\u{a0}€");
    }

    fn line(nature: Nature, cents: i64, fin: Option<&str>) -> BudgetLine {
        BudgetLine {
            id: Uuid::nil(),
            personne_id: Uuid::nil(),
            personne: "X".into(),
            nature,
            type_code: "10".into(),
            type_label: "T".into(),
            montant: Euros(cents),
            fin: fin.map(day),
            commentaire: None,
        }
    }

    #[test]
    fn the_reste_a_vivre_is_resources_minus_current_charges_shared_by_the_persons() {
        let budget = Budget {
            lines: vec![
                line(Nature::Ressource, 60775, None),
                line(Nature::Ressource, 30000, Some("2026-01-31")), // ended: not counted
                line(Nature::Charge, 12000, None),
                line(Nature::Charge, 5000, Some("2026-12-31")),
                line(Nature::Dette, 150000, Some("2020-01-01")), // a debt counts whatever its date
            ],
            persons: 2,
        };
        let t = budget.totals(day("2026-12-04"));
        assert_eq!((t.ressources, t.charges, t.dettes), (Euros(60775), Euros(17000), Euros(150000)));
        assert_eq!(t.reste_a_vivre, Euros(43775));
        assert_eq!(t.par_personne_et_par_jour, Some(Euros(729)));
        assert_eq!(Budget::default().totals(day("2026-12-04")).par_personne_et_par_jour, None);
    }

    #[test]
    fn a_budget_line_is_parsed_with_its_nature_from_the_type() {
        let form = BudgetLineForm {
            personne_id: Uuid::nil().to_string(),
            type_: "ressource:60".into(),
            montant: "607,75".into(),
            ..Default::default()
        };
        let input = form.parse().unwrap();
        assert_eq!((input.nature, input.type_code.as_str(), input.montant), (Nature::Ressource, "60", Euros(60775)));
        let bad = BudgetLineForm { type_: "salaire:1".into(), montant: "0".into(), fin: "31/02/2026".into(), ..form };
        let fields: Vec<String> = bad.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["type", "montant", "fin"]);
    }

    #[test]
    fn situations_keep_known_fields_check_dates_and_return_codes_to_check() {
        let today = day("2026-12-04");
        let form: BTreeMap<String, String> = [
            ("droit_sejour", " 10 "),
            ("date_arrivee_france", "2027-01-01"),
            ("fin_droits", "31/12/2026"),
            ("employeur", ""),
            ("inconnu", "x"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let errors = parse(&form, today).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["date_arrivee_france"]);
        let mut form = form;
        form.insert("date_arrivee_france".into(), "2019-05-02".into());
        let (values, codes) = parse(&form, today).unwrap();
        assert_eq!(
            values.into_iter().collect::<Vec<_>>(),
            [
                ("date_arrivee_france".to_string(), "2019-05-02".to_string()),
                ("droit_sejour".to_string(), "10".to_string()),
                ("fin_droits".to_string(), "2026-12-31".to_string()),
            ]
        );
        assert_eq!(codes, [Code { field: "droit_sejour", list: "droit_sejours", code: "10" }]);
    }

    #[test]
    fn every_field_has_a_unique_key_and_a_reason() {
        for (i, c) in CHAMPS.iter().enumerate() {
            assert!(!c.hint.is_empty() && !c.label.is_empty(), "{}", c.key);
            assert!(CHAMPS[i + 1..].iter().all(|o| o.key != c.key), "{} twice", c.key);
        }
        assert!(Section::ALL.iter().all(|s| CHAMPS.iter().any(|c| c.section == *s)));
    }
}
