//! Configuration from the environment, with documented defaults (see docs/operations.md).

use std::net::SocketAddr;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?} ({reason})")]
    Invalid { name: &'static str, value: String, reason: String },
}

#[derive(Clone, Debug)]
pub struct Config {
    /// PostgreSQL connection string.
    pub database_url: String,
    /// Address the HTTP server listens on.
    pub bind_addr: SocketAddr,
    /// SMTP server for outgoing mail (smtp://host:port).
    pub smtp_url: String,
    /// Public base URL of the application, used in links sent by mail.
    pub app_base_url: String,
    /// Folder holding the built site: pkg/ (wasm, js), dsfr/, siao.css.
    pub site_root: String,
    /// Show the State branding (Marianne block and font). Only for State services.
    pub state_branding: bool,
    /// Demo deployment (demo banner, demo accounts).
    pub demo_mode: bool,
    /// Maximum number of database connections of this app server.
    pub db_max_connections: u32,
    /// Logs as JSON lines (for log collectors) instead of human-readable text.
    pub log_json: bool,
    /// Sender of the mails.
    pub mail_from: String,
    /// `Secure` flag of the session cookie (only `false` for plain-HTTP localhost).
    pub secure_cookies: bool,
    /// Profiles that must use the second factor (comma-separated profile codes).
    pub totp_required: Vec<app::rights::model::Profile>,
    /// Reverse proxies whose X-Forwarded-For is believed (comma-separated CIDR blocks; none by default:
    /// the TCP peer is the client).
    pub trusted_proxies: Vec<app::net::Cidr>,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str, default: &str| lookup(name).unwrap_or_else(|| default.to_string());
        Ok(Config {
            database_url: get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/siao"),
            bind_addr: parse("BIND_ADDR", get("BIND_ADDR", "127.0.0.1:3000"))?,
            smtp_url: get("SMTP_URL", "smtp://127.0.0.1:2525"),
            app_base_url: get("APP_BASE_URL", "http://localhost:3000").trim_end_matches('/').to_string(),
            site_root: get("SITE_ROOT", "target/site"),
            state_branding: parse_bool("STATE_BRANDING", get("STATE_BRANDING", "true"))?,
            demo_mode: parse_bool("DEMO_MODE", get("DEMO_MODE", "false"))?,
            db_max_connections: parse("DB_MAX_CONNECTIONS", get("DB_MAX_CONNECTIONS", "20"))?,
            log_json: parse_bool("LOG_JSON", get("LOG_JSON", "false"))?,
            mail_from: get("MAIL_FROM", "SI SIAO <ne-pas-repondre@si-siao.localhost>"),
            secure_cookies: parse_bool("SECURE_COOKIES", get("SECURE_COOKIES", "true"))?,
            totp_required: parse_profiles("TOTP_REQUIRED_PROFILES", get("TOTP_REQUIRED_PROFILES", ""))?,
            trusted_proxies: parse_list("TRUSTED_PROXIES", get("TRUSTED_PROXIES", ""))?,
        })
    }
}

fn parse<T: std::str::FromStr>(name: &'static str, value: String) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e: T::Err| ConfigError::Invalid { name, reason: e.to_string(), value })
}

fn parse_profiles(name: &'static str, value: String) -> Result<Vec<app::rights::model::Profile>, ConfigError> {
    value
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| {
            app::rights::model::Profile::from_code(code).ok_or_else(|| ConfigError::Invalid {
                name,
                value: value.clone(),
                reason: format!("unknown profile {code:?}"),
            })
        })
        .collect()
}

fn parse_list<T: std::str::FromStr>(name: &'static str, value: String) -> Result<Vec<T>, ConfigError>
where
    T::Err: std::fmt::Display,
{
    value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(|v| parse(name, v.to_string())).collect()
}

fn parse_bool(name: &'static str, value: String) -> Result<bool, ConfigError> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ConfigError::Invalid { name, value, reason: "expected true or false".into() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let c = config(&[]).unwrap();
        assert_eq!(c.bind_addr, "127.0.0.1:3000".parse().unwrap());
        assert!(c.state_branding);
        assert!(!c.demo_mode);
        assert_eq!(c.app_base_url, "http://localhost:3000");
    }

    #[test]
    fn values_are_read_and_checked() {
        let c = config(&[("STATE_BRANDING", "off"), ("APP_BASE_URL", "https://siao.example/")]).unwrap();
        assert!(!c.state_branding);
        assert_eq!(c.app_base_url, "https://siao.example");
        let err = config(&[("BIND_ADDR", "nowhere")]).unwrap_err();
        assert!(err.to_string().contains("BIND_ADDR"), "{err}");
        assert!(config(&[("DEMO_MODE", "peut-être")]).is_err());
        let c = config(&[("TOTP_REQUIRED_PROFILES", "admin_national, admin_departemental")]).unwrap();
        assert_eq!(
            c.totp_required,
            [app::rights::model::Profile::AdminNational, app::rights::model::Profile::AdminDepartemental]
        );
        assert!(config(&[("TOTP_REQUIRED_PROFILES", "admin")]).is_err());
    }
}
