//! Logged workouts as the browser sees them, the workout form and its types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

#[derive(Clone, Debug, PartialEq)]
pub struct WorkoutDraft {
    pub name: String,
    pub workout_type: WorkoutType,
    pub day: NaiveDate,
    pub duration_minutes: i32,
    pub session_rpe: Option<f64>,
}

/// What the workouts tile shows, read in one query.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WorkoutTileFigures {
    pub any_workout: bool,
    pub week_count: i64,
    pub week_minutes: i64,
}
