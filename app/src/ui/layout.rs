//! The signed-in page frame: header with navigation and the profile switcher.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::account::api::SignOut;
use crate::account::model::{Paged, Viewer};
use crate::error::AppError;
use crate::profiles::api::SwitchProfile;
use crate::ui::form::{BUTTON_QUIET, LABEL};
use crate::ui::not_found::NotFound;

/// Bumped after every successful change, so resources refetch when the page
/// is hydrated (without JavaScript every change is a full page load anyway).
#[derive(Clone, Copy)]
pub struct DataVersion(pub RwSignal<u64>);

pub fn data_version() -> RwSignal<u64> {
    use_context::<DataVersion>().map(|v| v.0).unwrap_or_else(|| RwSignal::new(0))
}

/// Creates a server action whose success bumps the data version.
pub fn tracked_action<S>() -> ServerAction<S>
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    let version = data_version();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            version.update(|v| *v += 1);
        }
    });
    action
}

/// What a signed-in page's one server call answers.
pub type PageData<T> = Result<Paged<T>, AppError>;

/// A signed-in page. `page` is the page's one resource (created by the page
/// component, outside this Suspense, so the server renders it once): its
/// server call returns the viewer for the header and the page's data, read
/// in one transaction. `render` draws the data. Visitors are sent to the
/// sign-in page; a missing record is the 404 page; any other failure is a
/// notice, never "not found".
#[component]
pub fn Page<T, F, V>(page: Resource<PageData<T>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T, Viewer) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let render = StoredValue::new(render);
    view! {
        <Transition fallback=|| view! { <p class="p-4">"Loading…"</p> }>
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
        </Transition>
    }
}

/// The page resource for a server call, refetched after every tracked change.
pub fn page_resource<T, Fut>(fetch: impl Fn() -> Fut + Send + Sync + 'static) -> Resource<PageData<T>>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = PageData<T>> + Send + 'static,
{
    let version = data_version();
    Resource::new(move || version.get(), move |_| fetch())
}

#[component]
fn Header(viewer: Viewer) -> impl IntoView {
    let switch = tracked_action::<SwitchProfile>();
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
    let flash = Resource::new(|| (), |_| crate::account::api::visitor_flash());
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
