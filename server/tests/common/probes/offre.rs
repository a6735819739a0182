//! Probes of the Offre module: the demo entité Association Horizon (35, inside) or Association Sud
//! (13, outside).

use sqlx::PgPool;
use uuid::Uuid;

use app::offre::dispositifs::model::DispositifDetail;
use app::offre::dispositifs::repo as dispositifs;
use app::offre::dispositifs::server::{
    CreateDispositif, GetDispositif, MoveDispositif, SetDispositifActive, UpdateDispositif,
};
use app::offre::entites::model::EntiteDetail;
use app::offre::entites::repo;
use app::offre::entites::server::{CreateEntite, GetEntite, MoveEntite, SetEntiteActive, UpdateEntite};
use app::rights::authorize::Target;
use app::rights::model::{Action, Profile};

use super::{Call, Probe, Side, World};

pub struct Entite {
    pub detail: EntiteDetail,
    pub target: Target,
}

pub struct Dispositif {
    pub detail: DispositifDetail,
    pub target: Target,
}

pub struct Fixtures {
    pub inside: Entite,
    pub outside: Entite,
    /// P177-financed, validated.
    pub dispositif_inside: Dispositif,
    pub dispositif_outside: Dispositif,
}

impl Fixtures {
    pub async fn load(pool: &PgPool) -> Fixtures {
        Fixtures {
            inside: entite(pool, "Association Horizon").await,
            outside: entite(pool, "Association Sud").await,
            dispositif_inside: dispositif(pool, "CHRS Horizon").await,
            dispositif_outside: dispositif(pool, "CHRS Sud").await,
        }
    }

    pub fn on(&self, side: Side) -> &Entite {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }

    pub fn dispositif(&self, side: Side) -> &Dispositif {
        match side {
            Side::Inside => &self.dispositif_inside,
            Side::Outside => &self.dispositif_outside,
        }
    }
}

async fn dispositif(pool: &PgPool, nom: &str) -> Dispositif {
    let id: Uuid =
        sqlx::query_scalar("SELECT id FROM dispositifs WHERE nom = $1").bind(nom).fetch_one(pool).await.unwrap();
    Dispositif {
        detail: dispositifs::load(pool, id).await.unwrap().unwrap(),
        target: dispositifs::target_of(pool, id).await.unwrap().unwrap(),
    }
}

/// The required fields of a dispositif's form (a P177-financed CHRS).
fn dispositif_form(entite: &str, nom: &str, departement: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[entite_id]", entite.into()),
        ("form[nom]", nom.into()),
        ("form[departement_code]", departement.into()),
        ("form[nature_code]", "hebergement".into()),
        ("form[type_code]", "hebergement.chrs".into()),
        ("form[finance_p177]", "oui".into()),
    ]
}

/// The probes' dispositifs are P177-financed and validated: a SIAO neither creates, edits nor
/// validates them (matrix notes "non financés P177").
fn siao_not_p177(profile: Profile, action: Action) -> bool {
    !(profile == Profile::AdminSiao && matches!(action, Action::Creer | Action::Modifier | Action::Valider))
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
        Probe::on::<GetDispositif>(|w, side, _| {
            let d = w.offre.dispositif(side);
            Call { args: vec![("id", d.detail.id.to_string())], target: Some(d.target.clone()) }
        }),
        Probe::on::<UpdateDispositif>(|w, side, _| {
            let d = w.offre.dispositif(side);
            let f = &d.detail.form;
            let mut args = vec![("id", d.detail.id.to_string()), ("version", d.detail.version.to_string())];
            args.extend(dispositif_form(&f.entite_id, &f.nom, &f.departement_code));
            Call { args, target: Some(d.target.clone()) }
        })
        .optional(&["form[finance_p177]", "form[entite_id]"])
        .also(siao_not_p177),
        Probe::on::<CreateDispositif>(|w, side, n| {
            let e = w.offre.on(side);
            let departement = e.detail.form.departement_code.clone();
            let target =
                Target { departements: vec![departement.clone()], entite_id: Some(e.detail.id), ..Default::default() };
            let args = dispositif_form(&e.detail.id.to_string(), &format!("Dispositif sonde {n}"), &departement);
            Call { args, target: Some(target) }
        })
        .optional(&["form[finance_p177]"])
        .also(siao_not_p177),
        Probe::on::<MoveDispositif>(|w, side, _| {
            let d = w.offre.dispositif(side);
            let args = vec![
                ("id", d.detail.id.to_string()),
                ("version", d.detail.version.to_string()),
                ("transition", "valider".to_string()),
            ];
            Call { args, target: Some(d.target.clone()) }
        })
        .also(siao_not_p177),
        // Activation of an active object: the state stays (the probes' objects are used by the others).
        Probe::on::<SetEntiteActive>(|w, side, _| {
            let e = w.offre.on(side);
            let args = vec![
                ("id", e.detail.id.to_string()),
                ("version", e.detail.version.to_string()),
                ("actif", "true".to_string()),
            ];
            Call { args, target: Some(e.target.clone()) }
        }),
        Probe::on::<SetDispositifActive>(|w, side, _| {
            let d = w.offre.dispositif(side);
            let args = vec![
                ("id", d.detail.id.to_string()),
                ("version", d.detail.version.to_string()),
                ("actif", "true".to_string()),
            ];
            Call { args, target: Some(d.target.clone()) }
        }),
    ]
}
