//! The capacity view: per département (nationally) or per dispositif, the places financed (active
//! financements of the year) against the places installed (active groupes; an éphémère groupe during
//! its period), occupied and immobilised.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
