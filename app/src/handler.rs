//! The one entry point of server functions (in the spirit of crates.io's `AuthCheck`).
//!
//! A domain declares what each of its server functions requires, once, in a table read both by the
//! function and by the registry of the tests:
//!
//! ```ignore
//! server_fns! {
//!     ListUsers => matrix(Utilisateur, Consulter),
//!     MySessions => authenticated,
//!     Login => public,
//! }
//! ```
//!
//! and each function body is `X::run(async move |cx| { ... })`: `run` opens a tracing span (function,
//! user id, object id), authenticates, checks the requirement against the rights matrix (a denial is
//! journaled and answers 403) and hands the body a context: the state, the user, the scope they hold,
//! and the journal. `cx.authorize(target, id)` decides on one object (and journals the read of a
//! nominative one); `cx.done(..)`/`cx.journal(..)` write the journal with the target's territory.

use crate::rights::model::{Action, Object};

/// What a server function requires of its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// Anyone (login, password links, layout, service status).
    Public,
    /// A logged-in user, on their own account (sessions, own password); second factor set up if
    /// their profile requires one.
    Authenticated,
    /// Same, before the second factor is set up (the enrolment screens themselves).
    Enrolment,
    /// The rights matrix decides, for this object and action.
    Matrix(Object, Action),
}

#[cfg(feature = "ssr")]
pub use ssr::*;

#[cfg(feature = "ssr")]
mod ssr {
    use std::future::Future;

    use leptos::server_fn::ServerFn;
    use sqlx::PgPool;
    use tracing::{field, Instrument, Span};

    use crate::audit::{self, AuditEntry, Outcome};
    use crate::auth::session;
    use crate::error::AppError;
    use crate::rights::authorize::{decide, scope_of, Principal, Target};
    use crate::rights::model::{Action, Object, Scope};

    use super::Requirement;
    use crate::state::{app_state, AppState};

    /// A server function that needs a logged-in user. Implemented through `server_fns!`.
    pub trait Guarded: ServerFn {
        const REQUIREMENT: Requirement;

        /// Runs `body` in the function's span, once the caller is authenticated and holds the requirement.
        fn run<T, F, Fut>(body: F) -> impl Future<Output = Result<T, AppError>> + Send
        where
            F: FnOnce(Ctx) -> Fut + Send,
            Fut: Future<Output = Result<T, AppError>> + Send,
            T: Send,
        {
            guarded(Self::PATH, Self::REQUIREMENT, body)
        }
    }

    /// The body of a guarded call that is not a server function (a handler of the DUI API), under the
    /// same checks: `name` names it in the span, `requirement` is its line of the rights matrix.
    pub fn guarded<T, F, Fut>(
        name: &'static str,
        requirement: Requirement,
        body: F,
    ) -> impl Future<Output = Result<T, AppError>> + Send
    where
        F: FnOnce(Ctx) -> Fut + Send,
        Fut: Future<Output = Result<T, AppError>> + Send,
        T: Send,
    {
        async move { body(Ctx::new(requirement).await?).await }.instrument(span(name))
    }

    /// A server function open to anyone (login, password links, the layout). Implemented through
    /// `server_fns!`.
    pub trait Public: ServerFn {
        fn run<T, F, Fut>(body: F) -> impl Future<Output = Result<T, AppError>> + Send
        where
            F: FnOnce(Anonymous) -> Fut + Send,
            Fut: Future<Output = Result<T, AppError>> + Send,
            T: Send,
        {
            async move { body(Anonymous { state: app_state()? }).await }.instrument(span(Self::PATH))
        }
    }

    fn span(path: &'static str) -> Span {
        tracing::info_span!("server_fn", function = path, user_id = field::Empty, object_id = field::Empty)
    }

    /// What a guarded server function knows of its call.
    pub struct Ctx {
        pub state: AppState,
        /// The logged-in user.
        pub user: Principal,
        object: Object,
        action: Action,
        scope: Scope,
        /// What was authorized so far (default: the user's own account), for the journal.
        target: Target,
        object_id: Option<String>,
    }

    impl Ctx {
        async fn new(requirement: Requirement) -> Result<Ctx, AppError> {
            let state = app_state()?;
            let user = match requirement {
                Requirement::Enrolment => session::require_principal_for_enrolment(&state).await?,
                _ => session::require_principal(&state).await?,
            };
            Span::current().record("user_id", field::display(user.user_id));
            let own_account = Target {
                departements: user.departements.clone(),
                entite_id: user.entite_id,
                dispositifs: user.dispositifs.clone(),
                owner: Some(user.user_id),
            };
            let mut cx = Ctx {
                object_id: Some(user.user_id.to_string()),
                state,
                user,
                object: Object::Utilisateur,
                action: Action::Modifier,
                scope: Scope::Own,
                target: own_account,
            };
            if let Requirement::Matrix(object, action) = requirement {
                (cx.object, cx.action, cx.object_id) = (object, action, None);
                cx.scope = match scope_of(cx.user.profile, object, action) {
                    Some(scope) => scope,
                    None => return Err(cx.refuse(None::<String>).await),
                };
            }
            Ok(cx)
        }

        pub fn db(&self) -> &PgPool {
            &self.state.pool
        }

        /// The action the function's requirement names (`Modifier` on one's own account).
        pub fn action(&self) -> Action {
            self.action
        }

        /// The scope the user holds for the function's (object, action): lists filter their SQL by it.
        pub fn scope(&self) -> Scope {
            self.scope
        }

        /// The matrix's decision on one object (`target`, with its id when it has one). A denial is
        /// journaled and answers 403. The read of a nominative object is journaled here: no page can
        /// show one without leaving a trace.
        pub async fn authorize(&mut self, target: Target, id: Option<impl ToString>) -> Result<(), AppError> {
            let id = id.map(|i| i.to_string());
            if let Some(id) = &id {
                Span::current().record("object_id", field::display(id));
            }
            self.object_id = id;
            let allowed = decide(&self.user, self.object, self.action, &target);
            // The journal line is filed under every territory the call touched (before and after a move).
            for d in target.departements {
                if !self.target.departements.contains(&d) {
                    self.target.departements.push(d);
                }
            }
            if !allowed {
                return Err(self.refuse(None::<String>).await);
            }
            if self.action == Action::Consulter && self.object.is_nominative() {
                self.done(Action::Consulter.code()).await;
            }
            Ok(())
        }

        /// Journals a refusal (with a reason for the reader of the journal) and returns the 403 error.
        pub async fn refuse(&self, detail: Option<impl Into<String>>) -> AppError {
            tracing::info!(object = self.object.code(), action = self.action.code(), "refused");
            let mut entry = self.entry(self.action.code(), Outcome::Refus);
            entry.detail = detail.map(Into::into);
            self.journal(entry).await;
            AppError::Forbidden
        }

        /// A journal line about the current object, prefilled: actor, object, id, target's territory.
        pub fn entry(&self, action: &str, outcome: Outcome) -> AuditEntry {
            AuditEntry::by(&self.user, action, self.object, outcome)
                .object_id(self.object_id.clone())
                .territory(self.target.departements.clone())
        }

        pub async fn journal(&self, entry: AuditEntry) {
            audit::record(self.db(), entry).await;
        }

        /// Journals the success of `action` on the current object.
        pub async fn done(&self, action: &str) {
            self.journal(self.entry(action, Outcome::Succes)).await;
        }

        /// Names the object acted upon once it exists (after a creation).
        pub fn created(&mut self, id: impl ToString) {
            let id = id.to_string();
            Span::current().record("object_id", field::display(&id));
            self.object_id = Some(id);
        }
    }

    /// What a public server function knows of its call.
    pub struct Anonymous {
        pub state: AppState,
    }

    impl Anonymous {
        pub fn db(&self) -> &PgPool {
            &self.state.pool
        }

        /// The logged-in user, if any (loaded once per request).
        pub async fn user(&self) -> Result<Option<Principal>, AppError> {
            let user = session::current_principal(&self.state).await?;
            if let Some(u) = &user {
                Span::current().record("user_id", field::display(u.user_id));
            }
            Ok(user)
        }

        pub async fn journal(&self, entry: AuditEntry) {
            audit::record(self.db(), entry).await;
        }
    }

    /// One server function and its requirement (collected from every `server_fns!` table).
    #[derive(Debug)]
    pub struct Registered {
        pub path: &'static str,
        pub requirement: Requirement,
    }

    inventory::collect!(Registered);

    /// Every server function of the application, with its requirement.
    pub fn registered() -> impl Iterator<Item = &'static Registered> {
        inventory::iter::<Registered>.into_iter()
    }

    pub fn find(path: &str) -> Option<&'static Registered> {
        registered().find(|r| r.path == path)
    }
}

/// Declares the requirement of each server function of a domain (a table: one line per function),
/// and registers it for the tests (`rights::registry`), keyed by the function's own `PATH`.
/// `public`, `authenticated` (own account, second factor set up if the profile requires it),
/// `enrolment` (own account, second factor not required yet) or `matrix(Object, Action)`.
macro_rules! server_fns {
    () => {};
    ($ty:ident => public $(, $($rest:tt)*)?) => {
        #[cfg(feature = "ssr")]
        impl $crate::handler::Public for $ty {}
        $crate::handler::server_fns!(@register $ty, $crate::handler::Requirement::Public);
        $crate::handler::server_fns!($($($rest)*)?);
    };
    ($ty:ident => authenticated $(, $($rest:tt)*)?) => {
        $crate::handler::server_fns!(@guarded $ty, $crate::handler::Requirement::Authenticated);
        $crate::handler::server_fns!($($($rest)*)?);
    };
    ($ty:ident => enrolment $(, $($rest:tt)*)?) => {
        $crate::handler::server_fns!(@guarded $ty, $crate::handler::Requirement::Enrolment);
        $crate::handler::server_fns!($($($rest)*)?);
    };
    ($ty:ident => matrix($object:ident, $action:ident) $(, $($rest:tt)*)?) => {
        $crate::handler::server_fns!(@guarded $ty, $crate::handler::Requirement::Matrix(
            $crate::rights::model::Object::$object,
            $crate::rights::model::Action::$action,
        ));
        $crate::handler::server_fns!($($($rest)*)?);
    };
    (@guarded $ty:ident, $requirement:expr) => {
        #[cfg(feature = "ssr")]
        impl $crate::handler::Guarded for $ty {
            const REQUIREMENT: $crate::handler::Requirement = $requirement;
        }
        $crate::handler::server_fns!(@register $ty, <$ty as $crate::handler::Guarded>::REQUIREMENT);
    };
    (@register $ty:ident, $requirement:expr) => {
        #[cfg(feature = "ssr")]
        inventory::submit! {
            $crate::handler::Registered {
                path: <$ty as leptos::server_fn::ServerFn>::PATH,
                requirement: $requirement,
            }
        }
    };
}
pub(crate) use server_fns;
