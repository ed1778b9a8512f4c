//! Profile list, profile form, and tile settings pages.

mod tiles;

pub use tiles::TileSettingsPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::account::api::viewer_page;
use crate::account::model::Viewer;
use crate::profiles::api::{profile_page, CreateProfile, DeleteProfile, UpdateProfile};
use crate::profiles::logic::{age_on, ProfileForm, ACTIVITY_LEVELS, GENDERS};
use crate::profiles::model::Profile;
use crate::ui::form::{action_error, ActionError, FormError, SelectField, TextField, BUTTON, BUTTON_DANGER};
use crate::ui::kit::{Card, PageHeader};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn ProfilesPage() -> impl IntoView {
    let page = page_load(viewer_page);
    let create = ServerAction::<CreateProfile>::new();
    view! { <Page page=page render=move |_, viewer| view! { <ProfilesList viewer create/> }/> }
}

#[component]
fn ProfilesList(viewer: Viewer, create: ServerAction<CreateProfile>) -> impl IntoView {
    let error = action_error(create);
    view! {
        <PageHeader title="Profiles"/>
        {
                    let items = viewer.profiles.into_iter().map(|p| view! {
                        <li class="flex items-center justify-between border-b border-slate-200 py-2">
                            <span>
                                <strong>{p.display_name.clone()}</strong>
                                <span class="ml-2 text-sm text-slate-700">
                                    {if p.is_primary { "You (parent)" } else { "Dependent" }}
                                </span>
                            </span>
                            <a class="text-sky-800 underline" href=format!("/profiles/{}", p.id)>
                                "Edit " <span class="sr-only">{p.display_name.clone()}</span>
                            </a>
                        </li>
                    }).collect_view();
                    view! { <ul class="mb-6 rounded-lg border border-slate-300 bg-white px-4" data-testid="profile-list">{items}</ul> }
        }
        <Card title="Add a dependent" id="add-heading">
            <ActionForm action=create>
                <ProfileFields error=error form=ProfileForm::default()/>
                <button type="submit" class=BUTTON>"Add profile"</button>
            </ActionForm>
        </Card>
    }
}

/// Every `wt_profiles` field a person edits.
#[component]
fn ProfileFields(error: ActionError, form: ProfileForm) -> impl IntoView {
    view! {
        <FormError error=error/>
        <TextField name="display_name" label="Name" error=error value=form.display_name required=true/>
        <div class="grid gap-x-4 sm:grid-cols-2">
            <TextField name="date_of_birth" label="Date of birth" kind="date" error=error value=form.date_of_birth/>
            <SelectField name="gender" label="Gender" options=&GENDERS selected=form.gender blank="Not set" error=error/>
            <TextField name="height_cm" label="Height (cm)" error=error value=form.height_cm hint="e.g. 128.5"/>
            <TextField name="weight_kg" label="Weight (kg)" error=error value=form.weight_kg hint="e.g. 27.3"/>
        </div>
        <SelectField name="activity_level" label="Activity level" options=&ACTIVITY_LEVELS selected=form.activity_level blank="Not set" error=error/>
        <TextField name="fitness_goals" label="Fitness goals" error=error value=form.fitness_goals hint="Separate with commas"/>
        <TextField name="dietary_restrictions" label="Dietary restrictions" error=error value=form.dietary_restrictions hint="Separate with commas, e.g. vegetarian, halal"/>
        <TextField name="allergies" label="Allergies" error=error value=form.allergies hint="Separate with commas, e.g. peanuts, sesame"/>
    }
}

#[component]
pub fn EditProfilePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let page = page_load(move || {
        let id = id();
        async move {
            match id {
                Some(id) => profile_page(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        }
    });
    let update = ServerAction::<UpdateProfile>::new();
    let delete = ServerAction::<DeleteProfile>::new();
    view! {
        <Page page=page render=move |profile, viewer| view! { <EditProfile profile update delete today=viewer.today/> }/>
    }
}

#[component]
fn EditProfile(
    profile: Profile,
    update: ServerAction<UpdateProfile>,
    delete: ServerAction<DeleteProfile>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let update_error = action_error(update);
    let delete_error = action_error(delete);
    let p = profile;
    let age = p.date_of_birth.map(|d| age_on(d, today));
    let form = p.form();
    view! {
        <h1 class="mb-1 text-2xl font-bold">{p.display_name.clone()}</h1>
        <p class="mb-4 text-sm text-slate-700" data-testid="profile-age">
            {match age { Some(a) => format!("Age {a}"), None => "Age not set".to_string() }}
        </p>
        <section class="mb-6 rounded-lg border border-slate-300 bg-white p-4">
            <ActionForm action=update>
                <input type="hidden" name="id" value=p.id.to_string()/>
                <ProfileFields error=update_error form=form/>
                <button type="submit" class=BUTTON>"Save"</button>
            </ActionForm>
        </section>
        {(!p.is_primary).then(|| view! {
            <section class="rounded-lg border border-red-300 bg-white p-4">
                <h2 class="mb-2 text-lg font-semibold">"Delete this profile"</h2>
                <p class="mb-3 text-sm text-slate-700">"Everything logged for this profile is deleted too."</p>
                <ActionForm action=delete>
                    <FormError error=delete_error/>
                    <input type="hidden" name="id" value=p.id.to_string()/>
                    <button type="submit" class=BUTTON_DANGER>"Delete profile"</button>
                </ActionForm>
            </section>
        })}
    }
}
