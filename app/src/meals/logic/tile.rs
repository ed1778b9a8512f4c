//! The meals tile's wording. Pure.

use crate::meals::model::MealTileFigures;

pub fn tile_summary(metric: &str, f: &MealTileFigures) -> crate::modules::TileSummary {
    use crate::modules::TileSummary;
    let href = Some("/meals");
    match metric {
        _ if !f.any_meal => TileSummary::empty("No meals logged yet: log breakfast to start your food diary.", href),
        "last_meal" => TileSummary::figure(f.last_meal.clone().unwrap_or_default(), "Last meal logged", href),
        _ => TileSummary::figure(f.meals_today.to_string(), "Meals logged today", href),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meals_tile_follows_its_configured_metric() {
        let f = MealTileFigures { any_meal: true, meals_today: 2, last_meal: Some("Porridge".into()) };
        assert_eq!(tile_summary("today_count", &f).value.as_deref(), Some("2"));
        assert_eq!(tile_summary("last_meal", &f).value.as_deref(), Some("Porridge"));
        assert!(tile_summary("today_count", &MealTileFigures::default()).value.is_none());
    }
}
