//! Recipe images and meal photos: uploaded as a plain multipart form (it posts without
//! JavaScript), checked from the header before any work, kept without their metadata in
//! `media.images` (migration 0027) and served at `/media/<id>` to whoever may see their
//! recipe or meal.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
#[cfg(feature = "ssr")]
pub mod serve;
pub mod views;
