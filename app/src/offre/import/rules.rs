//! The rules of the Temps 1 file, over the sheets as read: structure (the template's sheets and
//! columns, unchanged), no empty row between records, mandatory and greyed fields, values of the
//! référentiels (multi-select cells included), order entité → dispositif → financement, no duplicate
//! entité, and each row parsed by the same domain types as the screens. Every error names its sheet,
//! row and column; the result is either every error or the plan of what to create.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::model::{
    column_letter, Issue, List, SheetSpec, DISPOSITIFS, ENTITES, FINANCEMENTS, MULTI_SEPARATOR, SHEETS,
};
use super::workbook::{Cell, Grid, Workbook};
use crate::error::FieldError;
use crate::offre::dispositifs::model::{DispositifForm, DispositifInput};
use crate::offre::entites::model::{EntiteForm, EntiteInput};
use crate::offre::financements::model::{FinancementForm, FinancementInput};

/// What the rules need from the database.
#[derive(Clone, Debug, Default)]
pub struct Lookups {
    pub today: NaiveDate,
    /// `(code, label)` of each list's values usable today; types with their nature as third.
    pub lists: HashMap<List, Vec<(String, String, Option<String>)>>,
    /// SIREN → name of the entités this file may not create again (all but those of the
    /// département's previous import).
    pub sirens_taken: HashMap<String, String>,
    /// Names (lower case) of the département's entités this file may not create again.
    pub names_taken: HashSet<String>,
}

impl Lookups {
    /// The code of `value` (a label or a code, case and spaces ignored) in `list`.
    fn code(&self, list: List, value: &str) -> Option<&(String, String, Option<String>)> {
        let v = value.trim().to_lowercase();
        self.lists.get(&list)?.iter().find(|(code, label, _)| label.to_lowercase() == v || code.to_lowercase() == v)
    }
}

/// What a valid file creates, in order; dispositifs point at their entité, financements at their
/// dispositif (indexes in the plan).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub entites: Vec<EntiteInput>,
    pub dispositifs: Vec<(usize, DispositifInput)>,
    pub financements: Vec<(usize, FinancementInput)>,
}

/// Checks `book` for the département `departement`.
pub fn check(book: &Workbook, departement: &str, lookups: &Lookups) -> Result<Plan, Vec<Issue>> {
    let mut issues = structure(book);
    if !issues.is_empty() {
        return Err(issues);
    }
    let mut sheet_issues = vec![];
    let entites_rows = book.sheet(ENTITES.name).map(|g| records(g, &ENTITES, &mut sheet_issues)).unwrap_or_default();
    let dispositifs_rows =
        book.sheet(DISPOSITIFS.name).map(|g| records(g, &DISPOSITIFS, &mut sheet_issues)).unwrap_or_default();
    let financements_rows =
        book.sheet(FINANCEMENTS.name).map(|g| records(g, &FINANCEMENTS, &mut sheet_issues)).unwrap_or_default();
    issues.extend(sheet_issues);

    let mut plan = Plan::default();
    // Entités.
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut sirens: HashSet<String> = HashSet::new();
    for row in &entites_rows {
        let mut at = At::new(&ENTITES, row, &mut issues);
        let convention = at.listed(4, List::Convention, lookups);
        let form = EntiteForm {
            nom: at.text(0),
            siren: at.text(1),
            telephone: at.text(2),
            courriel: at.text(3),
            convention_collective: convention,
            idcc: at.text(5),
            adresse: at.text(6),
            code_postal: at.text(7),
            commune: at.text(8),
            departement_code: departement.to_string(),
            ..Default::default()
        };
        let fields = [
            ("nom", 0),
            ("siren", 1),
            ("telephone", 2),
            ("courriel", 3),
            ("convention_collective", 4),
            ("idcc", 5),
            ("adresse", 6),
            ("code_postal", 7),
            ("commune", 8),
        ];
        let Some(input) = at.parsed(EntiteInput::try_from(form), &fields) else { continue };
        let key = input.nom.to_lowercase();
        let siren = input.siren.as_str().to_string();
        let duplicate = if names.contains_key(&key) {
            Some((0, "Entité en double dans le fichier : ce nom figure déjà plus haut.".to_string()))
        } else if lookups.names_taken.contains(&key) {
            Some((0, "Une entité de ce nom existe déjà dans le département (saisie à l'écran).".to_string()))
        } else if sirens.contains(&siren) {
            Some((1, "Entité en double dans le fichier : ce SIREN figure déjà plus haut.".to_string()))
        } else {
            lookups
                .sirens_taken
                .get(&siren)
                .map(|other| (1, format!("Ce SIREN est déjà celui de l'entité « {other} ».")))
        };
        match duplicate {
            Some((column, message)) => at.issue(column, message),
            None => {
                sirens.insert(siren);
                names.insert(key, plan.entites.len());
                plan.entites.push(input);
            }
        }
    }
    // Rows of the file, valid or not: a row that names one in error says nothing more of it (its own
    // error is reported once).
    let lower =
        |record: &Record, column: usize| record.cells.get(column).map(display).unwrap_or_default().to_lowercase();
    let entites_in_file: HashSet<String> = entites_rows.iter().map(|r| lower(r, 0)).collect();
    let dispositifs_in_file: HashSet<(String, String)> =
        dispositifs_rows.iter().map(|r| (lower(r, 0), lower(r, 1))).collect();
    // Dispositifs.
    let mut dispositifs: HashMap<(usize, String), usize> = HashMap::new();
    for row in &dispositifs_rows {
        let mut at = At::new(&DISPOSITIFS, row, &mut issues);
        let entite = at.text(0);
        let entite = match names.get(&entite.trim().to_lowercase()) {
            Some(i) => Some(*i),
            None if entite.trim().is_empty() || entites_in_file.contains(&entite.trim().to_lowercase()) => None,
            None => {
                at.issue(0, "Entité inconnue : elle doit figurer (sans erreur) dans la feuille Entités.".into());
                None
            }
        };
        let nature = at.listed(2, List::Nature, lookups);
        let type_code = at.listed(3, List::Type, lookups);
        if let Some((_, _, parent)) = lookups.code(List::Type, &type_code) {
            if !nature.is_empty() && parent.as_deref() != Some(nature.as_str()) {
                at.issue(3, "Ce type n'appartient pas à la nature choisie.".into());
            }
        }
        let p177 = at.listed(4, List::OuiNon, lookups);
        let publics = at.multi(5, List::Public, lookups);
        let form = DispositifForm {
            entite_id: uuid::Uuid::nil().to_string(),
            nom: at.text(1),
            departement_code: departement.to_string(),
            nature_code: nature,
            type_code,
            finance_p177: if p177 == "oui" { "oui".into() } else { String::new() },
            publics,
            telephone: at.text(6),
            courriel: at.text(7),
            adresse: at.text(8),
            code_postal: at.text(9),
            commune: at.text(10),
        };
        let fields =
            [("nom", 1), ("nature_code", 2), ("type_code", 3), ("telephone", 6), ("courriel", 7), ("code_postal", 9)];
        let parsed = at.parsed(DispositifInput::try_from(form), &fields);
        let (Some(entite), Some(input)) = (entite, parsed) else { continue };
        if at.failed {
            continue;
        }
        let key = (entite, input.nom.to_lowercase());
        if dispositifs.contains_key(&key) {
            at.issue(1, "Dispositif en double : cette entité a déjà un dispositif de ce nom plus haut.".into());
            continue;
        }
        dispositifs.insert(key, plan.dispositifs.len());
        plan.dispositifs.push((entite, input));
    }
    // Financements.
    let mut lines: HashSet<(usize, String, i32)> = HashSet::new();
    for row in &financements_rows {
        let mut at = At::new(&FINANCEMENTS, row, &mut issues);
        let entite = names.get(&at.text(0).trim().to_lowercase()).copied();
        let dispositif = entite.and_then(|e| dispositifs.get(&(e, at.text(1).trim().to_lowercase())).copied());
        let named = (at.text(0).to_lowercase(), at.text(1).to_lowercase());
        if dispositif.is_none() && !named.1.is_empty() && !dispositifs_in_file.contains(&named) {
            at.issue(
                1,
                "Dispositif inconnu : il doit figurer (sans erreur) dans la feuille Dispositifs, pour cette entité."
                    .into(),
            );
        }
        let source = at.listed(2, List::Source, lookups);
        let form = FinancementForm {
            dispositif_id: uuid::Uuid::nil().to_string(),
            source_code: source,
            annee: at.text(3),
            places_financees: at.text(4),
            montant: at.text(5),
        };
        let fields = [("source_code", 2), ("annee", 3), ("places_financees", 4), ("montant", 5)];
        let parsed = at.parsed(FinancementInput::try_from(form), &fields);
        let (Some(dispositif), Some(input)) = (dispositif, parsed) else { continue };
        if at.failed {
            continue;
        }
        if !lines.insert((dispositif, input.source_code.clone(), input.annee)) {
            at.issue(2, "Financement en double : même dispositif, même source, même année.".into());
            continue;
        }
        plan.financements.push((dispositif, input));
    }
    if issues.is_empty() {
        Ok(plan)
    } else {
        issues.sort_by_key(|i| {
            let sheet = SHEETS.iter().position(|s| s.name == i.sheet).unwrap_or(usize::MAX);
            (sheet, i.row.unwrap_or(0))
        });
        Err(issues)
    }
}

/// The template's sheets are there, each with its columns in order; nothing added, removed or renamed.
fn structure(book: &Workbook) -> Vec<Issue> {
    let mut issues = vec![];
    for spec in SHEETS {
        let Some(grid) = book.sheet(spec.name) else {
            issues.push(Issue {
                sheet: spec.name.to_string(),
                row: None,
                column: None,
                message: format!("Feuille « {} » absente : partez du modèle sans renommer ses feuilles.", spec.name),
            });
            continue;
        };
        let headers: Vec<String> = grid.rows.first().map(|r| r.iter().map(display).collect()).unwrap_or_default();
        let width = headers.len().max(spec.columns.len());
        for i in 0..width {
            let found = headers.get(i).map(|h| h.trim()).unwrap_or("");
            let expected = spec.columns.get(i).map(|c| c.header);
            let message = match expected {
                Some(e) if found == e => continue,
                Some(e) if found.is_empty() => {
                    format!("Colonne « {e} » supprimée : rétablissez les colonnes du modèle.")
                }
                Some(e) => format!(
                    "Colonne « {found} » trouvée à la place de « {e} » : ne renommez ni ne déplacez les colonnes."
                ),
                None if found.is_empty() => continue,
                None => format!("Colonne « {found} » ajoutée : supprimez-la, la structure du modèle ne change pas."),
            };
            issues.push(Issue { sheet: spec.name.to_string(), row: Some(1), column: Some(column_letter(i)), message });
        }
    }
    issues
}

/// A row of data: its number in the spreadsheet and its cells.
struct Record<'a> {
    number: usize,
    cells: &'a [Cell],
}

/// The records of a sheet (the rows after the headers), with an error for each empty row followed by
/// a record.
fn records<'a>(grid: &'a Grid, spec: &SheetSpec, issues: &mut Vec<Issue>) -> Vec<Record<'a>> {
    let empty = |row: &[Cell]| row.iter().all(|c| matches!(c, Cell::Empty));
    let last = grid.rows.iter().rposition(|r| !empty(r)).unwrap_or(0);
    let mut out = vec![];
    for (i, row) in grid.rows.iter().enumerate().take(last + 1).skip(1) {
        if empty(row) {
            issues.push(Issue {
                sheet: spec.name.to_string(),
                row: Some(i + 1),
                column: None,
                message: "Ligne vide entre deux enregistrements : supprimez-la.".into(),
            });
        } else {
            out.push(Record { number: i + 1, cells: row });
        }
    }
    out
}

/// A cell as text: numbers without a useless decimal part, booleans as Oui / Non.
fn display(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Cell::Number(n) => n.to_string(),
        Cell::Bool(true) => "Oui".into(),
        Cell::Bool(false) => "Non".into(),
        Cell::Empty | Cell::Date | Cell::Error => String::new(),
    }
}

/// Reads the cells of one record, collecting its errors.
struct At<'a, 'b> {
    spec: &'a SheetSpec,
    record: &'a Record<'b>,
    issues: &'a mut Vec<Issue>,
    failed: bool,
}

impl<'a, 'b> At<'a, 'b> {
    fn new(spec: &'a SheetSpec, record: &'a Record<'b>, issues: &'a mut Vec<Issue>) -> Self {
        let mut at = At { spec, record, issues, failed: false };
        for (i, column) in spec.columns.iter().enumerate() {
            match record.cells.get(i) {
                Some(Cell::Date) => {
                    at.issue(i, "Une date n'est pas attendue ici : saisissez la valeur comme texte.".into())
                }
                Some(Cell::Error) => at.issue(i, "Valeur en erreur (#REF!, #N/A...) : saisissez la valeur.".into()),
                None | Some(Cell::Empty) if column.mandatory() => at.issue(i, "Champ obligatoire.".into()),
                _ => {}
            }
        }
        at
    }

    fn issue(&mut self, column: usize, message: String) {
        self.failed = true;
        let header = self.spec.columns.get(column).map(|c| c.header).unwrap_or("");
        self.issues.push(Issue {
            sheet: self.spec.name.to_string(),
            row: Some(self.record.number),
            column: Some(format!("{} ({header})", column_letter(column))),
            message,
        });
    }

    fn text(&self, column: usize) -> String {
        self.record.cells.get(column).map(display).unwrap_or_default()
    }

    /// The code of a listed cell (empty if empty or unknown: the error is recorded).
    fn listed(&mut self, column: usize, list: List, lookups: &Lookups) -> String {
        let value = self.text(column);
        if value.is_empty() {
            return value;
        }
        if list == List::OuiNon {
            return match value.to_lowercase().as_str() {
                "oui" => "oui".into(),
                "non" => "non".into(),
                _ => {
                    self.issue(column, "Répondez Oui ou Non.".into());
                    String::new()
                }
            };
        }
        match lookups.code(list, &value) {
            Some((code, _, _)) => code.clone(),
            None => {
                self.issue(
                    column,
                    format!("« {value} » n'est pas dans la liste « {} » (voir Annexes et guide).", list.title()),
                );
                String::new()
            }
        }
    }

    /// The codes of a multi-select cell (values separated by `;`).
    fn multi(&mut self, column: usize, list: List, lookups: &Lookups) -> Vec<String> {
        let value = self.text(column);
        let mut codes = vec![];
        for part in value.split(MULTI_SEPARATOR).map(str::trim).filter(|p| !p.is_empty()) {
            match lookups.code(list, part) {
                Some((code, _, _)) => codes.push(code.clone()),
                None => self.issue(
                    column,
                    format!(
                        "« {part} » n'est pas dans la liste « {} » (plusieurs valeurs : séparez-les par « ; »).",
                        list.title()
                    ),
                ),
            }
        }
        codes
    }

    /// The domain's parse of the row, its field errors put on their columns.
    fn parsed<T>(&mut self, result: Result<T, Vec<FieldError>>, fields: &[(&str, usize)]) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(errors) => {
                for e in errors {
                    // A column already in error (empty mandatory, unknown value) says it once.
                    let column = fields.iter().find(|(f, _)| *f == e.field).map(|(_, c)| *c).unwrap_or(0);
                    let prefix = format!("{} (", column_letter(column));
                    let known = self.issues.iter().any(|i| {
                        i.row == Some(self.record.number)
                            && i.sheet == self.spec.name
                            && i.column.as_deref().is_some_and(|c| c.starts_with(&prefix))
                    });
                    if !known {
                        self.issue(column, e.message);
                    }
                }
                self.failed = true;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offre::import::model::SheetSpec;

    fn lookups() -> Lookups {
        let v = |pairs: &[(&str, &str, Option<&str>)]| {
            pairs.iter().map(|(c, l, p)| (c.to_string(), l.to_string(), p.map(String::from))).collect()
        };
        let mut lists = HashMap::new();
        lists.insert(List::Convention, v(&[("ccn_1966", "CCN 1966", None), ("autre", "Autre", None)]));
        lists.insert(
            List::Nature,
            v(&[("hebergement", "Hébergement", None), ("veille_sociale", "Veille sociale", None)]),
        );
        lists.insert(
            List::Type,
            v(&[
                ("hebergement.chrs", "CHRS", Some("hebergement")),
                ("veille_sociale.maraude", "Maraude", Some("veille_sociale")),
            ]),
        );
        lists.insert(List::Public, v(&[("familles", "Familles", None), ("hommes_seuls", "Hommes seuls", None)]));
        lists.insert(List::Source, v(&[("p177", "BOP 177 (État)", None), ("ars", "ARS", None)]));
        let mut l = Lookups { lists, ..Default::default() };
        l.sirens_taken.insert("987654324".into(), "Le Relais Breton".into());
        l.names_taken.insert("le relais breton".into());
        l
    }

    fn grid(spec: &SheetSpec, rows: &[&[&str]]) -> Grid {
        let header = spec.columns.iter().map(|c| Cell::Text(c.header.to_string())).collect();
        let mut all = vec![header];
        for row in rows {
            all.push(row.iter().map(|v| if v.is_empty() { Cell::Empty } else { Cell::Text(v.to_string()) }).collect());
        }
        Grid { name: spec.name.to_string(), rows: all }
    }

    const ENTITE: &[&str] = &["Escale", "732829320", "02 99 00 00 00", "", "CCN 1966", "", "", "35000", "Rennes"];
    const ENTITE_2: &[&str] = &["Phare", "123456782", "", "", "Autre", "1234", "", "", ""];
    const DISPOSITIF: &[&str] = &["Escale", "CHRS Escale", "Hébergement", "CHRS", "Oui", "Familles; Hommes seuls"];
    const DISPOSITIF_2: &[&str] = &["phare", "Maraude du Phare", "veille_sociale", "Maraude", "non", ""];
    const FINANCEMENT: &[&str] = &["Escale", "CHRS Escale", "BOP 177 (État)", "2026", "20", "125 000"];

    fn book(entites: &[&[&str]], dispositifs: &[&[&str]], financements: &[&[&str]]) -> Workbook {
        Workbook {
            sheets: vec![grid(&ENTITES, entites), grid(&DISPOSITIFS, dispositifs), grid(&FINANCEMENTS, financements)],
        }
    }

    fn good() -> Workbook {
        book(&[ENTITE, ENTITE_2], &[DISPOSITIF, DISPOSITIF_2], &[FINANCEMENT])
    }

    /// (sheet, row, column letter) of each issue.
    fn places(book: &Workbook) -> Vec<(String, Option<usize>, String)> {
        check(book, "35", &lookups())
            .unwrap_err()
            .into_iter()
            .map(|i| {
                (i.sheet, i.row, i.column.unwrap_or_default().chars().take_while(|c| c.is_ascii_uppercase()).collect())
            })
            .collect()
    }

    fn one(sheet: &str, row: usize, column: &str) -> Vec<(String, Option<usize>, String)> {
        vec![(sheet.to_string(), Some(row), column.to_string())]
    }

    #[test]
    fn a_good_file_becomes_a_plan() {
        let plan = check(&good(), "35", &lookups()).unwrap();
        assert_eq!(plan.entites.len(), 2);
        assert_eq!(plan.entites[0].telephone.as_ref().map(|t| t.as_str()), Some("0299000000"));
        assert_eq!(plan.entites[1].idcc.as_deref(), Some("1234"));
        let (entite, chrs) = &plan.dispositifs[0];
        assert_eq!((*entite, chrs.type_code.as_str(), chrs.finance_p177), (0, "hebergement.chrs", true));
        assert_eq!(chrs.publics, ["familles", "hommes_seuls"]);
        assert_eq!(plan.dispositifs[1].0, 1, "an entité is named case-insensitively");
        assert_eq!(plan.financements[0].0, 0);
        assert_eq!(plan.financements[0].1.montant_centimes, Some(12_500_000));
    }

    #[test]
    fn the_structure_is_the_templates() {
        let mut added = good();
        added.sheets[0].rows[0].push(Cell::Text("Commentaire".into()));
        assert_eq!(places(&added), one("Entités", 1, "J"));
        let mut renamed = good();
        renamed.sheets[1].rows[0][2] = Cell::Text("Catégorie".into());
        assert_eq!(places(&renamed), one("Dispositifs", 1, "C"));
        let mut removed = good();
        for row in &mut removed.sheets[2].rows {
            row.truncate(5);
        }
        assert_eq!(places(&removed), one("Financement", 1, "F"));
        let mut missing = good();
        missing.sheets.remove(2);
        let issues = check(&missing, "35", &lookups()).unwrap_err();
        assert_eq!((issues.len(), issues[0].sheet.as_str()), (1, "Financement"));
    }

    #[test]
    fn each_rule_names_its_sheet_row_and_column() {
        let mut without_siren = ENTITE.to_vec();
        without_siren[1] = "";
        assert_eq!(places(&book(&[&without_siren], &[], &[])), one("Entités", 2, "B"));
        let mut bad_key = ENTITE.to_vec();
        bad_key[1] = "732829321";
        assert_eq!(places(&book(&[&bad_key], &[], &[])), one("Entités", 2, "B"));
        let mut greyed = ENTITE.to_vec();
        greyed[5] = "1234";
        assert_eq!(places(&book(&[&greyed], &[], &[])), one("Entités", 2, "F"));
        assert_eq!(places(&book(&[ENTITE, ENTITE], &[], &[])), one("Entités", 3, "A"));
        let mut taken = ENTITE.to_vec();
        taken[1] = "987654324";
        assert_eq!(places(&book(&[&taken], &[], &[])), one("Entités", 2, "B"));
        let mut unknown_public = DISPOSITIF.to_vec();
        unknown_public[5] = "Familles; Étudiants";
        assert_eq!(places(&book(&[ENTITE], &[&unknown_public], &[])), one("Dispositifs", 2, "F"));
        let mut wrong_type = DISPOSITIF.to_vec();
        wrong_type[3] = "Maraude";
        assert_eq!(places(&book(&[ENTITE], &[&wrong_type], &[])), one("Dispositifs", 2, "D"));
        assert_eq!(places(&book(&[], &[DISPOSITIF], &[])), one("Dispositifs", 2, "A"), "order: the entité first");
        let mut bad_year = FINANCEMENT.to_vec();
        bad_year[3] = "26";
        assert_eq!(places(&book(&[ENTITE], &[DISPOSITIF], &[&bad_year])), one("Financement", 2, "D"));
    }

    #[test]
    fn an_error_is_reported_once_not_on_the_rows_that_depend_on_it() {
        let mut bad_key = ENTITE.to_vec();
        bad_key[1] = "732829321";
        assert_eq!(places(&book(&[&bad_key], &[DISPOSITIF], &[FINANCEMENT])), one("Entités", 2, "B"));
        let mut unknown = FINANCEMENT.to_vec();
        unknown[1] = "CHRS inconnu";
        assert_eq!(places(&book(&[ENTITE], &[DISPOSITIF], &[&unknown])), one("Financement", 2, "B"));
    }

    #[test]
    fn empty_rows_dates_and_errors_are_refused() {
        let mut gap = good();
        gap.sheets[0].rows.insert(2, vec![Cell::Empty, Cell::Empty]);
        assert_eq!(places(&gap), vec![("Entités".to_string(), Some(3), String::new())]);
        let mut trailing = good();
        trailing.sheets[0].rows.push(vec![Cell::Empty]);
        assert!(check(&trailing, "35", &lookups()).is_ok(), "empty rows after the last record are no gap");
        let mut date = good();
        date.sheets[2].rows[1][3] = Cell::Date;
        assert_eq!(places(&date), one("Financement", 2, "D"));
        let mut spaces = good();
        spaces.sheets[0].rows[1][0] = Cell::Text("  Escale  ".into());
        spaces.sheets[0].rows[1][1] = Cell::Number(732829320.0);
        assert!(check(&spaces, "35", &lookups()).is_ok(), "trailing spaces and a SIREN typed as a number are read");
    }
}
