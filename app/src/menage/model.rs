//! A ménage and its personnes, as typed, as checked, as shown: roles, keys, the derived composition,
//! ages, the search query, the évaluation flash (the key fields and the completeness score).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::code_enum;
use crate::error::FieldError;
use crate::fields::telephone::Telephone;
use crate::fields::{courriel, date, optional, text};
use crate::history::Tracked;

/// Results per page of the search.
pub const PAGE_SIZE: i64 = 20;

code_enum! {
    /// The role of a person in the ménage.
    pub enum Role {
        DemandeurPrincipal = "demandeur_principal" => "Demandeur principal",
        Conjoint = "conjoint" => "Conjoint·e",
        Enfant = "enfant" => "Enfant",
        Autre = "autre" => "Autre membre",
    }
}

/// The keys given to partner software: a letter (`M` ménage, `P` personne) and 16 random characters of
/// Crockford's base32 (80 bits: not guessable, no I, L, O or U to misread).
pub mod cle {
    pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    pub const LEN: usize = 16;

    /// A new key with `prefix` (`M` or `P`).
    #[cfg(feature = "ssr")]
    pub fn new(prefix: char) -> String {
        use rand::Rng;
        let mut rng = rand::thread_rng();
        let body: String = (0..LEN).map(|_| ALPHABET[rng.gen_range(0..32)] as char).collect();
        format!("{prefix}{body}")
    }

    /// The key as typed (case, spaces and dashes ignored), if it is one.
    pub fn parse(typed: &str) -> Option<String> {
        let k: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
        let (prefix, body) = k.split_at_checked(1)?;
        let ok = matches!(prefix, "M" | "P") && body.len() == LEN && body.bytes().all(|b| ALPHABET.contains(&b));
        ok.then_some(k)
    }
}

/// Age in full years on `today`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// One person as the composition counts them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub role: Role,
    /// `FEMME` or `HOMME` (référentiel `sexe`), if known.
    pub sexe: Option<String>,
    pub age: Option<i32>,
}

impl Member {
    /// A person of unknown age counts as a minor when an enfant, an adult otherwise.
    fn adult(&self) -> bool {
        self.age.map(|a| a >= 18).unwrap_or(self.role != Role::Enfant)
    }
}

/// The composition of a ménage, derived from its persons: a SI SIAO COMPOSITIONS code and the counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composition {
    /// None when it cannot be told yet (a lone adult whose sex is not known).
    pub code: Option<String>,
    pub label: String,
    pub adultes: usize,
    pub mineurs: usize,
}

impl Composition {
    pub fn of(members: &[Member]) -> Composition {
        let adults: Vec<&Member> = members.iter().filter(|m| m.adult()).collect();
        let (adultes, mineurs) = (adults.len(), members.len() - adults.len());
        let couple = adultes == 2
            && adults.iter().any(|m| m.role == Role::DemandeurPrincipal)
            && adults.iter().any(|m| m.role == Role::Conjoint);
        let sexe = adults.first().and_then(|m| m.sexe.as_deref());
        let code = match (adultes, mineurs) {
            (0, 0) => None,
            (0, 1) => Some(("80", "Enfant / Mineur isolé")),
            (0, _) => Some(("90", "Enfants / Mineurs en groupe")),
            (1, 0) => match sexe {
                Some("FEMME") => Some(("20", "Femme seule")),
                Some("HOMME") => Some(("10", "Homme seul")),
                _ => None,
            },
            (1, _) => match sexe {
                Some("FEMME") => Some(("40", "Femme seule avec enfant(s)")),
                Some("HOMME") => Some(("50", "Homme seul avec enfant(s)")),
                _ => None,
            },
            (_, 0) if couple => Some(("30", "Couple sans enfant")),
            (_, _) if couple => Some(("100", "Couple avec enfant")),
            (_, 0) => Some(("70", "Groupe d'adultes sans enfant")),
            (_, _) => Some(("60", "Groupe avec enfant(s)")),
        };
        Composition {
            code: code.map(|(c, _)| c.to_string()),
            label: code.map(|(_, l)| l).unwrap_or("Composition à préciser (sexe non renseigné)").to_string(),
            adultes,
            mineurs,
        }
    }

    /// "Femme seule — 1 adulte(s) - 0 mineur(s)".
    pub fn summary(&self) -> String {
        format!("{} — {} adulte(s) - {} mineur(s)", self.label, self.adultes, self.mineurs)
    }
}

/// The identity of a person as sent by the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonneForm {
    #[serde(default)]
    pub nom_naissance: String,
    #[serde(default)]
    pub nom_usage: String,
    #[serde(default)]
    pub prenoms: String,
    #[serde(default)]
    pub date_naissance: String,
    #[serde(default)]
    pub lieu_naissance: String,
    #[serde(default)]
    pub sexe: String,
    #[serde(default)]
    pub nationalite: String,
    #[serde(default)]
    pub telephone: String,
    #[serde(default)]
    pub courriel: String,
}

/// The identity, checked. Only the names are required: a person met in the street may not give more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonneInput {
    pub nom_naissance: String,
    pub nom_usage: Option<String>,
    pub prenoms: String,
    pub date_naissance: Option<NaiveDate>,
    pub lieu_naissance: Option<String>,
    /// Codes of the référentiels `sexe` and `nationalite` (checked against them by the server).
    pub sexe: Option<String>,
    pub nationalite: Option<String>,
    pub telephone: Option<Telephone>,
    pub courriel: Option<String>,
}

fn required_name(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, what: &str) -> String {
    let v = text(errors, field, value, max);
    if v.is_none() && !errors.iter().any(|e| e.field == field) {
        errors.push(FieldError::new(field, format!("Indiquez {what}.")));
    }
    v.unwrap_or_default()
}

/// A birth date: a real day, not in the future, not before 1900.
pub fn birth_date(errors: &mut Vec<FieldError>, field: &str, value: &str, today: NaiveDate) -> Option<NaiveDate> {
    optional(value)?;
    match date(value) {
        Some(d) if d <= today && d.year() >= 1900 => Some(d),
        Some(_) => {
            errors.push(FieldError::new(field, "La date de naissance doit être passée (et postérieure à 1900)."));
            None
        }
        None => {
            errors.push(FieldError::new(field, "Date invalide : jj/mm/aaaa."));
            None
        }
    }
}

impl PersonneForm {
    pub fn parse(&self, today: NaiveDate) -> Result<PersonneInput, Vec<FieldError>> {
        let mut errors = vec![];
        let nom_naissance =
            required_name(&mut errors, "nom_naissance", &self.nom_naissance, 100, "le nom de naissance");
        let prenoms = required_name(&mut errors, "prenoms", &self.prenoms, 150, "le ou les prénoms");
        let nom_usage = text(&mut errors, "nom_usage", &self.nom_usage, 100);
        let lieu_naissance = text(&mut errors, "lieu_naissance", &self.lieu_naissance, 150);
        let date_naissance = birth_date(&mut errors, "date_naissance", &self.date_naissance, today);
        let telephone = optional(&self.telephone).and_then(|t| match Telephone::parse(&t) {
            Ok(t) => Some(t),
            Err(m) => {
                errors.push(FieldError::new("telephone", m));
                None
            }
        });
        let courriel = courriel(&mut errors, &self.courriel);
        let input = PersonneInput {
            nom_naissance,
            nom_usage,
            prenoms,
            date_naissance,
            lieu_naissance,
            sexe: optional(&self.sexe),
            nationalite: optional(&self.nationalite),
            telephone,
            courriel,
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// The situation of the ménage (logement) as sent by the form: codes of the SI SIAO référentiels.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SituationForm {
    #[serde(default)]
    pub situation_logement: String,
    #[serde(default)]
    pub motif_demande: String,
    #[serde(default)]
    pub duree_errance: String,
    /// `oui`, `non` or empty (not asked yet).
    #[serde(default)]
    pub expulsion_en_cours: String,
    #[serde(default)]
    pub domiciliation: String,
    #[serde(default)]
    pub animaux: String,
    #[serde(default)]
    pub observations: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SituationInput {
    pub situation_logement: Option<String>,
    pub motif_demande: Option<String>,
    pub duree_errance: Option<String>,
    pub expulsion_en_cours: Option<bool>,
    pub domiciliation: Option<String>,
    pub animaux: Option<String>,
    pub observations: Option<String>,
}

impl SituationInput {
    /// Each coded field of the situation du ménage: `(field, référentiel, code)`.
    pub fn coded(&self) -> [(&'static str, &'static str, Option<&str>); 4] {
        [
            ("situation_logement", "situation_demandes", self.situation_logement.as_deref()),
            ("motif_demande", "motif_demandes", self.motif_demande.as_deref()),
            ("duree_errance", "duree_errances", self.duree_errance.as_deref()),
            ("animaux", "animaux", self.animaux.as_deref()),
        ]
    }
}

impl SituationForm {
    pub fn parse(&self) -> Result<SituationInput, Vec<FieldError>> {
        let mut errors = vec![];
        let expulsion_en_cours = match self.expulsion_en_cours.trim() {
            "" => None,
            "oui" => Some(true),
            "non" => Some(false),
            _ => {
                errors.push(FieldError::new("expulsion_en_cours", "Répondez oui ou non."));
                None
            }
        };
        let input = SituationInput {
            situation_logement: optional(&self.situation_logement),
            motif_demande: optional(&self.motif_demande),
            duree_errance: optional(&self.duree_errance),
            expulsion_en_cours,
            domiciliation: text(&mut errors, "domiciliation", &self.domiciliation, 300),
            animaux: optional(&self.animaux),
            observations: text(&mut errors, "observations", &self.observations, 2000),
        };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// A person of the fiche.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonneDetail {
    pub id: Uuid,
    pub cle: String,
    pub version: i32,
    pub role: Role,
    pub form: PersonneForm,
    pub age: Option<i32>,
    /// Labels of the coded fields, for display and history.
    pub sexe_label: Option<String>,
    pub nationalite_label: Option<String>,
}

impl PersonneDetail {
    /// "MARTIN Sophie (née DUPONT)".
    pub fn full_name(&self) -> String {
        let usage = optional(&self.form.nom_usage);
        let nom = usage.clone().unwrap_or_else(|| self.form.nom_naissance.clone()).to_uppercase();
        let born = usage.map(|_| format!(" (naissance : {})", self.form.nom_naissance.to_uppercase()));
        format!("{nom} {}{}", self.form.prenoms, born.unwrap_or_default())
    }

    pub fn member(&self) -> Member {
        Member { role: self.role, sexe: optional(&self.form.sexe), age: self.age }
    }
}

impl Tracked for PersonneDetail {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        let f = &self.form;
        vec![
            ("role", "Rôle dans le ménage", Some(self.role.label().to_string())),
            ("nom_naissance", "Nom de naissance", optional(&f.nom_naissance)),
            ("nom_usage", "Nom d'usage", optional(&f.nom_usage)),
            ("prenoms", "Prénoms", optional(&f.prenoms)),
            ("date_naissance", "Date de naissance", date(&f.date_naissance).map(|d| d.format("%d/%m/%Y").to_string())),
            ("lieu_naissance", "Lieu de naissance", optional(&f.lieu_naissance)),
            ("sexe", "Sexe", self.sexe_label.clone()),
            ("nationalite", "Nationalité", self.nationalite_label.clone()),
            ("telephone", "Téléphone", optional(&f.telephone)),
            ("courriel", "Courriel", optional(&f.courriel)),
        ]
    }
}

/// A former member (detached), still readable on the fiche.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AncienMembre {
    pub personne_id: Uuid,
    pub nom: String,
    pub role: Role,
    pub jusqu_au: DateTime<Utc>,
}

/// The fiche of a ménage: what every profile that may open it sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fiche {
    pub id: Uuid,
    pub numero: i64,
    pub cle: String,
    pub departement_code: String,
    pub departement_nom: String,
    pub version: i32,
    pub situation: SituationForm,
    /// Labels of the coded fields of the situation, by field.
    pub situation_labels: Vec<(String, String)>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<String>,
    pub personnes: Vec<PersonneDetail>,
    pub anciens: Vec<AncienMembre>,
}

impl Fiche {
    pub fn composition(&self) -> Composition {
        Composition::of(&self.personnes.iter().map(PersonneDetail::member).collect::<Vec<_>>())
    }

    pub fn principal(&self) -> Option<&PersonneDetail> {
        self.personnes.iter().find(|p| p.role == Role::DemandeurPrincipal)
    }

    fn label(&self, field: &str) -> Option<String> {
        self.situation_labels.iter().find(|(f, _)| f == field).map(|(_, l)| l.clone())
    }

    /// The évaluation flash: the key fields the SIAO needs to orient a ménage, and whether each is filled.
    pub fn flash(&self) -> Flash {
        let p = self.principal();
        let s = &self.situation;
        let filled = |v: &str| !v.trim().is_empty();
        let all_persons =
            |f: &dyn Fn(&PersonneDetail) -> bool| !self.personnes.is_empty() && self.personnes.iter().all(f);
        let items = vec![
            ("Demandeur principal désigné", p.is_some()),
            ("Date de naissance de chaque personne", all_persons(&|p| filled(&p.form.date_naissance))),
            ("Sexe de chaque personne", all_persons(&|p| filled(&p.form.sexe))),
            ("Nationalité du demandeur principal", p.is_some_and(|p| filled(&p.form.nationalite))),
            (
                "Moyen de contact (téléphone ou courriel)",
                p.is_some_and(|p| filled(&p.form.telephone) || filled(&p.form.courriel)),
            ),
            ("Situation au regard du logement", filled(&s.situation_logement)),
            ("Motif de la demande", filled(&s.motif_demande)),
            ("Durée d'errance", filled(&s.duree_errance)),
            ("Expulsion en cours (oui / non)", filled(&s.expulsion_en_cours)),
            ("Domiciliation", filled(&s.domiciliation)),
            ("Animaux", filled(&s.animaux)),
        ];
        Flash { items: items.into_iter().map(|(l, ok)| (l.to_string(), ok)).collect() }
    }
}

impl Tracked for Fiche {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        let s = &self.situation;
        let yes_no = match s.expulsion_en_cours.as_str() {
            "oui" => Some("Oui".to_string()),
            "non" => Some("Non".to_string()),
            _ => None,
        };
        vec![
            ("departement", "Département", Some(self.departement_nom.clone())),
            ("situation_logement", "Situation au regard du logement", self.label("situation_logement")),
            ("motif_demande", "Motif de la demande", self.label("motif_demande")),
            ("duree_errance", "Durée d'errance", self.label("duree_errance")),
            ("expulsion_en_cours", "Expulsion en cours", yes_no),
            ("domiciliation", "Domiciliation", optional(&s.domiciliation)),
            ("animaux", "Animaux", self.label("animaux")),
            ("observations", "Observations", optional(&s.observations)),
        ]
    }
}

/// The évaluation flash: each key field and whether it is filled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub items: Vec<(String, bool)>,
}

impl Flash {
    /// Completeness, in percent (rounded down).
    pub fn score(&self) -> usize {
        let done = self.items.iter().filter(|(_, ok)| *ok).count();
        done * 100 / self.items.len().max(1)
    }

    pub fn missing(&self) -> Vec<&str> {
        self.items.iter().filter(|(_, ok)| !ok).map(|(l, _)| l.as_str()).collect()
    }
}

/// What the search box holds, read: a ménage number, a key, or names (with an optional birth date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// No criterion: the most recently updated ménages in scope.
    Recent,
    Numero(i64),
    Cle(String),
    Noms {
        noms: String,
        naissance: Option<NaiveDate>,
    },
    Naissance(NaiveDate),
}

/// The search form (GET parameters).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchForm {
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub naissance: Option<String>,
    #[serde(default)]
    pub page: Option<i64>,
}

impl SearchForm {
    pub fn parse(&self) -> Result<Query, FieldError> {
        let q = self.q.as_deref().map(str::trim).unwrap_or_default();
        let naissance = match self.naissance.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(d) => Some(date(d).ok_or_else(|| FieldError::new("naissance", "Date invalide : jj/mm/aaaa."))?),
        };
        if q.chars().count() > 200 {
            return Err(FieldError::new("q", "Recherche trop longue (200 caractères au plus)."));
        }
        Ok(if q.is_empty() {
            naissance.map(Query::Naissance).unwrap_or(Query::Recent)
        } else if let Some(k) = cle::parse(q) {
            Query::Cle(k)
        } else if let Some(n) = numero(q) {
            Query::Numero(n)
        } else {
            Query::Noms { noms: q.to_string(), naissance }
        })
    }
}

/// A ménage number as typed ("10000042", "MÉNAGE 10000042").
fn numero(typed: &str) -> Option<i64> {
    let t = typed.trim();
    let t =
        t.strip_prefix("MÉNAGE").or_else(|| t.strip_prefix("Ménage")).or_else(|| t.strip_prefix("ménage")).unwrap_or(t);
    let t = t.trim();
    (t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// One result of the search: a person and their ménage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub menage_id: Uuid,
    pub numero: i64,
    pub departement_code: String,
    pub nom: String,
    pub prenoms: String,
    pub date_naissance: Option<NaiveDate>,
    pub age: Option<i32>,
    pub role: Role,
    pub composition: String,
}

/// A likely duplicate of the person being created, in the user's scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub menage_id: Uuid,
    pub numero: i64,
    pub nom: String,
    pub prenoms: String,
    pub date_naissance: Option<NaiveDate>,
    pub departement_code: String,
    /// Why it is proposed: "même date de naissance", "date proche"...
    pub raison: String,
}

/// The likely duplicates of a person about to be created.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicates {
    /// In the user's scope: listed, with a link.
    pub visible: Vec<Candidate>,
    /// In the user's départements but outside their scope: only counted.
    pub elsewhere: usize,
}

/// Are two birth dates the same or close enough to be one person typed twice? Same day; within 31 days;
/// the same day and month a year or a decade apart (a typo in the year); day and month swapped.
pub fn close_birth_dates(a: NaiveDate, b: NaiveDate) -> Option<&'static str> {
    if a == b {
        return Some("même date de naissance");
    }
    if (a - b).num_days().abs() <= 31 {
        return Some("date de naissance proche");
    }
    if a.month() == b.month() && a.day() == b.day() {
        let years = (a.year() - b.year()).abs();
        let one_digit = years < 10 || years % 10 == 0 && years <= 90;
        if one_digit {
            return Some("date de naissance proche (année)");
        }
    }
    if a.year() == b.year() && a.month() == b.day() && a.day() == b.month() {
        return Some("jour et mois inversés");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn m(role: Role, sexe: Option<&str>, age: Option<i32>) -> Member {
        Member { role, sexe: sexe.map(String::from), age }
    }

    #[test]
    fn composition_is_derived_as_a_si_siao_code() {
        use Role::*;
        let cases: Vec<(Vec<Member>, Option<&str>, usize, usize)> = vec![
            (vec![m(DemandeurPrincipal, Some("FEMME"), Some(34))], Some("20"), 1, 0),
            (vec![m(DemandeurPrincipal, Some("HOMME"), None)], Some("10"), 1, 0),
            (vec![m(DemandeurPrincipal, None, Some(40))], None, 1, 0),
            (vec![m(DemandeurPrincipal, Some("FEMME"), Some(30)), m(Enfant, None, Some(4))], Some("40"), 1, 1),
            (vec![m(DemandeurPrincipal, Some("HOMME"), Some(30)), m(Enfant, None, None)], Some("50"), 1, 1),
            (vec![m(DemandeurPrincipal, None, Some(30)), m(Conjoint, None, Some(31))], Some("30"), 2, 0),
            (
                vec![m(DemandeurPrincipal, None, Some(30)), m(Conjoint, None, Some(31)), m(Enfant, None, Some(2))],
                Some("100"),
                2,
                1,
            ),
            (vec![m(DemandeurPrincipal, None, Some(30)), m(Autre, None, Some(60))], Some("70"), 2, 0),
            (
                vec![m(DemandeurPrincipal, None, Some(30)), m(Autre, None, Some(60)), m(Enfant, None, Some(1))],
                Some("60"),
                2,
                1,
            ),
            (vec![m(DemandeurPrincipal, None, Some(16))], Some("80"), 0, 1),
            (vec![m(DemandeurPrincipal, None, Some(16)), m(Autre, None, Some(15))], Some("90"), 0, 2),
            // An "enfant" of 19 is an adult; a demandeur of unknown age, an adult.
            (vec![m(DemandeurPrincipal, Some("FEMME"), None), m(Enfant, Some("HOMME"), Some(19))], Some("70"), 2, 0),
        ];
        for (members, code, adultes, mineurs) in cases {
            let c = Composition::of(&members);
            assert_eq!(c.code.as_deref(), code, "{members:?}");
            assert_eq!((c.adultes, c.mineurs), (adultes, mineurs), "{members:?}");
        }
        let alone = Composition::of(&[m(DemandeurPrincipal, Some("FEMME"), Some(34))]);
        assert_eq!(alone.summary(), "Femme seule — 1 adulte(s) - 0 mineur(s)");
    }

    #[test]
    fn ages_count_full_years() {
        assert_eq!(age_on(d(2000, 11, 24), d(2026, 11, 23)), 25);
        assert_eq!(age_on(d(2000, 11, 23), d(2026, 11, 23)), 26);
        assert_eq!(age_on(d(2004, 2, 29), d(2026, 2, 28)), 21);
    }

    #[test]
    fn keys_are_random_base32_and_read_back_as_typed() {
        #[cfg(feature = "ssr")]
        {
            let a = cle::new('M');
            assert_eq!(a.len(), 17);
            assert_eq!(cle::parse(&a), Some(a.clone()));
            assert_ne!(a, cle::new('M'));
            assert!(cle::parse(&cle::new('P')).is_some());
        }
        assert_eq!(cle::parse(" m7k3q-9xa2-b4c5-d6e7 "), Some("M7K3Q9XA2B4C5D6E7".into()));
        assert_eq!(cle::parse("M7K3Q9XA2B4C5D6EI"), None, "I is not in the alphabet");
        assert_eq!(cle::parse("X7K3Q9XA2B4C5D6E7"), None);
        assert_eq!(cle::parse("M7K3"), None);
        assert_eq!(cle::parse("é"), None);
    }

    #[test]
    fn the_search_box_reads_numbers_keys_names_and_dates() {
        let f = |q: &str, n: &str| SearchForm { q: Some(q.into()), naissance: Some(n.into()), page: None }.parse();
        assert_eq!(f("", ""), Ok(Query::Recent));
        assert_eq!(f("10000042", ""), Ok(Query::Numero(10000042)));
        assert_eq!(f("MÉNAGE 10000042", ""), Ok(Query::Numero(10000042)));
        assert_eq!(f("P7K3Q9XA2B4C5D6E7", ""), Ok(Query::Cle("P7K3Q9XA2B4C5D6E7".into())));
        assert_eq!(f("", "02/03/1990"), Ok(Query::Naissance(d(1990, 3, 2))));
        assert_eq!(
            f("Martin Sophie", "1990-03-02"),
            Ok(Query::Noms { noms: "Martin Sophie".into(), naissance: Some(d(1990, 3, 2)) })
        );
        assert!(f("x", "31/02/1990").is_err());
        assert!(f(&"a".repeat(201), "").is_err());
    }

    #[test]
    fn identity_is_checked_field_by_field() {
        let today = d(2026, 11, 23);
        let form = PersonneForm {
            nom_naissance: " ".into(),
            prenoms: "Sophie".into(),
            date_naissance: "2030-01-01".into(),
            telephone: "12".into(),
            courriel: "x".into(),
            ..Default::default()
        };
        let errors = form.parse(today).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["nom_naissance", "date_naissance", "telephone", "courriel"]);
        let ok = PersonneForm {
            nom_naissance: "Martin".into(),
            prenoms: "Sophie".into(),
            date_naissance: "02/03/1990".into(),
            telephone: "06 12 34 56 78".into(),
            ..Default::default()
        }
        .parse(today)
        .unwrap();
        assert_eq!(ok.date_naissance, Some(d(1990, 3, 2)));
        assert_eq!(ok.nom_usage, None);
    }

    #[test]
    fn close_birth_dates_catch_usual_typos() {
        let a = d(1990, 3, 2);
        assert!(close_birth_dates(a, a).is_some());
        assert!(close_birth_dates(a, d(1990, 3, 20)).is_some());
        assert!(close_birth_dates(a, d(1980, 3, 2)).is_some(), "a decade typo");
        assert!(close_birth_dates(a, d(1991, 3, 2)).is_some(), "a year typo");
        assert!(close_birth_dates(a, d(1990, 2, 3)).is_some(), "day and month swapped");
        assert!(close_birth_dates(a, d(1975, 3, 2)).is_none());
        assert!(close_birth_dates(a, d(1990, 9, 2)).is_none());
    }

    #[test]
    fn the_flash_scores_the_key_fields() {
        let p = PersonneDetail {
            id: Uuid::nil(),
            cle: "P".into(),
            version: 1,
            role: Role::DemandeurPrincipal,
            form: PersonneForm {
                nom_naissance: "A".into(),
                prenoms: "B".into(),
                sexe: "FEMME".into(),
                ..Default::default()
            },
            age: None,
            sexe_label: Some("Femme".into()),
            nationalite_label: None,
        };
        let now = Utc::now();
        let mut fiche = Fiche {
            id: Uuid::nil(),
            numero: 10000001,
            cle: "M".into(),
            departement_code: "35".into(),
            departement_nom: "Ille-et-Vilaine".into(),
            version: 1,
            situation: SituationForm::default(),
            situation_labels: vec![],
            updated_at: now,
            updated_by: None,
            created_at: now,
            created_by: None,
            personnes: vec![p],
            anciens: vec![],
        };
        let flash = fiche.flash();
        assert_eq!(flash.items.len(), 11);
        assert_eq!(flash.score(), 2 * 100 / 11);
        assert!(flash.missing().contains(&"Motif de la demande"));
        fiche.situation.motif_demande = "203".into();
        assert_eq!(fiche.flash().score(), 3 * 100 / 11);
        assert_eq!(fiche.composition().code.as_deref(), Some("20"));
    }
}
