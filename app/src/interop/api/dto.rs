//! The JSON of the API, field names in the users' French. Requests refuse unknown fields (a partner's typo is
//! an error, not a silent loss); dates travel as ISO 8601 text (`2026-11-23`) and are checked by the domain, so
//! that a bad date is a `DONNEES_INVALIDES` on its field like any other.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::{KnownFormat, RefOr, SchemaFormat};
use utoipa::{PartialSchema, ToSchema};
use uuid::Uuid;

use crate::menage::model::{Fiche, PersonneDetail, PersonneForm, SituationForm};
use crate::menage::situation::{Kind, CHAMPS};

/// `GET /etat`.
#[derive(Serialize, ToSchema)]
pub struct Etat {
    /// `disponible`, `degrade` (the database does not answer) or `maintenance`.
    pub statut: String,
    /// Version of the SI SIAO.
    pub version: String,
    /// Version of the API contract.
    pub api: String,
    pub maintenances: Vec<Maintenance>,
}

#[derive(Serialize, ToSchema)]
pub struct Maintenance {
    pub debut: DateTime<Utc>,
    pub fin: DateTime<Utc>,
    pub motif: String,
}

/// `POST /oauth/token`'s answer (RFC 6749).
#[derive(Serialize, ToSchema)]
pub struct Jeton {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds.
    pub expires_in: i64,
}

/// `POST /oauth/token`'s refusals: the OAuth2 `error`, with the API's own code and message.
#[derive(Serialize, ToSchema)]
pub struct ErreurJeton {
    /// `invalid_request`, `unsupported_grant_type` or `invalid_client` (RFC 6749 § 5.2).
    pub error: String,
    pub code: String,
    pub message: String,
}

/// The form of `POST /oauth/token` (client credentials may come in HTTP Basic instead).
#[derive(Deserialize, ToSchema)]
pub struct DemandeJeton {
    /// `client_credentials`.
    pub grant_type: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

/// A référentiel, without its values.
#[derive(Serialize, ToSchema)]
pub struct Referentiel {
    /// The name to ask `GET /referentiels/{nom}` with.
    pub nom: String,
    pub libelle: String,
    /// `si_siao` (codes of the national SI SIAO) or `siao` (this application's own lists).
    pub source: String,
    /// Grows at each change of the list or of one of its values.
    pub version: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Referentiels {
    pub referentiels: Vec<Referentiel>,
}

#[derive(Serialize, ToSchema)]
pub struct Valeur {
    pub code: String,
    pub libelle: String,
    /// Retired values stay, inactive, so that old data stays readable; send only active ones.
    pub actif: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReferentielValeurs {
    #[serde(flatten)]
    pub referentiel: Referentiel,
    pub valeurs: Vec<Valeur>,
}

/// `GET /offre/dispositifs` criteria.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RechercheOffre {
    /// Code of the département (`35`, `2A`, `974`).
    pub departement: Option<String>,
    /// Part of the dispositif's name.
    pub nom: Option<String>,
    /// SIREN of the entité gestionnaire (9 digits)...
    #[param(pattern = "^[0-9]{9}$")]
    pub siren: Option<String>,
    /// ... or the SIRET of one of its establishments (14 digits, the first 9 are the SIREN).
    #[param(pattern = "^[0-9]{14}$")]
    pub siret: Option<String>,
    /// Code of the référentiel `nature_dispositif`.
    pub nature: Option<String>,
    /// Code of the référentiel `type_dispositif`.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub type_code: Option<String>,
    /// From 1.
    #[param(minimum = 1, maximum = 10000)]
    pub page: Option<i64>,
    /// From 1 to 100 (20 by default).
    #[param(minimum = 1, maximum = 100)]
    pub par_page: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Dispositif {
    pub id: Uuid,
    pub nom: String,
    pub entite: String,
    pub siren: String,
    pub departement: String,
    pub nature: Option<String>,
    #[serde(rename = "type")]
    #[schema(rename = "type")]
    pub type_code: Option<String>,
    pub publics: Vec<String>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PageOffre {
    pub total: i64,
    pub page: i64,
    pub par_page: i64,
    pub dispositifs: Vec<Dispositif>,
}

/// A version: an integer, also when written `3.0` (JSON does not tell them apart).
fn version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    let v = n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64));
    v.and_then(|v| i32::try_from(v).ok()).ok_or_else(|| serde::de::Error::custom("version : un entier est attendu"))
}

fn some(s: &str) -> Option<String> {
    crate::fields::optional(s)
}

fn or_empty(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// The situation of the ménage (logement): codes of the SI SIAO référentiels.
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SituationMenage {
    /// Référentiel `situation_demandes`.
    #[serde(default)]
    pub situation_logement: Option<String>,
    /// Référentiel `motif_demandes`.
    #[serde(default)]
    pub motif_demande: Option<String>,
    /// Référentiel `duree_errances`.
    #[serde(default)]
    pub duree_errance: Option<String>,
    #[serde(default)]
    pub expulsion_en_cours: Option<bool>,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub domiciliation: Option<String>,
    /// Référentiel `animaux`.
    #[serde(default)]
    pub animaux: Option<String>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub observations: Option<String>,
}

impl From<&SituationForm> for SituationMenage {
    fn from(f: &SituationForm) -> Self {
        SituationMenage {
            situation_logement: some(&f.situation_logement),
            motif_demande: some(&f.motif_demande),
            duree_errance: some(&f.duree_errance),
            expulsion_en_cours: match f.expulsion_en_cours.as_str() {
                "oui" => Some(true),
                "non" => Some(false),
                _ => None,
            },
            domiciliation: some(&f.domiciliation),
            animaux: some(&f.animaux),
            observations: some(&f.observations),
        }
    }
}

impl From<&SituationMenage> for SituationForm {
    fn from(s: &SituationMenage) -> Self {
        SituationForm {
            situation_logement: or_empty(&s.situation_logement),
            motif_demande: or_empty(&s.motif_demande),
            duree_errance: or_empty(&s.duree_errance),
            expulsion_en_cours: match s.expulsion_en_cours {
                Some(true) => "oui".into(),
                Some(false) => "non".into(),
                None => String::new(),
            },
            domiciliation: or_empty(&s.domiciliation),
            animaux: or_empty(&s.animaux),
            observations: or_empty(&s.observations),
        }
    }
}

/// A person as the ménage lists her.
#[derive(Serialize, ToSchema)]
pub struct PersonneResume {
    /// Her clé, for `GET /personnes/{cle}`.
    pub cle: String,
    /// `demandeur_principal`, `conjoint`, `enfant` or `autre`.
    pub role: String,
    pub nom_naissance: String,
    pub nom_usage: Option<String>,
    pub prenoms: String,
    pub date_naissance: Option<NaiveDate>,
    pub version: i32,
}

/// `GET /menages/{cle}`.
#[derive(Serialize, ToSchema)]
pub struct Menage {
    pub cle: String,
    /// The number the professionals see ("MÉNAGE 10000042").
    pub numero: i64,
    /// To send back with an update.
    pub version: i32,
    pub departement: String,
    /// In words: "2 adultes, 1 enfant".
    pub composition: String,
    pub personnes: Vec<PersonneResume>,
    pub situation: SituationMenage,
    pub modifie_le: DateTime<Utc>,
}

impl From<&Fiche> for Menage {
    fn from(f: &Fiche) -> Self {
        Menage {
            cle: f.cle.clone(),
            numero: f.numero,
            version: f.version,
            departement: f.departement_code.clone(),
            composition: f.composition().summary(),
            personnes: f
                .personnes
                .iter()
                .map(|p| PersonneResume {
                    cle: p.cle.clone(),
                    role: p.role.code().to_string(),
                    nom_naissance: p.form.nom_naissance.clone(),
                    nom_usage: some(&p.form.nom_usage),
                    prenoms: p.form.prenoms.clone(),
                    date_naissance: crate::fields::date(&p.form.date_naissance),
                    version: p.version,
                })
                .collect(),
            situation: SituationMenage::from(&f.situation),
            modifie_le: f.updated_at,
        }
    }
}

/// `PUT /menages/{cle}`: the whole situation (a field left out or null is emptied).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MajMenage {
    /// The version last consulted.
    #[serde(deserialize_with = "version")]
    pub version: i32,
    pub situation: SituationMenage,
    /// Optional: the clés of the persons as consulted. The composition is the SI SIAO's: a list that differs
    /// is refused (`COMPOSITION_NON_MODIFIABLE`).
    #[serde(default)]
    pub personnes: Option<Vec<String>>,
}

/// The état civil of a person (only the names are required: a person met in the street may not give more).
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EtatCivil {
    #[schema(min_length = 1, max_length = 100)]
    pub nom_naissance: String,
    #[serde(default)]
    #[schema(max_length = 100)]
    pub nom_usage: Option<String>,
    #[schema(min_length = 1, max_length = 150)]
    pub prenoms: String,
    /// `AAAA-MM-JJ`.
    #[serde(default)]
    #[schema(format = Date)]
    pub date_naissance: Option<String>,
    #[serde(default)]
    #[schema(max_length = 150)]
    pub lieu_naissance: Option<String>,
    /// Référentiel `sexe`.
    #[serde(default)]
    pub sexe: Option<String>,
    /// Référentiel `nationalite`.
    #[serde(default)]
    pub nationalite: Option<String>,
    /// 10 to 15 digits, an optional leading `+`.
    #[serde(default)]
    pub telephone: Option<String>,
    #[serde(default)]
    #[schema(max_length = 254)]
    pub courriel: Option<String>,
}

impl From<&PersonneForm> for EtatCivil {
    fn from(f: &PersonneForm) -> Self {
        EtatCivil {
            nom_naissance: f.nom_naissance.clone(),
            nom_usage: some(&f.nom_usage),
            prenoms: f.prenoms.clone(),
            date_naissance: crate::fields::date(&f.date_naissance).map(|d| d.to_string()),
            lieu_naissance: some(&f.lieu_naissance),
            sexe: some(&f.sexe),
            nationalite: some(&f.nationalite),
            telephone: some(&f.telephone),
            courriel: some(&f.courriel),
        }
    }
}

impl From<&EtatCivil> for PersonneForm {
    fn from(e: &EtatCivil) -> Self {
        PersonneForm {
            nom_naissance: e.nom_naissance.clone(),
            nom_usage: or_empty(&e.nom_usage),
            prenoms: e.prenoms.clone(),
            date_naissance: or_empty(&e.date_naissance),
            lieu_naissance: or_empty(&e.lieu_naissance),
            sexe: or_empty(&e.sexe),
            nationalite: or_empty(&e.nationalite),
            telephone: or_empty(&e.telephone),
            courriel: or_empty(&e.courriel),
        }
    }
}

/// A person's situations (administrative, droits sociaux, familiale, professionnelle), by field: codes of
/// référentiels, dates `AAAA-MM-JJ`, short texts. The fields are those of the fiche (`menage::situation`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Situations(pub BTreeMap<String, String>);

impl PartialSchema for Situations {
    fn schema() -> RefOr<Schema> {
        let mut object = ObjectBuilder::new()
            .description(Some("Situations de la personne, par champ (absent : non renseigné)."))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        for c in CHAMPS {
            let property = match c.kind {
                Kind::Liste(list) => ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some(format!("{} — code du référentiel `{list}`", c.label))),
                Kind::Date => ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                    .description(Some(c.label)),
                Kind::Texte(max) => {
                    ObjectBuilder::new().schema_type(Type::String).max_length(Some(max)).description(Some(c.label))
                }
            };
            object = object.property(c.key, property);
        }
        RefOr::T(Schema::Object(object.build()))
    }
}

impl ToSchema for Situations {}

/// `GET /personnes/{cle}`.
#[derive(Serialize, ToSchema)]
pub struct Personne {
    pub cle: String,
    /// The clé of her ménage.
    pub menage: String,
    pub role: String,
    /// To send back with an update (état civil and situations share it).
    pub version: i32,
    pub etat_civil: EtatCivil,
    pub situations: Situations,
}

impl Personne {
    pub fn of(menage_cle: &str, p: &PersonneDetail, situations: BTreeMap<String, String>) -> Self {
        Personne {
            cle: p.cle.clone(),
            menage: menage_cle.to_string(),
            role: p.role.code().to_string(),
            version: p.version,
            etat_civil: EtatCivil::from(&p.form),
            situations: Situations(situations),
        }
    }
}

/// `PUT /personnes/{cle}`: the whole état civil, and the situations if given (left out: unchanged; given:
/// replaced, a field left out is emptied).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MajPersonne {
    /// The version last consulted.
    #[serde(deserialize_with = "version")]
    pub version: i32,
    pub etat_civil: EtatCivil,
    #[serde(default)]
    pub situations: Option<Situations>,
}

/// The answer to an update: the object's new version.
#[derive(Serialize, ToSchema)]
pub struct Version {
    pub cle: String,
    pub version: i32,
}

/// `POST /notes-sociales`.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NouvelleNote {
    /// The ménage's clé.
    pub menage: String,
    /// The persons concerned, by clé (none: the whole ménage).
    #[serde(default)]
    pub personnes: Vec<String>,
    #[schema(min_length = 1, max_length = 200)]
    pub titre: String,
    #[schema(min_length = 1, max_length = 20000)]
    pub texte: String,
    /// Read by its author's team only (and the SIAO's), not by the other partners of the ménage.
    #[serde(default)]
    pub confidentielle: bool,
    /// `brouillon` (the partner's own, unseen by others) or `publiee` (in the fiche for every reader).
    pub statut: StatutNote,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatutNote {
    Brouillon,
    Publiee,
}

/// The answer to a creation.
#[derive(Serialize, ToSchema)]
pub struct Cree {
    pub id: Uuid,
    pub statut: String,
}

/// `POST /evaluations`: the partner's évaluation approfondie of a ménage, as a draft (its own working copy,
/// unseen by others, resumed by its next POST) or final (checked, written into the fiche, immutable; a later
/// POST starts a new EA). Every part is optional: what is left out keeps the draft's value (prefilled from the
/// fiche when the draft is new). The health part is not exchanged.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NouvelleEvaluation {
    /// The ménage's clé.
    pub menage: String,
    pub statut: StatutEvaluation,
    /// The persons' situations (administrative, droits, emploi, famille), by clé: each replaces the person's.
    #[serde(default)]
    pub personnes: Option<Vec<SituationsEa>>,
    /// The situation au regard du logement (its `observations` belong to the fiche, not to the EA: ignored).
    #[serde(default)]
    pub situation: Option<SituationMenage>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub budget_observations: Option<String>,
    /// Parcours logement and wishes.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub souhaits: Option<String>,
    /// Codes of the référentiel `besoins_accompagnement`.
    #[serde(default)]
    pub besoins: Option<Vec<String>>,
    /// Code of the référentiel `types_etablissement_un`.
    #[serde(default)]
    pub preconisation: Option<String>,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub synthese: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatutEvaluation {
    Brouillon,
    Finale,
}

/// One person's situations within an EA.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SituationsEa {
    pub cle: String,
    pub situations: Situations,
}

/// The `Idempotency-Key` header of a creation (documentation only: `idempotent` reads it).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct EnTeteIdempotence {
    /// Clé d'idempotence (1 à 255 caractères ASCII visibles).
    #[param(rename = "Idempotency-Key", pattern = "^[!-~]{1,255}$")]
    pub idempotency_key: Option<String>,
}
