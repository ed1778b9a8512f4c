//! Sign-up, sign-in and account settings pages.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::account::api::{ChangePassword, DeleteAccount, SignIn, SignUp};
use crate::ui::form::{action_error, FormError, TextField, BUTTON, BUTTON_DANGER};
use crate::ui::layout::Page;

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
                <button type="submit" class=BUTTON>"Create account"</button>
            </ActionForm>
            <p class="mt-4 text-sm">"Already have an account? " <a class="text-sky-800 underline" href="/sign-in">"Sign in"</a></p>
        </AuthFrame>
    }
}

#[component]
pub fn AccountSettingsPage() -> impl IntoView {
    view! {
        <Page>
            <AccountSettings/>
        </Page>
    }
}

#[component]
fn AccountSettings() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let change_error = action_error(change);
    let delete = ServerAction::<DeleteAccount>::new();
    let delete_error = action_error(delete);
    let changed = move || use_query_map().with(|q| q.get("password").is_some());
    view! {
        <h1 class="mb-4 text-2xl font-bold">"Account"</h1>
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
