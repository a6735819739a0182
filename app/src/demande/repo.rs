//! SQL of the demandes, their history, the orientations and the places they hold, the notifications.
//! A change of state is one `UPDATE ... WHERE statut = <from> AND version = <seen>` and one history line, in
//! the caller's transaction: a step taken meanwhile by someone else makes it fail, never half-apply.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{
    AttenteLine, CommissionLine, CommissionView, Compatible, Decision, DemandeInput, DemandeLine, DemandeView,
    EvenementView, Event, Nature, NotificationView, OrientationStatut, OrientationView, PlacesLibres, PointView,
    Statut, PAGE_SIZE,
};
use crate::menage::model::Composition;
use crate::rights::authorize::Principal;
use crate::rights::model::Scope;

/// What the rules need of a stored demande.
#[derive(Clone, Debug)]
pub struct Stored {
    pub id: Uuid,
    pub numero: i64,
    pub nature: Nature,
    pub statut: Statut,
    pub menage_id: Uuid,
    pub menage_numero: i64,
    pub departement_code: String,
    pub version: i32,
    pub created_by: Uuid,
    pub personnes: Vec<Uuid>,
    pub composition_code: Option<String>,
    pub nb_personnes: i32,
    pub preconisations: Vec<String>,
    pub situation_demande: Option<String>,
    pub motif_demande: Option<String>,
}

pub async fn stored(pool: &PgPool, id: Uuid) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT d.numero, d.nature, d.statut, d.menage_id, m.numero AS menage_numero, d.departement_code,
                  d.version, d.created_by, d.personne_ids, d.composition_code,
                  d.nb_adultes + d.nb_mineurs AS "nb!", d.preconisations, d.situation_demande, d.motif_demande
           FROM demandes d JOIN menages m ON m.id = d.menage_id WHERE d.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| {
        Some(Stored {
            id,
            numero: r.numero,
            nature: Nature::from_code(&r.nature)?,
            statut: Statut::from_code(&r.statut)?,
            menage_id: r.menage_id,
            menage_numero: r.menage_numero,
            departement_code: r.departement_code,
            version: r.version,
            created_by: r.created_by,
            personnes: r.personne_ids,
            composition_code: r.composition_code,
            nb_personnes: r.nb,
            preconisations: r.preconisations,
            situation_demande: r.situation_demande,
            motif_demande: r.motif_demande,
        })
    }))
}

/// The first dispositif of the user (the structure a travailleur social writes from).
pub fn prescripteur(user: &Principal) -> Option<Uuid> {
    user.dispositifs.first().copied()
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_insertion(
    conn: &mut PgConnection,
    id: Uuid,
    menage: Uuid,
    departement: &str,
    input: &DemandeInput,
    composition: &Composition,
    evaluation: Option<Uuid>,
    user: &Principal,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, situation_demande,
                               motif_demande, preconisations, evaluation_id, observations, composition_code,
                               nb_adultes, nb_mineurs, prescripteur_dispositif_id, created_by)
         VALUES ($1, 'insertion', $2, $3, $4, 'brouillon', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        id,
        menage,
        departement,
        &input.personnes,
        input.situation_demande,
        input.motif_demande,
        &input.preconisations,
        evaluation,
        input.observations,
        composition.code,
        composition.adultes as i32,
        composition.mineurs as i32,
        prescripteur(user),
        user.user_id
    )
    .execute(&mut *conn)
    .await?;
    history(conn, id, user.user_id, Event::Creer, None, Statut::Brouillon, None, None).await
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_appel(
    conn: &mut PgConnection,
    id: Uuid,
    menage: Uuid,
    departement: &str,
    input: &super::model::AppelInput,
    composition: &Composition,
    user: &Principal,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, appel_at, motif_appel,
                               vulnerabilites, observations, composition_code, nb_adultes, nb_mineurs,
                               en_attente_depuis, created_by)
         VALUES ($1, 'urgence_115', $2, $3, $4, 'en_attente', now(), $5, $6, $7, $8, $9, $10, now(), $11)",
        id,
        menage,
        departement,
        &input.personnes,
        input.motif_appel,
        input.vulnerabilites,
        input.observations,
        composition.code,
        composition.adultes as i32,
        composition.mineurs as i32,
        user.user_id
    )
    .execute(&mut *conn)
    .await?;
    history(conn, id, user.user_id, Event::Creer, None, Statut::EnAttente, Some(&input.motif_appel), None).await
}

/// Saves the content of a demande still at `version` in `statut`; its new version.
pub async fn update_content(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    input: &DemandeInput,
    composition: &Composition,
    user: Uuid,
) -> Result<Option<i32>, sqlx::Error> {
    let row = sqlx::query!(
        "UPDATE demandes SET personne_ids = $3, situation_demande = $4, motif_demande = $5, preconisations = $6,
                observations = $7, composition_code = $8, nb_adultes = $9, nb_mineurs = $10,
                version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND statut IN ('brouillon', 'a_completer', 'a_mettre_a_jour')
         RETURNING version, statut",
        id,
        version,
        &input.personnes,
        input.situation_demande,
        input.motif_demande,
        &input.preconisations,
        input.observations,
        composition.code,
        composition.adultes as i32,
        composition.mineurs as i32,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let statut = Statut::from_code(&row.statut).unwrap_or(Statut::Brouillon);
    history(conn, id, user, Event::Modifier, Some(statut), statut, None, None).await?;
    Ok(Some(row.version))
}

/// One step of the state machine, if the demande is still at `version` in `from`: the state, the dates it
/// sets, the history line. False when someone moved it meanwhile.
#[allow(clippy::too_many_arguments)]
pub async fn transition(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    from: Statut,
    to: Statut,
    event: Event,
    user: Uuid,
    motif: Option<&str>,
    commentaire: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE demandes SET statut = $4, version = version + 1, updated_at = now(),
                transmise_initiale_at = CASE WHEN $5 = 'transmettre' THEN coalesce(transmise_initiale_at, now())
                                             ELSE transmise_initiale_at END,
                transmise_at = CASE WHEN $5 = 'transmettre' THEN now() ELSE transmise_at END,
                en_attente_depuis = CASE WHEN $4 = 'en_attente' THEN coalesce(en_attente_depuis, now())
                                         ELSE en_attente_depuis END,
                motif_fin = CASE WHEN $4 = 'annulee' THEN $6 WHEN $5 = 'reactiver' THEN NULL ELSE motif_fin END
         WHERE id = $1 AND version = $2 AND statut = $3",
        id,
        version,
        from.code(),
        to.code(),
        event.code(),
        motif
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if done {
        history(conn, id, user, event, Some(from), to, motif, commentaire).await?;
    }
    Ok(done)
}

/// The priority of a demande on the waiting list.
pub async fn set_priorite(conn: &mut PgConnection, id: Uuid, priorite: bool) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE demandes SET priorite = $2 WHERE id = $1", id, priorite).execute(conn).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn history(
    conn: &mut PgConnection,
    id: Uuid,
    user: Uuid,
    event: Event,
    from: Option<Statut>,
    to: Statut,
    motif: Option<&str>,
    commentaire: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO demande_evenements (demande_id, by_user, evenement, de, vers, motif, commentaire)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id,
        user,
        event.code(),
        from.map(|f| f.code()),
        to.code(),
        motif,
        commentaire
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The latest finalised EA of the ménage (a new demande relies on it).
pub async fn latest_evaluation(conn: &mut PgConnection, menage: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT id FROM evaluations WHERE menage_id = $1 AND statut = 'finale' ORDER BY finalisee_at DESC LIMIT 1",
        menage
    )
    .fetch_optional(conn)
    .await
}

/// The label of a référentiel code, or the code itself.
async fn labelled(pool: &PgPool, list: &str, code: Option<String>) -> Result<Option<(String, String)>, sqlx::Error> {
    let Some(code) = code else { return Ok(None) };
    let label = crate::referentiel::repo::value(pool, list, &code).await?.map(|v| v.label);
    Ok(Some((code.clone(), label.unwrap_or(code))))
}

/// A demande, whole, as `user` sees it.
pub async fn view(pool: &PgPool, id: Uuid, user: &Principal) -> Result<Option<DemandeView>, sqlx::Error> {
    let Some(r) = sqlx::query!(
        r#"SELECT d.numero, d.nature, d.menage_id, m.numero AS menage_numero, d.departement_code, d.statut,
                  d.personne_ids, d.situation_demande, d.motif_demande, d.preconisations, d.evaluation_id,
                  d.observations, d.appel_at AS "appel_at: DateTime<Utc>", d.motif_appel, d.vulnerabilites,
                  coalesce(c.label, 'Composition à préciser') AS "composition!", d.nb_adultes + d.nb_mineurs AS "nb!",
                  d.priorite, disp.nom AS "prescripteur?",
                  d.transmise_initiale_at AS "transmise_initiale_at: DateTime<Utc>",
                  d.en_attente_depuis AS "en_attente_depuis: DateTime<Utc>", mf.label AS "motif_fin?",
                  d.origine = 'admission_directe' AS "admission_directe!", u.prenom || ' ' || u.nom AS "auteur!", d.created_by, d.created_at AS "created_at: DateTime<Utc>",
                  d.version
           FROM demandes d
           JOIN menages m ON m.id = d.menage_id
           JOIN users u ON u.id = d.created_by
           LEFT JOIN dispositifs disp ON disp.id = d.prescripteur_dispositif_id
           LEFT JOIN referentiel_valeurs c ON c.referentiel = 'compositions' AND c.code = d.composition_code
           LEFT JOIN referentiel_valeurs mf ON mf.referentiel = 'motif_annulation_demande' AND mf.code = d.motif_fin
           WHERE d.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let personnes = sqlx::query!(
        r#"SELECT p.id, p.prenoms || ' ' || coalesce(p.nom_usage, p.nom_naissance) AS "nom!"
           FROM personnes p WHERE p.id = ANY ($1) ORDER BY p.date_naissance NULLS LAST, p.id"#,
        &r.personne_ids
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|p| (p.id, p.nom))
    .collect();
    let mut preconisations = vec![];
    for code in r.preconisations {
        preconisations.extend(labelled(pool, "types_etablissement_un", Some(code)).await?);
    }
    Ok(Some(DemandeView {
        id,
        numero: r.numero,
        nature: Nature::from_code(&r.nature).unwrap_or(Nature::Insertion),
        menage_id: r.menage_id,
        menage_numero: r.menage_numero,
        departement_code: r.departement_code,
        statut: Statut::from_code(&r.statut).unwrap_or(Statut::Brouillon),
        personnes,
        situation_demande: labelled(pool, "situation_demandes", r.situation_demande).await?,
        motif_demande: labelled(pool, "motif_demandes", r.motif_demande).await?,
        preconisations,
        evaluation_id: r.evaluation_id,
        observations: r.observations,
        appel_at: r.appel_at,
        motif_appel: labelled(pool, "motif_appel_115", r.motif_appel).await?,
        vulnerabilites: r.vulnerabilites,
        composition: r.composition,
        nb_personnes: r.nb,
        priorite: r.priorite,
        prescripteur: r.prescripteur,
        transmise_initiale_at: r.transmise_initiale_at,
        en_attente_depuis: r.en_attente_depuis,
        motif_fin: r.motif_fin,
        admission_directe: r.admission_directe,
        auteur: r.auteur,
        mine: r.created_by == user.user_id,
        created_at: r.created_at,
        version: r.version,
        historique: events(pool, id).await?,
        orientations: orientations_where(pool, Filter::Demande(id)).await?,
    }))
}

async fn events(pool: &PgPool, id: Uuid) -> Result<Vec<EvenementView>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT e.at AS "at: DateTime<Utc>", coalesce(u.prenom || ' ' || u.nom, 'Système') AS "par!", e.evenement,
                  e.de, e.vers, coalesce(mv.label, e.motif) AS motif, e.commentaire
           FROM demande_evenements e
           LEFT JOIN users u ON u.id = e.by_user
           LEFT JOIN referentiel_valeurs mv ON mv.code = e.motif
                AND mv.referentiel IN ('motif_annulation_demande', 'motif_refus_orientation', 'motif_appel_115',
                                       'situation_sortie_demande')
           WHERE e.demande_id = $1 ORDER BY e.id"#,
        id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EvenementView {
            at: r.at,
            par: r.par,
            evenement: Event::from_code(&r.evenement).map(|e| e.label().to_string()).unwrap_or(r.evenement),
            de: r.de.as_deref().and_then(Statut::from_code),
            vers: Statut::from_code(&r.vers).unwrap_or(Statut::Brouillon),
            motif: r.motif,
            commentaire: r.commentaire,
        })
        .collect())
}

/// The ids of a ménage's demandes of these natures, newest first.
pub async fn of_menage(pool: &PgPool, menage: Uuid, natures: &[&str]) -> Result<Vec<Uuid>, sqlx::Error> {
    let natures: Vec<String> = natures.iter().map(|n| n.to_string()).collect();
    sqlx::query_scalar!(
        "SELECT id FROM demandes WHERE menage_id = $1 AND nature = ANY ($2) ORDER BY created_at DESC",
        menage,
        &natures
    )
    .fetch_all(pool)
    .await
}

/// Which orientations a list shows.
pub enum Filter<'a> {
    Demande(Uuid),
    One(Uuid),
    /// Live ones in these dispositifs.
    Dispositifs(&'a [Uuid]),
    /// Live ones in the dispositifs of these départements.
    Departements(&'a [String]),
    /// Live ones in the dispositifs of an entité.
    Entite(Uuid),
}

pub async fn orientations_where(pool: &PgPool, filter: Filter<'_>) -> Result<Vec<OrientationView>, sqlx::Error> {
    let (demande, one, dispositifs, departements, entite) = match filter {
        Filter::Demande(id) => (Some(id), None, None, None, None),
        Filter::One(id) => (None, Some(id), None, None, None),
        Filter::Dispositifs(d) => (None, None, Some(d.to_vec()), None, None),
        Filter::Departements(d) => (None, None, None, Some(d.to_vec()), None),
        Filter::Entite(e) => (None, None, None, None, Some(e)),
    };
    let rows = sqlx::query!(
        r#"SELECT o.id, o.demande_id, d.numero AS demande_numero, d.nature, o.menage_id, m.numero AS menage_numero,
                  coalesce(c.label, 'Composition à préciser') AS "composition!", o.groupe_id, g.nom AS groupe,
                  o.dispositif_id, disp.nom AS dispositif, o.statut, o.nb_places, mr.label AS "motif_refus?",
                  o.commentaire, o.arrivee_le AS "arrivee_le: NaiveDate", o.sortie_le AS "sortie_le: NaiveDate",
                  ss.label AS "situation_sortie?", o.created_at AS "created_at: DateTime<Utc>", o.version
           FROM orientations o
           JOIN demandes d ON d.id = o.demande_id
           JOIN menages m ON m.id = o.menage_id
           JOIN groupes_places g ON g.id = o.groupe_id
           JOIN dispositifs disp ON disp.id = o.dispositif_id
           LEFT JOIN referentiel_valeurs c ON c.referentiel = 'compositions' AND c.code = d.composition_code
           LEFT JOIN referentiel_valeurs mr ON mr.referentiel = 'motif_refus_orientation' AND mr.code = o.motif_refus
           LEFT JOIN referentiel_valeurs ss ON ss.referentiel = 'situation_sortie_demande' AND ss.code = o.situation_sortie
           WHERE ($1::uuid IS NULL OR o.demande_id = $1)
             AND ($2::uuid IS NULL OR o.id = $2)
             AND ($3::uuid[] IS NULL OR (o.dispositif_id = ANY ($3) AND o.statut IN ('proposee', 'acceptee', 'admise')))
             AND ($4::text[] IS NULL OR (disp.departement_code = ANY ($4) AND o.statut IN ('proposee', 'acceptee', 'admise')))
             AND ($5::uuid IS NULL OR (disp.entite_id = $5 AND o.statut IN ('proposee', 'acceptee', 'admise')))
           ORDER BY o.created_at DESC
           LIMIT 500"#,
        demande,
        one,
        dispositifs.as_deref(),
        departements.as_deref(),
        entite
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| OrientationView {
            id: r.id,
            demande_id: r.demande_id,
            demande_numero: r.demande_numero,
            nature: Nature::from_code(&r.nature).unwrap_or(Nature::Insertion),
            menage_id: r.menage_id,
            menage_numero: r.menage_numero,
            composition: r.composition,
            groupe_id: r.groupe_id,
            groupe: r.groupe,
            dispositif_id: r.dispositif_id,
            dispositif: r.dispositif,
            statut: OrientationStatut::from_code(&r.statut).unwrap_or(OrientationStatut::Annulee),
            nb_places: r.nb_places,
            motif_refus: r.motif_refus,
            commentaire: r.commentaire,
            arrivee_le: r.arrivee_le,
            sortie_le: r.sortie_le,
            situation_sortie: r.situation_sortie,
            created_at: r.created_at,
            version: r.version,
        })
        .collect())
}

/// The filters of the waiting list.
#[derive(Clone, Debug, Default)]
pub struct AttenteFilter {
    pub composition: Option<String>,
    pub preconisation: Option<String>,
    pub priorite: bool,
    pub page: i64,
}

/// The waiting list of these départements: priority first, then seniority (first transmission); a page
/// and the total.
pub async fn liste_attente(
    pool: &PgPool,
    departements: &[String],
    f: &AttenteFilter,
) -> Result<(Vec<AttenteLine>, i64), sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT row_number() OVER (ORDER BY d.priorite DESC, d.transmise_initiale_at, d.numero) AS "rang!",
                  count(*) OVER () AS "total!",
                  d.id, d.numero, d.menage_id, m.numero AS menage_numero,
                  (SELECT p.prenoms || ' ' || coalesce(p.nom_usage, p.nom_naissance)
                   FROM menage_membres mm JOIN personnes p ON p.id = mm.personne_id
                   WHERE mm.menage_id = d.menage_id AND mm.jusqu_au IS NULL AND mm.role = 'demandeur_principal') AS demandeur,
                  coalesce(c.label, 'Composition à préciser') AS "composition!", d.nb_adultes + d.nb_mineurs AS "nb!",
                  d.preconisations, d.priorite, d.statut, d.transmise_initiale_at AS "transmise_initiale_at: DateTime<Utc>"
           FROM demandes d
           JOIN menages m ON m.id = d.menage_id
           LEFT JOIN referentiel_valeurs c ON c.referentiel = 'compositions' AND c.code = d.composition_code
           WHERE d.nature = 'insertion' AND d.statut IN ('en_attente', 'en_commission')
             AND d.departement_code = ANY ($1)
             AND ($2::text IS NULL OR d.composition_code = $2)
             AND ($3::text IS NULL OR $3 = ANY (d.preconisations))
             AND (NOT $4 OR d.priorite)
           ORDER BY d.priorite DESC, d.transmise_initiale_at, d.numero
           LIMIT $5 OFFSET $6"#,
        departements,
        f.composition,
        f.preconisation,
        f.priorite,
        PAGE_SIZE,
        f.page.max(0) * PAGE_SIZE
    )
    .fetch_all(pool)
    .await?;
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    let offset = f.page.max(0) * PAGE_SIZE;
    Ok((
        rows.into_iter()
            .map(|r| AttenteLine {
                rang: r.rang + offset,
                demande_id: r.id,
                numero: r.numero,
                menage_id: r.menage_id,
                menage_numero: r.menage_numero,
                demandeur: r.demandeur.unwrap_or_default(),
                composition: r.composition,
                nb_personnes: r.nb,
                preconisations: r.preconisations,
                priorite: r.priorite,
                statut: Statut::from_code(&r.statut).unwrap_or(Statut::EnAttente),
                transmise_initiale_at: r.transmise_initiale_at,
            })
            .collect(),
        total,
    ))
}

/// Demandes in `statuts`, of the user's territory (SIAO) or that he wrote or his dispositifs follow.
pub async fn lines(
    pool: &PgPool,
    user: &Principal,
    scope: Scope,
    statuts: &[Statut],
) -> Result<Vec<DemandeLine>, sqlx::Error> {
    let statuts: Vec<String> = statuts.iter().map(|s| s.code().to_string()).collect();
    let territorial = matches!(scope, Scope::All | Scope::Departement | Scope::Siao);
    let rows = sqlx::query!(
        r#"SELECT d.id, d.numero, d.nature, d.statut, d.menage_id, m.numero AS menage_numero,
                  coalesce(c.label, 'Composition à préciser') AS "composition!", u.prenom || ' ' || u.nom AS "auteur!",
                  d.updated_at AS "updated_at: DateTime<Utc>"
           FROM demandes d
           JOIN menages m ON m.id = d.menage_id
           JOIN users u ON u.id = d.created_by
           LEFT JOIN referentiel_valeurs c ON c.referentiel = 'compositions' AND c.code = d.composition_code
           WHERE d.statut = ANY ($1)
             AND CASE WHEN $2 THEN d.departement_code = ANY ($3)
                      ELSE d.created_by = $4 OR d.prescripteur_dispositif_id = ANY ($5) END
           ORDER BY d.updated_at DESC LIMIT 200"#,
        &statuts,
        territorial,
        &user.departements,
        user.user_id,
        &user.dispositifs
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DemandeLine {
            id: r.id,
            numero: r.numero,
            nature: Nature::from_code(&r.nature).unwrap_or(Nature::Insertion),
            statut: Statut::from_code(&r.statut).unwrap_or(Statut::Brouillon),
            menage_id: r.menage_id,
            menage_numero: r.menage_numero,
            composition: r.composition,
            auteur: r.auteur,
            updated_at: r.updated_at,
        })
        .collect())
}

/// The groupes de places of these départements that can take the demande now, best first: open on
/// `canaux`, active (an éphémère one in its period) in an active validated dispositif, with enough free
/// places for its persons. The public and the préconisations rank them (the caller drops the incompatible).
pub async fn candidates(
    pool: &PgPool,
    departements: &[String],
    canaux: &[&str],
    nb_places: i32,
) -> Result<Vec<Compatible>, sqlx::Error> {
    let canaux: Vec<String> = canaux.iter().map(|c| c.to_string()).collect();
    let rows = sqlx::query!(
        r#"SELECT g.id, g.nom, d.nom AS dispositif, coalesce(g.commune, d.commune) AS commune, g.canal, g.publics,
                  d.nature_code, count(p.id) AS "libres!"
           FROM groupes_places g
           JOIN dispositifs d ON d.id = g.dispositif_id
           JOIN places p ON p.groupe_id = g.id AND p.statut = 'libre' AND p.orientation_id IS NULL
           WHERE d.departement_code = ANY ($1) AND g.canal = ANY ($2)
             AND g.actif AND d.actif AND d.statut = 'valide'
             AND (NOT g.ephemere OR current_date BETWEEN g.date_debut AND g.date_fin)
           GROUP BY g.id, d.id
           HAVING count(p.id) >= $3
           ORDER BY count(p.id) DESC, g.nom"#,
        departements,
        &canaux,
        i64::from(nb_places)
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Compatible {
            groupe_id: r.id,
            groupe: r.nom,
            dispositif: r.dispositif,
            commune: r.commune,
            canal: r.canal,
            publics: r.publics,
            libres: r.libres,
            nature: r.nature_code,
            // Filled by the caller, which knows the demande.
            preconise: false,
            public_exact: false,
        })
        .collect())
}

/// What an orientation needs of its groupe: (dispositif, canal, département, entité, actif).
pub struct GroupeInfo {
    pub dispositif_id: Uuid,
    pub dispositif: String,
    pub canal: String,
    pub departement_code: String,
    pub entite_id: Uuid,
    pub publics: Vec<String>,
}

pub async fn groupe_info(pool: &PgPool, groupe: Uuid) -> Result<Option<GroupeInfo>, sqlx::Error> {
    let r = sqlx::query!(
        "SELECT g.dispositif_id, d.nom, g.canal, d.departement_code, d.entite_id, g.publics
         FROM groupes_places g JOIN dispositifs d ON d.id = g.dispositif_id
         WHERE g.id = $1 AND g.actif AND d.actif AND d.statut = 'valide'
           AND (NOT g.ephemere OR current_date BETWEEN g.date_debut AND g.date_fin)",
        groupe
    )
    .fetch_optional(pool)
    .await?;
    Ok(r.map(|r| GroupeInfo {
        dispositif_id: r.dispositif_id,
        dispositif: r.nom,
        canal: r.canal,
        departement_code: r.departement_code,
        entite_id: r.entite_id,
        publics: r.publics,
    }))
}

/// A new orientation: of a demande's ménage to a groupe, for `nb_places` persons; born `statut` (proposée,
/// acceptée for the 115, admise with its arrival date for an admission directe).
pub struct NewOrientation<'a> {
    pub id: Uuid,
    pub demande_id: Uuid,
    pub menage_id: Uuid,
    pub nb_places: i32,
    pub groupe: Uuid,
    pub dispositif: Uuid,
    pub statut: OrientationStatut,
    pub arrivee_le: Option<NaiveDate>,
    pub commentaire: Option<&'a str>,
}

/// Creates the orientation and takes `nb_places` free places of the groupe for it, in the caller's
/// transaction: false when there are not enough left (the caller rolls back).
pub async fn orient(conn: &mut PgConnection, o: &NewOrientation<'_>, user: Uuid) -> Result<bool, sqlx::Error> {
    let nb = o.nb_places.max(1);
    sqlx::query!(
        "INSERT INTO orientations (id, demande_id, menage_id, groupe_id, dispositif_id, statut, nb_places, commentaire,
                                   arrivee_le, created_by, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                 CASE WHEN $6 <> 'proposee' THEN $10::uuid END, CASE WHEN $6 <> 'proposee' THEN now() END)",
        o.id,
        o.demande_id,
        o.menage_id,
        o.groupe,
        o.dispositif,
        o.statut.code(),
        nb,
        o.commentaire,
        o.arrivee_le as _,
        user
    )
    .execute(&mut *conn)
    .await?;
    take_places(conn, o.id, o.groupe, nb, o.statut == OrientationStatut::Admise).await
}

/// Takes `nb` free places of the groupe for the orientation (occupied at once when `occupied`), under their
/// row locks, skipping those another transaction is taking: false when there are not enough left.
async fn take_places(
    conn: &mut PgConnection,
    orientation: Uuid,
    groupe: Uuid,
    nb: i32,
    occupied: bool,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query!(
        // A materialised CTE: the free places are chosen once (a subquery in FROM may be rescanned and
        // pick more).
        "WITH free AS MATERIALIZED (
             SELECT id FROM places WHERE groupe_id = $1 AND statut = 'libre' AND orientation_id IS NULL
             ORDER BY numero LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE places p SET orientation_id = $2, version = p.version + 1, updated_at = now(),
                statut = CASE WHEN $4 THEN 'occupee' ELSE p.statut END
         WHERE p.id IN (SELECT id FROM free) AND p.orientation_id IS NULL AND p.statut = 'libre'",
        groupe,
        orientation,
        i64::from(nb),
        occupied
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(taken == nb as u64)
}

/// Moves a prise en charge still at `version` to another groupe: its places are freed and as many are
/// occupied in `groupe`. `None` when someone moved it meanwhile, `Some(false)` when `groupe` lacks places.
pub async fn move_places(
    conn: &mut PgConnection,
    o: &StoredOrientation,
    version: i32,
    groupe: Uuid,
) -> Result<Option<bool>, sqlx::Error> {
    let nb = sqlx::query_scalar!(
        "UPDATE orientations SET groupe_id = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND statut = 'admise' RETURNING nb_places",
        o.id,
        version,
        groupe
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(nb) = nb else { return Ok(None) };
    free_places(conn, o.id).await?;
    Ok(Some(take_places(conn, o.id, groupe, nb, true).await?))
}

/// Frees the places an orientation holds.
async fn free_places(conn: &mut PgConnection, orientation: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE places SET statut = 'libre', orientation_id = NULL, version = version + 1, updated_at = now()
         WHERE orientation_id = $1",
        orientation
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A ménage admitted directly by a dispositif: the demande is born admitted (origine `admission_directe`),
/// with its history line; the caller adds the orientation.
#[allow(clippy::too_many_arguments)]
pub async fn insert_admission(
    conn: &mut PgConnection,
    id: Uuid,
    menage: Uuid,
    departement: &str,
    input: &super::model::AdmissionInput,
    composition: &Composition,
    dispositif: Uuid,
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO demandes (id, nature, origine, menage_id, departement_code, personne_ids, statut, observations,
                               composition_code, nb_adultes, nb_mineurs, prescripteur_dispositif_id, created_by)
         VALUES ($1, 'insertion', 'admission_directe', $2, $3, $4, 'admise', $5, $6, $7, $8, $9, $10)",
        id,
        menage,
        departement,
        &input.personnes,
        input.observations,
        composition.code,
        composition.adultes as i32,
        composition.mineurs as i32,
        dispositif,
        user
    )
    .execute(&mut *conn)
    .await?;
    history(conn, id, user, Event::AdmissionDirecte, None, Statut::Admise, None, None).await
}

/// How many ménages the dispositifs of `filter` admitted directly these last twelve months.
pub async fn admissions_directes(pool: &PgPool, filter: &Filter<'_>) -> Result<i64, sqlx::Error> {
    let (dispositifs, departements, entite) = match filter {
        Filter::Dispositifs(d) => (Some(d.to_vec()), None, None),
        Filter::Departements(d) => (None, Some(d.to_vec()), None),
        Filter::Entite(e) => (None, None, Some(*e)),
        Filter::Demande(_) | Filter::One(_) => return Ok(0),
    };
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM demandes d JOIN dispositifs disp ON disp.id = d.prescripteur_dispositif_id
           WHERE d.origine = 'admission_directe' AND d.created_at > now() - interval '12 months'
             AND ($1::uuid[] IS NULL OR disp.id = ANY ($1))
             AND ($2::text[] IS NULL OR d.departement_code = ANY ($2))
             AND ($3::uuid IS NULL OR disp.entite_id = $3)"#,
        dispositifs.as_deref(),
        departements.as_deref(),
        entite
    )
    .fetch_one(pool)
    .await
}

/// What the rules need of a stored orientation.
#[derive(Clone, Debug)]
pub struct StoredOrientation {
    pub id: Uuid,
    pub demande_id: Uuid,
    pub menage_id: Uuid,
    pub dispositif_id: Uuid,
    pub groupe_id: Uuid,
    pub dispositif: String,
    pub departement_code: String,
    pub entite_id: Uuid,
    pub statut: OrientationStatut,
    pub version: i32,
    pub created_by: Uuid,
    pub arrivee_le: Option<NaiveDate>,
}

pub async fn stored_orientation(pool: &PgPool, id: Uuid) -> Result<Option<StoredOrientation>, sqlx::Error> {
    let r = sqlx::query!(
        r#"SELECT o.demande_id, o.menage_id, o.dispositif_id, o.groupe_id, d.nom, d.departement_code, d.entite_id, o.statut,
                  o.version, o.created_by, o.arrivee_le AS "arrivee_le: NaiveDate"
           FROM orientations o JOIN dispositifs d ON d.id = o.dispositif_id WHERE o.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(r.and_then(|r| {
        Some(StoredOrientation {
            id,
            demande_id: r.demande_id,
            menage_id: r.menage_id,
            dispositif_id: r.dispositif_id,
            groupe_id: r.groupe_id,
            dispositif: r.nom,
            departement_code: r.departement_code,
            entite_id: r.entite_id,
            statut: OrientationStatut::from_code(&r.statut)?,
            version: r.version,
            created_by: r.created_by,
            arrivee_le: r.arrivee_le,
        })
    }))
}

/// What a step of an orientation records.
#[derive(Clone, Debug, Default)]
pub struct OrientationStep<'a> {
    pub motif_refus: Option<&'a str>,
    pub commentaire: Option<&'a str>,
    pub arrivee_le: Option<NaiveDate>,
    pub sortie_le: Option<NaiveDate>,
    pub situation_sortie: Option<&'a str>,
}

/// Moves an orientation still at `version` in `from` to `to`, and its places with it: released when it is
/// refused, cancelled or left; occupied on arrival. False when someone moved it meanwhile.
pub async fn orientation_step(
    conn: &mut PgConnection,
    o: &StoredOrientation,
    version: i32,
    to: OrientationStatut,
    step: &OrientationStep<'_>,
    user: Uuid,
) -> Result<bool, sqlx::Error> {
    let decision = matches!(to, OrientationStatut::Acceptee | OrientationStatut::Refusee);
    let moved = sqlx::query!(
        "UPDATE orientations SET statut = $4, version = version + 1, updated_at = now(),
                motif_refus = coalesce($5, motif_refus), commentaire = coalesce($6, commentaire),
                arrivee_le = coalesce($7, arrivee_le), sortie_le = coalesce($8, sortie_le),
                situation_sortie = coalesce($9, situation_sortie),
                decided_by = CASE WHEN $10 THEN $11 ELSE decided_by END,
                decided_at = CASE WHEN $10 THEN now() ELSE decided_at END
         WHERE id = $1 AND version = $2 AND statut = $3",
        o.id,
        version,
        o.statut.code(),
        to.code(),
        step.motif_refus,
        step.commentaire,
        step.arrivee_le as _,
        step.sortie_le as _,
        step.situation_sortie,
        decision,
        user
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !moved {
        return Ok(false);
    }
    if to == OrientationStatut::Admise {
        sqlx::query!(
            "UPDATE places SET statut = 'occupee', version = version + 1, updated_at = now() WHERE orientation_id = $1",
            o.id
        )
        .execute(&mut *conn)
        .await?;
    } else if !to.is_live() {
        free_places(conn, o.id).await?;
    }
    Ok(true)
}

/// Tonight's board: the groupes of these départements open to the 115 (urgence or mixte), their free,
/// held and occupied places.
pub async fn board(pool: &PgPool, departements: &[String]) -> Result<Vec<PlacesLibres>, sqlx::Error> {
    groupes_board(pool, Some(departements), None).await
}

/// The active groupes of the 115 board of these départements, or of these dispositifs (any channel), with
/// their free, held and occupied places; the freest first.
pub async fn groupes_board(
    pool: &PgPool,
    departements: Option<&[String]>,
    dispositifs: Option<&[Uuid]>,
) -> Result<Vec<PlacesLibres>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT g.id, g.nom, d.nom AS dispositif, coalesce(g.commune, d.commune) AS commune, g.canal, g.publics,
                  count(p.id) FILTER (WHERE p.statut = 'libre' AND p.orientation_id IS NULL) AS "libres!",
                  count(p.id) FILTER (WHERE p.statut = 'libre' AND p.orientation_id IS NOT NULL) AS "reservees!",
                  count(p.id) FILTER (WHERE p.statut = 'occupee') AS "occupees!"
           FROM groupes_places g
           JOIN dispositifs d ON d.id = g.dispositif_id
           LEFT JOIN places p ON p.groupe_id = g.id
           WHERE ($1::text[] IS NULL OR (d.departement_code = ANY ($1) AND g.canal IN ('urgence_115', 'mixte')))
             AND ($2::uuid[] IS NULL OR d.id = ANY ($2))
             AND g.actif AND d.actif AND d.statut = 'valide'
             AND (NOT g.ephemere OR current_date BETWEEN g.date_debut AND g.date_fin)
           GROUP BY g.id, d.id
           ORDER BY 7 DESC, g.nom"#,
        departements,
        dispositifs
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PlacesLibres {
            groupe_id: r.id,
            groupe: r.nom,
            dispositif: r.dispositif,
            commune: r.commune,
            canal: r.canal,
            publics: r.publics,
            libres: r.libres,
            occupees: r.occupees,
            reservees: r.reservees,
        })
        .collect())
}

/// The users to tell about an orientation received: the responsables and travailleurs sociaux of the
/// dispositif. (id, e-mail).
pub async fn dispositif_team(conn: &mut PgConnection, dispositif: Uuid) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT u.id, u.email FROM users u JOIN user_dispositifs ud ON ud.user_id = u.id
         WHERE ud.dispositif_id = $1 AND u.active AND u.profile = 'responsable_dispositif'",
        dispositif
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.email)).collect())
}

pub async fn email_of(conn: &mut PgConnection, user: Uuid) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!("SELECT email FROM users WHERE id = $1 AND active", user).fetch_optional(conn).await
}

pub async fn notify(
    conn: &mut PgConnection,
    user: Uuid,
    titre: &str,
    corps: &str,
    lien: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO notifications (user_id, titre, corps, lien) VALUES ($1, $2, $3, $4)",
        user,
        titre,
        corps,
        lien
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn notifications(pool: &PgPool, user: Uuid) -> Result<Vec<NotificationView>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT id, at AS "at: DateTime<Utc>", titre, corps, lien, lue_at IS NOT NULL AS "lue!"
           FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT 200"#,
        user
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NotificationView { id: r.id, at: r.at, titre: r.titre, corps: r.corps, lien: r.lien, lue: r.lue })
        .collect())
}

/// Marks the user's notifications read (one, or all).
pub async fn mark_read(pool: &PgPool, user: Uuid, id: Option<i64>) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!(
        "UPDATE notifications SET lue_at = now() WHERE user_id = $1 AND lue_at IS NULL AND ($2::bigint IS NULL OR id = $2)",
        user,
        id
    )
    .execute(pool)
    .await?
    .rows_affected())
}

pub async fn unread(pool: &PgPool, user: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM notifications WHERE user_id = $1 AND lue_at IS NULL"#, user)
        .fetch_one(pool)
        .await
}

// ---------------------------------------------------------------------------------------------------------
// Commissions

pub async fn insert_commission(
    pool: &PgPool,
    id: Uuid,
    departement: &str,
    input: &super::model::CommissionInput,
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO commissions (id, departement_code, date_seance, intitule, lieu, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
        id,
        departement,
        input.date_seance as _,
        input.intitule,
        input.lieu,
        user
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The sessions of these départements, the latest first (100), with their counts; `upcoming` keeps
/// those of today and after.
pub async fn commissions(
    pool: &PgPool,
    departements: &[String],
    upcoming: bool,
) -> Result<Vec<CommissionLine>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT c.id, c.date_seance AS "date_seance: NaiveDate", c.intitule, c.lieu, count(cd.demande_id) AS "presentees!",
                  count(cd.decision) AS "decidees!"
           FROM commissions c LEFT JOIN commission_demandes cd ON cd.commission_id = c.id
           WHERE c.departement_code = ANY ($1) AND (NOT $2 OR c.date_seance >= current_date)
           GROUP BY c.id ORDER BY c.date_seance DESC, c.created_at DESC LIMIT 100"#,
        departements,
        upcoming
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CommissionLine {
            id: r.id,
            date_seance: r.date_seance,
            intitule: r.intitule,
            lieu: r.lieu,
            presentees: r.presentees,
            decidees: r.decidees,
        })
        .collect())
}

/// A session (its département, for the matrix) and its agenda.
pub async fn commission(pool: &PgPool, id: Uuid) -> Result<Option<(String, CommissionView)>, sqlx::Error> {
    let Some(c) = sqlx::query!(
        r#"SELECT departement_code, date_seance AS "date_seance: NaiveDate", intitule, lieu FROM commissions
           WHERE id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let points: Vec<PointView> = sqlx::query!(
        r#"SELECT cd.rang, d.id, d.numero, d.menage_id, m.numero AS menage_numero,
                  coalesce(cv.label, 'Composition à préciser') AS "composition!", d.preconisations, d.statut,
                  d.version, cd.decision, cd.commentaire
           FROM commission_demandes cd
           JOIN demandes d ON d.id = cd.demande_id
           JOIN menages m ON m.id = d.menage_id
           LEFT JOIN referentiel_valeurs cv ON cv.referentiel = 'compositions' AND cv.code = d.composition_code
           WHERE cd.commission_id = $1 ORDER BY cd.rang"#,
        id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| PointView {
        rang: r.rang,
        demande_id: r.id,
        numero: r.numero,
        menage_id: r.menage_id,
        menage_numero: r.menage_numero,
        composition: r.composition,
        preconisations: r.preconisations,
        statut: Statut::from_code(&r.statut).unwrap_or(Statut::EnCommission),
        version: r.version,
        decision: r.decision.as_deref().and_then(Decision::from_code),
        commentaire: r.commentaire,
    })
    .collect();
    let line = CommissionLine {
        id,
        date_seance: c.date_seance,
        intitule: c.intitule,
        lieu: c.lieu,
        presentees: points.len() as i64,
        decidees: points.iter().filter(|p| p.decision.is_some()).count() as i64,
    };
    Ok(Some((c.departement_code, CommissionView { line, points })))
}

/// Puts the demande on the session's agenda, last.
pub async fn add_point(conn: &mut PgConnection, commission: Uuid, demande: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO commission_demandes (commission_id, demande_id, rang)
         SELECT $1, $2, coalesce(max(rang), 0) + 1 FROM commission_demandes WHERE commission_id = $1",
        commission,
        demande
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the session's decision on a demande of its agenda not yet decided: false otherwise.
pub async fn decide_point(
    conn: &mut PgConnection,
    commission: Uuid,
    demande: Uuid,
    decision: Decision,
    commentaire: Option<&str>,
    user: Uuid,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query!(
        "UPDATE commission_demandes SET decision = $3, commentaire = $4, decided_by = $5, decided_at = now()
         WHERE commission_id = $1 AND demande_id = $2 AND decision IS NULL",
        commission,
        demande,
        decision.code(),
        commentaire,
        user
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}
