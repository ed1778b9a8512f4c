//! The module registry: which modules exist, where their pages are, and the
//! tile contract. A module gives its dashboard tile from one query of its
//! own (`<module>::tile`), so the dashboard reads only the enabled tiles'
//! figures. Adding a module is one arm here and one route in `lib.rs`.

pub use crate::dashboard::logic::TileSummary;
pub use crate::profiles::logic::ModuleName;

/// The main navigation: the dashboard, the pages of the modules that exist
/// (a module adds its line here), then the household's settings.
pub const NAV: &[(&str, &str)] = &[
    ("Dashboard", "/"),
    ("Health", "/health"),
    ("Meals", "/meals"),
    ("Recipes", "/recipes"),
    ("Pantry", "/pantry"),
    ("Workouts", "/workouts"),
    ("Recovery", "/recovery"),
    ("Profiles", "/profiles"),
    ("Tiles", "/settings/dashboard"),
    ("Account", "/settings/account"),
];

/// The module's page, or `None` while the module is still to be built (its
/// tile then says "coming" instead of promising actions that do not exist).
pub fn page(module: ModuleName) -> Option<&'static str> {
    match module {
        ModuleName::Health => Some("/health"),
        ModuleName::Workouts => Some("/workouts"),
        ModuleName::Meals => Some("/meals"),
        ModuleName::Performance => Some("/recovery"),
        ModuleName::Pantry => Some("/pantry"),
        ModuleName::Plans | ModuleName::Supplements | ModuleName::Daily | ModuleName::Insights => None,
    }
}

/// One tile's summary, from its module's own query.
#[cfg(feature = "ssr")]
pub async fn tile(
    conn: &mut sqlx::PgConnection,
    scope: crate::db::Scope,
    module: ModuleName,
    config: &crate::profiles::logic::TileConfig,
) -> Result<TileSummary, crate::error::AppError> {
    Ok(match module {
        ModuleName::Health => crate::health::tile(conn, scope, config).await?,
        ModuleName::Workouts => crate::workouts::tile(conn, scope, config).await?,
        ModuleName::Meals => crate::meals::tile(conn, scope, config).await?,
        ModuleName::Performance => crate::performance::tile(conn, scope, config).await?,
        ModuleName::Pantry => crate::pantry::tile(conn, scope, config).await?,
        ModuleName::Plans | ModuleName::Supplements | ModuleName::Daily | ModuleName::Insights => {
            TileSummary::coming(module)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_module_page_is_in_the_navigation() {
        for m in ModuleName::ALL {
            if let Some(href) = page(m) {
                assert!(NAV.iter().any(|(_, h)| *h == href), "{m:?} {href}");
            }
        }
    }

    #[test]
    fn modules_without_a_page_have_a_coming_tile_that_links_nowhere() {
        for m in ModuleName::ALL {
            let coming = TileSummary::coming(m);
            if page(m).is_none() {
                assert!(coming.value.is_none() && coming.href.is_none(), "{m:?}");
                assert!(coming.caption.contains("coming"), "{m:?}: {}", coming.caption);
            }
        }
    }
}
