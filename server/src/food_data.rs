//! Loads the USDA SR28 food composition release into the `food` schema, once.
//!
//! `scripts/setup.sh` takes the SR28 files from a registry package (data-sources.md §1) into
//! `data/sr28`; the server loads them at start-up when `food.datasets` has no SR28 row, in one
//! transaction (a half-done load leaves nothing behind), as the database owner. Only the
//! nutrients WellTrack uses are kept (`app::meals::logic::sr28::nutr_no::KEPT`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use app::meals::logic::sr28::{fields, fruit_veg_legumes_pct, is_red_meat, number, nutr_no, CITATION};
use sqlx::PgConnection;

pub const DATASET: &str = "usda_sr28";

/// What a loaded release holds: 1 had nine nutrient columns, 2 adds the minerals and vitamins
/// that have daily targets (migration 0020). A database at an older revision is brought up to
/// date in place: foods are upserted, never deleted, so recipe ingredients keep their links.
pub const REVISION: i32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum FoodDataError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{file} line {line}: {reason}")]
    Format { file: &'static str, line: usize, reason: String },
    #[error("cannot store the food data: {0}")]
    Database(#[from] sqlx::Error),
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    AlreadyLoaded,
    /// An older revision was brought up to date.
    Upgraded {
        foods: usize,
    },
    Loaded {
        foods: usize,
        portions: usize,
    },
    /// The files are not there (setup has not fetched them).
    Missing(PathBuf),
}

/// The parsed release: CSV bodies ready for `COPY`, and counts.
struct Release {
    groups_csv: String,
    foods_csv: String,
    portions_csv: String,
    foods: usize,
    portions: usize,
}

fn read_cp1252(dir: &Path, name: &'static str) -> Result<String, FoodDataError> {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).map_err(|source| FoodDataError::Read { path, source })?;
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    Ok(text.into_owned())
}

/// A CSV field for `COPY … (format csv)`: quoted, quotes doubled; `None` is an unquoted empty
/// field, which COPY reads as NULL.
fn csv_field(out: &mut String, value: Option<&str>) {
    if let Some(v) = value {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    }
}

fn csv_number(out: &mut String, value: Option<f64>) {
    if let Some(v) = value {
        let _ = write!(out, "{v}");
    }
}

fn parse(dir: &Path) -> Result<Release, FoodDataError> {
    let bad =
        |file: &'static str, line: usize, reason: &str| FoodDataError::Format { file, line, reason: reason.into() };

    let mut groups_csv = String::new();
    for (i, line) in read_cp1252(dir, "FD_GROUP.txt")?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let f = fields(line);
        if f.len() < 2 || f[0].is_empty() {
            return Err(bad("FD_GROUP.txt", i + 1, "expected a code and a name"));
        }
        csv_field(&mut groups_csv, Some(f[0]));
        groups_csv.push(',');
        csv_field(&mut groups_csv, Some(f[1]));
        groups_csv.push('\n');
    }

    // Nutrient values of the kept nutrients, by food.
    let kept: HashMap<&str, usize> = nutr_no::KEPT.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut values: HashMap<String, [Option<f64>; nutr_no::KEPT.len()]> = HashMap::new();
    for (i, line) in read_cp1252(dir, "NUT_DATA.txt")?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let f = fields(line);
        if f.len() < 3 {
            return Err(bad("NUT_DATA.txt", i + 1, "expected a food, a nutrient and a value"));
        }
        if let Some(&slot) = kept.get(f[1]) {
            values.entry(f[0].to_owned()).or_default()[slot] = number(f[2]);
        }
    }

    let mut foods_csv = String::new();
    let mut foods = 0;
    for (i, line) in read_cp1252(dir, "FOOD_DES.txt")?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let f = fields(line);
        if f.len() < 3 || f[0].is_empty() || f[2].is_empty() {
            return Err(bad("FOOD_DES.txt", i + 1, "expected a food number, a group and a description"));
        }
        let (ndb_no, group, description) = (f[0], f[1], f[2]);
        csv_field(&mut foods_csv, Some(ndb_no));
        foods_csv.push(',');
        csv_field(&mut foods_csv, Some(group));
        foods_csv.push(',');
        csv_field(&mut foods_csv, Some(description));
        for v in values.get(ndb_no).copied().unwrap_or_default() {
            foods_csv.push(',');
            csv_number(&mut foods_csv, v);
        }
        let _ = writeln!(foods_csv, ",{},{}", fruit_veg_legumes_pct(group, description), is_red_meat(group));
        foods += 1;
    }

    let mut portions_csv = String::new();
    let mut portions = 0;
    for (i, line) in read_cp1252(dir, "WEIGHT.txt")?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let f = fields(line);
        if f.len() < 5 {
            return Err(bad("WEIGHT.txt", i + 1, "expected a food, a sequence, an amount, a measure and grams"));
        }
        let (Some(amount), Some(grams)) = (number(f[2]), number(f[4])) else {
            return Err(bad("WEIGHT.txt", i + 1, "amount and grams must be numbers"));
        };
        // A measure that weighs nothing cannot convert a quantity; SR28 has none, but skip them.
        if amount <= 0.0 || grams <= 0.0 {
            continue;
        }
        csv_field(&mut portions_csv, Some(f[0]));
        let _ = write!(portions_csv, ",{},{},", f[1].trim(), amount);
        csv_field(&mut portions_csv, Some(f[3]));
        let _ = writeln!(portions_csv, ",{grams}");
        portions += 1;
    }
    Ok(Release { groups_csv, foods_csv, portions_csv, foods, portions })
}

async fn copy(conn: &mut PgConnection, statement: &str, body: &str) -> Result<(), FoodDataError> {
    let mut copy = conn.copy_in_raw(statement).await?;
    copy.send(body.as_bytes()).await?;
    copy.finish().await?;
    Ok(())
}

/// The loaded revision of SR28, if any.
async fn loaded_revision(conn: &mut PgConnection) -> Result<Option<i32>, FoodDataError> {
    Ok(sqlx::query_scalar("select revision from food.datasets where name = $1")
        .bind(DATASET)
        .fetch_optional(conn)
        .await?)
}

/// Loads SR28 from `dir` unless this revision is loaded already. `conn` must be the database
/// owner.
pub async fn ensure_loaded(conn: &mut PgConnection, dir: &Path) -> Result<Outcome, FoodDataError> {
    if loaded_revision(conn).await?.is_some_and(|r| r >= REVISION) {
        return Ok(Outcome::AlreadyLoaded);
    }
    if !dir.join("FOOD_DES.txt").is_file() {
        return Ok(Outcome::Missing(dir.to_owned()));
    }
    let owned = dir.to_owned();
    let release = tokio::task::spawn_blocking(move || parse(&owned)).await.map_err(|e| FoodDataError::Format {
        file: "SR28",
        line: 0,
        reason: e.to_string(),
    })??;

    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    // Two servers starting at once: the second waits, then finds the data loaded.
    sqlx::query("lock table food.datasets in exclusive mode").execute(&mut *tx).await?;
    let before = loaded_revision(&mut tx).await?;
    if before.is_some_and(|r| r >= REVISION) {
        return Ok(Outcome::AlreadyLoaded);
    }
    // Into scratch tables first, then upserted: the same path fills an empty schema and
    // brings an older revision's rows up to date.
    sqlx::raw_sql(
        "create temp table load_groups (like food.food_groups) on commit drop; \
         create temp table load_foods (like food.foods) on commit drop; \
         create temp table load_portions (like food.portions) on commit drop",
    )
    .execute(&mut *tx)
    .await?;
    let columns = nutr_no::FOOD_COLUMNS.join(", ");
    copy(&mut tx, "copy load_groups (code, name) from stdin (format csv)", &release.groups_csv).await?;
    copy(
        &mut tx,
        &format!(
            "copy load_foods (ndb_no, food_group, description, {columns}, fruit_veg_legumes_pct, red_meat) \
             from stdin (format csv)"
        ),
        &release.foods_csv,
    )
    .await?;
    copy(
        &mut tx,
        "copy load_portions (ndb_no, seq, amount, description, grams) from stdin (format csv)",
        &release.portions_csv,
    )
    .await?;
    let updates: Vec<String> = nutr_no::FOOD_COLUMNS
        .iter()
        .chain(&["food_group", "description", "fruit_veg_legumes_pct", "red_meat"])
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    sqlx::query(
        "insert into food.food_groups select * from load_groups \
         on conflict (code) do update set name = excluded.name",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "insert into food.foods (ndb_no, food_group, description, {columns}, fruit_veg_legumes_pct, red_meat) \
         select ndb_no, food_group, description, {columns}, fruit_veg_legumes_pct, red_meat from load_foods \
         on conflict (ndb_no) do update set {}",
        updates.join(", ")
    ))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into food.portions select * from load_portions \
         on conflict (ndb_no, seq) do update set amount = excluded.amount, description = excluded.description, \
           grams = excluded.grams",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into food.datasets (name, citation, foods, revision) values ($1, $2, $3, $4) \
         on conflict (name) do update set citation = excluded.citation, foods = excluded.foods, \
           revision = excluded.revision, imported_at = now()",
    )
    .bind(DATASET)
    .bind(CITATION)
    .bind(release.foods as i32)
    .bind(REVISION)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(match before {
        Some(_) => Outcome::Upgraded { foods: release.foods },
        None => Outcome::Loaded { foods: release.foods, portions: release.portions },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_quote_text_and_leave_nulls_empty() {
        let mut out = String::new();
        csv_field(&mut out, Some("Pie, \"deep\" dish"));
        out.push(',');
        csv_field(&mut out, None);
        out.push(',');
        csv_number(&mut out, Some(0.5));
        out.push(',');
        csv_number(&mut out, None);
        assert_eq!(out, "\"Pie, \"\"deep\"\" dish\",,0.5,");
    }

    #[test]
    fn a_small_release_parses_with_cp1252_text() {
        let dir = std::env::temp_dir().join(format!("welltrack-sr28-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("FD_GROUP.txt"), b"~1600~^~Legumes and Legume Products~\r\n").unwrap();
        // 0x91 is a left single quotation mark in cp1252.
        std::fs::write(dir.join("FOOD_DES.txt"), b"~16070~^~1600~^~Lentils, \x91green\x92, boiled~^~X~\r\n").unwrap();
        std::fs::write(dir.join("NUT_DATA.txt"), b"~16070~^~208~^116^1^^~1~\r\n~16070~^~999~^5^1^^~1~\r\n").unwrap();
        std::fs::write(dir.join("WEIGHT.txt"), b"~16070~^1^1^~cup~^198^^\r\n").unwrap();
        let r = parse(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!((r.foods, r.portions), (1, 1));
        assert_eq!(
            r.foods_csv,
            "\"16070\",\"1600\",\"Lentils, \u{2018}green\u{2019}, boiled\",116,,,,,,,,,,,,,,100,false\n"
        );
        assert_eq!(r.portions_csv, "\"16070\",1,1,\"cup\",198\n");
        assert_eq!(r.groups_csv, "\"1600\",\"Legumes and Legume Products\"\n");
    }
}
