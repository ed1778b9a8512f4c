//! Logged workouts as the browser sees them, and the workout form's rules. Pure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WorkoutEntry {
    pub name: String,
    pub workout_type: Option<WorkoutType>,
    pub day: Option<NaiveDate>,
    pub duration_minutes: Option<i32>,
    pub session_rpe: Option<f64>,
    /// From `wt_training_loads`, once the engine has computed it.
    pub training_load: Option<f64>,
    pub load_method: Option<String>,
}

/// `wt_workout_type`: the one list of workout types (forms, storage and the
/// engine's load classification all use it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_workout_type", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum WorkoutType {
    Strength,
    Cardio,
    Flexibility,
    Mixed,
}

impl crate::input::Choice for WorkoutType {
    const ALL: &'static [Self] =
        &[WorkoutType::Cardio, WorkoutType::Strength, WorkoutType::Flexibility, WorkoutType::Mixed];
    fn value(self) -> &'static str {
        match self {
            WorkoutType::Strength => "strength",
            WorkoutType::Cardio => "cardio",
            WorkoutType::Flexibility => "flexibility",
            WorkoutType::Mixed => "mixed",
        }
    }
    fn label(self) -> &'static str {
        match self {
            WorkoutType::Strength => "Strength",
            WorkoutType::Cardio => "Cardio",
            WorkoutType::Flexibility => "Flexibility",
            WorkoutType::Mixed => "Mixed",
        }
    }
}

/// Foster's CR-10 scale, as people are asked it about 30 minutes after a session.
pub const RPE_SCALE: [(&str, &str); 11] = [
    ("0", "0 – rest"),
    ("1", "1 – very, very easy"),
    ("2", "2 – easy"),
    ("3", "3 – moderate"),
    ("4", "4 – somewhat hard"),
    ("5", "5 – hard"),
    ("6", "6"),
    ("7", "7 – very hard"),
    ("8", "8"),
    ("9", "9"),
    ("10", "10 – maximal"),
];

/// The workout form, as posted (a missing field reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkoutForm {
    pub name: String,
    pub workout_type: String,
    pub day: String,
    pub duration_minutes: String,
    pub session_rpe: String,
}

impl WorkoutForm {
    pub fn parse(&self, today: NaiveDate) -> Result<WorkoutDraft, FieldErrors> {
        parse_workout(&self.name, &self.workout_type, &self.day, &self.duration_minutes, &self.session_rpe, today)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkoutDraft {
    pub name: String,
    pub workout_type: WorkoutType,
    pub day: NaiveDate,
    pub duration_minutes: i32,
    pub session_rpe: Option<f64>,
}

pub fn parse_workout(
    name: &str,
    workout_type: &str,
    day: &str,
    duration_minutes: &str,
    session_rpe: &str,
    today: NaiveDate,
) -> Result<WorkoutDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = name.trim();
    if name.is_empty() {
        errors.add("name", "Name the session, e.g. \"Easy run\".");
    } else if name.chars().count() > 120 {
        errors.add("name", "Use at most 120 characters.");
    }
    let workout_type = crate::input::choice::<WorkoutType>(
        &mut errors,
        "workout_type",
        workout_type,
        "Choose cardio, strength, flexibility or mixed.",
    );
    let range = crate::input::DateRange::up_to(today, "Log sessions you have done: today or earlier.");
    let day = crate::input::date(&mut errors, "day", day, range, Some(today));
    let duration = match duration_minutes.trim().parse::<i32>() {
        Ok(m) if (1..=600).contains(&m) => Some(m),
        _ => {
            errors.add("duration_minutes", "Enter the duration in whole minutes, 1 to 600.");
            None
        }
    };
    let rpe = match session_rpe.trim() {
        "" => None,
        raw => match raw.parse::<f64>() {
            Ok(r) if (0.0..=10.0).contains(&r) => Some(r),
            _ => {
                errors.add("session_rpe", "Choose how hard it felt, 0 to 10.");
                None
            }
        },
    };
    match (day, duration, workout_type) {
        (Some(day), Some(duration_minutes), Some(workout_type)) if errors.is_empty() => {
            Ok(WorkoutDraft { name: name.to_owned(), workout_type, day, duration_minutes, session_rpe: rpe })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_session_parses_with_or_without_rpe() {
        let w = parse_workout("Easy run", "cardio", "", "40", "6", today()).unwrap();
        assert_eq!((w.day, w.duration_minutes, w.session_rpe), (today(), 40, Some(6.0)));
        assert_eq!(parse_workout("Yoga", "flexibility", "2026-11-20", "30", "", today()).unwrap().session_rpe, None);
    }

    #[test]
    fn bad_input_is_reported_per_field() {
        let e = parse_workout("", "dance", "2026-12-01", "0", "11", today()).unwrap_err();
        for f in ["name", "workout_type", "day", "duration_minutes", "session_rpe"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }
}

/// What the workouts tile shows, read in one query.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WorkoutTileFigures {
    pub any_workout: bool,
    pub week_count: i64,
    pub week_minutes: i64,
}

pub fn tile_summary(metric: &str, f: &WorkoutTileFigures) -> crate::modules::TileSummary {
    use crate::modules::TileSummary;
    let href = Some("/workouts");
    match metric {
        _ if !f.any_workout => TileSummary::empty("No workouts yet: log your first session.", href),
        "week_minutes" => TileSummary::figure(format!("{} min", f.week_minutes), "Trained in the last 7 days", href),
        _ => TileSummary::figure(f.week_count.to_string(), "Workouts in the last 7 days", href),
    }
}

#[cfg(test)]
mod tile_tests {
    use super::*;

    #[test]
    fn the_workouts_tile_counts_the_week_or_its_minutes() {
        let f = WorkoutTileFigures { any_workout: true, week_count: 3, week_minutes: 140 };
        assert_eq!(tile_summary("week_count", &f).value.as_deref(), Some("3"));
        assert_eq!(tile_summary("week_minutes", &f).value.as_deref(), Some("140 min"));
        assert!(tile_summary("week_count", &WorkoutTileFigures::default()).value.is_none());
    }
}
