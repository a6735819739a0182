//! Screens of the Offre module that span its objects: the validation work queue.

use leptos::prelude::*;
use leptos_meta::Title;

use super::dispositifs::server::dispositifs_to_validate;
use super::entites::server::entites_to_validate;
use super::ui::{statut_badge, OffreTabs};
use crate::ui::errors::loaded;
use crate::ui::list::DataTable;

/// "À valider": what waits for this administrator's step in the validation circuit.
#[component]
pub fn ValidationPage() -> impl IntoView {
    let entites = Resource::new(|| (), |_| entites_to_validate());
    let dispositifs = Resource::new(|| (), |_| dispositifs_to_validate());
    view! {
        <Title text="À valider" />
        <div class="fr-container fr-my-6w">
            <h1>"À valider"</h1>
            <OffreTabs current="/offre/validation" />
            <p>"Ce qui attend votre étape : pré-validation (SIAO), validation ou renvoi (département)."</p>
            <h2>"Entités"</h2>
            {loaded(entites, |items| if items.is_empty() {
                view! { <p id="file-vide">"Aucune entité n'attend votre validation."</p> }.into_any()
            } else {
                view! {
                    <DataTable id="table-a-valider" caption=format!("{} entité(s) à traiter", items.len()) headers=&["Entité", "SIREN", "Département", "Statut"]>
                        {items.into_iter().map(|e| view! {
                            <tr>
                                <td><a href=format!("/offre/entites/{}", e.id)>{e.nom}</a></td>
                                <td>{e.siren}</td>
                                <td>{e.departement_code}</td>
                                <td>{statut_badge(&e.statut)}</td>
                            </tr>
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            })}
            <h2 class="fr-mt-4w">"Dispositifs"</h2>
            {loaded(dispositifs, |items| if items.is_empty() {
                view! { <p>"Aucun dispositif n'attend votre validation."</p> }.into_any()
            } else {
                view! {
                    <DataTable id="table-dispositifs-a-valider" caption=format!("{} dispositif(s) à traiter", items.len()) headers=&["Dispositif", "Entité", "Département", "Statut"]>
                        {items.into_iter().map(|d| view! {
                            <tr>
                                <td><a href=format!("/offre/dispositifs/{}", d.id)>{d.nom}</a></td>
                                <td>{d.entite_nom}</td>
                                <td>{d.departement_code}</td>
                                <td>{statut_badge(&d.statut)}</td>
                            </tr>
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            })}
        </div>
    }
}
