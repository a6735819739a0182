//! SIREN: 9 digits with a Luhn check key, unique nationally. Looking it up in the SIRENE register
//! needs the network, which a deployment may not have: the lookup is a trait, with an offline
//! implementation that knows nothing (a deployment plugs the INSEE API in its place).

use std::fmt;

/// A SIREN whose key is right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Siren(String);

impl Siren {
    /// Parses a SIREN typed with or without spaces.
    pub fn parse(typed: &str) -> Result<Siren, &'static str> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err("Le SIREN comporte 9 chiffres.");
        }
        if !luhn(&digits) {
            return Err("Ce SIREN n'est pas valide (clé de contrôle erronée) : vérifiez la saisie.");
        }
        Ok(Siren(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Siren {
    /// As printed on official documents: `123 456 782`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", &self.0[0..3], &self.0[3..6], &self.0[6..9])
    }
}

/// Luhn key: doubling every second digit from the right, the sum is a multiple of 10.
pub fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// What the SIRENE register says of a company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SireneInfo {
    pub raison_sociale: String,
    pub adresse: Option<String>,
}

/// The SIRENE register, to pre-fill an entité from its SIREN.
pub trait SireneLookup: Send + Sync {
    fn lookup(&self, siren: &Siren) -> Option<SireneInfo>;
}

/// No network here: nothing is known, the user types everything.
pub struct OfflineSirene;

impl SireneLookup for OfflineSirene {
    fn lookup(&self, _: &Siren) -> Option<SireneInfo> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_luhn_key_is_checked() {
        assert_eq!(Siren::parse("123 456 782").unwrap().as_str(), "123456782");
        assert_eq!(Siren::parse("732829320").unwrap().to_string(), "732 829 320");
        assert!(Siren::parse("123456789").unwrap_err().contains("clé"));
        assert!(Siren::parse("12345678").unwrap_err().contains("9 chiffres"));
        assert!(Siren::parse("12345678a").is_err());
        assert!(Siren::parse("").is_err());
        assert!(OfflineSirene.lookup(&Siren::parse("732829320").unwrap()).is_none());
    }
}
