//! Images in `media.images` (migration 0027). Row-level security decides which exist for
//! the caller: those of the recipes and meals they may read, and shared recipes' for anyone.

use sqlx::PgConnection;
use uuid::Uuid;

use super::logic::Checked;

/// What an image belongs to, and the column holding its address there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Recipe(Uuid),
    Meal(Uuid),
}

impl Owner {
    /// The owner's address update. A recipe must be one of the household's own (the
    /// library's, `profile_id` null, is readable but not theirs); a meal is visible only
    /// to its household.
    fn set_address(self) -> &'static str {
        match self {
            Owner::Recipe(_) => "update wt_recipes set image_url = $2 where id = $1 and profile_id is not null",
            Owner::Meal(_) => "update wt_meals set photo_url = $2 where id = $1",
        }
    }

    fn id(self) -> Uuid {
        match self {
            Owner::Recipe(id) | Owner::Meal(id) => id,
        }
    }

    fn clear_address(self) -> &'static str {
        match self {
            Owner::Recipe(_) => "update wt_recipes set image_url = null where id = $1 and profile_id is not null",
            Owner::Meal(_) => "update wt_meals set photo_url = null where id = $1",
        }
    }

    fn delete_images(self) -> &'static str {
        match self {
            Owner::Recipe(_) => "delete from media.images where recipe_id = $1",
            Owner::Meal(_) => "delete from media.images where meal_id = $1",
        }
    }

    fn insert_image(self) -> &'static str {
        match self {
            Owner::Recipe(_) => {
                "insert into media.images (id, recipe_id, content_type, width, height, bytes) \
                 values ($1, $2, $3, $4, $5, $6)"
            }
            Owner::Meal(_) => {
                "insert into media.images (id, meal_id, content_type, width, height, bytes) \
                 values ($1, $2, $3, $4, $5, $6)"
            }
        }
    }
}

/// The address an image is served at.
pub fn address(id: Uuid) -> String {
    format!("/media/{}", id.hyphenated())
}

/// Replaces the owner's image with `bytes` (already cleaned and checked). `None` when the
/// owner is not the caller's to change: then nothing is written.
pub async fn replace(
    conn: &mut PgConnection,
    owner: Owner,
    image: Checked,
    bytes: &[u8],
) -> sqlx::Result<Option<Uuid>> {
    let id = Uuid::new_v4();
    let changed = sqlx::query(owner.set_address()).bind(owner.id()).bind(address(id)).execute(&mut *conn).await?;
    if changed.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query(owner.delete_images()).bind(owner.id()).execute(&mut *conn).await?;
    sqlx::query(owner.insert_image())
        .bind(id)
        .bind(owner.id())
        .bind(image.kind.content_type())
        .bind(image.width as i32)
        .bind(image.height as i32)
        .bind(bytes)
        .execute(&mut *conn)
        .await?;
    Ok(Some(id))
}

/// Removes the owner's image. `false` when the owner is not the caller's to change.
pub async fn remove(conn: &mut PgConnection, owner: Owner) -> sqlx::Result<bool> {
    let changed = sqlx::query(owner.clear_address()).bind(owner.id()).execute(&mut *conn).await?;
    if changed.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(owner.delete_images()).bind(owner.id()).execute(&mut *conn).await?;
    Ok(true)
}

/// An image the caller may see: its content type and bytes.
pub async fn read(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<(String, Vec<u8>)>> {
    sqlx::query_as("select content_type, bytes from media.images where id = $1").bind(id).fetch_optional(conn).await
}
