//! The shape of the Temps 1 file (sheets and columns, written once for the template and the checks)
//! and the report of an import.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Largest file accepted, in bytes (the request's limit too).
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// Most data rows in a sheet.
pub const MAX_ROWS: usize = 10_000;
/// Separator of the values of a multi-select cell.
pub const MULTI_SEPARATOR: char = ';';

/// A column of a sheet: its header (mandatory ones end with `*`), what the guide says of it, and the
/// référentiel whose labels fill its drop-down list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub guide: &'static str,
    pub list: Option<List>,
    /// Several values of the list, separated by `;`.
    pub multi: bool,
    /// Greyed: filled only in the case the guide names.
    pub greyed: bool,
}

/// The lists of the template's drop-downs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Convention,
    Nature,
    Type,
    Public,
    Source,
    OuiNon,
}

impl List {
    pub const ALL: [List; 6] = [List::Convention, List::Nature, List::Type, List::Public, List::Source, List::OuiNon];

    /// The référentiel of the list (none: Oui / Non).
    pub fn referentiel(self) -> Option<&'static str> {
        match self {
            List::Convention => Some("convention_collective"),
            List::Nature => Some("nature_dispositif"),
            List::Type => Some("type_dispositif"),
            List::Public => Some("public_accueilli"),
            List::Source => Some("source_financement"),
            List::OuiNon => None,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            List::Convention => "Conventions collectives",
            List::Nature => "Natures de dispositif",
            List::Type => "Types de dispositif",
            List::Public => "Publics accueillis",
            List::Source => "Sources de financement",
            List::OuiNon => "Oui / Non",
        }
    }
}

const fn col(header: &'static str, guide: &'static str) -> Column {
    Column { header, guide, list: None, multi: false, greyed: false }
}

const fn listed(header: &'static str, guide: &'static str, list: List) -> Column {
    Column { header, guide, list: Some(list), multi: false, greyed: false }
}

/// A sheet of the file and its columns, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetSpec {
    pub name: &'static str,
    pub columns: &'static [Column],
}

pub const ENTITES: SheetSpec = SheetSpec {
    name: "Entités",
    columns: &[
        col("Nom de l'entité*", "Raison sociale ; unique dans le département."),
        col("Code SIREN*", "9 chiffres, clé de contrôle vérifiée ; unique au niveau national."),
        col("Téléphone", "Ex. 0299000000 ou 02 99 00 00 00 (saisi comme texte)."),
        col("Adresse courriel", "Adresse de contact."),
        listed("Type de convention collective", "Liste déroulante.", List::Convention),
        Column {
            header: "N°IDCC (Autres)",
            guide: "Grisé : seulement si la convention est « Autre » (1 à 4 chiffres), vide sinon.",
            list: None,
            multi: false,
            greyed: true,
        },
        col("Adresse", "Numéro et voie."),
        col("Code postal", "5 chiffres."),
        col("Commune", ""),
    ],
};

pub const DISPOSITIFS: SheetSpec = SheetSpec {
    name: "Dispositifs",
    columns: &[
        col("Nom de l'entité*", "Une entité de la feuille Entités."),
        col("Nom du dispositif*", "Unique dans l'entité."),
        listed("Nature*", "Liste déroulante (nomenclature nationale).", List::Nature),
        listed("Type*", "Liste déroulante ; un type de la nature choisie.", List::Type),
        listed("Financé P177*", "Oui ou Non.", List::OuiNon),
        Column {
            header: "Public accueilli",
            guide: "Choix multiple : plusieurs libellés de la liste séparés par « ; ».",
            list: Some(List::Public),
            multi: true,
            greyed: false,
        },
        col("Téléphone", "Ex. 0299000000 (saisi comme texte)."),
        col("Adresse courriel", ""),
        col("Adresse", ""),
        col("Code postal", "5 chiffres."),
        col("Commune", ""),
    ],
};

pub const FINANCEMENTS: SheetSpec = SheetSpec {
    name: "Financement",
    columns: &[
        col("Nom de l'entité*", "Une entité de la feuille Entités."),
        col("Nom du dispositif*", "Un dispositif de cette entité dans la feuille Dispositifs."),
        listed("Source*", "Liste déroulante.", List::Source),
        col("Année*", "Ex. 2026."),
        col("Places financées*", "Nombre entier (0 ou plus)."),
        col("Montant (euros)", "Ex. 125000 ou 125000,50."),
    ],
};

/// The sheets with data, in the order they are filled (entité → dispositif → financement).
pub const SHEETS: [SheetSpec; 3] = [ENTITES, DISPOSITIFS, FINANCEMENTS];
/// The last sheet of the template: the rules and the lists.
pub const GUIDE: &str = "Annexes et guide";

impl Column {
    pub fn mandatory(&self) -> bool {
        self.header.ends_with('*')
    }
}

/// The column letter of a 0-based index: 0 → A, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// One error of a file: where (sheet, row as numbered in the spreadsheet, column letter and header)
/// and what, in French.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub sheet: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

/// What an import creates, or would create (a dry run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub entites: i32,
    pub dispositifs: i32,
    pub financements: i32,
}

/// The answer to a file: its errors, or what it creates and what it replaces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub fichier: String,
    pub departement: String,
    /// True once committed (otherwise a dry run, or a file with errors).
    pub applied: bool,
    pub issues: Vec<Issue>,
    pub created: Counts,
    /// The objects of the département's previous import that this file replaces.
    pub replaced: Counts,
}

/// A committed import, for the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLine {
    pub id: Uuid,
    pub departement_code: String,
    pub fichier: String,
    pub auteur: Option<String>,
    pub at: DateTime<Utc>,
    pub counts: Counts,
    pub replaced: Counts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn mandatory_columns_end_with_a_star() {
        let mandatory: Vec<&str> = ENTITES.columns.iter().filter(|c| c.mandatory()).map(|c| c.header).collect();
        assert_eq!(mandatory, ["Nom de l'entité*", "Code SIREN*"]);
    }
}
