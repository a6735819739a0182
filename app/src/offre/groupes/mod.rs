//! Groupes de places: homogeneous sets of places of a dispositif (same public, location, equipment),
//! with their orientation channel, and their places (libre, occupée, immobilisée).

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
