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
