//! The performance engine: training load, fitness/fatigue/form, baselines,
//! sleep and recovery scores (pure, in `logic`), goal forecasts (`forecast`),
//! and the recompute plan that turns a profile's data into engine rows.

pub mod forecast;
pub mod logic;
pub mod plan;
#[cfg(feature = "ssr")]
pub mod recompute;
