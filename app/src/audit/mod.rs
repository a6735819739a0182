//! The audit journal: logins, writes, reads of nominative files and sensitive blocks, denials.
//! Append-only (database triggers refuse UPDATE, DELETE and TRUNCATE).

pub mod model;
pub mod pages;
pub mod server;
#[cfg(feature = "ssr")]
mod repo;

pub use model::*;
#[cfg(feature = "ssr")]
pub use repo::{list, record};
