//! Value lists and their values; the form of a value, parsed into `ValueInput`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::history::Tracked;

/// A list (`nature_dispositif`, `compositions`...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefList {
    pub code: String,
    pub label: String,
    /// `siao` (this application's lists) or `si_siao` (codes of the national SI SIAO).
    pub source: String,
    pub values: i64,
}

/// One value of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefValue {
    pub code: String,
    pub label: String,
    pub position: i32,
    pub parent_code: Option<String>,
    pub active: bool,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub version: i32,
}

impl RefValue {
    /// Offered in forms on `day`: active and within its validity.
    pub fn usable_on(&self, day: NaiveDate) -> bool {
        self.active && self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }
}

impl Tracked for RefValue {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        vec![
            ("label", "Libellé", Some(self.label.clone())),
            ("position", "Ordre", Some(self.position.to_string())),
            ("parent_code", "Code parent", self.parent_code.clone()),
            ("active", "Actif", Some(if self.active { "oui" } else { "non" }.into())),
            ("valid_from", "Valide à partir du", self.valid_from.map(|d| d.format("%d/%m/%Y").to_string())),
            ("valid_to", "Valide jusqu'au", self.valid_to.map(|d| d.format("%d/%m/%Y").to_string())),
        ]
    }
}

/// A list with its values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefListDetail {
    pub list: RefList,
    pub values: Vec<RefValue>,
}

/// The form of a value, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueForm {
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub parent_code: String,
    #[serde(default)]
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: String,
}

/// A value form once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueInput {
    pub code: String,
    pub label: String,
    pub position: Option<i32>,
    pub parent_code: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

fn optional(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// A date typed as `AAAA-MM-JJ` (date input) or `JJ/MM/AAAA`.
pub fn parse_date(field: &str, value: &str) -> Result<Option<NaiveDate>, FieldError> {
    let Some(v) = optional(value) else { return Ok(None) };
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .map(Some)
        .map_err(|_| FieldError::new(field, "Date invalide : format attendu JJ/MM/AAAA."))
}

impl TryFrom<ValueForm> for ValueInput {
    type Error = Vec<FieldError>;

    fn try_from(f: ValueForm) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        let code = f.code.trim().to_string();
        if code.is_empty() || code.len() > 100 || code.chars().any(|c| c.is_control() || c.is_whitespace()) {
            errors.push(FieldError::new("code", "Le code est obligatoire : 100 caractères au plus, sans espace."));
        }
        let label = f.label.trim().to_string();
        if label.is_empty() || label.chars().count() > 300 || label.chars().any(char::is_control) {
            errors.push(FieldError::new("label", "Le libellé est obligatoire (300 caractères au plus)."));
        }
        let position = match optional(&f.position).map(str::parse::<i32>) {
            None => None,
            Some(Ok(p)) if (0..=100_000).contains(&p) => Some(p),
            Some(_) => {
                errors.push(FieldError::new("position", "L'ordre est un nombre entier positif."));
                None
            }
        };
        let valid_from = parse_date("valid_from", &f.valid_from).map_err(|e| errors.push(e)).ok().flatten();
        let valid_to = parse_date("valid_to", &f.valid_to).map_err(|e| errors.push(e)).ok().flatten();
        if let (Some(from), Some(to)) = (valid_from, valid_to) {
            if to < from {
                errors.push(FieldError::new("valid_to", "La fin de validité précède son début."));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValueInput {
            code,
            label,
            position,
            parent_code: optional(&f.parent_code).map(String::from),
            valid_from,
            valid_to,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(code: &str, label: &str) -> ValueForm {
        ValueForm { code: code.into(), label: label.into(), ..Default::default() }
    }

    #[test]
    fn a_value_form_is_parsed_or_every_error_is_named() {
        let ok =
            ValueInput::try_from(ValueForm { valid_from: "01/01/2025".into(), ..form("x1", " Libellé ") }).unwrap();
        assert_eq!(ok.label, "Libellé");
        assert_eq!(ok.valid_from, NaiveDate::from_ymd_opt(2025, 1, 1));
        let errors = ValueInput::try_from(ValueForm {
            position: "-3".into(),
            valid_from: "2025-02-01".into(),
            valid_to: "2025-01-01".into(),
            ..form("a b", "")
        })
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["code", "label", "position", "valid_to"]);
        assert!(ValueInput::try_from(ValueForm { valid_to: "31/02/2025".into(), ..form("a", "b") }).is_err());
    }

    #[test]
    fn a_retired_or_expired_value_is_not_offered() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let v = RefValue {
            code: "c".into(),
            label: "l".into(),
            position: 1,
            parent_code: None,
            active: true,
            valid_from: None,
            valid_to: None,
            version: 1,
        };
        assert!(v.usable_on(day));
        assert!(!RefValue { active: false, ..v.clone() }.usable_on(day));
        assert!(!RefValue { valid_to: NaiveDate::from_ymd_opt(2024, 12, 31), ..v.clone() }.usable_on(day));
        assert!(!RefValue { valid_from: NaiveDate::from_ymd_opt(2027, 1, 1), ..v }.usable_on(day));
    }
}
