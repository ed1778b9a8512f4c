//! The workout form's rules and the workouts tile's wording. Pure, unit-tested.

use chrono::NaiveDate;

use super::model::{WorkoutDraft, WorkoutForm, WorkoutTileFigures, WorkoutType};
use crate::error::FieldErrors;

impl WorkoutForm {
    pub fn parse(&self, today: NaiveDate) -> Result<WorkoutDraft, FieldErrors> {
        parse_workout(&self.name, &self.workout_type, &self.day, &self.duration_minutes, &self.session_rpe, today)
    }
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
