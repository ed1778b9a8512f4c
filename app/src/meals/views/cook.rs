//! "I cooked this": one family meal on different plates. The page checks the pantry for the
//! servings made (a GET form, so it works without JavaScript), then one form logs each
//! profile's portion, takes the ingredients from the pantry and keeps what is left.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::account::model::Viewer;
use crate::input::options;
use crate::meals::model::MealType;
use crate::meals::recipes::api::{cook_page, CookRecipe};
use crate::meals::recipes::model::CookPage as PageData;
use crate::pantry::logic::deduct::Cover;
use crate::ui::form::{action_error, Checkbox, FieldError, FormError, SelectField, TextField, BUTTON, INPUT, LABEL};
use crate::ui::kit::Card;
use crate::ui::layout::{page_load, Page};

#[component]
pub fn CookPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let servings = move || query.with(|q| q.get("servings").unwrap_or_default());
    let page = page_load(move || cook_page(id(), servings()));
    let cook = ServerAction::<CookRecipe>::new();
    view! { <Page page=page render=move |data, viewer| view! { <Cook data viewer cook/> }/> }
}

fn cover_text(cover: &Cover) -> (String, &'static str) {
    match cover {
        Cover::InStock => ("In the pantry".into(), "text-emerald-800"),
        Cover::Short { missing } => (format!("{missing} missing"), "text-amber-800 font-semibold"),
        Cover::Missing => ("Not in the pantry".into(), "text-red-800 font-semibold"),
        Cover::Unmeasured => ("In the pantry in another unit: not taken, check by hand".into(), "text-slate-700"),
    }
}

#[component]
fn Cook(data: PageData, viewer: Viewer, cook: ServerAction<CookRecipe>) -> impl IntoView {
    let error = action_error(cook);
    let PageData { recipe_id, title, recipe_servings, servings_made, check } = data;
    let rid = recipe_id.to_string();
    let made = crate::meals::logic::recipe::trim_number(servings_made);
    let missing = check.missing_count();
    let for_servings = match recipe_servings {
        Some(s) => format!("The recipe is for {s} servings; the amounts below are for {made}."),
        None => format!("The recipe does not say its servings; the amounts below are as written, for {made}."),
    };
    let (made_check, made_form) = (made.clone(), made.clone());
    let current = viewer.current_profile.id;
    let today = viewer.today.to_string();
    view! {
        <p class="mb-2 text-sm"><a class="text-sky-800 underline" href=format!("/recipes/{rid}")>"← Back to the recipe"</a></p>
        <h1 class="mb-1 text-2xl font-bold">{format!("I cooked {title}")}</h1>
        <p class="mb-4 text-sm text-slate-700">"Log everyone's plate, take the ingredients from the pantry and keep what is left."</p>
        <div class="grid gap-4 md:grid-cols-2">
            <Card title="The pantry for this cook" id="check-heading">
                <form method="get" class="mb-3 flex flex-wrap items-end gap-2">
                    <div>
                        <label for="check-servings" class=LABEL>"Servings to check for"</label>
                        <input id="check-servings" name="servings" value=made_check inputmode="decimal" class=INPUT/>
                    </div>
                    <button type="submit" class="rounded border border-slate-400 bg-white px-3 py-2">"Check the pantry"</button>
                </form>
                <p class="mb-2 text-sm text-slate-700">{for_servings}</p>
                {(check.lines.is_empty()).then(|| view! { <p>"This recipe has no ingredients yet."</p> })}
                <ul data-testid="pantry-check" class="divide-y divide-slate-200">
                    {check.lines.iter().map(|line| {
                        let (status, class) = cover_text(&line.cover);
                        let from = (!line.from.is_empty()).then(|| format!("from {}", line.from.join(", ")));
                        view! {
                            <li class="py-1" data-testid="check-line">
                                <span class="font-semibold">{line.ingredient.clone()}</span>
                                {(!line.needed.is_empty()).then(|| format!(" · {}", line.needed))}
                                <span class=format!("ml-2 text-sm {class}")>{status}</span>
                                {from.map(|f| view! { <span class="ml-1 text-xs text-slate-700">{f}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="mt-2 text-sm" data-testid="missing-count">
                    {if missing == 0 { "Nothing is missing.".to_owned() } else { format!("{missing} missing: buy or check them before cooking.") }}
                </p>
            </Card>
            <Card title="Who ate how much" id="cook-heading">
                <ActionForm action=cook>
                    <FormError error=error/>
                    <input type="hidden" name="recipe_id" value=rid.clone()/>
                    <TextField name="servings_made" label="Servings made" error=error value=made_form/>
                    <fieldset class="mb-4">
                        <legend class=LABEL>"Servings each person ate (a child's half portion is 0.5)"</legend>
                        <FieldError error=error field="portions"/>
                        {viewer.profiles.iter().map(|p| {
                            let name = crate::meals::recipes::logic::portion_field(p.id);
                            let value = if p.id == current { "1" } else { "" };
                            view! { <TextField name=name label=p.display_name.clone() error=error value=value/> }
                        }).collect_view()}
                    </fieldset>
                    <div class="grid grid-cols-2 gap-x-3">
                        <SelectField name="meal_type" label="Meal" options={options::<MealType>()} error=error selected="dinner"/>
                        <TextField name="meal_date" label="Date" kind="date" error=error value=today/>
                    </div>
                    <SelectField
                        name="leftover_location"
                        label="What is left goes in"
                        options=vec![("fridge", "The fridge (eat within 3 days)"), ("freezer", "The freezer (best within 3 months)"), ("none", "Nowhere: nothing is kept")]
                        error=error
                        selected="fridge"
                    />
                    <TextField name="leftover_expiry" label="Eat the leftover by (optional)" kind="date" error=error hint="Empty: USDA's advice for where it is kept."/>
                    <Checkbox name="deduct" label="Take the ingredients from the pantry" error=error checked=true/>
                    <button type="submit" class=BUTTON>"Log the meal"</button>
                </ActionForm>
            </Card>
        </div>
    }
}
