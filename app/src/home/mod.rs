//! Home page and the service status check.

mod page;
mod server;

pub use page::HomePage;
pub use server::{check_service, ServiceStatus};
