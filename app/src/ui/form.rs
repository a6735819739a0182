//! DSFR form pieces: input groups with their error message, alerts for action results.

use leptos::prelude::*;

use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::FormData;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A labelled input (`fr-input-group`), showing the error of its field from `error`.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = true)] required: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Prefix of the ids, when one page holds several forms with the same fields.
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView {
    let key = field_key(name);
    let id = format!("{prefix}champ-{key}");
    let message_id = format!("{id}-message");
    let message = move || error.get().and_then(|e| e.field_message(key));
    view! {
        <div class="fr-input-group" class:fr-input-group--error=move || message().is_some()>
            <label class="fr-label" for=id.clone()>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <input
                class="fr-input"
                class:fr-input--error=move || message().is_some()
                id=id.clone()
                name=name
                type=kind
                value=value
                required=required
                autocomplete=autocomplete
                aria-describedby=message_id.clone()
            />
            <div class="fr-messages-group" id=message_id data-field=key aria-live="polite">
                {move || message().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}

/// The field an input stands for: `form[email]` → `email`.
pub fn field_key(name: &str) -> &str {
    name.strip_prefix("form[").and_then(|n| n.strip_suffix(']')).unwrap_or(name)
}

/// The alert under a form: the error (not the field ones, which stand next to their field).
#[component]
pub fn ErrorAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|err| {
            let text = match &err {
                AppError::Invalid(_) => {
                    "Le formulaire contient des erreurs : corrigez les champs signalés.".to_string()
                }
                other => other.to_string(),
            };
            view! {
                <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
                    <p>{text}</p>
                </div>
            }
        })
    }
}

/// A success message.
#[component]
pub fn SuccessAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
                    <p>{m}</p>
                </div>
            }
        })
    }
}

/// Once a form island is hydrated, the body says so (effects never run on the server). The end-to-end
/// tests wait for it before they type.
pub fn mark_hydrated() {
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "");
        }
    });
}

/// Error of the last run of a server action, as a signal.
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    mark_hydrated();
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// A select (`fr-select-group`) of `(value, label)` options with an empty first choice, showing the
/// error of its field from `error`; `hidden` hides it (fields that depend on another choice).
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into, optional)] hidden: Signal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Prefix of the ids, when one page holds several forms with the same fields.
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView {
    let key = field_key(name);
    let id = format!("{prefix}champ-{key}");
    let message_id = format!("{id}-message");
    let message = move || error.get().and_then(|e| e.field_message(key));
    view! {
        <div class="fr-select-group" class:fr-select-group--error=move || message().is_some() hidden=hidden>
            <label class="fr-label" for=id.clone()>{label}{hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}</label>
            <select class="fr-select" id=id name=name aria-describedby=message_id.clone()>
                <option value="">"—"</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <div id=message_id data-field=key aria-live="polite">
                {move || message().map(|m| view! { <p class="fr-error-text">{m}</p> })}
            </div>
        </div>
    }
}

/// Reloads the page (its data is read again on the server) after each successful run of `action`:
/// the islands' buttons that change what the page shows (end a session, retry a mail...).
pub fn reload_on_success<S>(action: ServerAction<S>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move || {
        if action.value().get().is_some_and(|r| r.is_ok()) {
            let _ = window().location().reload();
        }
    });
}

/// A one-button form for `action` (hidden `fields` as `(name, value)`), with its error above it;
/// the page reloads when it succeeds. For use inside an island. Without JavaScript, it is a plain
/// form: the server answers with the page again.
#[component]
pub fn ButtonForm<S, P>(
    action: ServerAction<S>,
    #[prop(optional)] fields: Vec<(&'static str, String)>,
    label: &'static str,
    #[prop(default = "fr-btn fr-btn--secondary")] class: &'static str,
) -> impl IntoView
where
    S: ServerFn<Protocol = Http<PostUrl, P>, Error = AppError> + DeserializeOwned + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Client: Client<AppError>,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
{
    reload_on_success(action);
    view! {
        <ErrorAlert error=action_error(action) />
        <ActionForm action>
            {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
            <button class=class type="submit" disabled=move || action.pending().get()>{label}</button>
        </ActionForm>
    }
}

/// An input whose id and name are built at run time (a form repeated per person, per note): `field` is the
/// key of its error zone (`data-field`, the `FieldError`'s field).
#[component]
pub fn FreeInput(
    id: String,
    name: String,
    field: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let message = format!("{id}-message");
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id.clone()>{label}{hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}</label>
            <input class="fr-input" id=id name=name type=kind value=value aria-describedby=message.clone() />
            <div class="fr-messages-group" id=message data-field=field aria-live="polite"></div>
        </div>
    }
}

/// A textarea like `FreeInput`.
#[component]
pub fn FreeTextArea(
    id: String,
    name: String,
    field: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let message = format!("{id}-message");
    view! {
        <div class="fr-input-group">
            <label class="fr-label" for=id.clone()>{label}{hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}</label>
            <textarea class="fr-input" id=id name=name rows=rows aria-describedby=message.clone()>{value}</textarea>
            <div class="fr-messages-group" id=message data-field=field aria-live="polite"></div>
        </div>
    }
}

/// A select like `FreeInput`, with an empty first choice.
#[component]
pub fn FreeSelect(
    id: String,
    name: String,
    field: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
) -> impl IntoView {
    let message = format!("{id}-message");
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for=id.clone()>{label}{hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}</label>
            <select class="fr-select" id=id name=name aria-describedby=message.clone()>
                <option value="">"—"</option>
                {options.into_iter().map(|(code, l)| {
                    let chosen = code == selected;
                    view! { <option value=code selected=chosen>{l}</option> }
                }).collect_view()}
            </select>
            <div class="fr-messages-group" id=message data-field=field aria-live="polite"></div>
        </div>
    }
}
