//! The schema's migrations (`migrations/`, embedded at build time) and the
//! few that were amended after databases had applied them.
//!
//! sqlx refuses to run when an applied migration's text changed (its
//! checksum differs). An amendment that leaves what the migration made
//! unchanged, such as creating a role only when it is missing so that a
//! managed PostgreSQL with precreated roles can migrate, is listed in
//! [`AMENDED`] with the checksum it replaced: a database that applied the old
//! text is told the new one, and nothing else is rewritten.

use sqlx::PgPool;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// (version, SHA-384 of the text the version had before its amendment).
pub const AMENDED: &[(i64, &str)] = &[
    // 0001: roles are created only where missing (before any privilege check), and wt_app is
    // no longer given service_role (0019 takes it back where it was).
    (1, "6f7fa371f386c8fc5de874ef5a4181840678f5da7922fad78fd4177192a324265b4370e4b9aaed010ed76d6a0d20914c"),
    // 0008: CREATE on `private` lent to wt_rls_definer while it is given the policy helpers.
    (8, "76b79cd95591457e66939bf9760cede54ffa1310677e73717db203cf2f82a2a059855a2bc64c25dc1b478d4d3084472d"),
];

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot accept the amended migrations: {0}")]
    Amend(#[from] sqlx::Error),
}

/// Accepts the amended migrations' new text, then applies what is pending.
/// `pool` should hold one connection (start-up's does): sqlx's migrator keeps
/// its session advisory lock when it fails, and would block the pool's other
/// connections until that one closes.
pub async fn run(pool: &PgPool) -> Result<(), MigrationError> {
    accept_amendments(pool).await?;
    MIGRATOR.run(pool).await?;
    Ok(())
}

/// Rewrites the stored checksum of each amended migration that a database
/// applied in its old form; returns how many it rewrote.
pub async fn accept_amendments(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let applied: bool =
        sqlx::query_scalar("select to_regclass('_sqlx_migrations') is not null").fetch_one(pool).await?;
    if !applied {
        return Ok(0);
    }
    let mut rewritten = 0;
    for (version, old) in AMENDED {
        let Some(migration) = MIGRATOR.iter().find(|m| m.version == *version) else { continue };
        rewritten += sqlx::query(
            "update _sqlx_migrations set checksum = $2 where version = $1 and checksum = decode($3, 'hex')",
        )
        .bind(version)
        .bind(migration.checksum.as_ref())
        .bind(old)
        .execute(pool)
        .await?
        .rows_affected();
    }
    Ok(rewritten)
}
