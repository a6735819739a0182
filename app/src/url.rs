//! URL helpers shared by pages and server functions: encoding, the after-login target, redirects.

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where to go after login: only a path of this application, else the home page. The value comes
/// from the query string, so it is hostile until proven otherwise: it must parse as a bare path (no
/// scheme, no host), start with a single `/`, and hold only visible ASCII: no control character (a
/// browser drops tabs and newlines, turning `/\t/evil.example` into `//evil.example`), no space, no
/// backslash (read as `/` by browsers).
pub fn safe_next(next: Option<&str>) -> String {
    let Some(next) = next else { return "/".into() };
    let visible_ascii = next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let bare_path = next.parse::<http::Uri>().is_ok_and(|uri| uri.scheme().is_none() && uri.authority().is_none());
    if visible_ascii && bare_path && next.starts_with('/') && !next.starts_with("//") && next.len() <= 2000 {
        next.to_string()
    } else {
        "/".into()
    }
}

/// Redirects the current request (302 for a plain form post, a header for the client otherwise).
/// A location that cannot be a header value is never sent: the home page is, and the error logged
/// (`leptos_axum::redirect` would panic and drop the connection).
#[cfg(feature = "ssr")]
pub fn redirect(location: &str) {
    if axum::http::HeaderValue::from_str(location).is_ok() {
        leptos_axum::redirect(location);
    } else {
        tracing::error!(?location, "redirect to an invalid location refused");
        leptos_axum::redirect("/");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_their_slashes_and_the_rest_is_encoded() {
        assert_eq!(urlencode("/utilisateurs/12"), "/utilisateurs/12");
        assert_eq!(urlencode("/journal?a=b&c=é"), "/journal%3Fa%3Db%26c%3D%C3%A9");
    }

    #[test]
    fn only_paths_of_this_application_are_followed_after_login() {
        for ok in ["/utilisateurs", "/journal?action=connexion&avant=12", "/utilisateurs/%C3%A9", "/"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            " //evil.example",
            "/\x01",
            "/\x7f",
            "/é",
            "javascript:alert(1)",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
