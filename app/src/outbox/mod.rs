//! The outbox: every mail the application sends (welcome and reset links today; orientation and
//! support notifications later) is written to PostgreSQL in the same transaction as what it
//! announces, then sent by a worker that retries with backoff. A request never waits for the SMTP
//! server (so its timing reveals nothing), and an SMTP outage loses nothing: the Administrateur
//! national sees what is waiting or failed ("Courriels sortants") and can send it again.

pub mod model;
pub mod pages;
pub mod server;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod sender;
