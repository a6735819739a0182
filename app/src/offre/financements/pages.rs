//! Screens of the financements: the lines of a dispositif (a tab of its page) with the creation form,
//! and the page of a line (edition, deactivation, history).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::model::{display_montant, records_source, FinancementDetail, FinancementForm, FinancementItem};
use super::server::{
    financement_sources, get_financement, CreateFinancement, DeactivateFinancement, UpdateFinancement,
};
use crate::error::AppError;
use crate::history::pages::HistoryTable;
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::detail::{Breadcrumb, Summary, Tabs};
use crate::ui::errors::loaded;
use crate::ui::form::{Field, SelectField};
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::DataTable;
use crate::ui::post_form::PostForm;

/// The financing lines of a dispositif, and the form of a new one for those who record some.
#[component]
pub fn FinancementsOfDispositif(
    dispositif_id: Uuid,
    items: Vec<FinancementItem>,
    sources: Vec<(String, String)>,
) -> impl IntoView {
    let empty = items.is_empty();
    view! {
        {if empty {
            view! { <p>"Aucun financement."</p> }.into_any()
        } else {
            view! {
                <DataTable id="table-financements" caption="Financements" headers=&["Année", "Source", "Places financées", "Montant", "État"]>
                    {items.into_iter().map(|f| view! {
                        <tr>
                            <td><a href=format!("/offre/financements/{}", f.id)>{f.annee}</a></td>
                            <td>{f.source_label.clone().unwrap_or(f.source_code.clone())}</td>
                            <td>{f.places_financees}</td>
                            <td>{f.montant_centimes.map(display_montant)}</td>
                            <td>{if f.actif { "Actif" } else { "Désactivé" }}</td>
                        </tr>
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
        {with_layout(move |info| {
            let sources = sources.clone();
            (allowed(&info, Object::Financement, Action::Creer) && !sources.is_empty()).then(|| view! {
                <h3 class="fr-h5 fr-mt-4w">"Ajouter un financement"</h3>
                <CreateFinancementForm dispositif_id sources annee=current_year() />
            })
        })}
    }
}

/// This year, as the server knows it (the islands carry no date code).
fn current_year() -> String {
    #[cfg(feature = "ssr")]
    {
        use chrono::Datelike;
        chrono::Utc::now().year().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

#[component]
fn FinancementFields(
    sources: Vec<(String, String)>,
    initial: FinancementForm,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <input type="hidden" name="form[dispositif_id]" value=initial.dispositif_id.clone() />
        <SelectField label="Source *" name="form[source_code]" options=sources selected=Some(initial.source_code.clone()) error />
        <Field label="Année *" name="form[annee]" kind="number" value=initial.annee.clone() error />
        <Field label="Places financées *" name="form[places_financees]" kind="number" value=initial.places_financees.clone() error />
        <Field label="Montant (euros)" hint="Ex. 125 000" name="form[montant]" required=false value=initial.montant.clone() error />
    }
}

/// In the one form island (`PostForm`): errors next to their fields, the page read again on success.
#[component]
fn CreateFinancementForm(dispositif_id: Uuid, sources: Vec<(String, String)>, annee: String) -> impl IntoView {
    let initial = FinancementForm { dispositif_id: dispositif_id.to_string(), annee, ..Default::default() };
    view! {
        <PostForm path={path_of::<CreateFinancement>()} id="form-financement".to_string() submit="Ajouter le financement".to_string() button_class="fr-btn fr-mt-2w".to_string()>
            <FinancementFields sources initial error=Signal::stored(None) />
        </PostForm>
    }
}

#[component]
fn EditFinancementForm(item: FinancementItem, sources: Vec<(String, String)>) -> impl IntoView {
    view! {
        <PostForm path={path_of::<UpdateFinancement>()} id="form-financement".to_string() submit="Enregistrer".to_string() button_class="fr-btn fr-mt-2w".to_string()>
            <input type="hidden" name="id" value=item.id.to_string() />
            <input type="hidden" name="version" value=item.version />
            <FinancementFields sources initial=item.form() error=Signal::stored(None) />
        </PostForm>
    }
}

#[component]
fn DeactivateFinancementForm(id: Uuid, version: i32) -> impl IntoView {
    let fields = fields(&[("id", id.to_string()), ("version", version.to_string())]);
    view! { <ActionButton path={path_of::<DeactivateFinancement>()} fields label="Désactiver ce financement".to_string() /> }
}

#[component]
pub fn FinancementPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let data = Resource::new(id, |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let (detail, lines) = get_financement(id).await?;
        Ok::<_, AppError>((detail, lines, financement_sources().await?))
    });
    view! {
        <Title text="Financement" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(detail, lines, sources)| {
                let FinancementDetail { item, dispositif_nom } = detail;
                let title = format!("{} {}", item.source_label.clone().unwrap_or(item.source_code.clone()), item.annee);
                view! {
                    <Breadcrumb levels=vec![
                        ("Dispositifs".into(), "/offre/dispositifs".into()),
                        (dispositif_nom.clone(), format!("/offre/dispositifs/{}", item.dispositif_id)),
                    ] current=title.clone() />
                    <h1>{format!("Financement {title}")}</h1>
                    <Tabs label="Fiche du financement" panels=vec![
                        ("informations", "Informations", view! { <FinancementInformations item sources /> }.into_any()),
                        ("historique", "Historique", view! { <HistoryTable lines /> }.into_any()),
                    ] />
                }
            })}
        </div>
    }
}

#[component]
fn FinancementInformations(item: FinancementItem, sources: Vec<(String, String)>) -> impl IntoView {
    with_layout(move |info| {
        let profile = info.user.as_ref().map(|u| u.profile);
        let own_source = profile.is_some_and(|p| records_source(p, &item.source_code));
        let edits = item.actif && own_source && allowed(&info, Object::Financement, Action::Modifier);
        let deactivates = item.actif && own_source && allowed(&info, Object::Financement, Action::Supprimer);
        let rows = vec![
            ("Source", item.source_label.clone().unwrap_or(item.source_code.clone())),
            ("Année", item.annee.to_string()),
            ("Places financées", item.places_financees.to_string()),
            ("Montant", item.montant_centimes.map(display_montant).unwrap_or_default()),
            ("État", if item.actif { "Actif".into() } else { "Désactivé".into() }),
        ];
        let (item, sources) = (item.clone(), sources.clone());
        view! {
            <Summary rows />
            {deactivates.then(|| view! { <DeactivateFinancementForm id=item.id version=item.version /> })}
            {edits.then(|| view! { <h2 class="fr-h4 fr-mt-4w">"Modifier"</h2><EditFinancementForm item sources /> })}
        }
    })
}
