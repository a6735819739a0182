//! One island for every button that posts to a server function and reloads the page (end a session,
//! retry a mail, deactivate...): whatever the function, its code is in the wasm once. Without
//! JavaScript it is a plain form.

use leptos::prelude::*;

use crate::error::AppError;

/// A button posting `fields` (form-encoded) to the server function at `path`. On success the page is
/// read again; otherwise the error's message shows above the button.
#[island]
pub fn ActionButton(
    path: String,
    fields: Vec<(String, String)>,
    label: String,
    #[prop(optional)] class: Option<String>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let body = encode(&fields);
    let target = path.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (path, body) = (target.clone(), body.clone());
        pending.set(true);
        leptos::task::spawn_local(async move {
            match post(&path, body).await {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(e) => {
                    let message = match &e {
                        AppError::Invalid(fields) => fields.first().map(|f| f.message.clone()).unwrap_or(e.to_string()),
                        other => other.to_string(),
                    };
                    error.set(Some(message));
                    pending.set(false);
                }
            }
        });
    };
    view! {
        {move || error.get().map(|m| view! { <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{m}</p></div> })}
        <form method="post" action=path on:submit=submit>
            {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
            <button class=class.unwrap_or_else(|| "fr-btn fr-btn--secondary".into()) type="submit" disabled=move || pending.get()>{label}</button>
        </form>
    }
}

/// `application/x-www-form-urlencoded`: every byte but the unreserved ones percent-encoded.
fn encode(fields: &[(String, String)]) -> String {
    let part = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(n, v)| format!("{}={}", part(n), part(v))).collect::<Vec<_>>().join("&")
}

#[cfg(feature = "hydrate")]
async fn post(path: &str, body: String) -> Result<(), AppError> {
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
        return Ok(());
    }
    let text = <BrowserResponse as ClientRes<AppError>>::try_into_string(response).await?;
    Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
}

/// Never called on the server (the handler runs in the browser).
#[cfg(not(feature = "hydrate"))]
async fn post(_: &str, _: String) -> Result<(), AppError> {
    Err(AppError::Internal)
}

/// The path of a server function, for `ActionButton`.
pub fn path_of<S: leptos::server_fn::ServerFn>() -> String {
    S::PATH.to_string()
}

/// `(name, value)` pairs as `ActionButton` takes them.
pub fn fields(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs.iter().map(|(n, v)| (n.to_string(), v.clone())).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_form_encoded() {
        let f = super::fields(&[("id", "a b&c=é".into()), ("version", "2".into())]);
        assert_eq!(super::encode(&f), "id=a%20b%26c%3D%C3%A9&version=2");
    }
}
