//! The Temps 1 import (`/offre/import`): a template to download, a file (xlsx or ods) to upload, a dry
//! run whose report names every error by sheet, row and column, then an all-or-nothing commit that
//! replaces what the previous import of the département created.

#[cfg(feature = "ssr")]
pub mod fixtures;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod rules;
pub mod server;
#[cfg(feature = "ssr")]
pub mod template;
#[cfg(test)]
mod tests;
#[cfg(feature = "ssr")]
pub mod workbook;
