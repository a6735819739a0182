//! Probes of the groupes de places, their places and the financements: in CHRS Horizon (35, inside)
//! or CHRS Sud (13, outside).

use sqlx::PgPool;
use uuid::Uuid;

use app::offre::financements::server::{
    CreateFinancement, DeactivateFinancement, GetFinancement, ListFinancements, UpdateFinancement,
};
use app::offre::groupes::model::{GroupeDetail, PlaceItem, PlaceStatut};
use app::offre::groupes::repo;
use app::offre::groupes::server::{
    ActivateGroupe, CreateGroupe, DeactivateGroupe, DesimmobiliserPlace, GetGroupe, ImmobiliserPlace, ListGroupes,
    UpdateGroupe,
};
use app::rights::authorize::Target;
use app::rights::model::{Action, Profile};

use super::{Call, Probe, Side, World};

pub struct Groupe {
    pub detail: GroupeDetail,
    pub target: Target,
}

impl Groupe {
    fn place(&self, statut: PlaceStatut) -> &PlaceItem {
        self.detail.places.iter().rev().find(|p| p.statut == statut).expect("a place in this status")
    }
}

pub struct Fixtures {
    pub inside: Groupe,
    pub outside: Groupe,
    /// A P177 line of the dispositif (id, version).
    pub financement_inside: (Uuid, i32),
    pub financement_outside: (Uuid, i32),
}

impl Fixtures {
    pub async fn load(pool: &PgPool) -> Fixtures {
        Fixtures {
            inside: groupe(pool, "Chambres familles").await,
            outside: groupe(pool, "Chambres Sud").await,
            financement_inside: financement(pool, "CHRS Horizon").await,
            financement_outside: financement(pool, "CHRS Sud").await,
        }
    }

    fn on(&self, side: Side) -> &Groupe {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }

    fn financement(&self, side: Side) -> (Uuid, i32) {
        match side {
            Side::Inside => self.financement_inside,
            Side::Outside => self.financement_outside,
        }
    }
}

async fn groupe(pool: &PgPool, nom: &str) -> Groupe {
    let id: Uuid =
        sqlx::query_scalar("SELECT id FROM groupes_places WHERE nom = $1").bind(nom).fetch_one(pool).await.unwrap();
    Groupe {
        detail: repo::load(pool, id).await.unwrap().unwrap(),
        target: repo::target_of(pool, id).await.unwrap().unwrap(),
    }
}

async fn financement(pool: &PgPool, dispositif: &str) -> (Uuid, i32) {
    sqlx::query_as(
        "SELECT f.id, f.version FROM financements f JOIN dispositifs d ON d.id = f.dispositif_id
         WHERE d.nom = $1 AND f.source_code = 'p177'",
    )
    .bind(dispositif)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The Responsable de dispositif immobilises and frees places, nothing else (matrix note).
fn places_only(profile: Profile, action: Action) -> bool {
    !(profile == Profile::ResponsableDispositif && action == Action::Modifier)
}

/// The probes' financements are P177 lines: the département's (a SIAO records the other sources).
fn not_siao(profile: Profile, _: Action) -> bool {
    profile != Profile::AdminSiao
}

fn dispositif_call(w: &World, side: Side) -> Call {
    let d = w.offre.dispositif(side);
    Call { args: vec![("dispositif_id", d.detail.id.to_string())], target: Some(d.target.clone()) }
}

fn id_version(id: Uuid, version: i32) -> Vec<(&'static str, String)> {
    vec![("id", id.to_string()), ("version", version.to_string())]
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::on::<ListGroupes>(|w, side, _| dispositif_call(w, side)),
        Probe::on::<ListFinancements>(|w, side, _| dispositif_call(w, side)),
        Probe::on::<GetGroupe>(|w, side, _| {
            let g = w.places.on(side);
            Call { args: vec![("id", g.detail.id.to_string())], target: Some(g.target.clone()) }
        }),
        Probe::on::<CreateGroupe>(|w, side, n| {
            let d = w.offre.dispositif(side);
            let args = vec![
                ("form[dispositif_id]", d.detail.id.to_string()),
                ("form[nom]", format!("Groupe sonde {n}")),
                ("form[canal]", "insertion".to_string()),
                ("form[nombre_places]", "2".to_string()),
            ];
            Call { args, target: Some(d.target.clone()) }
        }),
        Probe::on::<UpdateGroupe>(|w, side, _| {
            let g = w.places.on(side);
            let mut args = id_version(g.detail.id, g.detail.version);
            args.extend([
                ("form[dispositif_id]", g.detail.form.dispositif_id.clone()),
                ("form[nom]", g.detail.form.nom.clone()),
                ("form[canal]", g.detail.form.canal.clone()),
                ("form[nombre_places]", g.detail.places.len().to_string()),
            ]);
            Call { args, target: Some(g.target.clone()) }
        })
        .optional(&["form[dispositif_id]"])
        .also(places_only),
        Probe::on::<ActivateGroupe>(|w, side, _| {
            let g = w.places.on(side);
            Call { args: id_version(g.detail.id, g.detail.version), target: Some(g.target.clone()) }
        })
        .also(places_only),
        Probe::on::<DeactivateGroupe>(|w, side, _| {
            let g = w.places.on(side);
            Call { args: id_version(g.detail.id, g.detail.version), target: Some(g.target.clone()) }
        }),
        Probe::on::<ImmobiliserPlace>(|w, side, _| {
            let g = w.places.on(side);
            let p = g.place(PlaceStatut::Libre);
            let mut args = id_version(p.id, p.version);
            args.extend([("form[motif]", "travaux".to_string()), ("form[du]", "2026-11-23".to_string())]);
            Call { args, target: Some(g.target.clone()) }
        }),
        Probe::on::<DesimmobiliserPlace>(|w, side, _| {
            let g = w.places.on(side);
            let p = g.place(PlaceStatut::Immobilisee);
            Call { args: id_version(p.id, p.version), target: Some(g.target.clone()) }
        }),
        Probe::on::<GetFinancement>(|w, side, _| {
            let (id, _) = w.places.financement(side);
            Call { args: vec![("id", id.to_string())], target: Some(w.offre.dispositif(side).target.clone()) }
        }),
        Probe::on::<CreateFinancement>(|w, side, n| {
            let d = w.offre.dispositif(side);
            let args = vec![
                ("form[dispositif_id]", d.detail.id.to_string()),
                ("form[source_code]", "p177".to_string()),
                ("form[annee]", (2000 + n % 100).to_string()),
                ("form[places_financees]", "3".to_string()),
            ];
            Call { args, target: Some(d.target.clone()) }
        })
        .also(not_siao),
        Probe::on::<UpdateFinancement>(|w, side, _| {
            let (id, version) = w.places.financement(side);
            let mut args = id_version(id, version);
            args.extend([
                ("form[source_code]", "p177".to_string()),
                ("form[annee]", "2026".to_string()),
                ("form[places_financees]", "20".to_string()),
            ]);
            Call { args, target: Some(w.offre.dispositif(side).target.clone()) }
        })
        .also(not_siao),
        Probe::on::<DeactivateFinancement>(|w, side, _| {
            let (id, version) = w.places.financement(side);
            Call { args: id_version(id, version), target: Some(w.offre.dispositif(side).target.clone()) }
        })
        .also(not_siao),
    ]
}
