//! Sign-up, sign-in and account settings pages.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::account::api::{viewer_page, ChangePassword, DeleteAccount, SetTimeZone, SignIn, SignUp};
use crate::ui::form::{
    action_error, ActionError, FieldError, FormError, TextField, BUTTON, BUTTON_DANGER, INPUT, LABEL,
};
use crate::ui::kit::PageHeader;
use crate::ui::layout::{page_load, Page, VisitorPage};

#[component]
fn AuthFrame(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <main id="main" class="mx-auto mt-8 max-w-md px-4">
            <h1 class="mb-1 text-3xl font-bold text-sky-900">"WellTrack"</h1>
            <h2 class="mb-4 text-xl font-semibold">{title}</h2>
            <div class="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">{children()}</div>
        </main>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    view! { <VisitorPage><SignInForm action/></VisitorPage> }
}

#[component]
fn SignInForm(action: ServerAction<SignIn>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <AuthFrame title="Sign in">
            <ActionForm action=action>
                <FormError error=error/>
                <TextField name="email" label="Email" kind="email" error=error required=true autocomplete="username"/>
                <TextField name="password" label="Password" kind="password" error=error required=true autocomplete="current-password"/>
                <button type="submit" class=BUTTON>"Sign in"</button>
            </ActionForm>
            <p class="mt-4 text-sm">"New here? " <a class="text-sky-800 underline" href="/sign-up">"Create an account"</a></p>
        </AuthFrame>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    view! { <VisitorPage><SignUpForm action/></VisitorPage> }
}

#[component]
fn SignUpForm(action: ServerAction<SignUp>) -> impl IntoView {
    let error = action_error(action);
    let deleted = move || use_query_map().with(|q| q.get("deleted").is_some());
    view! {
        <AuthFrame title="Create your household account">
            {move || deleted().then(|| view! { <p class="mb-3 text-sm" role="status">"Your account and all its data were deleted."</p> })}
            <ActionForm action=action>
                <FormError error=error/>
                <TextField name="display_name" label="Your name" error=error required=true autocomplete="name"/>
                <TextField name="email" label="Email" kind="email" error=error required=true autocomplete="username"/>
                <TextField
                    name="password"
                    label="Password"
                    kind="password"
                    error=error
                    required=true
                    autocomplete="new-password"
                    hint="At least 8 characters; common passwords are not accepted."
                />
                <TimeZoneField error=error value="UTC".to_owned() from_browser=true/>
                <button type="submit" class=BUTTON>"Create account"</button>
            </ActionForm>
            <p class="mt-4 text-sm">"Already have an account? " <a class="text-sky-800 underline" href="/sign-in">"Sign in"</a></p>
        </AuthFrame>
    }
}

/// The household's time zone: an IANA name. With JavaScript, sign-up
/// proposes the browser's own zone.
#[component]
fn TimeZoneField(error: ActionError, value: String, #[prop(optional)] from_browser: bool) -> impl IntoView {
    let typed = error.typed("timezone");
    // After a failed post, what the person typed wins over the browser's guess.
    let from_browser = from_browser && typed.is_none();
    let id = error.field_id("timezone");
    view! {
        <div class="mb-4">
            <label for=id.clone() class=LABEL>"Time zone"</label>
            <p class="text-xs text-slate-700">"Days, and what counts as today, follow this zone, e.g. Europe/London or America/Los_Angeles."</p>
            <TimeZoneInput id value=typed.unwrap_or(value) described_by=error.error_id("timezone") from_browser/>
            <FieldError error=error field="timezone"/>
        </div>
    }
}

/// The zone's input, an island so that sign-up can fill in the browser's
/// zone once the page runs in a browser. The `value` attribute carries the
/// value without JavaScript; the property follows the signal once hydrated.
#[island]
fn TimeZoneInput(id: String, value: String, described_by: String, from_browser: bool) -> impl IntoView {
    let current = RwSignal::new(value.clone());
    if from_browser {
        Effect::new(move |_| {
            if let Some(zone) = crate::ui::browser::time_zone() {
                current.set(zone);
            }
        });
    }
    view! {
        <input id=id name="timezone" type="text" class=INPUT autocomplete="off" value=value prop:value=move || current.get()
            on:input=move |ev| current.set(event_target_value(&ev)) aria-describedby=described_by/>
    }
}

#[component]
pub fn AccountSettingsPage() -> impl IntoView {
    let page = page_load(viewer_page);
    let change = ServerAction::<ChangePassword>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let zone = ServerAction::<SetTimeZone>::new();
    view! {
        <Page page=page render=move |_, viewer| view! { <AccountSettings change delete zone time_zone=viewer.time_zone/> }/>
    }
}

#[component]
fn AccountSettings(
    change: ServerAction<ChangePassword>,
    delete: ServerAction<DeleteAccount>,
    zone: ServerAction<SetTimeZone>,
    time_zone: String,
) -> impl IntoView {
    let change_error = action_error(change);
    let zone_error = action_error(zone);
    let delete_error = action_error(delete);
    let changed = move || use_query_map().with(|q| q.get("password").is_some());
    view! {
        <PageHeader title="Account"/>
        <section class="mb-6 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="pw-heading">
            <h2 id="pw-heading" class="mb-2 text-lg font-semibold">"Change password"</h2>
            <p class="mb-3 text-sm text-slate-700">"Changing your password signs you out everywhere else."</p>
            {move || changed().then(|| view! { <p class="mb-3 text-sm text-emerald-800" role="status">"Password changed."</p> })}
            <ActionForm action=change>
                <FormError error=change_error/>
                <TextField name="current_password" label="Current password" kind="password" error=change_error required=true autocomplete="current-password"/>
                <TextField name="new_password" label="New password" kind="password" error=change_error required=true autocomplete="new-password"/>
                <button type="submit" class=BUTTON>"Change password"</button>
            </ActionForm>
        </section>
        <section class="mb-6 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="tz-heading">
            <h2 id="tz-heading" class="mb-2 text-lg font-semibold">"Household time zone"</h2>
            <ActionForm action=zone>
                <FormError error=zone_error/>
                <TimeZoneField error=zone_error value=time_zone/>
                <button type="submit" class=BUTTON>"Save time zone"</button>
            </ActionForm>
        </section>
        <section class="rounded-lg border border-red-300 bg-white p-4" aria-labelledby="del-heading">
            <h2 id="del-heading" class="mb-2 text-lg font-semibold">"Delete account"</h2>
            <p class="mb-3 text-sm text-slate-700">"This deletes every profile and everything logged for them. It cannot be undone."</p>
            <ActionForm action=delete>
                <FormError error=delete_error/>
                <TextField name="password" label="Password" kind="password" error=delete_error required=true autocomplete="current-password"/>
                <button type="submit" class=BUTTON_DANGER>"Delete my account"</button>
            </ActionForm>
        </section>
    }
}
