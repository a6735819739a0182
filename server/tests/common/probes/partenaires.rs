//! Probes of the partners (`/partenaires`): the demo partner of the CHRS (entité Horizon, 35) inside, a partner
//! of the entité of the other territory (13) outside; each with a secret to revoke.

use sqlx::PgPool;
use uuid::Uuid;

use app::interop::server::{
    CreatePartenaire, GenerateSecret, GetPartenaire, RevokeSecret, SetHabilitation, SetPartenaireActif,
};
use app::rights::authorize::Target;

use super::{Call, Probe, Side, World};

pub struct Partenaire {
    pub id: Uuid,
    pub secret: Uuid,
    pub target: Target,
}

pub struct Fixtures {
    pub inside: Partenaire,
    pub outside: Partenaire,
}

impl Fixtures {
    pub async fn load(pool: &PgPool) -> Fixtures {
        let demo: Uuid = sqlx::query_scalar("SELECT id FROM partenaires WHERE nom = 'SoliDUI (démo)'")
            .fetch_one(pool)
            .await
            .unwrap();
        let sud: Uuid =
            sqlx::query_scalar("SELECT id FROM entites WHERE siren = '111222337'").fetch_one(pool).await.unwrap();
        let admin: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE profile = 'admin_national' LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap();
        let outside = Uuid::new_v4();
        let input = app::interop::model::PartenaireForm {
            nom: "Logiciel Sud".into(),
            editeur: "Éditeur Sud".into(),
            contact_nom: "Contact Sud".into(),
            contact_courriel: "contact@sud.example".into(),
            siren: "111222337".into(),
            limite_minute: "".into(),
        }
        .parse()
        .unwrap();
        let mut tx = pool.begin().await.unwrap();
        app::interop::repo::insert(&mut tx, outside, &input, sud, &app::interop::credentials::new_client_id(), admin)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        Fixtures { inside: partenaire(pool, demo).await, outside: partenaire(pool, outside).await }
    }

    fn on(&self, side: Side) -> &Partenaire {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }
}

async fn partenaire(pool: &PgPool, id: Uuid) -> Partenaire {
    let secret =
        app::interop::repo::insert_secret(pool, id, &Uuid::new_v4().into_bytes(), "sonde", None).await.unwrap();
    let target = app::interop::repo::target_of(pool, id).await.unwrap().unwrap();
    Partenaire { id, secret, target }
}

fn on(w: &World, side: Side, args: Vec<(&'static str, String)>) -> Call {
    let p = w.partenaires.on(side);
    let mut all = vec![("id", p.id.to_string())];
    all.extend(args);
    Call { args: all, target: Some(p.target.clone()) }
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::on::<GetPartenaire>(|w, side, _| on(w, side, vec![])),
        Probe::fields::<CreatePartenaire>(|_, _, n| Call {
            args: vec![
                ("form[nom]", format!("Logiciel sonde {n}")),
                ("form[editeur]", "Éditeur".into()),
                ("form[contact_nom]", "Contact".into()),
                ("form[contact_courriel]", "contact@editeur.example".into()),
                ("form[siren]", "123456782".into()),
            ],
            target: None,
        }),
        Probe::on::<SetHabilitation>(|w, side, _| on(w, side, vec![("version", "0".into())])),
        Probe::on::<GenerateSecret>(|w, side, _| on(w, side, vec![])),
        Probe::on::<RevokeSecret>(|w, side, _| {
            let secret = w.partenaires.on(side).secret.to_string();
            on(w, side, vec![("secret_id", secret)])
        }),
        Probe::on::<SetPartenaireActif>(|w, side, _| {
            on(w, side, vec![("version", "0".into()), ("actif", "oui".into())])
        }),
    ]
}
