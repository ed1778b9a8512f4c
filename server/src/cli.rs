//! Command-line tasks of the server binary.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::config::Config;

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// `recompute --profile <uuid> --from <date> [--to <date>]`: recomputes one
/// profile's engine rows now (as service_role), printing what it wrote.
pub async fn recompute(config: Config, args: &[String]) -> Result<(), String> {
    let profile: Uuid = flag(args, "--profile")
        .ok_or("--profile <uuid> is required")?
        .parse()
        .map_err(|e| format!("--profile: {e}"))?;
    let date = |name: &str| -> Result<Option<NaiveDate>, String> {
        flag(args, name)
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|e| format!("{name}: {e}")))
            .transpose()
    };
    let from = date("--from")?.ok_or("--from <YYYY-MM-DD> is required")?;
    let to = date("--to")?.unwrap_or_else(|| chrono::Utc::now().date_naive());
    if from > to {
        return Err("--from is after --to".into());
    }
    let (pools, postgres) = crate::startup::database(&config.database, None).await.map_err(|e| e.to_string())?;
    let result = app::performance::recompute::recompute(&pools.service, profile, from, to).await;
    pools.close().await;
    if let Some(pg) = postgres {
        let _ = tokio::task::spawn_blocking(move || pg.stop()).await;
    }
    match result.map_err(|e| format!("recompute failed: {e}"))? {
        Some(summary) => {
            println!("{}", serde_json::to_string(&summary).unwrap_or_default());
            Ok(())
        }
        None => Err(format!("no profile {profile}")),
    }
}
