//! Probes of the outbox screen: a mail id (the cell decides; there is no territory).

use app::outbox::server::RetryMail;

use super::{Call, Probe};

pub fn probes() -> Vec<Probe> {
    vec![Probe::fields::<RetryMail>(|_, _, _| Call { args: vec![("id", "1".into())], target: None })]
}
