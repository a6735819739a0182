//! SQL of the Temps 1 import: what the rules need, what a new file replaces, the all-or-nothing commit
//! (set-based inserts), the history of the imports.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{Counts, ImportLine, List};
use super::rules::{Lookups, Plan};
use crate::offre::lifecycle::Statut;
use crate::rights::authorize::Principal;
use crate::rights::model::Scope;

/// The objects of the département's previous imports that a new file replaces: those nobody built on
/// since (no account attached, no groupe de places, nothing typed on screen under them).
#[derive(Clone, Debug, Default)]
pub struct Replaceable {
    pub entites: Vec<Uuid>,
    pub dispositifs: Vec<Uuid>,
    pub financements: Vec<Uuid>,
}

impl Replaceable {
    pub fn counts(&self) -> Counts {
        Counts {
            entites: self.entites.len() as i32,
            dispositifs: self.dispositifs.len() as i32,
            financements: self.financements.len() as i32,
        }
    }
}

pub async fn replaceable(conn: &mut PgConnection, departement: &str) -> Result<Replaceable, sqlx::Error> {
    let entites = sqlx::query_scalar!(
        r#"SELECT e.id FROM entites e JOIN imports_offre i ON i.id = e.import_id
           WHERE i.departement_code = $1
             AND NOT EXISTS (SELECT 1 FROM users u WHERE u.entite_id = e.id)
             AND NOT EXISTS (SELECT 1 FROM dispositifs d WHERE d.entite_id = e.id
                             AND (d.import_id IS NULL
                                  OR EXISTS (SELECT 1 FROM groupes_places g WHERE g.dispositif_id = d.id)
                                  OR EXISTS (SELECT 1 FROM user_dispositifs ud WHERE ud.dispositif_id = d.id)
                                  OR EXISTS (SELECT 1 FROM financements f WHERE f.dispositif_id = d.id
                                             AND f.import_id IS NULL)))"#,
        departement
    )
    .fetch_all(&mut *conn)
    .await?;
    let dispositifs = sqlx::query_scalar!("SELECT id FROM dispositifs WHERE entite_id = ANY($1)", &entites)
        .fetch_all(&mut *conn)
        .await?;
    let financements = sqlx::query_scalar!("SELECT id FROM financements WHERE dispositif_id = ANY($1)", &dispositifs)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Replaceable { entites, dispositifs, financements })
}

/// The référentiels' values usable on `today`, and the entités the file may not create again.
pub async fn lookups(conn: &mut PgConnection, departement: &str, today: NaiveDate) -> Result<Lookups, sqlx::Error> {
    let mut lists = HashMap::new();
    for list in List::ALL {
        let Some(code) = list.referentiel() else { continue };
        let values = crate::referentiel::repo::values_in(&mut *conn, code).await?;
        let usable = values
            .into_iter()
            .filter(|v| v.usable_on(today))
            .map(|v| (v.code, v.label, v.parent_code))
            .collect::<Vec<_>>();
        lists.insert(list, usable);
    }
    let replaceable = replaceable(conn, departement).await?.entites;
    let taken = sqlx::query!("SELECT nom, siren, departement_code FROM entites WHERE NOT (id = ANY($1))", &replaceable)
        .fetch_all(&mut *conn)
        .await?;
    let mut lookups = Lookups { today, lists, ..Default::default() };
    for e in taken {
        if e.departement_code.as_deref() == Some(departement) {
            lookups.names_taken.insert(e.nom.to_lowercase());
        }
        lookups.sirens_taken.insert(e.siren, e.nom);
    }
    Ok(lookups)
}

/// Who imports and how the imported objects start: valid for the État's administrators, pre-validated
/// (waiting for the département) for a SIAO's.
pub struct Author {
    pub user_id: Uuid,
    pub statut: Statut,
}

/// Replaces the département's replaceable objects by the plan's, in the caller's transaction, and
/// records the import. Returns the import's id.
pub async fn commit(
    conn: &mut PgConnection,
    departement: &str,
    fichier: &str,
    author: &Author,
    plan: &Plan,
    replaced: &Replaceable,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query!("DELETE FROM financements WHERE id = ANY($1)", &replaced.financements).execute(&mut *conn).await?;
    sqlx::query!("DELETE FROM dispositifs WHERE id = ANY($1)", &replaced.dispositifs).execute(&mut *conn).await?;
    sqlx::query!("DELETE FROM entites WHERE id = ANY($1)", &replaced.entites).execute(&mut *conn).await?;
    let c = replaced.counts();
    let import_id = sqlx::query_scalar!(
        "INSERT INTO imports_offre (departement_code, fichier, user_id, entites, dispositifs, financements,
                                    entites_remplacees, dispositifs_remplaces, financements_remplaces)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        departement,
        fichier,
        author.user_id,
        plan.entites.len() as i32,
        plan.dispositifs.len() as i32,
        plan.financements.len() as i32,
        c.entites,
        c.dispositifs,
        c.financements,
    )
    .fetch_one(&mut *conn)
    .await?;
    let statut = author.statut.code();

    let entite_ids: Vec<Uuid> = plan.entites.iter().map(|_| Uuid::new_v4()).collect();
    let e = &plan.entites;
    let col = |f: fn(&crate::offre::entites::model::EntiteInput) -> Option<String>| e.iter().map(f).collect::<Vec<_>>();
    sqlx::query!(
        "INSERT INTO entites (id, nom, siren, telephone, courriel, convention_collective, idcc, adresse, code_postal,
                              commune, departement_code, statut, created_by, import_id)
         SELECT id, nom, siren, telephone, courriel, convention, idcc, adresse, code_postal, commune, $11, $12, $13, $14
         FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[])
              AS t(id, nom, siren, telephone, courriel, convention, idcc, adresse, code_postal, commune)",
        &entite_ids,
        &e.iter().map(|x| x.nom.clone()).collect::<Vec<_>>(),
        &e.iter().map(|x| x.siren.as_str().to_string()).collect::<Vec<_>>(),
        &col(|x| x.telephone.as_ref().map(|t| t.as_str().to_string())) as &[Option<String>],
        &col(|x| x.courriel.clone()) as &[Option<String>],
        &col(|x| x.convention_collective.clone()) as &[Option<String>],
        &col(|x| x.idcc.clone()) as &[Option<String>],
        &col(|x| x.adresse.clone()) as &[Option<String>],
        &col(|x| x.code_postal.clone()) as &[Option<String>],
        &col(|x| x.commune.clone()) as &[Option<String>],
        departement,
        statut,
        author.user_id,
        import_id,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO entite_departements (entite_id, departement_code) SELECT UNNEST($1::uuid[]), $2",
        &entite_ids,
        departement
    )
    .execute(&mut *conn)
    .await?;

    let dispositif_ids: Vec<Uuid> = plan.dispositifs.iter().map(|_| Uuid::new_v4()).collect();
    let d = &plan.dispositifs;
    let dcol = |f: fn(&crate::offre::dispositifs::model::DispositifInput) -> Option<String>| {
        d.iter().map(|(_, x)| f(x)).collect::<Vec<_>>()
    };
    // The publics of each dispositif, joined (no array of arrays in a bind): split back in SQL.
    let publics: Vec<String> = d.iter().map(|(_, x)| x.publics.join(",")).collect();
    let statuts: Vec<String> = d.iter().map(|_| statut.to_string()).collect();
    sqlx::query!(
        "INSERT INTO dispositifs (id, entite_id, nom, departement_code, nature_code, type_code, finance_p177, publics,
                                  telephone, courriel, adresse, code_postal, commune, statut, created_by, import_id)
         SELECT id, entite_id, nom, $14, nature, type_code, p177, coalesce(string_to_array(NULLIF(publics, ''), ','), '{}'),
                telephone, courriel, adresse, code_postal, commune, statut, $15, $16
         FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
              AS t(id, entite_id, nom, nature, type_code, p177, publics, telephone, courriel, adresse, code_postal,
                   commune, statut)",
        &dispositif_ids,
        &d.iter().map(|(i, _)| entite_ids[*i]).collect::<Vec<_>>(),
        &d.iter().map(|(_, x)| x.nom.clone()).collect::<Vec<_>>(),
        &d.iter().map(|(_, x)| x.nature_code.clone()).collect::<Vec<_>>(),
        &d.iter().map(|(_, x)| x.type_code.clone()).collect::<Vec<_>>(),
        &d.iter().map(|(_, x)| x.finance_p177).collect::<Vec<_>>(),
        &publics,
        &dcol(|x| x.telephone.as_ref().map(|t| t.as_str().to_string())) as &[Option<String>],
        &dcol(|x| x.courriel.clone()) as &[Option<String>],
        &dcol(|x| x.adresse.clone()) as &[Option<String>],
        &dcol(|x| x.code_postal.clone()) as &[Option<String>],
        &dcol(|x| x.commune.clone()) as &[Option<String>],
        &statuts,
        departement,
        author.user_id,
        import_id,
    )
    .execute(&mut *conn)
    .await?;

    let f = &plan.financements;
    sqlx::query!(
        "INSERT INTO financements (dispositif_id, source_code, annee, montant_centimes, places_financees, created_by,
                                   import_id)
         SELECT dispositif_id, source, annee, montant, places, $6, $7
         FROM UNNEST($1::uuid[], $2::text[], $3::int[], $4::bigint[], $5::int[])
              AS t(dispositif_id, source, annee, montant, places)",
        &f.iter().map(|(i, _)| dispositif_ids[*i]).collect::<Vec<_>>(),
        &f.iter().map(|(_, x)| x.source_code.clone()).collect::<Vec<_>>(),
        &f.iter().map(|(_, x)| x.annee).collect::<Vec<_>>(),
        &f.iter().map(|(_, x)| x.montant_centimes).collect::<Vec<_>>() as &[Option<i64>],
        &f.iter().map(|(_, x)| x.places_financees).collect::<Vec<_>>(),
        author.user_id,
        import_id,
    )
    .execute(&mut *conn)
    .await?;

    // One history line per object created: "Import" with the file's name.
    let comment = format!("Fichier « {fichier} »");
    for (object, ids) in [("entite", &entite_ids), ("dispositif", &dispositif_ids)] {
        sqlx::query!(
            "INSERT INTO historique (object, object_id, version, action, user_id, comment)
             SELECT $1, UNNEST($2::uuid[])::text, 1, 'Import', $3, $4",
            object,
            ids,
            author.user_id,
            comment
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(import_id)
}

/// The imports of the départements inside `scope`, newest first.
pub async fn list(pool: &PgPool, actor: &Principal, scope: Scope) -> Result<Vec<ImportLine>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT i.id, i.departement_code, i.fichier, i.at AS "at: chrono::DateTime<chrono::Utc>", i.entites, i.dispositifs, i.financements,
                  i.entites_remplacees, i.dispositifs_remplaces, i.financements_remplaces,
                  u.prenom || ' ' || u.nom AS auteur
           FROM imports_offre i LEFT JOIN users u ON u.id = i.user_id
           WHERE $1 = 'all' OR ($1 IN ('departement', 'siao') AND i.departement_code = ANY($2))
           ORDER BY i.at DESC LIMIT 100"#,
        scope.code(),
        &actor.departements,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ImportLine {
            id: r.id,
            departement_code: r.departement_code,
            fichier: r.fichier,
            auteur: r.auteur,
            at: r.at,
            counts: Counts { entites: r.entites, dispositifs: r.dispositifs, financements: r.financements },
            replaced: Counts {
                entites: r.entites_remplacees,
                dispositifs: r.dispositifs_remplaces,
                financements: r.financements_remplaces,
            },
        })
        .collect())
}

/// The départements the user imports for: its own, or all for a national profile.
pub async fn departements(
    pool: &PgPool,
    actor: &Principal,
    scope: Scope,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT code, nom FROM departements WHERE $1 = 'all' OR code = ANY($2) ORDER BY code",
        scope.code(),
        &actor.departements
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.code, r.nom)).collect())
}
