use crate::ui::layout::NarrowPage;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::server::Login;
use crate::ui::form::{action_error, ErrorAlert, Field};

/// "Connexion": e-mail and password. A plain form: works before and without the WebAssembly.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query.read_untracked().get("suivant").unwrap_or_default();
    let password_set = query.read_untracked().get("mot_de_passe").is_some();
    view! {
        <NarrowPage title="Connexion">
            {password_set.then(|| view! {
                <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
                    <p>"Votre mot de passe est enregistré. Vous pouvez vous connecter."</p>
                </div>
            })}
            <LoginForm next />
        </NarrowPage>
    }
}

#[island]
fn LoginForm(next: String) -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = action_error(login);
    view! {
        <ErrorAlert error />
        <ActionForm action=login attr:id="form-connexion">
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">"Se connecter avec son adresse électronique professionnelle"</legend>
                <div class="fr-fieldset__element">
                    <Field
                        label="Adresse électronique"
                        hint="Format attendu : prenom.nom@structure.fr"
                        name="email"
                        kind="email"
                        autocomplete="username"
                        error
                    />
                </div>
                <div class="fr-fieldset__element">
                    <Field label="Mot de passe" name="password" kind="password" autocomplete="current-password" error />
                    <p><a class="fr-link" href="/mot-de-passe/oublie">"Mot de passe oublié ?"</a></p>
                </div>
                <input type="hidden" name="next" value=next />
                <div class="fr-fieldset__element">
                    <button class="fr-btn" type="submit" disabled=move || login.pending().get()>"Se connecter"</button>
                </div>
            </fieldset>
        </ActionForm>
    }
}
