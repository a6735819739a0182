use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::layout::NarrowPage;
use leptos_router::hooks::use_query_map;

use crate::auth::second_factor::{get_second_factor_status, LoginCode, TotpBegin, TotpConfirm, TotpDisable};
use crate::ui::errors::loaded;
use crate::ui::form::{action_error, reload_on_success, ErrorAlert, Field};

/// Second step of the login: the 6-digit code, or a recovery code.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let next = use_query_map().read_untracked().get("suivant").unwrap_or_default();
    view! {
        <NarrowPage title="Double authentification">
            <p>"Saisissez le code à 6 chiffres affiché par votre application d'authentification, ou l'un de vos codes de secours."</p>
            <LoginCodeForm next />
            <p class="fr-mt-3w"><a class="fr-link" href="/connexion">"Recommencer la connexion"</a></p>
        </NarrowPage>
    }
}

#[island]
fn LoginCodeForm(next: String) -> impl IntoView {
    let submit = ServerAction::<LoginCode>::new();
    let error = action_error(submit);
    view! {
        <ErrorAlert error />
        <ActionForm action=submit attr:id="form-code">
            <Field label="Code" name="code" autocomplete="one-time-code" error />
            <input type="hidden" name="next" value=next />
            <button class="fr-btn" type="submit" disabled=move || submit.pending().get()>"Valider"</button>
        </ActionForm>
    }
}

/// "Double authentification" in "Mon compte": enrolment (QR code, first code, recovery codes) or
/// deactivation.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let status = Resource::new(|| (), |_| get_second_factor_status());
    view! {
            <Title text="Double authentification" />
            <div class="fr-container fr-my-6w">
                <h1>"Double authentification"</h1>
                <p>"En plus du mot de passe, un code à usage unique produit par une application d'authentification (sur téléphone ou ordinateur) est demandé à chaque connexion."</p>
                {loaded(status, move |data| match data {
    s if s.enabled => view! {
                                <p class="fr-badge fr-badge--success">"Activée"</p>
                                <p>{format!("Codes de secours restants : {}", s.recovery_codes_left)}</p>
                                {if s.required {
                                    view! { <p>"Votre profil doit utiliser la double authentification : elle ne peut pas être désactivée."</p> }.into_any()
                                } else {
                                    view! { <h2>"Désactiver"</h2> <TotpDisableForm /> }.into_any()
                                }}
                            }.into_any(),
                            s => view! {
                                {s.required.then(|| view! {
                                    <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
                                        <p>"Votre profil doit utiliser la double authentification : activez-la pour accéder au SI SIAO."</p>
                                    </div>
                                })}
                                <TotpEnrolment />
                            }.into_any(),
                })}
            </div>
        }
}

/// Enrolment: the password, then the QR code and the first code; shows the recovery codes once.
#[island]
fn TotpEnrolment() -> impl IntoView {
    let begin = ServerAction::<TotpBegin>::new();
    let confirm = ServerAction::<TotpConfirm>::new();
    let begin_error = action_error(begin);
    let confirm_error = action_error(confirm);
    let setup = move || begin.value().get().and_then(|r| r.ok());
    let codes = move || confirm.value().get().and_then(|r| r.ok());
    view! {
        <Show
            when=move || codes().is_none()
            fallback=move || view! {
                <div class="fr-alert fr-alert--success fr-mb-3w" role="status" id="codes-secours">
                    <h2 class="fr-alert__title">"Double authentification activée"</h2>
                    <p>"Conservez ces codes de secours en lieu sûr : chacun permet une connexion si vous n'avez plus votre application. Ils ne seront plus affichés."</p>
                    <ul>{codes().unwrap_or_default().into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
                </div>
            }
        >
            <h2>"1. Confirmer votre identité"</h2>
            <ErrorAlert error=begin_error />
            <ActionForm action=begin attr:id="form-activation">
                <Field label="Mot de passe" name="password" kind="password" autocomplete="current-password" error=begin_error />
                <button class="fr-btn" type="submit" disabled=move || begin.pending().get()>"Continuer"</button>
            </ActionForm>
            <Show when=move || setup().is_some()>
                <h2 class="fr-mt-4w">"2. Ajouter le SI SIAO à votre application"</h2>
                <p>"Scannez ce code QR avec votre application d'authentification, ou saisissez la clé ci-dessous."</p>
                <div class="siao-qr" inner_html=move || setup().map(|s| s.qr_svg).unwrap_or_default()></div>
                <p>"Clé : " <code id="cle-totp">{move || setup().map(|s| s.secret).unwrap_or_default()}</code></p>
                <h2>"3. Saisir le code affiché"</h2>
                <ErrorAlert error=confirm_error />
                <ActionForm action=confirm attr:id="form-confirmation">
                    <Field label="Code à 6 chiffres" name="code" autocomplete="one-time-code" error=confirm_error />
                    <button class="fr-btn" type="submit" disabled=move || confirm.pending().get()>"Activer"</button>
                </ActionForm>
            </Show>
        </Show>
    }
}

/// Deactivation (password and a current code); the page is read again when it succeeds.
#[island]
fn TotpDisableForm() -> impl IntoView {
    let disable = ServerAction::<TotpDisable>::new();
    let error = action_error(disable);
    reload_on_success(disable);
    view! {
        <ErrorAlert error />
        <ActionForm action=disable attr:id="form-desactivation">
            <Field label="Mot de passe" name="password" kind="password" autocomplete="current-password" error />
            <Field label="Code actuel" name="code" autocomplete="one-time-code" error />
            <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || disable.pending().get()>
                "Désactiver la double authentification"
            </button>
        </ActionForm>
    }
}
