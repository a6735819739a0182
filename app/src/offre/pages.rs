//! Screens of the Offre module that span its objects: the validation work queue.

use leptos::prelude::*;
use leptos_meta::Title;

use super::entites::pages::{statut_badge, OffreTabs};
use super::entites::server::entites_to_validate;
use crate::ui::errors::loaded;
use crate::ui::list::DataTable;

/// "À valider": what waits for this administrator's step in the validation circuit.
#[component]
pub fn ValidationPage() -> impl IntoView {
    let entites = Resource::new(|| (), |_| entites_to_validate());
    view! {
            <Title text="À valider" />
            <div class="fr-container fr-my-6w">
                <h1>"À valider"</h1>
                <OffreTabs current="/offre/validation" />
                <p>"Les entités qui attendent votre étape : pré-validation (SIAO), validation ou renvoi (département)."</p>
                {loaded(entites, move |data| match data {
    items if items.is_empty() => view! { <p id="file-vide">"Rien n'attend votre validation."</p> }.into_any(),
                            items => view! {
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
                            }.into_any(),
                })}
            </div>
        }
}
