//! A groupe de places and its places, as typed, as checked, as shown.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::code_enum;
use crate::error::FieldError;
use crate::fields::{checked, code_postal, date, optional, text};
use crate::history::Tracked;

/// Most places one groupe holds (a bigger structure is several groupes).
pub const MAX_PLACES: i32 = 500;

code_enum! {
    /// The orientation channel of a groupe de places: set on the groupe, not inherited from the
    /// dispositif's nature.
    pub enum Canal {
        Urgence115 = "urgence_115" => "115 (hébergement d'urgence)",
        Insertion = "insertion" => "Insertion",
        Mixte = "mixte" => "Mixte (115 et insertion)",
    }
}

code_enum! {
    /// Where a place stands. Occupation is set by arrivals and departures (demandes), never typed in;
    /// freeing an immobilised place (désimmobilisation) makes it libre again.
    pub enum PlaceStatut {
        Libre = "libre" => "Libre",
        Occupee = "occupee" => "Occupée",
        Immobilisee = "immobilisee" => "Immobilisée",
    }
}

/// Every field as sent by the form (a checkbox left unchecked is absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupeForm {
    #[serde(default)]
    pub dispositif_id: String,
    #[serde(default)]
    pub nom: String,
    #[serde(default)]
    pub canal: String,
    #[serde(default)]
    pub nombre_places: String,
    #[serde(default)]
    pub publics: Vec<String>,
    #[serde(default)]
    pub adresse: String,
    #[serde(default)]
    pub code_postal: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub accessible_pmr: String,
    #[serde(default)]
    pub equipements: String,
    #[serde(default)]
    pub ephemere: String,
    #[serde(default)]
    pub date_debut: String,
    #[serde(default)]
    pub date_fin: String,
}

/// The period of an éphémère groupe (winter plan): both dates, the end not before the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Periode {
    pub debut: NaiveDate,
    pub fin: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupeInput {
    pub dispositif_id: Uuid,
    pub nom: String,
    pub canal: Canal,
    pub nombre_places: i32,
    pub publics: Vec<String>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub accessible_pmr: bool,
    pub equipements: Option<String>,
    /// Some: an éphémère groupe.
    pub periode: Option<Periode>,
}

impl TryFrom<GroupeForm> for GroupeInput {
    type Error = Vec<FieldError>;

    fn try_from(f: GroupeForm) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        let dispositif_id = Uuid::parse_str(f.dispositif_id.trim())
            .map_err(|_| errors.push(FieldError::new("dispositif_id", "Choisissez le dispositif.")))
            .ok();
        let nom = text(&mut errors, "nom", &f.nom, 200);
        if nom.is_none() && !errors.iter().any(|e| e.field == "nom") {
            errors.push(FieldError::new("nom", "Le nom du groupe de places est obligatoire."));
        }
        let canal = Canal::from_code(f.canal.trim());
        if canal.is_none() {
            errors.push(FieldError::new("canal", "Choisissez le canal d'orientation : 115, insertion ou mixte."));
        }
        let nombre_places = f.nombre_places.trim().parse::<i32>().ok().filter(|n| (1..=MAX_PLACES).contains(n));
        if nombre_places.is_none() {
            errors.push(FieldError::new("nombre_places", format!("Un nombre de places entre 1 et {MAX_PLACES}.")));
        }
        let adresse = text(&mut errors, "adresse", &f.adresse, 300);
        let code_postal = code_postal(&mut errors, &f.code_postal);
        let commune = text(&mut errors, "commune", &f.commune, 100);
        let equipements = text(&mut errors, "equipements", &f.equipements, 1000);
        let periode = if checked(&f.ephemere) { periode(&mut errors, &f.date_debut, &f.date_fin) } else { None };
        let mut publics: Vec<String> = f.publics.iter().filter_map(|p| optional(p)).collect();
        publics.sort();
        publics.dedup();
        match (dispositif_id, nom, canal, nombre_places) {
            (Some(dispositif_id), Some(nom), Some(canal), Some(nombre_places)) if errors.is_empty() => {
                Ok(GroupeInput {
                    dispositif_id,
                    nom,
                    canal,
                    nombre_places,
                    publics,
                    adresse,
                    code_postal,
                    commune,
                    accessible_pmr: checked(&f.accessible_pmr),
                    equipements,
                    periode,
                })
            }
            _ => Err(errors),
        }
    }
}

fn periode(errors: &mut Vec<FieldError>, debut: &str, fin: &str) -> Option<Periode> {
    let (d, f) = (date(debut), date(fin));
    if d.is_none() {
        errors.push(FieldError::new("date_debut", "Un groupe éphémère a une date de début (jj/mm/aaaa)."));
    }
    if f.is_none() {
        errors.push(FieldError::new("date_fin", "Un groupe éphémère a une date de fin (jj/mm/aaaa)."));
    }
    match (d, f) {
        (Some(debut), Some(fin)) if fin >= debut => Some(Periode { debut, fin }),
        (Some(_), Some(_)) => {
            errors.push(FieldError::new("date_fin", "La date de fin suit la date de début."));
            None
        }
        _ => None,
    }
}

/// What an immobilisation says: its motif (référentiel), from when, until when (if known).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImmobilisationForm {
    #[serde(default)]
    pub motif: String,
    #[serde(default)]
    pub du: String,
    #[serde(default)]
    pub au: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Immobilisation {
    pub motif: String,
    pub du: NaiveDate,
    pub au: Option<NaiveDate>,
}

impl TryFrom<ImmobilisationForm> for Immobilisation {
    type Error = Vec<FieldError>;

    fn try_from(f: ImmobilisationForm) -> Result<Self, Self::Error> {
        let mut errors = vec![];
        let motif = optional(&f.motif);
        if motif.is_none() {
            errors.push(FieldError::new("motif", "Choisissez le motif de l'immobilisation."));
        }
        let du = date(&f.du);
        if du.is_none() {
            errors.push(FieldError::new("du", "Indiquez la date de début (jj/mm/aaaa)."));
        }
        let au = optional(&f.au).map(|a| date(&a).ok_or(()));
        if matches!(au, Some(Err(()))) {
            errors.push(FieldError::new("au", "Date de fin invalide (jj/mm/aaaa)."));
        }
        let au = au.and_then(Result::ok);
        if let (Some(du), Some(au)) = (du, au) {
            if au < du {
                errors.push(FieldError::new("au", "La date de fin suit la date de début."));
            }
        }
        match (motif, du) {
            (Some(motif), Some(du)) if errors.is_empty() => Ok(Immobilisation { motif, du, au }),
            _ => Err(errors),
        }
    }
}

/// A place as the groupe's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceItem {
    pub id: Uuid,
    pub numero: i32,
    pub version: i32,
    pub statut: PlaceStatut,
    pub motif_label: Option<String>,
    /// Dates as shown (jj/mm/aaaa): the islands need no date code.
    pub du: Option<String>,
    pub au: Option<String>,
}

impl Tracked for PlaceItem {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        vec![
            ("statut", "Statut de la place", Some(self.statut.label().to_string())),
            ("motif", "Motif d'immobilisation", self.motif_label.clone()),
            ("du", "Immobilisée du", self.du.clone()),
            ("au", "Immobilisée jusqu'au", self.au.clone()),
        ]
    }
}

/// How many places of a groupe stand in each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compte {
    pub libres: i64,
    pub occupees: i64,
    pub immobilisees: i64,
}

impl Compte {
    pub fn of(places: &[PlaceItem]) -> Compte {
        let n = |s: PlaceStatut| places.iter().filter(|p| p.statut == s).count() as i64;
        Compte {
            libres: n(PlaceStatut::Libre),
            occupees: n(PlaceStatut::Occupee),
            immobilisees: n(PlaceStatut::Immobilisee),
        }
    }

    pub fn total(&self) -> i64 {
        self.libres + self.occupees + self.immobilisees
    }
}

/// A groupe de places as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupeDetail {
    pub id: Uuid,
    pub version: i32,
    pub actif: bool,
    pub form: GroupeForm,
    pub dispositif_nom: String,
    pub entite_id: Uuid,
    pub entite_nom: String,
    pub departement_code: String,
    pub publics_labels: Vec<String>,
    pub places: Vec<PlaceItem>,
}

impl GroupeDetail {
    pub fn canal(&self) -> Option<Canal> {
        Canal::from_code(&self.form.canal)
    }

    pub fn ephemere(&self) -> bool {
        checked(&self.form.ephemere)
    }

    pub fn compte(&self) -> Compte {
        Compte::of(&self.places)
    }
}

impl Tracked for GroupeDetail {
    fn tracked(&self) -> Vec<(&'static str, &'static str, Option<String>)> {
        let f = &self.form;
        let yes_no = |b: bool| Some(if b { "oui" } else { "non" }.to_string());
        let day = |d: &str| date(d).map(|d| d.format("%d/%m/%Y").to_string());
        vec![
            ("nom", "Nom", optional(&f.nom)),
            ("canal", "Canal d'orientation", self.canal().map(|c| c.label().to_string())),
            ("nombre_places", "Nombre de places", Some(self.places.len().to_string())),
            ("publics", "Public accueilli", Some(self.publics_labels.join(", "))),
            ("adresse", "Adresse", optional(&f.adresse)),
            ("code_postal", "Code postal", optional(&f.code_postal)),
            ("commune", "Commune", optional(&f.commune)),
            ("accessible_pmr", "Accessible PMR", yes_no(checked(&f.accessible_pmr))),
            ("equipements", "Équipements", optional(&f.equipements)),
            ("ephemere", "Éphémère", yes_no(self.ephemere())),
            ("date_debut", "Début", day(&f.date_debut)),
            ("date_fin", "Fin", day(&f.date_fin)),
            ("actif", "Actif", yes_no(self.actif)),
        ]
    }
}

/// A line of a dispositif's groupes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupeListItem {
    pub id: Uuid,
    pub nom: String,
    pub canal: String,
    pub ephemere: bool,
    pub actif: bool,
    pub compte: Compte,
}

/// Choices of the groupe's forms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupeOptions {
    pub publics: Vec<(String, String)>,
    pub motifs: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> GroupeForm {
        GroupeForm {
            dispositif_id: Uuid::from_u128(1).to_string(),
            nom: "Plan hiver".into(),
            canal: "urgence_115".into(),
            nombre_places: "12".into(),
            ephemere: "oui".into(),
            date_debut: "2026-11-01".into(),
            date_fin: "31/03/2027".into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_ephemere_groupe_has_its_period() {
        let g = GroupeInput::try_from(good()).unwrap();
        assert_eq!(g.nombre_places, 12);
        assert_eq!(g.periode.unwrap().fin, NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
        let fields = |f: GroupeForm| -> Vec<String> {
            GroupeInput::try_from(f).unwrap_err().into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(GroupeForm { date_fin: "2026-10-01".into(), ..good() }), ["date_fin"]);
        assert_eq!(fields(GroupeForm { date_debut: String::new(), ..good() }), ["date_debut"]);
        let permanent = GroupeInput::try_from(GroupeForm { ephemere: String::new(), ..good() }).unwrap();
        assert_eq!(permanent.periode, None, "the dates of a permanent groupe are not kept");
    }

    #[test]
    fn every_missing_field_is_named() {
        let fields: Vec<String> = GroupeInput::try_from(GroupeForm { nombre_places: "0".into(), ..Default::default() })
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["dispositif_id", "nom", "canal", "nombre_places"]);
        let too_many = GroupeForm { nombre_places: "501".into(), ..good() };
        assert!(GroupeInput::try_from(too_many).is_err());
    }

    #[test]
    fn an_immobilisation_has_a_motif_and_a_start() {
        let f =
            |motif: &str, du: &str, au: &str| ImmobilisationForm { motif: motif.into(), du: du.into(), au: au.into() };
        let ok = Immobilisation::try_from(f("travaux", "2026-11-23", "")).unwrap();
        assert_eq!(ok.au, None);
        let fields = |form: ImmobilisationForm| -> Vec<String> {
            Immobilisation::try_from(form).unwrap_err().into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(f("", "", "x")), ["motif", "du", "au"]);
        assert_eq!(fields(f("travaux", "2026-11-23", "2026-11-01")), ["au"]);
    }

    #[test]
    fn places_are_counted_by_status() {
        let place = |statut| PlaceItem {
            id: Uuid::nil(),
            numero: 1,
            version: 1,
            statut,
            motif_label: None,
            du: None,
            au: None,
        };
        let places = [place(PlaceStatut::Libre), place(PlaceStatut::Occupee), place(PlaceStatut::Occupee)];
        let c = Compte::of(&places);
        assert_eq!((c.libres, c.occupees, c.immobilisees, c.total()), (1, 2, 0, 3));
    }
}
