//! Parsing helpers shared by the Offre forms.

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

/// A département code as typed: `35`, `2A`, `974`.
pub fn departement_code(code: &str) -> Option<String> {
    let c = code.trim().to_uppercase();
    let ok = matches!(c.len(), 2 | 3) && c.chars().all(|ch| ch.is_ascii_digit() || ch == 'A' || ch == 'B');
    ok.then_some(c)
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
    fn dates_as_typed() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
        assert_eq!(date("2026-11-23"), d);
        assert_eq!(date(" 23/11/2026 "), d);
        assert_eq!(date("31/02/2026"), None);
        assert_eq!(date("demain"), None);
    }
}
