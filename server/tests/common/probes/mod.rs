//! How the generic tests (`tests/rights.rs`) call each server function: valid arguments, and the
//! object they point at, inside or outside the caller's territory. One module per domain; a new
//! domain adds its module and its fixtures to `World`, and the generic tests cover its functions
//! without a change. A function without a probe is called without arguments.

pub mod accounts;
pub mod auth;
pub mod demandes;
pub mod evaluations;
pub mod imports;
pub mod menages;
pub mod notes;
pub mod offre;
pub mod outbox;
pub mod partenaires;
pub mod places;
pub mod referentiels;

use leptos::server_fn::ServerFn;
use sqlx::PgPool;

use app::rights::authorize::Target;
use app::rights::model::{Action, Profile};

/// Where a probe's object lies, relative to the caller's territory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Inside,
    Outside,
}

/// One call of a server function.
pub struct Call {
    /// Form fields, as `ActionForm` sends them.
    pub args: Vec<(&'static str, String)>,
    /// The object the call acts on, on which the matrix decides; `None` for calls without a single
    /// object (a list, a form's choices): the caller's cell decides.
    pub target: Option<Target>,
}

impl Call {
    pub fn none() -> Call {
        Call { args: vec![], target: None }
    }
}

/// Fixtures the probes point at (built once the test database is seeded).
pub struct World {
    pub accounts: accounts::Fixtures,
    pub offre: offre::Fixtures,
    pub places: places::Fixtures,
    pub menages: menages::Fixtures,
    pub notes: notes::Fixtures,
    pub evaluations: evaluations::Fixtures,
    pub demandes: demandes::Fixtures,
    pub partenaires: partenaires::Fixtures,
}

impl World {
    pub async fn load(pool: &PgPool) -> World {
        let menages = menages::Fixtures::load(pool).await;
        World {
            accounts: accounts::Fixtures::load(pool).await,
            offre: offre::Fixtures::load(pool).await,
            places: places::Fixtures::load(pool).await,
            notes: notes::Fixtures::load(pool, &menages).await,
            evaluations: evaluations::Fixtures::load(pool, &menages).await,
            demandes: demandes::Fixtures::load(pool).await,
            partenaires: partenaires::Fixtures::load(pool).await,
            menages,
        }
    }
}

pub struct Probe {
    pub path: &'static str,
    /// Valid arguments for the side (`n` makes values unique across calls).
    pub call: fn(&World, Side, usize) -> Call,
    /// The call points at an object: it is tried inside and outside the territory.
    pub sided: bool,
    /// Fields the function accepts absent.
    pub optional: &'static [&'static str],
    /// A domain rule that the function enforces on top of its cell (a matrix note, such as "who
    /// manages whom" on accounts): false when it refuses this profile for this action.
    pub also: fn(Profile, Action) -> bool,
    /// The function takes a multipart body (a file upload): the probe sends one.
    pub multipart: bool,
}

impl Probe {
    /// A function of a domain, called with `call`.
    pub fn on<F: ServerFn>(call: fn(&World, Side, usize) -> Call) -> Probe {
        Probe { path: F::PATH, call, sided: true, optional: &[], also: |_, _| true, multipart: false }
    }

    /// A function whose arguments point at nothing: placeholder values (the matrix cell decides).
    pub fn fields<F: ServerFn>(call: fn(&World, Side, usize) -> Call) -> Probe {
        Probe { sided: false, ..Probe::on::<F>(call) }
    }

    pub fn optional(mut self, fields: &'static [&'static str]) -> Probe {
        self.optional = fields;
        self
    }

    pub fn multipart(mut self) -> Probe {
        self.multipart = true;
        self
    }

    /// Sends `call` as the function expects it (a form, or a multipart body).
    pub async fn send(&self, client: &crate::common::TestApp, call: &Call) -> reqwest::Response {
        if self.multipart {
            client.call_multipart(self.path, &call.args).await
        } else {
            client.call(self.path, &call.args).await
        }
    }

    pub fn also(mut self, rule: fn(Profile, Action) -> bool) -> Probe {
        self.also = rule;
        self
    }

    /// The sides to try.
    pub fn sides(&self) -> &'static [Side] {
        if self.sided {
            &[Side::Inside, Side::Outside]
        } else {
            &[Side::Inside]
        }
    }

    /// The function takes at least one field that must be present.
    pub fn has_required_field(&self, call: &Call) -> bool {
        call.args.iter().any(|(name, _)| !self.optional.contains(name))
    }
}

/// Placeholder values for `fields`.
pub fn placeholders(fields: &[&'static str]) -> Vec<(&'static str, String)> {
    fields.iter().map(|f| (*f, "x".to_string())).collect()
}

/// Every probe of every domain.
pub fn all() -> Vec<Probe> {
    [
        auth::probes(),
        accounts::probes(),
        outbox::probes(),
        offre::probes(),
        places::probes(),
        imports::probes(),
        menages::probes(),
        notes::probes(),
        evaluations::probes(),
        demandes::probes(),
        referentiels::probes(),
        partenaires::probes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The probe of a server function: its domain's, or a call without arguments.
pub fn for_path(path: &'static str) -> Probe {
    all().into_iter().find(|p| p.path == path).unwrap_or(Probe {
        path,
        call: |_, _, _| Call::none(),
        sided: false,
        optional: &[],
        also: |_, _| true,
        multipart: false,
    })
}
