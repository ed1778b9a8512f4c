//! The signed-in page frame: header with navigation and the profile switcher.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::account::api::SignOut;
use crate::account::model::{Paged, Viewer};
use crate::error::AppError;
use crate::profiles::api::SwitchProfile;
use crate::ui::form::{BUTTON_QUIET, LABEL};
use crate::ui::not_found::NotFound;

/// What a signed-in page's one server call answers.
pub type PageData<T> = Result<Paged<T>, AppError>;

/// A page's one load. Pages render on the server only (islands mode: just
/// the `#[island]` components hydrate), so the resource is created outside
/// hydration: its data is not serialised into the HTML for a hydration that
/// would never read it.
pub type PageLoad<T> = Resource<PageData<T>>;

/// The page's load from its one server call; the closure reads the route's
/// parameters it needs. It runs once per render.
pub fn page_load<T, Fut>(fetch: impl Fn() -> Fut + Send + Sync + 'static) -> PageLoad<T>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = PageData<T>> + Send + 'static,
{
    leptos::reactive::owner::Owner::with_no_hydration(move || Resource::new(|| (), move |_| fetch()))
}

/// A signed-in page. `page` is the page's one load (created by the page
/// component, outside this Suspense, so the server renders it once): its
/// server call returns the viewer for the header and the page's data, read
/// in one transaction. `render` draws the data. Visitors are sent to the
/// sign-in page; a missing record is the 404 page; any other failure is a
/// notice, never "not found".
#[component]
pub fn Page<T, F, V>(page: PageLoad<T>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T, Viewer) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let render = StoredValue::new(render);
    view! {
        <Suspense fallback=|| view! { <p class="p-4">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Paged { viewer, data, flash }) => {
                        provide_context(crate::ui::form::PageFlash(flash));
                        view! {
                        <Header viewer=viewer.clone()/>
                        <main id="main" class="mx-auto max-w-5xl px-3 py-4 sm:px-6">
                            {render.with_value(|r| r(data, viewer).into_any())}
                        </main>
                    }
                    .into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <Redirect path="/sign-in"/> }.into_any(),
                    Err(AppError::NotFound) => view! { <main id="main"><NotFound/></main> }.into_any(),
                    Err(e) => view! {
                        <main id="main" class="mx-auto max-w-5xl p-4">
                            <p role="alert" class="rounded border border-red-300 bg-red-50 p-3">{e.to_string()}</p>
                        </main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Header(viewer: Viewer) -> impl IntoView {
    let switch = ServerAction::<SwitchProfile>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let current = viewer.current_profile.id;
    let options = viewer
        .profiles
        .iter()
        .map(|p| {
            let selected = p.id == current;
            view! { <option value=p.id.to_string() selected=selected>{p.display_name.clone()}</option> }
        })
        .collect_view();
    view! {
        <header class="border-b border-slate-300 bg-white">
            <div class="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2 sm:px-6">
                <a href="/" class="text-lg font-bold text-sky-900">"WellTrack"</a>
                <nav aria-label="Main" class="flex flex-wrap gap-3 text-sm">
                    {crate::modules::NAV
                        .iter()
                        .map(|(label, href)| view! { <a class="underline-offset-2 hover:underline" href=*href>{*label}</a> })
                        .collect_view()}
                </nav>
                <div class="ml-auto flex flex-wrap items-center gap-2">
                    <ActionForm action=switch attr:class="flex items-center gap-2" attr:data-testid="profile-switcher">
                        <label for="profile-switch" class=LABEL>"Profile"</label>
                        <select id="profile-switch" name="profile_id" class="rounded border border-slate-400 bg-white px-2 py-1 text-sm">
                            {options}
                        </select>
                        <button type="submit" class=BUTTON_QUIET>"Switch"</button>
                    </ActionForm>
                    <ActionForm action=sign_out>
                        <button type="submit" class=BUTTON_QUIET>"Sign out"</button>
                    </ActionForm>
                </div>
            </div>
            <p class="mx-auto max-w-5xl px-3 pb-2 text-sm text-slate-700 sm:px-6" data-testid="current-profile">
                "Viewing: " <strong>{viewer.current_profile.display_name.clone()}</strong>
            </p>
        </header>
    }
}

/// A page for visitors (sign-in, sign-up): brings the flash of a failed
/// form post, so the form shows its messages and what was typed.
#[component]
pub fn VisitorPage(children: ChildrenFn) -> impl IntoView {
    let flash = leptos::reactive::owner::Owner::with_no_hydration(|| {
        Resource::new(|| (), |_| crate::account::api::visitor_flash())
    });
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                provide_context(crate::ui::form::PageFlash(flash));
                children.with_value(|c| c())
            })}
        </Suspense>
    }
}
