//! Probes of the demandes and orientations. Each side has its own ménage (so that the ménages' fixtures
//! keep their scope): inside, a ménage of the demo TS with a demande d'insertion written from his CHRS
//! (transmise), a 115 call on hold, and an orientation of the demande to the CHRS's family rooms; outside,
//! the same in the Bouches-du-Rhône. Steps are sent with version 0: an allowed call stops after the matrix
//! (a stale version, an illegal step or a form error), and changes nothing.

use sqlx::PgPool;
use uuid::Uuid;

use app::demande::server::{
    admits_directly, siao_side, AdmissionTargets, AdmitDirectly, CancelDemande, CancelOrientation, CloseAppel,
    CompatibleGroupes, CreateAppel, CreateDemande, DecideCommission, DecideOrientation, GetAppel, GetCommission,
    GetDemande, HoldAppel, InscrireDemande, ListAppelsMenage, ListDemandesMenage, MoveOrientation, MoveTargets,
    OrientDemande, PresentCommission, ReactivateDemande, RecordArrival, RecordDeparture, ReturnDemande, SetPriorite,
    TransmitDemande, UpdateDemande,
};
use app::prestation::server::{
    CancelPrestation, CreatePrestation, ListPrestationsMenage, PrestationFormOptions, StepPrestation,
};
use app::rights::authorize::Target;
use app::rights::model::Profile;

use super::{Call, Probe, Side, World};
use crate::common::builders::MenageBuilder;

pub struct Demandes {
    pub menage: Uuid,
    pub menage_target: Target,
    pub insertion: Uuid,
    pub appel: Uuid,
    /// The demande's target: the ménage's, with its author.
    pub target: Target,
    pub orientation: Uuid,
    pub orientation_target: Target,
    pub groupe: Uuid,
    /// A prestation asked by the side's TS of his own dispositif for the ménage, and its target.
    pub prestation: Uuid,
    pub prestation_target: Target,
    /// A commission session of the side's département, with the insertion demande on its agenda.
    pub commission: Uuid,
    pub commission_target: Target,
}

pub struct Fixtures {
    pub inside: Demandes,
    pub outside: Demandes,
}

impl Fixtures {
    pub async fn load(pool: &PgPool) -> Fixtures {
        Fixtures {
            inside: side(pool, "35", "ts.chrs@demo.si-siao.fr").await,
            outside: side(pool, "13", "ts.sud@demo.si-siao.fr").await,
        }
    }

    fn on(&self, side: Side) -> &Demandes {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }
}

async fn side(pool: &PgPool, departement: &str, ts: &str) -> Demandes {
    let (author, dispositif): (Uuid, Uuid) = sqlx::query_as(
        "SELECT u.id, ud.dispositif_id FROM users u JOIN user_dispositifs ud ON ud.user_id = u.id WHERE u.email = $1",
    )
    .bind(ts)
    .fetch_one(pool)
    .await
    .unwrap();
    let (menage, personnes) = MenageBuilder::new(departement, author)
        .person("Sonde", "Demande", Some("1980-01-01"))
        .person("Sonde", "Enfant", Some("2018-01-01"))
        .insert(pool)
        .await;
    let insert = async |nature: &str, statut: &str| -> Uuid {
        sqlx::query_scalar(
            "INSERT INTO demandes (id, nature, menage_id, departement_code, personne_ids, statut, nb_adultes, nb_mineurs,
                                   prescripteur_dispositif_id, created_by, appel_at, motif_appel, situation_demande,
                                   motif_demande, preconisations, transmise_initiale_at)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 1, 1, CASE WHEN $1 = 'insertion' THEN $6::uuid END, $7,
                     CASE WHEN $1 = 'urgence_115' THEN now() END, CASE WHEN $1 = 'urgence_115' THEN 'hebergement_nuit' END,
                     '1', '1', '{400}', now())
             RETURNING id",
        )
        .bind(nature)
        .bind(menage)
        .bind(departement)
        .bind(&personnes)
        .bind(statut)
        .bind(dispositif)
        .bind(author)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    let insertion = insert("insertion", "transmise").await;
    let appel = insert("urgence_115", "en_attente").await;
    let (groupe, orientation_dispositif, dep, entite): (Uuid, Uuid, String, Uuid) = sqlx::query_as(
        "SELECT g.id, d.id, d.departement_code, d.entite_id FROM groupes_places g JOIN dispositifs d ON d.id = g.dispositif_id
         WHERE d.departement_code = $1 AND NOT g.ephemere ORDER BY g.canal = 'urgence_115', g.nom LIMIT 1",
    )
    .bind(departement)
    .fetch_one(pool)
    .await
    .unwrap_or_else(|e| panic!("a groupe in {departement}: {e}"));
    // A second demande of the ménage carries the orientation (one live orientation per demande).
    let oriented = insert("insertion", "orientee").await;
    let orientation: Uuid = sqlx::query_scalar(
        "INSERT INTO orientations (id, demande_id, menage_id, groupe_id, dispositif_id, statut, nb_places, created_by)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, 'proposee', 2, $5) RETURNING id",
    )
    .bind(oriented)
    .bind(menage)
    .bind(groupe)
    .bind(orientation_dispositif)
    .bind(author)
    .fetch_one(pool)
    .await
    .unwrap();
    let commission: Uuid = sqlx::query_scalar(
        "INSERT INTO commissions (id, departement_code, date_seance, intitule, created_by)
         VALUES (gen_random_uuid(), $1, current_date + 7, 'Commission sonde', $2) RETURNING id",
    )
    .bind(departement)
    .bind(author)
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO commission_demandes (commission_id, demande_id, rang) VALUES ($1, $2, 1)")
        .bind(commission)
        .bind(insertion)
        .execute(pool)
        .await
        .unwrap();
    let commission_target = Target { departements: vec![departement.to_string()], ..Default::default() };
    let prestation: Uuid = sqlx::query_scalar(
        "INSERT INTO prestations (id, menage_id, departement_code, type_code, statut, dispositif_id,
                                  demandeur_dispositif_id, created_by)
         VALUES (gen_random_uuid(), $1, $2, 'maraude', 'demandee', $3, $3, $4) RETURNING id",
    )
    .bind(menage)
    .bind(departement)
    .bind(dispositif)
    .bind(author)
    .fetch_one(pool)
    .await
    .unwrap();
    let menage_target = app::menage::repo::target_of(pool, menage).await.unwrap().unwrap();
    let target = Target { owner: Some(author), ..menage_target.clone() };
    let prestation_target = target.clone();
    let orientation_target = Target {
        departements: vec![dep, departement.to_string()],
        entite_id: Some(entite),
        dispositifs: vec![orientation_dispositif],
        owner: None,
    };
    Demandes {
        menage,
        menage_target,
        insertion,
        appel,
        target,
        orientation,
        orientation_target,
        groupe,
        commission,
        commission_target,
        prestation,
        prestation_target,
    }
}

fn not_siao(p: Profile, _: app::rights::model::Action) -> bool {
    !siao_side(p)
}

fn siao(p: Profile, _: app::rights::model::Action) -> bool {
    siao_side(p)
}

fn step(id: Uuid) -> Vec<(&'static str, String)> {
    vec![("id", id.to_string()), ("version", "0".to_string())]
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::on::<ListDemandesMenage>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("menage_id", d.menage.to_string())], target: Some(d.menage_target.clone()) }
        }),
        Probe::on::<ListAppelsMenage>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("menage_id", d.menage.to_string())], target: Some(d.menage_target.clone()) }
        }),
        Probe::on::<GetDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("id", d.insertion.to_string())], target: Some(d.target.clone()) }
        }),
        Probe::on::<GetAppel>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("id", d.appel.to_string())], target: Some(d.target.clone()) }
        }),
        // An empty form: an allowed call stops at the form's errors.
        Probe::on::<CreateDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("menage_id", d.menage.to_string())], target: Some(d.menage_target.clone()) }
        })
        .also(not_siao),
        Probe::on::<CreateAppel>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("menage_id", d.menage.to_string())], target: Some(d.menage_target.clone()) }
        }),
        Probe::on::<UpdateDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.insertion), target: Some(d.target.clone()) }
        })
        .also(not_siao),
        Probe::on::<TransmitDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.insertion), target: Some(d.target.clone()) }
        })
        .also(not_siao),
        Probe::on::<ReturnDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = step(d.insertion);
            args.push(("commentaire", "Pièces manquantes".into()));
            Call { args, target: Some(d.target.clone()) }
        })
        .also(siao),
        Probe::on::<CancelDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = step(d.insertion);
            args.push(("motif", "doublon".into()));
            Call { args, target: Some(d.target.clone()) }
        }),
        Probe::on::<ReactivateDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.insertion), target: Some(d.target.clone()) }
        })
        .also(siao),
        Probe::on::<InscrireDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.insertion), target: Some(d.target.clone()) }
        }),
        Probe::on::<SetPriorite>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("id", d.insertion.to_string())], target: Some(d.target.clone()) }
        }),
        Probe::on::<PresentCommission>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.insertion), target: Some(d.target.clone()) }
        }),
        Probe::on::<CompatibleGroupes>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("demande_id", d.insertion.to_string())], target: Some(d.target.clone()) }
        }),
        Probe::on::<OrientDemande>(|w, side, _| {
            let d = w.demandes.on(side);
            let args = vec![
                ("demande_id", d.insertion.to_string()),
                ("version", "0".into()),
                ("groupe_id", d.groupe.to_string()),
            ];
            Call { args, target: Some(d.target.clone()) }
        })
        .also(|p, _| siao_side(p) && p != Profile::Ecoutant115),
        Probe::on::<CancelOrientation>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.orientation), target: Some(d.orientation_target.clone()) }
        }),
        Probe::on::<DecideOrientation>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = step(d.orientation);
            args.push(("decision", "accepter".into()));
            Call { args, target: Some(d.orientation_target.clone()) }
        }),
        Probe::on::<RecordArrival>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.orientation), target: Some(d.orientation_target.clone()) }
        }),
        Probe::on::<RecordDeparture>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = step(d.orientation);
            args.push(("situation_sortie", "41".into()));
            Call { args, target: Some(d.orientation_target.clone()) }
        }),
        Probe::on::<HoldAppel>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: step(d.appel), target: Some(d.target.clone()) }
        }),
        Probe::on::<CloseAppel>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = step(d.appel);
            args.push(("motif", "doublon".into()));
            Call { args, target: Some(d.target.clone()) }
        }),
        Probe::on::<MoveTargets>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("id", d.orientation.to_string())], target: Some(d.orientation_target.clone()) }
        }),
        Probe::on::<MoveOrientation>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = step(d.orientation);
            args.push(("groupe_id", d.groupe.to_string()));
            Call { args, target: Some(d.orientation_target.clone()) }
        })
        .also(not_siao),
        Probe::fields::<AdmissionTargets>(|_, _, _| Call::none()).also(|p, _| admits_directly(p)),
        // An allowed call stops at the form (a groupe of the structure, no person chosen).
        Probe::on::<AdmitDirectly>(|w, side, _| {
            let d = w.demandes.on(side);
            let args = vec![("menage_id", d.menage.to_string()), ("form[groupe_id]", d.groupe.to_string())];
            Call { args, target: Some(d.menage_target.clone()) }
        })
        .also(|p, _| admits_directly(p)),
        Probe::on::<GetCommission>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("id", d.commission.to_string())], target: Some(d.commission_target.clone()) }
        }),
        Probe::on::<DecideCommission>(|w, side, _| {
            let d = w.demandes.on(side);
            let args = vec![
                ("commission_id", d.commission.to_string()),
                ("demande_id", d.insertion.to_string()),
                ("version", "0".into()),
                ("decision", "ajournee".into()),
            ];
            Call { args, target: Some(d.commission_target.clone()) }
        }),
        Probe::on::<ListPrestationsMenage>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("menage_id", d.menage.to_string())], target: Some(d.menage_target.clone()) }
        }),
        Probe::on::<PrestationFormOptions>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("menage_id", d.menage.to_string())], target: Some(d.menage_target.clone()) }
        }),
        Probe::on::<CreatePrestation>(|w, side, _| {
            let d = w.demandes.on(side);
            Call { args: vec![("menage_id", d.menage.to_string())], target: Some(d.menage_target.clone()) }
        }),
        // The team of the dispositif asked (the TS's own, where the demo's responsable works too).
        Probe::on::<StepPrestation>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = vec![("id", d.prestation.to_string()), ("version", "0".to_string())];
            args.push(("etape", "prendre".into()));
            Call { args, target: Some(d.prestation_target.clone()) }
        })
        .also(|p, _| matches!(p, Profile::ResponsableDispositif | Profile::TravailleurSocial)),
        // Its requester (the TS) or the SIAO.
        Probe::on::<CancelPrestation>(|w, side, _| {
            let d = w.demandes.on(side);
            let mut args = vec![("id", d.prestation.to_string()), ("version", "0".to_string())];
            args.push(("motif", "doublon".into()));
            Call { args, target: Some(d.prestation_target.clone()) }
        })
        .also(|p, _| siao_side(p) || p == Profile::TravailleurSocial),
    ]
}
