//! Where a server function's error becomes its HTTP status, once for all: Leptos answers every
//! server-function error with 500 and the error as JSON; `set_status` reads the `AppError` back and
//! sets the status it stands for (400, 401, 403, 404, 409, 413, 422, 429...). `limit_body` refuses
//! oversized requests before anything reads them.

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use app::error::AppError;

/// Server-function error bodies are small; anything larger is left alone.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Largest request body a server function accepts (forms are a few KB), but for the file uploads.
pub const MAX_REQUEST_BODY: u64 = 1024 * 1024;
/// Largest body of a file upload: the file and the few fields around it.
pub const MAX_UPLOAD_BODY: u64 = app::offre::import::model::MAX_FILE_BYTES as u64 + 64 * 1024;

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

/// The answer of a server function that failed with `error`, outside Leptos.
pub fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(&error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// 413 for a declared body over the limit (`MAX_REQUEST_BODY`, `MAX_UPLOAD_BODY` for the uploads); a
/// body without a length is cut at the same size while it is read (the server function then answers
/// 400). An upload must come as `multipart/form-data` with its boundary (400 otherwise: the multipart
/// reader of the server functions would not cope).
pub async fn limit_body(request: Request, next: Next) -> Response {
    let upload = app::offre::import::server::MULTIPART_PATHS.contains(&request.uri().path());
    let limit = if upload { MAX_UPLOAD_BODY } else { MAX_REQUEST_BODY };
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit) {
        return error_response(AppError::TooLarge);
    }
    if upload && !has_multipart_boundary(&request) {
        return error_response(AppError::BadRequest);
    }
    let (parts, body) = request.into_parts();
    let limited = http_body_util::Limited::new(body, limit as usize);
    next.run(Request::from_parts(parts, Body::new(limited))).await
}

fn has_multipart_boundary(request: &Request) -> bool {
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    content_type.to_ascii_lowercase().starts_with("multipart/form-data")
        && content_type.split(';').any(|p| p.trim().strip_prefix("boundary=").is_some_and(|b| !b.trim().is_empty()))
}
