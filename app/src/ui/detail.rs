//! Pieces of the detail pages: breadcrumb, summary list, DSFR tabs.

use leptos::prelude::*;

/// The DSFR breadcrumb: `(label, link)` of each level above, then the current page.
#[component]
pub fn Breadcrumb(levels: Vec<(String, String)>, #[prop(into)] current: String) -> impl IntoView {
    view! {
        <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
            <ol class="fr-breadcrumb__list">
                {levels.into_iter().map(|(label, href)| view! { <li><a class="fr-breadcrumb__link" href=href>{label}</a></li> }).collect_view()}
                <li><a class="fr-breadcrumb__link" aria-current="page">{current}</a></li>
            </ol>
        </nav>
    }
}

/// A list of `(term, value)`; an empty value shows as a dash.
#[component]
pub fn Summary(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="siao-summary fr-mb-4w">
            {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{if v.trim().is_empty() { "—".to_string() } else { v }}</dd> }).collect_view()}
        </dl>
    }
}

/// DSFR tabs `(key, title, panel)`, the `selected` one (default: the first) shown (the DSFR's script switches them; without it
/// every panel shows, one under the other). Ids: `onglet-<key>`, `panneau-<key>`. The address's `?onglet=<key>` wins
/// over `selected`: a form saved in a tab brings the page back on it (`PostForm`).
#[component]
pub fn Tabs(
    label: &'static str,
    panels: Vec<(&'static str, &'static str, AnyView)>,
    #[prop(optional)] selected: usize,
) -> impl IntoView {
    let wanted = leptos_router::hooks::use_query_map().read_untracked().get("onglet");
    let selected = wanted.and_then(|k| panels.iter().position(|(key, _, _)| *key == k)).unwrap_or(selected);
    let selected = selected.min(panels.len().saturating_sub(1));
    let titles: Vec<(&'static str, &'static str)> = panels.iter().map(|(key, title, _)| (*key, *title)).collect();
    view! {
        <div class="fr-tabs">
            <ul class="fr-tabs__list" role="tablist" aria-label=label>
                {titles.into_iter().enumerate().map(|(i, (key, title))| view! {
                    <li role="presentation">
                        <button id=format!("onglet-{key}") class="fr-tabs__tab" tabindex=if i == selected { "0" } else { "-1" } role="tab"
                            aria-selected=(i == selected).to_string() aria-controls=format!("panneau-{key}")>{title}</button>
                    </li>
                }).collect_view()}
            </ul>
            {panels.into_iter().enumerate().map(|(i, (key, _, panel))| view! {
                <div id=format!("panneau-{key}") class=if i == selected { "fr-tabs__panel fr-tabs__panel--selected" } else { "fr-tabs__panel" }
                    role="tabpanel" aria-labelledby=format!("onglet-{key}") tabindex="0">{panel}</div>
            }).collect_view()}
        </div>
    }
}
