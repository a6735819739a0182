//! The files of the import end to end in the process: the template read back, an ods, hostile files.

use std::io::Write;

use super::model::{ENTITES, SHEETS};
use super::rules::Lookups;
use super::workbook::{read, Cell, Grid, MAX_INFLATED};
use super::{fixtures, template};

fn message(bytes: &[u8]) -> String {
    read(bytes).unwrap_err().into_iter().map(|i| format!("{} {}", i.sheet, i.message)).collect::<Vec<_>>().join(" | ")
}

fn headers(grid: &Grid) -> Vec<Cell> {
    grid.rows[0].clone()
}

#[test]
fn the_template_reads_back_with_its_sheets_and_headers() {
    let rows = vec![vec!["Escale".to_string(), "732829320".into()]];
    let bytes = template::write(&Lookups::default(), &[(&ENTITES, rows)]).unwrap();
    let book = read(&bytes).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Entités", "Dispositifs", "Financement", "Annexes et guide"]);
    for spec in SHEETS {
        let expected: Vec<Cell> = spec.columns.iter().map(|c| Cell::Text(c.header.into())).collect();
        assert_eq!(headers(book.sheet(spec.name).unwrap()), expected);
    }
    assert_eq!(book.sheets[0].rows[1][..2], [Cell::Text("Escale".into()), Cell::Text("732829320".into())]);
}

#[test]
fn an_ods_file_reads_like_an_xlsx() {
    let rows = vec![vec!["Nom".to_string(), "".into(), "x".into()], vec!["Escale".into()]];
    let book = read(&fixtures::ods(&[("Entités", rows)]).unwrap()).unwrap();
    assert_eq!(book.sheets[0].rows[0], [Cell::Text("Nom".into()), Cell::Empty, Cell::Text("x".into())]);
    assert_eq!(book.sheets[0].rows[1], [Cell::Text("Escale".into())]);
}

#[test]
fn hostile_files_get_a_clear_error() {
    assert!(message(b"Nom;SIREN\nEscale;732829320\n").contains("CSV"));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0; 512]);
    assert!(message(&ole).contains("mot de passe"));
    assert!(message(b"PK\x03\x04 truncated").contains("illisible"));
    assert!(message(&[]).contains("CSV"));

    // A zip bomb: a small file that inflates past the limit.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..(MAX_INFLATED / (1024 * 1024) + 1) {
        zip.write_all(&zeros).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    assert!(message(&bomb).contains("décompressé"));
}

#[test]
fn formulas_merged_cells_and_too_many_rows_are_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Nom").unwrap();
    sheet.write_formula(1, 1, "=1+1").unwrap();
    assert!(message(&book.save_to_buffer().unwrap()).contains("Formules en B2"));

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.merge_range(1, 0, 1, 2, "Escale", &rust_xlsxwriter::Format::new()).unwrap();
    assert!(message(&book.save_to_buffer().unwrap()).contains("fusionnées (Sheet1 A2:C2)"));

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for r in 0..100_000u32 {
        sheet.write_string(r, 0, "x").unwrap();
    }
    assert!(message(&book.save_to_buffer().unwrap()).contains("Plus de 10000 lignes"));

    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 100, "loin").unwrap();
    assert!(message(&book.save_to_buffer().unwrap()).contains("colonne CW"));
}
