//! Every server function (and, later, every REST handler) declares here what it does, so that the
//! tests can enumerate them: a server function missing from this list fails the tests, and each
//! `Matrix` entry is called as every profile, in and out of scope, and checked against the matrix.

use super::model::{Action, Object};

/// What a server function requires of its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// Anyone (login, password links, layout, service status).
    Public,
    /// Any logged-in user, on their own account only (sessions, own password).
    Authenticated,
    /// The matrix decides, for this object and action.
    Matrix(Object, Action),
}

/// How the generic rights test builds a call: which arguments, pointing at what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// No arguments.
    NoArgs,
    /// These form fields, each with a placeholder value.
    Fields(&'static [&'static str]),
    /// `id` of a Travailleur social account inside or outside the caller's territory.
    UserId,
    /// `id`, current `version` and unchanged `form` of that account.
    UserUpdate,
    /// A new Travailleur social account `form` in an entité inside or outside the territory.
    NewUser,
}

#[derive(Clone, Copy, Debug)]
pub struct Registered {
    /// URL of the server function.
    pub path: &'static str,
    pub requirement: Requirement,
    pub probe: Probe,
}

const fn public(path: &'static str) -> Registered {
    Registered { path, requirement: Requirement::Public, probe: Probe::NoArgs }
}
const fn own(path: &'static str) -> Registered {
    Registered { path, requirement: Requirement::Authenticated, probe: Probe::NoArgs }
}
const fn own_with(path: &'static str, fields: &'static [&'static str]) -> Registered {
    Registered { path, requirement: Requirement::Authenticated, probe: Probe::Fields(fields) }
}
const fn matrix(path: &'static str, object: Object, action: Action, probe: Probe) -> Registered {
    Registered { path, requirement: Requirement::Matrix(object, action), probe }
}

pub static SERVER_FNS: &[Registered] = &[
    public("/api/ui/layout"),
    public("/api/ui/service_status"),
    public("/api/auth/login"),
    public("/api/auth/logout"),
    public("/api/auth/forgot_password"),
    public("/api/auth/set_password"),
    public("/api/auth/login_code"),
    own("/api/auth/second_factor_status"),
    own_with("/api/auth/totp_begin", &["password"]),
    own_with("/api/auth/totp_confirm", &["code"]),
    own_with("/api/auth/totp_disable", &["password", "code"]),
    own_with("/api/auth/change_password", &["current", "password", "confirmation"]),
    own("/api/auth/my_sessions"),
    own("/api/auth/end_session"),
    matrix("/api/droits/matrix_access", Object::MatriceDroits, Action::Consulter, Probe::NoArgs),
    matrix("/api/journal/list", Object::JournalAudit, Action::Consulter, Probe::NoArgs),
    matrix("/api/utilisateurs/list", Object::Utilisateur, Action::Consulter, Probe::NoArgs),
    matrix("/api/utilisateurs/get", Object::Utilisateur, Action::Consulter, Probe::UserId),
    matrix("/api/utilisateurs/form_options", Object::Utilisateur, Action::Creer, Probe::NoArgs),
    matrix("/api/utilisateurs/create", Object::Utilisateur, Action::Creer, Probe::NewUser),
    matrix("/api/utilisateurs/update", Object::Utilisateur, Action::Modifier, Probe::UserUpdate),
    matrix("/api/utilisateurs/deactivate", Object::Utilisateur, Action::Supprimer, Probe::UserId),
    matrix("/api/utilisateurs/resend_welcome", Object::Utilisateur, Action::Modifier, Probe::UserId),
];

pub fn find(path: &str) -> Option<&'static Registered> {
    SERVER_FNS.iter().find(|r| r.path == path)
}
