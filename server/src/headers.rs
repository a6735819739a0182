//! Security and caching headers on every response (pages, server functions, static files, probes).
//! The pages' Content-Security-Policy carries their nonce (`app::security`); every other answer gets a
//! policy that allows nothing. Fingerprinted assets are cached for a year, pages and answers never.

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// What the layer needs to know.
#[derive(Clone, Copy, Debug)]
pub struct SecurityHeaders {
    /// The site is served over HTTPS only (the cookies are `Secure`): HSTS.
    pub https: bool,
}

const NOTHING: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
const PERMISSIONS: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
                           microphone=(), payment=(), usb=(), interest-cohort=()";

/// How long a browser or a proxy may keep an answer.
fn cache_control(path: &str, content_type: Option<&HeaderValue>) -> &'static str {
    let dynamic = content_type
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/json"));
    if path.starts_with("/assets/") && !dynamic {
        // Fingerprinted: the name changes with the content.
        "public, max-age=31536000, immutable"
    } else if dynamic || path.starts_with("/api/") {
        // Pages and answers may carry personal data: never kept.
        "no-store"
    } else {
        "no-cache"
    }
}

pub async fn set(State(config): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let cache = cache_control(&path, response.headers().get(header::CONTENT_TYPE));
    let h = response.headers_mut();
    let mut default = |name, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    default(header::CONTENT_SECURITY_POLICY, NOTHING);
    default(header::X_FRAME_OPTIONS, "DENY");
    default(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    default(header::REFERRER_POLICY, "same-origin");
    default(header::HeaderName::from_static("permissions-policy"), PERMISSIONS);
    default(header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if config.https {
        default(header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains");
    }
    default(header::CACHE_CONTROL, cache);
    response
}
