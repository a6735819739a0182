//! Security headers on every response (pages, server functions, static files, probes). The pages'
//! Content-Security-Policy carries their nonce (`app::security`); every other answer gets a policy
//! that allows nothing.

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

pub async fn set(State(config): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let personal = !request.uri().path().starts_with("/pkg/") && !request.uri().path().starts_with("/dsfr/");
    let mut response = next.run(request).await;
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
    // Pages and answers may carry personal data: never kept by a browser or a proxy. Static assets
    // set their own caching.
    if personal {
        default(header::CACHE_CONTROL, "no-store");
    }
    response
}
