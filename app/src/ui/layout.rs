//! The signed-in page frame: header with navigation and the profile switcher.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::account::api::{get_viewer, SignOut};
use crate::account::model::Viewer;
use crate::profiles::api::SwitchProfile;
use crate::ui::form::{BUTTON_QUIET, LABEL};

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

/// A signed-in page: redirects visitors to the sign-in page.
#[component]
pub fn Page(children: ChildrenFn) -> impl IntoView {
    let version = data_version();
    let viewer = Resource::new(move || version.get(), |_| get_viewer());
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="p-4">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) => view! {
                        <Header viewer=v/>
                        <main id="main" class="mx-auto max-w-5xl px-3 py-4 sm:px-6">
                            {children.with_value(|c| c())}
                        </main>
                    }
                    .into_any(),
                    Ok(None) => view! { <Redirect path="/sign-in"/> }.into_any(),
                    Err(e) => view! { <main id="main" class="p-4"><p role="alert">{e.to_string()}</p></main> }.into_any(),
                }
            })}
        </Suspense>
    }
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
                    <a class="underline-offset-2 hover:underline" href="/">"Dashboard"</a>
                    <a class="underline-offset-2 hover:underline" href="/health">"Health"</a>
                    <a class="underline-offset-2 hover:underline" href="/meals">"Meals"</a>
                    <a class="underline-offset-2 hover:underline" href="/recipes">"Recipes"</a>
                    <a class="underline-offset-2 hover:underline" href="/workouts">"Workouts"</a>
                    <a class="underline-offset-2 hover:underline" href="/recovery">"Recovery"</a>
                    <a class="underline-offset-2 hover:underline" href="/profiles">"Profiles"</a>
                    <a class="underline-offset-2 hover:underline" href="/settings/dashboard">"Tiles"</a>
                    <a class="underline-offset-2 hover:underline" href="/settings/account">"Account"</a>
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
