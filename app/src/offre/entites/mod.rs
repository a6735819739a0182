//! Entités gestionnaires: the legal persons running dispositifs.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
