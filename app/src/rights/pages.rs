//! "Matrice des droits": the matrix as a table, generated from the same data the server enforces.

use leptos::prelude::*;

use crate::ui::list::TableFrame;
use leptos_meta::Title;

use super::matrix::{manageable_profiles, MATRIX};
use super::model::{Object, Profile, Scope};
use super::server::matrix_access;
use crate::ui::errors::ErrorPage;

#[component]
pub fn MatrixPage() -> impl IntoView {
    let access = OnceResource::new_blocking(matrix_access());
    view! {
        <Title text="Matrice des droits" />
        <div class="fr-container-fluid fr-px-2w fr-my-4w">
            <Suspense>
                {move || Suspend::new(async move {
                    match access.await {
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                        Ok(()) => view! { <MatrixTable /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn scope_class(scope: Scope) -> &'static str {
    match scope {
        Scope::None => "siao-droit siao-droit--refuse",
        Scope::All => "siao-droit siao-droit--tout",
        _ => "siao-droit siao-droit--perimetre",
    }
}

#[component]
fn MatrixTable() -> impl IntoView {
    let header =
        Profile::ALL.iter().map(|p| view! { <th scope="col" title=p.family_label()>{p.label()}</th> }).collect_view();
    let body = Object::ALL
        .iter()
        .map(|object| {
            let rows = MATRIX.iter().filter(|r| r.object == *object).map(|row| {
                let cells = Profile::ALL
                    .iter()
                    .map(|p| {
                        let cell = row.cell(*p);
                        view! {
                            <td class=scope_class(cell.scope)>
                                {cell.scope.label()}
                                {cell.note.map(|n| view! { <br /><span class="fr-text--xs">{n}</span> })}
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{row.action.label()}</th>
                        {cells}
                    </tr>
                }
            });
            view! {
                <tr class="siao-matrice__objet">
                    <th scope="rowgroup" colspan="11">{object.label()}</th>
                </tr>
                {rows.collect_view()}
            }
        })
        .collect_view();
    let managed = Profile::ALL
        .iter()
        .map(|p| {
            let list = manageable_profiles(*p).iter().map(|m| m.label()).collect::<Vec<_>>();
            view! {
                <tr>
                    <th scope="row">{p.label()}</th>
                    <td>{if list.is_empty() { "Aucun".to_string() } else { list.join(", ") }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>"Matrice des droits"</h1>
        <p class="fr-text--lead">
            "Pour chaque profil, ce que chaque action permet sur chaque objet, et dans quel périmètre. "
            "Ce tableau est la règle appliquée par le serveur à chaque demande."
        </p>
        <TableFrame
            id="matrice-droits"
            class="fr-table--bordered siao-matrice"
            caption="Droits par profil (colonnes), objet et action (lignes)"
        >
            <thead>
                <tr>
                    <th scope="col">"Objet / action"</th>
                    {header}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </TableFrame>
        <h2 class="fr-mt-6w">"Gestion des comptes"</h2>
        <TableFrame
            id="profils-geres"
            caption="Profils dont chaque profil peut créer, modifier et désactiver les comptes (dans son périmètre)"
        >
            <thead><tr><th scope="col">"Profil"</th><th scope="col">"Profils gérés"</th></tr></thead>
            <tbody>{managed}</tbody>
        </TableFrame>
    }
}
