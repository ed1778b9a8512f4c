//! Importing a recipe from a page (issue 9, item 3): schema.org `Recipe` in
//! JSON-LD and in microdata, into a draft the person confirms. Pure readers;
//! fetching a URL is the server's.

pub mod draft;
pub mod jsonld;
#[cfg(feature = "ssr")]
pub mod microdata;
pub mod ocr;
pub mod text;

#[cfg(test)]
mod tests;

/// The recipe a saved page holds: its JSON-LD, else its microdata (server only).
#[cfg(feature = "ssr")]
pub fn recipe_from_page(html: &str) -> Option<draft::RecipeDraft> {
    jsonld::recipe_from_json_ld(html).or_else(|| microdata::recipe_from_microdata(html))
}

/// [`recipe_from_page`] off the async runtime, at most one page per core at a time (a page
/// is up to [`MAX_PAGE_BYTES`] of HTML to parse); the rest wait their turn.
#[cfg(feature = "ssr")]
pub async fn read_page(html: String) -> Result<Option<draft::RecipeDraft>, crate::error::AppError> {
    static PARSING: crate::cpu::PerCore = crate::cpu::PerCore::new();
    let _permit = PARSING.acquire().await;
    tokio::task::spawn_blocking(move || recipe_from_page(&html)).await.map_err(|_| crate::error::AppError::Internal)
}

#[cfg(feature = "ssr")]
pub mod fetch;

use crate::meals::logic::ingredient_line::IngredientLine;
use crate::meals::logic::recipe::Portion;
use crate::meals::logic::units::{density_from_measures, Dimension};

/// Largest page the importer reads (pasted, uploaded or fetched).
pub const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

/// Size words of an ingredient line ("1 large onion"): they choose the food's measure and are
/// not searched for.
const SIZES: [&str; 4] = ["small", "medium", "large", "extra-large"];

/// Words that describe how a food is bought or cut, not which food it is.
const DESCRIPTORS: [&str; 10] =
    ["fresh", "freshly", "chopped", "diced", "sliced", "minced", "ripe", "big", "organic", "good"];

/// The words to search SR28 for a line's food: its words without sizes and descriptors.
/// When all of them find nothing, the importer tries the last word alone (the food's head
/// noun: "red lentils" → "lentils").
pub fn food_search_words(food: &str) -> Vec<String> {
    crate::meals::recipes::logic::search_words(food)
        .into_iter()
        .filter(|w| !SIZES.contains(&w.as_str()) && !DESCRIPTORS.contains(&w.as_str()))
        .collect()
}

/// What `POST /api/recipes/import/parse` answers: the draft and each ingredient line read.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportPreview {
    pub draft: draft::RecipeDraft,
    pub lines: Vec<IngredientLine>,
}

/// The draft's lines read one by one.
pub fn preview(draft: draft::RecipeDraft) -> ImportPreview {
    let lines = draft.ingredients.iter().map(|l| crate::meals::logic::ingredient_line::parse_line(l)).collect();
    ImportPreview { draft, lines }
}

/// The weight of a line's amount of a food with these household measures: a mass as it is,
/// a volume through the food's density (its first measure in a volume unit), a count
/// through the food's measure of the size the line names, else "medium", else "large",
/// else its first one-piece measure. `None` when the
/// line has no amount or it cannot be converted.
pub fn proposed_grams(line: &IngredientLine, portions: &[Portion]) -> Option<f64> {
    let measures = || portions.iter().map(|p| (p.amount, p.description.as_str(), p.grams));
    let count = match line.measure() {
        Some(m) if m.unit.dimension() == Dimension::Mass => return m.grams(None).filter(|g| *g > 0.0),
        Some(m) if m.unit.dimension() == Dimension::Volume => {
            return m.grams(density_from_measures(measures())).filter(|g| g.is_finite() && *g > 0.0)
        }
        Some(m) => m.amount,
        None => line.quantity?,
    };
    let food = line.food.to_lowercase();
    let named = SIZES.iter().find(|size| food.split_whitespace().any(|w| w == **size));
    let piece = named.into_iter().chain(&["medium", "large", ""]).find_map(|word| {
        portions.iter().find(|p| {
            let d = p.description.to_lowercase();
            d.starts_with(word)
                && crate::meals::logic::units::Unit::parse(d.split([',', ' ', '(']).next().unwrap_or("")).is_none()
        })
    })?;
    Some(count * piece.grams / piece.amount)
}

/// An ingredient as the importer stores it: the amount as written and the proposed food.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedIngredient {
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
    pub food_ndb_no: Option<String>,
    pub grams: Option<f64>,
}

impl ImportedIngredient {
    /// The line's amount and note, and the food proposed for it (with its measures).
    pub fn from_line(line: &IngredientLine, food: Option<(&str, &[Portion])>) -> Self {
        let quantity = line.quantity.filter(|q| *q > 0.0);
        ImportedIngredient {
            quantity,
            unit: line.unit.map(|u| u.label(quantity.unwrap_or(1.0))),
            note: line.note.clone(),
            food_ndb_no: food.map(|(id, _)| id.to_owned()),
            grams: food.and_then(|(_, portions)| proposed_grams(line, portions)),
        }
    }
}
