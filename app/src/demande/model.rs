//! Demandes and orientations as typed and as they live: the state machine of a demande (one table of legal
//! transitions, per nature), the orientation's, the forms parsed into domain values, and the compatibility of
//! a ménage with a groupe de places.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::codes::code_enum;
use crate::error::FieldError;
use crate::fields::{optional, text};

code_enum! {
    /// The two kinds of demande.
    pub enum Nature {
        Insertion = "insertion" => "Demande d'insertion",
        Urgence115 = "urgence_115" => "Demande d'hébergement d'urgence (115)",
    }
}

code_enum! {
    /// Where a demande is in its life (both natures; each uses a part).
    pub enum Statut {
        Brouillon = "brouillon" => "brouillon",
        Transmise = "transmise" => "transmise au SIAO",
        ACompleter = "a_completer" => "à compléter",
        AMettreAJour = "a_mettre_a_jour" => "à mettre à jour",
        EnAttente = "en_attente" => "en attente",
        EnCommission = "en_commission" => "présentée en commission",
        Orientee = "orientee" => "orientée",
        Acceptee = "acceptee" => "acceptée par le dispositif",
        Admise = "admise" => "prise en charge (arrivée)",
        Terminee = "terminee" => "terminée (sortie)",
        Annulee = "annulee" => "annulée",
    }
}

impl Statut {
    /// The demande no longer links the ménage to anyone.
    pub fn is_closed(self) -> bool {
        matches!(self, Statut::Terminee | Statut::Annulee)
    }

    /// DSFR badge class of the state.
    pub fn badge(self) -> &'static str {
        match self {
            Statut::Brouillon => "fr-badge--new",
            Statut::ACompleter | Statut::AMettreAJour => "fr-badge--warning",
            Statut::Transmise | Statut::EnAttente | Statut::EnCommission => "fr-badge--info",
            Statut::Orientee | Statut::Acceptee | Statut::Admise => "fr-badge--success",
            Statut::Terminee | Statut::Annulee => "",
        }
    }
}

code_enum! {
    /// What can happen to a demande; the history names each line by its event.
    pub enum Event {
        Creer = "creer" => "créer",
        Modifier = "modifier" => "modifier",
        Transmettre = "transmettre" => "transmettre au SIAO",
        RenvoyerACompleter = "renvoyer_a_completer" => "renvoyer à compléter",
        DemanderMiseAJour = "demander_mise_a_jour" => "demander la mise à jour de",
        Inscrire = "inscrire" => "inscrire sur la liste d'attente",
        MettreEnAttente = "mettre_en_attente" => "mettre en attente",
        PresenterCommission = "presenter_commission" => "présenter en commission",
        Orienter = "orienter" => "orienter",
        Accepter = "accepter" => "accepter l'orientation de",
        Refuser = "refuser" => "refuser l'orientation de",
        AnnulerOrientation = "annuler_orientation" => "annuler l'orientation de",
        Arrivee = "arrivee" => "enregistrer l'arrivée pour",
        Sortie = "sortie" => "enregistrer la sortie pour",
        Annuler = "annuler" => "annuler",
        Reactiver = "reactiver" => "réactiver",
        /// The commission's favourable opinion: the SIAO orients the demande next.
        AvisCommission = "avis_commission" => "enregistrer l'avis favorable de la commission pour",
        /// The commission adjourned it or kept it on the list.
        RetourListe = "retour_liste" => "remettre sur la liste d'attente",
        /// The ménage changes places within the structure that takes it in charge.
        Deplacer = "deplacer" => "changer de place pour",
        /// A dispositif took the ménage in directly (the demande is born admitted).
        AdmissionDirecte = "admission_directe" => "admettre directement",
    }
}

use Event as E;
use Nature::{Insertion as I, Urgence115 as U};
use Statut as S;

/// The legal transitions: (nature, from, event, to). Anything else is refused.
pub const TRANSITIONS: &[(Nature, Statut, Event, Statut)] = &[
    (I, S::Brouillon, E::Modifier, S::Brouillon),
    (I, S::ACompleter, E::Modifier, S::ACompleter),
    (I, S::AMettreAJour, E::Modifier, S::AMettreAJour),
    (I, S::Brouillon, E::Transmettre, S::Transmise),
    (I, S::ACompleter, E::Transmettre, S::Transmise),
    // An update keeps the demande's place on the list.
    (I, S::AMettreAJour, E::Transmettre, S::EnAttente),
    (I, S::Transmise, E::RenvoyerACompleter, S::ACompleter),
    (I, S::EnAttente, E::DemanderMiseAJour, S::AMettreAJour),
    (I, S::Transmise, E::Inscrire, S::EnAttente),
    (I, S::EnAttente, E::PresenterCommission, S::EnCommission),
    (I, S::EnAttente, E::Orienter, S::Orientee),
    (I, S::EnCommission, E::Orienter, S::Orientee),
    (I, S::Orientee, E::Accepter, S::Acceptee),
    (I, S::Orientee, E::Refuser, S::EnAttente),
    (I, S::Orientee, E::AnnulerOrientation, S::EnAttente),
    (I, S::Acceptee, E::AnnulerOrientation, S::EnAttente),
    (I, S::Acceptee, E::Arrivee, S::Admise),
    (I, S::Admise, E::Sortie, S::Terminee),
    (I, S::Brouillon, E::Annuler, S::Annulee),
    (I, S::Transmise, E::Annuler, S::Annulee),
    (I, S::ACompleter, E::Annuler, S::Annulee),
    (I, S::AMettreAJour, E::Annuler, S::Annulee),
    (I, S::EnAttente, E::Annuler, S::Annulee),
    (I, S::EnCommission, E::Annuler, S::Annulee),
    (I, S::Annulee, E::Reactiver, S::Transmise),
    (I, S::EnCommission, E::AvisCommission, S::EnCommission),
    (I, S::EnCommission, E::RetourListe, S::EnAttente),
    (I, S::Admise, E::Deplacer, S::Admise),
    // 115: the call is recorded on hold; then a place tonight (accepted at once), or closed with a motif.
    (U, S::EnAttente, E::MettreEnAttente, S::EnAttente),
    (U, S::EnAttente, E::Orienter, S::Orientee),
    (U, S::Orientee, E::AnnulerOrientation, S::EnAttente),
    (U, S::Orientee, E::Arrivee, S::Admise),
    (U, S::Admise, E::Sortie, S::Terminee),
    (U, S::EnAttente, E::Annuler, S::Annulee),
    (U, S::Annulee, E::Reactiver, S::EnAttente),
    (U, S::Admise, E::Deplacer, S::Admise),
];

/// The state a demande of `nature` reaches from `from` by `event`, or why not (in French).
pub fn next(nature: Nature, from: Statut, event: Event) -> Result<Statut, String> {
    TRANSITIONS
        .iter()
        .find(|(n, f, e, _)| *n == nature && *f == from && *e == event)
        .map(|t| t.3)
        .ok_or_else(|| format!("Impossible de {} une demande {}.", event.label(), from.label()))
}

code_enum! {
    /// Where an orientation is.
    pub enum OrientationStatut {
        Proposee = "proposee" => "proposée au dispositif",
        Acceptee = "acceptee" => "acceptée",
        Refusee = "refusee" => "refusée",
        Annulee = "annulee" => "annulée",
        Admise = "admise" => "arrivée (prise en charge)",
        Sortie = "sortie" => "sortie",
    }
}

impl OrientationStatut {
    /// It still holds its places.
    pub fn is_live(self) -> bool {
        matches!(self, OrientationStatut::Proposee | OrientationStatut::Acceptee | OrientationStatut::Admise)
    }
}

/// The orientation's state after the demande's `event`, or why not.
pub fn orientation_next(from: OrientationStatut, event: Event) -> Result<OrientationStatut, String> {
    use OrientationStatut as O;
    match (from, event) {
        (O::Proposee, E::Accepter) => Ok(O::Acceptee),
        (O::Proposee, E::Refuser) => Ok(O::Refusee),
        (O::Proposee | O::Acceptee, E::AnnulerOrientation) => Ok(O::Annulee),
        (O::Acceptee, E::Arrivee) => Ok(O::Admise),
        (O::Admise, E::Sortie) => Ok(O::Sortie),
        (O::Admise, E::Deplacer) => Ok(O::Admise),
        _ => Err(format!("Impossible de {} une orientation {}.", event.label().trim_end_matches(" de"), from.label())),
    }
}

/// The publics of the Offre (référentiel `public_accueilli`) that welcome a household of this SI SIAO
/// composition; a groupe that names none of them (or `tout_public`, or nothing) is not compatible.
pub fn publics_for(composition: Option<&str>) -> &'static [&'static str] {
    match composition {
        Some("10") => &["hommes_seuls"],
        Some("20") => &["femmes_seules", "femmes_victimes_de_violences"],
        Some("30") => &["couples_sans_enfant"],
        Some("40") => &["femmes_avec_enfant_s", "familles", "femmes_victimes_de_violences"],
        Some("50" | "60" | "100") => &["familles"],
        Some("80" | "90" | "120") => &["mineurs_non_accompagnes"],
        _ => &[],
    }
}

/// Whether a groupe welcoming `publics` takes a household of `composition`.
pub fn public_compatible(publics: &[String], composition: Option<&str>) -> bool {
    publics.is_empty()
        || publics.iter().any(|p| p == "tout_public")
        || publics.iter().any(|p| publics_for(composition).contains(&p.as_str()))
}

/// The natures of the Offre's nomenclature that a préconisation (TYPES_ETABLISSEMENT_UN code) points at.
pub fn natures_for(preconisation: &str) -> &'static [&'static str] {
    match preconisation {
        "100" | "200" | "300" | "400" | "500" | "600" | "700" | "2001" => &["hebergement"],
        "800" | "1100" | "2002" => &["logement_rs"],
        "900" => &["logement_iml"],
        "1000" => &["logement_rs", "logement_iml"],
        _ => &[],
    }
}

/// A demande d'insertion as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandeForm {
    /// The persons it is for, by id (`form[personnes][0]`, …).
    #[serde(default)]
    pub personnes: Vec<String>,
    #[serde(default)]
    pub situation_demande: String,
    #[serde(default)]
    pub motif_demande: String,
    /// TYPES_ETABLISSEMENT_UN codes (`form[preconisations][0]`, …).
    #[serde(default)]
    pub preconisations: Vec<String>,
    #[serde(default)]
    pub observations: String,
}

/// A demande d'insertion checked (référentiel codes are checked by the server against the database).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemandeInput {
    pub personnes: Vec<Uuid>,
    pub situation_demande: Option<String>,
    pub motif_demande: Option<String>,
    pub preconisations: Vec<String>,
    pub observations: Option<String>,
}

pub const OBSERVATIONS_MAX: usize = 4000;

/// The persons ticked: ids, at least one, each once.
fn personnes(errors: &mut Vec<FieldError>, ids: &[String]) -> Vec<Uuid> {
    let mut out: Vec<Uuid> = vec![];
    for id in ids.iter().filter(|s| !s.trim().is_empty()) {
        match Uuid::parse_str(id.trim()) {
            Ok(id) if !out.contains(&id) => out.push(id),
            Ok(_) => {}
            Err(_) => {
                errors.push(FieldError::new("personnes", "Choisissez des personnes du ménage."));
                return vec![];
            }
        }
    }
    if out.is_empty() {
        errors.push(FieldError::new("personnes", "Cochez au moins une personne concernée par la demande."));
    }
    if out.len() > 50 {
        errors.push(FieldError::new("personnes", "50 personnes au plus."));
    }
    out
}

impl DemandeForm {
    pub fn parse(&self) -> Result<DemandeInput, Vec<FieldError>> {
        let mut errors = vec![];
        let personnes = personnes(&mut errors, &self.personnes);
        let situation_demande = text(&mut errors, "situation_demande", &self.situation_demande, 100);
        let motif_demande = text(&mut errors, "motif_demande", &self.motif_demande, 100);
        let mut preconisations: Vec<String> = vec![];
        for p in self.preconisations.iter().filter_map(|p| optional(p)) {
            if p.len() > 100 {
                errors.push(FieldError::new("preconisations", "Code de préconisation inconnu."));
            } else if !preconisations.contains(&p) {
                preconisations.push(p);
            }
        }
        let observations = text(&mut errors, "observations", &self.observations, OBSERVATIONS_MAX);
        if errors.is_empty() {
            Ok(DemandeInput { personnes, situation_demande, motif_demande, preconisations, observations })
        } else {
            Err(errors)
        }
    }
}

impl DemandeInput {
    /// What the SIAO needs before it studies a demande; the fields missing, as errors of the form.
    pub fn missing(&self) -> Vec<FieldError> {
        let mut errors = vec![];
        if self.situation_demande.is_none() {
            errors.push(FieldError::new("situation_demande", "Indiquez la situation du ménage au regard du logement."));
        }
        if self.motif_demande.is_none() {
            errors.push(FieldError::new("motif_demande", "Indiquez le motif de la demande."));
        }
        if self.preconisations.is_empty() {
            errors.push(FieldError::new("preconisations", "Cochez au moins une préconisation."));
        }
        errors
    }
}

/// A call to the 115 as the listener types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppelForm {
    #[serde(default)]
    pub personnes: Vec<String>,
    #[serde(default)]
    pub motif_appel: String,
    #[serde(default)]
    pub vulnerabilites: String,
    #[serde(default)]
    pub observations: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppelInput {
    pub personnes: Vec<Uuid>,
    pub motif_appel: String,
    pub vulnerabilites: Option<String>,
    pub observations: Option<String>,
}

impl AppelForm {
    pub fn parse(&self) -> Result<AppelInput, Vec<FieldError>> {
        let mut errors = vec![];
        let personnes = personnes(&mut errors, &self.personnes);
        let motif = text(&mut errors, "motif_appel", &self.motif_appel, 100);
        if motif.is_none() && errors.iter().all(|e| e.field != "motif_appel") {
            errors.push(FieldError::new("motif_appel", "Choisissez le motif de l'appel."));
        }
        let vulnerabilites = text(&mut errors, "vulnerabilites", &self.vulnerabilites, 2000);
        let observations = text(&mut errors, "observations", &self.observations, OBSERVATIONS_MAX);
        match motif {
            Some(motif_appel) if errors.is_empty() => {
                Ok(AppelInput { personnes, motif_appel, vulnerabilites, observations })
            }
            _ => Err(errors),
        }
    }
}

/// A motif chosen in a référentiel (`field`), mandatory.
pub fn motif(errors: &mut Vec<FieldError>, field: &str, value: &str, missing: &str) -> Option<String> {
    crate::fields::required(errors, field, value, 100, missing)
}

/// A demande as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandeView {
    pub id: Uuid,
    pub numero: i64,
    pub nature: Nature,
    pub menage_id: Uuid,
    pub menage_numero: i64,
    pub departement_code: String,
    pub statut: Statut,
    /// The persons it is for: (id, name).
    pub personnes: Vec<(Uuid, String)>,
    pub situation_demande: Option<(String, String)>,
    pub motif_demande: Option<(String, String)>,
    pub preconisations: Vec<(String, String)>,
    pub evaluation_id: Option<Uuid>,
    pub observations: Option<String>,
    pub appel_at: Option<DateTime<Utc>>,
    pub motif_appel: Option<(String, String)>,
    pub vulnerabilites: Option<String>,
    pub composition: String,
    pub nb_personnes: i32,
    pub priorite: bool,
    pub prescripteur: Option<String>,
    pub transmise_initiale_at: Option<DateTime<Utc>>,
    pub en_attente_depuis: Option<DateTime<Utc>>,
    pub motif_fin: Option<String>,
    /// Taken in directly by a dispositif, outside the SIAO's process.
    pub admission_directe: bool,
    pub auteur: String,
    /// The author is the reader.
    pub mine: bool,
    pub created_at: DateTime<Utc>,
    pub version: i32,
    pub historique: Vec<EvenementView>,
    pub orientations: Vec<OrientationView>,
}

impl DemandeView {
    /// The live orientation, if any.
    pub fn orientation(&self) -> Option<&OrientationView> {
        self.orientations.iter().find(|o| o.statut.is_live())
    }

    pub fn allows(&self, event: Event) -> bool {
        next(self.nature, self.statut, event).is_ok()
    }
}

/// One line of a demande's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvenementView {
    pub at: DateTime<Utc>,
    pub par: String,
    pub evenement: String,
    pub de: Option<Statut>,
    pub vers: Statut,
    pub motif: Option<String>,
    pub commentaire: Option<String>,
}

/// An orientation as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrientationView {
    pub id: Uuid,
    pub demande_id: Uuid,
    pub demande_numero: i64,
    pub nature: Nature,
    pub menage_id: Uuid,
    pub menage_numero: i64,
    pub composition: String,
    pub groupe_id: Uuid,
    pub groupe: String,
    pub dispositif_id: Uuid,
    pub dispositif: String,
    pub statut: OrientationStatut,
    pub nb_places: i32,
    pub motif_refus: Option<String>,
    pub commentaire: Option<String>,
    pub arrivee_le: Option<NaiveDate>,
    pub sortie_le: Option<NaiveDate>,
    pub situation_sortie: Option<String>,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// A groupe de places that can take a demande now, ranked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compatible {
    pub groupe_id: Uuid,
    pub groupe: String,
    pub dispositif: String,
    pub commune: Option<String>,
    pub canal: String,
    pub publics: Vec<String>,
    pub libres: i64,
    /// The dispositif's nature (nomenclature).
    pub nature: Option<String>,
    /// The dispositif's nature matches a préconisation of the demande.
    pub preconise: bool,
    /// The groupe names the household's public (not only "tout public").
    pub public_exact: bool,
}

/// A line of the waiting list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttenteLine {
    pub rang: i64,
    pub demande_id: Uuid,
    pub numero: i64,
    pub menage_id: Uuid,
    pub menage_numero: i64,
    pub demandeur: String,
    pub composition: String,
    pub nb_personnes: i32,
    pub preconisations: Vec<String>,
    pub priorite: bool,
    pub statut: Statut,
    pub transmise_initiale_at: Option<DateTime<Utc>>,
}

/// A notification of the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub titre: String,
    pub corps: String,
    pub lien: String,
    pub lue: bool,
}

/// A free groupe of tonight's board (115).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacesLibres {
    pub groupe_id: Uuid,
    pub groupe: String,
    pub dispositif: String,
    pub commune: Option<String>,
    pub canal: String,
    pub publics: Vec<String>,
    pub libres: i64,
    pub occupees: i64,
    pub reservees: i64,
}

/// The demandes a list shows: one line each (newest change first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandeLine {
    pub id: Uuid,
    pub numero: i64,
    pub nature: Nature,
    pub statut: Statut,
    pub menage_id: Uuid,
    pub menage_numero: i64,
    pub composition: String,
    pub auteur: String,
    pub updated_at: DateTime<Utc>,
}

/// The choices of the demandes' forms: (code, label) of each référentiel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandeOptions {
    pub situations: Vec<(String, String)>,
    pub motifs: Vec<(String, String)>,
    pub preconisations: Vec<(String, String)>,
    pub refus: Vec<(String, String)>,
    pub annulation: Vec<(String, String)>,
    pub sortie: Vec<(String, String)>,
    pub appel: Vec<(String, String)>,
    pub compositions: Vec<(String, String)>,
}

pub const PAGE_SIZE: i64 = 50;

/// `/orientations`: the live orientations and prises en charge, and how many ménages the same dispositifs
/// admitted directly (outside the SIAO) these last twelve months.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrientationsBoard {
    pub lines: Vec<OrientationView>,
    pub admissions_directes: i64,
}

/// A ménage taken in directly by a dispositif, as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdmissionForm {
    #[serde(default)]
    pub personnes: Vec<String>,
    #[serde(default)]
    pub groupe_id: String,
    #[serde(default)]
    pub arrivee_le: String,
    #[serde(default)]
    pub observations: String,
}

/// An admission directe, parsed (the arrival date is checked by the server against today).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdmissionInput {
    pub personnes: Vec<Uuid>,
    pub groupe_id: Uuid,
    pub arrivee_le: Option<NaiveDate>,
    pub observations: Option<String>,
}

impl AdmissionForm {
    pub fn parse(&self) -> Result<AdmissionInput, Vec<FieldError>> {
        let mut errors = vec![];
        let personnes = personnes(&mut errors, &self.personnes);
        let groupe_id = Uuid::parse_str(self.groupe_id.trim()).ok();
        if groupe_id.is_none() {
            errors.push(FieldError::new("groupe_id", "Choisissez le groupe de places."));
        }
        let arrivee_le = match self.arrivee_le.trim() {
            "" => None,
            v => {
                let d = crate::fields::date(v);
                if d.is_none() {
                    errors.push(FieldError::new("arrivee_le", "Date invalide (jj/mm/aaaa)."));
                }
                d
            }
        };
        let observations = text(&mut errors, "observations", &self.observations, 4000);
        match (groupe_id, errors.is_empty()) {
            (Some(groupe_id), true) => Ok(AdmissionInput { personnes, groupe_id, arrivee_le, observations }),
            _ => Err(errors),
        }
    }
}

code_enum! {
    /// What a commission decides for a demande presented to it.
    pub enum Decision {
        AvisFavorable = "avis_favorable" => "avis favorable (à orienter)",
        Ajournee = "ajournee" => "ajournée",
        MaintienListe = "maintien_liste" => "maintenue sur la liste d'attente",
    }
}

impl Decision {
    /// The demande's event for this decision.
    pub fn event(self) -> Event {
        match self {
            Decision::AvisFavorable => Event::AvisCommission,
            Decision::Ajournee | Decision::MaintienListe => Event::RetourListe,
        }
    }
}

/// A commission session as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionForm {
    #[serde(default)]
    pub date_seance: String,
    #[serde(default)]
    pub intitule: String,
    #[serde(default)]
    pub lieu: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommissionInput {
    pub date_seance: NaiveDate,
    pub intitule: String,
    pub lieu: Option<String>,
}

impl CommissionForm {
    pub fn parse(&self) -> Result<CommissionInput, Vec<FieldError>> {
        let mut errors = vec![];
        let date_seance = crate::fields::date(&self.date_seance);
        if date_seance.is_none() {
            errors.push(FieldError::new("date_seance", "Indiquez la date de la séance (jj/mm/aaaa)."));
        }
        let intitule = crate::fields::required(&mut errors, "intitule", &self.intitule, 200, "Indiquez l'intitulé.");
        let lieu = text(&mut errors, "lieu", &self.lieu, 200);
        match (date_seance, intitule) {
            (Some(date_seance), Some(intitule)) if errors.is_empty() => {
                Ok(CommissionInput { date_seance, intitule, lieu })
            }
            _ => Err(errors),
        }
    }
}

/// A session in the list of the territory's commissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionLine {
    pub id: Uuid,
    pub date_seance: NaiveDate,
    pub intitule: String,
    pub lieu: Option<String>,
    pub presentees: i64,
    pub decidees: i64,
}

/// A demande on a session's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointView {
    pub rang: i32,
    pub demande_id: Uuid,
    pub numero: i64,
    pub menage_id: Uuid,
    pub menage_numero: i64,
    pub composition: String,
    pub preconisations: Vec<String>,
    pub statut: Statut,
    pub version: i32,
    pub decision: Option<Decision>,
    pub commentaire: Option<String>,
}

/// A session with its agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionView {
    pub line: CommissionLine,
    pub points: Vec<PointView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (nature, state, event): legal exactly when the table says so, with a French reason otherwise.
    #[test]
    fn every_transition_is_legal_only_when_listed() {
        let mut legal = 0;
        for nature in Nature::ALL {
            for from in Statut::ALL {
                for event in Event::ALL {
                    let listed = TRANSITIONS.iter().find(|t| t.0 == nature && t.1 == from && t.2 == event);
                    match (next(nature, from, event), listed) {
                        (Ok(to), Some(t)) => {
                            assert_eq!(to, t.3);
                            legal += 1;
                        }
                        (Err(why), None) => assert!(why.starts_with("Impossible de ") && why.contains(from.label())),
                        (got, listed) => panic!("{nature:?} {from:?} {event:?}: {got:?} vs {listed:?}"),
                    }
                }
            }
        }
        assert_eq!(legal, TRANSITIONS.len(), "a transition is listed twice");
    }

    #[test]
    fn the_insertion_flow_and_its_illegal_shortcuts() {
        let path = [
            (E::Transmettre, S::Transmise),
            (E::Inscrire, S::EnAttente),
            (E::Orienter, S::Orientee),
            (E::Refuser, S::EnAttente),
            (E::Orienter, S::Orientee),
            (E::Accepter, S::Acceptee),
            (E::Arrivee, S::Admise),
            (E::Sortie, S::Terminee),
        ];
        let mut at = S::Brouillon;
        for (event, to) in path {
            at = next(I, at, event).unwrap();
            assert_eq!(at, to);
        }
        assert_eq!(next(I, S::Brouillon, E::Orienter).unwrap_err(), "Impossible de orienter une demande brouillon.");
        assert!(next(I, S::Admise, E::Annuler).is_err(), "a prise en charge ends by a departure");
        assert!(next(I, S::Terminee, E::Reactiver).is_err());
        assert!(next(U, S::EnAttente, E::Transmettre).is_err(), "a 115 demande is never transmitted");
        assert_eq!(next(I, S::AMettreAJour, E::Transmettre), Ok(S::EnAttente), "an update keeps its place");
        // The commission: a favourable opinion keeps it before the commission until the SIAO orients it.
        assert_eq!(next(I, S::EnCommission, E::AvisCommission), Ok(S::EnCommission));
        assert_eq!(next(I, S::EnCommission, E::Orienter), Ok(S::Orientee));
        assert_eq!(next(I, S::EnCommission, E::RetourListe), Ok(S::EnAttente));
        assert!(next(I, S::EnAttente, E::AvisCommission).is_err(), "only a demande presented gets an opinion");
        assert!(next(I, S::Acceptee, E::Deplacer).is_err(), "a move is for a ménage who arrived");
    }

    #[test]
    fn every_state_of_each_nature_is_reachable_and_the_closed_ones_end() {
        for (nature, start) in [(I, S::Brouillon), (U, S::EnAttente)] {
            let mut seen = vec![start];
            let mut i = 0;
            while i < seen.len() {
                let from = seen[i];
                for t in TRANSITIONS.iter().filter(|t| t.0 == nature && t.1 == from) {
                    if !seen.contains(&t.3) {
                        seen.push(t.3);
                    }
                }
                i += 1;
            }
            assert!(seen.contains(&S::Terminee) && seen.contains(&S::Annulee), "{nature:?}: {seen:?}");
            for s in seen.iter().filter(|s| **s != S::Annulee) {
                assert!(!s.is_closed() || TRANSITIONS.iter().all(|t| t.0 != nature || t.1 != *s), "{s:?}");
            }
        }
    }

    #[test]
    fn orientation_transitions() {
        use OrientationStatut as O;
        assert_eq!(orientation_next(O::Proposee, E::Accepter), Ok(O::Acceptee));
        assert_eq!(orientation_next(O::Proposee, E::Refuser), Ok(O::Refusee));
        assert_eq!(orientation_next(O::Acceptee, E::Arrivee), Ok(O::Admise));
        assert_eq!(orientation_next(O::Admise, E::Sortie), Ok(O::Sortie));
        assert!(orientation_next(O::Proposee, E::Arrivee).is_err());
        assert!(orientation_next(O::Refusee, E::Accepter).unwrap_err().contains("refusée"));
        assert!(orientation_next(O::Admise, E::AnnulerOrientation).is_err());
        assert_eq!(orientation_next(O::Admise, E::Deplacer), Ok(O::Admise));
        assert!(orientation_next(O::Acceptee, E::Deplacer).is_err(), "a move is for a ménage who arrived");
        for o in OrientationStatut::ALL {
            assert_eq!(o.is_live(), matches!(o, O::Proposee | O::Acceptee | O::Admise));
        }
    }

    #[test]
    fn publics_match_the_composition() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(public_compatible(&p(&["familles"]), Some("100")));
        assert!(!public_compatible(&p(&["familles"]), Some("10")));
        assert!(public_compatible(&p(&["tout_public"]), Some("10")));
        assert!(public_compatible(&p(&[]), None));
        assert!(!public_compatible(&p(&["hommes_seuls"]), None), "an unknown composition takes only open groupes");
        assert!(public_compatible(&p(&["femmes_victimes_de_violences"]), Some("40")));
    }

    #[test]
    fn a_demande_needs_its_persons_and_the_siao_its_essentials() {
        let form = DemandeForm { personnes: vec![], ..Default::default() };
        assert_eq!(form.parse().unwrap_err()[0].field, "personnes");
        let id = Uuid::new_v4().to_string();
        let form = DemandeForm { personnes: vec![id.clone(), id], ..Default::default() };
        let input = form.parse().unwrap();
        assert_eq!(input.personnes.len(), 1);
        let missing: Vec<String> = input.missing().into_iter().map(|e| e.field).collect();
        assert_eq!(missing, ["situation_demande", "motif_demande", "preconisations"]);
        let bad = DemandeForm { personnes: vec!["x".into()], ..Default::default() };
        assert!(bad.parse().is_err());
        let admission = AdmissionForm { personnes: vec![Uuid::new_v4().to_string()], ..Default::default() };
        assert_eq!(admission.parse().unwrap_err()[0].field, "groupe_id");
        let commission = CommissionForm { date_seance: "31/02/2026".into(), ..Default::default() };
        let fields: Vec<String> = commission.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["date_seance", "intitule"]);
        let appel = AppelForm { personnes: vec![Uuid::new_v4().to_string()], ..Default::default() };
        assert_eq!(appel.parse().unwrap_err()[0].field, "motif_appel");
    }
}
