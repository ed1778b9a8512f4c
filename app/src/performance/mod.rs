//! The performance engine: training load, fitness/fatigue/form, baselines,
//! sleep and recovery scores (pure, in `logic`), goal forecasts (`forecast`),
//! the recompute plan and its database side, and the recovery page.

pub mod api;
pub mod forecast;
pub mod logic;
pub mod model;
pub mod plan;
#[cfg(test)]
mod proptests;
#[cfg(feature = "ssr")]
pub mod recompute;
pub mod views;
