//! The shape every module copies, checked on the source tree (see
//! `../shared/docs/architecture.md`): request code reaches PostgreSQL only
//! through the `Caller` in `app/src/db/`, every query sits in a `db.rs`, the
//! pool and the service role stay with their owners, and `auth.*` is read
//! only by the auth backend. A violation fails the test run with the file
//! and line.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn app_src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../app/src")
}

/// (path relative to `app/src`, line number, line) for every source line.
fn app_lines() -> Vec<(String, usize, String)> {
    let root = app_src();
    let mut files = vec![];
    rust_files(&root, &mut files);
    assert!(files.len() > 50, "expected the app's sources under {}, found {} files", root.display(), files.len());
    let mut lines = vec![];
    for file in files {
        let rel = file.strip_prefix(&root).expect("under app/src").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&file).expect("read source");
        for (i, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            lines.push((rel.clone(), i + 1, line.to_owned()));
        }
    }
    lines
}

fn violations(allowed: impl Fn(&str) -> bool, needle: &str) -> Vec<String> {
    app_lines()
        .into_iter()
        .filter(|(file, _, line)| line.contains(needle) && !allowed(file))
        .map(|(file, n, line)| format!("app/src/{file}:{n}: {}", line.trim()))
        .collect()
}

fn is_db_file(file: &str) -> bool {
    file.ends_with("/db.rs") || file == "db.rs" || file.starts_with("db/")
}

#[test]
fn queries_live_only_in_db_files() {
    let found = violations(is_db_file, "sqlx::query");
    assert!(found.is_empty(), "sqlx::query outside a db.rs file:\n{}", found.join("\n"));
}

#[test]
fn the_service_role_is_used_only_by_the_door_the_auth_backend_and_the_engine_worker() {
    let owners = |file: &str| {
        file.starts_with("db/") || file.starts_with("account/auth/") || file.starts_with("performance/recompute/")
    };
    for needle in ["begin_service", "db::service(", "service_role"] {
        let found = violations(owners, needle);
        assert!(found.is_empty(), "{needle} outside its owners:\n{}", found.join("\n"));
    }
}

#[test]
fn the_pool_is_held_only_by_the_door_the_auth_backend_and_the_engine_worker() {
    let owners = |file: &str| {
        file.starts_with("db/") || file.starts_with("account/auth/") || file.starts_with("performance/recompute/")
    };
    let found = violations(owners, "PgPool");
    assert!(found.is_empty(), "PgPool outside its owners:\n{}", found.join("\n"));
}

#[test]
fn auth_tables_are_read_only_by_the_auth_backend() {
    let found = violations(|file| file == "account/auth/db.rs", "auth.");
    let found: Vec<_> = found.into_iter().filter(|l| l.contains("auth.users") || l.contains("auth.sign_in")).collect();
    assert!(found.is_empty(), "auth.* reached outside the auth backend:\n{}", found.join("\n"));
}

#[test]
fn request_code_opens_no_transaction_of_its_own() {
    for needle in [".begin()", "begin_with(", "pool.acquire("] {
        let found = violations(|file| file.starts_with("db/") || file.starts_with("performance/recompute/"), needle);
        assert!(found.is_empty(), "{needle} outside the door:\n{}", found.join("\n"));
    }
}

#[test]
fn a_persons_day_comes_from_the_household_time_zone() {
    // The engine's worker recomputes per calendar day on its own clock; every
    // page and server function takes "today" from the caller's scope.
    let found = violations(|file| file == "time.rs" || file.starts_with("db/"), "Utc::now().date_naive()");
    let found: Vec<_> = found.into_iter().filter(|l| !l.contains("performance/recompute/")).collect();
    assert!(found.is_empty(), "a UTC day used as a person's day:\n{}", found.join("\n"));
}

#[test]
fn the_checks_see_a_violation_when_there_is_one() {
    // Guard against a scan that silently matches nothing.
    assert!(!violations(|_| false, "sqlx::query").is_empty());
    assert!(!violations(|_| false, "begin_service").is_empty());
}
