//! How a page shows an error of its loader: login redirect, 403 page, or an alert.

use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::layout::{set_status, NotFound, StatusPage};
use crate::url::urlencode;

/// Renders `err` as a page body: not logged in → redirect to the login page (and back after);
/// forbidden → the 403 page; anything else → an alert.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => {
            let path = leptos_router::hooks::use_location().pathname.get_untracked();
            let login = format!("/connexion?suivant={}", urlencode(&path));
            #[cfg(feature = "ssr")]
            crate::url::redirect(&login);
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
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::SecondFactorRequired => {
            #[cfg(feature = "ssr")]
            crate::url::redirect("/compte/double-authentification");
            view! {
                <div class="fr-container fr-my-6w">
                    <h1>"Double authentification requise"</h1>
                    <p>"Votre profil doit utiliser la double authentification : activez-la pour continuer."</p>
                    <a class="fr-btn" href="/compte/double-authentification">"Activer la double authentification"</a>
                </div>
            }
            .into_any()
        }
        other => {
            set_status(other.status());
            view! {
                <div class="fr-container fr-my-6w">
                    <div class="fr-alert fr-alert--error" role="alert">
                        <h1 class="fr-alert__title">"Erreur"</h1>
                        <p>{other.to_string()}</p>
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

/// The 403 page.
#[component]
pub fn Forbidden() -> impl IntoView {
    view! {
        <StatusPage
            status=403
            title="Accès refusé"
            text="Votre profil ne vous permet pas d'accéder à cette page ou à ces données. Si vous pensez que c'est une erreur, contactez votre administrateur ou votre référent SI SIAO."
        />
    }
}

/// The body of a page whose data comes from `resource`: "Chargement…" until it is there (on the
/// server, pages render once their data is loaded), then `render(data)`, or the page of the error.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                        Ok(data) => render(data).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
