//! The "Historique" tab: one block per save, its changed fields before and after.

use leptos::prelude::*;

use super::model::HistoryLine;
use crate::ui::format::date_time;
use crate::ui::list::TableFrame;

#[component]
pub fn HistoryTable(lines: Vec<HistoryLine>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p>"Aucune modification enregistrée."</p> }.into_any();
    }
    view! {
        <TableFrame id="historique" class="fr-table--no-caption" caption="Historique des modifications">
                    <thead><tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Auteur"</th>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Champ"</th>
                        <th scope="col">"Avant"</th>
                        <th scope="col">"Après"</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().flat_map(|line| {
                            let head = (date_time(line.at), line.author.unwrap_or_else(|| "Système".into()), line.action);
                            let mut rows: Vec<_> = line.changes.into_iter().map(|c| (c.label, c.before, c.after)).collect();
                            if rows.is_empty() {
                                rows.push((line.comment.clone().unwrap_or_default(), None, None));
                            } else if let Some(comment) = line.comment {
                                rows.push(("Motif".into(), None, Some(comment)));
                            }
                            rows.into_iter().map(move |(label, before, after)| view! {
                                <tr>
                                    <td>{head.0.clone()}</td>
                                    <td>{head.1.clone()}</td>
                                    <td>{head.2.clone()}</td>
                                    <td>{label}</td>
                                    <td>{before.unwrap_or_default()}</td>
                                    <td>{after.unwrap_or_default()}</td>
                                </tr>
                            })
                        }).collect_view()}
                    </tbody>
        </TableFrame>
    }
    .into_any()
}
