//! Probes of login, password links, sessions and the second factor: placeholder values (they act on
//! the caller's own account, or on nobody yet).

use app::auth::second_factor::{LoginCode, TotpBegin, TotpConfirm, TotpDisable};
use app::auth::server::{ChangePassword, EndSession, ForgotPassword, Login, SetPassword};

use super::{placeholders, Call, Probe};

pub fn probes() -> Vec<Probe> {
    vec![
        Probe::fields::<Login>(|_, _, _| Call { args: placeholders(&["email", "password", "next"]), target: None })
            .optional(&["next"]),
        Probe::fields::<ForgotPassword>(|_, _, _| Call { args: placeholders(&["email"]), target: None }),
        Probe::fields::<SetPassword>(|_, _, _| Call {
            args: placeholders(&["token", "password", "confirmation"]),
            target: None,
        }),
        Probe::fields::<LoginCode>(|_, _, _| Call { args: placeholders(&["code", "next"]), target: None })
            .optional(&["next"]),
        Probe::fields::<TotpBegin>(|_, _, _| Call { args: placeholders(&["password"]), target: None }),
        Probe::fields::<TotpConfirm>(|_, _, _| Call { args: placeholders(&["code"]), target: None }),
        Probe::fields::<TotpDisable>(|_, _, _| Call { args: placeholders(&["password", "code"]), target: None }),
        Probe::fields::<ChangePassword>(|_, _, _| Call {
            args: placeholders(&["current", "password", "confirmation"]),
            target: None,
        }),
        Probe::fields::<EndSession>(|_, _, _| Call { args: vec![("id", uuid::Uuid::nil().to_string())], target: None })
            .optional(&["id"]),
    ]
}
