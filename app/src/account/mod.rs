//! Accounts: sign-up, sign-in, sign-out, password change, account deletion.

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod views;
