//! Field-level history of business objects, shared by every domain: each save writes, in its own
//! transaction, who changed what (before/after) and the version it produced; the "Historique" tab of
//! an object shows it. A domain lists its fields once (`Tracked`) and the diff is computed here.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;

pub use model::{Change, Diff, HistoryLine, Tracked};
