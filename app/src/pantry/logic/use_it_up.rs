//! "Use it up": recipes ranked by the pantry items about to expire that they use, then by
//! how much of them is already in stock ("what can I make").
//!
//! Rules: an ingredient is in stock when a pantry item matches it
//! ([`super::matching`]); a recipe uses an expiring item when one of its
//! ingredients matches that item. Recipes are ranked by the number of
//! expiring items they use, then by the share of their ingredients in stock,
//! then by fewer missing ingredients, then by title. A recipe with nothing in
//! stock is not listed. Expired items are shown on the page but not counted:
//! they need a look before anyone cooks with them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::matching::{IngredientWords, ItemIndex};

/// Days ahead that the "use it up" list looks (today included).
pub const USE_IT_UP_DAYS: i64 = 5;

/// A recipe as the ranking reads it: its ingredients' names and foods.
#[derive(Clone, Debug, PartialEq)]
pub struct RecipeStock {
    pub recipe_id: Uuid,
    pub title: String,
    pub ingredients: Vec<IngredientName>,
}

/// An ingredient as the ranking reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct IngredientName {
    pub name: String,
    /// Its SR28 food's description and number, when linked.
    pub food: Option<String>,
    pub food_ndb_no: Option<String>,
}

/// A pantry item as the ranking reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct StockName {
    pub name: String,
    /// The SR28 food it is linked to.
    pub food_ndb_no: Option<String>,
    /// It expires within the list's days (and has not expired).
    pub expiring: bool,
}

/// A recipe on the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub recipe_id: Uuid,
    pub title: String,
    /// The expiring items it uses, in pantry order.
    pub uses: Vec<String>,
    pub in_stock: usize,
    pub ingredients: usize,
    /// The ingredients nothing in the pantry matches.
    pub missing: Vec<String>,
}

/// The best `limit` recipes for what is in `stock`. Linear in the ingredients times the items
/// each shares a word with, plus a sort of the recipes.
pub fn rank(recipes: &[RecipeStock], stock: &[StockName], limit: usize) -> Vec<Suggestion> {
    let index = ItemIndex::new(stock.iter().map(|s| (s.name.as_str(), s.food_ndb_no.as_deref())));
    // A library repeats its ingredients ("Onions" in a hundred recipes): each distinct name and
    // food is matched once.
    let mut seen: HashMap<&IngredientName, Vec<(usize, super::matching::Match)>> = HashMap::new();
    let out: Vec<Suggestion> = recipes
        .iter()
        .filter_map(|r| {
            let mut uses: Vec<usize> = Vec::new();
            let mut in_stock = 0;
            let mut missing = Vec::new();
            for ingredient in &r.ingredients {
                let found = seen.entry(ingredient).or_insert_with(|| {
                    let words = IngredientWords::new(&ingredient.name, ingredient.food.as_deref());
                    index.find(&words.linked(ingredient.food_ndb_no.as_deref()))
                });
                if found.is_empty() {
                    missing.push(ingredient.name.clone());
                    continue;
                }
                in_stock += 1;
                uses.extend(found.iter().map(|f| f.0).filter(|i| stock[*i].expiring));
            }
            uses.sort_unstable();
            uses.dedup();
            (in_stock > 0).then(|| Suggestion {
                recipe_id: r.recipe_id,
                title: r.title.clone(),
                uses: uses.into_iter().map(|i| stock[i].name.clone()).collect(),
                in_stock,
                ingredients: r.ingredients.len(),
                missing,
            })
        })
        .collect();
    // Each title is lowered once, not at every comparison.
    let mut keyed: Vec<(String, Suggestion)> = out.into_iter().map(|s| (s.title.to_lowercase(), s)).collect();
    keyed.sort_by(|(a_title, a), (b_title, b)| {
        b.uses
            .len()
            .cmp(&a.uses.len())
            // a.in_stock / a.ingredients > b's, compared without division.
            .then_with(|| (b.in_stock * a.ingredients).cmp(&(a.in_stock * b.ingredients)))
            .then_with(|| a.missing.len().cmp(&b.missing.len()))
            .then_with(|| a_title.cmp(b_title))
    });
    keyed.into_iter().take(limit).map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipe(n: u128, title: &str, ingredients: &[&str]) -> RecipeStock {
        RecipeStock {
            recipe_id: Uuid::from_u128(n),
            title: title.into(),
            ingredients: ingredients
                .iter()
                .map(|i| IngredientName { name: i.to_string(), ..Default::default() })
                .collect(),
        }
    }

    fn item(name: &str, expiring: bool) -> StockName {
        StockName { name: name.into(), food_ndb_no: None, expiring }
    }

    #[test]
    fn expiring_items_used_rank_first_then_the_share_in_stock() {
        let recipes = [
            recipe(1, "Omelette", &["eggs", "milk", "butter"]),
            recipe(2, "Spinach omelette", &["eggs", "spinach", "milk", "cheese"]),
            recipe(3, "Buttered toast", &["bread", "butter"]),
            recipe(4, "Lobster thermidor", &["lobster", "cream"]),
        ];
        let stock = [
            item("Spinach", true),
            item("Whole milk", true),
            item("Eggs", false),
            item("Bread", false),
            item("Butter", false),
        ];
        let ranked = rank(&recipes, &stock, 10);
        let titles: Vec<&str> = ranked.iter().map(|s| s.title.as_str()).collect();
        // Spinach omelette uses both expiring items; the omelette one (all in stock); the toast none.
        assert_eq!(titles, ["Spinach omelette", "Omelette", "Buttered toast"]);
        assert_eq!(ranked[0].uses, ["Spinach", "Whole milk"]);
        assert_eq!(ranked[0].missing, ["cheese"]);
        assert_eq!((ranked[1].in_stock, ranked[1].ingredients), (3, 3));
        assert!(ranked.iter().all(|s| s.recipe_id != Uuid::from_u128(4)), "nothing in stock, not listed");
    }

    #[test]
    fn ties_go_to_the_larger_share_then_fewer_missing_then_the_title() {
        let recipes = [
            recipe(1, "B", &["eggs", "flour"]),
            recipe(2, "A", &["eggs", "flour"]),
            recipe(3, "C", &["eggs", "flour", "sugar", "salt"]),
        ];
        let stock = [item("Eggs", false)];
        let titles: Vec<String> = rank(&recipes, &stock, 10).into_iter().map(|s| s.title).collect();
        assert_eq!(titles, ["A", "B", "C"]);
        assert_eq!(rank(&recipes, &stock, 1).len(), 1, "bounded");
    }

    #[test]
    fn an_item_linked_to_an_ingredients_food_is_in_stock_whatever_its_name() {
        let mut stew = recipe(1, "Stew", &["chickpeas", "onion"]);
        stew.ingredients[0].food_ndb_no = Some("16057".into());
        let stock = [StockName { name: "Garbanzos".into(), food_ndb_no: Some("16057".into()), expiring: true }];
        let ranked = rank(&[stew], &stock, 10);
        assert_eq!(ranked[0].uses, ["Garbanzos"]);
        assert_eq!(ranked[0].missing, ["onion"]);
    }
}
