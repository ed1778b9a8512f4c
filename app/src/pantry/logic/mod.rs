//! Pantry rules (pure): the pantry item form, barcodes, what expires soon, and
//! when a leftover should be eaten by.
//!
//! Leftover expiry defaults follow USDA FSIS, "Leftovers and Food Safety"
//! (fsis.usda.gov): refrigerated leftovers keep 3 to 4 days; frozen ones are
//! safe indefinitely but best within 3 to 4 months. WellTrack proposes the
//! short end of each range (3 days, 3 months); the person can change it.

pub mod deduct;
pub mod matching;
pub mod use_it_up;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::input::{self, Choice, DateRange};

pub const NAME_MAX: usize = 120;
pub const UNIT_MAX: usize = 30;
pub const NOTES_MAX: usize = 500;
pub const MAX_QUANTITY: f64 = 100_000.0;
pub const MAX_COST: f64 = 100_000.0;
/// Days ahead that count as "expiring soon" on the pantry tile and list.
pub const SOON_DAYS: i64 = 3;
/// Leftovers in the fridge: USDA's 3 to 4 days, the short end.
pub const FRIDGE_LEFTOVER_DAYS: u64 = 3;
/// Leftovers in the freezer: USDA's 3 to 4 months for quality, the short end.
pub const FREEZER_LEFTOVER_MONTHS: u32 = 3;

/// Where an item is kept (`wt_pantry_category`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_pantry_category", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum Location {
    Fridge,
    Freezer,
    Cupboard,
}

impl Choice for Location {
    const ALL: &'static [Self] = &[Location::Fridge, Location::Freezer, Location::Cupboard];
    fn value(self) -> &'static str {
        match self {
            Location::Fridge => "fridge",
            Location::Freezer => "freezer",
            Location::Cupboard => "cupboard",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Location::Fridge => "Fridge",
            Location::Freezer => "Freezer",
            Location::Cupboard => "Cupboard",
        }
    }
}

/// A pantry item as the form posts it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PantryItemForm {
    pub name: String,
    pub location: String,
    pub quantity: String,
    pub unit: String,
    pub expiry_date: String,
    pub barcode: String,
    pub cost: String,
    pub notes: String,
}

/// A pantry item that passed every rule.
#[derive(Clone, Debug, PartialEq)]
pub struct PantryItemDraft {
    pub name: String,
    pub location: Location,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub expiry_date: Option<NaiveDate>,
    pub barcode: Option<String>,
    pub cost: Option<f64>,
    pub notes: Option<String>,
}

/// Reads the form; every problem is reported next to its field. Expiry dates
/// may lie a year back (a forgotten jar) up to 30 years ahead (tins).
pub fn parse_item(form: &PantryItemForm, today: NaiveDate) -> Result<PantryItemDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = input::text(&mut errors, "name", &form.name, NAME_MAX, Some("Enter what the item is."));
    let location =
        input::choice::<Location>(&mut errors, "location", &form.location, "Choose fridge, freezer or cupboard.");
    let quantity = input::number(&mut errors, "quantity", &form.quantity, 0.0, MAX_QUANTITY, "quantity");
    let unit = input::text(&mut errors, "unit", &form.unit, UNIT_MAX, None);
    let range = DateRange {
        earliest: today.checked_sub_months(Months::new(12)).unwrap_or(today),
        latest: today.checked_add_months(Months::new(12 * 30)).unwrap_or(today),
        too_late: "Enter an expiry date within 30 years.",
    };
    let expiry_date = if form.expiry_date.trim().is_empty() {
        None
    } else {
        input::date(&mut errors, "expiry_date", &form.expiry_date, range, None)
    };
    let barcode = match form.barcode.trim() {
        "" => None,
        raw => match parse_barcode(raw) {
            Some(code) => Some(code),
            None => {
                errors.add("barcode", "Enter the 8, 12, 13 or 14 digits under the barcode.");
                None
            }
        },
    };
    let cost = input::number(&mut errors, "cost", &form.cost, 0.0, MAX_COST, "cost");
    let notes = input::text(&mut errors, "notes", &form.notes, NOTES_MAX, None);
    match (name, location) {
        (Some(name), Some(location)) if errors.is_empty() => {
            Ok(PantryItemDraft { name, location, quantity, unit, expiry_date, barcode, cost, notes })
        }
        _ => Err(errors),
    }
}

/// A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) with a correct check digit, as its
/// digits; spaces and hyphens between digits are dropped (GS1 General
/// Specifications §7.9: weights 3 and 1 from the right, before the check digit).
pub fn parse_barcode(raw: &str) -> Option<String> {
    if raw.len() > 40 {
        return None;
    }
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if !matches!(digits.len(), 8 | 12 | 13 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let values: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let (body, check) = values.split_at(values.len() - 1);
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    ((10 - sum % 10) % 10 == check[0]).then_some(digits)
}

/// The proposed "eat by" of a leftover stored on `stored` in `location`
/// (a cupboard leftover is treated as a fridge one: cooked food is not kept
/// at room temperature).
pub fn leftover_expiry(stored: NaiveDate, location: Location) -> NaiveDate {
    match location {
        Location::Freezer => stored.checked_add_months(Months::new(FREEZER_LEFTOVER_MONTHS)).unwrap_or(stored),
        Location::Fridge | Location::Cupboard => {
            stored.checked_add_days(chrono::Days::new(FRIDGE_LEFTOVER_DAYS)).unwrap_or(stored)
        }
    }
}

/// How an expiry date reads on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Freshness {
    Expired,
    Soon,
    Fine,
    NoDate,
}

pub fn freshness(expiry: Option<NaiveDate>, today: NaiveDate) -> Freshness {
    match expiry {
        None => Freshness::NoDate,
        Some(d) if d < today => Freshness::Expired,
        Some(d) if (d - today).num_days() <= SOON_DAYS => Freshness::Soon,
        Some(_) => Freshness::Fine,
    }
}

/// "Eat this leftover", as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EatLeftoverForm {
    pub leftover_id: String,
    pub profile_id: String,
    pub servings: String,
    pub meal_type: String,
    pub meal_date: String,
}

/// Checks "eat this leftover": who ate it (one of `household`), how much (more than nothing,
/// at most what is left: `left`, or 20 when its amount was not recorded), the meal and its
/// day (not in the future).
pub fn parse_eat(
    form: &EatLeftoverForm,
    household: &[uuid::Uuid],
    left: Option<f64>,
    today: NaiveDate,
) -> Result<(uuid::Uuid, f64, crate::meals::model::MealType, NaiveDate), FieldErrors> {
    let mut errors = FieldErrors::new();
    let profile = uuid::Uuid::parse_str(form.profile_id.trim()).ok().filter(|id| household.contains(id));
    if profile.is_none() {
        errors.add("profile_id", "Choose who ate it.");
    }
    let most = left.unwrap_or(20.0).min(20.0);
    let servings = match crate::meals::logic::recipe::parse_quantity(&form.servings) {
        Ok(s) if s <= most + 1e-9 => Some(s),
        _ => {
            let most = crate::meals::logic::recipe::trim_number(most);
            errors.add("servings", format!("Enter how much was eaten, at most the {most} left."));
            None
        }
    };
    let meal_type = crate::meals::logic::meal_form::parse_meal_type(&form.meal_type, &mut errors);
    let meal_date = crate::meals::logic::meal_form::parse_meal_date(&form.meal_date, today, &mut errors);
    match (profile, servings, meal_type, meal_date) {
        (Some(p), Some(s), Some(m), Some(d)) if errors.is_empty() => Ok((p, s, m, d)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn form(name: &str, location: &str) -> PantryItemForm {
        PantryItemForm { name: name.into(), location: location.into(), ..Default::default() }
    }

    #[test]
    fn gs1_check_digits_are_verified() {
        // GS1's worked example (General Specifications, check digit calculation): 629104150021 → 3.
        assert_eq!(parse_barcode("6291041500213").as_deref(), Some("6291041500213"));
        assert_eq!(parse_barcode("6291041500214"), None, "a wrong check digit");
        assert_eq!(parse_barcode("4006381333931").as_deref(), Some("4006381333931"), "EAN-13");
        assert_eq!(parse_barcode("036000291452").as_deref(), Some("036000291452"), "UPC-A");
        assert_eq!(parse_barcode("96385074").as_deref(), Some("96385074"), "EAN-8");
        assert_eq!(parse_barcode("4 006381 333931").as_deref(), Some("4006381333931"), "printed with spaces");
        assert_eq!(parse_barcode("12345"), None);
        assert_eq!(parse_barcode("40063813339a1"), None);
        assert_eq!(parse_barcode(&"1".repeat(10_000)), None);
    }

    #[test]
    fn leftovers_get_usdas_short_end() {
        assert_eq!(leftover_expiry(day(2026, 12, 3), Location::Fridge), day(2026, 12, 6));
        assert_eq!(leftover_expiry(day(2026, 12, 3), Location::Cupboard), day(2026, 12, 6));
        assert_eq!(leftover_expiry(day(2026, 11, 30), Location::Freezer), day(2027, 2, 28), "month ends clamp");
    }

    #[test]
    fn freshness_counts_days_from_today() {
        let today = day(2026, 12, 3);
        assert_eq!(freshness(None, today), Freshness::NoDate);
        assert_eq!(freshness(Some(day(2026, 12, 2)), today), Freshness::Expired);
        assert_eq!(freshness(Some(today), today), Freshness::Soon);
        assert_eq!(freshness(Some(day(2026, 12, 6)), today), Freshness::Soon);
        assert_eq!(freshness(Some(day(2026, 12, 7)), today), Freshness::Fine);
    }

    #[test]
    fn the_form_reports_each_bad_field() {
        let today = day(2026, 12, 3);
        let ok = parse_item(
            &PantryItemForm {
                quantity: "1,5".into(),
                unit: "kg".into(),
                expiry_date: "2026-12-10".into(),
                cost: "2.40".into(),
                ..form("Potatoes", "cupboard")
            },
            today,
        )
        .unwrap();
        assert_eq!(ok.quantity, Some(1.5));
        assert_eq!(ok.location, Location::Cupboard);
        let err = parse_item(
            &PantryItemForm {
                quantity: "-1".into(),
                expiry_date: "2090-01-01".into(),
                barcode: "123".into(),
                cost: "lots".into(),
                ..form("", "garage")
            },
            today,
        )
        .unwrap_err();
        for field in ["name", "location", "quantity", "expiry_date", "barcode", "cost"] {
            assert!(err.get(field).is_some(), "{field}: {err:?}");
        }
        let long = parse_item(&form(&"x".repeat(NAME_MAX + 1), "fridge"), today).unwrap_err();
        assert!(long.get("name").is_some());
    }

    #[test]
    fn eating_a_leftover_takes_at_most_what_is_left() {
        let today = day(2026, 12, 3);
        let (parent, other) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(9));
        let form = |profile: uuid::Uuid, servings: &str| EatLeftoverForm {
            profile_id: profile.to_string(),
            servings: servings.into(),
            meal_type: "lunch".into(),
            meal_date: String::new(),
            ..Default::default()
        };
        let (who, servings, _, date) = parse_eat(&form(parent, "1 1/2"), &[parent], Some(2.0), today).unwrap();
        assert_eq!((who, servings, date), (parent, 1.5, today));
        let err = parse_eat(&form(parent, "3"), &[parent], Some(2.0), today).unwrap_err();
        assert_eq!(err.get("servings").unwrap(), "Enter how much was eaten, at most the 2 left.");
        assert!(parse_eat(&form(other, "1"), &[parent], Some(2.0), today).unwrap_err().get("profile_id").is_some());
        assert!(parse_eat(&form(parent, "0"), &[parent], None, today).unwrap_err().get("servings").is_some());
        assert!(parse_eat(&form(parent, "5"), &[parent], None, today).is_ok(), "amount not recorded");
    }
}
