//! Loads N fake ménages (about 2.5 persons each) into the database of `DATABASE_URL`, spread over every
//! département, with COPY: a million in minutes. Usage: `siao-fake-menages 1000000 [seed]`.

use std::fmt::Write;

use server::fake::{menage, Rng};
use sqlx::postgres::PgPoolOptions;
use uuid::Uuid;

/// Ménages per COPY batch.
const BATCH: usize = 20_000;

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "\\N".into())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().ok_or("usage: siao-fake-menages COUNT [SEED]")?.parse()?;
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(2026);
    let pool = PgPoolOptions::new().max_connections(1).connect(&std::env::var("DATABASE_URL")?).await?;
    let departements: Vec<String> =
        sqlx::query_scalar!("SELECT code FROM departements ORDER BY code").fetch_all(&pool).await?;
    let today = chrono::Utc::now().date_naive();
    let mut rng = Rng::new(seed);
    let mut conn = pool.acquire().await?;
    let (mut done, mut persons) = (0, 0);
    while done < count {
        let n = BATCH.min(count - done);
        let (mut m_rows, mut p_rows, mut mm_rows) = (String::new(), String::new(), String::new());
        for _ in 0..n {
            let m = menage(&mut rng, today);
            let id = Uuid::from_u64_pair(rng.draw(), rng.draw());
            let dep = &departements[rng.below(departements.len() as u64) as usize];
            writeln!(
                m_rows,
                "{id}\t{}\t{dep}\t{}\t{}\t{}",
                m.cle, m.situation_logement, m.motif_demande, m.duree_errance
            )?;
            for p in &m.personnes {
                let pid = Uuid::from_u64_pair(rng.draw(), rng.draw());
                writeln!(
                    p_rows,
                    "{pid}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{dep}",
                    p.cle,
                    p.nom_naissance,
                    opt(p.nom_usage.as_ref()),
                    p.prenoms,
                    opt(p.date_naissance),
                    p.sexe,
                    p.nationalite
                )?;
                writeln!(mm_rows, "{id}\t{pid}\t{}", p.role.code())?;
                persons += 1;
            }
        }
        let copies = [
            ("COPY menages (id, cle, departement_code, situation_logement, motif_demande, duree_errance) FROM STDIN", m_rows),
            (
                "COPY personnes (id, cle, nom_naissance, nom_usage, prenoms, date_naissance, sexe, nationalite, departement_code) FROM STDIN",
                p_rows,
            ),
            ("COPY menage_membres (menage_id, personne_id, role) FROM STDIN", mm_rows),
        ];
        for (statement, rows) in copies {
            let mut copy = conn.copy_in_raw(statement).await?;
            copy.send(rows.into_bytes()).await?;
            copy.finish().await?;
        }
        done += n;
        eprint!("\r{done} ménages, {persons} personnes");
    }
    eprintln!();
    println!("{done} ménages, {persons} personnes");
    Ok(())
}
