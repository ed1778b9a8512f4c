//! Shared components: page layout, forms, charts.

pub mod browser;
pub mod chart;
pub mod form;
pub mod kit;
pub mod layout;
pub mod not_found;
