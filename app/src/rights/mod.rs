//! The rights matrix: one table of data (`matrix.rs`) read by every authorization decision and
//! shown as the "Matrice des droits" screen. Rationale: docs/rights.md.

pub mod matrix;
pub mod model;
