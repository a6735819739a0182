//! A spreadsheet file as rows of cells, read defensively: the format is recognised from the bytes (not
//! the name), a zip bomb is stopped while it inflates, and formulas, merged cells and oversized sheets
//! are refused before any rule looks at the data. Never panics on a hostile file.

use std::io::{Cursor, Read};

use calamine::{Data, Ods, Range, Reader, Xlsx};

use super::model::{column_letter, Issue, MAX_ROWS};

/// Most bytes the file may inflate to (all its parts together).
pub const MAX_INFLATED: u64 = 60 * 1024 * 1024;
/// Most parts in the zip container.
const MAX_PARTS: usize = 2_000;
/// Most formulas (or merged ranges) named in a report.
const MAX_NAMED: usize = 10;

/// A cell as the rules see it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or a duration: no column of the file takes one.
    Date,
    /// An error value (`#REF!`...).
    Error,
}

/// A sheet: `rows[0]` is the spreadsheet's row 1 (the headers).
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// The sheets of a file, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Grid>,
}

impl Workbook {
    pub fn sheet(&self, name: &str) -> Option<&Grid> {
        self.sheets.iter().find(|g| g.name.trim() == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
}

fn file_issue(message: impl Into<String>) -> Vec<Issue> {
    vec![Issue { sheet: String::new(), row: None, column: None, message: message.into() }]
}

/// Reads `bytes` as an xlsx or ods workbook.
pub fn read(bytes: &[u8]) -> Result<Workbook, Vec<Issue>> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        return Err(file_issue(
            "Ce fichier est protégé par un mot de passe ou au format Excel 97-2003 (.xls) : enregistrez-le au \
             format xlsx, sans mot de passe.",
        ));
    }
    if !bytes.starts_with(ZIP) {
        return Err(file_issue(
            "Ce fichier n'est pas un classeur xlsx ou ods (un fichier CSV ou texte renommé n'est pas accepté) : \
             partez du modèle à télécharger.",
        ));
    }
    let (format, merged) = inspect_container(bytes)?;
    let sheets = match format {
        Format::Xlsx => {
            let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
            let mut merged = vec![];
            for sheet in book.sheet_names() {
                let regions = book.merge_cells_by_sheet_name(&sheet).map_err(|_| unreadable())?;
                merged.extend(regions.iter().map(|d| format!("{sheet} {}", range_name(d.start, d.end))));
            }
            merged.truncate(MAX_NAMED);
            if !merged.is_empty() {
                return Err(file_issue(format!(
                    "Le fichier contient des cellules fusionnées ({}) : défusionnez-les, une valeur par cellule.",
                    merged.join(", ")
                )));
            }
            xlsx_grids(&mut book)?
        }
        Format::Ods => {
            if merged {
                return Err(file_issue(
                    "Le fichier contient des cellules fusionnées : défusionnez-les, une valeur par cellule.",
                ));
            }
            let mut book = Ods::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
            ods_grids(&mut book)?
        }
    };
    Ok(Workbook { sheets })
}

fn unreadable() -> Vec<Issue> {
    file_issue("Le classeur est illisible (fichier abîmé ou incomplet) : enregistrez-le de nouveau depuis le tableur.")
}

fn range_name(start: (u32, u32), end: (u32, u32)) -> String {
    let cell = |(r, c): (u32, u32)| format!("{}{}", column_letter(c as usize), r + 1);
    format!("{}:{}", cell(start), cell(end))
}

/// The format of the zip container, and whether an ods has merged cells. Inflates every part once,
/// stopping at `MAX_INFLATED` bytes in all (a zip bomb ends here).
fn inspect_container(bytes: &[u8]) -> Result<(Format, bool), Vec<Issue>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    if zip.len() > MAX_PARTS {
        return Err(unreadable());
    }
    let mut total = 0u64;
    let mut format = None;
    let mut merged = false;
    let mut buffer = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| unreadable())?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        if part.encrypted() {
            return Err(file_issue("Ce fichier est protégé par un mot de passe : enregistrez-le sans mot de passe."));
        }
        buffer.clear();
        let budget = MAX_INFLATED - total;
        let read = (&mut part).take(budget + 1).read_to_end(&mut buffer).map_err(|_| unreadable())? as u64;
        total += read;
        if total > MAX_INFLATED {
            return Err(file_issue(format!(
                "Le classeur décompressé dépasse {} Mo : ce n'est pas un fichier Temps 1 ordinaire.",
                MAX_INFLATED / (1024 * 1024)
            )));
        }
        match name.as_str() {
            "xl/workbook.xml" => format = Some(Format::Xlsx),
            "mimetype" if buffer.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") => {
                format = Some(Format::Ods)
            }
            "content.xml" => merged = spans(&buffer),
            _ => {}
        }
    }
    match format {
        Some(f) => Ok((f, merged)),
        None => Err(file_issue("Ce fichier compressé n'est pas un classeur xlsx ou ods : partez du modèle.")),
    }
}

/// Whether an ods content spans a cell over several columns or rows.
fn spans(content: &[u8]) -> bool {
    let text = String::from_utf8_lossy(content);
    ["table:number-columns-spanned=\"", "table:number-rows-spanned=\""]
        .iter()
        .any(|attr| text.match_indices(attr).any(|(i, _)| !text[i + attr.len()..].starts_with("1\"")))
}

/// Most columns read (the widest sheet of the template has 11).
const MAX_COLUMNS: usize = 64;

/// Puts `value` at (`r`, `c`), growing the grid as needed.
fn place(rows: &mut Vec<Vec<Cell>>, r: usize, c: usize, value: Cell) {
    if rows.len() <= r {
        rows.resize(r + 1, vec![]);
    }
    if rows[r].len() <= c {
        rows[r].resize(c + 1, Cell::Empty);
    }
    rows[r][c] = value;
}

fn cell_of(text: Option<String>, number: Option<f64>, other: Cell) -> Cell {
    match (text, number) {
        (Some(t), _) if t.trim().is_empty() => Cell::Empty,
        (Some(t), _) => Cell::Text(t),
        (None, Some(n)) => Cell::Number(n),
        (None, None) => other,
    }
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::String(s) => cell_of(Some(s.clone()), None, Cell::Empty),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Cell::Date,
        Data::Error(_) => Cell::Error,
        Data::Empty => Cell::Empty,
    }
}

fn from_ref(d: calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match d {
        DataRef::String(s) => cell_of(Some(s), None, Cell::Empty),
        DataRef::SharedString(s) => cell_of(Some(s.to_string()), None, Cell::Empty),
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => Cell::Date,
        DataRef::Error(_) => Cell::Error,
        DataRef::Empty => Cell::Empty,
    }
}

fn cell_name(r: usize, c: usize) -> String {
    format!("{}{}", column_letter(c), r + 1)
}

fn sheet_issue(sheet: &str, message: String) -> Issue {
    Issue { sheet: sheet.to_string(), row: None, column: None, message }
}

fn too_many_rows(sheet: &str) -> Issue {
    sheet_issue(sheet, format!("Plus de {MAX_ROWS} lignes : une feuille en compte {MAX_ROWS} au plus."))
}

fn formulas_issue(sheet: &str, cells: &[String]) -> Issue {
    sheet_issue(
        sheet,
        format!(
            "Formules en {} : remplacez-les par leurs valeurs (copier, puis collage spécial « valeurs »).",
            cells.join(", ")
        ),
    )
}

fn too_wide(sheet: &str, c: usize) -> Issue {
    sheet_issue(sheet, format!("Une valeur en colonne {}, hors du modèle : supprimez-la.", column_letter(c)))
}

/// The sheets of an xlsx, read cell by cell (a sheet is never expanded to its declared size).
fn xlsx_grids(book: &mut Xlsx<Cursor<&[u8]>>) -> Result<Vec<Grid>, Vec<Issue>> {
    let (mut out, mut issues) = (vec![], vec![]);
    for name in book.sheet_names() {
        let mut reader = book.worksheet_cells_reader(&name).map_err(|_| unreadable())?;
        let (mut rows, mut formulas, mut problem) = (vec![], vec![], None);
        while let Some(cell) = reader.next_cell_with_formula().map_err(|_| unreadable())? {
            let (r, c) = (cell.pos.0 as usize, cell.pos.1 as usize);
            if r > MAX_ROWS {
                problem = Some(too_many_rows(&name));
                break;
            }
            if cell.formula.is_some_and(|f| !f.is_empty()) {
                formulas.push(cell_name(r, c));
                if formulas.len() >= MAX_NAMED {
                    break;
                }
                continue;
            }
            let value = from_ref(cell.value);
            if value == Cell::Empty {
                continue;
            }
            if c >= MAX_COLUMNS {
                problem = Some(too_wide(&name, c));
                break;
            }
            place(&mut rows, r, c, value);
        }
        if !formulas.is_empty() {
            issues.push(formulas_issue(&name, &formulas));
        } else if let Some(p) = problem {
            issues.push(p);
        } else {
            out.push(Grid { name, rows });
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// The sheets of an ods (the reader caps the cells it expands).
fn ods_grids(book: &mut Ods<Cursor<&[u8]>>) -> Result<Vec<Grid>, Vec<Issue>> {
    let (mut out, mut issues) = (vec![], vec![]);
    for name in book.sheet_names() {
        let range: Range<Data> = book.worksheet_range(&name).map_err(|_| unreadable())?;
        let (start, end) = (range.start().unwrap_or((0, 0)), range.end().unwrap_or((0, 0)));
        if end.0 as usize > MAX_ROWS {
            issues.push(too_many_rows(&name));
            continue;
        }
        let formulas = book.worksheet_formula(&name).map_err(|_| unreadable())?;
        let (fs, fc) = formulas.start().unwrap_or((0, 0));
        let found: Vec<String> = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .take(MAX_NAMED)
            .map(|(r, c, _)| cell_name(fs as usize + r, fc as usize + c))
            .collect();
        if !found.is_empty() {
            issues.push(formulas_issue(&name, &found));
            continue;
        }
        let mut rows = vec![];
        let mut wide = None;
        for (r, c, d) in range.used_cells() {
            let (r, c) = (start.0 as usize + r, start.1 as usize + c);
            let value = from_data(d);
            if value == Cell::Empty {
                continue;
            }
            if c >= MAX_COLUMNS {
                wide = Some(c);
                break;
            }
            place(&mut rows, r, c, value);
        }
        match wide {
            Some(c) => issues.push(too_wide(&name, c)),
            None => out.push(Grid { name, rows }),
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}
