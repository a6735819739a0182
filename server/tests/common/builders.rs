//! Test builders (in the manner of crates.io's): a fixture states only what the test cares about,
//! the rest gets a sensible default. Each `insert` writes the row(s) and returns the id.

use sqlx::PgPool;
use uuid::Uuid;

use app::rights::model::Profile;

pub struct SiaoBuilder {
    nom: String,
    departements: Vec<String>,
}

impl SiaoBuilder {
    pub fn new(nom: &str) -> Self {
        SiaoBuilder { nom: nom.into(), departements: vec![] }
    }

    pub fn covering(mut self, departement: &str) -> Self {
        self.departements.push(departement.into());
        self
    }

    pub async fn insert(self, pool: &PgPool) -> Uuid {
        let id: Uuid = sqlx::query_scalar("INSERT INTO siaos (nom) VALUES ($1) RETURNING id")
            .bind(&self.nom)
            .fetch_one(pool)
            .await
            .expect("insert siao");
        sqlx::query("INSERT INTO siao_departements SELECT $1, unnest($2::text[])")
            .bind(id)
            .bind(&self.departements)
            .execute(pool)
            .await
            .expect("insert siao départements");
        id
    }
}

pub struct EntiteBuilder {
    nom: String,
    siren: String,
    departements: Vec<String>,
}

impl EntiteBuilder {
    pub fn new(nom: &str, siren: &str) -> Self {
        EntiteBuilder { nom: nom.into(), siren: siren.into(), departements: vec![] }
    }

    pub fn in_departement(mut self, departement: &str) -> Self {
        self.departements.push(departement.into());
        self
    }

    pub async fn insert(self, pool: &PgPool) -> Uuid {
        let id: Uuid =
            sqlx::query_scalar("INSERT INTO entites (nom, siren, departement_code) VALUES ($1, $2, $3) RETURNING id")
                .bind(&self.nom)
                .bind(&self.siren)
                .bind(self.departements.first())
                .fetch_one(pool)
                .await
                .expect("insert entité");
        sqlx::query("INSERT INTO entite_departements SELECT $1, unnest($2::text[])")
            .bind(id)
            .bind(&self.departements)
            .execute(pool)
            .await
            .expect("insert entité départements");
        id
    }
}

pub struct DispositifBuilder {
    entite: Uuid,
    nom: String,
    departement: String,
    p177: bool,
}

impl DispositifBuilder {
    pub fn new(entite: Uuid, nom: &str, departement: &str) -> Self {
        DispositifBuilder { entite, nom: nom.into(), departement: departement.into(), p177: false }
    }

    pub fn p177(mut self) -> Self {
        self.p177 = true;
        self
    }

    pub async fn insert(self, pool: &PgPool) -> Uuid {
        sqlx::query_scalar(
            "INSERT INTO dispositifs (entite_id, nom, departement_code, finance_p177) VALUES ($1, $2, $3, $4)
             RETURNING id",
        )
        .bind(self.entite)
        .bind(&self.nom)
        .bind(&self.departement)
        .bind(self.p177)
        .fetch_one(pool)
        .await
        .expect("insert dispositif")
    }
}

/// A groupe de places of `places` places (channel insertion), the first `immobilisees` of them
/// immobilised for works, the others free.
pub struct GroupeBuilder {
    dispositif: Uuid,
    nom: String,
    places: i32,
    immobilisees: i32,
}

impl GroupeBuilder {
    pub fn new(dispositif: Uuid, nom: &str, places: i32) -> Self {
        GroupeBuilder { dispositif, nom: nom.into(), places, immobilisees: 0 }
    }

    pub fn immobilisees(mut self, n: i32) -> Self {
        self.immobilisees = n;
        self
    }

    pub async fn insert(self, pool: &PgPool) -> Uuid {
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO groupes_places (dispositif_id, nom, canal) VALUES ($1, $2, 'insertion') RETURNING id",
        )
        .bind(self.dispositif)
        .bind(&self.nom)
        .fetch_one(pool)
        .await
        .expect("insert groupe");
        sqlx::query(
            "INSERT INTO places (groupe_id, numero, statut, motif_immobilisation, immobilisee_du)
             SELECT $1, n, CASE WHEN n <= $3 THEN 'immobilisee' ELSE 'libre' END,
                    CASE WHEN n <= $3 THEN 'travaux' END, CASE WHEN n <= $3 THEN current_date END
             FROM generate_series(1, $2) AS n",
        )
        .bind(id)
        .bind(self.places)
        .bind(self.immobilisees)
        .execute(pool)
        .await
        .expect("insert places");
        id
    }
}

/// A financement line of a dispositif for the current year.
pub async fn financement(pool: &PgPool, dispositif: Uuid, source: &str, places: i32) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO financements (dispositif_id, source_code, annee, places_financees)
         VALUES ($1, $2, extract(year FROM current_date)::int, $3) RETURNING id",
    )
    .bind(dispositif)
    .bind(source)
    .bind(places)
    .fetch_one(pool)
    .await
    .expect("insert financement")
}

/// An account (without password unless `password` is called: it never logs in).
pub struct UserBuilder {
    email: String,
    prenom: String,
    nom: String,
    profile: Profile,
    departement: Option<String>,
    siao: Option<Uuid>,
    entite: Option<Uuid>,
    dispositifs: Vec<Uuid>,
}

impl UserBuilder {
    pub fn new(email: &str, profile: Profile) -> Self {
        UserBuilder {
            email: email.into(),
            prenom: "Camille".into(),
            nom: "Test".into(),
            profile,
            departement: None,
            siao: None,
            entite: None,
            dispositifs: vec![],
        }
    }

    pub fn named(mut self, prenom: &str, nom: &str) -> Self {
        (self.prenom, self.nom) = (prenom.into(), nom.into());
        self
    }

    pub fn departement(mut self, code: &str) -> Self {
        self.departement = Some(code.into());
        self
    }

    pub fn siao(mut self, id: Uuid) -> Self {
        self.siao = Some(id);
        self
    }

    /// Attached to `entite`, assigned to `dispositifs` (entité profiles).
    pub fn entite(mut self, entite: Uuid, dispositifs: &[Uuid]) -> Self {
        self.entite = Some(entite);
        self.dispositifs = dispositifs.to_vec();
        self
    }

    pub async fn insert(self, pool: &PgPool) -> Uuid {
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO users (email, prenom, nom, profile, departement_code, siao_id, entite_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&self.email)
        .bind(&self.prenom)
        .bind(&self.nom)
        .bind(self.profile.code())
        .bind(&self.departement)
        .bind(self.siao)
        .bind(self.entite)
        .fetch_one(pool)
        .await
        .expect("insert user");
        sqlx::query("INSERT INTO user_dispositifs SELECT $1, unnest($2::uuid[])")
            .bind(id)
            .bind(&self.dispositifs)
            .execute(pool)
            .await
            .expect("insert user dispositifs");
        id
    }
}

/// A ménage of one or more persons (the first one demandeur principal, the others enfants).
pub struct MenageBuilder {
    departement: String,
    author: Uuid,
    persons: Vec<(String, String, Option<chrono::NaiveDate>)>,
}

impl MenageBuilder {
    pub fn new(departement: &str, author: Uuid) -> Self {
        MenageBuilder { departement: departement.into(), author, persons: vec![] }
    }

    pub fn person(mut self, nom: &str, prenoms: &str, naissance: Option<&str>) -> Self {
        self.persons.push((nom.into(), prenoms.into(), naissance.and_then(|d| d.parse().ok())));
        self
    }

    /// The ménage's id and its persons' ids.
    pub async fn insert(self, pool: &PgPool) -> (Uuid, Vec<Uuid>) {
        use app::menage::{model::cle, repo};
        let mut tx = pool.begin().await.unwrap();
        let id = Uuid::new_v4();
        repo::insert_menage(&mut tx, id, &cle::new('M'), &self.departement, self.author).await.expect("ménage");
        let mut ids = vec![];
        for (i, (nom, prenoms, naissance)) in self.persons.into_iter().enumerate() {
            let form = app::menage::model::PersonneForm {
                nom_naissance: nom,
                prenoms,
                date_naissance: naissance.map(|d| d.to_string()).unwrap_or_default(),
                sexe: "FEMME".into(),
                ..Default::default()
            };
            let input = form.parse(chrono::Utc::now().date_naive()).expect("valid person");
            let pid = Uuid::new_v4();
            repo::insert_personne(&mut tx, pid, &cle::new('P'), &input, self.author).await.expect("personne");
            let role =
                if i == 0 { app::menage::model::Role::DemandeurPrincipal } else { app::menage::model::Role::Enfant };
            repo::add_member(&mut tx, id, pid, role, self.author).await.expect("membre");
            if i == 0 {
                // Every built ménage has a resource line (RSA socle), for the budget's probes.
                let line = app::menage::situation::BudgetLineInput {
                    personne_id: pid,
                    nature: app::menage::situation::Nature::Ressource,
                    type_code: "60".into(),
                    montant: app::menage::situation::Euros(60_775),
                    fin: None,
                    commentaire: None,
                };
                app::menage::situation_repo::add_budget_line(&mut tx, Uuid::new_v4(), &line, self.author)
                    .await
                    .expect("budget line");
            }
            ids.push(pid);
        }
        tx.commit().await.unwrap();
        (id, ids)
    }
}
