//! SQL of the partners: registration, habilitation, secrets, access tokens, idempotent answers, and the
//! partners' way in to ménages and personnes (a live orientation or prise en charge in a habilitated
//! dispositif).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{PartenaireInput, PartenaireLine, PartenaireView, SecretLine};
use crate::rights::authorize::{Principal, Target};
use crate::rights::model::{Profile, Scope};

/// The partners inside `scope` of `actor`: all (national), those of the entités present in its territory
/// (SIAO), those of its entité.
pub async fn list(pool: &PgPool, actor: &Principal, scope: Scope) -> Result<Vec<PartenaireLine>, sqlx::Error> {
    sqlx::query_as!(
        PartenaireLine,
        r#"SELECT p.id, p.nom, p.editeur, e.nom AS entite, p.client_id, p.actif,
                  CASE WHEN p.toute_entite THEN 'Toute l''entité'
                       ELSE (SELECT count(*) FROM partenaire_dispositifs pd WHERE pd.partenaire_id = p.id)::text
                            || ' dispositif(s)' END AS "habilitation!",
                  (SELECT count(*) FROM partenaire_secrets s WHERE s.partenaire_id = p.id AND s.revoked_at IS NULL)
                      AS "secrets_actifs!"
           FROM partenaires p JOIN entites e ON e.id = p.entite_id
           WHERE $1 = 'all'
              OR ($1 IN ('departement', 'siao') AND EXISTS (
                    SELECT 1 FROM entite_departements ed WHERE ed.entite_id = p.entite_id AND ed.departement_code = ANY($2)))
              OR ($1 = 'entite' AND p.entite_id = $3)
           ORDER BY p.nom"#,
        scope.code(),
        &actor.departements,
        actor.entite_id,
    )
    .fetch_all(pool)
    .await
}

/// Where a partner lies for the scope rules: its entité and the entité's départements.
pub async fn target_of(pool: &PgPool, id: Uuid) -> Result<Option<Target>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT p.entite_id,
                  ARRAY(SELECT ed.departement_code FROM entite_departements ed WHERE ed.entite_id = p.entite_id)
                      AS "departements!"
           FROM partenaires p WHERE p.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Target { departements: r.departements, entite_id: Some(r.entite_id), ..Default::default() }))
}

/// A partner's page (without what depends on the reader).
pub async fn view(pool: &PgPool, id: Uuid) -> Result<Option<PartenaireView>, sqlx::Error> {
    let Some(r) = sqlx::query!(
        r#"SELECT p.id, p.nom, p.editeur, e.nom AS entite, p.client_id, p.actif, p.contact_nom, p.contact_courriel,
                  p.entite_id, p.toute_entite, p.limite_minute, p.version
           FROM partenaires p JOIN entites e ON e.id = p.entite_id WHERE p.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let dispositifs = sqlx::query!(
        r#"SELECT d.id, d.nom,
                  EXISTS (SELECT 1 FROM partenaire_dispositifs pd WHERE pd.partenaire_id = $1 AND pd.dispositif_id = d.id)
                      AS "habilite!"
           FROM dispositifs d WHERE d.entite_id = $2 ORDER BY d.nom"#,
        id,
        r.entite_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|d| (d.id, d.nom, r.toute_entite || d.habilite))
    .collect::<Vec<_>>();
    let secrets = sqlx::query_as!(
        SecretLine,
        r#"SELECT id, suffixe, created_at AS "created_at: DateTime<Utc>", revoked_at AS "revoked_at: DateTime<Utc>"
           FROM partenaire_secrets WHERE partenaire_id = $1 ORDER BY created_at DESC"#,
        id
    )
    .fetch_all(pool)
    .await?;
    let habilitation = if r.toute_entite {
        "Toute l'entité".to_string()
    } else {
        format!("{} dispositif(s)", dispositifs.iter().filter(|d| d.2).count())
    };
    Ok(Some(PartenaireView {
        line: PartenaireLine {
            id: r.id,
            nom: r.nom,
            editeur: r.editeur,
            entite: r.entite,
            client_id: r.client_id,
            actif: r.actif,
            habilitation,
            secrets_actifs: secrets.iter().filter(|s| s.revoked_at.is_none()).count() as i64,
        },
        contact_nom: r.contact_nom,
        contact_courriel: r.contact_courriel,
        entite_id: r.entite_id,
        toute_entite: r.toute_entite,
        limite_minute: r.limite_minute,
        version: r.version,
        dispositifs,
        secrets,
        nouveau_secret: None,
        gestion: false,
    }))
}

/// The entité with this SIREN.
pub async fn entite_by_siren(pool: &PgPool, siren: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("SELECT id FROM entites WHERE siren = $1", siren).fetch_optional(pool).await
}

/// Registers a partner and the account it acts as (a Travailleur social of its entité that never logs in).
pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    input: &PartenaireInput,
    entite_id: Uuid,
    client_id: &str,
    actor: Uuid,
) -> Result<(), sqlx::Error> {
    let user_id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO users (id, email, prenom, nom, profile, entite_id, service_account, created_by)
         VALUES ($1, $2, 'Partenaire DUI', $3, $4, $5, true, $6)",
        user_id,
        format!("{client_id}@partenaires-dui.invalid"),
        input.nom,
        Profile::TravailleurSocial.code(),
        entite_id,
        actor
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO partenaires (id, nom, editeur, contact_nom, contact_courriel, client_id, entite_id, user_id,
                                  limite_minute, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        id,
        input.nom,
        input.editeur,
        input.contact_nom,
        input.contact_courriel,
        client_id,
        entite_id,
        user_id,
        input.limite_minute,
        actor
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the habilitation if the partner is still at `version`: the whole entité, or these dispositifs of it
/// (others are ignored). The new version.
pub async fn set_habilitation(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    toute_entite: bool,
    dispositifs: &[Uuid],
) -> Result<Option<i32>, sqlx::Error> {
    let Some(new_version) = sqlx::query_scalar!(
        "UPDATE partenaires SET toute_entite = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        toute_entite
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query!("DELETE FROM partenaire_dispositifs WHERE partenaire_id = $1", id).execute(&mut *conn).await?;
    sqlx::query!(
        "INSERT INTO partenaire_dispositifs (partenaire_id, dispositif_id)
         SELECT p.id, d.id FROM partenaires p JOIN dispositifs d ON d.entite_id = p.entite_id
         WHERE p.id = $1 AND d.id = ANY($2)",
        id,
        dispositifs
    )
    .execute(conn)
    .await?;
    Ok(Some(new_version))
}

/// Activates or deactivates a partner still at `version` (a deactivated one gets no token, its tokens stop
/// working). The new version.
pub async fn set_actif(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    actif: bool,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "UPDATE partenaires SET actif = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version",
        id,
        version,
        actif
    )
    .fetch_optional(conn)
    .await
}

pub async fn insert_secret(
    pool: &PgPool,
    partenaire: Uuid,
    hash: &[u8],
    suffixe: &str,
    actor: Option<Uuid>,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO partenaire_secrets (id, partenaire_id, secret_hash, suffixe, created_by) VALUES ($1, $2, $3, $4, $5)",
        id,
        partenaire,
        hash,
        suffixe,
        actor
    )
    .execute(pool)
    .await?;
    Ok(id)
}

/// Revokes a secret of this partner, and ends the tokens obtained with it. False if already revoked.
pub async fn revoke_secret(pool: &PgPool, partenaire: Uuid, secret: Uuid, actor: Uuid) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query!(
        "UPDATE partenaire_secrets SET revoked_at = now(), revoked_by = $3
         WHERE id = $2 AND partenaire_id = $1 AND revoked_at IS NULL",
        partenaire,
        secret,
        actor
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    sqlx::query!("DELETE FROM api_tokens WHERE secret_id = $1", secret).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done)
}

/// The secret (by its hash) of an active partner with this client id, if valid.
pub async fn valid_secret(pool: &PgPool, client_id: &str, hash: &[u8]) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT s.id FROM partenaire_secrets s JOIN partenaires p ON p.id = s.partenaire_id
         WHERE p.client_id = $1 AND s.secret_hash = $2 AND s.revoked_at IS NULL AND p.actif",
        client_id,
        hash
    )
    .fetch_optional(pool)
    .await
}

/// Records an access token; drops the expired ones.
pub async fn insert_token(
    pool: &PgPool,
    hash: &[u8],
    secret: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM api_tokens WHERE expires_at < now() - interval '1 hour'").execute(pool).await?;
    sqlx::query!(
        "INSERT INTO api_tokens (token_hash, secret_id, expires_at) VALUES ($1, $2, $3)",
        hash,
        secret,
        expires_at as _
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Who calls with this token: the partner, and the principal it acts as (the Travailleur social column of
/// the matrix, with its habilitated dispositifs and their départements). None for an unknown, expired or
/// revoked token, or a deactivated partner.
pub struct Caller {
    pub partenaire_id: Uuid,
    pub limite_minute: i32,
    pub principal: Principal,
}

pub async fn caller_of_token(pool: &PgPool, hash: &[u8]) -> Result<Option<Caller>, sqlx::Error> {
    let row = sqlx::query!(
        r#"SELECT p.id AS partenaire_id, p.limite_minute, u.id AS user_id, u.email::text AS "email!", u.prenom, u.nom,
                  p.entite_id, h.dispositifs AS "dispositifs!",
                  ARRAY(SELECT DISTINCT d.departement_code FROM dispositifs d WHERE d.id = ANY(h.dispositifs))
                      AS "departements!"
           FROM api_tokens t
           JOIN partenaire_secrets s ON s.id = t.secret_id AND s.revoked_at IS NULL
           JOIN partenaires p ON p.id = s.partenaire_id AND p.actif
           JOIN users u ON u.id = p.user_id AND u.active
           CROSS JOIN LATERAL (
               SELECT ARRAY(SELECT d.id FROM dispositifs d
                            WHERE d.entite_id = p.entite_id
                              AND (p.toute_entite OR EXISTS (SELECT 1 FROM partenaire_dispositifs pd
                                                              WHERE pd.partenaire_id = p.id AND pd.dispositif_id = d.id)))
                   AS dispositifs
           ) h
           WHERE t.token_hash = $1 AND t.expires_at > now()"#,
        hash
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Caller {
        partenaire_id: r.partenaire_id,
        limite_minute: r.limite_minute,
        principal: Principal {
            user_id: r.user_id,
            email: r.email,
            prenom: r.prenom,
            nom: r.nom,
            profile: Profile::TravailleurSocial,
            departements: r.departements,
            siao_id: None,
            entite_id: Some(r.entite_id),
            dispositifs: r.dispositifs,
            // Client credentials over TLS stand for the strong authentication of the partner's users.
            second_factor: true,
        },
    }))
}

/// The ménage with this clé, if it has a live orientation (proposée, acceptée) or prise en charge (admise) in
/// one of `dispositifs`.
pub async fn menage_by_cle(pool: &PgPool, cle: &str, dispositifs: &[Uuid]) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "SELECT m.id FROM menages m
         WHERE m.cle = $1 AND EXISTS (SELECT 1 FROM orientations o
                                      WHERE o.menage_id = m.id AND o.statut IN ('proposee', 'acceptee', 'admise')
                                        AND o.dispositif_id = ANY($2))",
        cle,
        dispositifs
    )
    .fetch_optional(pool)
    .await
}

/// The person with this clé and her ménage, on the same condition (she is a current member of it).
pub async fn personne_by_cle(
    pool: &PgPool,
    cle: &str,
    dispositifs: &[Uuid],
) -> Result<Option<(Uuid, Uuid)>, sqlx::Error> {
    let row = sqlx::query!(
        "SELECT p.id, mm.menage_id FROM personnes p
         JOIN menage_membres mm ON mm.personne_id = p.id AND mm.jusqu_au IS NULL
         WHERE p.cle = $1 AND EXISTS (SELECT 1 FROM orientations o
                                      WHERE o.menage_id = mm.menage_id AND o.statut IN ('proposee', 'acceptee', 'admise')
                                        AND o.dispositif_id = ANY($2))",
        cle,
        dispositifs
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.id, r.menage_id)))
}

/// The maintenance windows not over yet, soonest first.
pub async fn maintenances(pool: &PgPool) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT debut AS "debut: DateTime<Utc>", fin AS "fin: DateTime<Utc>", motif
           FROM api_maintenances WHERE fin > now() ORDER BY debut LIMIT 20"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.debut, r.fin, r.motif)).collect())
}

/// What an Idempotency-Key already holds for this partner.
pub enum Idempotence {
    /// First use: the row is taken, the request goes on.
    New,
    /// Same key, same request, answered: the stored answer.
    Replay(i16, serde_json::Value),
    /// Same key, another request, or the first one still running.
    Conflict { running: bool },
}

pub async fn claim(
    pool: &PgPool,
    partenaire: Uuid,
    cle: &str,
    endpoint: &str,
    hash: &[u8],
) -> Result<Idempotence, sqlx::Error> {
    sqlx::query!("DELETE FROM api_idempotence WHERE created_at < now() - interval '24 hours'").execute(pool).await?;
    let taken = sqlx::query!(
        "INSERT INTO api_idempotence (partenaire_id, cle, endpoint, requete_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
        partenaire,
        cle,
        endpoint,
        hash
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1;
    if taken {
        return Ok(Idempotence::New);
    }
    let row = sqlx::query!(
        "SELECT endpoint, requete_hash, statut, reponse FROM api_idempotence WHERE partenaire_id = $1 AND cle = $2",
        partenaire,
        cle
    )
    .fetch_one(pool)
    .await?;
    Ok(match (row.statut, row.reponse) {
        (Some(statut), Some(reponse)) if row.endpoint == endpoint && row.requete_hash == hash => {
            Idempotence::Replay(statut, reponse)
        }
        (None, _) if row.endpoint == endpoint && row.requete_hash == hash => Idempotence::Conflict { running: true },
        _ => Idempotence::Conflict { running: false },
    })
}

/// Keeps the answer of a request sent with a key (a success), or frees the key (a failure: the corrected
/// request may use it again).
pub async fn settle(
    pool: &PgPool,
    partenaire: Uuid,
    cle: &str,
    answer: Option<(i16, &serde_json::Value)>,
) -> Result<(), sqlx::Error> {
    match answer {
        Some((statut, reponse)) => {
            sqlx::query!(
                "UPDATE api_idempotence SET statut = $3, reponse = $4 WHERE partenaire_id = $1 AND cle = $2",
                partenaire,
                cle,
                statut,
                reponse
            )
            .execute(pool)
            .await?
        }
        None => {
            sqlx::query!("DELETE FROM api_idempotence WHERE partenaire_id = $1 AND cle = $2", partenaire, cle)
                .execute(pool)
                .await?
        }
    };
    Ok(())
}
