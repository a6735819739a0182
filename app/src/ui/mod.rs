//! Shared DSFR components (Système de Design de l'État).

pub mod button;
pub mod detail;
pub mod errors;
pub mod form;
pub mod format;
pub mod layout;
pub mod list;
pub mod post_form;
pub mod server;
