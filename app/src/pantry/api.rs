//! Pantry server functions. Each checks the caller first, then reads the
//! form; an id that is not the household's (or not an id) is a 404 and
//! changes nothing.

use leptos::prelude::*;

use super::logic::PantryItemForm;
use super::model::PantryList;
use crate::account::model::Paged;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{db::Caller, error::respond};

/// The pantry page: one page of the household's items in stock, by location and order.
#[server(endpoint = "pantry/page")]
pub async fn pantry_page(location: String, sort: String, page: String) -> Result<Paged<PantryList>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let location = if location.len() > 16 {
                None
            } else {
                <super::logic::Location as crate::input::Choice>::parse(&location)
            };
            let sort = super::model::PantrySort::parse(&sort);
            let page = super::model::parse_page(&page);
            caller
                .page(move |conn, scope| {
                    Box::pin(async move {
                        let (mut items, mut total) = super::db::list(conn, location, sort, page).await?;
                        let mut page = page;
                        if items.is_empty() && page > 1 {
                            // Past the last page (items were used up since): the first page.
                            (items, total) = super::db::list(conn, location, sort, 1).await?;
                            page = 1;
                        }
                        Ok(PantryList { items, page, total, location, sort, today: scope.today })
                    })
                })
                .await
        }
        .await,
    )
}

#[server(endpoint = "pantry/add")]
pub async fn add_pantry_item(#[server(flatten)] form: PantryItemForm) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            caller
                .on_profile(move |conn, scope| {
                    Box::pin(async move {
                        let item = super::logic::parse_item(&form, scope.today).map_err(AppError::Invalid)?;
                        super::db::insert(conn, scope.profile_id, &item).await?;
                        Ok(())
                    })
                })
                .await?;
            leptos_axum::redirect("/pantry");
            Ok(())
        }
        .await,
    )
}

/// Runs `work` on one of the household's items in the caller's transaction,
/// then sends the browser back to the pantry. A malformed id, or `work`
/// finding no such item (another household's), is a 404.
#[cfg(feature = "ssr")]
async fn change_item(
    item_id: &str,
    work: impl for<'c> FnOnce(&'c mut sqlx::PgConnection, crate::db::Scope, uuid::Uuid) -> crate::db::Work<'c, bool>
        + Send
        + 'static,
) -> Result<(), AppError> {
    let caller = Caller::require().await?;
    let id = crate::input::record_id(item_id)?;
    let found = caller.on_profile(move |conn, scope| work(conn, scope, id)).await?;
    if !found {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/pantry");
    Ok(())
}

#[server(endpoint = "pantry/update")]
pub async fn update_pantry_item(item_id: String, #[server(flatten)] form: PantryItemForm) -> Result<(), AppError> {
    respond(
        change_item(&item_id, move |conn, scope, id| {
            Box::pin(async move {
                let item = super::logic::parse_item(&form, scope.today).map_err(AppError::Invalid)?;
                Ok(super::db::update(conn, id, &item).await?)
            })
        })
        .await,
    )
}

/// Marks an item used up: it leaves the list.
#[server(endpoint = "pantry/use-up")]
pub async fn use_up_pantry_item(item_id: String) -> Result<(), AppError> {
    respond(change_item(&item_id, |conn, _, id| Box::pin(async move { Ok(super::db::use_up(conn, id).await?) })).await)
}

#[server(endpoint = "pantry/delete")]
pub async fn delete_pantry_item(item_id: String) -> Result<(), AppError> {
    respond(change_item(&item_id, |conn, _, id| Box::pin(async move { Ok(super::db::delete(conn, id).await?) })).await)
}

/// One item's page (to change or remove it); another household's id is a 404.
#[server(endpoint = "pantry/item")]
pub async fn pantry_item_page(item_id: String) -> Result<Paged<super::model::PantryItem>, AppError> {
    respond(
        async {
            let caller = Caller::require().await?;
            let id = crate::input::record_id(&item_id)?;
            caller
                .page(move |conn, _| Box::pin(async move { super::db::get(conn, id).await?.ok_or(AppError::NotFound) }))
                .await
        }
        .await,
    )
}
