//! The per-profile dashboard: enabled modules as tiles, each with a summary.

pub mod api;
pub mod logic;
pub mod model;
pub mod views;
