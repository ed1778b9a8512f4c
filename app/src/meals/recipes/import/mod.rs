//! Importing a recipe from a page (issue 9, item 3): schema.org `Recipe` in
//! JSON-LD and in microdata, into a draft the person confirms. Pure readers;
//! fetching a URL is the server's.

pub mod draft;
pub mod jsonld;
#[cfg(feature = "ssr")]
pub mod microdata;

#[cfg(test)]
mod tests;

/// The recipe a saved page holds: its JSON-LD, else its microdata (server only).
#[cfg(feature = "ssr")]
pub fn recipe_from_page(html: &str) -> Option<draft::RecipeDraft> {
    jsonld::recipe_from_json_ld(html).or_else(|| microdata::recipe_from_microdata(html))
}
