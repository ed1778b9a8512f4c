//! Configuration from the environment.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `WELLTRACK_ADDR` (or `LEPTOS_SITE_ADDR`) | `127.0.0.1:3000` | where to listen |
//! | `DATABASE_URL` | unset | use this PostgreSQL; unset = run our own cluster |
//! | `WELLTRACK_DATA_DIR` | `./.welltrack` | the embedded cluster's home |
//! | `WELLTRACK_SECURE_COOKIES` | `false` | set when served over HTTPS |
//! | `WELLTRACK_COMMON_PASSWORDS` | `./data/common-passwords.txt` | blocklist |
//! | `WELLTRACK_WORKERS` | `true` | run the background workers |

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
    /// `DATABASE_URL`: migrations and requests both use it.
    Url(String),
    /// No `DATABASE_URL`: start and manage a cluster in this directory.
    Embedded { data_dir: PathBuf },
    /// Explicit connections (tests): `admin` migrates, `app` serves requests.
    Options { admin: Box<PgConnectOptions>, app: Box<PgConnectOptions> },
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
            Some(url) => Database::Url(url),
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
        Ok(Self { addr, database, secure_cookies, common_passwords, food_data, workers })
    }
}
