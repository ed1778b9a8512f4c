//! Workouts: log a session (with its session RPE, the engine's load input).

pub mod api;
pub mod model;
pub mod views;
