//! Probes of account management: a Travailleur social account of the demo territory (inside) or of
//! another département (outside).

use sqlx::PgPool;

use app::auth::users::model::{NewUser, UserDetail};
use app::auth::users::repo as users_repo;
use app::auth::users::server::{CreateUser, DeactivateUser, GetUser, ResendWelcome, UpdateUser};
use app::rights::authorize::Target;
use app::rights::matrix::manageable_profiles;
use app::rights::model::{Action, Profile};

use super::super::{outside, user_id, TARGET_TS_EMAIL};
use super::{Call, Probe, Side, World};

pub struct Account {
    pub detail: UserDetail,
    pub target: Target,
    /// Where a new account in the same entité would stand (no owner yet).
    pub new_target: Target,
}

pub struct Fixtures {
    pub inside: Account,
    pub outside: Account,
}

impl Fixtures {
    pub async fn load(pool: &PgPool) -> Fixtures {
        Fixtures { inside: account(pool, TARGET_TS_EMAIL).await, outside: account(pool, outside::TS_EMAIL).await }
    }

    pub fn on(&self, side: Side) -> &Account {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }
}

async fn account(pool: &PgPool, email: &str) -> Account {
    let id = user_id(pool, email).await;
    let detail = users_repo::load(pool, id).await.unwrap().unwrap();
    let attachment = NewUser::try_from(detail.form.clone()).unwrap().attachment;
    Account {
        target: users_repo::target_of(pool, &attachment, Some(id)).await.unwrap(),
        new_target: users_repo::target_of(pool, &attachment, None).await.unwrap(),
        detail,
    }
}

/// Writes on an account also need its profile (here Travailleur social) in "who manages whom".
fn manages_ts(profile: Profile, action: Action) -> bool {
    action == Action::Consulter || manageable_profiles(profile).contains(&Profile::TravailleurSocial)
}

fn by_id(w: &World, side: Side, _: usize) -> Call {
    let a = w.accounts.on(side);
    Call { args: vec![("id", a.detail.id.to_string())], target: Some(a.target.clone()) }
}

/// The account's form fields, as the edit page posts them.
fn form_of(detail: &UserDetail) -> Vec<(&'static str, String)> {
    let f = &detail.form;
    vec![
        ("form[prenom]", f.prenom.clone()),
        ("form[nom]", f.nom.clone()),
        ("form[email]", f.email.clone()),
        ("form[profile]", f.profile.clone()),
        ("form[entite_id]", f.entite_id.clone().unwrap_or_default()),
        ("form[dispositif_ids][0]", f.dispositif_ids[0].clone()),
    ]
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::on::<GetUser>(by_id).also(manages_ts),
        Probe::on::<DeactivateUser>(by_id).also(manages_ts),
        Probe::on::<ResendWelcome>(by_id).also(manages_ts),
        Probe::on::<UpdateUser>(|w, side, _| {
            let a = w.accounts.on(side);
            let mut args = vec![("id", a.detail.id.to_string()), ("version", a.detail.version.to_string())];
            args.extend(form_of(&a.detail));
            Call { args, target: Some(a.target.clone()) }
        })
        .optional(&["form[entite_id]", "form[dispositif_ids][0]"])
        .also(manages_ts),
        Probe::on::<CreateUser>(|w, side, n| {
            let a = w.accounts.on(side);
            let mut args = form_of(&a.detail);
            args[0].1 = "Nina".into();
            args[1].1 = "Nouvelle".into();
            args[2].1 = format!("nouvelle.{n}@demo.si-siao.fr");
            Call { args, target: Some(a.new_target.clone()) }
        })
        .optional(&["form[entite_id]", "form[dispositif_ids][0]"])
        .also(manages_ts),
    ]
}
