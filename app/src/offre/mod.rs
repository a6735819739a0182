//! Module Offre: entités gestionnaires, dispositifs, groupes de places, places, financements, their
//! validation circuit and the Temps 1 import. Built so far: the entités (with the shared parts:
//! SIREN, telephone, lifecycle, history), the work queue.

pub mod entites;
pub mod lifecycle;
pub mod pages;
pub mod siren;
pub mod telephone;
