//! Which pantry item is which recipe ingredient, by their words.
//!
//! Rules, stated so a match can be explained on the page:
//! - An item linked to the ingredient's own SR28 food is that food, whatever
//!   either is called ("Semi-skimmed" linked to "Milk, reduced fat, 2%").
//! - A name's words are its runs of letters, lower case, in the singular
//!   ("Tomatoes" → "tomato", "berries" → "berry"), without words that say
//!   how a food is cut or sold ("chopped", "fresh", "raw", "large"…).
//! - An item matches an ingredient when every word of the item is among the
//!   ingredient's words (its name as written and its SR28 food's
//!   description): "Milk" and "Whole milk" are "Milk, whole, 3.25% milkfat";
//!   "Oat milk" is not. It also matches when every word of the ingredient's
//!   own name is among the item's ("eggs" is "Free-range eggs").
//! - The rules are in order of how good a match is; among equals the item
//!   that expires first is used first.

use std::collections::{HashMap, HashSet};

/// Words that say how a food is prepared, sized or sold, not what it is.
const QUALIFIERS: &[&str] = &[
    "a", "an", "and", "or", "of", "with", "without", "the", "for", "to", "in", "into", "about", "fresh", "freshly",
    "raw", "chopped", "diced", "sliced", "minced", "grated", "shredded", "crushed", "ground", "peeled", "cut",
    "finely", "roughly", "thinly", "large", "medium", "small", "big", "extra", "organic", "frozen", "canned", "tinned",
    "dried", "cooked", "uncooked", "boiled", "unsalted", "pack", "packed", "package", "jar", "can", "tin", "bag",
    "box", "bottle", "piece", "pieces", "optional", "taste", "divided", "plus", "more", "some", "whole",
];

/// The item words that matter for a match, singular, deduplicated, in order.
pub fn key_words(name: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    name.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(|w| singular(&w.to_lowercase()))
        .filter(|w| !QUALIFIERS.contains(&w.as_str()))
        .filter(|w| seen.insert(w.clone()))
        .take(16)
        .collect()
}

/// "tomatoes" → "tomato", "berries" → "berry", "dishes" → "dish", "eggs" → "egg";
/// "glass", "asparagus", "couscous" stay.
fn singular(word: &str) -> String {
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if n > 4 && (word.ends_with("oes") || word.ends_with("ches") || word.ends_with("shes") || word.ends_with("xes")) {
        return word[..n - 2].to_owned();
    }
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..n - 1].to_owned();
    }
    word.to_owned()
}

/// How well an item matches an ingredient; `None` when it does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// The item is linked to the ingredient's SR28 food (the best match).
    SameFood,
    /// Every word of the item is the ingredient's.
    ItemInIngredient,
    /// Every word of the ingredient's name is the item's.
    IngredientInItem,
}

/// The words of an ingredient: its own name's, and all words it may be called by (the name
/// and its food's description); and its SR28 food's number, when linked.
#[derive(Clone, Debug, Default)]
pub struct IngredientWords {
    pub name: Vec<String>,
    pub all: HashSet<String>,
    pub food_ndb_no: Option<String>,
}

impl IngredientWords {
    pub fn new(name: &str, food: Option<&str>) -> Self {
        let name_words = key_words(name);
        let mut all: HashSet<String> = name_words.iter().cloned().collect();
        if let Some(food) = food {
            all.extend(key_words(food));
        }
        Self { name: name_words, all, food_ndb_no: None }
    }

    /// The same, linked to the SR28 food `food_ndb_no`.
    pub fn linked(self, food_ndb_no: Option<&str>) -> Self {
        Self { food_ndb_no: food_ndb_no.map(str::to_owned), ..self }
    }
}

pub fn matches(item: &[String], ingredient: &IngredientWords) -> Option<Match> {
    if !item.is_empty() && item.iter().all(|w| ingredient.all.contains(w)) {
        return Some(Match::ItemInIngredient);
    }
    let item: HashSet<&str> = item.iter().map(String::as_str).collect();
    (!ingredient.name.is_empty() && ingredient.name.iter().all(|w| item.contains(w.as_str())))
        .then_some(Match::IngredientInItem)
}

/// Items indexed by their words and their linked foods, so an ingredient is compared only
/// with the items that share a word or its food with it (each item once).
pub struct ItemIndex {
    words: Vec<Vec<String>>,
    by_word: HashMap<String, Vec<usize>>,
    by_food: HashMap<String, Vec<usize>>,
}

impl ItemIndex {
    /// Items as (name, linked SR28 food number).
    pub fn new<'a>(items: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Self {
        let mut words = Vec::new();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_food: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (name, food)) in items.into_iter().enumerate() {
            let ws = key_words(name);
            for w in &ws {
                by_word.entry(w.clone()).or_default().push(i);
            }
            if let Some(food) = food {
                by_food.entry(food.to_owned()).or_default().push(i);
            }
            words.push(ws);
        }
        Self { words, by_word, by_food }
    }

    /// The items that match, best match first, each with how it matched (in index order
    /// within a kind).
    pub fn find(&self, ingredient: &IngredientWords) -> Vec<(usize, Match)> {
        let mut seen = HashSet::new();
        let same_food = ingredient.food_ndb_no.as_ref().and_then(|f| self.by_food.get(f)).into_iter().flatten();
        let mut found: Vec<(usize, Match)> =
            same_food.filter(|i| seen.insert(**i)).map(|&i| (i, Match::SameFood)).collect();
        found.extend(
            ingredient
                .all
                .iter()
                .filter_map(|w| self.by_word.get(w))
                .flatten()
                .filter(|i| seen.insert(**i))
                .filter_map(|&i| matches(&self.words[i], ingredient).map(|m| (i, m))),
        );
        found.sort_by_key(|&(i, m)| (m, i));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ing(name: &str, food: Option<&str>) -> IngredientWords {
        IngredientWords::new(name, food)
    }

    #[test]
    fn words_are_singular_and_without_qualifiers() {
        assert_eq!(key_words("Tomatoes, chopped"), ["tomato"]);
        assert_eq!(key_words("Fresh blueberries"), ["blueberry"]);
        assert_eq!(key_words("Large eggs (free-range)"), ["egg", "free", "range"]);
        assert_eq!(key_words("Asparagus"), ["asparagus"]);
        assert_eq!(key_words("Milk, whole, 3.25% milkfat"), ["milk", "milkfat"]);
        assert_eq!(key_words("peaches and peaches"), ["peach"]);
        assert!(key_words("").is_empty());
        assert_eq!(key_words(&"word ".repeat(10_000)).len(), 1, "deduplicated");
    }

    #[test]
    fn an_item_matches_by_its_words_or_the_ingredients_name() {
        let milk = ing("Milk, whole, 3.25% milkfat", Some("Milk, whole, 3.25% milkfat"));
        assert_eq!(matches(&key_words("Milk"), &milk), Some(Match::ItemInIngredient));
        assert_eq!(matches(&key_words("Whole milk"), &milk), Some(Match::ItemInIngredient));
        assert_eq!(matches(&key_words("Oat milk"), &milk), None);
        let eggs = ing("eggs", Some("Egg, whole, raw, fresh"));
        assert_eq!(matches(&key_words("Free-range eggs"), &eggs), Some(Match::IngredientInItem));
        assert_eq!(matches(&key_words("Eggs"), &eggs), Some(Match::ItemInIngredient));
        assert_eq!(matches(&key_words("Eggplant"), &eggs), None);
        assert_eq!(matches(&key_words("chopped"), &eggs), None, "an item of qualifiers only matches nothing");
    }

    #[test]
    fn the_index_finds_the_best_match_first() {
        let index = ItemIndex::new(["Peanut butter", "Butter", "Bread", "Butter beans"].map(|n| (n, None)));
        let butter = ing("butter", Some("Butter, salted"));
        let found = index.find(&butter);
        assert_eq!(found[0], (1, Match::ItemInIngredient));
        assert!(found.contains(&(0, Match::IngredientInItem)), "{found:?}");
        assert!(!found.iter().any(|(i, _)| *i == 2));
    }

    #[test]
    fn an_item_linked_to_the_ingredients_food_is_the_best_match_whatever_its_name() {
        let index = ItemIndex::new([
            ("Milk", None),
            ("Semi-skimmed", Some("01079")),
            ("Oat drink", Some("14639")),
            ("Whole milk", Some("01077")),
        ]);
        let milk = ing("milk", Some("Milk, reduced fat, fluid, 2% milkfat")).linked(Some("01079"));
        let found = index.find(&milk);
        assert_eq!(found[0], (1, Match::SameFood), "{found:?}");
        // Linked to another food, an item is still found by its words (a looser match).
        assert!(found.contains(&(0, Match::ItemInIngredient)) && found.contains(&(3, Match::ItemInIngredient)));
        assert!(!found.iter().any(|(i, _)| *i == 2), "neither its food nor its words");
        // An ingredient without a food is matched by words only.
        let unlinked = index.find(&ing("milk", None));
        assert!(unlinked.iter().all(|(_, m)| *m != Match::SameFood), "{unlinked:?}");
        assert_eq!(index.find(&ing("semi", None).linked(Some("01079")))[0], (1, Match::SameFood));
    }
}
