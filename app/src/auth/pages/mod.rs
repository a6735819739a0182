mod account;
mod login;
mod password;

pub use account::AccountPage;
pub use login::LoginPage;
pub use password::{ForgotPasswordPage, SetPasswordPage};
