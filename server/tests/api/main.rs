//! One integration-test binary (zero2prod style): every test starts the real
//! application on port 0 against its own fresh database in a throwaway
//! PostgreSQL cluster, and drives it over HTTP.

mod helpers;

mod accounts;
mod dashboard;
mod engine;
mod hardening;
mod health;
mod import;
mod kitchen;
mod meals;
mod media;
mod pantry;
mod privileges;
mod profiles;
mod recipe_pages;
mod recipes;
mod recovery;
mod rls;
mod routes;
mod schema;
mod time_zones;
mod workouts;
