//! schema.org `Recipe` from a page's microdata (`itemscope itemtype=".../Recipe"`
//! with `itemprop` properties), for pages without JSON-LD. Server only: it
//! parses the page with html5ever (the `scraper` crate), linear in its size.

use scraper::{ElementRef, Html, Selector};

use super::draft::{clean_text, iso_duration_minutes, servings_from_yield, step_minutes, DraftStep, RecipeDraft};

/// The first microdata Recipe of the page, if any.
pub fn recipe_from_microdata(html: &str) -> Option<RecipeDraft> {
    let document = Html::parse_document(html);
    let scopes = Selector::parse("[itemscope][itemtype]").ok()?;
    let list_items = Selector::parse("li").ok()?;
    let root = document.select(&scopes).find(|e| {
        e.value().attr("itemtype").is_some_and(|t| t.split_whitespace().any(|t| t.rsplit('/').next() == Some("Recipe")))
    })?;
    let mut props: Vec<(String, ElementRef)> = Vec::new();
    collect(root, &mut props, 0);
    let mut draft = RecipeDraft::default();
    let mut tags = Vec::new();
    for (name, el) in &props {
        match name.as_str() {
            "name" if draft.title.is_none() => draft.title = non_empty(value(*el)),
            "description" if draft.description.is_none() => draft.description = non_empty(value(*el)),
            "recipeYield" if draft.servings.is_none() => draft.servings = servings_from_yield(&value(*el)),
            "prepTime" => draft.prep_time_min = draft.prep_time_min.or_else(|| iso_duration_minutes(&value(*el))),
            "cookTime" => draft.cook_time_min = draft.cook_time_min.or_else(|| iso_duration_minutes(&value(*el))),
            "totalTime" => draft.total_time_min = draft.total_time_min.or_else(|| iso_duration_minutes(&value(*el))),
            "image" if draft.image_url.is_none() => {
                draft.image_url = non_empty(value(*el)).filter(|u| u.starts_with("http"));
            }
            "recipeIngredient" | "ingredients" if draft.ingredients.len() < RecipeDraft::MAX_INGREDIENTS => {
                if let Some(line) = non_empty(value(*el)) {
                    draft.ingredients.push(line);
                }
            }
            "recipeInstructions" if draft.steps.len() < RecipeDraft::MAX_STEPS => {
                // A list of steps in one element reads one step per item.
                let lis: Vec<ElementRef> = el.select(&list_items).collect();
                let texts: Vec<String> = if lis.is_empty() {
                    vec![value(*el)]
                } else {
                    lis.iter().map(|li| clean_text(&li.text().collect::<String>())).collect()
                };
                for text in texts.into_iter().filter(|t| !t.is_empty()) {
                    if draft.steps.len() < RecipeDraft::MAX_STEPS {
                        let minutes = step_minutes(&text);
                        draft.steps.push(DraftStep { text, minutes });
                    }
                }
            }
            "keywords" => tags.extend(value(*el).split(',').map(clean_text)),
            "recipeCategory" | "recipeCuisine" => tags.push(value(*el)),
            _ => {}
        }
    }
    draft.set_tags(tags);
    (!draft.is_empty()).then_some(draft)
}

/// The `itemprop` elements that belong to `scope` (not to a scope nested in it,
/// except that a nested item's own element is still one of `scope`'s properties).
fn collect<'a>(scope: ElementRef<'a>, out: &mut Vec<(String, ElementRef<'a>)>, depth: usize) {
    if depth > 64 || out.len() > 2_000 {
        return;
    }
    for child in scope.children().filter_map(ElementRef::wrap) {
        if let Some(names) = child.value().attr("itemprop") {
            for name in names.split_whitespace().take(4) {
                out.push((name.to_owned(), child));
            }
        }
        if child.value().attr("itemscope").is_none() {
            collect(child, out, depth + 1);
        }
    }
}

/// A property's value by the microdata rules: `content`, a link's or media's
/// address, a time's `datetime`, else the element's text.
fn value(el: ElementRef) -> String {
    let v = el.value();
    if let Some(content) = v.attr("content") {
        return clean_text(content);
    }
    let attr = match v.name() {
        "a" | "link" | "area" => v.attr("href"),
        "img" | "audio" | "video" | "source" | "embed" | "iframe" => v.attr("src"),
        "time" => v.attr("datetime"),
        "data" | "meter" => v.attr("value"),
        _ => None,
    };
    match attr {
        Some(a) => a.trim().to_owned(),
        None => clean_text(&el.text().collect::<String>()),
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body>
      <div itemscope itemtype="https://schema.org/Recipe">
        <h1 itemprop="name">Grandma's Apple Crumble</h1>
        <img itemprop="image" src="https://example.org/crumble.jpg" alt="">
        <p itemprop="description">Warm, with <em>custard</em>.</p>
        <meta itemprop="prepTime" content="PT20M"><meta itemprop="cookTime" content="PT40M">
        <span itemprop="recipeYield">Serves 6</span>
        <div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Grandma</span></div>
        <ul><li itemprop="recipeIngredient">6 apples, peeled</li><li itemprop="recipeIngredient">150 g flour</li></ul>
        <ol itemprop="recipeInstructions"><li>Heat the oven.</li><li>Bake for 40 minutes.</li></ol>
        <meta itemprop="keywords" content="dessert, apples">
      </div></body></html>"#;

    #[test]
    fn a_microdata_recipe_is_read_without_its_authors_name() {
        let d = recipe_from_microdata(PAGE).unwrap();
        assert_eq!(d.title.as_deref(), Some("Grandma's Apple Crumble"), "the nested Person's name is not the title");
        assert_eq!(d.description.as_deref(), Some("Warm, with custard."));
        assert_eq!(d.image_url.as_deref(), Some("https://example.org/crumble.jpg"));
        assert_eq!((d.prep_time_min, d.cook_time_min, d.servings), (Some(20), Some(40), Some(6)));
        assert_eq!(d.ingredients, ["6 apples, peeled", "150 g flour"]);
        assert_eq!(d.steps.len(), 2);
        assert_eq!(d.steps[1].minutes, Some(40));
        assert_eq!(d.tags, ["dessert", "apples"]);
    }

    #[test]
    fn a_page_without_microdata_gives_none() {
        assert_eq!(recipe_from_microdata("<p>Just text</p>"), None);
        assert_eq!(recipe_from_microdata(&"<div>".repeat(20_000)), None);
    }
}
