//! Financements: the financing lines of a dispositif (source, year, amount, places financed). The
//! département records the P177 and contingent préfectoral lines, the SIAO the others.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
