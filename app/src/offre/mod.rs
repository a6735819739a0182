//! Module Offre: entités gestionnaires, dispositifs, groupes de places, places, financements, their
//! validation circuit and the Temps 1 import. Built so far: the entités (with the shared parts:
//! SIREN, telephone, lifecycle, history), the dispositifs, the work queue.

#[cfg(feature = "ssr")]
pub mod circuit;
pub mod dispositifs;
pub mod entites;
pub mod fields;
pub mod lifecycle;
pub mod pages;
pub mod siren;
pub mod telephone;
pub mod ui;
