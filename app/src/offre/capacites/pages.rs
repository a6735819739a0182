//! The capacity screen: a server-rendered SVG bar chart and the table that is its text alternative.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::model::{CapaciteFilter, CapaciteRow, Capacites};
use super::server::get_capacites;
use crate::offre::ui::OffreTabs;
use crate::ui::errors::loaded;
use crate::ui::list::{FilterForm, FilterText, TableFrame};

/// Most rows drawn (the table has them all).
const CHART_ROWS: usize = 120;
/// (legend, class of the legend's swatch, colour of the bars)
const SERIES: [(&str, &str, &str); 4] = [
    ("Financées", "siao-swatch--financees", "#000091"),
    ("Occupées", "siao-swatch--occupees", "#6a6af4"),
    ("Immobilisées", "siao-swatch--immobilisees", "#b34000"),
    ("Disponibles", "siao-swatch--disponibles", "#18753c"),
];

#[component]
pub fn CapacitesPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        CapaciteFilter { departement: q.get("departement"), annee: q.get("annee").and_then(|a| a.parse().ok()) }
    };
    let data = Resource::new(filter, get_capacites);
    view! {
        <Title text="Capacités" />
        <div class="fr-container fr-my-6w">
            <h1>"Capacités de l'offre"</h1>
            <OffreTabs current="/offre/capacites" />
            <p>"Places financées (financements actifs de l'année) et places installées (groupes de places actifs ; un groupe éphémère pendant sa période), dont occupées, immobilisées et disponibles."</p>
            <FilterForm action="/offre/capacites">
                <FilterText label="Département" name="departement" width=3 value=Signal::derive(move || filter().departement) />
                <FilterText label="Année des financements" name="annee" width=3 value=Signal::derive(move || filter().annee.map(|a| a.to_string())) />
            </FilterForm>
            {loaded(data, |c: Capacites| view! { <CapacitesView capacites=c /> })}
        </div>
    }
}

#[component]
fn CapacitesView(capacites: Capacites) -> impl IntoView {
    let Capacites { par_departement, annee, rows } = capacites;
    let total = CapaciteRow::total(&rows);
    let what = if par_departement { "Département" } else { "Dispositif" };
    let caption = format!("Capacités {annee} par {} ({} lignes)", what.to_lowercase(), rows.len());
    view! {
        {if rows.is_empty() {
            view! { <p>"Aucune place financée ni installée sur ce périmètre."</p> }.into_any()
        } else {
            view! { <Chart rows=rows.clone() /> }.into_any()
        }}
        <TableFrame id="table-capacites" caption>
            <thead>
                <tr>
                    <th scope="col">{what}</th>
                    <th scope="col">"Financées"</th>
                    <th scope="col">"Installées"</th>
                    <th scope="col">"Occupées"</th>
                    <th scope="col">"Immobilisées"</th>
                    <th scope="col">"Disponibles"</th>
                    <th scope="col">"Installées − financées"</th>
                    <th scope="col">"Taux d'occupation"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| view! { <Row row=r header=false /> }).collect_view()}
                <Row row=total header=true />
            </tbody>
        </TableFrame>
    }
}

#[component]
fn Row(row: CapaciteRow, header: bool) -> impl IntoView {
    let label = match &row.href {
        Some(href) => view! { <a href=href.clone()>{row.label.clone()}</a> }.into_any(),
        None => view! { <strong>{row.label.clone()}</strong> }.into_any(),
    };
    view! {
        <tr>
            {if header { view! { <th scope="row">{label}</th> }.into_any() } else { view! { <td>{label}</td> }.into_any() }}
            <td>{row.financees}</td>
            <td>{row.installees}</td>
            <td>{row.occupees}</td>
            <td>{row.immobilisees}</td>
            <td>{row.disponibles()}</td>
            <td>{match row.ecart() { 0 => "0".to_string(), e => format!("{e:+}") }}</td>
            <td>{row.taux_occupation().map(|t| format!("{t} %")).unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}

/// Two bars a row: the places financed, and the places installed split into occupied, immobilised and
/// available. Drawn on the server; the table below is its text alternative.
#[component]
fn Chart(rows: Vec<CapaciteRow>) -> impl IntoView {
    let shown: Vec<CapaciteRow> = rows.iter().take(CHART_ROWS).cloned().collect();
    let max = shown.iter().map(|r| r.financees.max(r.installees)).max().unwrap_or(0).max(1) as f64;
    let (label_w, bar_w, row_h) = (260.0, 520.0, 30.0);
    let scale = move |v: i64| v as f64 / max * bar_w;
    let height = shown.len() as f64 * row_h + 10.0;
    let truncated = rows.len() > CHART_ROWS;
    view! {
        <figure class="fr-mb-4w siao-chart" aria-labelledby="capacites-legende">
            <ul class="siao-chart__legend" aria-hidden="true">
                {SERIES.into_iter().map(|(l, class, _)| view! { <li><span class=format!("siao-swatch {class}")></span>{l}</li> }).collect_view()}
            </ul>
            <svg role="img" aria-labelledby="capacites-titre" viewBox=format!("0 0 {} {height}", label_w + bar_w + 20.0) width="100%" xmlns="http://www.w3.org/2000/svg">
                <title id="capacites-titre">"Places financées et installées (occupées, immobilisées, disponibles) : valeurs dans le tableau ci-dessous"</title>
                {shown.into_iter().enumerate().map(|(i, r)| {
                    let y = i as f64 * row_h + 5.0;
                    let label: String = r.label.chars().take(38).collect();
                    let (occ, imm, dispo) = (scale(r.occupees), scale(r.immobilisees), scale(r.disponibles()));
                    view! {
                        <g>
                            <text x=label_w - 8.0 y=y + 15.0 text-anchor="end" font-size="12" fill="#161616">{label}</text>
                            <rect x=label_w y=y width=scale(r.financees) height="10" fill=SERIES[0].2 />
                            <rect x=label_w y=y + 12.0 width=occ height="10" fill=SERIES[1].2 />
                            <rect x=label_w + occ y=y + 12.0 width=imm height="10" fill=SERIES[2].2 />
                            <rect x=label_w + occ + imm y=y + 12.0 width=dispo height="10" fill=SERIES[3].2 />
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption id="capacites-legende" class="fr-hint-text">
                {if truncated { format!("Graphique des {CHART_ROWS} premières lignes ; le tableau les donne toutes.") } else { "Le tableau ci-dessous donne les valeurs.".to_string() }}
            </figcaption>
        </figure>
    }
}
