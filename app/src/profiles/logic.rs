//! Profile and tile rules: pure, unit-tested.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::input;

/// The product's modules, in their default dashboard order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModuleName {
    Health,
    Workouts,
    Meals,
    Performance,
    Plans,
    Supplements,
    Pantry,
    Daily,
    Insights,
}

impl ModuleName {
    pub const ALL: [ModuleName; 9] = [
        ModuleName::Health,
        ModuleName::Workouts,
        ModuleName::Meals,
        ModuleName::Performance,
        ModuleName::Plans,
        ModuleName::Supplements,
        ModuleName::Pantry,
        ModuleName::Daily,
        ModuleName::Insights,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ModuleName::Health => "health",
            ModuleName::Workouts => "workouts",
            ModuleName::Meals => "meals",
            ModuleName::Performance => "performance",
            ModuleName::Plans => "plans",
            ModuleName::Supplements => "supplements",
            ModuleName::Pantry => "pantry",
            ModuleName::Daily => "daily",
            ModuleName::Insights => "insights",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            ModuleName::Health => "Health",
            ModuleName::Workouts => "Workouts",
            ModuleName::Meals => "Meals",
            ModuleName::Performance => "Recovery",
            ModuleName::Plans => "Plans",
            ModuleName::Supplements => "Supplements",
            ModuleName::Pantry => "Pantry",
            ModuleName::Daily => "Daily log",
            ModuleName::Insights => "Insights",
        }
    }

    /// The metrics a tile of this module can show: (key, label). The first is
    /// the default.
    pub fn metrics(self) -> &'static [(&'static str, &'static str)] {
        match self {
            ModuleName::Health => &[("weight", "Weight"), ("resting_hr", "Resting heart rate"), ("sleep", "Sleep")],
            ModuleName::Workouts => &[("week_count", "Workouts this week"), ("week_minutes", "Minutes this week")],
            ModuleName::Meals => {
                &[("today_count", "Meals today"), ("energy_today", "Energy today"), ("last_meal", "Last meal")]
            }
            ModuleName::Performance => &[("recovery", "Recovery score"), ("training_load", "Training load (7 days)")],
            ModuleName::Plans => &[("today_items", "Today's plan items"), ("active_plan", "Active plan")],
            ModuleName::Supplements => &[("taken_today", "Taken today"), ("active_protocols", "Active protocols")],
            ModuleName::Pantry => &[("expiring", "Expiring soon"), ("in_stock", "Items in stock")],
            ModuleName::Daily => &[("today_logs", "Entries today")],
            ModuleName::Insights => &[("latest", "Latest insight")],
        }
    }

    pub fn default_color(self) -> TileColor {
        match self {
            ModuleName::Health => TileColor::Rose,
            ModuleName::Workouts => TileColor::Orange,
            ModuleName::Meals => TileColor::Emerald,
            ModuleName::Performance => TileColor::Violet,
            ModuleName::Plans => TileColor::Sky,
            ModuleName::Supplements => TileColor::Teal,
            ModuleName::Pantry => TileColor::Amber,
            ModuleName::Daily => TileColor::Slate,
            ModuleName::Insights => TileColor::Sky,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TileSize {
    S,
    M,
    L,
}

impl TileSize {
    pub const ALL: [TileSize; 3] = [TileSize::S, TileSize::M, TileSize::L];
    pub fn as_str(self) -> &'static str {
        match self {
            TileSize::S => "S",
            TileSize::M => "M",
            TileSize::L => "L",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            TileSize::S => "Small",
            TileSize::M => "Medium",
            TileSize::L => "Large",
        }
    }
}

/// The tile palette. Each colour maps to fixed Tailwind classes (written out
/// in full so Tailwind's scanner finds them) with AA text contrast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TileColor {
    Emerald,
    Sky,
    Amber,
    Rose,
    Violet,
    Teal,
    Orange,
    Slate,
}

impl TileColor {
    pub const ALL: [TileColor; 8] = [
        TileColor::Emerald,
        TileColor::Sky,
        TileColor::Amber,
        TileColor::Rose,
        TileColor::Violet,
        TileColor::Teal,
        TileColor::Orange,
        TileColor::Slate,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            TileColor::Emerald => "emerald",
            TileColor::Sky => "sky",
            TileColor::Amber => "amber",
            TileColor::Rose => "rose",
            TileColor::Violet => "violet",
            TileColor::Teal => "teal",
            TileColor::Orange => "orange",
            TileColor::Slate => "slate",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            TileColor::Emerald => "Green",
            TileColor::Sky => "Blue",
            TileColor::Amber => "Yellow",
            TileColor::Rose => "Red",
            TileColor::Violet => "Purple",
            TileColor::Teal => "Teal",
            TileColor::Orange => "Orange",
            TileColor::Slate => "Grey",
        }
    }
    /// Classes for the tile's border and heading.
    pub fn classes(self) -> &'static str {
        match self {
            TileColor::Emerald => "border-emerald-600 bg-emerald-50 text-emerald-900",
            TileColor::Sky => "border-sky-600 bg-sky-50 text-sky-900",
            TileColor::Amber => "border-amber-600 bg-amber-50 text-amber-900",
            TileColor::Rose => "border-rose-600 bg-rose-50 text-rose-900",
            TileColor::Violet => "border-violet-600 bg-violet-50 text-violet-900",
            TileColor::Teal => "border-teal-600 bg-teal-50 text-teal-900",
            TileColor::Orange => "border-orange-600 bg-orange-50 text-orange-900",
            TileColor::Slate => "border-slate-600 bg-slate-50 text-slate-900",
        }
    }
    /// The colour of this tile's chart.
    pub fn tone(self) -> crate::ui::chart::Tone {
        use crate::ui::chart::Tone;
        match self {
            TileColor::Emerald => Tone::EMERALD,
            TileColor::Sky => Tone::SKY,
            TileColor::Amber => Tone::AMBER,
            TileColor::Rose => Tone::ROSE,
            TileColor::Violet => Tone::VIOLET,
            TileColor::Teal => Tone::TEAL,
            TileColor::Orange => Tone::ORANGE,
            TileColor::Slate => Tone::SLATE,
        }
    }
}

/// `wt_profile_modules.tile_config`, as stored (jsonb).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileConfig {
    pub size: TileSize,
    pub color: TileColor,
    pub metric: String,
}

impl TileConfig {
    pub fn default_for(module: ModuleName) -> Self {
        Self {
            size: if module == ModuleName::Health { TileSize::L } else { TileSize::M },
            color: module.default_color(),
            metric: module.metrics()[0].0.to_owned(),
        }
    }

    /// Reads a stored config leniently: a missing or unknown value (an older
    /// version, a hand edit) falls back to that field's default rather than
    /// breaking the dashboard.
    pub fn from_json(module: ModuleName, value: Option<&serde_json::Value>) -> Self {
        let default = Self::default_for(module);
        let Some(value) = value else { return default };
        let text = |key: &str| value.get(key).and_then(|v| v.as_str());
        Self {
            size: text("size").and_then(TileSize::parse).unwrap_or(default.size),
            color: text("color").and_then(TileColor::parse).unwrap_or(default.color),
            metric: text("metric")
                .filter(|m| module.metrics().iter().any(|(key, _)| key == m))
                .map(str::to_owned)
                .unwrap_or(default.metric),
        }
    }

    pub fn parse_form(module: ModuleName, size: &str, color: &str, metric: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let size = TileSize::parse(size).or_else(|| {
            errors.add("size", "Choose small, medium or large.");
            None
        });
        let color = TileColor::parse(color).or_else(|| {
            errors.add("color", "Choose a colour from the list.");
            None
        });
        if !module.metrics().iter().any(|(key, _)| *key == metric) {
            errors.add("metric", "Choose a metric this tile can show.");
        }
        match (size, color) {
            (Some(size), Some(color)) if errors.is_empty() => Ok(Self { size, color, metric: metric.to_owned() }),
            _ => Err(errors),
        }
    }

    pub fn metric_label(&self, module: ModuleName) -> &'static str {
        module.metrics().iter().find(|(key, _)| *key == self.metric).map(|(_, label)| *label).unwrap_or("")
    }
}

/// Moves `module` one place up or down in `order`; returns false at an edge
/// or when the module is not in the list.
pub fn move_in_order(order: &mut [ModuleName], module: ModuleName, up: bool) -> bool {
    let Some(i) = order.iter().position(|m| *m == module) else { return false };
    let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < order.len()) };
    match j {
        Some(j) => {
            order.swap(i, j);
            true
        }
        None => false,
    }
}

/// Parses a complete new order (from drag and drop): every module exactly once.
pub fn parse_order(raw: &str) -> Option<Vec<ModuleName>> {
    let order: Vec<ModuleName> = raw.split(',').map(|s| ModuleName::parse(s.trim())).collect::<Option<_>>()?;
    let complete = order.len() == ModuleName::ALL.len() && ModuleName::ALL.iter().all(|m| order.contains(m));
    complete.then_some(order)
}

/// The order after a tile is dragged onto another: the dragged tile takes the
/// target's place and the tiles between them shift one step towards where it
/// was (so dropping onto a later tile puts it after that tile).
pub fn dropped_onto(order: &[ModuleName], dragged: ModuleName, target: ModuleName) -> Vec<ModuleName> {
    let (Some(from), Some(to)) = (order.iter().position(|m| *m == dragged), order.iter().position(|m| *m == target))
    else {
        return order.to_vec();
    };
    let mut new_order = order.to_vec();
    let moved = new_order.remove(from);
    new_order.insert(to, moved);
    new_order
}

pub const GENDERS: [(&str, &str); 4] =
    [("female", "Female"), ("male", "Male"), ("other", "Other"), ("undisclosed", "Prefer not to say")];

/// `activity_level` values and their usual TDEE multipliers' names.
pub const ACTIVITY_LEVELS: [(&str, &str); 5] = [
    ("sedentary", "Sedentary (little or no exercise)"),
    ("light", "Lightly active (1–3 days a week)"),
    ("moderate", "Moderately active (3–5 days a week)"),
    ("active", "Very active (6–7 days a week)"),
    ("very_active", "Extra active (hard daily training or physical job)"),
];

/// A validated profile form.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileDraft {
    pub display_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<String>,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub activity_level: Option<String>,
    pub fitness_goals: Vec<String>,
    pub dietary_restrictions: Vec<String>,
    pub allergies: Vec<String>,
}

impl ProfileDraft {
    /// A profile with only a name (the primary profile made at sign-up).
    pub fn named(display_name: String) -> Self {
        Self {
            display_name,
            date_of_birth: None,
            gender: None,
            height_cm: None,
            weight_kg: None,
            activity_level: None,
            fitness_goals: vec![],
            dietary_restrictions: vec![],
            allergies: vec![],
        }
    }
}

/// The raw form fields of a profile, as posted (a missing field reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub height_cm: String,
    #[serde(default)]
    pub weight_kg: String,
    #[serde(default)]
    pub activity_level: String,
    #[serde(default)]
    pub fitness_goals: String,
    #[serde(default)]
    pub dietary_restrictions: String,
    #[serde(default)]
    pub allergies: String,
}

/// How many items each of a profile's lists (goals, restrictions, allergies) holds.
pub const MAX_LIST_ITEMS: usize = 20;
pub const MAX_LIST_ITEM_LEN: usize = 60;

impl ProfileForm {
    pub fn parse(&self, today: NaiveDate) -> Result<ProfileDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let display_name =
            input::text(&mut errors, "display_name", &self.display_name, 80, Some("Enter a name for this profile."))
                .unwrap_or_default();
        let born = input::DateRange::up_to(today, "The date of birth cannot be in the future.");
        let date_of_birth = match self.date_of_birth.trim() {
            "" => None,
            raw => match input::date(&mut errors, "date_of_birth", raw, born, None) {
                Some(d) if age_on(d, today) > 120 => {
                    errors.add("date_of_birth", "Enter a date of birth within the last 120 years.");
                    None
                }
                other => other,
            },
        };
        let gender = match self.gender.trim() {
            "" => None,
            g if GENDERS.iter().any(|(k, _)| *k == g) => Some(g.to_owned()),
            _ => {
                errors.add("gender", "Choose an option from the list.");
                None
            }
        };
        let activity_level = match self.activity_level.trim() {
            "" => None,
            a if ACTIVITY_LEVELS.iter().any(|(k, _)| *k == a) => Some(a.to_owned()),
            _ => {
                errors.add("activity_level", "Choose an activity level from the list.");
                None
            }
        };
        let height_cm = input::number(&mut errors, "height_cm", &self.height_cm, 30.0, 272.0, "height in cm");
        let weight_kg = input::number(&mut errors, "weight_kg", &self.weight_kg, 1.0, 400.0, "weight in kg");
        let mut list = |field: &str, raw: &str| input::list(&mut errors, field, raw, MAX_LIST_ITEMS, MAX_LIST_ITEM_LEN);
        let fitness_goals = list("fitness_goals", &self.fitness_goals);
        let dietary_restrictions = list("dietary_restrictions", &self.dietary_restrictions);
        let allergies = list("allergies", &self.allergies);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProfileDraft {
            display_name,
            date_of_birth,
            gender,
            height_cm,
            weight_kg,
            activity_level,
            fitness_goals,
            dietary_restrictions,
            allergies,
        })
    }
}

/// Age in whole years on `today` (a birthday on 29 February counts from 1 March in other years).
pub fn age_on(date_of_birth: NaiveDate, today: NaiveDate) -> u32 {
    let mut years = today.year() - date_of_birth.year();
    if (today.month(), today.day()) < (date_of_birth.month(), date_of_birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn age_counts_whole_years_and_waits_for_the_birthday() {
        assert_eq!(age_on(d("2015-06-10"), d("2026-06-09")), 10);
        assert_eq!(age_on(d("2015-06-10"), d("2026-06-10")), 11);
        assert_eq!(age_on(d("2016-02-29"), d("2027-02-28")), 10);
        assert_eq!(age_on(d("2016-02-29"), d("2027-03-01")), 11);
        assert_eq!(age_on(d("2026-01-01"), d("2026-01-01")), 0);
    }

    #[test]
    fn module_names_round_trip() {
        for m in ModuleName::ALL {
            assert_eq!(ModuleName::parse(m.as_str()), Some(m));
            assert_eq!(TileConfig::default_for(m).metric, m.metrics()[0].0);
        }
        assert_eq!(ModuleName::parse("activity"), None);
    }

    #[test]
    fn stored_tile_config_falls_back_field_by_field() {
        let v = serde_json::json!({"size": "S", "color": "chartreuse", "metric": "sleep"});
        let c = TileConfig::from_json(ModuleName::Health, Some(&v));
        assert_eq!(c.size, TileSize::S);
        assert_eq!(c.color, ModuleName::Health.default_color());
        assert_eq!(c.metric, "sleep");
        let wrong_module_metric = serde_json::json!({"metric": "sleep"});
        assert_eq!(TileConfig::from_json(ModuleName::Meals, Some(&wrong_module_metric)).metric, "today_count");
    }

    #[test]
    fn tile_form_rejects_unknown_values_per_field() {
        let e = TileConfig::parse_form(ModuleName::Health, "XL", "rose", "steps").unwrap_err();
        assert!(e.get("size").is_some());
        assert!(e.get("color").is_none());
        assert!(e.get("metric").is_some());
        assert!(TileConfig::parse_form(ModuleName::Health, "S", "teal", "resting_hr").is_ok());
    }

    #[test]
    fn moving_a_tile_stops_at_the_edges() {
        let mut order = ModuleName::ALL.to_vec();
        assert!(!move_in_order(&mut order, ModuleName::Health, true));
        assert!(move_in_order(&mut order, ModuleName::Health, false));
        assert_eq!(order[1], ModuleName::Health);
        assert!(!move_in_order(&mut order, ModuleName::Insights, false));
    }

    #[test]
    fn a_new_order_must_name_every_module_once() {
        let all: Vec<&str> = ModuleName::ALL.iter().rev().map(|m| m.as_str()).collect();
        assert_eq!(parse_order(&all.join(",")).unwrap()[0], ModuleName::Insights);
        assert!(parse_order("health,health").is_none());
        assert!(parse_order(&all[1..].join(",")).is_none());
        assert!(parse_order("health,bogus").is_none());
    }

    #[test]
    fn a_dropped_tile_takes_the_targets_place() {
        use ModuleName::{Health, Meals, Pantry, Workouts};
        let order = [Health, Workouts, Meals, Pantry];
        assert_eq!(dropped_onto(&order, Pantry, Health), vec![Pantry, Health, Workouts, Meals]);
        assert_eq!(dropped_onto(&order, Health, Meals), vec![Workouts, Meals, Health, Pantry]);
        assert_eq!(dropped_onto(&order, Workouts, Workouts), order.to_vec());
        // A module missing from the order changes nothing.
        assert_eq!(dropped_onto(&order[..2], Pantry, Health), order[..2].to_vec());
    }

    #[test]
    fn profile_form_validates_each_field() {
        let today = d("2026-11-23");
        let form = ProfileForm {
            display_name: " ".into(),
            date_of_birth: "2030-01-01".into(),
            height_cm: "abc".into(),
            weight_kg: "900".into(),
            gender: "robot".into(),
            activity_level: "extreme".into(),
            ..Default::default()
        };
        let e = form.parse(today).unwrap_err();
        for field in ["display_name", "date_of_birth", "height_cm", "weight_kg", "gender", "activity_level"] {
            assert!(e.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn profile_form_parses_lists_and_decimal_commas() {
        let form = ProfileForm {
            display_name: "Mia".into(),
            date_of_birth: "2017-04-02".into(),
            height_cm: "128,5".into(),
            allergies: "peanuts, Sesame,, peanuts ".into(),
            ..Default::default()
        };
        let p = form.parse(d("2026-11-23")).unwrap();
        assert_eq!(p.height_cm, Some(128.5));
        assert_eq!(p.allergies, vec!["peanuts".to_string(), "Sesame".to_string()]);
        assert_eq!(p.weight_kg, None);
    }
}
