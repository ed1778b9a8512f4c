//! Pantry rows and page data, shared by the server and the browser.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::logic::{freshness, Freshness, Location};
use crate::modules::TileSummary;

/// One pantry item as the page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PantryItem {
    pub id: Uuid,
    pub name: String,
    pub location: Location,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub expiry_date: Option<NaiveDate>,
    pub barcode: Option<String>,
    pub cost: Option<f64>,
    pub notes: Option<String>,
    /// The profile that added it.
    pub added_by: String,
    /// The SR28 food it is linked to.
    pub food_ndb_no: Option<String>,
}

impl PantryItem {
    /// "1.5 kg", "3", or nothing.
    pub fn amount(&self) -> String {
        match (self.quantity, self.unit.as_deref()) {
            (Some(q), Some(u)) => format!("{} {u}", crate::meals::logic::recipe::trim_number(q)),
            (Some(q), None) => crate::meals::logic::recipe::trim_number(q),
            (None, Some(u)) => u.to_owned(),
            (None, None) => String::new(),
        }
    }
}

/// One item's page: the item, the description of its linked food, and the foods it may be
/// linked to (found for `q`, or for its name while it is not linked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PantryItemPage {
    pub item: PantryItem,
    pub food: Option<String>,
    pub q: String,
    pub foods: Vec<crate::meals::recipes::model::FoodMatch>,
}

/// How the list is filtered and ordered (from the page's query string).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PantrySort {
    /// Soonest expiry first, undated last.
    #[default]
    Expiry,
    Name,
}

impl PantrySort {
    pub fn parse(raw: &str) -> Self {
        if raw == "name" {
            PantrySort::Name
        } else {
            PantrySort::Expiry
        }
    }
    pub fn value(self) -> &'static str {
        match self {
            PantrySort::Expiry => "expiry",
            PantrySort::Name => "name",
        }
    }
}

/// How many items one page of the pantry lists (soonest expiry first, so what needs using
/// is always on the first page).
pub const PAGE_LEN: i64 = 50;

/// The highest page number asked for that is read (beyond it, the first page is shown).
pub const MAX_PAGE: i64 = 1000;

/// What the pantry page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PantryList {
    pub items: Vec<PantryItem>,
    /// This page's number, from 1.
    pub page: i64,
    /// Items in stock at this location, on every page.
    pub total: i64,
    pub location: Option<Location>,
    pub sort: PantrySort,
    pub today: NaiveDate,
}

impl PantryList {
    pub fn pages(&self) -> i64 {
        (self.total + PAGE_LEN - 1) / PAGE_LEN
    }
}

/// A `page` query parameter: a number from 1 to [`MAX_PAGE`], else the first page.
pub fn parse_page(raw: &str) -> i64 {
    if raw.len() > 8 {
        return 1;
    }
    raw.trim().parse::<i64>().ok().filter(|p| (1..=MAX_PAGE).contains(p)).unwrap_or(1)
}

/// An expiring item on the tile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ExpiringItem {
    pub name: String,
    pub expiry_date: NaiveDate,
}

/// The pantry tile: the count expiring soon (expired included) and the first names.
pub fn tile_summary(count: i64, first: &[ExpiringItem]) -> TileSummary {
    if count == 0 {
        return TileSummary::empty("Nothing expires in the next days.", Some("/pantry"));
    }
    let names: Vec<&str> = first.iter().map(|i| i.name.as_str()).collect();
    let caption = format!("expiring soon: {}", names.join(", "));
    TileSummary::figure(crate::dashboard::logic::plural(count, "item", "items"), &caption, Some("/pantry"))
}

/// The pantry tile set to "Items in stock".
pub fn stock_summary(count: i64) -> TileSummary {
    if count == 0 {
        return TileSummary::empty("Add what is in your fridge, freezer and cupboard.", Some("/pantry"));
    }
    TileSummary::figure(crate::dashboard::logic::plural(count, "item", "items"), "in stock", Some("/pantry"))
}

/// The badge text and style of an expiry on `today`.
pub fn freshness_badge(expiry: Option<NaiveDate>, today: NaiveDate) -> Option<(&'static str, &'static str)> {
    match freshness(expiry, today) {
        Freshness::Expired => Some(("Expired", "bg-red-800 text-white")),
        Freshness::Soon => Some(("Use soon", "bg-amber-300 text-slate-900")),
        Freshness::Fine | Freshness::NoDate => None,
    }
}

/// A leftover on the leftovers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Leftover {
    pub id: Uuid,
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub source_recipe_id: Option<Uuid>,
    pub location: Location,
    pub stored_date: NaiveDate,
    pub expiry_date: Option<NaiveDate>,
    /// The profile that stored it.
    pub stored_by: String,
}

impl Leftover {
    /// "2 servings", "300 g".
    pub fn amount(&self) -> String {
        let q = self.quantity.map(crate::meals::logic::recipe::trim_number).unwrap_or_default();
        match (self.quantity, self.unit.as_deref()) {
            (Some(q1), Some("servings")) if (q1 - 1.0).abs() < 1e-9 => "1 serving".into(),
            (Some(_), Some(u)) => format!("{q} {u}"),
            (Some(_), None) => q,
            (None, _) => String::new(),
        }
    }
}

/// The leftovers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeftoversPage {
    pub leftovers: Vec<Leftover>,
    pub today: NaiveDate,
}

/// The use-it-up page: what expires in the next days, and recipes that use it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UseItUpPage {
    pub expiring: Vec<PantryItem>,
    pub suggestions: Vec<super::logic::use_it_up::Suggestion>,
    pub days: i64,
    pub today: NaiveDate,
}
