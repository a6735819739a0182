//! Demandes and orientation: demandes d'insertion (written by a prescripteur, studied by the SIAO, on its
//! waiting list, oriented to a groupe de places, decided by the dispositif, then arrival and departure) and
//! demandes d'hébergement d'urgence (115 calls oriented to a place tonight); the places they hold; the
//! notifications they send.

#[cfg(feature = "ssr")]
pub mod mail;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
