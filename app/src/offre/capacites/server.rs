//! Server function of the capacity view: those who see the financements (matrix row Financement,
//! Consulter) see the capacity of their territory.

use leptos::prelude::*;

use super::model::{CapaciteFilter, Capacites};
use crate::error::AppError;
use crate::handler::server_fns;

#[cfg(feature = "ssr")]
use {super::repo, crate::fields::departement_code, crate::handler::Guarded, crate::rights::model::Scope};

server_fns! {
    GetCapacites => matrix(Financement, Consulter),
}

/// Nationally (no département chosen, national profiles): one row per département; otherwise one row
/// per dispositif of the user's territory.
#[server(prefix = "/api/offre/capacites", endpoint = "get")]
pub async fn get_capacites(#[server(default)] filter: CapaciteFilter) -> Result<Capacites, AppError> {
    GetCapacites::run(async move |cx| {
        let annee = filter.annee.filter(|a| (2000..=2100).contains(a)).unwrap_or_else(|| {
            use chrono::Datelike;
            chrono::Utc::now().year()
        });
        let departement = filter.departement.as_deref().filter(|d| !d.trim().is_empty());
        let departement = match departement {
            Some(d) => Some(
                departement_code(d).ok_or_else(|| AppError::invalid("departement", "Code de département inconnu."))?,
            ),
            None => None,
        };
        let par_departement = cx.scope() == Scope::All && departement.is_none();
        let rows = if par_departement {
            repo::par_departement(cx.db(), annee).await?
        } else {
            repo::par_dispositif(cx.db(), &cx.user, cx.scope(), departement.as_deref(), annee).await?
        };
        Ok(Capacites { par_departement, annee, rows })
    })
    .await
}
