//! The meals tile's wording. Pure.

use crate::meals::model::MealTileFigures;

pub fn tile_summary(metric: &str, f: &MealTileFigures) -> crate::modules::TileSummary {
    use crate::modules::TileSummary;
    let href = Some("/meals");
    match metric {
        _ if !f.any_meal => TileSummary::empty("No meals logged yet: log breakfast to start your food diary.", href),
        "last_meal" => TileSummary::figure(f.last_meal.clone().unwrap_or_default(), "Last meal logged", href),
        "energy_today" => {
            let eaten = super::intake::amount_text(f.energy_today.unwrap_or(0.0), "kcal");
            let caption = match f.energy_target {
                Some(t) if t > 0.0 => format!(
                    "of {} today ({} %)",
                    super::intake::amount_text(t, "kcal"),
                    (f.energy_today.unwrap_or(0.0) / t * 100.0).round()
                ),
                _ => "eaten today".to_owned(),
            };
            TileSummary::figure(eaten, &caption, href)
        }
        _ => TileSummary::figure(f.meals_today.to_string(), "Meals logged today", href),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meals_tile_follows_its_configured_metric() {
        let f = MealTileFigures {
            any_meal: true,
            meals_today: 2,
            last_meal: Some("Porridge".into()),
            energy_today: Some(1234.4),
            energy_target: Some(2000.0),
        };
        assert_eq!(tile_summary("today_count", &f).value.as_deref(), Some("2"));
        let energy = tile_summary("energy_today", &f);
        assert_eq!(
            (energy.value.as_deref(), energy.caption.as_str()),
            (Some("1,234 kcal"), "of 2,000 kcal today (62 %)")
        );
        let no_target = MealTileFigures { energy_target: None, energy_today: None, ..f.clone() };
        assert_eq!(tile_summary("energy_today", &no_target).value.as_deref(), Some("0 kcal"));
        assert_eq!(tile_summary("last_meal", &f).value.as_deref(), Some("Porridge"));
        assert!(tile_summary("today_count", &MealTileFigures::default()).value.is_none());
    }
}
