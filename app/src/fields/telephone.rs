//! Telephone numbers, normalised: French numbers as 10 digits (`0299000000`, shown `02 99 00 00 00`),
//! from any usual typing (spaces, dots, dashes, `+33`, `0033`); foreign ones as `+` and their digits.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Telephone(String);

const INVALID: &str = "Numéro de téléphone invalide : 10 chiffres (ex. 02 99 00 00 00) ou +indicatif international.";

impl Telephone {
    pub fn parse(typed: &str) -> Result<Telephone, &'static str> {
        let t = typed.trim();
        if t.chars().any(|c| !(c.is_ascii_digit() || " .-()/+".contains(c))) {
            return Err(INVALID);
        }
        let plus = t.starts_with('+');
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        let french = match (plus, digits.strip_prefix("33"), digits.strip_prefix("0033")) {
            (true, Some(rest), _) | (false, _, Some(rest)) => Some(format!("0{}", rest.trim_start_matches('0'))),
            (false, _, None) if digits.len() == 10 && digits.starts_with('0') => Some(digits.clone()),
            _ => None,
        };
        match french {
            Some(n) if n.len() == 10 && !n.starts_with("00") => Ok(Telephone(n)),
            Some(_) => Err(INVALID),
            None if plus && (10..=15).contains(&digits.len()) => Ok(Telephone(format!("+{digits}"))),
            None => Err(INVALID),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A stored value, as shown.
    pub fn display(stored: &str) -> String {
        if stored.len() == 10 && !stored.starts_with('+') {
            stored.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
        } else {
            stored.to_string()
        }
    }
}

impl fmt::Display for Telephone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Telephone::display(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_formats_are_normalised() {
        for typed in [
            "0299000000",
            "02 99 00 00 00",
            "02.99.00.00.00",
            "02-99-00-00-00",
            "+33 2 99 00 00 00",
            "0033299000000",
            "+33 (0)2 99 00 00 00",
        ] {
            assert_eq!(Telephone::parse(typed).map(|t| t.as_str().to_string()), Ok("0299000000".into()), "{typed}");
        }
        assert_eq!(Telephone::parse("0299000000").unwrap().to_string(), "02 99 00 00 00");
        assert_eq!(Telephone::parse("+32 2 123 45 67").unwrap().as_str(), "+3221234567");
    }

    #[test]
    fn anything_else_is_refused() {
        for typed in ["", "029900000", "02990000000", "2990000000", "02 99 AB 00 00", "+33 2 99", "0000000000", "+12"] {
            assert!(Telephone::parse(typed).is_err(), "{typed}");
        }
    }
}
