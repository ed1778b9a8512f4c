//! The performance engine's pure functions: per-workout training load, fitness / fatigue / form,
//! the acute:chronic workload trend, per-metric baselines with calibration, the sleep score and
//! the daily recovery score.
//!
//! Every function here is pure: no I/O, no clock, no randomness, no threads, `std` plus `serde`
//! only, so the same code runs on the server and in the browser (wasm). The methods, constants
//! and worked examples follow `shared/docs/engine-methods.md` sections 1–6; each submodule cites
//! its own sources. Expected values in the tests come from the independent Python oracles in
//! `tools/oracles/performance/` (pinned numpy / scipy / pandas), committed as JSON under
//! `fixtures/`, so `cargo test` needs no Python.
//!
//! **Days.** There is no date type here. A day is an `i64` day number in any consistent
//! numbering chosen by the caller (for example `NaiveDate::num_days_from_ce() as i64`); only
//! differences between day numbers are used. Series are built on a daily grid from these
//! numbers, so the order of input rows never matters.
//!
//! Cross-module paths use `super::` so that the engine's methods compile both inside the
//! app (`crate::performance::logic`) and on their own; `page` alone (the recovery page's
//! and tile's rules) uses the app's types.

pub mod acwr;
pub mod baseline;
pub mod load;
pub mod page;
pub mod pmc;
pub mod recovery;
pub mod sleep;
pub mod stats;

#[cfg(test)]
mod testkit;

/// Version of the methods implemented in this module tree. It is written into every
/// recovery score's `raw_data`, so that a stored number can always be traced to the rules that
/// produced it. Bump it whenever a constant, weight, threshold or formula here changes.
pub const METHOD_VERSION: &str = "welltrack-perf-1.0.0";
