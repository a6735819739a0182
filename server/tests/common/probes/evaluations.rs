//! Probes of the évaluations approfondies: on each side's ménage, a final EA and a draft written by the
//! ménage's author (so that the ménage's target is also the draft's: owner = author).

use sqlx::PgPool;
use uuid::Uuid;

use app::evaluation::export::DownloadEvaluation;
use app::evaluation::server::{
    DeleteEvaluation, FinaliseEvaluation, GetEvaluation, ListEvaluations, SaveEvaluation, StartEvaluation,
};

use super::{Call, Probe, Side, World};

pub struct Evaluations {
    pub finale: Uuid,
    pub draft: Uuid,
}

pub struct Fixtures {
    pub inside: Evaluations,
    pub outside: Evaluations,
}

impl Fixtures {
    pub async fn load(pool: &PgPool, menages: &super::menages::Fixtures) -> Fixtures {
        Fixtures {
            inside: evaluations(pool, menages.inside.fiche.id).await,
            outside: evaluations(pool, menages.outside.fiche.id).await,
        }
    }

    fn on(&self, side: Side) -> &Evaluations {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }
}

async fn evaluations(pool: &PgPool, menage_id: Uuid) -> Evaluations {
    let insert = async |statut: &str| -> Uuid {
        sqlx::query_scalar(
            "INSERT INTO evaluations (id, menage_id, statut, contenu, created_by, finalisee_at)
             SELECT gen_random_uuid(), id, $2, '{}', created_by, CASE WHEN $2 = 'finale' THEN now() END
             FROM menages WHERE id = $1 RETURNING id",
        )
        .bind(menage_id)
        .bind(statut)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    Evaluations { finale: insert("finale").await, draft: insert("brouillon").await }
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::on::<ListEvaluations>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("menage_id", m.fiche.id.to_string())], target: Some(m.target.clone()) }
        }),
        Probe::on::<GetEvaluation>(|w, side, _| {
            let args = vec![("id", w.evaluations.on(side).finale.to_string())];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
        // An allowed call resumes the author's draft (one per author and ménage).
        Probe::on::<StartEvaluation>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("menage_id", m.fiche.id.to_string())], target: Some(m.target.clone()) }
        }),
        // Version 0 is stale: an allowed save stops at 409, after the matrix, and changes nothing.
        Probe::on::<SaveEvaluation>(|w, side, _| {
            let args = vec![
                ("id", w.evaluations.on(side).draft.to_string()),
                ("version", "0".to_string()),
                ("etape", "budget".to_string()),
                ("form[budget_observations]", "Sonde".to_string()),
            ];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        })
        .optional(&["form[budget_observations]"]),
        // The probe's draft is empty: an allowed finalisation stops at 422 (domains missing).
        Probe::on::<FinaliseEvaluation>(|w, side, _| {
            let args = vec![("id", w.evaluations.on(side).draft.to_string()), ("version", "0".to_string())];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
        Probe::on::<DownloadEvaluation>(|w, side, _| {
            let args = vec![("id", w.evaluations.on(side).finale.to_string())];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
        Probe::on::<DeleteEvaluation>(|w, side, _| {
            let args = vec![("id", w.evaluations.on(side).draft.to_string()), ("version", "0".to_string())];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
    ]
}
