//! Server functions of the évaluations approfondies. The matrix decides on the ménage (territory,
//! `Suivis`) for reading and starting, on the EA's author (`Own`: "brouillon uniquement", "finalisation")
//! for saving, finalising and deleting a draft. A draft is read by its author only; the health part only by
//! the profiles of the Situation médico-sociale / Consulter cell (never loaded for the others), each read
//! journaled. Finalising writes what the EA changed into the fiche's situations, publishes its note sociale
//! and makes it immutable, in one transaction with the histories of both.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uuid::Uuid;

use super::model::{EvaluationView, PersonsForm, Resume};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::model::{
        lists, Contenu, Etape, PersonneEa, SantePersonne, Statut, OBSERVATIONS_MAX, SOUHAITS_MAX, SYNTHESE_MAX,
    },
    super::repo::{self, Stored},
    crate::audit::{AuditEntry, Outcome},
    crate::error::FieldError,
    crate::handler::{Ctx, Guarded},
    crate::history::repo as history,
    crate::menage::model::SituationForm,
    crate::menage::repo as menages,
    crate::menage::sensible::SensibleForm,
    crate::menage::server::{authorize_menage, NO_FIELDS},
    crate::menage::situation::{self, CHAMPS},
    crate::menage::situation_repo as situations,
    crate::menage::situation_server::check_codes,
    crate::referentiel::repo as referentiel,
    crate::rights::{
        authorize::decide,
        model::{Action, Object},
    },
};

server_fns! {
    ListEvaluations => matrix(EvaluationApprofondie, Consulter),
    GetEvaluation => matrix(EvaluationApprofondie, Consulter),
    StartEvaluation => matrix(EvaluationApprofondie, Creer),
    SaveEvaluation => matrix(EvaluationApprofondie, Modifier),
    FinaliseEvaluation => matrix(EvaluationApprofondie, Valider),
    DeleteEvaluation => matrix(EvaluationApprofondie, Supprimer),
}

/// The series of the ménage: final EAs and the caller's drafts, newest first.
#[server(prefix = "/api/evaluations", endpoint = "list")]
pub async fn list_evaluations(menage_id: Uuid) -> Result<Vec<Resume>, AppError> {
    ListEvaluations::run(async move |mut cx| {
        authorize_menage(&mut cx, menage_id).await?;
        Ok(repo::series(cx.db(), menage_id, cx.user.user_id).await?)
    })
    .await
}

/// One EA (a draft: its author only), with its health part for the profiles that read it.
#[server(prefix = "/api/evaluations", endpoint = "get")]
pub async fn get_evaluation(id: Uuid) -> Result<EvaluationView, AppError> {
    GetEvaluation::run(async move |mut cx| {
        let stored = readable(&mut cx, id, Action::Consulter).await?;
        Ok(EvaluationView {
            resume: stored.resume,
            menage_id: stored.menage_id,
            version: stored.version,
            contenu: stored.contenu,
            sante: stored.sante,
            options: options(&cx).await?,
        })
    })
    .await
}

/// Starts an EA of the ménage, prefilled from the fiche's situations (and the wishes, needs and orientation
/// of the last final EA), or resumes the caller's draft; goes to it.
#[server(prefix = "/api/evaluations", endpoint = "start")]
pub async fn start_evaluation(menage_id: Uuid) -> Result<Uuid, AppError> {
    StartEvaluation::run(async move |mut cx| {
        authorize_menage(&mut cx, menage_id).await?;
        let user = cx.user.user_id;
        let id = match repo::draft_of(cx.db(), menage_id, user).await? {
            Some(draft) => draft,
            None => {
                let (contenu, sante) = prefilled(&cx, menage_id).await?;
                let id = Uuid::new_v4();
                let mut tx = cx.db().begin().await?;
                repo::insert(&mut tx, id, menage_id, &contenu, &sante, user).await?;
                let comment = Some("Préremplie depuis la fiche");
                history::write(&mut tx, Object::EvaluationApprofondie, id, 1, "Création", user, NO_FIELDS, comment)
                    .await?;
                tx.commit().await?;
                cx.created(id);
                cx.done("creer").await;
                id
            }
        };
        crate::url::redirect(&format!("/menages/{menage_id}/evaluations/{id}"));
        Ok(id)
    })
    .await
}

/// Saves one step of a draft still at `version`, then goes to the next step; the new version.
#[server(prefix = "/api/evaluations", endpoint = "save")]
pub async fn save_evaluation(
    id: Uuid,
    version: i32,
    etape: String,
    #[server(default)] p: PersonsForm,
    #[server(default)] form: BTreeMap<String, String>,
) -> Result<i32, AppError> {
    SaveEvaluation::run(async move |mut cx| {
        let etape = Etape::from_code(&etape).ok_or(AppError::BadRequest)?;
        let mut stored = authorize_author(&mut cx, id).await?;
        if stored.resume.statut != Statut::Brouillon {
            return Err(AppError::Refused(
                "Une évaluation finalisée n'est jamais modifiée : commencez-en une nouvelle.".into(),
            ));
        }
        let sante_changed = apply(&cx, etape, &mut stored, &p, &form).await?;
        let mut tx = cx.db().begin().await?;
        let sante = sante_changed.then_some(stored.sante.as_deref().unwrap_or_default());
        let Some(new_version) = repo::save(&mut tx, id, version, &stored.contenu, sante).await? else {
            return Err(stale(&stored));
        };
        let (user, comment) = (cx.user.user_id, Some(etape.label()));
        history::write(
            &mut tx,
            Object::EvaluationApprofondie,
            id,
            new_version,
            "Enregistrement",
            user,
            NO_FIELDS,
            comment,
        )
        .await?;
        tx.commit().await?;
        cx.done("modifier").await;
        let next = etape.next().unwrap_or(etape);
        crate::url::redirect(&format!("/menages/{}/evaluations/{id}?etape={}", stored.menage_id, next.code()));
        Ok(new_version)
    })
    .await
}

/// Finalises a draft still at `version`: checks the mandatory domains, writes what it changed into the
/// fiche, publishes its note sociale, makes it immutable.
#[server(prefix = "/api/evaluations", endpoint = "finalise")]
pub async fn finalise_evaluation(id: Uuid, version: i32) -> Result<(), AppError> {
    FinaliseEvaluation::run(async move |mut cx| {
        let stored = authorize_author(&mut cx, id).await?;
        if stored.resume.statut != Statut::Brouillon {
            return Err(AppError::Refused("Cette évaluation est déjà finalisée.".into()));
        }
        let missing = stored.contenu.missing();
        if !missing.is_empty() {
            return Err(missing.into());
        }
        let (user, menage_id) = (cx.user.user_id, stored.menage_id);
        let mut tx = cx.db().begin().await?;
        let changed = write_to_fiche(&cx, &mut tx, &stored).await?;
        let note = note_sociale(&cx, &stored).await?;
        crate::note::repo::insert(&mut tx, note.0, menage_id, &note.1, None, &cx.user).await?;
        let Some(new_version) = repo::finalise(&mut tx, id, version, note.0).await? else {
            return Err(stale(&stored));
        };
        let comment = format!(
            "Fiche mise à jour : {}",
            if changed.is_empty() { "aucun changement".into() } else { changed.join(", ") }
        );
        history::write(
            &mut tx,
            Object::EvaluationApprofondie,
            id,
            new_version,
            "Finalisation",
            user,
            NO_FIELDS,
            Some(&comment),
        )
        .await?;
        tx.commit().await?;
        cx.done("valider").await;
        crate::url::redirect(&format!("/menages/{menage_id}/evaluations/{id}"));
        Ok(())
    })
    .await
}

/// Deletes a draft still at `version` (a final EA is never deleted).
#[server(prefix = "/api/evaluations", endpoint = "delete")]
pub async fn delete_evaluation(id: Uuid, version: i32) -> Result<(), AppError> {
    DeleteEvaluation::run(async move |mut cx| {
        let stored = authorize_author(&mut cx, id).await?;
        if stored.resume.statut != Statut::Brouillon {
            return Err(AppError::Refused("Une évaluation finalisée n'est jamais supprimée.".into()));
        }
        if !repo::delete_draft(cx.db(), id, version).await? {
            return Err(stale(&stored));
        }
        cx.done("supprimer").await;
        crate::url::redirect(&format!("/menages/{}?onglet=evaluations", stored.menage_id));
        Ok(())
    })
    .await
}

/// The EA if the caller may read it (the matrix on its ménage; a draft: its author only); its health part
/// loaded, and journaled, when his profile may `health` (consult, export) the situation médico-sociale.
#[cfg(feature = "ssr")]
pub(crate) async fn readable(cx: &mut Ctx, id: Uuid, health: Action) -> Result<Stored, AppError> {
    let user = cx.user.user_id;
    let menage_id = repo::menage_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let target = menages::target_of(cx.db(), menage_id).await?.ok_or(AppError::NotFound)?;
    let sante = decide(&cx.user, Object::SituationMedicoSociale, health, &target);
    cx.authorize(target.clone(), Some(id)).await?;
    let stored = repo::load(cx.db(), id, user, sante).await?.ok_or(AppError::NotFound)?;
    if stored.resume.statut == Statut::Brouillon && !stored.resume.mine {
        return Err(AppError::NotFound);
    }
    if sante {
        let entry = AuditEntry::by(&cx.user, health.code(), Object::SituationMedicoSociale, Outcome::Succes)
            .object_id(Some(id.to_string()))
            .territory(target.departements);
        cx.journal(entry).await;
    }
    Ok(stored)
}

/// The matrix decides on the EA's author, within its ménage's territory.
#[cfg(feature = "ssr")]
async fn authorize_author(cx: &mut Ctx, id: Uuid) -> Result<Stored, AppError> {
    let user = cx.user.user_id;
    let menage_id = repo::menage_of(cx.db(), id).await?.ok_or(AppError::NotFound)?;
    let mut target = menages::target_of(cx.db(), menage_id).await?.ok_or(AppError::NotFound)?;
    let sante = decide(&cx.user, Object::SituationMedicoSociale, Action::Consulter, &target);
    let stored = repo::load(cx.db(), id, user, sante).await?.ok_or(AppError::NotFound)?;
    target.owner = Some(stored.created_by);
    cx.authorize(target, Some(id)).await?;
    Ok(stored)
}

#[cfg(feature = "ssr")]
pub(crate) async fn options(cx: &Ctx) -> Result<Vec<(String, Vec<(String, String)>)>, AppError> {
    let lists = lists();
    let options = referentiel::options_for(cx.db(), &lists).await?;
    Ok(lists.iter().map(|l| l.to_string()).zip(options).collect())
}

/// The fiche's current situations (and the last final EA's wishes, needs and orientation).
#[cfg(feature = "ssr")]
async fn prefilled(cx: &Ctx, menage_id: Uuid) -> Result<(Contenu, Vec<SantePersonne>), AppError> {
    let mut conn = cx.db().acquire().await?;
    let fiche = menages::load_in(&mut conn, menage_id).await?;
    let personnes = situations::situations(&mut conn, menage_id).await?;
    let sante = menages::sensibles(&mut conn, menage_id).await?;
    let mut contenu = Contenu {
        personnes: personnes
            .into_iter()
            .map(|s| PersonneEa { personne_id: s.personne_id, nom: s.nom, values: s.values })
            .collect(),
        menage: fiche.situation,
        ..Default::default()
    };
    let user = cx.user.user_id;
    let last = repo::series(cx.db(), menage_id, user).await?.into_iter().find(|r| r.statut == Statut::Finale);
    if let Some(last) = last {
        if let Some(previous) = repo::load(cx.db(), last.id, user, false).await? {
            let p = previous.contenu;
            (contenu.souhaits, contenu.besoins, contenu.preconisation, contenu.budget_observations) =
                (p.souhaits, p.besoins, p.preconisation, p.budget_observations);
        }
    }
    let sante =
        sante.into_iter().map(|s| SantePersonne { personne_id: s.personne_id, nom: s.nom, form: s.form }).collect();
    Ok((contenu, sante))
}

/// Applies a step's form to the stored EA (checked, codes included); whether the health part changed.
#[cfg(feature = "ssr")]
async fn apply(
    cx: &Ctx,
    etape: Etape,
    stored: &mut Stored,
    p: &PersonsForm,
    form: &BTreeMap<String, String>,
) -> Result<bool, AppError> {
    let today = chrono::Utc::now().date_naive();
    let text = |errors: &mut Vec<FieldError>, key: &str, max: usize| {
        let value = form.get(key).map(|v| crate::note::model::normalize_corps(v)).unwrap_or_default();
        if value.chars().count() > max {
            errors.push(FieldError::new(key, format!("{max} caractères au plus.")));
        }
        value
    };
    let mut errors = vec![];
    let c = &mut stored.contenu;
    match etape {
        Etape::Administrative | Etape::Emploi | Etape::Famille => {
            for (i, fields) in p.iter().enumerate() {
                let person = fields.get("id").and_then(|id| Uuid::parse_str(id).ok());
                let Some(ea) = c.personnes.iter_mut().find(|x| Some(x.personne_id) == person) else {
                    return Err(AppError::BadRequest);
                };
                let prefixed = |e: FieldError| FieldError::new(&format!("p{i}_{}", e.field), e.message);
                match situation::parse(fields, today) {
                    Ok((values, codes)) => {
                        if let Err(AppError::Invalid(bad)) = check_codes(cx, &codes).await {
                            errors.extend(bad.into_iter().map(prefixed));
                        }
                        for champ in CHAMPS.iter().filter(|ch| etape.sections().contains(&ch.section)) {
                            match values.get(champ.key) {
                                Some(v) => ea.values.insert(champ.key.to_string(), v.clone()),
                                None => ea.values.remove(champ.key),
                            };
                        }
                    }
                    Err(bad) => errors.extend(bad.into_iter().map(prefixed)),
                }
            }
        }
        Etape::Budget => c.budget_observations = text(&mut errors, "budget_observations", OBSERVATIONS_MAX),
        Etape::Sante => {
            let Some(sante) = stored.sante.as_mut() else { return Err(AppError::Forbidden) };
            for (i, fields) in p.iter().enumerate() {
                let person = fields.get("id").and_then(|id| Uuid::parse_str(id).ok());
                let Some(s) = sante.iter_mut().find(|x| Some(x.personne_id) == person) else {
                    return Err(AppError::BadRequest);
                };
                // What the step does not show (comment, judicial measure) stays as it was.
                let mut raw = serde_json::to_value(&s.form).map_err(|_| AppError::Internal)?;
                for key in SANTE_FIELDS {
                    raw[key] = fields.get(key).cloned().unwrap_or_default().into();
                }
                let raw: SensibleForm = serde_json::from_value(raw).map_err(|_| AppError::BadRequest)?;
                match raw.parse() {
                    Ok(parsed) => {
                        let code = situation::Code {
                            field: "justice_statut",
                            list: "statut_justice",
                            code: &parsed.justice_statut,
                        };
                        if !parsed.justice_statut.is_empty() && check_codes(cx, &[code]).await.is_err() {
                            errors.push(FieldError::not_in_list(&format!("p{i}_justice_statut")));
                        }
                        s.form = parsed;
                    }
                    Err(bad) => {
                        errors.extend(bad.into_iter().map(|e| FieldError::new(&format!("p{i}_{}", e.field), e.message)))
                    }
                }
            }
            return finish(errors, true);
        }
        Etape::Logement => {
            let raw: SituationForm =
                serde_json::to_value(form).and_then(serde_json::from_value).map_err(|_| AppError::BadRequest)?;
            match raw.parse() {
                Ok(input) => {
                    let codes: Vec<situation::Code> = input
                        .coded()
                        .into_iter()
                        .filter_map(|(field, list, code)| code.map(|code| situation::Code { field, list, code }))
                        .collect();
                    if let Err(AppError::Invalid(bad)) = check_codes(cx, &codes).await {
                        errors.extend(bad);
                    }
                    // The observations of the fiche are not part of the EA: they stay as they are.
                    c.menage = SituationForm { observations: c.menage.observations.clone(), ..raw };
                }
                Err(bad) => errors.extend(bad),
            }
            c.souhaits = text(&mut errors, "souhaits", SOUHAITS_MAX);
        }
        Etape::Orientation => {
            let besoins: Vec<String> = form
                .iter()
                .filter(|(k, v)| k.starts_with("besoin_") && crate::fields::checked(v))
                .map(|(k, _)| k[7..].to_string())
                .collect();
            let preconisation = form.get("preconisation").map(|v| v.trim().to_string()).unwrap_or_default();
            let mut codes: Vec<situation::Code> = besoins
                .iter()
                .map(|b| situation::Code { field: "besoins", list: "besoins_accompagnement", code: b })
                .collect();
            if !preconisation.is_empty() {
                codes.push(situation::Code {
                    field: "preconisation",
                    list: "types_etablissement_un",
                    code: &preconisation,
                });
            }
            if let Err(AppError::Invalid(bad)) = check_codes(cx, &codes).await {
                errors.extend(bad);
            }
            c.synthese = text(&mut errors, "synthese", SYNTHESE_MAX);
            (c.besoins, c.preconisation) = (besoins, preconisation);
        }
    }
    finish(errors, false)
}

/// The fields of the sensitive block the health step edits.
pub const SANTE_FIELDS: [&str; 10] = [
    "probleme_sante",
    "sante_physique",
    "sante_psychique",
    "addiction",
    "mobilite_reduite",
    "fauteuil",
    "suivi_medical",
    "victime_violences",
    "violences_conjugales",
    "justice_statut",
];

/// The draft moved on since the form was loaded (another tab): the form takes the current version.
#[cfg(feature = "ssr")]
fn stale(stored: &Stored) -> AppError {
    AppError::Stale { current_version: stored.version, changes: vec![] }
}

#[cfg(feature = "ssr")]
fn finish(errors: Vec<FieldError>, sante: bool) -> Result<bool, AppError> {
    if errors.is_empty() {
        Ok(sante)
    } else {
        Err(errors.into())
    }
}

/// Writes into the fiche what the EA changed (persons' situations, the ménage's situation, health), each
/// with its history line; the names of what changed.
#[cfg(feature = "ssr")]
async fn write_to_fiche(cx: &Ctx, tx: &mut sqlx::PgConnection, stored: &Stored) -> Result<Vec<String>, AppError> {
    let (user, menage_id, action) = (cx.user.user_id, stored.menage_id, "Évaluation approfondie");
    let mut changed = vec![];
    let current = situations::situations(tx, menage_id).await?;
    for ea in &stored.contenu.personnes {
        let Some(before) = current.iter().find(|s| s.personne_id == ea.personne_id) else { continue };
        if before.values == ea.values {
            continue;
        }
        let version = situations::bump_personne(tx, ea.personne_id, None, user).await?.ok_or(AppError::NotFound)?;
        situations::save_situations(tx, ea.personne_id, &ea.values, user).await?;
        let after = situations::situations(tx, menage_id).await?;
        let after = after.iter().find(|s| s.personne_id == ea.personne_id).ok_or(AppError::NotFound)?;
        history::write(tx, Object::Personne, ea.personne_id, version, action, user, (Some(before), after), None)
            .await?;
        changed.push(format!("situations de {}", ea.nom));
    }
    let fiche = menages::load_in(tx, menage_id).await?;
    let wanted = SituationForm { observations: fiche.situation.observations.clone(), ..stored.contenu.menage.clone() };
    if wanted != fiche.situation {
        let input = wanted.parse()?;
        let version =
            menages::update_situation(tx, menage_id, fiche.version, &input, user).await?.ok_or(AppError::NotFound)?;
        let after = menages::load_in(tx, menage_id).await?;
        history::write(tx, Object::Menage, menage_id, version, action, user, (Some(&fiche), &after), None).await?;
        changed.push("situation du ménage".into());
    }
    if let Some(sante) = &stored.sante {
        let current = menages::sensibles(tx, menage_id).await?;
        for s in sante {
            let Some(before) = current.iter().find(|c| c.personne_id == s.personne_id) else { continue };
            if before.form == s.form {
                continue;
            }
            let version = menages::update_sensible(tx, s.personne_id, before.version, &s.form, user)
                .await?
                .ok_or(AppError::NotFound)?;
            let after = menages::sensibles(tx, menage_id).await?;
            let after = after.iter().find(|c| c.personne_id == s.personne_id).ok_or(AppError::NotFound)?;
            history::write(
                tx,
                Object::SituationMedicoSociale,
                s.personne_id,
                version,
                action,
                user,
                (Some(before), after),
                None,
            )
            .await?;
            changed.push(format!("santé de {}", s.nom));
        }
    }
    Ok(changed)
}

/// The note sociale an EA publishes: its synthesis and recommended orientation.
#[cfg(feature = "ssr")]
async fn note_sociale(cx: &Ctx, stored: &Stored) -> Result<(Uuid, crate::note::model::NoteInput), AppError> {
    let options = referentiel::options_for(cx.db(), &["types_etablissement_un"]).await?;
    let c = &stored.contenu;
    let preco = options[0].iter().find(|(code, _)| *code == c.preconisation).map(|(_, l)| l.clone());
    let corps = format!("{}\n\nOrientation préconisée : {}", c.synthese.trim(), preco.unwrap_or_default());
    let titre = format!("Évaluation approfondie du {}", chrono::Utc::now().format("%d/%m/%Y"));
    let note = crate::note::model::NoteInput {
        nature: crate::note::model::Nature::NoteSociale,
        titre,
        corps: crate::note::model::normalize_corps(&corps),
        date_entretien: None,
        personnes: vec![],
        confidentielle: false,
        publier: true,
    };
    Ok((Uuid::new_v4(), note))
}
