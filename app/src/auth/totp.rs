//! Second factor: time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s), each accepted once,
//! and single-use recovery codes stored hashed.

use rand::Rng;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

use super::model::TotpSetup;
use crate::error::AppError;

pub const ISSUER: &str = "SI SIAO";
pub const STEP_SECONDS: u64 = 30;
pub const RECOVERY_CODES: usize = 10;

fn totp(secret_b32: &str, email: &str) -> Result<TOTP, AppError> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().map_err(|_| AppError::Internal)?;
    TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECONDS, bytes, Some(ISSUER.to_string()), email.to_string())
        .map_err(|_| AppError::Internal)
}

/// A new random secret (160 bits), base32.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// What the enrolment screen shows: the otpauth link as a QR code (SVG) and the secret as text.
pub fn setup(secret_b32: &str, email: &str) -> Result<TotpSetup, AppError> {
    let url = totp(secret_b32, email)?.get_url();
    let qr = qrcode::QrCode::new(url.as_bytes()).map_err(|_| AppError::Internal)?;
    let svg = qr.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    let grouped =
        secret_b32.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).to_string()).collect::<Vec<_>>().join(" ");
    Ok(TotpSetup { otpauth_url: url, secret: grouped, qr_svg: svg })
}

/// The time step of `code` if it is valid at `now` (± one step for clock drift) and later than
/// `last_step` (no replay).
pub fn verify(secret_b32: &str, email: &str, code: &str, last_step: Option<i64>, now: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 {
        return None;
    }
    let totp = totp(secret_b32, email).ok()?;
    let current = (now / STEP_SECONDS) as i64;
    (current - 1..=current + 1)
        .filter(|step| last_step.is_none_or(|last| *step > last))
        .find(|step| constant_eq(&totp.generate(*step as u64 * STEP_SECONDS), &code))
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

/// Recovery codes as shown once to the user ("abcde-fghij").
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let raw: String = (0..10).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
            format!("{}-{}", &raw[..5], &raw[5..])
        })
        .collect()
}

/// Hash of a recovery code as typed (case, spaces and dashes ignored).
pub fn recovery_hash(code: &str) -> Vec<u8> {
    let normalised: String =
        code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    Sha256::digest(normalised.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "marie@siao35.fr";

    #[test]
    fn a_code_is_valid_around_its_step_and_only_once() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = totp(&secret, EMAIL).unwrap().generate(now);
        let step = verify(&secret, EMAIL, &code, None, now).expect("valid now");
        assert_eq!(step, (now / STEP_SECONDS) as i64);
        assert!(verify(&secret, EMAIL, &code, None, now + STEP_SECONDS).is_some(), "one step of drift");
        assert!(verify(&secret, EMAIL, &code, None, now + 3 * STEP_SECONDS).is_none(), "expired");
        assert!(verify(&secret, EMAIL, &code, Some(step), now).is_none(), "no replay");
        assert!(verify(&secret, EMAIL, "000000x", None, now).is_none());
    }

    #[test]
    fn setup_gives_a_scannable_link_and_the_secret() {
        let secret = new_secret();
        let s = setup(&secret, EMAIL).unwrap();
        assert!(s.otpauth_url.starts_with("otpauth://totp/SI%20SIAO:marie%40siao35.fr?"), "{}", s.otpauth_url);
        assert!(s.qr_svg.starts_with("<?xml") && s.qr_svg.contains("<svg"));
        assert_eq!(s.secret.replace(' ', ""), secret);
    }

    #[test]
    fn recovery_codes_are_distinct_and_typed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let c = &codes[0];
        assert_eq!(recovery_hash(c), recovery_hash(&format!(" {} ", c.to_uppercase().replace('-', ""))));
    }
}
