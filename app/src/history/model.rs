//! History lines and the diff of two states of an object.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One changed field: its label as shown on screens, the value before and after (as displayed:
/// labels of codes, not the codes, so that the history stays readable when a code is retired).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One save of an object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub at: DateTime<Utc>,
    pub version: i32,
    pub action: String,
    /// "Prénom Nom (profil)", or none for the system (import, migration).
    pub author: Option<String>,
    pub changes: Vec<Change>,
    pub comment: Option<String>,
}

impl HistoryLine {
    /// The line in words, one per changed field: "Prénom Nom, le 22/03/2023 à 11:28 : Nom d'usage « A » → « B »".
    pub fn describe(&self) -> Vec<String> {
        let who =
            format!("{}, le {}", self.author.as_deref().unwrap_or("Système"), crate::ui::format::date_time(self.at));
        if self.changes.is_empty() {
            return vec![format!("{who} : {}", self.action)];
        }
        let shown = |v: &Option<String>| v.as_deref().map(|v| format!("« {v} »")).unwrap_or_else(|| "(vide)".into());
        self.changes.iter().map(|c| format!("{who} : {} {} → {}", c.label, shown(&c.before), shown(&c.after))).collect()
    }
}

/// The fields of an object as its history shows them: `(field, label, displayed value)`.
pub trait Tracked {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)>;
}

/// The changes from `before` to `after` (all fields, from nothing, for a creation).
pub struct Diff;

impl Diff {
    pub fn of<T: Tracked>(before: Option<&T>, after: &T) -> Vec<Change> {
        let old = before.map(Tracked::tracked).unwrap_or_default();
        after
            .tracked()
            .into_iter()
            .filter_map(|(field, label, value)| {
                let previous = old.iter().find(|(f, _, _)| *f == field).and_then(|(_, _, v)| v.clone());
                let value = value.filter(|v| !v.is_empty());
                let previous = previous.filter(|v| !v.is_empty());
                (previous != value).then(|| Change {
                    field: field.to_string(),
                    label: label.to_string(),
                    before: previous,
                    after: value,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing(Option<&'static str>, &'static str);

    impl Tracked for Thing {
        fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
            vec![("a", "A", self.0.map(String::from)), ("b", "B", Some(self.1.to_string()))]
        }
    }

    #[test]
    fn only_changed_fields_are_kept_with_before_and_after() {
        let changes = Diff::of(Some(&Thing(Some("x"), "same")), &Thing(None, "same"));
        assert_eq!(
            changes,
            vec![Change { field: "a".into(), label: "A".into(), before: Some("x".into()), after: None }]
        );
        assert!(Diff::of(Some(&Thing(Some(""), "s")), &Thing(None, "s")).is_empty(), "empty is no value");
    }

    #[test]
    fn a_creation_lists_every_filled_field() {
        let changes = Diff::of(None, &Thing(None, "v"));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].after.as_deref(), Some("v"));
        assert_eq!(changes[0].before, None);
    }
}
