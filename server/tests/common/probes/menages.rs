//! Probes of the fiche ménage: a demo ménage of Ille-et-Vilaine created by the demo Travailleur social
//! (inside), the ménage of Marseille created by a TS of the Bouches-du-Rhône (outside).

use sqlx::PgPool;
use uuid::Uuid;

use app::menage::export::DownloadFiche;
use app::menage::fusion_server::{DismissPair, DuplicatePairs, MergePersonnes, UndoMerge};
use app::menage::model::Fiche;
use app::menage::repo;
use app::menage::server::{
    AddPersonne, CreateMenage, DetachPersonne, DuplicateCandidates, GetFiche, GetSensible, MenageFormOptions,
    SearchMenages, UpdatePersonne, UpdateSensible, UpdateSituation,
};
use app::menage::situation_server::{
    AddBudgetLine, GetSituationsPersonnes, RemoveBudgetLine, UpdateSituationsPersonne,
};
use app::rights::authorize::Target;

use super::{Call, Probe, Side, World};

pub struct Menage {
    pub fiche: Fiche,
    pub target: Target,
    /// A budget line of its demandeur principal.
    pub budget_line: Uuid,
}

pub struct Fixtures {
    pub inside: Menage,
    pub outside: Menage,
}

impl Fixtures {
    pub async fn load(pool: &PgPool) -> Fixtures {
        // The demo's first ménages: the inside one is the largest of those created by the TS.
        let inside: Uuid = sqlx::query_scalar(
            "SELECT m.id FROM menages m JOIN users u ON u.id = m.created_by
             WHERE u.email = 'ts.chrs@demo.si-siao.fr'
             ORDER BY (SELECT count(*) FROM menage_membres mm WHERE mm.menage_id = m.id) DESC, m.numero LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let outside: Uuid =
            sqlx::query_scalar("SELECT id FROM menages WHERE departement_code = '13'").fetch_one(pool).await.unwrap();
        Fixtures { inside: menage(pool, inside).await, outside: menage(pool, outside).await }
    }

    pub fn on(&self, side: Side) -> &Menage {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }
}

async fn menage(pool: &PgPool, id: Uuid) -> Menage {
    let budget = app::menage::situation_repo::budget(&mut pool.acquire().await.unwrap(), id).await.unwrap();
    Menage {
        fiche: repo::load(pool, id).await.unwrap().unwrap(),
        target: repo::target_of(pool, id).await.unwrap().unwrap(),
        budget_line: budget.lines.first().expect("a budget line").id,
    }
}

/// The demandeur principal and another person of the ménage, as ids.
fn two_persons(m: &Menage) -> (String, String) {
    let principal = m.fiche.principal().expect("a demandeur principal");
    let other = m.fiche.personnes.iter().find(|p| p.id != principal.id).expect("a second person");
    (principal.id.to_string(), other.id.to_string())
}

fn names(n: usize) -> Vec<(&'static str, String)> {
    vec![("form[nom_naissance]", format!("Sonde{n}")), ("form[prenoms]", "Test".to_string())]
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::fields::<SearchMenages>(|_, _, _| Call { args: vec![("form[q]", "Martin".into())], target: None })
            .optional(&["form[q]"]),
        Probe::fields::<MenageFormOptions>(|_, _, _| Call::none()),
        Probe::fields::<DuplicateCandidates>(|_, _, _| Call {
            args: vec![("nom", "Martin".into()), ("prenoms", "Sophie".into())],
            target: None,
        }),
        // Created in the caller's own département, by the caller: the cell decides.
        Probe::fields::<CreateMenage>(|_, _, n| Call { args: names(n), target: None }),
        Probe::on::<GetFiche>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("id", m.fiche.id.to_string())], target: Some(m.target.clone()) }
        }),
        Probe::on::<UpdateSituation>(|w, side, _| {
            let m = w.menages.on(side);
            let args = vec![
                ("id", m.fiche.id.to_string()),
                ("version", m.fiche.version.to_string()),
                ("form[domiciliation]", "CCAS".to_string()),
            ];
            Call { args, target: Some(m.target.clone()) }
        })
        .optional(&["form[domiciliation]"]),
        Probe::on::<AddPersonne>(|w, side, n| {
            let m = w.menages.on(side);
            let mut args = vec![
                ("menage_id", m.fiche.id.to_string()),
                ("version", m.fiche.version.to_string()),
                ("role", "enfant".to_string()),
            ];
            args.extend(names(n));
            Call { args, target: Some(m.target.clone()) }
        }),
        Probe::on::<GetSensible>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("menage_id", m.fiche.id.to_string())], target: Some(m.target.clone()) }
        }),
        Probe::on::<UpdateSensible>(|w, side, _| {
            let m = w.menages.on(side);
            let p = m.fiche.principal().expect("a demandeur principal");
            let args = vec![
                ("personne_id", p.id.to_string()),
                ("version", "0".to_string()),
                ("form[probleme_sante]", "oui".to_string()),
            ];
            Call { args, target: Some(m.target.clone()) }
        })
        .optional(&["form[probleme_sante]"]),
        Probe::on::<UpdatePersonne>(|w, side, _| {
            let m = w.menages.on(side);
            let p = m.fiche.principal().expect("a demandeur principal");
            let args = vec![
                ("id", p.id.to_string()),
                ("version", p.version.to_string()),
                ("role", "demandeur_principal".to_string()),
                ("form[nom_naissance]", p.form.nom_naissance.clone()),
                ("form[prenoms]", p.form.prenoms.clone()),
            ];
            Call { args, target: Some(m.target.clone()) }
        }),
        Probe::fields::<DuplicatePairs>(|_, _, _| Call::none()),
        // Version 0 is stale: an allowed merge stops at 409, after the matrix, and changes nothing.
        Probe::on::<MergePersonnes>(|w, side, _| {
            let m = w.menages.on(side);
            let (a, b) = two_persons(m);
            let args = vec![
                ("survivante", a),
                ("absorbee", b),
                ("version_survivante", "0".to_string()),
                ("version_absorbee", "0".to_string()),
            ];
            Call { args, target: Some(m.target.clone()) }
        }),
        // No such merge: the cell decides (404 once allowed).
        Probe::fields::<UndoMerge>(|_, _, _| Call { args: vec![("id", Uuid::new_v4().to_string())], target: None }),
        Probe::on::<DismissPair>(|w, side, _| {
            let m = w.menages.on(side);
            let (a, b) = two_persons(m);
            Call { args: vec![("a", a), ("b", b)], target: Some(m.target.clone()) }
        }),
        Probe::on::<DownloadFiche>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("id", m.fiche.id.to_string())], target: Some(m.target.clone()) }
        }),
        Probe::on::<GetSituationsPersonnes>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("menage_id", m.fiche.id.to_string())], target: Some(m.target.clone()) }
        }),
        Probe::on::<UpdateSituationsPersonne>(|w, side, _| {
            let m = w.menages.on(side);
            let p = m.fiche.principal().expect("a demandeur principal");
            let args = vec![
                ("personne_id", p.id.to_string()),
                ("version", p.version.to_string()),
                ("form[employeur]", "Sonde".to_string()),
            ];
            Call { args, target: Some(m.target.clone()) }
        })
        .optional(&["form[employeur]"]),
        Probe::on::<AddBudgetLine>(|w, side, _| {
            let m = w.menages.on(side);
            let p = m.fiche.principal().expect("a demandeur principal");
            let args = vec![
                ("form[personne_id]", p.id.to_string()),
                ("form[type]", "charge:110".to_string()),
                ("form[montant]", "20".to_string()),
            ];
            Call { args, target: Some(m.target.clone()) }
        }),
        Probe::on::<RemoveBudgetLine>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("id", m.budget_line.to_string())], target: Some(m.target.clone()) }
        }),
        Probe::on::<DetachPersonne>(|w, side, _| {
            let m = w.menages.on(side);
            let other = m.fiche.personnes.iter().find(|p| p.role != app::menage::model::Role::DemandeurPrincipal);
            let args = vec![
                ("menage_id", m.fiche.id.to_string()),
                ("version", m.fiche.version.to_string()),
                ("personne_id", other.expect("a second person").id.to_string()),
            ];
            Call { args, target: Some(m.target.clone()) }
        }),
    ]
}
