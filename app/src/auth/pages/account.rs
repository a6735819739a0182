use leptos::prelude::*;
use leptos_meta::Title;
use uuid::Uuid;

use crate::auth::server::{my_sessions, ChangePassword, EndSession};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::errors::loaded;
use crate::ui::form::{action_error, ErrorAlert, Field, SuccessAlert};
use crate::ui::list::DataTable;

/// "Mon compte": open sessions (end the others), change of password (with the current one).
#[component]
pub fn AccountPage() -> impl IntoView {
    let sessions = Resource::new(|| (), |_| my_sessions());
    view! {
        <Title text="Mon compte" />
        <div class="fr-container fr-my-6w">
            <h1>"Mon compte"</h1>
            <p><a class="fr-link fr-icon-shield-line fr-link--icon-left" href="/compte/double-authentification">"Double authentification"</a></p>
            {loaded(sessions, move |lines| view! {
                            <h2>"Mes sessions ouvertes"</h2>
                            <DataTable
                                id="table-sessions"
                                caption="Sessions ouvertes sur votre compte"
                                headers=&["Ouverte le", "Dernière activité", "Adresse IP", "Navigateur", "Action"]
                            >
                                {lines.into_iter().map(|s| view! {
                                    <tr>
                                        <td>{crate::ui::format::date_time(s.created_at)}</td>
                                        <td>{crate::ui::format::date_time(s.last_seen_at)}</td>
                                        <td>{s.ip.clone().unwrap_or_default()}</td>
                                        <td>{s.user_agent.clone().unwrap_or_default()}</td>
                                        <td>{if s.current {
                                            view! { <span class="fr-badge fr-badge--info">"Session actuelle"</span> }.into_any()
                                        } else {
                                            view! { <EndSessionButton id=Some(s.id) /> }.into_any()
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </DataTable>
                            <EndSessionButton id=None />
                        }.into_any())}
            <h2 class="fr-mt-6w">"Changer mon mot de passe"</h2>
            <ChangePasswordForm />
        </div>
    }
}

/// Ends one of my other sessions, or (`id` none) all of them.
#[component]
fn EndSessionButton(id: Option<Uuid>) -> impl IntoView {
    let path = path_of::<EndSession>();
    match id {
        Some(id) => view! {
            <ActionButton path fields=fields(&[("id", id.to_string())]) label="Fermer".to_string() class="fr-btn fr-btn--sm fr-btn--tertiary".to_string() />
        }
        .into_any(),
        None => view! { <ActionButton path fields=vec![] label="Fermer toutes mes autres sessions".to_string() /> }.into_any(),
    }
}

#[island]
fn ChangePasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let error = action_error(change);
    let changed = Signal::derive(move || change.value().get().and_then(|r| r.ok()));
    view! {
        <SuccessAlert message=changed />
        <ErrorAlert error />
        <ActionForm action=change attr:id="form-changement-mot-de-passe">
            <Field label="Mot de passe actuel" name="current" kind="password" autocomplete="current-password" error />
            <Field label="Nouveau mot de passe" hint="Au moins 12 caractères" name="password" kind="password" autocomplete="new-password" error />
            <Field label="Confirmation" name="confirmation" kind="password" autocomplete="new-password" error />
            <button class="fr-btn" type="submit" disabled=move || change.pending().get()>"Changer mon mot de passe"</button>
        </ActionForm>
    }
}
