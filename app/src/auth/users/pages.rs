//! Account management screens: list with filters, creation, edition (scope, deactivation,
//! resend of the welcome mail).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::model::{FormOptions, UserDetail, UserFilter, UserForm};
use super::server::{get_user, list_users, user_form_options, CreateUser, DeactivateUser, ResendWelcome, UpdateUser};
use crate::error::AppError;
use crate::rights::model::{Profile, ScopeKind};
use crate::ui::errors::loaded;
use crate::ui::form::{action_error, ButtonForm, ErrorAlert, Field, SelectField, SuccessAlert};
use crate::ui::list::{DataTable, FilterForm, FilterSelect, FilterText};

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        UserFilter { q: q.get("q"), profile: q.get("profil"), statut: q.get("statut") }
    };
    let users = Resource::new(filter, list_users);
    view! {
        <Title text="Utilisateurs" />
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row fr-grid-row--middle fr-mb-3w">
                <h1 class="fr-col">"Utilisateurs"</h1>
                <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/utilisateurs/nouveau">"Créer un compte"</a>
            </div>
            <FilterForm action="/utilisateurs">
                <FilterText label="Nom, prénom ou adresse" name="q" value=Signal::derive(move || filter().q) />
                <FilterSelect
                    label="Profil"
                    name="profil"
                    any="Tous les profils"
                    options=Profile::ALL.map(|p| (p.code(), p.label())).to_vec()
                    selected=Signal::derive(move || filter().profile)
                />
                <FilterSelect
                    label="Statut"
                    name="statut"
                    options=vec![("actifs", "Actifs"), ("inactifs", "Désactivés"), ("tous", "Tous")]
                    selected=Signal::derive(move || Some(filter().statut.unwrap_or_else(|| "actifs".into())))
                />
            </FilterForm>
            {loaded(users, move |users| view! {
                            <DataTable
                                id="table-utilisateurs"
                                caption=format!("{} compte(s)", users.len())
                                headers=&["Nom", "Adresse électronique", "Profil", "Rattachement", "Statut"]
                            >
                                {users.into_iter().map(|u| view! {
                                    <tr>
                                        <td><a href=format!("/utilisateurs/{}", u.id)>{format!("{} {}", u.nom, u.prenom)}</a></td>
                                        <td>{u.email}</td>
                                        <td>{u.profile}</td>
                                        <td>{u.rattachement}</td>
                                        <td>{status_badge(u.active, u.activated)}</td>
                                    </tr>
                                }).collect_view()}
                            </DataTable>
                        }.into_any())}
        </div>
    }
}

fn status_badge(active: bool, activated: bool) -> impl IntoView {
    match (active, activated) {
        (false, _) => view! { <span class="fr-badge fr-badge--error">"Désactivé"</span> },
        (true, false) => view! { <span class="fr-badge fr-badge--new">"En attente d'activation"</span> },
        (true, true) => view! { <span class="fr-badge fr-badge--success">"Actif"</span> },
    }
}

/// The fields of an account, with the attachment fields that match the chosen profile.
#[component]
fn UserFields(options: FormOptions, initial: UserForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let profile = RwSignal::new(Profile::from_code(&initial.profile));
    let shows =
        move |kinds: &'static [ScopeKind]| move || profile.get().is_none_or(|p| kinds.contains(&p.scope_kind()));
    let message = move |field: &'static str| move || error.get().and_then(|e| e.field_message(field));
    view! {
        <Field label="Prénom" name="form[prenom]" value=initial.prenom.clone() error />
        <Field label="Nom" name="form[nom]" value=initial.nom.clone() error />
        <Field
            label="Adresse électronique professionnelle"
            hint="Individuelle : pas de boîte partagée. Elle sert d'identifiant."
            name="form[email]"
            kind="email"
            value=initial.email.clone()
            error
        />
        <div class="fr-select-group">
            <label class="fr-label" for="champ-profil">"Profil"</label>
            <select
                class="fr-select"
                id="champ-profil"
                name="form[profile]"
                required
                on:change=move |ev| profile.set(Profile::from_code(&event_target_value(&ev)))
            >
                <option value="" disabled selected=initial.profile.is_empty()>"Choisir un profil"</option>
                {options.profiles.iter().map(|p| view! {
                    <option value=p.code() selected=initial.profile == p.code()>{p.label()}</option>
                }).collect_view()}
            </select>
            <p class="fr-error-text" hidden=move || message("profile")().is_none()>{message("profile")}</p>
        </div>
        <SelectField
            label="Département (administrateur départemental)"
            name="form[departement_code]"
            options=options.departements.iter().map(|(code, nom)| (code.clone(), format!("{code} - {nom}"))).collect()
            selected=initial.departement_code.clone()
            hidden=Signal::derive(move || !shows(&[ScopeKind::Departement])())
            error
        />
        <SelectField
            label="SIAO (profils SIAO)"
            name="form[siao_id]"
            options=options.siaos.iter().map(|(id, nom)| (id.to_string(), nom.clone())).collect()
            selected=initial.siao_id.clone()
            hidden=Signal::derive(move || !shows(&[ScopeKind::Siao])())
            error
        />
        <SelectField
            label="Entité gestionnaire (profils d'entité)"
            name="form[entite_id]"
            options=options.entites.iter().map(|(id, nom)| (id.to_string(), nom.clone())).collect()
            selected=initial.entite_id.clone()
            hidden=Signal::derive(move || !shows(&[ScopeKind::Entite, ScopeKind::Dispositifs])())
            error
        />
        <fieldset class="fr-fieldset" hidden=move || !shows(&[ScopeKind::Dispositifs])()>
            <legend class="fr-fieldset__legend">"Dispositifs d'affectation (responsable de dispositif, travailleur social)"</legend>
            {options.dispositifs.iter().enumerate().map(|(i, (id, label, _))| {
                let input_id = format!("champ-dispositif-{i}");
                view! {
                    <div class="fr-fieldset__element">
                        <div class="fr-checkbox-group">
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                name=format!("form[dispositif_ids][{i}]")
                                value=id.to_string()
                                checked=initial.dispositif_ids.contains(&id.to_string())
                            />
                            <label class="fr-label" for=input_id>{label.clone()}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
            <p class="fr-error-text" hidden=move || message("dispositif_ids")().is_none()>{message("dispositif_ids")}</p>
        </fieldset>
    }
}

#[component]
pub fn NewUserPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| user_form_options());
    view! {
        <Title text="Créer un compte" />
        <div class="fr-container fr-my-6w">
            <h1>"Créer un compte"</h1>
            <p>"Un compte = une personne = un profil. La personne reçoit un message avec un lien pour choisir son mot de passe."</p>
            {loaded(options, move |options| view! { <CreateUserForm options /> }.into_any())}
        </div>
    }
}

/// Creation; the server sends the browser to the new account's page.
#[island]
fn CreateUserForm(options: FormOptions) -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let error = action_error(create);
    view! {
        <ErrorAlert error />
        <ActionForm action=create attr:id="form-utilisateur">
            <UserFields options initial=UserForm::default() error />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || create.pending().get()>"Créer le compte"</button>
        </ActionForm>
    }
}

#[component]
pub fn UserPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let created = use_query_map().read_untracked().get("cree").is_some();
    let data = Resource::new(id, |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let user = get_user(id).await?;
        let options = user_form_options().await.unwrap_or_default();
        Ok::<(UserDetail, FormOptions), AppError>((user, options))
    });
    view! {
        <Title text="Compte utilisateur" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(user, options)| {
                            let can_edit = options.profiles.iter().any(|p| p.code() == user.form.profile);
                            view! {
                                <h1>{format!("{} {}", user.form.prenom, user.form.nom)}</h1>
                                <p>{status_badge(user.active, user.activated)}</p>
                                {created.then(|| view! {
                                    <SuccessAlert message=Signal::derive(|| Some(
                                        "Le compte est créé ; le message de bienvenue, avec le lien d'activation, part par la file d'envoi.".to_string()
                                    )) />
                                })}
                                {if can_edit && user.active { view! {
                                    <EditUserForm id=user.id version=user.version options initial=user.form />
                                    <UserActions id=user.id />
                                }.into_any() } else { view! {
                                    <p>"Vous pouvez consulter ce compte, pas le modifier."</p>
                                }.into_any() }}
                            }.into_any()
                        })}
        </div>
    }
}

/// Edition, with the version read: a concurrent change is refused, and the input stays.
#[island]
fn EditUserForm(id: Uuid, version: i32, options: FormOptions, initial: UserForm) -> impl IntoView {
    let update = ServerAction::<UpdateUser>::new();
    let error = action_error(update);
    let version = Signal::derive(move || update.value().get().and_then(|r| r.ok()).unwrap_or(version));
    let saved = Signal::derive(move || {
        update.value().get().and_then(|r| r.ok()).map(|_| "Modifications enregistrées.".to_string())
    });
    view! {
        <SuccessAlert message=saved />
        <ErrorAlert error />
        <ActionForm action=update attr:id="form-utilisateur">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="version" prop:value=move || version.get().to_string() />
            <UserFields options initial error />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || update.pending().get()>"Enregistrer"</button>
        </ActionForm>
    }
}

/// Resend the welcome mail (says so), deactivate (the page is read again).
#[island]
fn UserActions(id: Uuid) -> impl IntoView {
    let resend = ServerAction::<ResendWelcome>::new();
    let deactivate = ServerAction::<DeactivateUser>::new();
    let resend_error = action_error(resend);
    let sent = Signal::derive(move || resend.value().get().and_then(|r| r.ok()));
    view! {
        <div class="fr-mt-4w">
            <SuccessAlert message=sent />
            <ErrorAlert error=resend_error />
            <ActionForm action=resend>
                <input type="hidden" name="id" value=id.to_string() />
                <button class="fr-btn fr-btn--secondary fr-mb-2w" type="submit" disabled=move || resend.pending().get()>
                    "Renvoyer le message de bienvenue"
                </button>
            </ActionForm>
            <ButtonForm action=deactivate fields=vec![("id", id.to_string())] label="Désactiver le compte" class="fr-btn fr-btn--tertiary" />
        </div>
    }
}
