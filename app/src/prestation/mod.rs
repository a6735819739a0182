//! Demandes de prestation: a short request for a ménage (a maraude's visit, a food parcel, a shower...)
//! addressed by the 115 or a travailleur social to a dispositif, which takes it in charge and does it, or
//! says why not. Shown on the fiche's Demandes tab and, for the dispositifs, on `/prestations`.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
