//! Account management: list with filters, create (welcome mail), edit the scope, deactivate,
//! resend the welcome mail. Who may manage whom comes from the rights matrix.

pub mod model;
pub mod pages;
pub mod server;

#[cfg(feature = "ssr")]
pub mod repo;
