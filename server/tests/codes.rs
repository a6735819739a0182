//! The codes of the enums (serde names, `code()`) and the `CHECK` lists of the database agree: an
//! enum and its column cannot drift apart.

use sqlx::PgPool;

use app::audit::Outcome;
use app::auth::throttle::Attempt;
use app::auth::tokens::Purpose;
use app::demande::model::{Nature as DemandeNature, OrientationStatut, Statut as DemandeStatut};
use app::menage::model::Role;
use app::offre::lifecycle::Statut;
use app::outbox::model::MailKind;
use app::rights::model::Profile;

/// The quoted values of a CHECK constraint, sorted.
async fn check_values(pool: &PgPool, table: &str, constraint: &str) -> Vec<String> {
    let def: String = sqlx::query_scalar(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $2",
    )
    .bind(table)
    .bind(constraint)
    .fetch_one(pool)
    .await
    .unwrap_or_else(|e| panic!("{table}.{constraint}: {e}"));
    let mut values: Vec<String> = def.split('\'').skip(1).step_by(2).map(str::to_string).collect();
    values.sort();
    values
}

fn codes<T: serde::Serialize>(all: &[T], code: impl Fn(&T) -> &'static str) -> Vec<String> {
    for v in all {
        assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(code(v)), "serde name and code() differ");
    }
    let mut codes: Vec<String> = all.iter().map(|v| code(v).to_string()).collect();
    codes.sort();
    codes
}

#[sqlx::test(migrations = "../migrations")]
async fn enum_codes_match_the_sql_check_lists(pool: PgPool) {
    assert_eq!(check_values(&pool, "users", "users_profile_check").await, codes(&Profile::ALL, Profile::code));
    assert_eq!(check_values(&pool, "audit_log", "audit_log_outcome_check").await, codes(&Outcome::ALL, Outcome::code));
    assert_eq!(
        check_values(&pool, "auth_tokens", "auth_tokens_purpose_check").await,
        codes(&Purpose::ALL, Purpose::code)
    );
    assert_eq!(check_values(&pool, "outbox", "outbox_kind_check").await, codes(&MailKind::ALL, MailKind::code));
    assert_eq!(
        check_values(&pool, "login_failures", "login_failures_kind_check").await,
        codes(&Attempt::ALL, Attempt::code)
    );
    assert_eq!(check_values(&pool, "entites", "entites_statut_check").await, codes(&Statut::ALL, Statut::code));
    assert_eq!(check_values(&pool, "menage_membres", "menage_membres_role_check").await, codes(&Role::ALL, Role::code));
    assert_eq!(
        check_values(&pool, "demandes", "demandes_nature_check").await,
        codes(&DemandeNature::ALL, DemandeNature::code)
    );
    assert_eq!(
        check_values(&pool, "demandes", "demandes_statut_check").await,
        codes(&DemandeStatut::ALL, DemandeStatut::code)
    );
    assert_eq!(
        check_values(&pool, "orientations", "orientations_statut_check").await,
        codes(&OrientationStatut::ALL, OrientationStatut::code)
    );
    assert_eq!(
        check_values(&pool, "commission_demandes", "commission_demandes_decision_check").await,
        codes(&app::demande::model::Decision::ALL, app::demande::model::Decision::code)
    );
    assert_eq!(
        check_values(&pool, "prestations", "prestations_statut_check").await,
        codes(&app::prestation::model::Statut::ALL, app::prestation::model::Statut::code)
    );
}
