mod account;
mod login;
mod password;
mod second_factor;

pub use account::AccountPage;
pub use login::LoginPage;
pub use password::{ForgotPasswordPage, SetPasswordPage};
pub use second_factor::{LoginCodePage, SecondFactorPage};
