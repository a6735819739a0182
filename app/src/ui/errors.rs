//! How a page shows an error of its loader: login redirect, 403 page, or an alert.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;

/// Renders `err` as a page body: not logged in → redirect to the login page (and back after);
/// forbidden → the 403 page; anything else → an alert.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => {
            let path = leptos_router::hooks::use_location().pathname.get_untracked();
            let login = format!("/connexion?suivant={}", urlencode(&path));
            #[cfg(feature = "ssr")]
            leptos_axum::redirect(&login);
            view! {
                <div class="fr-container fr-my-6w">
                    <h1>"Connexion requise"</h1>
                    <p>"Vous devez être connecté pour accéder à cette page."</p>
                    <a class="fr-btn" href=login>"Se connecter"</a>
                </div>
            }
            .into_any()
        }
        AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        AppError::SecondFactorRequired => {
            #[cfg(feature = "ssr")]
            leptos_axum::redirect("/compte/double-authentification");
            view! {
                <div class="fr-container fr-my-6w">
                    <h1>"Double authentification requise"</h1>
                    <p>"Votre profil doit utiliser la double authentification : activez-la pour continuer."</p>
                    <a class="fr-btn" href="/compte/double-authentification">"Activer la double authentification"</a>
                </div>
            }
            .into_any()
        }
        other => view! {
            <div class="fr-container fr-my-6w">
                <div class="fr-alert fr-alert--error" role="alert">
                    <h1 class="fr-alert__title">"Erreur"</h1>
                    <p>{other.to_string()}</p>
                </div>
            </div>
        }
        .into_any(),
    }
}

/// The 403 page (the status is set by the server function that refused).
#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::FORBIDDEN);
        }
    }
    view! {
        <Title text="Accès refusé" />
        <div class="fr-container fr-my-7w">
            <h1>"Accès refusé"</h1>
            <p class="fr-text--sm">"Erreur 403"</p>
            <p class="fr-text--lead">
                "Votre profil ne vous permet pas d'accéder à cette page ou à ces données. "
                "Si vous pensez que c'est une erreur, contactez votre administrateur ou votre référent SI SIAO."
            </p>
            <a class="fr-btn" href="/">"Page d'accueil"</a>
        </div>
    }
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
