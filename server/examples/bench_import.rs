//! The recipe importer's reading speed on one core, for `scripts/bench.sh`: pages in the
//! shapes recipe sites serve (written here, not copied from any site), each ~150 KB of
//! navigation, inline scripts and comments around one recipe, in JSON-LD (`@graph`) and in
//! microdata. Prints pages per second for each and for the mix.
//!
//! `bench_import [--seconds 3]`

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use app::meals::recipes::import::{preview, recipe_from_page};

/// What a recipe site wraps a recipe in: menus, cards, scripts, a comment section.
fn boilerplate(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = write!(
            s,
            "<li class=\"menu-item menu-item-{i}\"><a href=\"/category/{i}/\" data-track=\"nav-{i}\">Category {i} &amp; more</a></li>\
             <div class=\"card\"><img src=\"/img/{i}.jpg\" alt=\"Photo {i}\" loading=\"lazy\"><h3>Related recipe {i}</h3>\
             <p>A short teaser for recipe number {i}, with <em>emphasis</em> and a <a href=\"/r/{i}\">link</a>.</p></div>\
             <script>window.dataLayer=window.dataLayer||[];dataLayer.push({{\"event\":\"impression\",\"id\":{i}}});</script>\
             <!-- comment {i} -->"
        );
    }
    s
}

fn ingredients() -> Vec<String> {
    [
        "1 cup red lentils, rinsed",
        "1 (14 oz) can diced tomatoes",
        "2-3 cloves garlic, minced",
        "1 ½ tsp ground cumin",
        "1 medium onion, finely chopped",
        "2 tbsp olive oil",
        "4 cups vegetable stock",
        "Juice of ½ lemon",
        "salt and pepper to taste",
        "200 g spinach",
        "1/4 cup chopped cilantro",
        "1 tbsp tomato paste",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn json_ld_page() -> String {
    let lines: Vec<String> = ingredients().iter().map(|l| format!("{l:?}")).collect();
    let steps: Vec<String> = (1..=8)
        .map(|i| format!("{{\"@type\":\"HowToStep\",\"text\":\"Step {i}: stir and cook for {i} minutes.\"}}"))
        .collect();
    format!(
        "<!doctype html><html><head><title>Lentil soup</title><script type=\"application/ld+json\">\
         {{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"WebSite\",\"name\":\"Kitchen\"}},\
         {{\"@type\":\"BreadcrumbList\",\"itemListElement\":[]}},{{\"@type\":\"Recipe\",\"name\":\"Red lentil soup\",\
         \"recipeYield\":[\"4\",\"4 bowls\"],\"prepTime\":\"PT10M\",\"cookTime\":\"PT30M\",\"keywords\":\"soup, vegan\",\
         \"recipeIngredient\":[{}],\"recipeInstructions\":[{}]}}]}}</script></head><body><nav><ul>{}</ul></nav>\
         <main><h1>Red lentil soup</h1></main><footer>{}</footer></body></html>",
        lines.join(","),
        steps.join(","),
        boilerplate(120),
        boilerplate(120)
    )
}

fn microdata_page() -> String {
    let lines: String = ingredients().iter().map(|l| format!("<li itemprop=\"recipeIngredient\">{l}</li>")).collect();
    let steps: String = (1..=8)
        .map(|i| format!("<li itemprop=\"recipeInstructions\">Step {i}: stir and cook for {i} minutes.</li>"))
        .collect();
    format!(
        "<!doctype html><html><head><title>Lentil soup</title></head><body><nav><ul>{}</ul></nav>\
         <article itemscope itemtype=\"https://schema.org/Recipe\"><h1 itemprop=\"name\">Red lentil soup</h1>\
         <meta itemprop=\"prepTime\" content=\"PT10M\"><span itemprop=\"recipeYield\">4 servings</span>\
         <ul>{lines}</ul><ol>{steps}</ol></article><footer>{}</footer></body></html>",
        boilerplate(120),
        boilerplate(120)
    )
}

fn rate(name: &str, pages: &[String], seconds: f64) {
    let deadline = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut n = 0usize;
    while started.elapsed() < deadline {
        let page = &pages[n % pages.len()];
        let draft = recipe_from_page(page).expect("the page holds a recipe");
        let read = preview(draft);
        assert_eq!(read.lines.len(), 12);
        n += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let kb = pages.iter().map(|p| p.len()).sum::<usize>() / pages.len() / 1024;
    println!("importer {name:<9} {:>7.0} pages/s on one core ({kb} KB a page, {n} pages)", n as f64 / secs);
}

fn main() {
    let mut seconds = 3.0;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).unwrap_or(3.0),
            other => {
                eprintln!("bench_import: unknown argument {other}\nusage: bench_import [--seconds 3]");
                std::process::exit(2)
            }
        }
    }
    let (json_ld, microdata) = (json_ld_page(), microdata_page());
    rate("JSON-LD", std::slice::from_ref(&json_ld), seconds);
    rate("microdata", std::slice::from_ref(&microdata), seconds);
    rate("mix", &[json_ld, microdata], seconds);
}
