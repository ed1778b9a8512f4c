//! `GET /media/<id>`: an image, as the signed-in user or as a visitor (`anon`), so
//! row-level security shows each only what they may see: their household's recipes and
//! meals, and shared recipes. Any other id, like an unknown one, is a 404.

use axum::extract::{Extension, Path};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::account::auth::AuthSession;
use crate::db::Db;

pub async fn image(auth: AuthSession, Extension(db): Extension<Db>, Path(id): Path<String>) -> Response {
    let Ok(id) = crate::input::record_id(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let user = auth.user.map(|u| u.id);
    let found =
        crate::db::as_visitor(&db, user, move |conn| Box::pin(async move { Ok(super::db::read(conn, id).await?) }))
            .await;
    match found {
        Ok(Some((content_type, bytes))) => (
            [
                (header::CONTENT_TYPE, content_type),
                // A new upload is a new id: what is at an id never changes.
                (header::CACHE_CONTROL, "private, max-age=31536000, immutable".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response(),
    }
}
