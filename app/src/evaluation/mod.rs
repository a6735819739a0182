//! Évaluations approfondies (EA) of a ménage: a series of structured assessments by the Travailleur social,
//! drafted step by step, then finalised (immutable; the fiche's situations updated and the note sociale
//! published in the same transaction), read and compared by those who orient.

pub mod export;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
