//! Page frame: skip links, DSFR header with the main navigation, footer, 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::model::SessionUser;
use crate::auth::server::Logout;
use crate::error::AppError;
use crate::rights::authorize::scope_of;
use crate::rights::model::{Action, Object, Profile, Scope};
use crate::settings::{LayoutInfo, UiSettings};
use crate::ui::server::get_layout_info;

pub type LayoutResource = Resource<Result<LayoutInfo, AppError>>;

/// Frame of every page. Settings and user are loaded before the page is rendered (blocking
/// resource), so that the header is right on the server and hydrates as is; they are read again at
/// each navigation in the browser (after a login or a logout, the menu follows).
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let info: LayoutResource = Resource::new_blocking(move || location.pathname.get(), |_| get_layout_info());
    provide_context(info);
    view! {
        <SkipLinks />
        <Header />
        <main id="contenu" class="siao-main" tabindex="-1">
            {children()}
        </main>
        <Footer />
    }
}

/// Runs `render` with the layout info once known (falls back to the non-branded look, logged
/// out, if it could not be read).
pub fn with_layout<V: IntoView + 'static>(
    render: impl Fn(LayoutInfo) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let info = expect_context::<LayoutResource>();
    view! {
        <Transition>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    let info = info.await.unwrap_or(LayoutInfo {
                        settings: UiSettings { state_branding: false, demo_mode: false },
                        user: None,
                    });
                    render(info)
                })
            }}
        </Transition>
    }
}

/// Entries of the main navigation for a profile, from the rights matrix.
pub fn menu_for(profile: Option<Profile>) -> Vec<(&'static str, &'static str)> {
    let mut menu = vec![("Accueil", "/")];
    let Some(profile) = profile else { return menu };
    let beyond_own = |object, action| scope_of(profile, object, action).is_some_and(|s| s != Scope::Own);
    if scope_of(profile, Object::Menage, Action::Consulter).is_some() {
        menu.push(("Ménages", "/menages"));
    }
    if scope_of(profile, Object::DemandeUrgence115, Action::Creer).is_some() {
        menu.push(("115", "/115"));
    }
    if scope_of(profile, Object::DemandeInsertion, Action::Consulter).is_some() {
        menu.push(("Demandes", "/demandes"));
    }
    if scope_of(profile, Object::ListeAttente, Action::Creer).is_some() {
        menu.push(("Liste d'attente", "/liste-attente"));
    }
    if scope_of(profile, Object::ListeAttente, Action::Valider).is_some() {
        menu.push(("Commissions", "/commissions"));
    }
    if scope_of(profile, Object::Orientation, Action::Valider).is_some()
        || scope_of(profile, Object::Orientation, Action::Modifier).is_some_and(|s| s == Scope::Dispositifs)
    {
        menu.push(("Orientations", "/orientations"));
    }
    if scope_of(profile, Object::Prestation, Action::Modifier).is_some() {
        menu.push(("Prestations", "/prestations"));
    }
    if scope_of(profile, Object::Entite, Action::Consulter).is_some() {
        menu.push(("Offre", "/offre/entites"));
    }
    if beyond_own(Object::Utilisateur, Action::Consulter) {
        menu.push(("Utilisateurs", "/utilisateurs"));
    }
    if beyond_own(Object::JournalAudit, Action::Consulter) {
        menu.push(("Journal d'audit", "/journal"));
    }
    if scope_of(profile, Object::CourrielSortant, Action::Consulter).is_some() {
        menu.push(("Courriels sortants", "/courriels"));
    }
    if scope_of(profile, Object::PartenaireDui, Action::Consulter).is_some() {
        menu.push(("Partenaires DUI", "/partenaires"));
    }
    if scope_of(profile, Object::Referentiel, Action::Consulter).is_some() {
        menu.push(("Référentiels", "/referentiels"));
    }
    if scope_of(profile, Object::MatriceDroits, Action::Consulter).is_some() {
        menu.push(("Matrice des droits", "/droits"));
    }
    // Notifications: for the profiles that take part in demandes and orientations.
    let demandes = [Object::DemandeInsertion, Object::DemandeUrgence115, Object::Orientation];
    if demandes.into_iter().any(|o| scope_of(profile, o, Action::Consulter).is_some()) {
        menu.push(("Notifications", "/notifications"));
    }
    menu
}

#[component]
fn SkipLinks() -> impl IntoView {
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label="Accès rapide">
                <ul class="fr-skiplinks__list">
                    <li><a class="fr-link" href="#contenu">"Contenu"</a></li>
                    <li><a class="fr-link" href="#navigation-principale">"Menu"</a></li>
                    <li><a class="fr-link" href="#pied-de-page">"Pied de page"</a></li>
                </ul>
            </nav>
        </div>
    }
}

/// The Marianne block ("République Française"), shown only for State deployments.
#[component]
fn Marianne() -> impl IntoView {
    view! {
        <p class="fr-logo">"République" <br /> "Française"</p>
    }
}

#[component]
fn Header() -> impl IntoView {
    with_layout(|info: LayoutInfo| {
        let settings = info.settings.clone();
        let user = info.user.clone();
        let menu = menu_for(user.as_ref().map(|u| u.profile));
        view! {
            <header role="banner" class="fr-header">
                <div class="fr-header__body">
                    <div class="fr-container">
                        <div class="fr-header__body-row">
                            <div class="fr-header__brand fr-enlarge-link">
                                <div class="fr-header__brand-top">
                                    {settings.state_branding.then(|| view! {
                                        <div class="fr-header__logo"><Marianne /></div>
                                    })}
                                    <div class="fr-header__navbar">
                                        <button
                                            class="fr-btn--menu fr-btn"
                                            data-fr-opened="false"
                                            aria-controls="menu-modal"
                                            aria-haspopup="menu"
                                            id="menu-button"
                                            title="Menu"
                                        >
                                            "Menu"
                                        </button>
                                    </div>
                                </div>
                                <div class="fr-header__service">
                                    <a href="/" title="Accueil - SI SIAO">
                                        <p class="fr-header__service-title">
                                            "SI SIAO"
                                            {settings.demo_mode.then(|| view! {
                                                <span class="fr-badge fr-badge--sm fr-badge--green-menthe">"Démo"</span>
                                            })}
                                        </p>
                                    </a>
                                    <p class="fr-header__service-tagline">
                                        "Services intégrés d'accueil et d'orientation"
                                    </p>
                                </div>
                            </div>
                            <div class="fr-header__tools">
                                <div class="fr-header__tools-links">
                                    <HeaderTools user=user.clone() />
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
                <div class="fr-header__menu fr-modal" id="menu-modal" aria-labelledby="menu-button">
                    <div class="fr-container">
                        <button class="fr-btn--close fr-btn" aria-controls="menu-modal" title="Fermer">
                            "Fermer"
                        </button>
                        <div class="fr-header__menu-links">
                            <HeaderTools user=user />
                        </div>
                        <MainNav menu />
                    </div>
                </div>
            </header>
        }
    })
}

/// Account links: who is logged in, "Mon compte", "Se déconnecter" (a form: works without JS).
#[component]
fn HeaderTools(user: Option<SessionUser>) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    match user {
        Some(user) => view! {
            <ul class="fr-btns-group">
                <li>
                    <a class="fr-btn fr-icon-account-circle-line" href="/compte" title="Mon compte">
                        {format!("{} {} ({})", user.prenom, user.nom, user.profile.label())}
                    </a>
                </li>
                <li>
                    <ActionForm action=logout>
                        <button type="submit" class="fr-btn fr-icon-logout-box-r-line">"Se déconnecter"</button>
                    </ActionForm>
                </li>
            </ul>
        }
        .into_any(),
        None => view! {
            <ul class="fr-btns-group">
                <li><a class="fr-btn fr-icon-lock-line" href="/connexion">"Se connecter"</a></li>
            </ul>
        }
        .into_any(),
    }
}

/// Main navigation: plain links, usable before (and without) the WebAssembly.
#[component]
fn MainNav(menu: Vec<(&'static str, &'static str)>) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        let here = if href == "/" { path == "/" } else { path.starts_with(href) };
        here.then_some("page")
    };
    view! {
        <nav class="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
            <ul class="fr-nav__list">
                {menu
                    .into_iter()
                    .map(|(label, href)| view! {
                        <li class="fr-nav__item">
                            <a class="fr-nav__link" href=href aria-current=move || current(href)>{label}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn Footer() -> impl IntoView {
    with_layout(|info: LayoutInfo| {
        let settings = info.settings;
        view! {
            <footer class="fr-footer" role="contentinfo" id="pied-de-page">
                <div class="fr-container">
                    <div class="fr-footer__body">
                        {settings.state_branding.then(|| view! {
                            <div class="fr-footer__brand fr-enlarge-link">
                                <a href="/" title="Retour à l'accueil - SI SIAO"><Marianne /></a>
                            </div>
                        })}
                        <div class="fr-footer__content">
                            <p class="fr-footer__content-desc">
                                "Système d'information des services intégrés d'accueil et d'orientation : "
                                "accueil, évaluation et orientation des personnes sans domicile ou mal logées."
                            </p>
                        </div>
                    </div>
                    <div class="fr-footer__bottom">
                        <ul class="fr-footer__bottom-list">
                            <li class="fr-footer__bottom-item">
                                <a class="fr-footer__bottom-link" href="/">"Accessibilité : non conforme"</a>
                            </li>
                        </ul>
                        <div class="fr-footer__bottom-copy">
                            <p>"Logiciel libre sous licence EUPL 1.2."</p>
                        </div>
                    </div>
                </div>
            </footer>
        }
    })
}

/// Page shown for an unknown address (HTTP 404).
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <StatusPage
            status=404
            title="Page non trouvée"
            text="La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée."
        />
    }
}

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) =
        (use_context::<leptos_axum::ResponseOptions>(), axum::http::StatusCode::from_u16(status))
    {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// An error page (DSFR model): sets the HTTP status of the response when rendered on the server.
#[component]
pub fn StatusPage(status: u16, title: &'static str, text: &'static str) -> impl IntoView {
    set_status(status);
    view! {
        <Title text=title />
        <div class="fr-container fr-my-7w">
            <h1>{title}</h1>
            <p class="fr-text--sm">{format!("Erreur {status}")}</p>
            <p class="fr-text--lead">{text}</p>
            <a class="fr-btn" href="/">"Page d'accueil"</a>
        </div>
    }
}

/// A page with one narrow centred column (login, password, code forms).
#[component]
pub fn NarrowPage(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=title />
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row fr-grid-row--center">
                <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
                    <h1>{title}</h1>
                    {children()}
                </div>
            </div>
        </div>
    }
}

/// Whether the logged-in user's profile holds (object, action) somewhere: pages show a button only
/// to those who may use it (the server function decides on the object itself).
pub fn allowed(info: &LayoutInfo, object: Object, action: Action) -> bool {
    info.user.as_ref().is_some_and(|u| scope_of(u.profile, object, action).is_some())
}
