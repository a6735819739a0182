//! The audit journal: logins, writes, reads of nominative files and sensitive blocks, denials.
//! Append-only (database triggers refuse UPDATE, DELETE and TRUNCATE).

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
mod repo;
pub mod server;

pub use model::*;
#[cfg(feature = "ssr")]
pub use repo::{list, record};
