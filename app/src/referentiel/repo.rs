//! SQL of the référentiels.

use chrono::NaiveDate;
use sqlx::{PgConnection, PgPool};

use super::model::{RefList, RefListDetail, RefValue, ValueInput};

pub async fn lists(pool: &PgPool) -> Result<Vec<RefList>, sqlx::Error> {
    sqlx::query_as!(
        RefList,
        r#"SELECT r.code, r.label, r.source,
                  (SELECT count(*) FROM referentiel_valeurs v WHERE v.referentiel = r.code) AS "values!"
           FROM referentiels r ORDER BY r.source, r.label"#
    )
    .fetch_all(pool)
    .await
}

/// The values of a list, in their order (retired ones included).
pub async fn values(pool: &PgPool, list: &str) -> Result<Vec<RefValue>, sqlx::Error> {
    values_in(&mut *pool.acquire().await?, list).await
}

/// `values`, on a connection (or in a transaction).
pub async fn values_in(conn: &mut PgConnection, list: &str) -> Result<Vec<RefValue>, sqlx::Error> {
    sqlx::query_as!(
        RefValue,
        r#"SELECT code, label, position, parent_code, active, valid_from AS "valid_from: NaiveDate", valid_to AS "valid_to: NaiveDate", version
         FROM referentiel_valeurs WHERE referentiel = $1 ORDER BY position, code"#,
        list
    )
    .fetch_all(conn)
    .await
}

pub async fn detail(pool: &PgPool, list: &str) -> Result<Option<RefListDetail>, sqlx::Error> {
    let Some(list) = lists(pool).await?.into_iter().find(|l| l.code == list) else { return Ok(None) };
    let values = values(pool, &list.code).await?;
    Ok(Some(RefListDetail { list, values }))
}

pub async fn value(pool: &PgPool, list: &str, code: &str) -> Result<Option<RefValue>, sqlx::Error> {
    if code.contains('\0') {
        return Ok(None); // no code holds one, and PostgreSQL refuses it in a parameter
    }
    sqlx::query_as!(
        RefValue,
        r#"SELECT code, label, position, parent_code, active, valid_from AS "valid_from: NaiveDate", valid_to AS "valid_to: NaiveDate", version
         FROM referentiel_valeurs WHERE referentiel = $1 AND code = $2"#,
        list,
        code
    )
    .fetch_optional(pool)
    .await
}

/// Adds a value (at the end of the list unless an order is given).
pub async fn insert(conn: &mut PgConnection, list: &str, v: &ValueInput) -> Result<RefValue, sqlx::Error> {
    sqlx::query_as!(
        RefValue,
        r#"INSERT INTO referentiel_valeurs (referentiel, code, label, position, parent_code, valid_from, valid_to)
         VALUES ($1, $2, $3,
                 COALESCE($4, (SELECT COALESCE(max(position), 0) + 1 FROM referentiel_valeurs WHERE referentiel = $1)),
                 $5, $6, $7)
         RETURNING code, label, position, parent_code, active, valid_from AS "valid_from: NaiveDate", valid_to AS "valid_to: NaiveDate", version"#,
        list,
        v.code,
        v.label,
        v.position,
        v.parent_code,
        v.valid_from as _,
        v.valid_to as _,
    )
    .fetch_one(conn)
    .await
}

/// Relabels, reorders, re-dates a value if it is still at `version`; `None` if it changed meanwhile.
pub async fn update(
    conn: &mut PgConnection,
    list: &str,
    version: i32,
    v: &ValueInput,
    active: bool,
) -> Result<Option<RefValue>, sqlx::Error> {
    sqlx::query_as!(
        RefValue,
        r#"UPDATE referentiel_valeurs
         SET label = $4, position = COALESCE($5, position), parent_code = $6, valid_from = $7, valid_to = $8,
             active = $9, version = version + 1, updated_at = now()
         WHERE referentiel = $1 AND code = $2 AND version = $3
         RETURNING code, label, position, parent_code, active, valid_from AS "valid_from: NaiveDate", valid_to AS "valid_to: NaiveDate", version"#,
        list,
        v.code,
        version,
        v.label,
        v.position,
        v.parent_code,
        v.valid_from as _,
        v.valid_to as _,
        active,
    )
    .fetch_optional(conn)
    .await
}

/// Is `code` a value of `list` usable today (active, within its validity)?
pub async fn usable(pool: &PgPool, list: &str, code: &str) -> Result<bool, sqlx::Error> {
    let today = chrono::Utc::now().date_naive();
    Ok(value(pool, list, code).await?.is_some_and(|v| v.usable_on(today)))
}

/// The values of `list` offered in forms today, as `(code, label)`.
pub async fn options(pool: &PgPool, list: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    let [options] = options_of(pool, [list]).await?;
    Ok(options)
}

/// `options` of several lists in one query, in the order of `lists` (a form's value lists at once).
pub async fn options_of<const N: usize>(
    pool: &PgPool,
    lists: [&str; N],
) -> Result<[Vec<(String, String)>; N], sqlx::Error> {
    let all = options_for(pool, &lists).await?;
    Ok(std::array::from_fn(|i| all[i].clone()))
}

/// `options_of` for a list of lists known at run time.
pub async fn options_for(pool: &PgPool, lists: &[&str]) -> Result<Vec<Vec<(String, String)>>, sqlx::Error> {
    let names: Vec<String> = lists.iter().map(|l| l.to_string()).collect();
    let rows = sqlx::query!(
        r#"SELECT referentiel, code, label, position, parent_code, active, valid_from AS "valid_from: NaiveDate", valid_to AS "valid_to: NaiveDate", version
         FROM referentiel_valeurs WHERE referentiel = ANY($1) ORDER BY position, code"#,
        &names
    )
    .fetch_all(pool)
    .await?;
    let today = chrono::Utc::now().date_naive();
    let usable: Vec<(String, RefValue)> = rows
        .into_iter()
        .map(|r| {
            let value = RefValue {
                code: r.code,
                label: r.label,
                position: r.position,
                parent_code: r.parent_code,
                active: r.active,
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                version: r.version,
            };
            (r.referentiel, value)
        })
        .filter(|(_, v)| v.usable_on(today))
        .collect();
    // A list asked twice (two fields of one référentiel) gets its values twice.
    Ok(lists
        .iter()
        .map(|list| usable.iter().filter(|(l, _)| l == list).map(|(_, v)| (v.code.clone(), v.label.clone())).collect())
        .collect())
}

/// Each list with its version for partner software: the sum of its values' versions, which grows at every
/// change of a value and at every new value (values are retired, never deleted).
pub async fn versions(pool: &PgPool) -> Result<Vec<(RefList, i64)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT r.code, r.label, r.source, count(v.code) AS "values!", coalesce(sum(v.version), 0)::bigint AS "version!"
           FROM referentiels r LEFT JOIN referentiel_valeurs v ON v.referentiel = r.code
           GROUP BY r.code ORDER BY r.code"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (RefList { code: r.code, label: r.label, source: r.source, values: r.values }, r.version))
        .collect())
}
