//! Profiles (the parent's own and dependents'), switching between them, and
//! each profile's modules as dashboard tiles.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod views;
