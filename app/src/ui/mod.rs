//! Shared DSFR components (Système de Design de l'État).

pub mod layout;
