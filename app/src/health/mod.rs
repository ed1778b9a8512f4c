//! Health metrics: manual entries now; device connections and imports later.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod views;
