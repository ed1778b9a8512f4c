//! Queries on wt_pantry_items in the caller's transaction. Row-level security
//! shows the household's rows (every profile's), so no query names a profile
//! to read; a new row belongs to the profile that adds it.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::{Location, PantryItemDraft};
use super::model::{ExpiringItem, PantryItem, PantrySort};

const COLUMNS: &str = "i.id, i.name, i.category as location, i.quantity::float8 as quantity, i.unit, i.expiry_date, \
     i.barcode, i.cost::float8 as cost, i.notes, p.display_name as added_by";

#[derive(sqlx::FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    item: PantryItem,
    total: i64,
}

/// One page of the household's items still in stock, filtered by location and ordered by
/// `sort`, with the number of items on all pages.
pub async fn list(
    conn: &mut PgConnection,
    location: Option<Location>,
    sort: PantrySort,
    page: i64,
) -> sqlx::Result<(Vec<PantryItem>, i64)> {
    let order = match sort {
        PantrySort::Expiry => "i.expiry_date nulls last, lower(i.name), i.id",
        PantrySort::Name => "lower(i.name), i.expiry_date nulls last, i.id",
    };
    // `order` is one of two fixed strings above, never input.
    let sql = format!(
        "select {COLUMNS}, count(*) over () as total from wt_pantry_items i join wt_profiles p on p.id = i.profile_id \
         where i.is_available and ($1::wt_pantry_category is null or i.category = $1) \
         order by {order} limit $2 offset $3"
    );
    let rows: Vec<ListRow> = sqlx::query_as(&sql)
        .bind(location)
        .bind(super::model::PAGE_LEN)
        .bind((page - 1) * super::model::PAGE_LEN)
        .fetch_all(conn)
        .await?;
    let total = rows.first().map_or(0, |r| r.total);
    Ok((rows.into_iter().map(|r| r.item).collect(), total))
}

/// One item of the household, in stock or not.
pub async fn get(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<PantryItem>> {
    let sql =
        format!("select {COLUMNS} from wt_pantry_items i join wt_profiles p on p.id = i.profile_id where i.id = $1");
    sqlx::query_as(&sql).bind(id).fetch_optional(conn).await
}

/// Binds the draft's eight columns after what `query` has bound: name,
/// category, quantity, unit, expiry_date, barcode, cost, notes.
fn bind_draft<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments>,
    item: &'q PantryItemDraft,
) -> sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments> {
    query
        .bind(&item.name)
        .bind(item.location)
        .bind(item.quantity)
        .bind(&item.unit)
        .bind(item.expiry_date)
        .bind(&item.barcode)
        .bind(item.cost)
        .bind(&item.notes)
}

pub async fn insert(conn: &mut PgConnection, profile_id: Uuid, item: &PantryItemDraft) -> sqlx::Result<Uuid> {
    let query = sqlx::query_as::<_, (Uuid,)>(
        "insert into wt_pantry_items (profile_id, name, category, quantity, unit, expiry_date, barcode, cost, notes) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
    )
    .bind(profile_id);
    Ok(bind_draft(query, item).fetch_one(conn).await?.0)
}

/// Changes an item of the household; `false` when there is none with that id.
pub async fn update(conn: &mut PgConnection, id: Uuid, item: &PantryItemDraft) -> sqlx::Result<bool> {
    let query = sqlx::query_as::<_, (Uuid,)>(
        "update wt_pantry_items set name = $2, category = $3, quantity = $4, unit = $5, expiry_date = $6, \
           barcode = $7, cost = $8, notes = $9 where id = $1 returning id",
    )
    .bind(id);
    Ok(bind_draft(query, item).fetch_optional(conn).await?.is_some())
}

/// Marks an item used up (kept for history, no longer listed); `false` when there is none.
pub async fn use_up(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done =
        sqlx::query("update wt_pantry_items set is_available = false, quantity = 0 where id = $1 and is_available")
            .bind(id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("delete from wt_pantry_items where id = $1").bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// How many items in stock expire by `today + days` (expired ones included),
/// and the first `first` of them, soonest first; one query.
pub async fn expiring(
    conn: &mut PgConnection,
    today: NaiveDate,
    days: i64,
    first: i64,
) -> sqlx::Result<(i64, Vec<ExpiringItem>)> {
    let rows: Vec<(String, NaiveDate, i64)> = sqlx::query_as(
        "select name, expiry_date, count(*) over () from wt_pantry_items \
         where is_available and expiry_date <= $1::date + $2::int \
         order by expiry_date, lower(name) limit $3",
    )
    .bind(today)
    .bind(days as i32)
    .bind(first)
    .fetch_all(conn)
    .await?;
    let count = rows.first().map(|r| r.2).unwrap_or(0);
    Ok((count, rows.into_iter().map(|(name, expiry_date, _)| ExpiringItem { name, expiry_date }).collect()))
}

/// How many items the household has in stock.
pub async fn in_stock_count(conn: &mut PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("select count(*) from wt_pantry_items where is_available").fetch_one(conn).await
}
