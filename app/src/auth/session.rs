//! Sessions: stored in PostgreSQL by tower-sessions (cookie `HttpOnly`, `SameSite=Lax`, `Secure`
//! unless configured off for localhost), idle timeout 30 minutes (set on the layer), absolute
//! lifetime 12 hours (checked here), id rotated at login, indexed per user in `user_sessions`.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use sqlx::PgPool;
use tokio::sync::OnceCell;
use tower_sessions::cookie::time::Duration;
use tower_sessions::{Expiry, Session};
use uuid::Uuid;

use crate::error::AppError;
use crate::rights::authorize::Principal;
use crate::state::AppState;

use super::repo;

pub const IDLE_TIMEOUT_MINUTES: i64 = 30;
pub const ABSOLUTE_LIFETIME_HOURS: i64 = 12;

const USER_ID: &str = "user_id";
const AUTH_AT: &str = "auth_at";
/// Password verified, second factor still to check (valid `PENDING_MINUTES`).
const PENDING_USER: &str = "pending_user_id";
const PENDING_AT: &str = "pending_at";
const PENDING_MINUTES: i64 = 5;

/// The session of the current request.
pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|err| {
        tracing::error!(error = %err, "no session layer");
        AppError::Internal
    })
}

/// Client address (see `net::client_ip`: forwarding headers count only from `TRUSTED_PROXIES`) and
/// user agent of the current request.
pub fn client_info() -> (Option<String>, Option<String>) {
    let Some(parts) = use_context::<Parts>() else {
        return (None, None);
    };
    let trusted = use_context::<AppState>().map(|s| s.trusted_proxies).unwrap_or_default();
    let forwarded: Vec<&str> =
        parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    let ip = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| crate::net::client_ip(ci.0.ip(), &forwarded, &trusted).to_string());
    let agent = parts
        .headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.chars().take(300).collect());
    (ip, agent)
}

/// The principal of the current request, loaded once whoever asks (the layout, the page's loader,
/// a server function): `cache_layer` puts an empty cell in every request.
#[derive(Clone, Default)]
pub struct PrincipalCache(Arc<OnceCell<Option<Principal>>>);

impl PrincipalCache {
    /// The principal of a request authenticated otherwise than by a session (a DUI partner's token).
    pub fn of(principal: Principal) -> Self {
        PrincipalCache(Arc::new(OnceCell::new_with(Some(Some(principal)))))
    }
}

/// Axum middleware: a fresh principal cache for each request.
pub async fn cache_layer(mut request: Request, next: Next) -> Response {
    request.extensions_mut().insert(PrincipalCache::default());
    next.run(request).await
}

/// The logged-in user of this request, if any (cached for the request). Ends sessions past their
/// absolute lifetime, and sessions of accounts deactivated since.
pub async fn current_principal(state: &AppState) -> Result<Option<Principal>, AppError> {
    let cache = use_context::<Parts>().and_then(|parts| parts.extensions.get::<PrincipalCache>().cloned());
    match cache {
        Some(cache) => cache.0.get_or_try_init(|| load_principal(&state.pool)).await.cloned(),
        None => load_principal(&state.pool).await,
    }
}

/// How many times a principal was loaded from the database (one per authenticated request).
pub static PRINCIPAL_LOADS: AtomicU64 = AtomicU64::new(0);

async fn load_principal(pool: &PgPool) -> Result<Option<Principal>, AppError> {
    let session = current_session().await?;
    let user_id: Option<Uuid> = session.get(USER_ID).await.map_err(internal)?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    PRINCIPAL_LOADS.fetch_add(1, Ordering::Relaxed);
    let auth_at: i64 = session.get(AUTH_AT).await.map_err(internal)?.unwrap_or(0);
    let expired = past_lifetime(auth_at, chrono::Utc::now().timestamp());
    let principal = if expired { None } else { repo::load_principal(pool, user_id).await? };
    match principal {
        Some(p) => {
            // Activity: at most once a minute, the session index records it and the session is
            // saved again, which pushes its idle expiry (and the cookie's Max-Age) 30 minutes on.
            // No database write on the other requests.
            if let Some(id) = session.id() {
                if repo::touch_session(pool, &id.to_string()).await? {
                    session.set_expiry(Some(Expiry::OnInactivity(Duration::minutes(IDLE_TIMEOUT_MINUTES))));
                }
            }
            Ok(Some(p))
        }
        None => {
            end_current(pool, &session).await?;
            Ok(None)
        }
    }
}

/// The logged-in user, or `Unauthenticated`; `SecondFactorRequired` if their profile must use a
/// second factor they have not set up yet.
pub async fn require_principal(state: &AppState) -> Result<Principal, AppError> {
    let p = require_principal_for_enrolment(state).await?;
    if state.totp_required.contains(&p.profile) && !p.second_factor {
        return Err(AppError::SecondFactorRequired);
    }
    Ok(p)
}

/// The logged-in user, second factor set up or not (the enrolment screens themselves).
pub async fn require_principal_for_enrolment(state: &AppState) -> Result<Principal, AppError> {
    current_principal(state).await?.ok_or(AppError::Unauthenticated)
}

/// Password verified, second factor expected: a new session id that grants nothing yet.
pub async fn start_pending(user_id: Uuid) -> Result<(), AppError> {
    let session = current_session().await?;
    session.cycle_id().await.map_err(internal)?;
    session.insert(PENDING_USER, user_id).await.map_err(internal)?;
    session.insert(PENDING_AT, chrono::Utc::now().timestamp()).await.map_err(internal)
}

const TOTP_SETUP_SECRET: &str = "totp_setup_secret";

/// The secret shown during second-factor enrolment, until it is confirmed by a code.
pub async fn set_totp_setup_secret(secret: Option<&str>) -> Result<(), AppError> {
    let session = current_session().await?;
    match secret {
        Some(s) => session.insert(TOTP_SETUP_SECRET, s).await.map_err(internal),
        None => session.remove_value(TOTP_SETUP_SECRET).await.map(|_| ()).map_err(internal),
    }
}

pub async fn totp_setup_secret() -> Result<Option<String>, AppError> {
    current_session().await?.get(TOTP_SETUP_SECRET).await.map_err(internal)
}

/// The user whose password was verified in this session less than 5 minutes ago.
pub async fn pending_user() -> Result<Option<Uuid>, AppError> {
    let session = current_session().await?;
    let at: i64 = session.get(PENDING_AT).await.map_err(internal)?.unwrap_or(0);
    if chrono::Utc::now().timestamp() - at > PENDING_MINUTES * 60 {
        return Ok(None);
    }
    session.get(PENDING_USER).await.map_err(internal)
}

/// Starts an authenticated session: new id (no fixation), saved now so that it can be indexed.
pub async fn start(pool: &PgPool, user_id: Uuid) -> Result<(), AppError> {
    let session = current_session().await?;
    session.cycle_id().await.map_err(internal)?;
    session.remove_value(PENDING_USER).await.map_err(internal)?;
    session.insert(USER_ID, user_id).await.map_err(internal)?;
    session.insert(AUTH_AT, chrono::Utc::now().timestamp()).await.map_err(internal)?;
    session.save().await.map_err(internal)?;
    let id = session.id().ok_or(AppError::Internal)?.to_string();
    let (ip, agent) = client_info();
    repo::index_session(pool, &id, user_id, ip.as_deref(), agent.as_deref()).await?;
    Ok(())
}

/// Logs out the current request's session.
pub async fn end_current(pool: &PgPool, session: &Session) -> Result<(), AppError> {
    if let Some(id) = session.id() {
        repo::unindex_session(pool, &id.to_string()).await?;
    }
    session.flush().await.map_err(internal)
}

/// The id of the current request's session.
pub async fn current_session_id() -> Result<Option<String>, AppError> {
    Ok(current_session().await?.id().map(|id| id.to_string()))
}

/// A session opened at `auth_at` has outlived its absolute lifetime at `now` (Unix seconds).
fn past_lifetime(auth_at: i64, now: i64) -> bool {
    now - auth_at > ABSOLUTE_LIFETIME_HOURS * 3600
}

fn internal(err: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %err, "session error");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_twelve_hours_after_login_whatever_the_activity() {
        let login = 1_800_000_000;
        assert!(!past_lifetime(login, login + 12 * 3600));
        assert!(past_lifetime(login, login + 12 * 3600 + 1));
        assert!(past_lifetime(0, login), "a session without a login time is over");
    }
}
