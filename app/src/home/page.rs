use leptos::prelude::*;
use leptos_meta::Title;

use super::server::check_service;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Accueil" />
        <div class="fr-container fr-my-6w">
            <h1>"SI SIAO"</h1>
            <p class="fr-text--lead">
                "Le système d'information des services intégrés d'accueil et d'orientation : "
                "accueil des demandes (115, travailleurs sociaux), évaluation des situations, "
                "orientation vers l'hébergement, le logement et l'accompagnement."
            </p>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6">
                    <ServiceStatusPanel />
                </div>
            </div>
        </div>
    }
}

/// Checks the service on demand. The button only becomes active once the page is hydrated
/// (an effect never runs on the server), which is what the end-to-end test relies on.
#[component]
fn ServiceStatusPanel() -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let check = Action::new(|_: &()| check_service());
    let result = move || {
        check.value().get().map(|res| match res {
            Ok(status) if status.database_ok => view! {
                <p class="fr-badge fr-badge--success" id="etat-service">
                    {format!("Service disponible (version {})", status.version)}
                </p>
            }
            .into_any(),
            Ok(_) => view! {
                <p class="fr-badge fr-badge--warning" id="etat-service">
                    "Base de données indisponible"
                </p>
            }
            .into_any(),
            Err(_) => view! {
                <p class="fr-badge fr-badge--error" id="etat-service">"Serveur injoignable"</p>
            }
            .into_any(),
        })
    };
    view! {
        <div class="fr-card fr-card--no-arrow">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h2 class="fr-card__title">"État du service"</h2>
                    <p class="fr-card__desc">
                        "Vérifie que l'application et sa base de données répondent."
                    </p>
                    <div aria-live="polite">{result}</div>
                </div>
                <div class="fr-card__footer">
                    <button
                        class="fr-btn fr-btn--secondary"
                        id="verifier-service"
                        disabled=move || !hydrated.get() || check.pending().get()
                        on:click=move |_| {
                            check.dispatch(());
                        }
                    >
                        "Vérifier le service"
                    </button>
                </div>
            </div>
        </div>
    }
}
