//! Server functions: a recipe's image and a meal's photo, set (a multipart form: the file and
//! whose it is) and removed. The caller is checked before the file is read, the file's header
//! before it is cleaned, and the owner is changed only when it is the caller's: another
//! household's recipe or meal is a 404 with nothing written.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::{respond, FieldErrors};

/// What a multipart upload carried: the `file` part and, when asked for, one short text part
/// (the id of what the file is for).
#[cfg(feature = "ssr")]
pub(crate) struct Upload {
    pub file: Vec<u8>,
    pub text: Option<String>,
}

/// Reads an upload: the `file` part (at most [`logic::MAX_IMAGE_BYTES`](super::logic::MAX_IMAGE_BYTES))
/// and the text part named `text_field`; other parts are read up to 2 KB and dropped, and at
/// most 8 parts are read. `missing` is the message when no file was chosen.
#[cfg(feature = "ssr")]
pub(crate) async fn read_upload(
    data: MultipartData,
    text_field: Option<&str>,
    missing: &str,
) -> Result<Upload, AppError> {
    const UNREADABLE: &str = "The upload could not be read; choose the file again.";
    let limit = super::logic::MAX_IMAGE_BYTES;
    let unreadable = |_| FieldErrors::single("file", UNREADABLE);
    let mut form = data.into_inner().ok_or(AppError::Internal)?;
    let (mut file, mut text): (Option<Vec<u8>>, Option<String>) = (None, None);
    for _ in 0..8 {
        let Some(mut field) = form.next_field().await.map_err(unreadable)? else {
            return match file.filter(|f| !f.is_empty()) {
                Some(file) => Ok(Upload { file, text }),
                None => Err(FieldErrors::single("file", missing)),
            };
        };
        let name = field.name().map(str::to_owned);
        let is_file = name.as_deref() == Some("file") && file.is_none();
        let cap = if is_file { limit } else { 2_048 };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > cap {
                let message =
                    if is_file { format!("The file is larger than {} MB.", limit >> 20) } else { UNREADABLE.into() };
                return Err(FieldErrors::single("file", message));
            }
            bytes.extend_from_slice(&chunk);
        }
        if is_file {
            file = Some(bytes);
        } else if text.is_none() && name.is_some() && name.as_deref() == text_field {
            text = Some(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Err(FieldErrors::single("file", UNREADABLE))
}

/// The photo checked (before waiting for a core) and cleaned of its metadata, off the async
/// runtime and one per core at a time; a bad file is a message next to the field.
#[cfg(feature = "ssr")]
async fn cleaned(file: Vec<u8>) -> Result<(super::logic::Checked, Vec<u8>), AppError> {
    use super::logic::{check, without_metadata};
    static CLEANING: crate::cpu::PerCore = crate::cpu::PerCore::new();
    let bad = |e: super::logic::ImageError| FieldErrors::single("file", e.to_string());
    check(&file).map_err(bad)?;
    let _permit = CLEANING.acquire().await;
    tokio::task::spawn_blocking(move || without_metadata(&file)).await.map_err(|_| AppError::Internal)?.map_err(bad)
}

#[cfg(feature = "ssr")]
const CHOOSE_A_PHOTO: &str = "Choose a photo (JPEG or PNG, at most 5 MB).";

/// Sets the owner's image from the upload, then sends the browser back to `back`.
#[cfg(feature = "ssr")]
async fn set_image(
    data: MultipartData,
    id_field: &str,
    owner: fn(uuid::Uuid) -> super::db::Owner,
    back: &str,
) -> Result<(), AppError> {
    let caller = crate::db::Caller::require().await?;
    let upload = read_upload(data, Some(id_field), CHOOSE_A_PHOTO).await?;
    let id = crate::input::record_id(upload.text.as_deref().unwrap_or_default())?;
    let (checked, bytes) = cleaned(upload.file).await?;
    let saved = caller
        .as_user(move |conn| Box::pin(async move { Ok(super::db::replace(conn, owner(id), checked, &bytes).await?) }))
        .await?;
    saved.ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("{back}/{id}"));
    Ok(())
}

/// Removes the owner's image, then sends the browser back to `back`.
#[cfg(feature = "ssr")]
async fn remove_image(raw_id: &str, owner: fn(uuid::Uuid) -> super::db::Owner, back: &str) -> Result<(), AppError> {
    let id = crate::input::record_id(raw_id)?;
    let removed = crate::db::Caller::require()
        .await?
        .as_user(move |conn| Box::pin(async move { Ok(super::db::remove(conn, owner(id)).await?) }))
        .await?;
    if !removed {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&format!("{back}/{id}"));
    Ok(())
}

/// Sets a recipe's image (form fields `recipe_id` and `file`).
#[server(endpoint = "media/recipe-image", input = MultipartFormData)]
pub async fn set_recipe_image(data: MultipartData) -> Result<(), AppError> {
    respond(set_image(data, "recipe_id", super::db::Owner::Recipe, "/recipes").await)
}

#[server(endpoint = "media/recipe-image/remove")]
pub async fn remove_recipe_image(recipe_id: String) -> Result<(), AppError> {
    respond(remove_image(&recipe_id, super::db::Owner::Recipe, "/recipes").await)
}

/// Sets a meal's photo (form fields `meal_id` and `file`).
#[server(endpoint = "media/meal-photo", input = MultipartFormData)]
pub async fn set_meal_photo(data: MultipartData) -> Result<(), AppError> {
    respond(set_image(data, "meal_id", super::db::Owner::Meal, "/meals").await)
}

#[server(endpoint = "media/meal-photo/remove")]
pub async fn remove_meal_photo(meal_id: String) -> Result<(), AppError> {
    respond(remove_image(&meal_id, super::db::Owner::Meal, "/meals").await)
}
