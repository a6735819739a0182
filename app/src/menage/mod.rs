//! The fiche ménage: ménages, their personnes over time, the situation du ménage, the évaluation flash,
//! the search and the duplicate check on creation. Built so far: the ménage and its persons' identity,
//! composition, situation (logement), the persons' situations and budget, the sensitive block (health,
//! justice), history, search, duplicate warning and merge, the PDF of the fiche, scope.

pub mod export;
pub mod fusion;
pub mod fusion_pages;
#[cfg(feature = "ssr")]
pub mod fusion_repo;
pub mod fusion_server;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod sensible;
pub mod server;
pub mod situation;
pub mod situation_pages;
#[cfg(feature = "ssr")]
pub mod situation_repo;
pub mod situation_server;
