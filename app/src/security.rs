//! The Content-Security-Policy of the pages: scripts only from this origin or carrying the page's
//! nonce (Leptos' hydration scripts and serialized data), WebAssembly allowed, nothing else inline.
//! The other security headers, the same for every response, are set by the server
//! (`server/src/headers.rs`).

use leptos::nonce::{provide_nonce, use_nonce};
use leptos::prelude::use_context;

/// The page policy for `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Gives the page being rendered a nonce and sends the policy that names it.
pub fn page_policy() {
    provide_nonce();
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(value) = axum::http::HeaderValue::from_str(&content_security_policy(&nonce)) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
