//! Référentiels: the value lists shared by every domain (nomenclature of dispositifs, public
//! accueilli, financing sources, SI SIAO codes...). Everybody reads them; the Administrateur national
//! adds, relabels and retires codes. A code is never deleted: records keep it, and its label stays
//! readable after it is retired or expired.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server;
