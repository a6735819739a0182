//! Duplicates and their merge (`/menages/doublons`): the pairs proposed, the survivor's identity chosen
//! field by field, the situations the survivor lacked taken from the other, the undo.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::PersonneForm;
use super::situation::Values;

/// The identity fields the administrator chooses between, with their labels.
pub const IDENTITY: [(&str, &str); 9] = [
    ("nom_naissance", "Nom de naissance"),
    ("nom_usage", "Nom d'usage"),
    ("prenoms", "Prénoms"),
    ("date_naissance", "Date de naissance"),
    ("lieu_naissance", "Lieu de naissance"),
    ("sexe", "Sexe"),
    ("nationalite", "Nationalité"),
    ("telephone", "Téléphone"),
    ("courriel", "Courriel"),
];

fn field<'a>(f: &'a mut PersonneForm, key: &str) -> Option<&'a mut String> {
    Some(match key {
        "nom_naissance" => &mut f.nom_naissance,
        "nom_usage" => &mut f.nom_usage,
        "prenoms" => &mut f.prenoms,
        "date_naissance" => &mut f.date_naissance,
        "lieu_naissance" => &mut f.lieu_naissance,
        "sexe" => &mut f.sexe,
        "nationalite" => &mut f.nationalite,
        "telephone" => &mut f.telephone,
        "courriel" => &mut f.courriel,
        _ => return None,
    })
}

/// The value of an identity field.
pub fn value_of(f: &PersonneForm, key: &str) -> String {
    field(&mut f.clone(), key).map(|v| v.clone()).unwrap_or_default()
}

/// The survivor's identity: for each field the survivor's value, or the other's where `choices` says `b`
/// or where the survivor's is empty.
pub fn merged(a: &PersonneForm, b: &PersonneForm, choices: &BTreeMap<String, String>) -> PersonneForm {
    let mut out = a.clone();
    for (key, _) in IDENTITY {
        let theirs = value_of(b, key);
        let take = choices.get(key).is_some_and(|c| c == "b") || value_of(a, key).trim().is_empty();
        if let (true, Some(slot)) = (take && !theirs.trim().is_empty(), field(&mut out, key)) {
            *slot = theirs;
        }
    }
    out
}

/// The survivor's situations, completed with the other's where the survivor has none.
pub fn fill_gaps(a: &Values, b: &Values) -> Values {
    let mut out = b.clone();
    out.extend(a.clone());
    out
}

/// What the undo restores of the survivor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Avant {
    pub form: PersonneForm,
    pub situations: Option<Values>,
}

/// One person of a proposed pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairPerson {
    pub id: Uuid,
    pub version: i32,
    pub nom: String,
    pub form: PersonneForm,
    /// How coded or dated fields read (sexe, nationalité, date de naissance), by field.
    pub shown: BTreeMap<String, String>,
    pub menage_id: Uuid,
    pub numero: i64,
    pub departement_code: String,
}

impl PairPerson {
    /// A field as the administrator reads it: its label or French date, `—` when empty.
    pub fn shown(&self, key: &str) -> String {
        let v = self.shown.get(key).cloned().unwrap_or_else(|| value_of(&self.form, key));
        if v.trim().is_empty() {
            "—".into()
        } else {
            v
        }
    }
}

/// Two persons that are likely one, the first the survivor proposed (the older fiche).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub a: PairPerson,
    pub b: PairPerson,
    pub raison: String,
}

/// A merge, for the list of recent merges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FusionLine {
    pub id: Uuid,
    pub survivante: String,
    pub absorbee: String,
    pub menage_id: Uuid,
    pub numero: i64,
    pub le: DateTime<Utc>,
    pub par: Option<String>,
    pub annulee_le: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_survivor_keeps_its_values_but_where_the_other_is_chosen_or_its_own_is_empty() {
        let a = PersonneForm { nom_naissance: "Martin".into(), prenoms: "Sophie".into(), ..Default::default() };
        let b = PersonneForm {
            nom_naissance: "MARTIN".into(),
            prenoms: "Sofie".into(),
            telephone: "0612345678".into(),
            ..Default::default()
        };
        let choices: BTreeMap<String, String> = [("nom_naissance".to_string(), "b".to_string())].into();
        let m = merged(&a, &b, &choices);
        assert_eq!((m.nom_naissance.as_str(), m.prenoms.as_str()), ("MARTIN", "Sophie"));
        assert_eq!(m.telephone, "0612345678", "an empty field takes the other's value");
        let none_chosen = merged(&a, &PersonneForm::default(), &[("prenoms".to_string(), "b".to_string())].into());
        assert_eq!(none_chosen.prenoms, "Sophie", "an empty chosen value does not erase");
    }

    #[test]
    fn situations_are_completed_never_overwritten() {
        let a: Values = [("droit_sejour".to_string(), "10".to_string())].into();
        let b: Values =
            [("droit_sejour".to_string(), "20".to_string()), ("fin_droits".to_string(), "2027-01-01".to_string())]
                .into();
        let m = fill_gaps(&a, &b);
        assert_eq!(m["droit_sejour"], "10");
        assert_eq!(m["fin_droits"], "2027-01-01");
    }
}
