//! "Journal d'audit": filterable list of the journal (GET form: works without JavaScript).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::model::{AuditFilter, Outcome};
use super::server::list_audit;
use crate::ui::errors::ErrorPage;
use crate::ui::format::date_time;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
        AuditFilter {
            email: get("email"),
            action: get("action"),
            outcome: get("resultat"),
            before_id: get("avant").and_then(|v| v.parse().ok()),
        }
    };
    let lines = Resource::new(filter, list_audit);
    view! {
        <Title text="Journal d'audit" />
        <div class="fr-container fr-my-6w">
            <h1>"Journal d'audit"</h1>
            <form method="get" action="/journal" class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w">
                <div class="fr-col-12 fr-col-md-4 fr-input-group">
                    <label class="fr-label" for="filtre-email">"Utilisateur (adresse)"</label>
                    <input class="fr-input" id="filtre-email" name="email" value=move || filter().email />
                </div>
                <div class="fr-col-12 fr-col-md-3 fr-input-group">
                    <label class="fr-label" for="filtre-action">"Action"</label>
                    <input class="fr-input" id="filtre-action" name="action" value=move || filter().action />
                </div>
                <div class="fr-col-12 fr-col-md-3 fr-select-group">
                    <label class="fr-label" for="filtre-resultat">"Résultat"</label>
                    <select class="fr-select" id="filtre-resultat" name="resultat">
                        <option value="">"Tous"</option>
                        {["succes", "refus", "echec"].map(|code| view! {
                            <option value=code selected=move || filter().outcome.as_deref() == Some(code)>
                                {Outcome::label(code)}
                            </option>
                        })}
                    </select>
                </div>
                <div class="fr-col-12 fr-col-md-2">
                    <button class="fr-btn" type="submit">"Filtrer"</button>
                </div>
            </form>
            <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    match lines.await {
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                        Ok(lines) => {
                            let next = lines.last().map(|l| l.id);
                            let full = lines.len() as i64 == super::model::PAGE_SIZE;
                            view! {
                                <div class="fr-table" id="table-journal">
                                    <table>
                                        <caption>"Événements, du plus récent au plus ancien"</caption>
                                        <thead><tr>
                                            <th scope="col">"Date"</th>
                                            <th scope="col">"Utilisateur"</th>
                                            <th scope="col">"Action"</th>
                                            <th scope="col">"Objet"</th>
                                            <th scope="col">"Résultat"</th>
                                            <th scope="col">"Détail"</th>
                                        </tr></thead>
                                        <tbody>
                                            {lines.into_iter().map(|l| view! {
                                                <tr>
                                                    <td>{date_time(l.at)}</td>
                                                    <td>{l.user_email.unwrap_or_default()}</td>
                                                    <td>{l.action}</td>
                                                    <td>{l.object}{l.object_id.map(|i| format!(" {i}"))}</td>
                                                    <td>{Outcome::label(&l.outcome)}</td>
                                                    <td>{l.detail.unwrap_or_default()}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {next.filter(|_| full).map(|id| {
                                    let f = filter();
                                    let mut href = format!("/journal?avant={id}");
                                    for (key, value) in [("email", f.email), ("action", f.action), ("resultat", f.outcome)] {
                                        if let Some(v) = value {
                                            href.push_str(&format!("&{key}={}", crate::ui::errors::urlencode(&v)));
                                        }
                                    }
                                    view! { <a class="fr-link" href=href>"Événements plus anciens"</a> }
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
