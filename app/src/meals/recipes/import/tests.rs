//! The importer's readers on pages written for these tests in the shapes
//! recipe sites use (not copied from any site).

use super::draft::*;
use super::jsonld::*;

const GRAPH_PAGE: &str = r#"<!doctype html><html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Test Kitchen"}</script>
<script type='application/ld+json' class="yoast-schema-graph">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebPage","@id":"https://example.org/lentil-soup/"},
  {"@type":["Recipe","NewsArticle"],"name":"Red Lentil Soup &amp; Lemon",
   "description":"A <b>quick</b> soup.","recipeYield":["4","4 bowls"],
   "prepTime":"PT10M","cookTime":"PT25M","totalTime":"PT35M",
   "image":[{"@type":"ImageObject","url":"https://example.org/soup.jpg"}],
   "keywords":"soup, vegan, Soup","recipeCategory":["Dinner"],"recipeCuisine":"Turkish",
   "recipeIngredient":["1 cup red lentils","1 onion, chopped","4 cups vegetable stock","Juice of &frac12; lemon"],
   "recipeInstructions":[
     {"@type":"HowToSection","name":"Soup","itemListElement":[
       {"@type":"HowToStep","text":"Soften the onion for 5 minutes."},
       {"@type":"HowToStep","text":"Add lentils and stock; simmer 20-25 min.","timeRequired":"PT25M"}]},
     {"@type":"HowToStep","text":"Stir in the lemon juice."}],
   "url":"https://example.org/lentil-soup/"}
]}
</script></head><body></body></html>"#;

#[test]
fn a_recipe_in_a_graph_is_found_and_read_whole() {
    let d = recipe_from_json_ld(GRAPH_PAGE).expect("a recipe");
    assert_eq!(d.title.as_deref(), Some("Red Lentil Soup & Lemon"));
    assert_eq!(d.description.as_deref(), Some("A quick soup."));
    assert_eq!(d.servings, Some(4));
    assert_eq!((d.prep_time_min, d.cook_time_min, d.total_time_min), (Some(10), Some(25), Some(35)));
    assert_eq!(d.image_url.as_deref(), Some("https://example.org/soup.jpg"));
    assert_eq!(d.source_url.as_deref(), Some("https://example.org/lentil-soup/"));
    assert_eq!(d.ingredients.len(), 4);
    assert_eq!(d.ingredients[3], "Juice of ½ lemon");
    let steps: Vec<(&str, Option<i32>)> = d.steps.iter().map(|s| (s.text.as_str(), s.minutes)).collect();
    assert_eq!(
        steps,
        [
            ("Soften the onion for 5 minutes.", Some(5)),
            ("Add lentils and stock; simmer 20-25 min.", Some(25)),
            ("Stir in the lemon juice.", None)
        ]
    );
    assert_eq!(d.tags, ["soup", "vegan", "dinner", "turkish"], "split, lower case, no repeats");
}

#[test]
fn a_top_level_array_and_string_instructions_are_read() {
    let page = r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},
      {"@context":"http://schema.org/","@type":"http://schema.org/Recipe","name":"Pancakes","recipeYield":8,
       "recipeIngredient":"2 eggs","recipeInstructions":"Whisk everything.\nFry for 2 minutes a side."}]</script>"#;
    let d = recipe_from_json_ld(page).unwrap();
    assert_eq!(d.title.as_deref(), Some("Pancakes"));
    assert_eq!(d.servings, Some(8));
    assert_eq!(d.ingredients, ["2 eggs"]);
    assert_eq!(d.steps.len(), 2);
    assert_eq!(d.steps[1].minutes, Some(2));
}

#[test]
fn main_entity_and_uppercase_script_tags_count() {
    let page = r#"<SCRIPT TYPE="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"Recipe","name":"Flatbread"}}</SCRIPT>"#;
    assert_eq!(recipe_from_json_ld(page).unwrap().title.as_deref(), Some("Flatbread"));
}

#[test]
fn pages_without_a_recipe_or_with_broken_json_give_none() {
    assert_eq!(recipe_from_json_ld("<html><body>No recipe</body></html>"), None);
    assert_eq!(recipe_from_json_ld(r#"<script type="application/ld+json">{"@type":"Recipe", broken</script>"#), None);
    assert_eq!(recipe_from_json_ld(r#"<script type="application/ld+json">{"@type":"Article"}</script>"#), None);
    assert_eq!(recipe_from_json_ld("<script type=\"application/ld+json\">"), None, "an unclosed script");
}

#[test]
fn deep_or_huge_json_is_bounded() {
    let deep = format!(
        r#"<script type="application/ld+json">{}{{"@type":"Recipe","name":"Deep"}}{}</script>"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    assert_eq!(recipe_from_json_ld(&deep), None, "past the depth bound");
    let many: String = (0..5000).map(|i| format!(r#""{i} g flour""#)).collect::<Vec<_>>().join(",");
    let page =
        format!(r#"<script type="application/ld+json">{{"@type":"Recipe","recipeIngredient":[{many}]}}</script>"#);
    assert_eq!(recipe_from_json_ld(&page).unwrap().ingredients.len(), RecipeDraft::MAX_INGREDIENTS);
}

#[test]
fn iso_durations_read_as_minutes() {
    assert_eq!(iso_duration_minutes("PT1H30M"), Some(90));
    assert_eq!(iso_duration_minutes("P0DT0H20M"), Some(20));
    assert_eq!(iso_duration_minutes("PT45S"), Some(1));
    assert_eq!(iso_duration_minutes("P1D"), Some(1440));
    assert_eq!(iso_duration_minutes("PT1.5H"), Some(90));
    assert_eq!(iso_duration_minutes("P1M"), None, "a month is not a cooking time");
    assert_eq!(iso_duration_minutes("20 minutes"), None);
    assert_eq!(iso_duration_minutes("PT"), None);
    assert_eq!(iso_duration_minutes("P99W"), None, "more than a week");
}

#[test]
fn yields_and_step_times_take_the_first_sensible_number() {
    assert_eq!(servings_from_yield("Serves 4-6"), Some(4));
    assert_eq!(servings_from_yield("12 cookies"), Some(12));
    assert_eq!(servings_from_yield("4.0"), Some(4));
    assert_eq!(servings_from_yield("a crowd"), None);
    assert_eq!(servings_from_yield("0"), None);
    assert_eq!(servings_from_yield("99999999999999"), None);
    assert_eq!(step_minutes("Bake for 1 hour."), Some(60));
    assert_eq!(step_minutes("Simmer 10-12 min, stirring."), Some(12));
    assert_eq!(step_minutes("Rest for half an hour"), Some(30));
    assert_eq!(step_minutes("Prove for an hour"), Some(60));
    assert_eq!(step_minutes("Chill (30 minutes)."), Some(30));
    assert_eq!(step_minutes("Serve."), None);
}

#[test]
fn page_text_is_cleaned() {
    assert_eq!(clean_text("  Mix&nbsp;the <em>flour</em>\n\nand &#39;salt&#x27; "), "Mix the flour and 'salt'");
    assert_eq!(clean_text("Heat to < 180 &deg;C & stir"), "Heat to < 180 °C & stir");
    assert_eq!(clean_text(&"a".repeat(10_000)).chars().count(), MAX_TEXT_CHARS);
    assert_eq!(clean_text("&#xD800; &#99999999;"), "&#xD800; &#99999999;", "invalid code points stay as written");
}

#[test]
fn a_lines_amount_is_weighed_by_mass_by_the_foods_density_or_by_the_piece() {
    use super::proposed_grams;
    use crate::meals::logic::ingredient_line::parse_line;
    use crate::meals::logic::recipe::Portion;
    let p = |seq, amount, description: &str, grams| Portion { seq, amount, description: description.into(), grams };
    // SR28 09003 apples: cup, large, medium, small; 20081 flour: cup 125 g.
    let apples = [
        p(1, 1.0, "cup, quartered or chopped", 125.0),
        p(2, 1.0, "large (3-1/4\" dia)", 223.0),
        p(3, 1.0, "medium (3\" dia)", 182.0),
    ];
    let flour = [p(1, 1.0, "cup", 125.0)];
    assert_eq!(proposed_grams(&parse_line("200 g flour"), &flour), Some(200.0));
    assert!((proposed_grams(&parse_line("1 lb apples"), &apples).unwrap() - 453.59237).abs() < 1e-6);
    let half_cup = proposed_grams(&parse_line("1/2 cup all-purpose flour"), &flour).unwrap();
    assert!((half_cup - 62.5).abs() < 0.01, "through the food's own cup: {half_cup}");
    assert_eq!(proposed_grams(&parse_line("2 apples"), &apples), Some(364.0), "two medium apples");
    assert_eq!(proposed_grams(&parse_line("1 large apple"), &apples), Some(223.0), "the size the line names");
    assert_eq!(super::food_search_words("medium onion"), ["onion"]);
    assert_eq!(super::food_search_words("freshly chopped flat-leaf parsley"), ["flat", "leaf", "parsley"]);
    assert_eq!(proposed_grams(&parse_line("salt to taste"), &apples), None, "no amount");
    assert_eq!(proposed_grams(&parse_line("1 cup milk"), &[]), None, "a volume without a density");
    let preview =
        super::preview(super::draft::RecipeDraft { ingredients: vec!["2 eggs".into()], ..Default::default() });
    assert_eq!(preview.lines[0].quantity, Some(2.0));
}
