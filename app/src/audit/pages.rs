//! "Journal d'audit": filterable list of the journal (GET form: works without JavaScript).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::model::{AuditFilter, Outcome};
use super::server::list_audit;
use crate::ui::errors::loaded;
use crate::ui::format::date_time;
use crate::ui::list::{DataTable, FilterForm, FilterSelect, FilterText};

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
            <FilterForm action="/journal">
                <FilterText label="Utilisateur (adresse)" name="email" value=Signal::derive(move || filter().email) />
                <FilterText label="Action" name="action" value=Signal::derive(move || filter().action) width=3 />
                <FilterSelect
                    label="Résultat"
                    name="resultat"
                    any="Tous"
                    options=Outcome::ALL.map(|o| (o.code(), o.label())).to_vec()
                    selected=Signal::derive(move || filter().outcome)
                />
            </FilterForm>
            {loaded(lines, move |lines| {
                            let next = lines.last().map(|l| l.id);
                            let full = lines.len() as i64 == super::model::PAGE_SIZE;
                            view! {
                                <DataTable
                                    id="table-journal"
                                    caption="Événements, du plus récent au plus ancien"
                                    headers=&["Date", "Utilisateur", "Action", "Objet", "Résultat", "Détail"]
                                >
                                    {lines.into_iter().map(|l| view! {
                                        <tr>
                                            <td>{date_time(l.at)}</td>
                                            <td>{l.user_email.unwrap_or_default()}</td>
                                            <td>{l.action}</td>
                                            <td>{l.object}{l.object_id.map(|i| format!(" {i}"))}</td>
                                            <td>{Outcome::from_code(&l.outcome).map(|o| o.label())}</td>
                                            <td>{l.detail.unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </DataTable>
                                {next.filter(|_| full).map(|id| {
                                    let f = filter();
                                    let mut href = format!("/journal?avant={id}");
                                    for (key, value) in [("email", f.email), ("action", f.action), ("resultat", f.outcome)] {
                                        if let Some(v) = value {
                                            href.push_str(&format!("&{key}={}", crate::url::urlencode(&v)));
                                        }
                                    }
                                    view! { <a class="fr-link" href=href>"Événements plus anciens"</a> }
                                })}
                            }.into_any()
                        })}
        </div>
    }
}
