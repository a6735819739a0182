//! Probes of the Offre module: the demo entité Association Horizon (35, inside) or Association Sud
//! (13, outside).

use sqlx::PgPool;
use uuid::Uuid;

use app::offre::entites::model::EntiteDetail;
use app::offre::entites::repo;
use app::offre::entites::server::{CreateEntite, GetEntite, MoveEntite, UpdateEntite};
use app::rights::authorize::Target;
use app::rights::model::{Action, Profile};

use super::{Call, Probe, Side, World};

pub struct Entite {
    pub detail: EntiteDetail,
    pub target: Target,
}

pub struct Fixtures {
    pub inside: Entite,
    pub outside: Entite,
}

impl Fixtures {
    pub async fn load(pool: &PgPool) -> Fixtures {
        Fixtures { inside: entite(pool, "Association Horizon").await, outside: entite(pool, "Association Sud").await }
    }

    pub fn on(&self, side: Side) -> &Entite {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }
}

async fn entite(pool: &PgPool, nom: &str) -> Entite {
    let id: Uuid = sqlx::query_scalar("SELECT id FROM entites WHERE nom = $1").bind(nom).fetch_one(pool).await.unwrap();
    Entite {
        detail: repo::load(pool, id).await.unwrap().unwrap(),
        target: repo::target_of(pool, id).await.unwrap().unwrap(),
    }
}

/// A valid SIREN made from `n` (8 digits, then the Luhn key).
pub fn siren(n: usize) -> String {
    let base = format!("{:08}", 40_000_000 + n);
    (0..10).map(|k| format!("{base}{k}")).find(|s| app::offre::siren::luhn(s)).unwrap()
}

/// The required fields of an entité's form (the others may be absent).
fn form(nom: &str, siren: &str, departement: &str) -> Vec<(&'static str, String)> {
    vec![("form[nom]", nom.into()), ("form[siren]", siren.into()), ("form[departement_code]", departement.into())]
}

/// The notes of the Entité rows: a SIAO edits before validation only (the demo entités are valid),
/// and validates nothing (it pre-validates).
fn siao_before_validation(profile: Profile, action: Action) -> bool {
    !(profile == Profile::AdminSiao && matches!(action, Action::Modifier | Action::Valider))
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::on::<GetEntite>(|w, side, _| {
            let e = w.offre.on(side);
            Call { args: vec![("id", e.detail.id.to_string())], target: Some(e.target.clone()) }
        }),
        Probe::on::<UpdateEntite>(|w, side, _| {
            let e = w.offre.on(side);
            let f = &e.detail.form;
            let mut args = vec![("id", e.detail.id.to_string()), ("version", e.detail.version.to_string())];
            args.extend(form(&f.nom, &f.siren, &f.departement_code));
            Call { args, target: Some(e.target.clone()) }
        })
        .also(siao_before_validation),
        Probe::on::<CreateEntite>(|w, side, n| {
            let e = w.offre.on(side);
            let departement = &e.detail.form.departement_code;
            let target = Target { departements: vec![departement.clone()], ..Default::default() };
            Call { args: form(&format!("Entité sonde {n}"), &siren(n), departement), target: Some(target) }
        }),
        Probe::on::<MoveEntite>(|w, side, _| {
            let e = w.offre.on(side);
            let args = vec![
                ("id", e.detail.id.to_string()),
                ("version", e.detail.version.to_string()),
                ("transition", "valider".to_string()),
            ];
            Call { args, target: Some(e.target.clone()) }
        })
        .also(siao_before_validation),
    ]
}
