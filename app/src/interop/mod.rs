//! Interoperability with partner software (DUI, dossier usager informatisé): the partners and their
//! habilitation (screen `/partenaires`), and the REST API `/api/v1` they call (`api`): OAuth2 client
//! credentials, consultation of the état des API, the référentiels, the offre, ménages and personnes, updates
//! of ménages and personnes, notes sociales and évaluations approfondies. The API's handlers run the same
//! domain functions and the same rights decision as the screens, as the partner's account.

pub mod model;
pub mod pages;
pub mod server;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod credentials;
#[cfg(feature = "ssr")]
pub mod repo;
