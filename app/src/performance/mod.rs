//! The performance engine: training load, fitness/fatigue/form, baselines,
//! sleep and recovery scores (pure, in `logic`), goal forecasts.

pub mod logic;
