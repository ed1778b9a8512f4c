//! Queries on wt_pantry_items in the caller's transaction. Row-level security
//! shows the household's rows (every profile's), so no query names a profile
//! to read; a new row belongs to the profile that adds it.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::{Location, PantryItemDraft};
use super::model::{ExpiringItem, PantryItem, PantrySort};

const COLUMNS: &str = "i.id, i.name, i.category as location, i.quantity::float8 as quantity, i.unit, i.expiry_date, \
     i.barcode, i.cost::float8 as cost, i.notes, p.display_name as added_by, i.food_ndb_no";

/// The items with who added them (`COLUMNS` reads these).
const ITEMS: &str = "wt_pantry_items i join wt_profiles p on p.id = i.profile_id";

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
        "select {COLUMNS}, count(*) over () as total from {ITEMS} \
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

#[derive(sqlx::FromRow)]
struct ItemWithFood {
    #[sqlx(flatten)]
    item: PantryItem,
    food: Option<String>,
}

/// One item of the household, in stock or not, with the description of the food it is
/// linked to.
pub async fn get(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<(PantryItem, Option<String>)>> {
    let sql = format!(
        "select {COLUMNS}, f.description as food from {ITEMS} left join food.foods f on f.ndb_no = i.food_ndb_no \
         where i.id = $1"
    );
    let row: Option<ItemWithFood> = sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?;
    Ok(row.map(|r| (r.item, r.food)))
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

/// Links an item to an SR28 food (or unlinks it with `None`); `false` when the household has
/// no such item. The food must exist (the caller checks, for a message next to the field).
pub async fn link_food(conn: &mut PgConnection, id: Uuid, food_ndb_no: Option<&str>) -> sqlx::Result<bool> {
    let done = sqlx::query("update wt_pantry_items set food_ndb_no = $2 where id = $1")
        .bind(id)
        .bind(food_ndb_no)
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

/// The most items a cook compares with (soonest expiry first): a household's pantry is far
/// smaller; the bound keeps one cook's work bounded.
pub const MAX_STOCK: i64 = 2_000;

/// The household's items in stock for a cook, soonest expiry first; `lock` holds them until
/// the transaction ends, so two cooks at once do not both take the same milk.
pub async fn stock(conn: &mut PgConnection, lock: bool) -> sqlx::Result<Vec<crate::pantry::logic::deduct::Stock>> {
    type Row = (Uuid, String, Option<String>, Option<f64>, Option<String>, Option<NaiveDate>);
    let rows: Vec<Row> = sqlx::query_as(if lock {
        "select id, name, food_ndb_no, quantity::float8, unit, expiry_date from wt_pantry_items where is_available \
         order by expiry_date nulls last, id limit $1 for update"
    } else {
        "select id, name, food_ndb_no, quantity::float8, unit, expiry_date from wt_pantry_items where is_available \
         order by expiry_date nulls last, id limit $1"
    })
    .bind(MAX_STOCK)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, food_ndb_no, quantity, unit, expiry_date)| crate::pantry::logic::deduct::Stock {
            id,
            name,
            food_ndb_no,
            quantity,
            unit,
            expiry_date,
        })
        .collect())
}

/// Stores what a cook left of each item (0 = used up, no longer listed), in one statement.
pub async fn apply_takes(conn: &mut PgConnection, takes: &[crate::pantry::logic::deduct::Take]) -> sqlx::Result<()> {
    if takes.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = takes.iter().map(|t| t.item_id).collect();
    let left: Vec<f64> = takes.iter().map(|t| t.left).collect();
    sqlx::query(
        "update wt_pantry_items i set quantity = t.remaining, is_available = t.remaining > 0 \
         from unnest($1::uuid[], $2::float8[]) as t(id, remaining) where i.id = t.id",
    )
    .bind(&ids)
    .bind(&left)
    .execute(conn)
    .await
    .map(drop)
}

/// Names of the items in stock and whether each expires from `today` to `today + days`;
/// and the items that expire by then (expired ones included), soonest first.
pub async fn use_it_up(
    conn: &mut PgConnection,
    today: NaiveDate,
    days: i64,
) -> sqlx::Result<(Vec<crate::pantry::logic::use_it_up::StockName>, Vec<PantryItem>)> {
    let rows: Vec<(String, Option<String>, Option<NaiveDate>)> = sqlx::query_as(
        "select name, food_ndb_no, expiry_date from wt_pantry_items where is_available \
         order by expiry_date nulls last, id limit $1",
    )
    .bind(MAX_STOCK)
    .fetch_all(&mut *conn)
    .await?;
    let last = today + chrono::Days::new(days.max(0) as u64);
    let names = rows
        .into_iter()
        .map(|(name, food_ndb_no, expiry)| crate::pantry::logic::use_it_up::StockName {
            name,
            food_ndb_no,
            expiring: expiry.is_some_and(|d| d >= today && d <= last),
        })
        .collect();
    let sql = format!(
        "select {COLUMNS} from {ITEMS} \
         where i.is_available and i.expiry_date <= $1 order by i.expiry_date, lower(i.name), i.id limit 100"
    );
    let expiring = sqlx::query_as(&sql).bind(last).fetch_all(conn).await?;
    Ok((names, expiring))
}

/// A leftover as the page lists it.
const LEFTOVER_COLUMNS: &str = "l.id, l.name, l.quantity::float8 as quantity, l.unit, l.source_recipe_id, \
     l.location, l.stored_date, l.expiry_date, p.display_name as stored_by";

/// A new leftover of a profile (servings of a recipe, or another amount); returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert_leftover(
    conn: &mut PgConnection,
    profile_id: Uuid,
    name: &str,
    quantity: f64,
    unit: &str,
    source_recipe_id: Option<Uuid>,
    location: Location,
    stored_date: NaiveDate,
    expiry_date: NaiveDate,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "insert into wt_leftovers (profile_id, name, quantity, unit, source_recipe_id, location, stored_date, \
           expiry_date) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(profile_id)
    .bind(name)
    .bind(quantity)
    .bind(unit)
    .bind(source_recipe_id)
    .bind(location)
    .bind(stored_date)
    .bind(expiry_date)
    .fetch_one(conn)
    .await
}

/// The household's leftovers not yet eaten or thrown away, soonest expiry first.
pub async fn leftovers(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<super::model::Leftover>> {
    sqlx::query_as(&format!(
        "select {LEFTOVER_COLUMNS} from wt_leftovers l join wt_profiles p on p.id = l.profile_id \
         where not l.is_consumed order by l.expiry_date nulls last, l.stored_date, l.id limit $1"
    ))
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// One leftover not yet eaten, locked until the transaction ends; `None` when the household
/// has no such leftover.
pub async fn leftover_for_update(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<super::model::Leftover>> {
    sqlx::query_as(&format!(
        "select {LEFTOVER_COLUMNS} from wt_leftovers l join wt_profiles p on p.id = l.profile_id \
         where l.id = $1 and not l.is_consumed for update of l"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Sets what is left of a leftover; nothing left marks it eaten.
pub async fn set_leftover_quantity(conn: &mut PgConnection, id: Uuid, left: f64) -> sqlx::Result<()> {
    sqlx::query("update wt_leftovers set quantity = $2, is_consumed = $2 <= 0 where id = $1")
        .bind(id)
        .bind(left.max(0.0))
        .execute(conn)
        .await
        .map(drop)
}

/// Throws a leftover away (kept, as consumed, for history); `false` when there is none.
pub async fn discard_leftover(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("update wt_leftovers set is_consumed = true where id = $1 and not is_consumed")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
