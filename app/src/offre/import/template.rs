//! The Temps 1 template: the three data sheets with their headers (mandatory ones end with `*`, greyed
//! columns greyed), drop-down lists from the référentiels, and the "Annexes et guide" sheet with the
//! rules and the lists. Also writes filled files (tests, benchmarks).

use rust_xlsxwriter::{Color, DataValidation, Format, FormatPattern, Formula, Workbook, XlsxError};

use super::model::{column_letter, List, SheetSpec, GUIDE, MAX_ROWS, SHEETS};
use super::rules::Lookups;

const RULES: [&str; 9] = [
    "Un fichier complet par département : un nouveau fichier remplace ce que le précédent import du département a créé (jamais ce qui a été saisi à l'écran).",
    "Remplissez dans l'ordre : entités, puis dispositifs, puis financements ; chaque dispositif nomme une entité de la feuille Entités, chaque financement un dispositif de la feuille Dispositifs.",
    "Pas de ligne vide entre deux enregistrements.",
    "Ne changez pas la structure : n'ajoutez, ne supprimez, ne renommez ni ne déplacez aucune colonne ni aucune feuille.",
    "Les champs dont l'intitulé finit par * sont obligatoires.",
    "Les colonnes grisées restent vides, sauf dans le cas indiqué (N°IDCC : seulement pour la convention « Autre »).",
    "Choix multiple (Public accueilli) : plusieurs libellés de la liste, séparés par « ; ».",
    "Pas de formule, pas de cellule fusionnée, pas de mot de passe : des valeurs simples.",
    "Téléphones, SIREN et codes postaux : saisissez-les comme du texte pour garder les zéros.",
];

/// The values of each list as the template offers them (labels).
fn labels(lookups: &Lookups, list: List) -> Vec<String> {
    match list {
        List::OuiNon => vec!["Oui".into(), "Non".into()],
        _ => lookups.lists.get(&list).map(|v| v.iter().map(|(_, l, _)| l.clone()).collect()).unwrap_or_default(),
    }
}

/// The template, with `rows` of data per sheet (none for the download).
pub fn write(lookups: &Lookups, rows: &[(&SheetSpec, Vec<Vec<String>>)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xE3E3FD));
    let greyed = Format::new().set_pattern(FormatPattern::Solid).set_background_color(Color::RGB(0xDDDDDD));
    let text = Format::new().set_num_format("@");
    // Where each list sits in the guide sheet: its column.
    let list_column = |list: List| 2 + List::ALL.iter().position(|l| *l == list).unwrap_or(0) as u16;
    for spec in SHEETS {
        let sheet = book.add_worksheet();
        sheet.set_name(spec.name)?;
        sheet.set_freeze_panes(1, 0)?;
        for (i, column) in spec.columns.iter().enumerate() {
            let c = i as u16;
            sheet.write_string_with_format(0, c, column.header, &header)?;
            sheet.set_column_width(c, 24)?;
            sheet.set_column_format(c, if column.greyed { &greyed } else { &text })?;
            if let (Some(list), false) = (column.list, column.multi) {
                let count = labels(lookups, list).len().max(1);
                let letter = column_letter(list_column(list) as usize);
                let range = format!("='{GUIDE}'!${letter}$2:${letter}${}", count + 1);
                let validation = DataValidation::new()
                    .allow_list_formula(Formula::new(range))
                    .set_error_message(format!("Choisissez une valeur de la liste « {} ».", list.title()))?;
                sheet.add_data_validation(1, c, MAX_ROWS as u32, c, &validation)?;
            }
        }
        if let Some((_, data)) = rows.iter().find(|(s, _)| s.name == spec.name) {
            for (r, row) in data.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    if !value.is_empty() {
                        sheet.write_string((r + 1) as u32, c as u16, value)?;
                    }
                }
            }
        }
    }
    let guide = book.add_worksheet();
    guide.set_name(GUIDE)?;
    guide.set_column_width(0, 100)?;
    guide.write_string_with_format(0, 0, "Règles de remplissage", &header)?;
    let mut r = 1u32;
    for rule in RULES {
        guide.write_string(r, 0, rule)?;
        r += 1;
    }
    r += 1;
    guide.write_string_with_format(r, 0, "Colonnes", &header)?;
    for spec in SHEETS {
        for column in spec.columns {
            r += 1;
            guide.write_string(r, 0, format!("{} — {} : {}", spec.name, column.header, column.guide))?;
        }
    }
    for list in List::ALL {
        let c = list_column(list);
        guide.set_column_width(c, 40)?;
        guide.write_string_with_format(0, c, list.title(), &header)?;
        for (i, label) in labels(lookups, list).iter().enumerate() {
            guide.write_string(1 + i as u32, c, label)?;
        }
    }
    book.save_to_buffer()
}
