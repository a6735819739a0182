//! Notes of a ménage: notes, notes sociales, entretiens and alertes (one object of the matrix, `Note`).
//! A note is a draft read by its author only, then published and never edited again (an amendment is a
//! new note that completes it); an alerte shows in the fiche header until someone closes it.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
