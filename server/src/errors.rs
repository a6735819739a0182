//! The one place where a server function's error becomes its HTTP status: Leptos answers every
//! server-function error with 500 and the error as JSON; this layer reads the `AppError` back and
//! sets the status it stands for (401, 403, 404, 409, 422, 429...).

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::Response,
};

use app::error::AppError;

/// Server-function error bodies are small; anything larger is left alone.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn set_status(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
