//! Parsing helpers shared by the forms of every domain (text, dates, e-mail, postcode, telephone).

pub mod telephone;

use crate::error::FieldError;

/// A trimmed value, none if empty.
pub fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// An optional free text of at most `max` characters, without control characters.
pub fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) -> Option<String> {
    let v = optional(value);
    if v.as_ref().is_some_and(|v| v.chars().count() > max || v.chars().any(char::is_control)) {
        errors.push(FieldError::new(field, format!("{max} caractères au plus, sans caractère de contrôle.")));
        return None;
    }
    v
}

/// A mandatory free text of at most `max` characters: `missing` (in French) when empty.
pub fn required(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, missing: &str) -> Option<String> {
    let v = text(errors, field, value, max);
    if v.is_none() && errors.iter().all(|e| e.field != field) {
        errors.push(FieldError::new(field, missing));
    }
    v
}

/// A département code as typed: `35`, `2A`, `974`.
pub fn departement_code(code: &str) -> Option<String> {
    let c = code.trim().to_uppercase();
    let ok = matches!(c.len(), 2 | 3) && c.chars().all(|ch| ch.is_ascii_digit() || ch == 'A' || ch == 'B');
    ok.then_some(c)
}

/// An optional e-mail address: something before the `@`, a dot in the domain, no space.
pub fn courriel(errors: &mut Vec<FieldError>, value: &str) -> Option<String> {
    let c = text(errors, "courriel", value, 254)?;
    let (local, domain) = c.split_once('@').unwrap_or_default();
    if local.is_empty() || !domain.contains('.') || c.contains(char::is_whitespace) {
        errors.push(FieldError::new("courriel", "Adresse électronique invalide."));
        return None;
    }
    Some(c)
}

/// An optional postcode: 5 characters, digits but the second (`2A`, `2B` for Corsica), as the database
/// checks it.
pub fn code_postal(errors: &mut Vec<FieldError>, value: &str) -> Option<String> {
    let c = optional(value)?;
    let ok = c.len() == 5 && c.chars().enumerate().all(|(i, ch)| ch.is_ascii_digit() || (i == 1 && "AB".contains(ch)));
    if !ok {
        errors.push(FieldError::new("code_postal", "Le code postal comporte 5 chiffres."));
        return None;
    }
    Some(c)
}

/// A date as typed: `2026-11-23` (date input) or `23/11/2026`.
pub fn date(value: &str) -> Option<chrono::NaiveDate> {
    let v = value.trim();
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").or_else(|_| chrono::NaiveDate::parse_from_str(v, "%d/%m/%Y")).ok()
}

/// A checkbox's value: checked when sent as `oui`, `on` or `true`.
pub fn checked(value: &str) -> bool {
    matches!(value.trim(), "oui" | "on" | "true")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_and_addresses_as_the_database_takes_them() {
        let mut errors = vec![];
        assert_eq!(code_postal(&mut errors, " 35000 "), Some("35000".into()));
        assert_eq!(code_postal(&mut errors, "2A004"), Some("2A004".into()));
        assert_eq!(code_postal(&mut errors, "ABCDE"), None);
        assert_eq!(courriel(&mut errors, "contact@horizon.fr"), Some("contact@horizon.fr".into()));
        assert_eq!(courriel(&mut errors, "contact@horizon"), None);
        assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["code_postal", "courriel"]);
    }

    #[test]
    fn dates_as_typed() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
        assert_eq!(date("2026-11-23"), d);
        assert_eq!(date(" 23/11/2026 "), d);
        assert_eq!(date("31/02/2026"), None);
        assert_eq!(date("demain"), None);
    }
}
