//! Every button that posts to a server function and reloads the page (end a session, retry a mail,
//! deactivate...): the form island with hidden fields. Without JavaScript it is a plain form.

use leptos::prelude::*;
/// A button posting `fields` (form-encoded) to the server function at `path`. On success the page is
/// read again; otherwise the error shows above the button. One form island (`PostForm`) with hidden
/// fields: no code of its own in the wasm.
#[component]
pub fn ActionButton(
    path: String,
    fields: Vec<(String, String)>,
    label: String,
    #[prop(optional)] class: Option<String>,
) -> impl IntoView {
    let button_class = class.unwrap_or_else(|| "fr-btn fr-btn--secondary".into());
    view! {
        <super::post_form::PostForm path submit=label button_class>
            {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
        </super::post_form::PostForm>
    }
}

/// The path of a server function, for `ActionButton`.
pub fn path_of<S: leptos::server_fn::ServerFn>() -> String {
    S::PATH.to_string()
}

/// `(name, value)` pairs as `ActionButton` takes them.
pub fn fields(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs.iter().map(|(n, v)| (n.to_string(), v.clone())).collect()
}
