//! What only a server has: configuration, the embedded PostgreSQL, the HTTP
//! stack (sessions, auth, static files, server functions) and start-up.

pub mod cli;
pub mod config;
pub mod embedded_pg;
pub mod food_data;
pub mod form_flash;
pub mod maintenance_worker;
pub mod migrations;
pub mod recompute_worker;
pub mod security;
pub mod session_cache;
pub mod startup;
pub mod telemetry;
