use leptos::prelude::*;
use leptos_meta::Title;

use super::server::check_service;
use crate::ui::layout::{menu_for, with_layout};

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
                    <MySpace />
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <ServiceStatusPanel />
                </div>
            </div>
        </div>
    }
}

/// "Mon espace": who is logged in, with which profile and perimeter, and what they can open; a
/// login invitation otherwise.
#[component]
fn MySpace() -> impl IntoView {
    with_layout(|info| {
        match info.user {
        None => view! {
            <div class="fr-card fr-card--no-arrow" id="mon-espace">
                <div class="fr-card__body">
                    <div class="fr-card__content">
                        <h2 class="fr-card__title">"Se connecter"</h2>
                        <p class="fr-card__desc">
                            "Le SI SIAO est réservé aux professionnels habilités : connectez-vous avec votre adresse électronique professionnelle."
                        </p>
                    </div>
                    <div class="fr-card__footer">
                        <a class="fr-btn" href="/connexion">"Se connecter"</a>
                    </div>
                </div>
            </div>
        }
        .into_any(),
        Some(user) => {
            let links = menu_for(Some(user.profile)).into_iter().skip(1);
            view! {
                <div class="fr-card fr-card--no-arrow" id="mon-espace">
                    <div class="fr-card__body">
                        <div class="fr-card__content">
                            <h2 class="fr-card__title">{format!("Bonjour {} {}", user.prenom, user.nom)}</h2>
                            <p class="fr-card__desc">
                                {format!("Profil : {}", user.profile.label())}<br />
                                {format!("Périmètre : {}", user.perimetre)}
                            </p>
                        </div>
                        <div class="fr-card__footer">
                            <ul class="fr-links-group">
                                {links.map(|(label, href)| view! { <li><a class="fr-link" href=href>{label}</a></li> }).collect_view()}
                                <li><a class="fr-link" href="/compte">"Mon compte"</a></li>
                            </ul>
                        </div>
                    </div>
                </div>
            }
            .into_any()
        }
    }
    })
}

/// Checks the service on demand. The button only becomes active once the page is hydrated
/// (an effect never runs on the server), which is what the end-to-end test relies on.
#[island]
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
                </div>
                <div class="fr-card__footer">
                    <div aria-live="polite" class="fr-mb-2w">{result}</div>
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
