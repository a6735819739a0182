//! Screens of the dispositifs: list with filters and pages, creation in an entité, detail with its
//! tabs (informations, historique), edition and the validation circuit.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::model::{DispositifDetail, DispositifFilter, DispositifForm, DispositifOptions, PREMIER_ACCUEIL};
use super::server::{
    dispositif_form_options, get_dispositif, list_dispositifs, CreateDispositif, MoveDispositif, SetDispositifActive,
    UpdateDispositif,
};
use crate::error::AppError;
use crate::fields::telephone::Telephone;
use crate::history::pages::HistoryTable;
use crate::offre::entites::model::PAGE_SIZE;
use crate::offre::financements::pages::FinancementsOfDispositif;
use crate::offre::financements::server::{financement_sources, list_financements};
use crate::offre::groupes::pages::GroupesOfDispositif;
use crate::offre::groupes::server::list_groupes;
use crate::offre::lifecycle::{Statut, Transition};
use crate::offre::ui::{inactive_badge, statut_badge, Activation, CircuitForm, OffreTabs};
use crate::rights::model::{Action, Object, Profile};
use crate::ui::button::path_of;
use crate::ui::detail::{Breadcrumb, Summary, Tabs};
use crate::ui::errors::loaded;
use crate::ui::form::{action_error, ErrorAlert, Field, SuccessAlert};
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::{DataTable, FilterForm, FilterSelect, FilterText, Pagination};
use crate::ui::server::get_layout_info;

#[component]
pub fn DispositifsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        DispositifFilter {
            q: q.get("q"),
            departement: q.get("departement"),
            nature: None,
            statut: q.get("statut"),
            p177: q.get("p177"),
            page: q.get("page").and_then(|p| p.parse().ok()),
        }
    };
    let page = Resource::new(filter, list_dispositifs);
    let statuts: Vec<(&'static str, &'static str)> = Statut::ALL.iter().map(|s| (s.code(), s.label())).collect();
    view! {
        <Title text="Dispositifs" />
        <div class="fr-container fr-my-6w">
            <h1>"Dispositifs"</h1>
            <OffreTabs current="/offre/dispositifs" />
            <FilterForm action="/offre/dispositifs">
                <FilterText label="Nom du dispositif ou de l'entité" name="q" width=3 value=Signal::derive(move || filter().q) />
                <FilterText label="Département" name="departement" width=2 value=Signal::derive(move || filter().departement) />
                <FilterSelect label="Statut" name="statut" any="Tous" width=2 options=statuts selected=Signal::derive(move || filter().statut) />
                <FilterSelect label="Financement P177" name="p177" any="Tous" width=2 options=vec![("oui", "Financés P177"), ("non", "Non financés P177")] selected=Signal::derive(move || filter().p177) />
            </FilterForm>
            {loaded(page, move |(items, total)| view! {
                <DataTable id="table-dispositifs" caption=format!("{total} dispositif(s)") headers=&["Dispositif", "Entité", "Département", "Type", "P177", "Statut"]>
                    {items.into_iter().map(|d| view! {
                        <tr>
                            <td><a href=format!("/offre/dispositifs/{}", d.id)>{d.nom}</a></td>
                            <td>{d.entite_nom}</td>
                            <td>{d.departement_code}</td>
                            <td>{d.type_label}</td>
                            <td>{if d.finance_p177 { "Oui" } else { "Non" }}</td>
                            <td>{statut_badge(&d.statut)}</td>
                        </tr>
                    }).collect_view()}
                </DataTable>
                <Pagination total page_size=PAGE_SIZE current=filter().page.unwrap_or(1) />
            })}
        </div>
    }
}

#[component]
pub fn NewDispositifPage() -> impl IntoView {
    let entite = use_query_map().read_untracked().get("entite").unwrap_or_default();
    let options = Resource::new(|| (), |_| dispositif_form_options());
    view! {
        <Title text="Créer un dispositif" />
        <div class="fr-container fr-my-6w">
            <h1>"Créer un dispositif"</h1>
            <p>"Le département crée les dispositifs financés par le programme 177 (validés d'emblée) ; le SIAO crée les autres, qu'il pré-valide avant la validation départementale."</p>
            {loaded(options, move |options| {
                let initial = DispositifForm { entite_id: entite.clone(), ..Default::default() };
                view! { <CreateDispositifForm options initial /> }
            })}
        </div>
    }
}

/// The fields of a dispositif: the types follow the nature, the départements follow the entité.
#[component]
fn DispositifFields(
    options: DispositifOptions,
    initial: DispositifForm,
    error: Signal<Option<AppError>>,
    contact_only: bool,
    new: bool,
) -> impl IntoView {
    let entite = RwSignal::new(initial.entite_id.clone());
    let nature = RwSignal::new(initial.nature_code.clone());
    let message = move |field: &'static str| move || error.get().and_then(|e| e.field_message(field));
    let entites = options.entites.clone();
    let departements = move || {
        entites.iter().find(|(id, _, _)| id.to_string() == entite.get()).map(|(_, _, d)| d.clone()).unwrap_or_default()
    };
    let types = options.types.clone();
    let select = |id: &'static str, label: &'static str| view! { <label class="fr-label" for=id>{label}</label> };
    view! {
        <fieldset class="fr-fieldset" disabled=contact_only>
            <legend class="fr-fieldset__legend">"Identification"</legend>
            <div class="fr-fieldset__element fr-select-group">
                {select("champ-entite_id", "Entité gestionnaire *")}
                <select class="fr-select" id="champ-entite_id" name="form[entite_id]" disabled=!new on:change=move |ev| entite.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {options.entites.iter().map(|(id, nom, _)| view! {
                        <option value=id.to_string() selected=initial.entite_id == id.to_string()>{nom.clone()}</option>
                    }).collect_view()}
                </select>
                <p class="fr-error-text" hidden=move || message("entite_id")().is_none()>{message("entite_id")}</p>
            </div>
            <div class="fr-fieldset__element"><Field label="Nom du dispositif *" name="form[nom]" value=initial.nom.clone() error /></div>
            <div class="fr-fieldset__element fr-select-group">
                {select("champ-departement_code", "Département *")}
                <select class="fr-select" id="champ-departement_code" name="form[departement_code]">
                    {move || departements().into_iter().map(|d| view! {
                        <option value=d.clone() selected=initial.departement_code == d>{d.clone()}</option>
                    }).collect_view()}
                </select>
                <p class="fr-error-text" hidden=move || message("departement_code")().is_none()>{message("departement_code")}</p>
            </div>
            <div class="fr-fieldset__element fr-select-group">
                {select("champ-nature_code", "Nature *")}
                <select class="fr-select" id="champ-nature_code" name="form[nature_code]" on:change=move |ev| nature.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {options.natures.iter().map(|(c, l)| view! { <option value=c.clone() selected=initial.nature_code == *c>{l.clone()}</option> }).collect_view()}
                </select>
                <p class="fr-error-text" hidden=move || message("nature_code")().is_none()>{message("nature_code")}</p>
            </div>
            <div class="fr-fieldset__element fr-select-group">
                {select("champ-type_code", "Type *")}
                <select class="fr-select" id="champ-type_code" name="form[type_code]">
                    <option value="">"—"</option>
                    {move || types.iter().filter(|(_, _, n)| *n == nature.get()).map(|(c, l, _)| view! {
                        <option value=c.clone() selected=initial.type_code == *c>{l.clone()}</option>
                    }).collect_view()}
                </select>
                <p class="fr-error-text" hidden=move || message("type_code")().is_none()>{message("type_code")}</p>
            </div>
            <div class="fr-fieldset__element">
                <div class="fr-checkbox-group">
                    <input type="checkbox" id="champ-finance_p177" name="form[finance_p177]" value="oui" checked=initial.finance_p177 == "oui" />
                    <label class="fr-label" for="champ-finance_p177">"Financé par le programme 177 (BOP 177)"</label>
                </div>
            </div>
        </fieldset>
        <fieldset class="fr-fieldset" disabled=contact_only id="champ-publics">
            <legend class="fr-fieldset__legend">"Public accueilli"</legend>
            {options.publics.iter().enumerate().map(|(i, (code, label))| {
                let id = format!("champ-public-{i}");
                view! {
                    <div class="fr-fieldset__element fr-fieldset__element--inline">
                        <div class="fr-checkbox-group">
                            <input type="checkbox" id=id.clone() name=format!("form[publics][{i}]") value=code.clone() checked=initial.publics.contains(code) />
                            <label class="fr-label" for=id>{label.clone()}</label>
                        </div>
                    </div>
                }
            }).collect_view()}
            <p class="fr-error-text" hidden=move || message("publics")().is_none()>{message("publics")}</p>
        </fieldset>
        <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">"Coordonnées"</legend>
            <div class="fr-fieldset__element"><Field label="Téléphone" hint="Ex. 02 99 00 00 00" name="form[telephone]" kind="tel" required=false value=Telephone::display(&initial.telephone) error /></div>
            <div class="fr-fieldset__element"><Field label="Adresse électronique" name="form[courriel]" kind="email" required=false value=initial.courriel.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Adresse" name="form[adresse]" required=false value=initial.adresse.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Code postal" name="form[code_postal]" required=false value=initial.code_postal.clone() error /></div>
            <div class="fr-fieldset__element"><Field label="Commune" name="form[commune]" required=false value=initial.commune.clone() error /></div>
        </fieldset>
    }
}

#[island]
fn CreateDispositifForm(options: DispositifOptions, initial: DispositifForm) -> impl IntoView {
    let create = ServerAction::<CreateDispositif>::new();
    let error = action_error(create);
    view! {
        <ErrorAlert error />
        <ActionForm action=create attr:id="form-dispositif">
            <DispositifFields options initial error contact_only=false new=true />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || create.pending().get()>"Créer le dispositif"</button>
        </ActionForm>
    }
}

#[island]
fn EditDispositifForm(detail: DispositifDetail, options: DispositifOptions, contact_only: bool) -> impl IntoView {
    let update = ServerAction::<UpdateDispositif>::new();
    let error = action_error(update);
    let version = Signal::derive(move || update.value().get().and_then(|r| r.ok()).unwrap_or(detail.version));
    let saved = Signal::derive(move || {
        update.value().get().and_then(|r| r.ok()).map(|_| "Modifications enregistrées.".to_string())
    });
    view! {
        <SuccessAlert message=saved />
        <ErrorAlert error />
        <ActionForm action=update attr:id="form-dispositif">
            <input type="hidden" name="id" value=detail.id.to_string() />
            <input type="hidden" name="version" prop:value=move || version.get().to_string() />
            <DispositifFields options initial=detail.form error contact_only new=false />
            <button class="fr-btn fr-mt-3w" type="submit" disabled=move || update.pending().get()>"Enregistrer"</button>
        </ActionForm>
    }
}

#[island]
fn DispositifCircuit(id: Uuid, version: i32, steps: Vec<Transition>) -> impl IntoView {
    let action = ServerAction::<MoveDispositif>::new();
    view! { <CircuitForm action id version steps /> }
}

#[component]
pub fn DispositifPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
    let created = use_query_map().read_untracked().get("cree").is_some();
    let data = Resource::new(id, |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let (detail, lines) = get_dispositif(id).await?;
        let options = dispositif_form_options().await.unwrap_or_default();
        // Profiles that do not see the groupes do not get their tab (nor a refusal in the journal).
        let info = get_layout_info().await?;
        let groupes = match allowed(&info, Object::GroupePlaces, Action::Consulter) {
            true => Some(list_groupes(id).await?),
            false => None,
        };
        let financements = match allowed(&info, Object::Financement, Action::Consulter) {
            true => Some((list_financements(id).await?, financement_sources().await?)),
            false => None,
        };
        Ok::<_, AppError>((detail, lines, options, groupes, financements))
    });
    view! {
        <Title text="Dispositif" />
        <div class="fr-container fr-my-6w">
            {loaded(data, move |(detail, lines, options, groupes, financements)| {
                let takes_places = detail.form.nature_code != PREMIER_ACCUEIL;
                let mut panels = vec![("informations", "Informations", view! { <Informations detail=detail.clone() options /> }.into_any())];
                if let Some(groupes) = groupes {
                    panels.push(("groupes", "Groupes de places", view! { <GroupesOfDispositif dispositif_id=detail.id groupes takes_places /> }.into_any()));
                }
                if let Some((items, sources)) = financements {
                    panels.push(("financements", "Financements", view! { <FinancementsOfDispositif dispositif_id=detail.id items sources /> }.into_any()));
                }
                panels.push(("historique", "Historique", view! { <HistoryTable lines /> }.into_any()));
                view! {
                    <Breadcrumb levels=vec![
                        ("Dispositifs".into(), "/offre/dispositifs".into()),
                        (detail.entite_nom.clone(), format!("/offre/entites/{}", detail.form.entite_id)),
                    ] current=detail.form.nom.clone() />
                    <h1>{detail.form.nom.clone()}</h1>
                    <div class="fr-mb-3w siao-badges">{statut_badge(detail.statut.code())}{inactive_badge(detail.actif)}</div>
                    {created.then(|| view! { <SuccessAlert message=Signal::derive(|| Some("Le dispositif est créé.".to_string())) /> })}
                    {detail.motif_renvoi.clone().filter(|_| detail.statut == Statut::Renvoye).map(|m| view! {
                        <div class="fr-alert fr-alert--warning fr-mb-3w"><h2 class="fr-alert__title">"Renvoyé pour correction"</h2><p>{m}</p></div>
                    })}
                    <Tabs label="Fiche du dispositif" panels />
                }
            })}
        </div>
    }
}

#[component]
fn Informations(detail: DispositifDetail, options: DispositifOptions) -> impl IntoView {
    with_layout(move |info| {
        let profile = info.user.as_ref().map(|u| u.profile);
        let siao_blocked = profile == Some(Profile::AdminSiao) && (detail.p177() || !detail.statut.before_validation());
        let can_edit = allowed(&info, Object::Dispositif, Action::Modifier) && !siao_blocked;
        let steps: Vec<Transition> = match profile {
            Some(Profile::AdminSiao) if detail.p177() => vec![],
            Some(p) => Transition::open(p, detail.statut),
            None => vec![],
        };
        let (detail, options) = (detail.clone(), options.clone());
        let contact_only = profile == Some(Profile::GestionnaireEntite);
        let summary = [
            ("Entité", detail.entite_nom.clone()),
            ("Nature", detail.nature_label.clone().unwrap_or_default()),
            ("Type", detail.type_label.clone().unwrap_or_default()),
            ("Financé P177", if detail.p177() { "Oui".into() } else { "Non".into() }),
            ("Public accueilli", detail.publics_labels.join(", ")),
            ("Responsables", detail.responsables.join(", ")),
        ];
        let deactivates = allowed(&info, Object::Dispositif, Action::Supprimer);
        view! {
            {deactivates.then(|| view! { <Activation path={path_of::<SetDispositifActive>()} id=detail.id version=detail.version actif=detail.actif what="le dispositif" /> })}
            {(!steps.is_empty()).then(|| view! { <DispositifCircuit id=detail.id version=detail.version steps /> })}
            <Summary rows=summary.to_vec() />
            {can_edit.then(|| view! { <EditDispositifForm detail options contact_only /> })}
        }
    })
}
