//! Probes of the référentiels: values of the Offre lists (the cell decides; there is no territory).

use app::referentiel::server::{
    AddReferentielValue, GetReferentiel, GetReferentielValue, RetireReferentielValue, UpdateReferentielValue,
};

use super::{Call, Probe};

fn args(pairs: &[(&'static str, &str)]) -> Call {
    Call { args: pairs.iter().map(|(k, v)| (*k, v.to_string())).collect(), target: None }
}

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::fields::<GetReferentiel>(|_, _, _| args(&[("list", "nature_dispositif")])),
        Probe::fields::<GetReferentielValue>(|_, _, _| args(&[("list", "nature_dispositif"), ("code", "hebergement")])),
        Probe::fields::<AddReferentielValue>(|_, _, n| {
            let code = format!("sonde_{n}");
            args(&[("list", "public_accueilli"), ("form[code]", &code), ("form[label]", "Public sonde")])
        }),
        Probe::fields::<UpdateReferentielValue>(|_, _, _| {
            args(&[
                ("list", "motif_immobilisation"),
                ("version", "1"),
                ("form[code]", "travaux"),
                ("form[label]", "Travaux"),
            ])
        }),
        Probe::fields::<RetireReferentielValue>(|_, _, _| {
            args(&[("list", "motif_immobilisation"), ("code", "autre"), ("version", "1"), ("active", "false")])
        }),
    ]
}
