use crate::ui::layout::NarrowPage;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::model::PASSWORD_MIN_LEN;
use crate::auth::server::{ForgotPassword, SetPassword};
use crate::ui::form::{action_error, ErrorAlert, Field, SuccessAlert};

/// "Mot de passe oublié": asks for the e-mail, always gives the same answer.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <NarrowPage title="Mot de passe oublié">
            <p>"Saisissez l'adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe."</p>
            <ForgotPasswordForm />
            <p class="fr-mt-3w"><a class="fr-link" href="/connexion">"Retour à la connexion"</a></p>
        </NarrowPage>
    }
}

#[island]
fn ForgotPasswordForm() -> impl IntoView {
    let forgot = ServerAction::<ForgotPassword>::new();
    let error = action_error(forgot);
    let sent = Signal::derive(move || forgot.value().get().and_then(|r| r.ok()));
    view! {
        <SuccessAlert message=sent />
        <ErrorAlert error />
        <ActionForm action=forgot attr:id="form-oubli">
            <Field label="Adresse électronique" name="email" kind="email" autocomplete="username" error />
            <button class="fr-btn" type="submit" disabled=move || forgot.pending().get()>"Recevoir un lien"</button>
        </ActionForm>
    }
}

/// "Choisir mon mot de passe", from a welcome or reset link (`?jeton=`).
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let token = use_query_map().read_untracked().get("jeton").unwrap_or_default();
    view! {
        <NarrowPage title="Choisir mon mot de passe">
            <p>
                {format!("Au moins {PASSWORD_MIN_LEN} caractères. ")}
                "Une phrase de passe (plusieurs mots) est facile à retenir et difficile à deviner. "
                "Les mots de passe les plus courants sont refusés."
            </p>
            <SetPasswordForm token />
        </NarrowPage>
    }
}

#[island]
fn SetPasswordForm(token: String) -> impl IntoView {
    let set = ServerAction::<SetPassword>::new();
    let error = action_error(set);
    view! {
        <ErrorAlert error />
        <ActionForm action=set attr:id="form-mot-de-passe">
            <input type="hidden" name="token" value=token />
            <Field label="Nouveau mot de passe" name="password" kind="password" autocomplete="new-password" error />
            <Field label="Confirmation du mot de passe" name="confirmation" kind="password" autocomplete="new-password" error />
            <button class="fr-btn" type="submit" disabled=move || set.pending().get()>"Enregistrer mon mot de passe"</button>
        </ActionForm>
    }
}
