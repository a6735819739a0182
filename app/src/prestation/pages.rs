//! Screens of the prestations: the section of the fiche's Demandes tab (the ménage's prestations, the form
//! to ask one) and `/prestations` (those addressed to the reader's dispositifs, or the territory's).

use leptos::prelude::*;
use leptos_meta::Title;
use uuid::Uuid;

use super::model::{Etape, PrestationOptions, PrestationView};
use super::server::{
    list_prestations, list_prestations_menage, prestation_form_options, CancelPrestation, CreatePrestation,
    StepPrestation,
};
use crate::rights::model::{Action, Object};
use crate::ui::button::{fields, path_of, ActionButton};
use crate::ui::errors::loaded;
use crate::ui::form::{FreeInput, FreeSelect, FreeTextArea};
use crate::ui::format::date_time;
use crate::ui::layout::{allowed, with_layout};
use crate::ui::list::DataTable;
use crate::ui::post_form::PostForm;

/// The ménage's prestations and the form to ask one (in the fiche's Demandes tab).
#[component]
pub fn PrestationsSection(menage_id: Uuid) -> impl IntoView {
    let data = Resource::new(
        move || menage_id,
        |id| async move {
            Ok::<_, crate::error::AppError>((
                list_prestations_menage(id).await?,
                prestation_form_options(id).await.ok(),
            ))
        },
    );
    view! {
        <h2 class="fr-mt-6w">"Prestations"</h2>
        {loaded(data, move |(list, options)| view! {
            {list.is_empty().then(|| view! { <p id="aucune-prestation">"Aucune prestation pour ce ménage."</p> })}
            {(!list.is_empty()).then(|| view! { <PrestationsTable id="table-prestations" list=list.clone() options=options.clone().unwrap_or_default() /> })}
            {options.map(|o| view! { <NewPrestation menage_id options=o /> })}
        })}
    }
}

#[component]
fn NewPrestation(menage_id: Uuid, options: PrestationOptions) -> impl IntoView {
    with_layout(move |info| {
        let options = options.clone();
        allowed(&info, Object::Prestation, Action::Creer).then(|| view! {
            <details class="fr-mb-4w" id="nouvelle-prestation">
                <summary class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left">"Demander une prestation"</summary>
                <PostForm path={path_of::<CreatePrestation>()} id="form-prestation".to_string() prefix="prestation-".to_string() submit="Envoyer la demande".to_string()>
                    <input type="hidden" name="menage_id" value=menage_id.to_string() />
                    <FreeSelect id="prestation-champ-type_code".to_string() name="form[type_code]".to_string() field="type_code".to_string() label="Prestation *" options=options.types.clone() />
                    <FreeSelect id="prestation-champ-dispositif_id".to_string() name="form[dispositif_id]".to_string() field="dispositif_id".to_string() label="Dispositif sollicité *" hint="Maraudes, accueils de jour, haltes de nuit, accompagnement du département" options=options.dispositifs.clone() />
                    <FreeTextArea id="prestation-champ-besoin".to_string() name="form[besoin]".to_string() field="besoin".to_string() label="Besoin, lieu et moment où trouver la personne" hint="Sans information médicale" rows=3 />
                </PostForm>
            </details>
        })
    })
}

/// One line per prestation, with the steps the reader may take.
#[component]
fn PrestationsTable(id: &'static str, list: Vec<PrestationView>, options: PrestationOptions) -> impl IntoView {
    view! {
        <DataTable id caption="Prestations" headers=&["Prestation", "Ménage", "Dispositif sollicité", "État", "Besoin", "Demandée par", "Suite"]>
            {list.into_iter().map(|p| {
                let status = format!("fr-badge fr-badge--sm {}", p.statut.badge());
                view! {
                    <tr>
                        <td>{format!("PRESTATION {} — {}", p.numero, p.type_label)}</td>
                        <td><a href=format!("/menages/{}?onglet=demandes", p.menage_id)>{format!("MÉNAGE {}", p.menage_numero)}</a>" "{p.demandeur.clone()}</td>
                        <td>{p.dispositif.clone()}</td>
                        <td><p class=status>{p.statut.label()}</p></td>
                        <td>{p.besoin.clone()}</td>
                        <td>{format!("{}, {}", p.auteur, date_time(p.created_at))}</td>
                        <td>
                            {p.prise_en_charge_par.clone().map(|u| view! { <p class="fr-text--sm">{format!("Prise en charge par {u}")}</p> })}
                            {p.realisee_le.map(|d| view! { <p class="fr-text--sm">{format!("Réalisée le {}", d.format("%d/%m/%Y"))}</p> })}
                            {p.compte_rendu.clone().map(|c| view! { <p class="fr-text--sm">{c}</p> })}
                            {p.motif_fin.clone().map(|m| view! { <p class="fr-text--sm">{m}</p> })}
                            <Steps p=p.clone() options=options.clone() />
                        </td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
    }
}

#[component]
fn Steps(p: PrestationView, options: PrestationOptions) -> impl IntoView {
    let idv = fields(&[("id", p.id.to_string()), ("version", p.version.to_string())]);
    let n = p.numero;
    let take = p.equipe && p.allows(Etape::Prendre);
    let close = p.equipe && p.allows(Etape::Realiser);
    let fail = p.equipe && p.allows(Etape::NonRealisee);
    let cancel = p.annulable && p.allows(Etape::Annuler);
    let (id, v) = (p.id.to_string(), p.version);
    let (id2, id3) = (id.clone(), id.clone());
    let (motifs, motifs2) = (options.motifs.clone(), options.motifs);
    view! {
        {take.then(|| view! {
            <ActionButton path={path_of::<StepPrestation>()} fields={let mut f = idv.clone(); f.push(("etape".into(), "prendre".into())); f} label="Prendre en charge".to_string() class="fr-btn fr-btn--sm".to_string() />
        })}
        {close.then(|| view! {
            <details id=format!("realiser-{n}")>
                <summary>"Réalisée"</summary>
                <PostForm path={path_of::<StepPrestation>()} id=format!("form-realiser-{n}") prefix=format!("realiser-{n}-") submit="Enregistrer".to_string()>
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="version" value=v />
                    <input type="hidden" name="etape" value="realiser" />
                    <FreeInput id=format!("realiser-{n}-champ-date") name="date".to_string() field="date".to_string() label="Date" hint="Aujourd'hui si vide" kind="date" />
                    <FreeTextArea id=format!("realiser-{n}-champ-compte_rendu") name="compte_rendu".to_string() field="compte_rendu".to_string() label="Ce qui a été fait" rows=2 />
                </PostForm>
            </details>
        })}
        {fail.then(|| view! {
            <details id=format!("non-realisee-{n}")>
                <summary>"Non réalisée"</summary>
                <PostForm path={path_of::<StepPrestation>()} id=format!("form-non-realisee-{n}") prefix=format!("non-realisee-{n}-") submit="Enregistrer".to_string()>
                    <input type="hidden" name="id" value=id2.clone() />
                    <input type="hidden" name="version" value=v />
                    <input type="hidden" name="etape" value="non_realisee" />
                    <FreeSelect id=format!("non-realisee-{n}-champ-motif") name="motif".to_string() field="motif".to_string() label="Motif *" options=motifs.clone() />
                </PostForm>
            </details>
        })}
        {cancel.then(|| view! {
            <details id=format!("annuler-prestation-{n}")>
                <summary>"Annuler"</summary>
                <PostForm path={path_of::<CancelPrestation>()} id=format!("form-annuler-prestation-{n}") prefix=format!("annuler-prestation-{n}-") submit="Annuler la prestation".to_string() button_class="fr-btn fr-btn--tertiary fr-btn--sm".to_string()>
                    <input type="hidden" name="id" value=id3.clone() />
                    <input type="hidden" name="version" value=v />
                    <FreeSelect id=format!("annuler-prestation-{n}-champ-motif") name="motif".to_string() field="motif".to_string() label="Motif *" options=motifs2.clone() />
                </PostForm>
            </details>
        })}
    }
}

/// `/prestations`: the open prestations addressed to the reader's dispositifs (or asked by them); the
/// territory's for the SIAO.
#[component]
pub fn PrestationsPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async move {
            let list = list_prestations().await?;
            // The motifs of non-réalisation: the référentiel is the same for every ménage.
            let options = match list.first() {
                Some(p) => prestation_form_options(p.menage_id).await.unwrap_or_default(),
                None => PrestationOptions::default(),
            };
            Ok::<_, crate::error::AppError>((list, options))
        },
    );
    view! {
        <Title text="Prestations" />
        <div class="fr-container fr-my-6w">
            <h1>"Prestations en cours"</h1>
            {loaded(data, move |(list, options)| match list.is_empty() {
                true => view! { <p id="aucune-prestation">"Aucune prestation en cours."</p> }.into_any(),
                false => view! { <PrestationsTable id="table-prestations" list options /> }.into_any(),
            })}
        </div>
    }
}
