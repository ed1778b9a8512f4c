//! Configuration from the environment.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `WELLTRACK_ADDR` (or `LEPTOS_SITE_ADDR`) | `127.0.0.1:3000` | where to listen |
//! | `DATABASE_URL` | unset | use this PostgreSQL (the login that migrates and owns the schema); unset = run our own cluster |
//! | `WELLTRACK_APP_DATABASE_URL` | `DATABASE_URL` | with `DATABASE_URL`: the login of request code (`wt_app`) |
//! | `WELLTRACK_SERVICE_DATABASE_URL` | `DATABASE_URL` | with `DATABASE_URL`: the login of sign-in, sessions and workers (`wt_service`) |
//! | `WELLTRACK_DATA_DIR` | `./.welltrack` | the embedded cluster's home |
//! | `WELLTRACK_SECURE_COOKIES` | `false` | set when served over HTTPS |
//! | `WELLTRACK_COMMON_PASSWORDS` | `./data/common-passwords.txt` | blocklist |
//! | `WELLTRACK_WORKERS` | `true` | run the background workers |
//! | `WELLTRACK_TRUSTED_PROXIES` | unset | comma-separated addresses of reverse proxies whose `X-Forwarded-For` names the client (for the sign-in throttle) |

use std::net::SocketAddr;
use std::path::PathBuf;

use sqlx::postgres::PgConnectOptions;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

#[derive(Clone, Debug)]
pub enum Database {
    /// `DATABASE_URL` migrates; requests and the service log in with their
    /// own URLs where given (scripts/managed-postgres-roles.sql), else with it.
    Url { admin: String, app: Option<String>, service: Option<String> },
    /// No `DATABASE_URL`: start and manage a cluster in this directory.
    Embedded { data_dir: PathBuf },
    /// Explicit connections (tests): `admin` migrates, `app` serves requests,
    /// `service` signs in, keeps sessions and runs the workers.
    Options { admin: Box<PgConnectOptions>, app: Box<PgConnectOptions>, service: Box<PgConnectOptions> },
}

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub database: Database,
    pub secure_cookies: bool,
    pub common_passwords: PathBuf,
    /// The USDA SR28 files (`data/sr28`, fetched by scripts/setup.sh), loaded once.
    pub food_data: PathBuf,
    /// Run the background workers (the engine's recompute queue). Off only
    /// in tests that count one request's statements.
    pub workers: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed; empty: none.
    pub trusted_proxies: app::account::logic::TrustedProxies,
    /// Whether the recipe importer may fetch pages from private and loopback addresses
    /// (`WELLTRACK_IMPORT_ALLOW_PRIVATE_ADDRESSES=1`; off by default).
    pub fetch_policy: app::meals::recipes::import::fetch::FetchPolicy,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let addr_text =
            var("WELLTRACK_ADDR").or_else(|| var("LEPTOS_SITE_ADDR")).unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_text.parse().map_err(|e: std::net::AddrParseError| ConfigError::Invalid {
            name: "WELLTRACK_ADDR",
            reason: format!("{addr_text:?}: {e}"),
        })?;
        let database = match var("DATABASE_URL") {
            Some(admin) => Database::Url {
                admin,
                app: var("WELLTRACK_APP_DATABASE_URL"),
                service: var("WELLTRACK_SERVICE_DATABASE_URL"),
            },
            None => Database::Embedded {
                data_dir: var("WELLTRACK_DATA_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(".welltrack")),
            },
        };
        let secure_cookies = match var("WELLTRACK_SECURE_COOKIES").as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "WELLTRACK_SECURE_COOKIES",
                    reason: format!("{other:?} is not true or false"),
                })
            }
        };
        let common_passwords = var("WELLTRACK_COMMON_PASSWORDS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("data/common-passwords.txt"));
        let trusted_proxies = parse_trusted_proxies(var("WELLTRACK_TRUSTED_PROXIES").as_deref())?;
        let workers = match var("WELLTRACK_WORKERS").as_deref() {
            None | Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "WELLTRACK_WORKERS",
                    reason: format!("{other:?} is not true or false"),
                })
            }
        };
        let food_data = var("WELLTRACK_FOOD_DATA").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("data/sr28"));
        let fetch_policy = app::meals::recipes::import::fetch::FetchPolicy {
            allow_private: matches!(
                var("WELLTRACK_IMPORT_ALLOW_PRIVATE_ADDRESSES").as_deref(),
                Some("1" | "true" | "yes")
            ),
        };
        Ok(Self { addr, database, secure_cookies, common_passwords, food_data, workers, trusted_proxies, fetch_policy })
    }
}

/// `WELLTRACK_TRUSTED_PROXIES`: IP addresses separated by commas (at most 64).
pub fn parse_trusted_proxies(text: Option<&str>) -> Result<app::account::logic::TrustedProxies, ConfigError> {
    let mut proxies = Vec::new();
    for item in text.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if proxies.len() == 64 {
            return Err(ConfigError::Invalid {
                name: "WELLTRACK_TRUSTED_PROXIES",
                reason: "more than 64 addresses".into(),
            });
        }
        proxies.push(item.parse().map_err(|e: std::net::AddrParseError| ConfigError::Invalid {
            name: "WELLTRACK_TRUSTED_PROXIES",
            reason: format!("{item:?}: {e}"),
        })?);
    }
    Ok(app::account::logic::TrustedProxies(proxies))
}

#[cfg(test)]
mod tests {
    use super::parse_trusted_proxies;

    #[test]
    fn trusted_proxies_are_addresses_and_nothing_else() {
        assert!(parse_trusted_proxies(None).unwrap().0.is_empty());
        let parsed = parse_trusted_proxies(Some(" 10.0.0.2, ::1 ")).unwrap();
        assert_eq!(parsed.0.len(), 2);
        let err = parse_trusted_proxies(Some("10.0.0.0/8")).unwrap_err().to_string();
        assert!(err.contains("WELLTRACK_TRUSTED_PROXIES"), "{err}");
    }
}
