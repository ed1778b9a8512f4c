//! What each tile says, from its module's figures. Pure.

use serde::{Deserialize, Serialize};

use crate::profiles::logic::{ModuleName, TileConfig};

/// The figures behind every tile, read in one query.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ModuleFigures {
    pub meals_today: i64,
    pub meals_total: i64,
    pub last_meal: Option<String>,
    pub pantry_in_stock: i64,
    pub pantry_expiring: i64,
    pub protocols_active: i64,
    pub supplements_taken_today: i64,
    pub workouts_week: i64,
    pub workout_minutes_week: i64,
    pub workouts_total: i64,
    pub recovery_score: Option<f64>,
    pub training_load_week: Option<f64>,
    pub active_plan: Option<String>,
    pub plan_items_today: i64,
    pub plan_items_done: i64,
    pub daily_today: i64,
    pub daily_total: i64,
    pub latest_insight: Option<String>,
}

/// A point of a tile's chart: (unix seconds, value).
pub type Point = (i64, f64);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TileSummary {
    /// The headline figure, e.g. "72.4 kg"; `None` shows the empty state.
    pub value: Option<String>,
    /// What the figure is, or, when empty, what to do first.
    pub caption: String,
    /// Where the tile leads, when its module has a page.
    pub href: Option<String>,
    pub series: Vec<Point>,
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Sleep reads as hours and minutes ("7 h 45 min"), not decimal hours.
pub fn hours_and_minutes(hours: f64) -> String {
    let total = (hours * 60.0).round() as i64;
    match (total / 60, total % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Summarises one tile. `health` is the chosen health metric's history,
/// oldest first (only used by the health tile).
pub fn summarize(module: ModuleName, config: &TileConfig, f: &ModuleFigures, health: &[Point]) -> TileSummary {
    let metric = config.metric.as_str();
    let empty = |caption: &str| TileSummary { value: None, caption: caption.to_owned(), href: None, series: vec![] };
    let figure =
        |value: String, caption: String| TileSummary { value: Some(value), caption, href: None, series: vec![] };
    match module {
        ModuleName::Health => {
            let href = Some(format!("/health?metric={metric}"));
            let show = |v: f64| match metric {
                "weight" => format!("{} kg", trim_number(v)),
                "resting_hr" => format!("{} bpm", trim_number(v)),
                _ => hours_and_minutes(v),
            };
            match health.last() {
                Some((_, v)) => TileSummary {
                    value: Some(show(*v)),
                    caption: format!("Latest of {}", plural(health.len() as i64, "entry", "entries")),
                    href,
                    series: health.to_vec(),
                },
                None => TileSummary {
                    value: None,
                    caption: format!("Log your first {} to see it here.", config.metric_label(module).to_lowercase()),
                    href,
                    series: vec![],
                },
            }
        }
        ModuleName::Meals => {
            let mut summary = match metric {
                _ if f.meals_total == 0 => empty("No meals logged yet: log breakfast to start your food diary."),
                "last_meal" => figure(f.last_meal.clone().unwrap_or_default(), "Last meal logged".into()),
                _ => figure(f.meals_today.to_string(), "Meals logged today".into()),
            };
            summary.href = Some("/meals".into());
            summary
        }
        ModuleName::Pantry if f.pantry_in_stock == 0 => {
            empty("Your pantry is empty: add what is in your fridge and cupboards.")
        }
        ModuleName::Pantry => match metric {
            "in_stock" => figure(f.pantry_in_stock.to_string(), "Items in stock".into()),
            _ => figure(f.pantry_expiring.to_string(), "Expiring in the next 3 days".into()),
        },
        ModuleName::Supplements if f.protocols_active == 0 && f.supplements_taken_today == 0 => {
            empty("No supplements yet: add one and set when to take it.")
        }
        ModuleName::Supplements => match metric {
            "active_protocols" => figure(f.protocols_active.to_string(), "Active protocols".into()),
            _ => figure(f.supplements_taken_today.to_string(), "Taken today".into()),
        },
        ModuleName::Workouts => {
            let mut summary = match metric {
                _ if f.workouts_total == 0 => empty("No workouts yet: log your first session."),
                "week_minutes" => {
                    figure(format!("{} min", f.workout_minutes_week), "Trained in the last 7 days".into())
                }
                _ => figure(f.workouts_week.to_string(), "Workouts in the last 7 days".into()),
            };
            summary.href = Some("/workouts".into());
            summary
        }
        ModuleName::Performance => {
            let mut summary = match (metric, f.recovery_score, f.training_load_week) {
                ("training_load", _, Some(load)) if load > 0.0 => {
                    figure(trim_number(load), "Training load, last 7 days".into())
                }
                ("recovery", Some(score), _) => figure(format!("{score:.0}"), "Latest recovery score (0–100)".into()),
                _ => empty("Log resting heart rate each morning for two weeks to get a recovery score."),
            };
            summary.href = Some("/recovery".into());
            summary
        }
        ModuleName::Plans => match (&f.active_plan, metric) {
            (None, _) => empty("No active plan: plan your week to see today's items here."),
            (Some(title), "active_plan") => figure(title.clone(), "Active plan".into()),
            (Some(_), _) => {
                figure(format!("{}/{}", f.plan_items_done, f.plan_items_today), "Today's plan items done".into())
            }
        },
        ModuleName::Daily if f.daily_total == 0 => empty("Nothing logged yet: note water, mood or steps each day."),
        ModuleName::Daily => figure(f.daily_today.to_string(), "Entries today".into()),
        ModuleName::Insights => match &f.latest_insight {
            Some(text) => figure(text.chars().take(140).collect(), "Latest insight".into()),
            None => empty("Insights appear after a week of logging."),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_module_has_an_empty_state_when_nothing_is_logged() {
        let f = ModuleFigures::default();
        for m in ModuleName::ALL {
            let s = summarize(m, &TileConfig::default_for(m), &f, &[]);
            assert!(s.value.is_none(), "{m:?}");
            assert!(!s.caption.is_empty(), "{m:?}");
        }
    }

    #[test]
    fn the_health_tile_shows_the_latest_value_of_its_metric() {
        let mut c = TileConfig::default_for(ModuleName::Health);
        c.metric = "resting_hr".into();
        let s = summarize(ModuleName::Health, &c, &ModuleFigures::default(), &[(1, 61.0), (2, 58.0)]);
        assert_eq!(s.value.as_deref(), Some("58 bpm"));
        assert_eq!(s.series.len(), 2);
        assert_eq!(s.href.as_deref(), Some("/health?metric=resting_hr"));
    }

    #[test]
    fn sleep_is_shown_in_hours_and_minutes() {
        assert_eq!(hours_and_minutes(10.25), "10 h 15 min");
        assert_eq!(hours_and_minutes(8.0), "8 h");
        assert_eq!(hours_and_minutes(0.5), "30 min");
        assert_eq!(hours_and_minutes(7.999), "8 h");
    }

    #[test]
    fn tiles_follow_the_configured_metric() {
        let f =
            ModuleFigures { meals_total: 3, meals_today: 2, last_meal: Some("Porridge".into()), ..Default::default() };
        let mut c = TileConfig::default_for(ModuleName::Meals);
        assert_eq!(summarize(ModuleName::Meals, &c, &f, &[]).value.as_deref(), Some("2"));
        c.metric = "last_meal".into();
        assert_eq!(summarize(ModuleName::Meals, &c, &f, &[]).value.as_deref(), Some("Porridge"));
    }
}
