//! Probes of the notes: on each side's ménage (`menages::Fixtures`), a draft and an open alerte written by
//! the ménage's author, so that the ménage's target is also the draft's (owner = author).

use sqlx::PgPool;
use uuid::Uuid;

use app::note::server::{CloseAlerte, CreateNote, DeleteNote, ListNotes, PublishNote, UpdateNote};

use super::{Call, Probe, Side, World};

pub struct Notes {
    pub draft: Uuid,
    pub alerte: Uuid,
}

pub struct Fixtures {
    pub inside: Notes,
    pub outside: Notes,
}

impl Fixtures {
    pub async fn load(pool: &PgPool, menages: &super::menages::Fixtures) -> Fixtures {
        Fixtures {
            inside: notes(pool, menages.inside.fiche.id).await,
            outside: notes(pool, menages.outside.fiche.id).await,
        }
    }

    fn on(&self, side: Side) -> &Notes {
        match side {
            Side::Inside => &self.inside,
            Side::Outside => &self.outside,
        }
    }
}

/// A draft and an open alerte by the ménage's author.
async fn notes(pool: &PgPool, menage_id: Uuid) -> Notes {
    let insert = async |nature: &str, statut: &str| -> Uuid {
        sqlx::query_scalar(
            "INSERT INTO notes (id, menage_id, nature, titre, corps, statut, created_by, publiee_at)
             SELECT gen_random_uuid(), id, $2, 'Sonde', 'Texte de la sonde', $3, created_by,
                    CASE WHEN $3 = 'publiee' THEN now() END
             FROM menages WHERE id = $1 RETURNING id",
        )
        .bind(menage_id)
        .bind(nature)
        .bind(statut)
        .fetch_one(pool)
        .await
        .unwrap()
    };
    Notes { draft: insert("note_sociale", "brouillon").await, alerte: insert("alerte", "publiee").await }
}

fn note_form(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("form[nature]", "note".to_string()),
        ("form[titre]", format!("Sonde {n}")),
        ("form[corps]", "Texte".to_string()),
    ]
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::on::<ListNotes>(|w, side, _| {
            let m = w.menages.on(side);
            Call { args: vec![("menage_id", m.fiche.id.to_string())], target: Some(m.target.clone()) }
        }),
        Probe::on::<CreateNote>(|w, side, n| {
            let m = w.menages.on(side);
            let mut args = vec![("menage_id", m.fiche.id.to_string())];
            args.extend(note_form(n));
            Call { args, target: Some(m.target.clone()) }
        }),
        // Version 0 is stale: an allowed call stops at 409, after the matrix, and changes nothing.
        Probe::on::<UpdateNote>(|w, side, n| {
            let mut args = vec![("id", w.notes.on(side).draft.to_string()), ("version", "0".to_string())];
            args.extend(note_form(n));
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
        Probe::on::<PublishNote>(|w, side, _| {
            let args = vec![("id", w.notes.on(side).draft.to_string()), ("version", "0".to_string())];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
        Probe::on::<DeleteNote>(|w, side, _| {
            let args = vec![("id", w.notes.on(side).draft.to_string()), ("version", "0".to_string())];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
        // The first allowed call closes the alerte; the next ones are refused by its state (422), not the matrix.
        Probe::on::<CloseAlerte>(|w, side, _| {
            let args = vec![("id", w.notes.on(side).alerte.to_string()), ("motif", "Sonde".to_string())];
            Call { args, target: Some(w.menages.on(side).target.clone()) }
        }),
    ]
}
