//! The per-profile dashboard: enabled modules as tiles, each with a summary.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod views;
