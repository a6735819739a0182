//! Rows of the capacity view and their arithmetic.

use serde::{Deserialize, Serialize};

/// One row: a département or a dispositif.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapaciteRow {
    pub label: String,
    /// The page of the row's object, if any.
    pub href: Option<String>,
    pub financees: i64,
    pub installees: i64,
    pub occupees: i64,
    pub immobilisees: i64,
}

impl CapaciteRow {
    /// Installed places that take an orientation today (neither occupied nor immobilised).
    pub fn disponibles(&self) -> i64 {
        (self.installees - self.occupees - self.immobilisees).max(0)
    }

    /// Installed minus financed: positive when more places run than are financed.
    pub fn ecart(&self) -> i64 {
        self.installees - self.financees
    }

    /// Occupied places per hundred installed (none without installed places).
    pub fn taux_occupation(&self) -> Option<i64> {
        (self.installees > 0).then(|| (self.occupees * 100 + self.installees / 2) / self.installees)
    }

    /// The sum of `rows`.
    pub fn total(rows: &[CapaciteRow]) -> CapaciteRow {
        rows.iter().fold(CapaciteRow { label: "Total".into(), ..Default::default() }, |t, r| CapaciteRow {
            financees: t.financees + r.financees,
            installees: t.installees + r.installees,
            occupees: t.occupees + r.occupees,
            immobilisees: t.immobilisees + r.immobilisees,
            ..t
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapaciteFilter {
    pub departement: Option<String>,
    pub annee: Option<i32>,
}

/// The view: rows per département or per dispositif, for a year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacites {
    pub par_departement: bool,
    pub annee: i32,
    pub rows: Vec<CapaciteRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(financees: i64, installees: i64, occupees: i64, immobilisees: i64) -> CapaciteRow {
        CapaciteRow { label: "x".into(), href: None, financees, installees, occupees, immobilisees }
    }

    #[test]
    fn capacity_arithmetic() {
        let r = row(40, 36, 30, 2);
        assert_eq!(r.disponibles(), 4);
        assert_eq!(r.ecart(), -4, "four financed places are not installed");
        assert_eq!(r.taux_occupation(), Some(83));
        assert_eq!(row(10, 0, 0, 0).taux_occupation(), None);
        let t = CapaciteRow::total(&[r, row(0, 12, 12, 0)]);
        assert_eq!(
            (t.label.as_str(), t.financees, t.installees, t.occupees, t.disponibles()),
            ("Total", 40, 48, 42, 4)
        );
    }
}
