//! One island for every server-rendered form: whatever its fields, its code is in the wasm once. The
//! fields are plain server components (children); the island posts them form-encoded to the server
//! function at `path`, then follows the function's redirect or reloads the page. Errors are written next
//! to their fields (the `champ-<field>-message` zones of `Field` and `SelectField`) and summarised above
//! the form with links to the fields; what was typed stays. A save on a stale version shows what changed
//! meanwhile and takes the current version, so that a second click applies the user's input knowingly.
//! Without JavaScript it is a plain HTML form, which still works.

use leptos::prelude::*;

use crate::error::AppError;

#[island]
pub fn PostForm(
    path: String,
    /// The form's id (for the end-to-end tests and the links of the page).
    #[prop(optional)]
    id: Option<String>,
    submit: String,
    /// The classes of the submit button.
    #[prop(optional)]
    button_class: Option<String>,
    /// Shown after a success that neither redirects nor needs a reload.
    #[prop(optional)]
    success: Option<String>,
    /// The prefix of the fields' ids (`Field`'s `prefix`), for the links of the error summary.
    #[prop(optional)]
    prefix: Option<String>,
    children: Children,
) -> impl IntoView {
    super::form::mark_hydrated();
    // The form itself says it is live (the end-to-end tests wait for it before submitting it).
    let live = RwSignal::new(false);
    Effect::new(move || live.set(true));
    let error = RwSignal::new(None::<AppError>);
    let pending = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let (action, prefix) = (path.clone(), prefix.unwrap_or_default());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = dom::form_of(&ev) else { return };
        let Some(body) = dom::form_body(&form) else { return };
        let (path, reload) = (path.clone(), success.is_none());
        pending.set(true);
        saved.set(false);
        leptos::task::spawn_local(async move {
            let result = post(&path, body).await;
            dom::show_field_errors(&form, result.as_ref().err());
            match result {
                Ok(Some(location)) => dom::go(&location),
                Ok(None) if reload => dom::reload(&form),
                Ok(None) => {
                    error.set(None);
                    saved.set(true);
                    pending.set(false);
                }
                Err(e) => {
                    if let AppError::Stale { current_version, .. } = &e {
                        dom::set_value(&form, "version", &current_version.to_string());
                    }
                    error.set(Some(e));
                    pending.set(false);
                }
            }
        });
    };
    view! {
        {move || error.get().map(|e| view! { <ErrorSummary error=e prefix=prefix.clone() /> })}
        {move || saved.get().then(|| view! {
            <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status"><p>"Enregistré."</p></div>
        })}
        <form id=id method="post" action=action on:submit=on_submit novalidate data-island="post-form" data-hydrated=move || live.get().then_some("")>
            {children()}
            <button class=button_class.unwrap_or_else(|| "fr-btn fr-mt-3w".into()) type="submit" disabled=move || pending.get()>{submit}</button>
        </form>
    }
}

/// The error above the form: the field errors as links to their fields, the changes of a stale save.
#[component]
fn ErrorSummary(error: AppError, prefix: String) -> impl IntoView {
    let (title, lines): (String, Vec<(Option<String>, String)>) = match &error {
        AppError::Invalid(fields) => (
            "Le formulaire contient des erreurs :".into(),
            fields.iter().map(|f| (Some(format!("#{prefix}champ-{}", f.field)), f.message.clone())).collect(),
        ),
        AppError::Stale { changes, .. } => (error.to_string(), changes.iter().map(|c| (None, c.clone())).collect()),
        other => (other.to_string(), vec![]),
    };
    view! {
        <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
            <p>{title}</p>
            {(!lines.is_empty()).then(|| view! {
                <ul>{lines.into_iter().map(|(href, text)| view! {
                    <li>{match href {
                        Some(h) => view! { <a href=h>{text}</a> }.into_any(),
                        None => view! { <span>{text}</span> }.into_any(),
                    }}</li>
                }).collect_view()}</ul>
            })}
        </div>
    }
}

/// Posts a form-encoded `body` to the server function at `path`: the location it redirects to, if any.
#[cfg(feature = "hydrate")]
pub(crate) async fn post(path: &str, body: String) -> Result<Option<String>, AppError> {
    use leptos::server_fn::client::{browser::BrowserClient, Client};
    use leptos::server_fn::request::{browser::BrowserRequest, ClientReq};
    use leptos::server_fn::response::{browser::BrowserResponse, ClientRes};
    let request = <BrowserRequest as ClientReq<AppError>>::try_new_post(
        path,
        "application/x-www-form-urlencoded",
        "application/json",
        body,
    )?;
    let response = <BrowserClient as Client<AppError>>::send(request).await?;
    if (200..300).contains(&<BrowserResponse as ClientRes<AppError>>::status(&response)) {
        let redirect = <BrowserResponse as ClientRes<AppError>>::has_redirect(&response);
        return Ok(redirect.then(|| <BrowserResponse as ClientRes<AppError>>::location(&response)));
    }
    let text = <BrowserResponse as ClientRes<AppError>>::try_into_string(response).await?;
    Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
}

/// Never called on the server (the handler runs in the browser).
#[cfg(not(feature = "hydrate"))]
pub(crate) async fn post(_: &str, _: String) -> Result<Option<String>, AppError> {
    Err(AppError::Internal)
}

#[cfg(feature = "hydrate")]
mod dom {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{FormData, HtmlFormElement, HtmlInputElement, UrlSearchParams};

    use crate::error::AppError;

    pub type Form = HtmlFormElement;

    /// The form submitted.
    pub fn form_of(ev: &leptos::ev::SubmitEvent) -> Option<Form> {
        ev.target()?.dyn_into().ok()
    }

    /// The form's fields, form-encoded.
    pub fn form_body(form: &Form) -> Option<String> {
        let data = FormData::new_with_form(form).ok()?;
        let params = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(params.to_string().into())
    }

    /// Writes each field's message in its zone (and clears the others).
    pub fn show_field_errors(form: &Form, error: Option<&AppError>) {
        let Ok(zones) = form.query_selector_all("[data-field]") else { return };
        for i in 0..zones.length() {
            let Some(zone) = zones.item(i).and_then(|n| n.dyn_into::<leptos::web_sys::Element>().ok()) else {
                continue;
            };
            let field = zone.get_attribute("data-field").unwrap_or_default();
            let message = error.and_then(|e| e.field_message(&field));
            zone.set_text_content(None);
            if let Some(m) = &message {
                if let Ok(p) = leptos::prelude::document().create_element("p") {
                    p.set_class_name("fr-message fr-message--error fr-error-text");
                    p.set_text_content(Some(m));
                    let _ = zone.append_child(&p);
                }
            }
            if let Some(group) = zone.parent_element() {
                for class in ["fr-input-group--error", "fr-select-group--error"] {
                    let wanted = message.is_some() && group.class_list().contains(&class.replace("--error", ""));
                    let _ = if wanted { group.class_list().add_1(class) } else { group.class_list().remove_1(class) };
                }
            }
        }
    }

    pub fn set_value(form: &Form, name: &str, value: &str) {
        let input = form
            .query_selector(&format!("input[name='{name}']"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
        if let Some(input) = input {
            input.set_value(value);
        }
    }

    pub fn go(location: &str) {
        let _ = leptos::prelude::window().location().set_href(location);
    }

    /// Reads the page again; a form inside a tab panel (`panneau-<key>`, `detail::Tabs`) brings the page
    /// back on its tab (`?onglet=<key>`).
    pub fn reload(form: &Form) {
        let location = leptos::prelude::window().location();
        let tab = form
            .closest("[role=tabpanel]")
            .ok()
            .flatten()
            .and_then(|p| p.id().strip_prefix("panneau-").map(String::from));
        let url = tab.and_then(|tab| {
            let (path, search) = (location.pathname().ok()?, location.search().ok()?);
            let params = UrlSearchParams::new_with_str(&search).ok()?;
            params.set("onglet", &tab);
            Some(format!("{path}?{}", String::from(params.to_string())))
        });
        let _ = match url {
            Some(url) => location.assign(&url),
            None => location.reload(),
        };
    }
}

/// Never called on the server (the handlers run in the browser).
#[cfg(not(feature = "hydrate"))]
mod dom {
    use crate::error::AppError;

    pub type Form = ();

    pub fn form_of(_: &leptos::ev::SubmitEvent) -> Option<Form> {
        None
    }
    pub fn form_body(_: &Form) -> Option<String> {
        None
    }
    pub fn show_field_errors(_: &Form, _: Option<&AppError>) {}
    pub fn set_value(_: &Form, _: &str, _: &str) {}
    pub fn go(_: &str) {}
    pub fn reload(_: &Form) {}
}
