//! Server functions of the duplicates: the pairs to examine, the merge, its undo, a pair declared distinct.
//! Under the matrix's Personne / Supprimer cell (Administrateur SIAO: "fusion de doublons"), on both
//! persons' ménages. A merge is one transaction; so is its undo.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uuid::Uuid;

use super::fusion::{FusionLine, Pair};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {
    super::fusion::{fill_gaps, merged, Avant, PairPerson},
    super::fusion_repo as fusions,
    super::repo,
    super::server::{authorize_menage, checked_personne, stale, NO_FIELDS},
    super::situation_repo as situations,
    super::situation_server::authorize_personne,
    crate::handler::Guarded,
    crate::history::repo as history,
    crate::rights::model::Object,
};

server_fns! {
    DuplicatePairs => matrix(Personne, Supprimer),
    MergePersonnes => matrix(Personne, Supprimer),
    UndoMerge => matrix(Personne, Supprimer),
    DismissPair => matrix(Personne, Supprimer),
}

/// The likely duplicates in the user's départements, and the recent merges.
#[server(prefix = "/api/menages", endpoint = "doublons")]
pub async fn duplicate_pairs() -> Result<(Vec<Pair>, Vec<FusionLine>), AppError> {
    DuplicatePairs::run(async |cx| {
        let departements = &cx.user.departements;
        let mut conn = cx.db().acquire().await?;
        let mut pairs = vec![];
        for c in fusions::candidates(cx.db(), departements).await? {
            let a = pair_person(&mut conn, c.a, c.menage_a).await?;
            let b = pair_person(&mut conn, c.b, c.menage_b).await?;
            let (a, b) = if a.numero <= b.numero { (a, b) } else { (b, a) };
            pairs.push(Pair { a, b, raison: c.raison });
        }
        Ok((pairs, fusions::recent(cx.db(), departements).await?))
    })
    .await
}

/// Merges `absorbee` into `survivante` (or the other way with `form[conserver]` = `b`): the survivor's
/// identity takes the values chosen (`form[<field>]` = `b` for the second person's), its situations are completed, the absorbed person's budget lines
/// move to it; the absorbed person leaves its ménage, kept and marked merged. The merge's id.
#[server(prefix = "/api/menages", endpoint = "fusion")]
pub async fn merge_personnes(
    survivante: Uuid,
    absorbee: Uuid,
    version_survivante: i32,
    version_absorbee: i32,
    #[server(default)] form: BTreeMap<String, String>,
) -> Result<Uuid, AppError> {
    MergePersonnes::run(async move |mut cx| {
        // `form[conserver]` = `b`: the second fiche is kept; the choices are then read the other way.
        let (survivante, absorbee, version_survivante, version_absorbee, form) =
            match form.get("conserver").is_some_and(|v| v == "b") {
                false => (survivante, absorbee, version_survivante, version_absorbee, form),
                true => (absorbee, survivante, version_absorbee, version_survivante, swapped(form)),
            };
        let menage_a = authorize_personne(&mut cx, survivante).await?;
        authorize_personne(&mut cx, absorbee).await?;
        if survivante == absorbee {
            return Err(AppError::invalid("absorbee", "Choisissez deux personnes différentes."));
        }
        let user = cx.user.user_id;
        let mut tx = cx.db().begin().await?;
        for (id, version) in [(survivante, version_survivante), (absorbee, version_absorbee)] {
            let (current, merged) = fusions::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
            if merged {
                return Err(AppError::invalid("absorbee", "Cette personne a déjà été fusionnée."));
            }
            if current != version {
                return Err(stale(&cx, Object::Personne, id, version, current).await);
            }
        }
        let (membre_id, menage_b, role_b) = fusions::membership(&mut tx, absorbee).await?.ok_or(AppError::NotFound)?;
        if role_b == "demandeur_principal" && fusions::others(&mut tx, menage_b, absorbee).await? > 0 {
            let message = "Cette personne est demandeur principal d'un ménage qui a d'autres membres : désignez d'abord un autre demandeur principal de ce ménage.";
            return Err(AppError::invalid("absorbee", message));
        }
        let pa = repo::personne_in(&mut tx, menage_a, survivante).await?;
        let pb = repo::personne_in(&mut tx, menage_b, absorbee).await?;
        let input = checked_personne(&cx, &merged(&pa.form, &pb.form, &form)).await?;
        let (sa, sb) = (fusions::situations_of(&mut tx, survivante).await?, fusions::situations_of(&mut tx, absorbee).await?);
        let avant = Avant { form: pa.form.clone(), situations: sa.clone() };
        let version = repo::update_personne(&mut tx, survivante, version_survivante, &input, user)
            .await?
            .ok_or(AppError::NotFound)?;
        if let Some(sb) = sb {
            situations::save_situations(&mut tx, survivante, &fill_gaps(&sa.unwrap_or_default(), &sb), user).await?;
        }
        let lignes = fusions::move_budget(&mut tx, absorbee, survivante).await?;
        fusions::end_membership(&mut tx, membre_id, user).await?;
        let version_b = fusions::mark_merged(&mut tx, absorbee, Some(survivante), user).await?;
        let after = repo::personne_in(&mut tx, menage_a, survivante).await?;
        let comment = format!("Absorbe {} (clé {})", pb.full_name(), pb.cle);
        history::write(&mut tx, Object::Personne, survivante, version, "Fusion", user, (Some(&pa), &after), Some(&comment))
            .await?;
        let comment = format!("Fusionnée dans {} (clé {})", after.full_name(), after.cle);
        history::write(&mut tx, Object::Personne, absorbee, version_b, "Fusion", user, NO_FIELDS, Some(&comment)).await?;
        let id = Uuid::new_v4();
        fusions::insert(&mut tx, id, (survivante, absorbee), membre_id, &avant, version, &lignes, user).await?;
        tx.commit().await?;
        cx.created(id);
        cx.done("fusionner").await;
        Ok(id)
    })
    .await
}

/// Undoes a merge: the survivor gets back its identity and situations, the absorbed person its budget
/// lines and its place in its ménage; the pair is never proposed again. Refused once the survivor was
/// changed after the merge (those changes would be lost).
#[server(prefix = "/api/menages", endpoint = "fusion-annuler")]
pub async fn undo_merge(id: Uuid) -> Result<(), AppError> {
    UndoMerge::run(async move |mut cx| {
        let user = cx.user.user_id;
        let mut tx = cx.db().begin().await?;
        let f = fusions::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let menage_a = authorize_personne(&mut cx, f.survivante).await?;
        let menage_b = match f.membre_id {
            Some(m) => fusions::membership_menage(&mut tx, m).await?.ok_or(AppError::NotFound)?,
            None => return Err(AppError::NotFound),
        };
        authorize_menage(&mut cx, menage_b).await?;
        if f.annulee {
            return Err(AppError::invalid("fusion", "Cette fusion est déjà annulée."));
        }
        let (version, _) = fusions::lock(&mut tx, f.survivante).await?.ok_or(AppError::NotFound)?;
        if version != f.version_apres {
            let message = "La personne conservée a été modifiée depuis la fusion : l'annuler effacerait ces modifications. Corrigez les fiches à la main.";
            return Err(AppError::invalid("fusion", message));
        }
        let before = repo::personne_in(&mut tx, menage_a, f.survivante).await?;
        let input = checked_personne(&cx, &f.avant.form).await?;
        let version = repo::update_personne(&mut tx, f.survivante, version, &input, user)
            .await?
            .ok_or(AppError::NotFound)?;
        match &f.avant.situations {
            Some(values) => situations::save_situations(&mut tx, f.survivante, values, user).await?,
            None => fusions::delete_situations(&mut tx, f.survivante).await?,
        }
        fusions::give_back_budget(&mut tx, &f.lignes_budget, f.absorbee).await?;
        if let Some(m) = f.membre_id {
            fusions::reopen_membership(&mut tx, m).await.map_err(|e| match e {
                sqlx::Error::Database(d) if d.constraint().is_some() => AppError::invalid(
                    "fusion",
                    "Le ménage d'origine a changé depuis (un autre demandeur principal) : rattachez la personne à la main.",
                ),
                other => other.into(),
            })?;
        }
        let version_b = fusions::mark_merged(&mut tx, f.absorbee, None, user).await?;
        fusions::set_aside(&mut tx, f.survivante, f.absorbee, "fusion annulée", user).await?;
        fusions::mark_undone(&mut tx, id, user).await?;
        let after = repo::personne_in(&mut tx, menage_a, f.survivante).await?;
        let action = "Fusion annulée";
        history::write(&mut tx, Object::Personne, f.survivante, version, action, user, (Some(&before), &after), None)
            .await?;
        let comment = format!("Séparée de {} (clé {})", after.full_name(), after.cle);
        history::write(&mut tx, Object::Personne, f.absorbee, version_b, action, user, NO_FIELDS, Some(&comment)).await?;
        tx.commit().await?;
        cx.done("annuler_fusion").await;
        Ok(())
    })
    .await
}

/// Two persons the administrator knows to be distinct: never proposed again.
#[server(prefix = "/api/menages", endpoint = "doublons-ecarter")]
pub async fn dismiss_pair(a: Uuid, b: Uuid) -> Result<(), AppError> {
    DismissPair::run(async move |mut cx| {
        authorize_personne(&mut cx, a).await?;
        authorize_personne(&mut cx, b).await?;
        if a == b {
            return Err(AppError::invalid("b", "Choisissez deux personnes différentes."));
        }
        let mut conn = cx.db().acquire().await?;
        fusions::set_aside(&mut conn, a, b, "personnes distinctes", cx.user.user_id).await?;
        cx.done("ecarter_doublon").await;
        Ok(())
    })
    .await
}

/// The choices read from the other fiche's side (`a` and `b` exchanged).
#[cfg(feature = "ssr")]
fn swapped(form: BTreeMap<String, String>) -> BTreeMap<String, String> {
    let other = |v: String| match v.as_str() {
        "a" => "b".to_string(),
        "b" => "a".to_string(),
        _ => v,
    };
    form.into_iter().map(|(k, v)| (k, other(v))).collect()
}

#[cfg(feature = "ssr")]
async fn pair_person(conn: &mut sqlx::PgConnection, id: Uuid, menage: Uuid) -> Result<PairPerson, AppError> {
    let p = repo::personne_in(conn, menage, id).await?;
    let (numero, departement_code) = fusions::menage_numero(conn, menage).await?;
    let date = crate::fields::date(&p.form.date_naissance).map(|d| d.format("%d/%m/%Y").to_string());
    let shown =
        [("sexe", p.sexe_label.clone()), ("nationalite", p.nationalite_label.clone()), ("date_naissance", date)]
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_string(), v?)))
            .collect();
    Ok(PairPerson {
        id,
        version: p.version,
        nom: p.full_name(),
        form: p.form,
        shown,
        menage_id: menage,
        numero,
        departement_code,
    })
}
