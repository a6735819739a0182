//! SQL of the ménages and their personnes. Every list goes through the database's `menage_in_scope`, the
//! one scope rule of the ménages (migration `..015_menages.sql`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{
    age_on, AncienMembre, Candidate, Composition, Fiche, Member, PersonneDetail, PersonneForm, PersonneInput, Role,
    SearchHit, SituationForm, SituationInput, PAGE_SIZE,
};
use super::sensible::{Sensible, SensibleForm};
use crate::rights::authorize::{Principal, Target};
use crate::rights::model::Scope;

/// How far the search tolerates typos: the share of the typed trigrams found in a run of the names
/// (pg_trgm's word similarity; its default, 0.6, misses a typo in a first name beside a maiden name).
const WORD_SIMILARITY: &str = "0.45";

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A transaction for the name searches: they tolerate typos (`WORD_SIMILARITY`), and they are planned
/// for the user's own scope every time (custom plans: the scope functions fold to the user's départements
/// or to their own ménages, and the planner picks the index for that; a generic plan reads the nation).
async fn searching(pool: &PgPool) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "SELECT set_config('pg_trgm.word_similarity_threshold', $1, true) AS threshold,
                set_config('plan_cache_mode', 'force_custom_plan', true) AS plans",
        WORD_SIMILARITY
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(tx)
}

/// Where a ménage lies for the scope rules (the Rust side of `menage_in_scope`): its département, the
/// dispositifs linked to it (an open demande written from one, a live orientation or prise en charge in
/// one), and its author until he writes a demande for it.
pub async fn target_of(pool: &PgPool, id: Uuid) -> Result<Option<Target>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT m.departement_code, m.created_by,
                  EXISTS (SELECT 1 FROM demandes d WHERE d.menage_id = m.id AND d.created_by = m.created_by)
                      AS "has_demande!",
                  ARRAY(SELECT DISTINCT l.dispositif_id FROM menage_liens l WHERE l.menage_id = m.id) AS "dispositifs!: Vec<Uuid>"
           FROM menages m WHERE m.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Target {
        departements: vec![r.departement_code],
        owner: if r.has_demande { None } else { r.created_by },
        dispositifs: r.dispositifs,
        ..Default::default()
    }))
}

/// The ménage a person currently belongs to.
pub async fn menage_of(pool: &PgPool, personne_id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT menage_id FROM menage_membres WHERE personne_id = $1 AND jusqu_au IS NULL", personne_id)
        .fetch_optional(pool)
        .await
}

pub async fn insert_menage(
    conn: &mut PgConnection,
    id: Uuid,
    cle: &str,
    departement: &str,
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO menages (id, cle, departement_code, created_by, updated_by) VALUES ($1, $2, $3, $4, $4)",
        id,
        cle,
        departement,
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_personne(
    conn: &mut PgConnection,
    id: Uuid,
    cle: &str,
    p: &PersonneInput,
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO personnes (id, cle, nom_naissance, nom_usage, prenoms, date_naissance, lieu_naissance, sexe,
                                nationalite, telephone, courriel, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
        id,
        cle,
        p.nom_naissance,
        p.nom_usage,
        p.prenoms,
        p.date_naissance as _,
        p.lieu_naissance,
        p.sexe,
        p.nationalite,
        p.telephone.as_ref().map(|t| t.as_str()),
        p.courriel,
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn add_member(
    conn: &mut PgConnection,
    menage: Uuid,
    personne: Uuid,
    role: Role,
    user: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "INSERT INTO menage_membres (menage_id, personne_id, role, added_by) VALUES ($1, $2, $3, $4)",
        menage,
        personne,
        role.code(),
        user
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Detaches a person from the ménage (never deleted): false if they were not a member.
pub async fn detach(conn: &mut PgConnection, menage: Uuid, personne: Uuid, user: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "UPDATE menage_membres SET jusqu_au = now(), removed_by = $3
         WHERE menage_id = $1 AND personne_id = $2 AND jusqu_au IS NULL",
        menage,
        personne,
        user
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A new version of the ménage (its composition or situation changed) if nobody changed it since `version`.
pub async fn bump(conn: &mut PgConnection, id: Uuid, version: i32, user: Uuid) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE menages SET version = version + 1, updated_at = now(), updated_by = $3
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        user
    )
    .fetch_optional(conn)
    .await
}

/// Marks the ménage as updated (a person of it changed), without changing its version.
pub async fn touch(conn: &mut PgConnection, id: Uuid, user: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("UPDATE menages SET updated_at = now(), updated_by = $2 WHERE id = $1", id, user)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn update_situation(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    s: &SituationInput,
    user: Uuid,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE menages SET situation_logement = $3, motif_demande = $4, duree_errance = $5, expulsion_en_cours = $6,
                domiciliation = $7, animaux = $8, observations = $9,
                version = version + 1, updated_at = now(), updated_by = $10
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        s.situation_logement,
        s.motif_demande,
        s.duree_errance,
        s.expulsion_en_cours,
        s.domiciliation,
        s.animaux,
        s.observations,
        user
    )
    .fetch_optional(conn)
    .await
}

pub async fn update_personne(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    p: &PersonneInput,
    user: Uuid,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE personnes SET nom_naissance = $3, nom_usage = $4, prenoms = $5, date_naissance = $6, lieu_naissance = $7,
                sexe = $8, nationalite = $9, telephone = $10, courriel = $11,
                version = version + 1, updated_at = now(), updated_by = $12
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        p.nom_naissance,
        p.nom_usage,
        p.prenoms,
        p.date_naissance as _,
        p.lieu_naissance,
        p.sexe,
        p.nationalite,
        p.telephone.as_ref().map(|t| t.as_str()),
        p.courriel,
        user
    )
    .fetch_optional(conn)
    .await
}

/// Changes the role of a current member (the database keeps one demandeur principal per ménage).
pub async fn set_role(conn: &mut PgConnection, menage: Uuid, personne: Uuid, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE menage_membres SET role = $3 WHERE menage_id = $1 AND personne_id = $2 AND jusqu_au IS NULL AND role <> $3",
        menage,
        personne,
        role.code()
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn current_version(pool: &PgPool, id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT version FROM menages WHERE id = $1", id).fetch_one(pool).await
}

pub async fn personne_version(pool: &PgPool, id: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!("SELECT version FROM personnes WHERE id = $1", id).fetch_one(pool).await
}

pub async fn load(pool: &PgPool, id: Uuid) -> Result<Option<Fiche>, sqlx::Error> {
    match load_in(&mut *pool.acquire().await?, id).await {
        Err(sqlx::Error::RowNotFound) => Ok(None),
        other => other.map(Some),
    }
}

/// The fiche as the connection (or transaction) sees it; `RowNotFound` if none.
pub async fn load_in(conn: &mut PgConnection, id: Uuid) -> Result<Fiche, sqlx::Error> {
    let m = sqlx::query!(
        r#"SELECT m.id, m.numero, m.cle, m.departement_code, d.nom AS departement_nom, m.version,
                  m.situation_logement, m.motif_demande, m.duree_errance, m.expulsion_en_cours, m.domiciliation,
                  m.animaux, m.observations,
                  m.updated_at AS "updated_at: DateTime<Utc>", m.created_at AS "created_at: DateTime<Utc>",
                  uu.prenom || ' ' || uu.nom AS updated_by, uc.prenom || ' ' || uc.nom AS created_by,
                  ARRAY(SELECT f.field || '=' || v.label
                        FROM (VALUES ('situation_logement', 'situation_demandes', m.situation_logement),
                                     ('motif_demande', 'motif_demandes', m.motif_demande),
                                     ('duree_errance', 'duree_errances', m.duree_errance),
                                     ('animaux', 'animaux', m.animaux)) AS f (field, list, code)
                        JOIN referentiel_valeurs v ON v.referentiel = f.list AND v.code = f.code) AS "labels!"
           FROM menages m
           JOIN departements d ON d.code = m.departement_code
           LEFT JOIN users uu ON uu.id = m.updated_by
           LEFT JOIN users uc ON uc.id = m.created_by
           WHERE m.id = $1"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let (personnes, anciens) = members_in(conn, id).await?;
    let yes_no = |b: Option<bool>| match b {
        Some(true) => "oui",
        Some(false) => "non",
        None => "",
    };
    Ok(Fiche {
        id: m.id,
        numero: m.numero,
        cle: m.cle,
        departement_code: m.departement_code,
        departement_nom: m.departement_nom,
        version: m.version,
        situation: SituationForm {
            situation_logement: m.situation_logement.unwrap_or_default(),
            motif_demande: m.motif_demande.unwrap_or_default(),
            duree_errance: m.duree_errance.unwrap_or_default(),
            expulsion_en_cours: yes_no(m.expulsion_en_cours).to_string(),
            domiciliation: m.domiciliation.unwrap_or_default(),
            animaux: m.animaux.unwrap_or_default(),
            observations: m.observations.unwrap_or_default(),
        },
        situation_labels: m
            .labels
            .into_iter()
            .filter_map(|l| l.split_once('=').map(|(f, v)| (f.to_string(), v.to_string())))
            .collect(),
        updated_at: m.updated_at,
        updated_by: m.updated_by,
        created_at: m.created_at,
        created_by: m.created_by,
        personnes,
        anciens,
    })
}

/// The members of a ménage in one query: the current ones (demandeur principal first, then by age) and the
/// former ones (who left last first).
async fn members_in(
    conn: &mut PgConnection,
    menage: Uuid,
) -> Result<(Vec<PersonneDetail>, Vec<AncienMembre>), sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT p.id, p.cle, p.version, mm.role, p.nom_naissance, p.nom_usage, p.prenoms,
                  p.date_naissance AS "date_naissance: NaiveDate", p.lieu_naissance, p.sexe, p.nationalite,
                  p.telephone, p.courriel, vs.label AS "sexe_label?", vn.label AS "nationalite_label?",
                  mm.jusqu_au AS "jusqu_au: DateTime<Utc>"
           FROM menage_membres mm
           JOIN personnes p ON p.id = mm.personne_id
           LEFT JOIN referentiel_valeurs vs ON vs.referentiel = 'sexe' AND vs.code = p.sexe
           LEFT JOIN referentiel_valeurs vn ON vn.referentiel = 'nationalite' AND vn.code = p.nationalite
           WHERE mm.menage_id = $1
           ORDER BY mm.jusqu_au IS NOT NULL, mm.jusqu_au DESC,
                    mm.role <> 'demandeur_principal', p.date_naissance NULLS LAST, mm.id"#,
        menage
    )
    .fetch_all(conn)
    .await?;
    let today = today();
    let (mut current, mut former) = (vec![], vec![]);
    for r in rows {
        let role = Role::from_code(&r.role).unwrap_or(Role::Autre);
        if let Some(jusqu_au) = r.jusqu_au {
            let nom = format!("{} {}", r.nom_usage.as_deref().unwrap_or(&r.nom_naissance).to_uppercase(), r.prenoms);
            former.push(AncienMembre { personne_id: r.id, nom, role, jusqu_au });
            continue;
        }
        current.push(PersonneDetail {
            id: r.id,
            cle: r.cle,
            version: r.version,
            role,
            age: r.date_naissance.map(|d| age_on(d, today)),
            form: PersonneForm {
                nom_naissance: r.nom_naissance,
                nom_usage: r.nom_usage.unwrap_or_default(),
                prenoms: r.prenoms,
                date_naissance: r.date_naissance.map(|d| d.to_string()).unwrap_or_default(),
                lieu_naissance: r.lieu_naissance.unwrap_or_default(),
                sexe: r.sexe.unwrap_or_default(),
                nationalite: r.nationalite.unwrap_or_default(),
                telephone: r.telephone.unwrap_or_default(),
                courriel: r.courriel.unwrap_or_default(),
            },
            sexe_label: r.sexe_label,
            nationalite_label: r.nationalite_label,
        });
    }
    Ok((current, former))
}

/// A person of the fiche (current member or not), as the connection sees them.
pub async fn personne_in(conn: &mut PgConnection, menage: Uuid, id: Uuid) -> Result<PersonneDetail, sqlx::Error> {
    members_in(conn, menage).await?.0.into_iter().find(|p| p.id == id).ok_or(sqlx::Error::RowNotFound)
}

/// The scope parameters of `menage_in_scope` for this user.
struct ScopeArgs<'a> {
    scope: &'static str,
    departements: &'a [String],
    user: Uuid,
    dispositifs: &'a [Uuid],
}

fn scope_args(user: &Principal, scope: Scope) -> ScopeArgs<'_> {
    ScopeArgs {
        scope: scope.code(),
        departements: &user.departements,
        user: user.user_id,
        dispositifs: &user.dispositifs,
    }
}

/// The compositions of these ménages (for result lists).
async fn compositions(pool: &PgPool, ids: &[Uuid]) -> Result<Vec<(Uuid, Composition)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT mm.menage_id, mm.role, p.sexe, p.date_naissance AS "date_naissance: NaiveDate"
           FROM menage_membres mm JOIN personnes p ON p.id = mm.personne_id
           WHERE mm.menage_id = ANY($1) AND mm.jusqu_au IS NULL"#,
        ids
    )
    .fetch_all(pool)
    .await?;
    let today = today();
    Ok(ids
        .iter()
        .map(|id| {
            let members: Vec<Member> = rows
                .iter()
                .filter(|r| r.menage_id == *id)
                .map(|r| Member {
                    role: Role::from_code(&r.role).unwrap_or(Role::Autre),
                    sexe: r.sexe.clone(),
                    age: r.date_naissance.map(|d| age_on(d, today)),
                })
                .collect();
            (*id, Composition::of(&members))
        })
        .collect())
}

/// One row of a search, before the compositions are added; `total` counts every match.
struct Row {
    menage_id: Uuid,
    numero: i64,
    departement_code: String,
    nom: String,
    prenoms: String,
    date_naissance: Option<NaiveDate>,
    role: String,
    total: i64,
}

/// The page of hits and the total.
async fn with_compositions(pool: &PgPool, rows: Vec<Row>) -> Result<(Vec<SearchHit>, i64), sqlx::Error> {
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    let mut ids: Vec<Uuid> = rows.iter().map(|r| r.menage_id).collect();
    ids.dedup();
    let compositions = compositions(pool, &ids).await?;
    let today = today();
    let hits = rows
        .into_iter()
        .map(|r| SearchHit {
            composition: compositions
                .iter()
                .find(|(id, _)| *id == r.menage_id)
                .map(|(_, c)| c.summary())
                .unwrap_or_default(),
            menage_id: r.menage_id,
            numero: r.numero,
            departement_code: r.departement_code,
            nom: r.nom,
            prenoms: r.prenoms,
            age: r.date_naissance.map(|d| age_on(d, today)),
            date_naissance: r.date_naissance,
            role: Role::from_code(&r.role).unwrap_or(Role::Autre),
        })
        .collect();
    Ok((hits, total))
}

/// Persons whose names resemble `noms` (any order, accents, typos), born on `naissance` if given, in the
/// user's scope; best matches first. The total is capped by the search itself (the matches of the names).
pub async fn search_names(
    pool: &PgPool,
    user: &Principal,
    scope: Scope,
    noms: &str,
    naissance: Option<NaiveDate>,
    page: i64,
) -> Result<(Vec<SearchHit>, i64), sqlx::Error> {
    let s = scope_args(user, scope);
    let mut tx = searching(pool).await?;
    let rows = sqlx::query_as!(
        Row,
        r#"WITH page AS (
               SELECT h.personne_id, h.score, count(*) OVER () AS total
               FROM personnes_like(search_normalize($5), $1, $2, $3, $4) h
               WHERE $6::date IS NULL OR h.date_naissance = $6
               ORDER BY h.score DESC, h.personne_id
               LIMIT $7 OFFSET $8)
           SELECT m.id AS menage_id, m.numero, m.departement_code, mm.role,
                  upper(coalesce(p.nom_usage, p.nom_naissance)) AS "nom!", p.prenoms,
                  p.date_naissance AS "date_naissance: NaiveDate", page.total AS "total!"
           FROM page
           JOIN personnes p ON p.id = page.personne_id
           JOIN menage_membres mm ON mm.personne_id = p.id AND mm.jusqu_au IS NULL
           JOIN menages m ON m.id = mm.menage_id
           WHERE menage_in_scope(m, $1, $2, $3, $4)
           ORDER BY page.score DESC, page.personne_id"#,
        s.scope,
        s.departements,
        s.user,
        s.dispositifs,
        noms,
        naissance as _,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    with_compositions(pool, rows).await
}

/// The members of the ménages in scope matching an exact criterion (number, key, birth date), or the most
/// recently updated ménages when there is none.
pub async fn search_exact(
    pool: &PgPool,
    user: &Principal,
    scope: Scope,
    numero: Option<i64>,
    cle: Option<&str>,
    naissance: Option<NaiveDate>,
    page: i64,
) -> Result<(Vec<SearchHit>, i64), sqlx::Error> {
    let s = scope_args(user, scope);
    let mut tx = searching(pool).await?;
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT m.id AS menage_id, m.numero, m.departement_code, mm.role,
                  upper(coalesce(p.nom_usage, p.nom_naissance)) AS "nom!", p.prenoms,
                  p.date_naissance AS "date_naissance: NaiveDate", count(*) OVER () AS "total!"
           FROM menages m
           JOIN menage_membres mm ON mm.menage_id = m.id AND mm.jusqu_au IS NULL
           JOIN personnes p ON p.id = mm.personne_id
           WHERE menage_in_scope(m, $1, $2, $3, $4)
             AND ($5::bigint IS NULL OR m.numero = $5)
             AND ($6::text IS NULL OR m.cle = $6 OR p.cle = $6)
             AND ($7::date IS NULL OR p.date_naissance = $7)
             AND ($7::date IS NOT NULL OR mm.role = 'demandeur_principal' OR $5::bigint IS NOT NULL OR $6::text IS NOT NULL)
           ORDER BY m.updated_at DESC, m.numero, mm.role <> 'demandeur_principal'
           LIMIT $8 OFFSET $9"#,
        s.scope,
        s.departements,
        s.user,
        s.dispositifs,
        numero,
        cle,
        naissance as _,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    with_compositions(pool, rows).await
}

/// Persons in scope whose names resemble these (at most 50, best first), with their birth date: the
/// candidates the duplicate check then filters by birth date.
pub async fn similar_persons(
    pool: &PgPool,
    user: &Principal,
    scope: Scope,
    noms: &str,
) -> Result<Vec<(Candidate, Option<NaiveDate>)>, sqlx::Error> {
    let s = scope_args(user, scope);
    let mut tx = searching(pool).await?;
    let rows = sqlx::query!(
        r#"SELECT m.id AS menage_id, m.numero, m.departement_code,
                  upper(coalesce(p.nom_usage, p.nom_naissance)) AS "nom!", p.prenoms,
                  p.date_naissance AS "date_naissance: NaiveDate"
           FROM personnes_like(search_normalize($5), $1, $2, $3, $4) h
           JOIN personnes p ON p.id = h.personne_id
           JOIN menage_membres mm ON mm.personne_id = p.id AND mm.jusqu_au IS NULL
           JOIN menages m ON m.id = mm.menage_id
           WHERE menage_in_scope(m, $1, $2, $3, $4)
           ORDER BY h.score DESC
           LIMIT 50"#,
        s.scope,
        s.departements,
        s.user,
        s.dispositifs,
        noms,
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let candidate = Candidate {
                menage_id: r.menage_id,
                numero: r.numero,
                nom: r.nom,
                prenoms: r.prenoms,
                date_naissance: r.date_naissance,
                departement_code: r.departement_code,
                raison: String::new(),
            };
            (candidate, r.date_naissance)
        })
        .collect())
}

/// The départements where this user may create a ménage (those of their attachment), with their names.
pub async fn departements(pool: &PgPool, codes: &[String]) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query!("SELECT code, nom FROM departements WHERE code = ANY($1) ORDER BY code", codes)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let label = format!("{} - {}", r.code, r.nom);
            (r.code, label)
        })
        .collect())
}

/// The sensitive block of each current member of the ménage (version 0 when nothing was recorded).
pub async fn sensibles(conn: &mut PgConnection, menage: Uuid) -> Result<Vec<Sensible>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT p.id, upper(coalesce(p.nom_usage, p.nom_naissance)) || ' ' || p.prenoms AS "nom!",
                  coalesce(s.version, 0) AS "version!", s.data AS "data?: sqlx::types::Json<SensibleForm>",
                  v.label AS "justice_label?"
           FROM menage_membres mm
           JOIN personnes p ON p.id = mm.personne_id
           LEFT JOIN situations_sensibles s ON s.personne_id = p.id
           LEFT JOIN referentiel_valeurs v ON v.referentiel = 'statut_justice' AND v.code = s.data ->> 'justice_statut'
           WHERE mm.menage_id = $1 AND mm.jusqu_au IS NULL
           ORDER BY mm.role <> 'demandeur_principal', p.date_naissance NULLS LAST, mm.id"#,
        menage
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Sensible {
            personne_id: r.id,
            nom: r.nom,
            version: r.version,
            form: r.data.map(|d| d.0).unwrap_or_default(),
            justice_label: r.justice_label,
        })
        .collect())
}

/// Saves a person's sensitive block if nobody changed it since `version` (0: never recorded).
pub async fn update_sensible(
    conn: &mut PgConnection,
    personne: Uuid,
    version: i32,
    form: &SensibleForm,
    user: Uuid,
) -> Result<Option<i32>, sqlx::Error> {
    if version == 0 {
        return sqlx::query_scalar!(
            "INSERT INTO situations_sensibles (personne_id, data, updated_by) VALUES ($1, $2, $3)
             ON CONFLICT (personne_id) DO NOTHING RETURNING version",
            personne,
            sqlx::types::Json(form) as _,
            user
        )
        .fetch_optional(conn)
        .await;
    }
    sqlx::query_scalar!(
        "UPDATE situations_sensibles SET data = $3, version = version + 1, updated_by = $4, updated_at = now()
         WHERE personne_id = $1 AND version = $2 RETURNING version",
        personne,
        version,
        sqlx::types::Json(form) as _,
        user
    )
    .fetch_optional(conn)
    .await
}

pub async fn sensible_version(pool: &PgPool, personne: Uuid) -> Result<i32, sqlx::Error> {
    let v = sqlx::query_scalar!("SELECT version FROM situations_sensibles WHERE personne_id = $1", personne)
        .fetch_optional(pool)
        .await?;
    Ok(v.unwrap_or(0))
}
