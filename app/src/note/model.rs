//! Notes of a ménage (note, note sociale, entretien, alerte): the form parsed into a note, and the note's
//! life as a state machine: brouillon → publiée (never edited again; an amendment is a new note that
//! completes it); an alerte, once published, is open until someone closes it.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldError;
use crate::fields::{checked, date, optional};

/// The kind of a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Nature {
    Note,
    NoteSociale,
    Entretien,
    Alerte,
}

impl Nature {
    pub const ALL: [Nature; 4] = [Nature::Note, Nature::NoteSociale, Nature::Entretien, Nature::Alerte];

    pub fn code(self) -> &'static str {
        match self {
            Nature::Note => "note",
            Nature::NoteSociale => "note_sociale",
            Nature::Entretien => "entretien",
            Nature::Alerte => "alerte",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Nature::Note => "Note",
            Nature::NoteSociale => "Note sociale",
            Nature::Entretien => "Entretien",
            Nature::Alerte => "Alerte",
        }
    }

    pub fn from_code(code: &str) -> Option<Nature> {
        Nature::ALL.into_iter().find(|n| n.code() == code)
    }

    pub fn options() -> Vec<(String, String)> {
        Nature::ALL.iter().map(|n| (n.code().to_string(), n.label().to_string())).collect()
    }
}

/// Where a note is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Statut {
    Brouillon,
    Publiee,
}

impl Statut {
    pub fn code(self) -> &'static str {
        match self {
            Statut::Brouillon => "brouillon",
            Statut::Publiee => "publiee",
        }
    }

    pub fn from_code(code: &str) -> Option<Statut> {
        [Statut::Brouillon, Statut::Publiee].into_iter().find(|s| s.code() == code)
    }
}

/// What can be done to a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Change its content (a draft only).
    Modifier,
    Publier,
    /// Delete it (a draft only).
    Supprimer,
    /// Write a new note that completes it (a published note only).
    Completer,
    /// Close it (an open, published alerte only).
    Clore,
}

/// The facts of a note that decide its transitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    pub nature: Nature,
    pub statut: Statut,
    pub closed: bool,
}

impl State {
    /// Whether `event` is legal now; the reason in French otherwise.
    pub fn allows(self, event: Event) -> Result<(), &'static str> {
        use Statut::*;
        match (event, self.statut) {
            (Event::Modifier, Brouillon) | (Event::Publier, Brouillon) | (Event::Supprimer, Brouillon) => Ok(()),
            (Event::Modifier, Publiee) => {
                Err("Une note publiée n'est jamais modifiée : complétez-la par une nouvelle note.")
            }
            (Event::Publier, Publiee) => Err("Cette note est déjà publiée."),
            (Event::Supprimer, Publiee) => Err("Une note publiée n'est jamais supprimée."),
            (Event::Completer, Publiee) => Ok(()),
            (Event::Completer, Brouillon) => Err("Seule une note publiée peut être complétée : modifiez le brouillon."),
            (Event::Clore, _) if self.nature != Nature::Alerte => Err("Seule une alerte se clôt."),
            (Event::Clore, Brouillon) => Err("Une alerte en brouillon n'est pas encore ouverte."),
            (Event::Clore, Publiee) if self.closed => Err("Cette alerte est déjà close."),
            (Event::Clore, Publiee) => Ok(()),
        }
    }
}

/// A note as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    pub nature: String,
    #[serde(default)]
    pub titre: String,
    #[serde(default)]
    pub corps: String,
    #[serde(default)]
    pub date_entretien: String,
    /// The persons concerned, by id (`form[personnes][0]`, …): none for the whole ménage.
    #[serde(default)]
    pub personnes: Vec<String>,
    #[serde(default)]
    pub confidentielle: String,
    /// `oui` to publish at once; a draft otherwise.
    #[serde(default)]
    pub publier: String,
}

/// A note checked: what is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteInput {
    pub nature: Nature,
    pub titre: String,
    pub corps: String,
    pub date_entretien: Option<NaiveDate>,
    pub personnes: Vec<Uuid>,
    pub confidentielle: bool,
    pub publier: bool,
}

pub const TITRE_MAX: usize = 200;
pub const CORPS_MAX: usize = 20_000;

/// The body as stored: plain text, lines ended by `\n`, no trailing spaces, at most one blank line between
/// paragraphs, no control characters.
pub fn normalize_corps(corps: &str) -> String {
    let cleaned: String =
        corps.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|c| *c == '\n' || !c.is_control()).collect();
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    let mut out: Vec<&str> = vec![];
    for line in lines {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// The paragraphs of a body (separated by blank lines), each a list of lines.
pub fn paragraphs(corps: &str) -> Vec<Vec<String>> {
    corps.split("\n\n").map(|p| p.lines().map(String::from).collect()).filter(|p: &Vec<String>| !p.is_empty()).collect()
}

impl NoteForm {
    /// The note checked against `today`; the persons are checked against the ménage by the caller.
    pub fn parse(&self, today: NaiveDate) -> Result<NoteInput, Vec<FieldError>> {
        let mut errors = vec![];
        let nature = Nature::from_code(self.nature.trim());
        if nature.is_none() {
            errors.push(FieldError::new("nature", "Choisissez le type de note."));
        }
        let titre = self.titre.split_whitespace().collect::<Vec<_>>().join(" ");
        if titre.is_empty() {
            errors.push(FieldError::new("titre", "Donnez un titre à la note."));
        } else if titre.chars().count() > TITRE_MAX {
            errors.push(FieldError::new("titre", format!("{TITRE_MAX} caractères au plus.")));
        } else if titre.chars().any(char::is_control) {
            errors.push(FieldError::new("titre", "Le titre ne peut pas contenir de caractère de contrôle."));
        }
        let corps = normalize_corps(&self.corps);
        if corps.is_empty() {
            errors.push(FieldError::new("corps", "Écrivez le contenu de la note."));
        } else if corps.chars().count() > CORPS_MAX {
            errors.push(FieldError::new("corps", format!("{CORPS_MAX} caractères au plus.")));
        }
        let date_entretien = match (nature, optional(&self.date_entretien)) {
            (Some(Nature::Entretien), None) => {
                errors.push(FieldError::new("date_entretien", "Indiquez la date de l'entretien."));
                None
            }
            (Some(Nature::Entretien), Some(d)) => match date(&d) {
                Some(d) if d > today => {
                    errors.push(FieldError::new("date_entretien", "L'entretien ne peut pas être dans le futur."));
                    None
                }
                Some(d) if d.year() < 2000 => {
                    errors.push(FieldError::new("date_entretien", "Date invalide."));
                    None
                }
                Some(d) => Some(d),
                None => {
                    errors.push(FieldError::new("date_entretien", "Date invalide (jj/mm/aaaa)."));
                    None
                }
            },
            _ => None,
        };
        let mut personnes = vec![];
        for p in self.personnes.iter().filter(|p| !p.trim().is_empty()) {
            match Uuid::parse_str(p.trim()) {
                Ok(id) if !personnes.contains(&id) => personnes.push(id),
                Ok(_) => {}
                Err(_) => errors.push(FieldError::new("personnes", "Choisissez des personnes du ménage.")),
            }
        }
        match (nature, errors.is_empty()) {
            (Some(nature), true) => Ok(NoteInput {
                nature,
                titre,
                corps,
                date_entretien,
                personnes,
                confidentielle: checked(&self.confidentielle),
                publier: checked(&self.publier),
            }),
            _ => Err(errors),
        }
    }
}

/// Who closed an alerte, when, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cloture {
    pub par: String,
    pub le: DateTime<Utc>,
    pub motif: String,
}

/// A note as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: Uuid,
    pub nature: Nature,
    pub statut: Statut,
    pub titre: String,
    pub corps: String,
    pub date_entretien: Option<NaiveDate>,
    /// The persons concerned, named; empty for the whole ménage.
    pub personnes: Vec<(Uuid, String)>,
    pub confidentielle: bool,
    pub version: i32,
    pub auteur: String,
    /// Written by the viewer.
    pub mine: bool,
    pub created_at: DateTime<Utc>,
    pub publiee_at: Option<DateTime<Utc>>,
    pub complete_note_id: Option<Uuid>,
    pub cloture: Option<Cloture>,
}

impl NoteView {
    pub fn state(&self) -> State {
        State { nature: self.nature, statut: self.statut, closed: self.cloture.is_some() }
    }

    /// An alerte published and not closed: shown in the fiche header.
    pub fn is_open_alerte(&self) -> bool {
        self.state().allows(Event::Clore).is_ok()
    }

    /// The date the note stands at: publication, or creation for a draft.
    pub fn date(&self) -> DateTime<Utc> {
        self.publiee_at.unwrap_or(self.created_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn form(nature: &str) -> NoteForm {
        NoteForm {
            nature: nature.into(),
            titre: " Premier   entretien ".into(),
            corps: "Texte".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_title_with_a_control_character_is_refused() {
        let bad = NoteForm { titre: "Entretien\u{0}".into(), ..form("note_sociale") };
        let fields: Vec<String> = bad.parse(today()).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["titre"]);
    }

    #[test]
    fn every_transition_is_decided() {
        use Event::*;
        let events = [Modifier, Publier, Supprimer, Completer, Clore];
        let expect = |nature, statut, closed| -> Vec<bool> {
            events.iter().map(|e| State { nature, statut, closed }.allows(*e).is_ok()).collect()
        };
        // A draft: edited, published, deleted; neither completed nor closed.
        for nature in Nature::ALL {
            assert_eq!(expect(nature, Statut::Brouillon, false), [true, true, true, false, false], "{nature:?}");
        }
        // Published: only completed (and an alerte closed, once).
        assert_eq!(expect(Nature::NoteSociale, Statut::Publiee, false), [false, false, false, true, false]);
        assert_eq!(expect(Nature::Alerte, Statut::Publiee, false), [false, false, false, true, true]);
        assert_eq!(expect(Nature::Alerte, Statut::Publiee, true), [false, false, false, true, false]);
        let refused = State { nature: Nature::Note, statut: Statut::Publiee, closed: false }.allows(Modifier);
        assert!(refused.unwrap_err().contains("complétez-la"));
    }

    #[test]
    fn a_form_becomes_a_note() {
        let note = NoteForm {
            personnes: vec!["".into(), Uuid::nil().to_string(), Uuid::nil().to_string()],
            confidentielle: "on".into(),
            publier: "oui".into(),
            ..form("note_sociale")
        }
        .parse(today())
        .unwrap();
        assert_eq!(note.nature, Nature::NoteSociale);
        assert_eq!(note.titre, "Premier entretien");
        assert_eq!(note.personnes, [Uuid::nil()]);
        assert!(note.confidentielle && note.publier);
        assert_eq!(note.date_entretien, None);
    }

    #[test]
    fn bad_forms_are_refused_field_by_field() {
        let fields =
            |f: NoteForm| -> Vec<String> { f.parse(today()).unwrap_err().into_iter().map(|e| e.field).collect() };
        assert_eq!(fields(NoteForm::default()), ["nature", "titre", "corps"]);
        assert_eq!(fields(form("entretien")), ["date_entretien"]);
        assert_eq!(fields(NoteForm { date_entretien: "2026-12-05".into(), ..form("entretien") }), ["date_entretien"]);
        assert_eq!(fields(NoteForm { date_entretien: "31/02/2026".into(), ..form("entretien") }), ["date_entretien"]);
        assert_eq!(fields(NoteForm { titre: "x".repeat(201), ..form("note") }), ["titre"]);
        assert_eq!(fields(NoteForm { corps: "\n \r\n".into(), ..form("note") }), ["corps"]);
        assert_eq!(fields(NoteForm { personnes: vec!["1; DROP".into()], ..form("note") }), ["personnes"]);
        assert_eq!(fields(NoteForm { nature: "rapport".into(), ..form("note") }), ["nature"]);
        let ok = NoteForm { date_entretien: "2026-12-01".into(), ..form("entretien") }.parse(today()).unwrap();
        assert_eq!(ok.date_entretien, NaiveDate::from_ymd_opt(2026, 12, 1));
        // A date outside an entretien is dropped, not stored.
        let note = NoteForm { date_entretien: "2026-12-01".into(), ..form("alerte") }.parse(today()).unwrap();
        assert_eq!(note.date_entretien, None);
    }

    #[test]
    fn bodies_are_plain_text_in_paragraphs() {
        let corps = normalize_corps("\r\n\r\nLigne 1  \r\nLigne 2\r\n\r\n\r\n\u{7}Second <b>paragraphe</b>\n\n");
        assert_eq!(corps, "Ligne 1\nLigne 2\n\nSecond <b>paragraphe</b>");
        assert_eq!(paragraphs(&corps), vec![vec!["Ligne 1", "Ligne 2"], vec!["Second <b>paragraphe</b>"]]);
    }
}
