//! Dispositifs: the services and establishments of an entité, described by their nature and type
//! (national nomenclature), their financing by the P177 programme, and the public they take in.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
