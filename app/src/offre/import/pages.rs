//! The import screen: the template to download, the file to check then import (an island: the report
//! shows in place), the history of the imports.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{FormData, HtmlFormElement, SubmitEvent};
use leptos_meta::Title;

use super::model::{Counts, ImportReport};
use super::server::{import_departements, import_offre_file, list_imports};
use crate::error::AppError;
use crate::offre::ui::OffreTabs;
use crate::ui::errors::loaded;
use crate::ui::format::date_time;
use crate::ui::list::DataTable;

#[component]
pub fn ImportPage() -> impl IntoView {
    let data =
        Resource::new(|| (), |_| async { Ok::<_, AppError>((import_departements().await?, list_imports().await?)) });
    view! {
        <Title text="Import de l'offre" />
        <div class="fr-container fr-my-6w">
            <h1>"Import de l'offre (Temps 1)"</h1>
            <OffreTabs current="/offre/import" />
            <p>"Un fichier complet par département : entités, dispositifs et financements. Un nouveau fichier remplace ce que le précédent import du département a créé, jamais ce qui a été saisi à l'écran."</p>
            <form method="post" action="/api/offre/import/modele" class="fr-mb-4w">
                <button class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" type="submit">"Télécharger le modèle (xlsx)"</button>
            </form>
            {loaded(data, |(departements, imports)| view! {
                <h2 class="fr-h4">"Envoyer un fichier"</h2>
                <ImportForm departements />
                <h2 class="fr-h4 fr-mt-6w">"Imports précédents"</h2>
                {if imports.is_empty() {
                    view! { <p>"Aucun import."</p> }.into_any()
                } else {
                    view! {
                        <DataTable id="table-imports" caption="Imports précédents" headers=&["Date", "Département", "Fichier", "Auteur", "Créés", "Remplacés"]>
                            {imports.into_iter().map(|i| view! {
                                <tr>
                                    <td>{date_time(i.at)}</td>
                                    <td>{i.departement_code}</td>
                                    <td>{i.fichier}</td>
                                    <td>{i.auteur}</td>
                                    <td>{counts(i.counts)}</td>
                                    <td>{counts(i.replaced)}</td>
                                </tr>
                            }).collect_view()}
                        </DataTable>
                    }.into_any()
                }}
            })}
        </div>
    }
}

fn counts(c: Counts) -> String {
    format!("{} entité(s), {} dispositif(s), {} financement(s)", c.entites, c.dispositifs, c.financements)
}

/// The upload form: "Vérifier" runs the checks only, "Importer" commits a valid file.
#[island]
fn ImportForm(departements: Vec<(String, String)>) -> impl IntoView {
    let send = Action::new_local(|data: &FormData| import_offre_file(data.clone().into()));
    let mode = RwSignal::new("verifier");
    let single = departements.len() == 1;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let Ok(data) = FormData::new_with_form(&form) else { return };
        let _ = data.append_with_str("mode", mode.get_untracked());
        send.dispatch_local(data);
    };
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "");
        }
    });
    view! {
        <form id="form-import" on:submit=on_submit enctype="multipart/form-data">
            <div class="fr-select-group">
                <label class="fr-label" for="champ-departement">"Département du fichier *"</label>
                <select class="fr-select" id="champ-departement" name="departement" required>
                    {(!single).then(|| view! { <option value="">"—"</option> })}
                    {departements.into_iter().map(|(code, nom)| view! { <option value=code.clone()>{format!("{code} – {nom}")}</option> }).collect_view()}
                </select>
            </div>
            <div class="fr-upload-group fr-mb-3w">
                <label class="fr-label" for="champ-fichier">"Fichier *"<span class="fr-hint-text">"Classeur xlsx ou ods de 2 Mo au plus, établi à partir du modèle."</span></label>
                <input class="fr-upload" type="file" id="champ-fichier" name="fichier" accept=".xlsx,.ods" required />
            </div>
            <ul class="fr-btns-group fr-btns-group--inline">
                <li><button class="fr-btn fr-btn--secondary" type="submit" on:click=move |_| mode.set("verifier") disabled=move || send.pending().get()>"Vérifier le fichier"</button></li>
                <li><button class="fr-btn" type="submit" on:click=move |_| mode.set("importer") disabled=move || send.pending().get()>"Importer"</button></li>
            </ul>
        </form>
        <div aria-live="polite">
            {move || send.pending().get().then(|| view! { <p>"Lecture du fichier…"</p> })}
            {move || send.value().get().map(|result| match result {
                Ok(report) => view! { <Report report /> }.into_any(),
                Err(e) => view! { <div class="fr-alert fr-alert--error fr-alert--sm fr-mt-3w" role="alert"><p>{e.field_message("fichier").or(e.field_message("departement")).unwrap_or(e.to_string())}</p></div> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Report(report: ImportReport) -> impl IntoView {
    let ImportReport { fichier, departement, applied, issues, created, replaced } = report;
    let replaces =
        (replaced != Counts::default()).then(|| format!(" Il remplace l'import précédent : {}.", counts(replaced)));
    if !issues.is_empty() {
        let n = issues.len();
        return view! {
            <div class="fr-alert fr-alert--error fr-mt-3w" id="rapport-import">
                <h3 class="fr-alert__title">{format!("{n} erreur(s) dans « {fichier} » : rien n'a été importé")}</h3>
                <p>"Corrigez le fichier et envoyez-le de nouveau."</p>
            </div>
            <DataTable id="table-erreurs" caption=format!("Erreurs du fichier ({n})") headers=&["Feuille", "Ligne", "Colonne", "Erreur"]>
                {issues.into_iter().map(|i| view! {
                    <tr>
                        <td>{if i.sheet.is_empty() { "Fichier".to_string() } else { i.sheet }}</td>
                        <td>{i.row.map(|r| r.to_string())}</td>
                        <td>{i.column}</td>
                        <td>{i.message}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
        }
        .into_any();
    }
    if applied {
        view! {
            <div class="fr-alert fr-alert--success fr-mt-3w" id="rapport-import" role="status">
                <h3 class="fr-alert__title">{format!("« {fichier} » est importé")}</h3>
                <p>{format!("Créés : {}.{}", counts(created), replaces.unwrap_or_default())}</p>
                <p><a href=format!("/offre/entites?departement={departement}")>"Voir les entités du département"</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="fr-alert fr-alert--info fr-mt-3w" id="rapport-import" role="status">
                <h3 class="fr-alert__title">{format!("« {fichier} » ne contient pas d'erreur")}</h3>
                <p>{format!("L'import créerait {}.{} Cliquez sur « Importer » pour l'enregistrer.", counts(created), replaces.unwrap_or_default())}</p>
            </div>
        }
        .into_any()
    }
}
