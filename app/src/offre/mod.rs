//! Module Offre: entités gestionnaires, dispositifs, groupes de places, places, financements, their
//! validation circuit, the capacity view and the Temps 1 import. Built so far: the entités (with the
//! shared parts: SIREN, telephone, lifecycle, history), the dispositifs, the groupes de places and their
//! places, the financements, the capacity view, the work queue.

pub mod capacites;
#[cfg(feature = "ssr")]
pub mod circuit;
pub mod dispositifs;
pub mod entites;
pub mod financements;
pub mod groupes;
pub mod import;
pub mod lifecycle;
pub mod pages;
pub mod siren;
pub mod ui;
