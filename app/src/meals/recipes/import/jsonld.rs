//! schema.org `Recipe` from a page's JSON-LD (`<script type="application/ld+json">`):
//! the recipe node wherever it sits (top level, in an array, in `@graph`, under
//! `mainEntity`), read into a [`RecipeDraft`]. What the page lacks stays empty;
//! nothing here fails. Pure and linear in the page's size.

use serde_json::Value;

use super::draft::{clean_text, iso_duration_minutes, servings_from_yield, step_minutes, DraftStep, RecipeDraft};

/// The bodies of the page's JSON-LD script elements, in order.
pub fn json_ld_blocks(html: &str) -> Vec<&str> {
    // ASCII lower-casing keeps every byte offset, so positions found in
    // `lower` cut `html` at the same places.
    let lower = html.to_ascii_lowercase();
    let mut blocks = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|i| from + i) {
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else { break };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else { break };
        if lower[start..tag_end].contains("application/ld+json") {
            blocks.push(&html[tag_end + 1..close]);
        }
        from = close + "</script".len();
        if blocks.len() >= 32 {
            break;
        }
    }
    blocks
}

/// The first schema.org Recipe in the page's JSON-LD, if any.
pub fn recipe_from_json_ld(html: &str) -> Option<RecipeDraft> {
    json_ld_blocks(html).into_iter().find_map(|block| {
        let value: Value = serde_json::from_str(block.trim().trim_end_matches(';')).ok()?;
        let mut budget = 10_000usize;
        find_recipe(&value, 0, &mut budget).map(read_recipe)
    })
}

fn is_recipe(node: &serde_json::Map<String, Value>) -> bool {
    match node.get("@type") {
        Some(Value::String(t)) => t.rsplit(['/', ':']).next() == Some("Recipe"),
        Some(Value::Array(types)) => {
            types.iter().any(|t| t.as_str().is_some_and(|t| t.rsplit(['/', ':']).next() == Some("Recipe")))
        }
        _ => false,
    }
}

/// Depth-first search for the recipe node, visiting at most `budget` values.
fn find_recipe<'a>(value: &'a Value, depth: usize, budget: &mut usize) -> Option<&'a serde_json::Map<String, Value>> {
    if depth > 12 || *budget == 0 {
        return None;
    }
    *budget -= 1;
    match value {
        Value::Object(map) if is_recipe(map) => Some(map),
        Value::Object(map) => {
            for key in ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"] {
                if let Some(found) = map.get(key).and_then(|v| find_recipe(v, depth + 1, budget)) {
                    return Some(found);
                }
            }
            None
        }
        Value::Array(items) => items.iter().find_map(|v| find_recipe(v, depth + 1, budget)),
        _ => None,
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    let t = match value? {
        Value::String(s) => clean_text(s),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => return items.iter().find_map(|v| text(Some(v))),
        Value::Object(map) => return text(map.get("name").or_else(|| map.get("text")).or_else(|| map.get("@value"))),
        _ => return None,
    };
    (!t.is_empty()).then_some(t)
}

fn image(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| s.starts_with("http")),
        Value::Array(items) => items.iter().find_map(|v| image(Some(v))),
        Value::Object(map) => image(map.get("url").or_else(|| map.get("contentUrl"))),
        _ => None,
    }
}

fn strings(value: Option<&Value>, out: &mut Vec<String>, limit: usize) {
    match value {
        Some(Value::String(s)) => {
            let t = clean_text(s);
            if !t.is_empty() && out.len() < limit {
                out.push(t);
            }
        }
        Some(Value::Array(items)) => {
            for item in items.iter().take(limit) {
                strings(Some(item), out, limit);
            }
        }
        Some(Value::Object(map)) => strings(map.get("text").or_else(|| map.get("name")), out, limit),
        _ => {}
    }
}

/// `recipeInstructions`: a string (one step per line), strings, HowToSteps, HowToSections.
fn steps(value: Option<&Value>, out: &mut Vec<DraftStep>, depth: usize) {
    if depth > 4 || out.len() >= RecipeDraft::MAX_STEPS {
        return;
    }
    match value {
        Some(Value::String(s)) => {
            for line in s.split(['\n', '\r']).map(clean_text).filter(|l| !l.is_empty()) {
                if out.len() < RecipeDraft::MAX_STEPS {
                    let minutes = step_minutes(&line);
                    out.push(DraftStep { text: line, minutes });
                }
            }
        }
        Some(Value::Array(items)) => {
            for item in items {
                steps(Some(item), out, depth + 1);
            }
        }
        Some(Value::Object(map)) => {
            if let Some(list) = map.get("itemListElement") {
                steps(Some(list), out, depth + 1);
            } else if let Some(t) = text(map.get("text")).or_else(|| text(map.get("name"))) {
                let minutes = ["timeRequired", "performTime", "totalTime"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(Value::as_str).and_then(iso_duration_minutes))
                    .or_else(|| step_minutes(&t));
                out.push(DraftStep { text: t, minutes });
            }
        }
        _ => {}
    }
}

fn read_recipe(node: &serde_json::Map<String, Value>) -> RecipeDraft {
    let mut draft = RecipeDraft {
        title: text(node.get("name")).or_else(|| text(node.get("headline"))),
        description: text(node.get("description")),
        servings: node.get("recipeYield").and_then(|y| match y {
            Value::Number(n) => n.as_f64().and_then(|v| servings_from_yield(&v.to_string())),
            Value::String(s) => servings_from_yield(s),
            Value::Array(items) => items.iter().find_map(|v| match v {
                Value::Number(n) => n.as_f64().and_then(|v| servings_from_yield(&v.to_string())),
                Value::String(s) => servings_from_yield(s),
                _ => None,
            }),
            _ => None,
        }),
        prep_time_min: node.get("prepTime").and_then(Value::as_str).and_then(iso_duration_minutes),
        cook_time_min: node.get("cookTime").and_then(Value::as_str).and_then(iso_duration_minutes),
        total_time_min: node.get("totalTime").and_then(Value::as_str).and_then(iso_duration_minutes),
        image_url: image(node.get("image")),
        source_url: node
            .get("url")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|u| u.starts_with("http"))
            .map(str::to_owned),
        ..Default::default()
    };
    strings(
        node.get("recipeIngredient").or_else(|| node.get("ingredients")),
        &mut draft.ingredients,
        RecipeDraft::MAX_INGREDIENTS,
    );
    steps(node.get("recipeInstructions"), &mut draft.steps, 0);
    let mut tags = Vec::new();
    for key in ["keywords", "recipeCategory", "recipeCuisine"] {
        match node.get(key) {
            Some(Value::String(s)) => tags.extend(s.split(',').map(clean_text)),
            other => strings(other, &mut tags, RecipeDraft::MAX_TAGS),
        }
    }
    draft.set_tags(tags);
    draft
}
