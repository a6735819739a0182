//! Screens of the entités: list with filters and pages, creation, detail with its tabs
//! (informations, dispositifs, historique), edition and the steps of the validation circuit.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::model::{EntiteDetail, EntiteFilter, EntiteForm, EntiteOptions, GESTIONNAIRE_FIELDS, PAGE_SIZE};
use super::server::{
    entite_form_options, get_entite, list_entites, CreateEntite, MoveEntite, SetEntiteActive, UpdateEntite,
};
use crate::error::AppError;
use crate::fields::telephone::Telephone;
use crate::history::pages::HistoryTable;
use crate::offre::lifecycle::{Statut, Transition};
use crate::offre::ui::{inactive_badge, statut_badge, Activation, CircuitForm, OffreTabs};
use crate::rights::model::{Action, Object, Profile};
use crate::ui::button::path_of;
use crate::ui::errors::loaded;
use crate::ui::form::{action_error, ErrorAlert, Field, SelectField, SuccessAlert};
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::{DataTable, FilterForm, FilterSelect, FilterText, Pagination};

#[component]
pub fn EntitesPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        EntiteFilter {
            q: q.get("q"),
            departement: q.get("departement"),
            statut: q.get("statut"),
            page: q.get("page").and_then(|p| p.parse().ok()),
        }
    };
    let page = Resource::new(filter, list_entites);
    let statuts: Vec<(&'static str, &'static str)> = Statut::ALL.iter().map(|s| (s.code(), s.label())).collect();
    view! {
        <Title text="Entités gestionnaires" />
        <div class="fr-container fr-my-6w">
            <div class="fr-grid-row fr-grid-row--middle fr-mb-3w">
                <h1 class="fr-col">"Entités gestionnaires"</h1>
                {with_layout(|info| allowed(&info, Object::Entite, Action::Creer).then(|| view! {
                    <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/offre/entites/nouvelle">"Créer une entité"</a>
                }))}
            </div>
            <OffreTabs current="/offre/entites" />
            <FilterForm action="/offre/entites">
                <FilterText label="Nom ou SIREN" name="q" value=Signal::derive(move || filter().q) />
                <FilterText label="Département" name="departement" width=2 value=Signal::derive(move || filter().departement) />
                <FilterSelect label="Statut" name="statut" any="Tous" options=statuts selected=Signal::derive(move || filter().statut) />
            </FilterForm>
            {loaded(page, move |(items, total)| view! {
                            <DataTable id="table-entites" caption=format!("{total} entité(s)") headers=&["Nom", "SIREN", "Département", "Dispositifs", "Statut"]>
                                {items.into_iter().map(|e| view! {
                                    <tr>
                                        <td><a href=format!("/offre/entites/{}", e.id)>{e.nom}</a>{(!e.actif).then_some(" (désactivée)")}</td>
                                        <td>{e.siren}</td>
                                        <td>{e.departement_code}</td>
                                        <td>{e.dispositifs}</td>
                                        <td>{statut_badge(&e.statut)}</td>
                                    </tr>
                                }).collect_view()}
                            </DataTable>
                            <Pagination total page_size=PAGE_SIZE current=filter().page.unwrap_or(1) />
                        }.into_any())}
        </div>
    }
}

#[component]
pub fn NewEntitePage() -> impl IntoView {
    let options = Resource::new(|| (), |_| entite_form_options());
    view! {
        <Title text="Créer une entité" />
        <div class="fr-container fr-my-6w">
            <h1>"Créer une entité gestionnaire"</h1>
            <p>"Les champs suivis d'un astérisque sont obligatoires. Une entité créée par un SIAO est pré-validée par lui puis validée par le département."</p>
            {loaded(options, move |options| view! { <CreateEntiteForm options /> }.into_any())}
        </div>
    }
}

/// The fields of an entité; `contact_only` leaves the others read-only (Gestionnaire d'entité).
#[component]
fn EntiteFields(
    options: EntiteOptions,
    initial: EntiteForm,
    error: Signal<Option<AppError>>,
    contact_only: bool,
) -> impl IntoView {
    let convention = RwSignal::new(initial.convention_collective.clone());
    let editable = move |field: &str| !contact_only || GESTIONNAIRE_FIELDS.contains(&field);
    view! {
        <fieldset class="fr-fieldset" disabled=!editable("nom")>
            <legend class="fr-fieldset__legend">"Identification"</legend>
            <div class="fr-fieldset__element"><Field label="Nom de l'entité *" hint="Unique dans le département" name="form[nom]" value=initial.nom.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="SIREN *" hint="9 chiffres" name="form[siren]" value=initial.siren.clone() error /></div>
            <div class="fr-fieldset__element">
                <SelectField label="Département *" name="form[departement_code]"
                    options=options.departements.iter().map(|(c, n)| (c.clone(), format!("{c} - {n}"))).collect()
                    selected=Some(initial.departement_code.clone()) error />
            </div>
            <div class="fr-fieldset__element"><Field label="Autres départements d'intervention" hint="Codes séparés par des virgules, ex. 22, 56" name="form[autres_departements]" required=false value=initial.autres_departements.clone() error /></div>
            <div class="fr-fieldset__element">
                <div class="fr-select-group">
                    <label class="fr-label" for="champ-convention_collective">"Type de convention collective"</label>
                    <select class="fr-select" id="champ-convention_collective" name="form[convention_collective]"
                        on:change=move |ev| convention.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {options.conventions.iter().map(|(c, l)| view! {
                            <option value=c.clone() selected=initial.convention_collective == *c>{l.clone()}</option>
                        }).collect_view()}
                    </select>
                    {move || error.get().and_then(|e| e.field_message("convention_collective")).map(|m| view! { <p class="fr-error-text">{m}</p> })}
                </div>
            </div>
            <div class="fr-fieldset__element" hidden=move || convention.get() != "autre">
                <Field label="N° IDCC" hint="Seulement pour le type « Autre » : 1 à 4 chiffres" name="form[idcc]" required=false value=initial.idcc.clone() error />
            </div>
        </fieldset>
        <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">"Coordonnées"</legend>
            <div class="fr-fieldset__element"><Field label="Téléphone" hint="Ex. 02 99 00 00 00" name="form[telephone]" kind="tel" required=false value=Telephone::display(&initial.telephone) error /></div>
            <div class="fr-fieldset__element"><Field label="Adresse électronique" name="form[courriel]" kind="email" required=false value=initial.courriel.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Adresse" name="form[adresse]" required=false value=initial.adresse.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Code postal" name="form[code_postal]" required=false value=initial.code_postal.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Commune" name="form[commune]" required=false value=initial.commune.clone() error /></div>
        </fieldset>
        {contact_only.then(|| view! {
            // Disabled fields are not sent: the server keeps the entité's values for them.
            <p class="fr-text--sm">"Votre profil modifie les coordonnées de l'entité ; le reste relève des administrateurs."</p>
        })}
    }
}

#[island]
fn CreateEntiteForm(options: EntiteOptions) -> impl IntoView {
    let create = ServerAction::<CreateEntite>::new();
    let error = action_error(create);
    let initial = EntiteForm {
        departement_code: options
            .departements
            .first()
            .filter(|_| options.departements.len() == 1)
            .map(|d| d.0.clone())
            .unwrap_or_default(),
        ..Default::default()
    };
    view! {
        <ErrorAlert error />
        <ActionForm action=create attr:id="form-entite">
            <EntiteFields options initial error contact_only=false />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || create.pending().get()>"Créer l'entité"</button>
        </ActionForm>
    }
}

#[component]
pub fn EntitePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let created = use_query_map().read_untracked().get("cree").is_some();
    let data = Resource::new(id, |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let (detail, lines) = get_entite(id).await?;
        let options = entite_form_options().await.unwrap_or_default();
        Ok::<_, AppError>((detail, lines, options))
    });
    view! {
        <Title text="Entité gestionnaire" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(detail, lines, options)| view! {
                            <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                                <ol class="fr-breadcrumb__list">
                                    <li><a class="fr-breadcrumb__link" href="/offre/entites">"Entités"</a></li>
                                    <li><a class="fr-breadcrumb__link" aria-current="page">{detail.form.nom.clone()}</a></li>
                                </ol>
                            </nav>
                            <h1>{detail.form.nom.clone()}</h1>
                            <div class="fr-mb-3w siao-badges">{statut_badge(detail.statut.code())}{inactive_badge(detail.actif)}</div>
                            {created.then(|| view! { <SuccessAlert message=Signal::derive(|| Some("L'entité est créée.".to_string())) /> })}
                            {detail.motif_renvoi.clone().filter(|_| detail.statut == Statut::Renvoye).map(|m| view! {
                                <div class="fr-alert fr-alert--warning fr-mb-3w"><h2 class="fr-alert__title">"Renvoyée pour correction"</h2><p>{m}</p></div>
                            })}
                            <EntiteTabs detail lines options />
                        }.into_any())}
        </div>
    }
}

/// DSFR tabs (the DSFR's script switches them; without it every panel shows, one under the other).
#[component]
fn EntiteTabs(detail: EntiteDetail, lines: Vec<crate::history::HistoryLine>, options: EntiteOptions) -> impl IntoView {
    let tab = |id: &'static str, label: &'static str, selected: bool| {
        view! {
            <li role="presentation">
                <button id=format!("onglet-{id}") class="fr-tabs__tab" tabindex=if selected { "0" } else { "-1" } role="tab"
                    aria-selected=selected.to_string() aria-controls=format!("panneau-{id}")>{label}</button>
            </li>
        }
    };
    let dispositifs = detail.dispositifs.clone();
    let entite_id = detail.id;
    view! {
        <div class="fr-tabs">
            <ul class="fr-tabs__list" role="tablist" aria-label="Fiche de l'entité">
                {tab("informations", "Informations", true)}
                {tab("dispositifs", "Dispositifs", false)}
                {tab("historique", "Historique", false)}
            </ul>
            <div id="panneau-informations" class="fr-tabs__panel fr-tabs__panel--selected" role="tabpanel" aria-labelledby="onglet-informations" tabindex="0">
                <Informations detail options />
            </div>
            <div id="panneau-dispositifs" class="fr-tabs__panel" role="tabpanel" aria-labelledby="onglet-dispositifs" tabindex="0">
                {if dispositifs.is_empty() {
                    view! { <p>"Aucun dispositif."</p> }.into_any()
                } else {
                    view! { <ul>{dispositifs.into_iter().map(|(id, nom)| view! { <li><a href=format!("/offre/dispositifs/{id}")>{nom}</a></li> }).collect_view()}</ul> }.into_any()
                }}
                {with_layout(move |info| allowed(&info, Object::Dispositif, Action::Creer).then(|| view! {
                    <a class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" href=format!("/offre/dispositifs/nouveau?entite={entite_id}")>"Créer un dispositif"</a>
                }))}
            </div>
            <div id="panneau-historique" class="fr-tabs__panel" role="tabpanel" aria-labelledby="onglet-historique" tabindex="0">
                <HistoryTable lines />
            </div>
        </div>
    }
}

#[component]
fn Informations(detail: EntiteDetail, options: EntiteOptions) -> impl IntoView {
    with_layout(move |info| {
        let profile = info.user.as_ref().map(|u| u.profile);
        let can_edit = allowed(&info, Object::Entite, Action::Modifier)
            && (profile != Some(Profile::AdminSiao) || detail.statut.before_validation());
        let steps: Vec<Transition> = profile.map(|p| Transition::open(p, detail.statut)).unwrap_or_default();
        let (detail, options) = (detail.clone(), options.clone());
        let contact_only = profile == Some(Profile::GestionnaireEntite);
        let deactivates = allowed(&info, Object::Entite, Action::Supprimer);
        view! {
            {deactivates.then(|| view! { <Activation path={path_of::<SetEntiteActive>()} id=detail.id version=detail.version actif=detail.actif what="l'entité" /> })}
            {(!steps.is_empty()).then(|| view! { <EntiteCircuit id=detail.id version=detail.version steps /> })}
            {if can_edit {
                view! { <EditEntiteForm detail options contact_only /> }.into_any()
            } else {
                view! { <EntiteSummary detail /> }.into_any()
            }}
        }
    })
}

#[component]
fn EntiteSummary(detail: EntiteDetail) -> impl IntoView {
    let f = detail.form;
    let rows = [
        ("SIREN", f.siren),
        ("Départements", detail.departements.join(", ")),
        ("Convention collective", detail.convention_label.unwrap_or_default()),
        ("N° IDCC", f.idcc),
        ("Téléphone", Telephone::display(&f.telephone)),
        ("Adresse électronique", f.courriel),
        ("Adresse", format!("{} {} {}", f.adresse, f.code_postal, f.commune).trim().to_string()),
    ];
    view! {
        <dl class="siao-summary">
            {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{if v.is_empty() { "—".to_string() } else { v }}</dd> }).collect_view()}
        </dl>
    }
}

#[island]
fn EditEntiteForm(detail: EntiteDetail, options: EntiteOptions, contact_only: bool) -> impl IntoView {
    let update = ServerAction::<UpdateEntite>::new();
    let error = action_error(update);
    let version = Signal::derive(move || update.value().get().and_then(|r| r.ok()).unwrap_or(detail.version));
    let saved = Signal::derive(move || {
        update.value().get().and_then(|r| r.ok()).map(|_| "Modifications enregistrées.".to_string())
    });
    view! {
        <SuccessAlert message=saved />
        <ErrorAlert error />
        <ActionForm action=update attr:id="form-entite">
            <input type="hidden" name="id" value=detail.id.to_string() />
            <input type="hidden" name="version" prop:value=move || version.get().to_string() />
            <EntiteFields options initial=detail.form error contact_only />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || update.pending().get()>"Enregistrer"</button>
        </ActionForm>
    }
}

/// The steps of the validation circuit open to the user on this entité.
#[island]
fn EntiteCircuit(id: Uuid, version: i32, steps: Vec<Transition>) -> impl IntoView {
    let action = ServerAction::<MoveEntite>::new();
    view! { <CircuitForm action id version steps /> }
}
