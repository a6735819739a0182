#![recursion_limit = "256"]
//! SI SIAO application: Leptos components, pages, server functions and domain code.
//!
//! Organised by domain (one folder per domain, each with its types, SQL, server functions and
//! pages). Code that touches the database lives behind the `ssr` feature.

pub mod audit;
pub mod auth;
pub(crate) mod codes;
pub mod demande;
pub mod error;
pub mod evaluation;
pub mod fields;
pub mod handler;
pub mod history;
pub mod home;
pub mod interop;
pub mod menage;
pub mod net;
pub mod note;
pub mod offre;
pub mod outbox;
pub mod prestation;
pub mod referentiel;
pub mod rights;
pub mod settings;
pub mod ui;
pub mod url;

#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::prelude::*;

/// Named by the browser crate so that this crate, and the islands it exports, are linked into the
/// WebAssembly.
pub fn islands_linked() {}
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the application, rendered on the server. Each page gets a fresh nonce:
/// the hydration scripts carry it, and the page's Content-Security-Policy allows only them.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    security::page_policy();
    // Without the State branding, no Marianne font either (style/siao.css).
    #[cfg(feature = "ssr")]
    let (branding, assets) = match use_context::<state::AppState>() {
        Some(s) => (s.ui.state_branding, s.assets),
        None => (true, state::Assets::default()),
    };
    #[cfg(feature = "ssr")]
    let (dsfr, icons, css, favicon, dsfr_js) = (
        assets.dsfr("dsfr.min.css"),
        assets.dsfr("utility/icons/icons.min.css"),
        format!("/assets/{}", assets.css),
        assets.dsfr("favicon/favicon.svg"),
        assets.dsfr("dsfr.module.min.js"),
    );
    #[cfg(not(feature = "ssr"))]
    let (branding, dsfr, icons, css, favicon, dsfr_js) =
        (true, String::new(), String::new(), String::new(), String::new(), String::new());
    view! {
        <!DOCTYPE html>
        <html lang="fr" data-fr-scheme="system" class=(!branding).then_some("siao-no-branding")>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
                <meta name="format-detection" content="telephone=no" />
                <link rel="stylesheet" href=dsfr />
                <link rel="stylesheet" href=icons />
                <link rel="stylesheet" href=css />
                <link rel="icon" href=favicon type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <leptos_meta::MetaTags />
            </head>
            <body>
                <App />
                <script type="module" src=dsfr_js></script>
            </body>
        </html>
    }
}

/// The application: layout and routes.
///
/// Every route renders in `SsrMode::Async`: the server sends the whole page once its data is
/// loaded, so that pages are complete and usable before (and without) JavaScript. Pages are
/// server-rendered HTML (islands mode): links are full page loads, and only the forms are
/// `#[island]`s, hydrated in the browser.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| format!("{page} - SI SIAO") />
        <Router>
            <ui::layout::Layout>
                <Routes fallback=ui::layout::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/connexion") view=auth::pages::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/mot-de-passe/oublie") view=auth::pages::ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/mot-de-passe/definir") view=auth::pages::SetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/connexion/code") view=auth::pages::LoginCodePage ssr=SsrMode::Async />
                    <Route path=path!("/compte") view=auth::pages::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/compte/double-authentification") view=auth::pages::SecondFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/utilisateurs") view=auth::users::pages::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/utilisateurs/nouveau") view=auth::users::pages::NewUserPage ssr=SsrMode::Async />
                    <Route path=path!("/utilisateurs/:id") view=auth::users::pages::UserPage ssr=SsrMode::Async />
                    <Route path=path!("/droits") view=rights::pages::MatrixPage ssr=SsrMode::Async />
                    <Route path=path!("/journal") view=audit::pages::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/courriels") view=outbox::pages::OutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/referentiels") view=referentiel::pages::ReferentielsPage ssr=SsrMode::Async />
                    <Route path=path!("/referentiels/:list") view=referentiel::pages::ReferentielPage ssr=SsrMode::Async />
                    <Route path=path!("/referentiels/:list/:code") view=referentiel::pages::ReferentielValuePage ssr=SsrMode::Async />
                    <Route path=path!("/offre/entites") view=offre::entites::pages::EntitesPage ssr=SsrMode::Async />
                    <Route path=path!("/offre/entites/nouvelle") view=offre::entites::pages::NewEntitePage ssr=SsrMode::Async />
                    <Route path=path!("/offre/entites/:id") view=offre::entites::pages::EntitePage ssr=SsrMode::Async />
                    <Route path=path!("/offre/dispositifs") view=offre::dispositifs::pages::DispositifsPage ssr=SsrMode::Async />
                    <Route path=path!("/offre/dispositifs/nouveau") view=offre::dispositifs::pages::NewDispositifPage ssr=SsrMode::Async />
                    <Route path=path!("/offre/dispositifs/:id") view=offre::dispositifs::pages::DispositifPage ssr=SsrMode::Async />
                    <Route path=path!("/offre/groupes/nouveau") view=offre::groupes::pages::NewGroupePage ssr=SsrMode::Async />
                    <Route path=path!("/offre/groupes/:id") view=offre::groupes::pages::GroupePage ssr=SsrMode::Async />
                    <Route path=path!("/offre/financements/:id") view=offre::financements::pages::FinancementPage ssr=SsrMode::Async />
                    <Route path=path!("/offre/capacites") view=offre::capacites::pages::CapacitesPage ssr=SsrMode::Async />
                    <Route path=path!("/offre/import") view=offre::import::pages::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/menages") view=menage::pages::MenagesPage ssr=SsrMode::Async />
                    <Route path=path!("/menages/nouveau") view=menage::pages::NewMenagePage ssr=SsrMode::Async />
                    <Route path=path!("/menages/doublons") view=menage::fusion_pages::DoublonsPage ssr=SsrMode::Async />
                    <Route path=path!("/menages/:id") view=menage::pages::FichePage ssr=SsrMode::Async />
                    <Route path=path!("/menages/:id/evaluations/:eid") view=evaluation::pages::EvaluationPage ssr=SsrMode::Async />
                    <Route path=path!("/menages/:id/comparer-evaluations") view=evaluation::pages::ComparePage ssr=SsrMode::Async />
                    <Route path=path!("/offre/validation") view=offre::pages::ValidationPage ssr=SsrMode::Async />
                    <Route path=path!("/demandes") view=demande::pages::DemandesPage ssr=SsrMode::Async />
                    <Route path=path!("/demandes/:id") view=demande::pages::DemandePage ssr=SsrMode::Async />
                    <Route path=path!("/liste-attente") view=demande::pages::ListeAttentePage ssr=SsrMode::Async />
                    <Route path=path!("/orientations") view=demande::pages::OrientationsPage ssr=SsrMode::Async />
                    <Route path=path!("/commissions") view=demande::pages::CommissionsPage ssr=SsrMode::Async />
                    <Route path=path!("/prestations") view=prestation::pages::PrestationsPage ssr=SsrMode::Async />
                    <Route path=path!("/commissions/:id") view=demande::pages::CommissionPage ssr=SsrMode::Async />
                    <Route path=path!("/115") view=demande::pages::Page115 ssr=SsrMode::Async />
                    <Route path=path!("/115/:id") view=demande::pages::AppelPage ssr=SsrMode::Async />
                    <Route path=path!("/places") view=demande::pages::PlacesPage ssr=SsrMode::Async />
                    <Route path=path!("/notifications") view=demande::pages::NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/partenaires") view=interop::pages::PartenairesPage ssr=SsrMode::Async />
                    <Route path=path!("/partenaires/:id") view=interop::pages::PartenairePage ssr=SsrMode::Async />
                </Routes>
            </ui::layout::Layout>
        </Router>
    }
}
