//! Pieces of the Offre screens shared by its objects: the status badge, the module's sub-navigation,
//! the buttons of the validation circuit.

use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::FormData;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::lifecycle::{Statut, Transition};
use crate::error::AppError;
use crate::ui::button::{fields, ActionButton};
use crate::ui::form::{action_error, reload_on_success, ErrorAlert};

/// The DSFR badge of a status.
pub fn statut_badge(statut: &str) -> impl IntoView {
    let s = Statut::from_code(statut).unwrap_or(Statut::Valide);
    let class = match s {
        Statut::Valide => "fr-badge fr-badge--success fr-badge--sm",
        Statut::Prevalide => "fr-badge fr-badge--info fr-badge--sm",
        Statut::Brouillon => "fr-badge fr-badge--new fr-badge--sm",
        Statut::Renvoye => "fr-badge fr-badge--warning fr-badge--sm",
    };
    view! { <p class=class>{s.label()}</p> }
}

/// The sub-navigation of the Offre module.
#[component]
pub fn OffreTabs(current: &'static str) -> impl IntoView {
    let links = [
        ("Entités", "/offre/entites"),
        ("Dispositifs", "/offre/dispositifs"),
        ("Capacités", "/offre/capacites"),
        ("À valider", "/offre/validation"),
        ("Import", "/offre/import"),
    ];
    view! {
        <nav class="fr-mb-3w" aria-label="Module Offre">
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                {links.into_iter().map(|(label, href)| view! {
                    <li>
                        <a class=if href == current { "fr-btn fr-btn--sm" } else { "fr-btn fr-btn--sm fr-btn--tertiary" }
                           href=href aria-current=(href == current).then_some("page")>{label}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// The steps of the validation circuit open to the user (inside an island): one button per step; sending
/// back asks for a reason. The page is read again after a step.
#[component]
pub fn CircuitForm<S, P>(action: ServerAction<S>, id: Uuid, version: i32, steps: Vec<Transition>) -> impl IntoView
where
    S: ServerFn<Protocol = Http<PostUrl, P>, Error = AppError> + DeserializeOwned + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Client: Client<AppError>,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
{
    let error = action_error(action);
    reload_on_success(action);
    let needs_motif = steps.contains(&Transition::Renvoyer);
    view! {
        <div class="fr-callout fr-mb-4w" id="circuit">
            <h2 class="fr-callout__title">"Validation"</h2>
            <ErrorAlert error />
            <ActionForm action attr:id="form-circuit">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=version />
                {needs_motif.then(|| view! {
                    <div class="fr-input-group">
                        <label class="fr-label" for="champ-motif">"Motif du renvoi" <span class="fr-hint-text">"Obligatoire pour renvoyer"</span></label>
                        <textarea class="fr-input" id="champ-motif" name="motif" rows="2"></textarea>
                        {move || error.get().and_then(|e| e.field_message("motif")).map(|m| view! { <p class="fr-error-text">{m}</p> })}
                    </div>
                })}
                <ul class="fr-btns-group fr-btns-group--inline">
                    {steps.into_iter().map(|t| view! {
                        <li><button class=if t == Transition::Renvoyer { "fr-btn fr-btn--secondary" } else { "fr-btn" }
                            type="submit" name="transition" value=t.code() disabled=move || action.pending().get()>{t.label()}</button></li>
                    }).collect_view()}
                </ul>
            </ActionForm>
        </div>
    }
}

/// The button that deactivates an object of the Offre (or activates it again) through the server
/// function at `path` (arguments `id`, `version`, `actif`), with the "Désactivé" badge when it is.
#[component]
pub fn Activation(path: String, id: Uuid, version: i32, actif: bool, what: &'static str) -> impl IntoView {
    let label = if actif { format!("Désactiver {what}") } else { format!("Réactiver {what}") };
    let fields = fields(&[("id", id.to_string()), ("version", version.to_string()), ("actif", (!actif).to_string())]);
    view! {
        <div class="fr-mb-3w">
            <ActionButton path fields label class="fr-btn fr-btn--tertiary".to_string() />
        </div>
    }
}

/// The badge of a deactivated object (nothing for an active one).
pub fn inactive_badge(actif: bool) -> impl IntoView {
    (!actif).then(|| view! { <p class="fr-badge fr-badge--error fr-badge--sm">"Désactivé"</p> })
}
