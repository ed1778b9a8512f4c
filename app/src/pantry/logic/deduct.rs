//! What cooking a recipe takes from the pantry (pure).
//!
//! Rules:
//! - Each ingredient's amount is scaled to the servings made and compared in
//!   the pantry item's own unit: within mass or volume always, between them
//!   through the food's density (from its SR28 household measures), a count
//!   only with the same count ("2 eggs" from "6" eggs or "6 pieces"). An
//!   ingredient known only by its weight is compared by that weight.
//! - Items are found by [`super::matching`]: the items that are the better
//!   match are used, soonest expiry first; the looser matches only when no
//!   item is a better one.
//! - An item whose quantity was never recorded counts as enough and is left
//!   as it is; an item whose unit does not compare is not touched and the
//!   line says so, so nothing is taken by guesswork.
//! - What the items do not cover is listed as missing, in the recipe's unit.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::matching::{IngredientWords, ItemIndex, Match};
use crate::meals::logic::units::{Dimension, Measure, Unit};

/// Amounts below this (in an item's unit) count as nothing left.
const EPSILON: f64 = 1e-6;

/// A recipe ingredient as the recipe holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Needed {
    pub name: String,
    /// Its SR28 food's description and number, when linked.
    pub food: Option<String>,
    pub food_ndb_no: Option<String>,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub grams: Option<f64>,
    /// Grams per millilitre of its food, when known.
    pub density: Option<f64>,
}

/// A pantry item in stock.
#[derive(Clone, Debug, PartialEq)]
pub struct Stock {
    pub id: Uuid,
    pub name: String,
    /// The SR28 food it is linked to.
    pub food_ndb_no: Option<String>,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub expiry_date: Option<NaiveDate>,
}

/// How far the pantry covers one ingredient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cover {
    /// Enough in stock (taken from `from`).
    InStock,
    /// Some in stock; `missing` more is needed ("150 g").
    Short { missing: String },
    /// Nothing in the pantry matches.
    Missing,
    /// A matching item's unit does not compare with the recipe's; it is left untouched.
    Unmeasured,
}

/// One ingredient's line on the check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineCheck {
    pub ingredient: String,
    /// The scaled amount the recipe asks for ("300 g", "3"), empty when it gives none.
    pub needed: String,
    /// The pantry items it comes from.
    pub from: Vec<String>,
    pub cover: Cover,
}

/// What one item gives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Take {
    pub item_id: Uuid,
    pub name: String,
    /// The item's quantity after cooking (0 = used up).
    pub left: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deduction {
    pub lines: Vec<LineCheck>,
    /// One entry per item that changes, in the order first used.
    pub takes: Vec<Take>,
}

impl Deduction {
    pub fn missing_count(&self) -> usize {
        self.lines.iter().filter(|l| matches!(l.cover, Cover::Missing | Cover::Short { .. })).count()
    }
}

/// An amount as the recipe asks for it, scaled by `factor`.
fn needed_measure(n: &Needed, factor: f64) -> Option<Measure> {
    let unit = n.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    match (n.quantity, unit.map(|u| (u, Unit::parse(u)))) {
        (Some(q), None) if q > 0.0 => Some(Measure::new(q * factor, Unit::Piece)),
        (Some(q), Some((_, Some(unit)))) if q > 0.0 => Some(Measure::new(q * factor, unit)),
        _ => n.grams.filter(|g| *g > 0.0).map(|g| Measure::new(g * factor, Unit::Gram)),
    }
}

/// A stock item's unit: a known unit, a plain count when none is written, `None` when the
/// written unit is not one WellTrack knows.
fn stock_unit(s: &Stock) -> Option<Unit> {
    match s.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => Some(Unit::Piece),
        Some(u) => Unit::parse(u),
    }
}

/// `need` in `unit`, trying the recipe's unit and then its weight.
fn in_unit(need: Measure, unit: Unit, grams_per_unit_need: Option<f64>, density: Option<f64>) -> Option<f64> {
    if let Some(m) = need.to(unit, density) {
        return Some(m.amount);
    }
    if unit.dimension() == Dimension::Count {
        return None;
    }
    let grams = grams_per_unit_need? * need.amount;
    Measure::new(grams, Unit::Gram).to(unit, density).map(|m| m.amount)
}

/// The amount as a cook reads it ("1 ½ cups", "3").
fn show(m: Measure) -> String {
    use crate::meals::logic::units::UnitSystem;
    match m.unit {
        Unit::Piece => crate::meals::logic::units::kitchen_fraction(m.amount),
        Unit::Milligram
        | Unit::Gram
        | Unit::Kilogram
        | Unit::Millilitre
        | Unit::Centilitre
        | Unit::Decilitre
        | Unit::Litre => m.for_system(UnitSystem::Metric).display(),
        _ => m.display(),
    }
}

/// What cooking `factor` times the recipe (servings made ÷ the recipe's servings) takes from
/// `stock`. Linear in the ingredients times the items each shares a word with.
pub fn plan(needed: &[Needed], factor: f64, stock: &[Stock]) -> Deduction {
    let index = ItemIndex::new(stock.iter().map(|s| (s.name.as_str(), s.food_ndb_no.as_deref())));
    let mut left: Vec<Option<f64>> = stock.iter().map(|s| s.quantity).collect();
    let mut touched: Vec<usize> = Vec::new();
    let mut lines = Vec::with_capacity(needed.len());
    for n in needed {
        let words = IngredientWords::new(&n.name, n.food.as_deref()).linked(n.food_ndb_no.as_deref());
        let mut found = index.find(&words);
        if let Some(best) = found.first().map(|f| f.1) {
            found.retain(|f| f.1 == best);
        }
        let by_expiry = |&(i, _): &(usize, Match)| (stock[i].expiry_date.is_none(), stock[i].expiry_date, i);
        found.sort_by_key(by_expiry);
        let measure = needed_measure(n, factor);
        // Grams in one of the recipe's units, when the recipe weighed it.
        let grams_per_unit = match (measure, n.grams, n.quantity) {
            (Some(m), Some(g), Some(q)) if q > 0.0 && m.unit != Unit::Gram => Some(g / q),
            _ => None,
        };
        let needed_text = measure.map(show).unwrap_or_default();
        let mut from = Vec::new();
        let cover = if found.is_empty() {
            Cover::Missing
        } else if let Some(measure) = measure {
            // What is still needed, as a share of the whole amount (1 = all of it).
            let mut share = 1.0_f64;
            let mut unmeasured = false;
            for &(i, _) in &found {
                if share <= EPSILON {
                    break;
                }
                let Some(have) = left[i] else {
                    // Amount never recorded: counts as enough, left untouched.
                    from.push(stock[i].name.clone());
                    share = 0.0;
                    break;
                };
                if have <= EPSILON {
                    continue;
                }
                let Some(want) =
                    stock_unit(&stock[i]).and_then(|u| in_unit(measure.scaled(share), u, grams_per_unit, n.density))
                else {
                    unmeasured = true;
                    continue;
                };
                let take = want.min(have);
                left[i] = Some(have - take);
                share *= if want > 0.0 { 1.0 - take / want } else { 0.0 };
                from.push(stock[i].name.clone());
                if !touched.contains(&i) {
                    touched.push(i);
                }
            }
            if share <= EPSILON {
                Cover::InStock
            } else if from.is_empty() && unmeasured {
                Cover::Unmeasured
            } else {
                Cover::Short { missing: show(measure.scaled(share)) }
            }
        } else {
            // The recipe gives no amount ("salt to taste"): having it is enough.
            from.push(stock[found[0].0].name.clone());
            Cover::InStock
        };
        lines.push(LineCheck { ingredient: n.name.clone(), needed: needed_text, from, cover });
    }
    let takes = touched
        .into_iter()
        .filter_map(|i| {
            let left = left[i]?;
            let left = if left <= EPSILON { 0.0 } else { (left * 1000.0).round() / 1000.0 };
            Some(Take { item_id: stock[i].id, name: stock[i].name.clone(), left })
        })
        .collect();
    Deduction { lines, takes }
}

#[cfg(test)]
#[path = "deduct_tests.rs"]
mod tests;
