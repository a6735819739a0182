//! CSRF protection of every state-changing request (server functions, forms): the browser's
//! `Origin` (or, failing it, `Referer`) must be this application's own origin. Together with the
//! `SameSite=Lax` session cookie this refuses cross-site requests. The DUI REST API (`/api/v1`),
//! authenticated by tokens and not by cookies, is routed outside this layer.

use axum::{
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Origins allowed to send state-changing requests (scheme://host[:port]).
#[derive(Clone, Debug)]
pub struct AllowedOrigins(pub Vec<String>);

fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

impl AllowedOrigins {
    pub fn from_base_url(base_url: &str) -> Self {
        let mut origins: Vec<String> = origin_of(base_url).into_iter().collect();
        // localhost and 127.0.0.1 are the same machine for a developer.
        for o in origins.clone() {
            if o.contains("://localhost") {
                origins.push(o.replace("://localhost", "://127.0.0.1"));
            } else if o.contains("://127.0.0.1") {
                origins.push(o.replace("://127.0.0.1", "://localhost"));
            }
        }
        AllowedOrigins(origins)
    }

    fn allows(&self, request: &Request) -> bool {
        let headers = request.headers();
        let claimed = headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .filter(|v| *v != "null")
            .map(|v| v.to_ascii_lowercase())
            .or_else(|| headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(origin_of));
        // Scheme, host and port must be APP_BASE_URL's: the `Host` header is the client's to
        // choose, so it proves nothing.
        claimed.is_some_and(|origin| self.0.contains(&origin))
    }
}

pub async fn check(State(allowed): State<AllowedOrigins>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || allowed.allows(&request) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "cross-site request refused");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Requête refusée : elle ne provient pas du SI SIAO (protection contre la falsification de requête).",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(method: Method, origin: Option<&str>, referer: Option<&str>) -> Request {
        let mut builder =
            axum::http::Request::builder().method(method).uri("/api/auth/login").header(header::HOST, "siao.example");
        if let Some(o) = origin {
            builder = builder.header(header::ORIGIN, o);
        }
        if let Some(r) = referer {
            builder = builder.header(header::REFERER, r);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_our_origin_may_post() {
        let allowed = AllowedOrigins::from_base_url("https://si-siao.gouv.fr/");
        assert!(allowed.allows(&request(Method::POST, Some("https://si-siao.gouv.fr"), None)));
        assert!(allowed.allows(&request(Method::POST, None, Some("https://si-siao.gouv.fr/connexion"))));
        // The Host header (siao.example here) is the client's to choose: it allows nothing.
        assert!(!allowed.allows(&request(Method::POST, Some("https://siao.example"), None)), "Host is not trusted");
        assert!(!allowed.allows(&request(Method::POST, Some("http://si-siao.gouv.fr"), None)), "scheme");
        assert!(!allowed.allows(&request(Method::POST, Some("https://si-siao.gouv.fr:8443"), None)), "port");
        assert!(!allowed.allows(&request(Method::POST, Some("https://evil.example"), None)));
        assert!(!allowed.allows(&request(Method::POST, None, Some("https://evil.example/x"))));
        assert!(!allowed.allows(&request(Method::POST, Some("null"), None)));
        assert!(!allowed.allows(&request(Method::POST, None, None)));
    }

    #[test]
    fn localhost_and_loopback_are_the_same_origin() {
        let allowed = AllowedOrigins::from_base_url("http://localhost:3000");
        assert!(allowed.allows(&request(Method::POST, Some("http://127.0.0.1:3000"), None)));
        assert!(!allowed.allows(&request(Method::POST, Some("http://127.0.0.1:3001"), None)));
    }
}
