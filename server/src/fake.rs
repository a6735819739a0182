//! Realistic fake ménages, deterministic for a seed: French names with their frequency skew (a few very
//! common surnames, a long tail), compositions in the proportions of the 115's callers, ages, sexes and a
//! situation du ménage. Used by the demo data and the national-scale benchmark data; nothing here is about
//! real people.

use chrono::NaiveDate;

use app::menage::model::{cle, Role};

/// A small, fast, deterministic generator (SplitMix64): the same seed gives the same ménages.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn draw(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.draw() % n.max(1)
    }

    /// One of `items`, drawn with their weights.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut pick = self.below(total);
        for (item, w) in items {
            if pick < u64::from(*w) {
                return *item;
            }
            pick -= u64::from(*w);
        }
        items[0].0
    }

    /// A key like `cle::new`, but reproducible.
    pub fn cle(&mut self, prefix: char) -> String {
        let body: String = (0..cle::LEN).map(|_| cle::ALPHABET[self.below(32) as usize] as char).collect();
        format!("{prefix}{body}")
    }
}

/// The most frequent surnames in France (thousands of bearers, INSEE order of magnitude) and surnames of
/// families often met by the SIAO; the tail is made by `surname`.
const SURNAMES: [(&str, u32); 40] = [
    ("Martin", 235),
    ("Bernard", 105),
    ("Thomas", 98),
    ("Petit", 95),
    ("Robert", 93),
    ("Richard", 92),
    ("Durand", 85),
    ("Dubois", 84),
    ("Moreau", 80),
    ("Laurent", 77),
    ("Simon", 75),
    ("Michel", 75),
    ("Lefebvre", 73),
    ("Leroy", 67),
    ("Roux", 64),
    ("David", 63),
    ("Bertrand", 62),
    ("Morel", 61),
    ("Fournier", 60),
    ("Girard", 59),
    ("Bonnet", 57),
    ("Dupont", 57),
    ("Lambert", 56),
    ("Fontaine", 55),
    ("Rousseau", 54),
    ("Le Gall", 40),
    ("Le Goff", 38),
    ("Guérin", 50),
    ("François", 48),
    ("Lefèvre", 53),
    ("Diallo", 45),
    ("Traoré", 40),
    ("Nguyen", 42),
    ("Benali", 30),
    ("Kaya", 25),
    ("Popescu", 20),
    ("Mendy", 18),
    ("Da Silva", 35),
    ("Haddad", 22),
    ("Kouassi", 15),
];

const SYLLABLES: [&str; 24] = [
    "ber", "la", "mon", "ric", "tel", "dan", "vi", "co", "ra", "gué", "lo", "ni", "tar", "bel", "sa", "mar", "ké",
    "ro", "fa", "dou", "lin", "ga", "ché", "pe",
];

const WOMEN: [(&str, u32); 24] = [
    ("Marie", 30),
    ("Nathalie", 12),
    ("Isabelle", 12),
    ("Sophie", 12),
    ("Sandrine", 10),
    ("Julie", 10),
    ("Camille", 9),
    ("Léa", 9),
    ("Emma", 8),
    ("Aminata", 7),
    ("Fatoumata", 7),
    ("Fatima", 8),
    ("Chloé", 8),
    ("Laura", 8),
    ("Inès", 7),
    ("Sarah", 8),
    ("Amina", 6),
    ("Élodie", 7),
    ("Manon", 7),
    ("Aïcha", 6),
    ("Mariam", 5),
    ("Océane", 5),
    ("Hélène", 6),
    ("Yasmine", 5),
];

const MEN: [(&str, u32); 24] = [
    ("Jean", 30),
    ("Pierre", 14),
    ("Michel", 14),
    ("Philippe", 12),
    ("Nicolas", 12),
    ("Thomas", 10),
    ("Mohamed", 12),
    ("David", 10),
    ("Julien", 9),
    ("Karim", 7),
    ("Mamadou", 8),
    ("Moussa", 6),
    ("Lucas", 8),
    ("Hugo", 7),
    ("Sébastien", 8),
    ("Yannick", 6),
    ("Ibrahim", 6),
    ("Christophe", 9),
    ("Olivier", 8),
    ("Youssef", 6),
    ("Kevin", 7),
    ("Alexandre", 8),
    ("Abdoulaye", 5),
    ("Loïc", 5),
];

/// Compositions of the ménages met, with their weights (single men first, as in the 115's calls).
const COMPOSITIONS: [(Shape, u32); 7] = [
    (Shape::SingleMan, 30),
    (Shape::SingleWoman, 14),
    (Shape::WomanWithChildren, 22),
    (Shape::CoupleWithChildren, 18),
    (Shape::CoupleWithoutChildren, 7),
    (Shape::ManWithChildren, 4),
    (Shape::AdultsGroup, 5),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    SingleMan,
    SingleWoman,
    WomanWithChildren,
    CoupleWithChildren,
    CoupleWithoutChildren,
    ManWithChildren,
    AdultsGroup,
}

/// One fake person.
#[derive(Clone, Debug)]
pub struct FakePersonne {
    pub cle: String,
    pub role: Role,
    pub nom_naissance: String,
    pub nom_usage: Option<String>,
    pub prenoms: String,
    pub date_naissance: Option<NaiveDate>,
    pub sexe: &'static str,
    pub nationalite: &'static str,
}

/// One fake ménage.
#[derive(Clone, Debug)]
pub struct FakeMenage {
    pub cle: String,
    pub personnes: Vec<FakePersonne>,
    pub situation_logement: &'static str,
    pub motif_demande: &'static str,
    pub duree_errance: &'static str,
}

/// A surname: one of the most frequent one time in ten (about 1 % of people are Martin), else one of a long
/// tail of a few hundred thousand.
fn surname(rng: &mut Rng) -> String {
    if rng.below(10) == 0 {
        return rng.weighted(&SURNAMES).to_string();
    }
    let n = 3 + rng.below(2);
    let s: String = (0..n).map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize]).collect();
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn birth(rng: &mut Rng, today: NaiveDate, min_age: u64, max_age: u64) -> Option<NaiveDate> {
    // One person in twenty gives no birth date.
    if rng.below(20) == 0 {
        return None;
    }
    let days = (min_age * 365 + rng.below((max_age - min_age) * 365 + 1)) as i64;
    Some(today - chrono::Duration::days(days))
}

fn person(rng: &mut Rng, today: NaiveDate, role: Role, nom: &str, woman: bool, ages: (u64, u64)) -> FakePersonne {
    let prenoms = if woman { rng.weighted(&WOMEN) } else { rng.weighted(&MEN) }.to_string();
    FakePersonne {
        cle: rng.cle('P'),
        role,
        nom_naissance: nom.to_string(),
        nom_usage: None,
        prenoms,
        date_naissance: birth(rng, today, ages.0, ages.1),
        sexe: if woman { "FEMME" } else { "HOMME" },
        nationalite: rng.weighted(&[("FRANCAISE", 55), ("UE", 10), ("HORS_UE", 33), ("APATRIDE", 1), ("NR", 1)]),
    }
}

/// A ménage drawn from `rng`, ages counted on `today`.
pub fn menage(rng: &mut Rng, today: NaiveDate) -> FakeMenage {
    let shape = rng.weighted(&COMPOSITIONS);
    let nom = surname(rng);
    let adult = (18, 70);
    let child = (0, 17);
    let mut personnes = vec![];
    let principal_woman = matches!(shape, Shape::SingleWoman | Shape::WomanWithChildren)
        || (matches!(shape, Shape::CoupleWithChildren | Shape::CoupleWithoutChildren) && rng.below(3) == 0);
    personnes.push(person(rng, today, Role::DemandeurPrincipal, &nom, principal_woman, adult));
    if matches!(shape, Shape::CoupleWithChildren | Shape::CoupleWithoutChildren) {
        let partner_name = surname(rng);
        let mut partner = person(rng, today, Role::Conjoint, &partner_name, !principal_woman, adult);
        // A married woman often uses her spouse's name.
        if !principal_woman && rng.below(2) == 0 {
            partner.nom_usage = Some(nom.clone());
        }
        personnes.push(partner);
    }
    if shape == Shape::AdultsGroup {
        let woman = rng.below(2) == 0;
        personnes.push(person(rng, today, Role::Autre, &nom, woman, adult));
    }
    if matches!(shape, Shape::WomanWithChildren | Shape::CoupleWithChildren | Shape::ManWithChildren) {
        for _ in 0..1 + rng.below(4) {
            let woman = rng.below(2) == 0;
            personnes.push(person(rng, today, Role::Enfant, &nom, woman, child));
        }
    }
    FakeMenage {
        cle: rng.cle('M'),
        personnes,
        situation_logement: rng.weighted(&[
            ("20", 30),
            ("29", 20),
            ("35", 15),
            ("32", 10),
            ("55", 8),
            ("45", 7),
            ("25", 3),
            ("44", 7),
        ]),
        motif_demande: rng.weighted(&[
            ("203", 30),
            ("205", 20),
            ("220", 12),
            ("204", 10),
            ("202", 10),
            ("215", 10),
            ("218", 3),
            ("221", 5),
        ]),
        duree_errance: rng.weighted(&[("20", 15), ("30", 25), ("40", 30), ("50", 15), ("60", 10), ("110", 5)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::menage::model::{age_on, Composition, Member};

    #[test]
    fn menages_are_reproducible_and_plausible() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(menage(&mut a, today).cle, menage(&mut b, today).cle);
        let mut rng = Rng::new(42);
        let menages: Vec<FakeMenage> = (0..2000).map(|_| menage(&mut rng, today)).collect();
        let martins = menages.iter().filter(|m| m.personnes[0].nom_naissance == "Martin").count();
        assert!(martins > 5 && martins < 100, "Martin is frequent, not everywhere: {martins}");
        let persons: usize = menages.iter().map(|m| m.personnes.len()).sum();
        assert!((2.2..2.8).contains(&(persons as f64 / 2000.0)), "about 2.5 persons per ménage: {persons}");
        let mut codes = std::collections::HashSet::new();
        for m in &menages {
            assert_eq!(m.personnes.iter().filter(|p| p.role == Role::DemandeurPrincipal).count(), 1);
            assert!(cle::parse(&m.cle).is_some());
            let members: Vec<Member> = m
                .personnes
                .iter()
                .map(|p| Member {
                    role: p.role,
                    sexe: Some(p.sexe.into()),
                    age: p.date_naissance.map(|d| age_on(d, today)),
                })
                .collect();
            codes.insert(Composition::of(&members).code);
        }
        assert!(codes.len() >= 6, "most SI SIAO compositions occur: {codes:?}");
    }
}
