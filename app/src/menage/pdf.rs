//! "Télécharger la fiche": the fiche as a PDF, generated on the server with krilla and the DejaVu Sans
//! font (npm package `dejavu-fonts-ttf`, embedded at build time and subset in each file). The caller
//! passes only the blocks the user may export; every page says it is confidential, by whom and when it
//! was downloaded.

use chrono::{DateTime, Utc};
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::model::Fiche;
use super::sensible::Sensible;
use super::situation_server::SituationsView;
use crate::history::Tracked;
use crate::ui::format::date_time;

static REGULAR: &[u8] = include_bytes!("../../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

/// What goes into the file: the fiche, and the blocks the user may export (none when refused).
pub struct FicheDocument<'a> {
    pub fiche: &'a Fiche,
    pub situations: Option<&'a SituationsView>,
    pub sensibles: Option<&'a [Sensible]>,
    /// "Prénom Nom (profil)" of the user downloading it.
    pub by: String,
    pub at: DateTime<Utc>,
}

const WIDTH: f32 = 595.0; // A4, points
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
/// Characters per line at 10 pt (DejaVu Sans averages about 5.5 pt a character at 10 pt).
const LINE_CHARS: usize = 88;

/// One run of text placed on a page.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    text: String,
}

/// The text laid out page by page before it is drawn (the fiche's, or another document's: the EA).
pub struct Layout {
    pages: Vec<Vec<Run>>,
    y: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}

impl Layout {
    pub fn new() -> Layout {
        Layout { pages: vec![vec![]], y: MARGIN + 40.0 }
    }

    fn room(&mut self, height: f32) {
        if self.y + height > HEIGHT - MARGIN - 20.0 {
            self.pages.push(vec![]);
            self.y = MARGIN + 40.0;
        }
    }

    fn run(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let y = self.y;
        self.pages.last_mut().expect("a page").push(Run { x, y, size, bold, text: text.to_string() });
    }

    pub fn title(&mut self, text: &str) {
        self.room(40.0);
        self.y += 24.0;
        self.run(MARGIN, 16.0, true, text);
        self.y += 8.0;
    }

    pub fn heading(&mut self, text: &str) {
        self.room(36.0);
        self.y += 20.0;
        self.run(MARGIN, 12.0, true, text);
        self.y += 4.0;
    }

    /// A paragraph, wrapped.
    pub fn text(&mut self, text: &str) {
        for line in wrap(text, LINE_CHARS) {
            self.room(14.0);
            self.y += 14.0;
            self.run(MARGIN, 10.0, false, &line);
        }
    }

    /// "Label : value" (the value wrapped under the label's column when long).
    pub fn field(&mut self, label: &str, value: &str) {
        let lines = wrap(value, LINE_CHARS - 36);
        for (i, line) in lines.iter().enumerate() {
            self.room(14.0);
            self.y += 14.0;
            if i == 0 {
                self.run(MARGIN, 10.0, true, label);
            }
            self.run(MARGIN + 200.0, 10.0, false, line);
        }
    }

    /// Every field of a tracked object that has a value.
    fn fields(&mut self, object: &impl Tracked) {
        for (_, label, value) in object.tracked() {
            if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
                self.field(label, &v);
            }
        }
    }
}

/// Words into lines of at most `width` characters (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![];
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut word = word.to_string();
            while word.chars().count() > width {
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                lines.push(head);
            }
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn lay_out(doc: &FicheDocument) -> Layout {
    let f = doc.fiche;
    let mut l = Layout::new();
    l.title(&format!("MÉNAGE {}", f.numero));
    l.field("Composition", &f.composition().summary());
    l.field("Clé ménage", &f.cle);
    l.field("Territoire", &format!("{} - {}", f.departement_code, f.departement_nom));
    let updated = date_time(f.updated_at);
    l.field("Dernière mise à jour", &format!("le {updated} par {}", f.updated_by.clone().unwrap_or_default()));
    l.field("Évaluation flash", &format!("{} % renseignée", f.flash().score()));

    l.heading("Situation du ménage");
    l.fields(f);

    l.heading("Personnes");
    for p in &f.personnes {
        l.room(40.0);
        l.y += 8.0;
        l.text("");
        l.run(MARGIN, 11.0, true, &format!("{} — {}", p.full_name(), p.role.label()));
        l.field("Clé personne", &p.cle);
        l.fields(p);
        if let Some(s) = doc.situations.and_then(|v| v.situations.iter().find(|s| s.personne_id == p.id)) {
            l.fields(s);
        }
    }

    if let Some(view) = doc.situations {
        let t = view.budget.totals(doc.at.date_naive());
        l.heading("Budget du ménage");
        l.field("Ressources par mois", &t.ressources.display());
        l.field("Charges par mois", &t.charges.display());
        l.field("Reste à vivre par mois", &t.reste_a_vivre.display());
        let per_day = t.par_personne_et_par_jour.map(|e| e.display()).unwrap_or_default();
        l.field("Par personne et par jour", &per_day);
        l.field("Dettes (montant dû)", &t.dettes.display());
        for line in &view.budget.lines {
            let end = line.fin.map(|d| format!(", jusqu'au {}", d.format("%d/%m/%Y"))).unwrap_or_default();
            l.field(&line.personne, &format!("{}{end}", line.describe()));
        }
    }

    if let Some(blocks) = doc.sensibles {
        l.heading("Situation médico-sociale et judiciaire (confidentiel)");
        for b in blocks {
            l.room(30.0);
            l.y += 6.0;
            l.text("");
            l.run(MARGIN, 11.0, true, &b.nom);
            l.fields(b);
        }
    }
    l
}

/// The PDF bytes of the fiche.
pub fn render(doc: &FicheDocument) -> Result<Vec<u8>, String> {
    let title = format!("Fiche ménage {}", doc.fiche.numero);
    render_layout(lay_out(doc), &title, &doc.fiche.cle, &doc.by, doc.at)
}

/// The PDF bytes of a laid-out document: `title` in its metadata, `key` in every footer, and on every page
/// the confidentiality banner with who downloaded it (`by`) and when.
pub fn render_layout(layout: Layout, title: &str, key: &str, by: &str, at: DateTime<Utc>) -> Result<Vec<u8>, String> {
    let regular = Font::new(REGULAR.to_vec().into(), 0).ok_or("police illisible")?;
    let bold = Font::new(BOLD.to_vec().into(), 0).ok_or("police illisible")?;
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(title.to_string()).language("fr-FR".into()).creator("SI SIAO".into()));
    let banner = format!("CONFIDENTIEL — Téléchargée le {} par {by}", date_time(at));
    let count = layout.pages.len();
    for (n, runs) in layout.pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("page")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut draw = |x: f32, y: f32, size: f32, bold_run: bool, text: &str| {
            let font = if bold_run { bold.clone() } else { regular.clone() };
            surface.draw_text(Point::from_xy(x, y), font, size, text, false, TextDirection::Auto);
        };
        draw(MARGIN, MARGIN, 8.0, true, &banner);
        draw(
            MARGIN,
            MARGIN + 12.0,
            8.0,
            false,
            "Données personnelles : ne pas diffuser au-delà de l'accompagnement du ménage.",
        );
        for r in runs {
            draw(r.x, r.y, r.size, r.bold, &r.text);
        }
        draw(MARGIN, HEIGHT - MARGIN + 10.0, 8.0, false, &format!("SI SIAO — {key} — page {} / {count}", n + 1));
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn text_wraps_on_words_and_cuts_only_words_too_long() {
        assert_eq!(wrap("un deux trois quatre", 9), ["un deux", "trois", "quatre"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }
}
