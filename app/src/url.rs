//! URL helpers shared by pages and server functions.

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::urlencode;

    #[test]
    fn paths_keep_their_slashes_and_the_rest_is_encoded() {
        assert_eq!(urlencode("/utilisateurs/12"), "/utilisateurs/12");
        assert_eq!(urlencode("/journal?a=b&c=é"), "/journal%3Fa%3Db%26c%3D%C3%A9");
    }
}
