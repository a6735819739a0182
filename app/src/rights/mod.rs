//! The rights matrix: one table of data (`matrix.rs`) read by every authorization decision
//! (`authorize.rs`) and shown as the "Matrice des droits" screen (`pages.rs`).
//! Rationale: docs/rights.md.

pub mod authorize;
pub mod matrix;
pub mod model;
pub mod pages;
pub mod server;
