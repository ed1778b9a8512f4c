//! Shared components: page layout, forms, charts.

pub mod chart;
pub mod form;
pub mod layout;
pub mod not_found;
