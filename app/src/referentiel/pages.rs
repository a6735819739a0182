//! Screens of the référentiels: the lists, one list's values, one value (edit, retire, history).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::model::{RefValue, ValueForm};
use super::server::{
    get_referentiel, get_referentiel_value, list_referentiels, AddReferentielValue, RetireReferentielValue,
    UpdateReferentielValue,
};
use crate::history::pages::HistoryTable;
use crate::rights::model::{Action, Object};
use crate::ui::button::path_of;
use crate::ui::errors::loaded;
use crate::ui::form::{action_error, reload_on_success, ErrorAlert, Field, SuccessAlert};
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::DataTable;
use crate::ui::post_form::PostForm;

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()
}

#[component]
pub fn ReferentielsPage() -> impl IntoView {
    let lists = Resource::new(|| (), |_| list_referentiels());
    view! {
        <Title text="Référentiels" />
        <div class="fr-container fr-my-6w">
            <h1>"Référentiels"</h1>
            <p>"Les listes de valeurs communes : nomenclature des dispositifs, publics, financements, et les codes du SI SIAO national échangés avec les logiciels partenaires."</p>
            {loaded(lists, move |lists| view! {
                            <DataTable id="table-referentiels" caption=format!("{} listes", lists.len()) headers=&["Liste", "Code", "Origine", "Valeurs"]>
                                {lists.into_iter().map(|l| view! {
                                    <tr>
                                        <td><a href=format!("/referentiels/{}", l.code)>{l.label}</a></td>
                                        <td><code>{l.code}</code></td>
                                        <td>{if l.source == "si_siao" { "SI SIAO national" } else { "Offre" }}</td>
                                        <td>{l.values}</td>
                                    </tr>
                                }).collect_view()}
                            </DataTable>
                        }.into_any())}
        </div>
    }
}

fn status(v: &RefValue) -> &'static str {
    let today = chrono::Utc::now().date_naive();
    match (v.active, v.usable_on(today)) {
        (false, _) => "Retiré",
        (true, true) => "En service",
        (true, false) => "Hors validité",
    }
}

#[component]
pub fn ReferentielPage() -> impl IntoView {
    let params = use_params_map();
    let list = move || params.read().get("list").unwrap_or_default();
    let detail = Resource::new(list, get_referentiel);
    view! {
        <Title text="Référentiel" />
        <div class="fr-container fr-my-6w">
            {loaded(detail, move |d| {
                            let code = d.list.code.clone();
                            view! {
                                <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
                                    <ol class="fr-breadcrumb__list">
                                        <li><a class="fr-breadcrumb__link" href="/referentiels">"Référentiels"</a></li>
                                        <li><a class="fr-breadcrumb__link" aria-current="page">{d.list.label.clone()}</a></li>
                                    </ol>
                                </nav>
                                <h1>{d.list.label.clone()}</h1>
                                <DataTable id="table-valeurs" caption=format!("{} valeurs", d.values.len()) headers=&["Code", "Libellé", "Parent", "Validité", "Statut"]>
                                    {d.values.into_iter().map(|v| {
                                        let state = status(&v);
                                        view! {
                                            <tr>
                                                <td><a href=format!("/referentiels/{}/{}", code, v.code)><code>{v.code.clone()}</code></a></td>
                                                <td>{v.label}</td>
                                                <td>{v.parent_code.unwrap_or_default()}</td>
                                                <td>{format!("{} – {}", date(v.valid_from), date(v.valid_to))}</td>
                                                <td>{state}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </DataTable>
                                {with_layout(move |info| allowed(&info, Object::Referentiel, Action::Creer).then(|| {
                                    view! { <h2 class="fr-mt-4w">"Ajouter un code"</h2> <AddValueForm list=d.list.code.clone() /> }
                                }))}
                            }.into_any()
                        })}
        </div>
    }
}

#[component]
fn ValueFields(initial: ValueForm, error: Signal<Option<crate::error::AppError>>, new: bool) -> impl IntoView {
    view! {
        {if new {
            view! { <Field label="Code" hint="Stable : les dossiers le gardent. Sans espace." name="form[code]" value=initial.code error /> }.into_any()
        } else {
            view! { <input type="hidden" name="form[code]" value=initial.code /> }.into_any()
        }}
        <Field label="Libellé" name="form[label]" value=initial.label error />
        <Field label="Ordre" name="form[position]" kind="number" required=false value=initial.position error />
        <Field label="Code parent" hint="Pour un type de dispositif : le code de sa nature." name="form[parent_code]" required=false value=initial.parent_code error />
        <Field label="Valide à partir du" name="form[valid_from]" kind="date" required=false value=initial.valid_from error />
        <Field label="Valide jusqu'au" name="form[valid_to]" kind="date" required=false value=initial.valid_to error />
    }
}

/// In the one form island (`PostForm`): errors next to their fields, the list read again on success.
#[component]
fn AddValueForm(list: String) -> impl IntoView {
    view! {
        <PostForm path={path_of::<AddReferentielValue>()} id="form-ajout-valeur".to_string() submit="Ajouter".to_string() button_class="fr-btn".to_string()>
            <input type="hidden" name="list" value=list />
            <ValueFields initial=ValueForm::default() error=Signal::stored(None) new=true />
        </PostForm>
    }
}

#[component]
pub fn ReferentielValuePage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (p.get("list").unwrap_or_default(), p.get("code").unwrap_or_default())
    };
    let data = Resource::new(key, |(list, code)| get_referentiel_value(list, code));
    view! {
        <Title text="Valeur de référentiel" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(value, lines)| { let (list, _) = key(); view! {
                            <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=format!("/referentiels/{list}")>"Retour à la liste"</a></p>
                            <h1>{value.label.clone()}</h1>
                            <p>"Code " <code>{value.code.clone()}</code> " · " {status(&value)}</p>
                            {with_layout({
                                let (list, value) = (list.clone(), value.clone());
                                move |info| allowed(&info, Object::Referentiel, Action::Modifier).then(|| view! {
                                    <EditValueForm list=list.clone() value=value.clone() />
                                })
                            })}
                            <h2 class="fr-mt-4w">"Historique"</h2>
                            <HistoryTable lines />
                        } })}
        </div>
    }
}

/// Edition (label, order, parent, validity) and retirement of a value.
#[island]
fn EditValueForm(list: String, value: RefValue) -> impl IntoView {
    let update = ServerAction::<UpdateReferentielValue>::new();
    let retire = ServerAction::<RetireReferentielValue>::new();
    let error = action_error(update);
    let retire_error = action_error(retire);
    reload_on_success(retire);
    let version = Signal::derive(move || update.value().get().and_then(|r| r.ok()).unwrap_or(value.version));
    let saved = Signal::derive(move || {
        update.value().get().and_then(|r| r.ok()).map(|_| "Modifications enregistrées.".to_string())
    });
    let fmt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let initial = ValueForm {
        code: value.code.clone(),
        label: value.label.clone(),
        position: value.position.to_string(),
        parent_code: value.parent_code.clone().unwrap_or_default(),
        valid_from: fmt(value.valid_from),
        valid_to: fmt(value.valid_to),
    };
    let (code, active, list_too) = (value.code.clone(), value.active, list.clone());
    view! {
        <SuccessAlert message=saved />
        <ErrorAlert error />
        <ActionForm action=update attr:id="form-valeur">
            <input type="hidden" name="list" value=list.clone() />
            <input type="hidden" name="version" prop:value=move || version.get().to_string() />
            <ValueFields initial error new=false />
            <button class="fr-btn" type="submit" disabled=move || update.pending().get()>"Enregistrer"</button>
        </ActionForm>
        <ErrorAlert error=retire_error />
        <ActionForm action=retire attr:class="fr-mt-2w">
            <input type="hidden" name="list" value=list_too />
            <input type="hidden" name="code" value=code />
            <input type="hidden" name="version" prop:value=move || version.get().to_string() />
            <input type="hidden" name="active" value=(!active).to_string() />
            <button class="fr-btn fr-btn--secondary" type="submit">
                {if active { "Retirer ce code" } else { "Remettre ce code en service" }}
            </button>
        </ActionForm>
    }
}
