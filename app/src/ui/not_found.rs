//! The 404 page (also used when a record is not the caller's: RLS makes it
//! indistinguishable from one that does not exist, which is the point).

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="mx-auto max-w-md p-6" data-testid="not-found">
            <h1 class="mb-2 text-2xl font-bold">"Page not found"</h1>
            <p class="mb-4">"There is nothing here, or it is not yours to see."</p>
            <a class="text-sky-800 underline" href="/">"Back to the dashboard"</a>
        </div>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <main id="main"><NotFound/></main> }
}
