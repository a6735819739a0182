//! List screens: a filter form (GET: works without JavaScript, the filters stay in the address)
//! and a DSFR table.

use leptos::prelude::*;

/// A GET form of filters, with its "Filtrer" button.
#[component]
pub fn FilterForm(action: &'static str, children: Children) -> impl IntoView {
    view! {
        <form method="get" action=action class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w">
            {children()}
            <div class="fr-col-12 fr-col-md-2">
                <button class="fr-btn" type="submit">"Filtrer"</button>
            </div>
        </form>
    }
}

/// A text filter.
#[component]
pub fn FilterText(
    label: &'static str,
    name: &'static str,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(default = 4)] width: u8,
) -> impl IntoView {
    let id = format!("filtre-{name}");
    view! {
        <div class=format!("fr-col-12 fr-col-md-{width} fr-input-group")>
            <label class="fr-label" for=id.clone()>{label}</label>
            <input class="fr-input" id=id name=name value=move || value.get() />
        </div>
    }
}

/// A select filter; `any` is the label of the empty choice (none: no empty choice).
#[component]
pub fn FilterSelect(
    label: &'static str,
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] selected: Signal<Option<String>>,
    #[prop(optional)] any: Option<&'static str>,
    #[prop(default = 3)] width: u8,
) -> impl IntoView {
    let id = format!("filtre-{name}");
    view! {
        <div class=format!("fr-col-12 fr-col-md-{width} fr-select-group")>
            <label class="fr-label" for=id.clone()>{label}</label>
            <select class="fr-select" id=id name=name>
                {any.map(|label| view! { <option value="">{label}</option> })}
                {options
                    .into_iter()
                    .map(|(code, text)| view! {
                        <option value=code selected=move || selected.get().as_deref() == Some(code)>{text}</option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A DSFR table with its caption and column headers; `children` are the body rows.
#[component]
pub fn DataTable(
    id: &'static str,
    #[prop(into)] caption: String,
    headers: &'static [&'static str],
    /// `fr-table--no-caption` when a heading just above says the same (the caption stays for screen readers).
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <TableFrame id caption class>
            <thead>
                <tr>{headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{children()}</tbody>
        </TableFrame>
    }
}

/// The DSFR frame of a table (`children`: its head and body). The table is what scrolls when it is
/// wider than the screen (the DSFR's script); it is focusable so that a keyboard user can scroll it
/// (RGAA, axe `scrollable-region-focusable`), and named by its caption.
#[component]
pub fn TableFrame(
    id: &'static str,
    #[prop(into)] caption: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=format!("fr-table {class}") id=id>
            <div class="fr-table__wrapper">
                <div class="fr-table__container">
                    <div class="fr-table__content">
                        <table tabindex="0">
                            <caption>{caption}</caption>
                            {children()}
                        </table>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// Links to the previous and next pages of a list, keeping the other filters of the address.
#[component]
pub fn Pagination(total: i64, page_size: i64, current: i64) -> impl IntoView {
    let pages = ((total + page_size - 1) / page_size).max(1);
    let current = current.clamp(1, pages);
    let query = leptos_router::hooks::use_query_map();
    let href = move |page: i64| {
        let q = query.read_untracked();
        let mut params: Vec<String> = q
            .clone()
            .into_iter()
            .filter(|(k, _)| k != "page")
            .map(|(k, v)| format!("{}={}", crate::url::urlencode(&k), crate::url::urlencode(&v)))
            .collect();
        params.push(format!("page={page}"));
        format!("?{}", params.join("&"))
    };
    (pages > 1).then(|| {
        view! {
            <nav role="navigation" class="fr-pagination" aria-label="Pagination">
                <ul class="fr-pagination__list">
                    <li>{(current > 1).then(|| view! {
                        <a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" href=href(current - 1)>"Page précédente"</a>
                    })}</li>
                    <li><a class="fr-pagination__link" aria-current="page">{format!("Page {current} sur {pages}")}</a></li>
                    <li>{(current < pages).then(|| view! {
                        <a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href=href(current + 1)>"Page suivante"</a>
                    })}</li>
                </ul>
            </nav>
        }
    })
}
