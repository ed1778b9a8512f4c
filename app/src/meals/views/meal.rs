//! One meal's page: what was on the plate (SR28 foods in a chosen portion, free-text items,
//! or servings of a recipe), what it gave, a food search to add more, and the meal's own
//! fields (name, meal, date, rating, notes). Every form posts without JavaScript.

use leptos::prelude::*;

use crate::media::views::{Photo, PhotoCard, PhotoOf};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::grade_class;
use super::recipes::{FoodAmountFields, FoodResult, FoodSearchForm, IngredientErrors};
use crate::input::{options, Choice};
use crate::meals::api::{meal_page, AddMealFood, AddMealOther, DeleteMeal, RemoveMealItem, UpdateMeal};
use crate::meals::logic::intake::{amount_text, MealItem};
use crate::meals::logic::nutrition_grade::GRADE_LABEL;
use crate::meals::logic::recipe::trim_number;
use crate::meals::model::{MealDetail, MealPageData, MealType};
use crate::meals::recipes::model::FoodMatch;
use crate::ui::form::{
    action_error, ActionError, FormError, SelectField, TextArea, TextField, BUTTON, BUTTON_DANGER, BUTTON_QUIET,
};
use crate::ui::kit::{Card, EmptyState};
use crate::ui::layout::{page_load, Page};

const RATINGS: [(&str, &str); 5] =
    [("1", "1 star"), ("2", "2 stars"), ("3", "3 stars"), ("4", "4 stars"), ("5", "5 stars")];

#[component]
pub fn MealPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let page = page_load(move || meal_page(id(), q()));
    let actions = MealActions {
        add_food: ServerAction::new(),
        add_other: ServerAction::new(),
        remove: ServerAction::new(),
        update: ServerAction::new(),
        delete: ServerAction::new(),
    };
    view! { <Page page=page render=move |data, _| view! { <Meal data actions/> }/> }
}

#[derive(Clone, Copy)]
struct MealActions {
    add_food: ServerAction<AddMealFood>,
    add_other: ServerAction<AddMealOther>,
    remove: ServerAction<RemoveMealItem>,
    update: ServerAction<UpdateMeal>,
    delete: ServerAction<DeleteMeal>,
}

fn item_amount(item: &MealItem) -> String {
    match (item.quantity, &item.unit, item.grams) {
        (Some(q), Some(unit), Some(_)) if unit == "g" => format!("{} g", trim_number(q)),
        (Some(q), Some(unit), Some(g)) => format!("{} {unit} ({} g)", trim_number(q), trim_number(g.round())),
        _ => item.energy_kcal.map(|k| amount_text(k, "kcal")).unwrap_or_else(|| "not counted".into()),
    }
}

#[component]
fn Meal(data: MealPageData, actions: MealActions) -> impl IntoView {
    let MealPageData { meal, q, results } = data;
    let id = meal.id.to_string();
    let stars = meal.rating.map(|r| format!(" · {}", "★".repeat(r as usize)));
    let from_recipe = meal.recipe.is_some();
    view! {
        <p class="mb-2 text-sm"><a class="text-sky-800 underline" href="/meals">"← All meals"</a></p>
        <div class="mb-4 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold">{meal.name.clone()}</h1>
            {meal.grade.clone().map(|g| {
                let class = format!("rounded px-2 py-0.5 text-sm font-bold {}", grade_class(&g));
                view! { <span class=class title=GRADE_LABEL data-testid="grade"><span class="sr-only">{GRADE_LABEL} ": "</span>{g}</span> }
            })}
        </div>
        <p class="mb-4 text-sm text-slate-700">
            {format!("{} · {}", meal.meal_date.format("%A %-d %B %Y"), meal.meal_type.label())}{stars}
        </p>
        <Photo url=meal.photo_url.clone() alt=format!("Photo of {}", meal.name)/>
        <div class="grid gap-4 md:grid-cols-2">
            <Items meal=meal.clone() remove=actions.remove/>
            <Nutrients meal=meal.clone()/>
        </div>
        {(!from_recipe).then(|| view! {
            <AddFood meal_id=id.clone() q results add=actions.add_food/>
            <AddOther meal_id=id.clone() add=actions.add_other/>
        })}
        <PhotoCard of=PhotoOf::Meal owner_id=id.clone() url=meal.photo_url.clone()/>
        <EditMeal meal update=actions.update delete=actions.delete/>
    }
}

#[component]
fn Items(meal: MealDetail, remove: ServerAction<RemoveMealItem>) -> impl IntoView {
    let id = meal.id.to_string();
    let body = match (&meal.recipe, meal.items.is_empty()) {
        (Some((recipe_id, title)), _) => view! {
            <p>
                {meal.servings_consumed.map(trim_number).unwrap_or_else(|| "1".into())} " serving(s) of "
                <a class="text-sky-800 underline" href=format!("/recipes/{recipe_id}")>{title.clone()}</a>
            </p>
        }
        .into_any(),
        (None, true) => view! { <EmptyState text="Nothing on the plate yet: search for a food below."/> }.into_any(),
        (None, false) => view! {
            <ul data-testid="meal-items">
                {meal.items.iter().enumerate().map(|(i, item)| {
                    let label = format!("Remove {}", item.description);
                    let id = id.clone();
                    view! {
                        <li class="flex items-center justify-between gap-2 border-t border-slate-200 py-2">
                            <span>
                                <span class="font-medium">{item_amount(item)}</span>
                                " " {item.description.clone()}
                            </span>
                            <ActionForm action=remove>
                                <input type="hidden" name="meal_id" value=id/>
                                <input type="hidden" name="position" value=(i + 1).to_string()/>
                                <button type="submit" class=BUTTON_QUIET aria-label=label>"Remove"</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="items-heading">
            <h2 id="items-heading" class="mb-3 text-lg font-semibold">"On the plate"</h2>
            {body}
        </section>
    }
}

#[component]
fn Nutrients(meal: MealDetail) -> impl IntoView {
    let body = if meal.nutrients.is_empty() {
        view! { <p>"Add foods to see what this meal gave."</p> }.into_any()
    } else {
        view! {
            <table class="w-full text-sm" data-testid="meal-nutrients">
                <caption class="sr-only">"Nutrients in this meal"</caption>
                <tbody>
                    {meal.nutrients.iter().map(|(label, amount, unit)| view! {
                        <tr class="border-t border-slate-200">
                            <th scope="row" class="py-1 text-left font-normal">{label.clone()}</th>
                            <td class="py-1 text-right">{amount_text(*amount, unit)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let not_counted = (!meal.not_counted.is_empty()).then(|| {
        view! {
            <p class="mt-2 text-sm text-slate-700">
                "Counted for their stated energy at most: " {meal.not_counted.join(", ")} "."
            </p>
        }
    });
    view! {
        <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="nutrients-heading">
            <h2 id="nutrients-heading" class="mb-3 text-lg font-semibold">"What it gave"</h2>
            {body}
            {not_counted}
            <p class="mt-2 text-xs text-slate-700">"Food data: " {crate::meals::logic::sr28::CITATION} "."</p>
        </section>
    }
}

#[component]
fn AddFood(meal_id: String, q: String, results: Vec<FoodMatch>, add: ServerAction<AddMealFood>) -> impl IntoView {
    let searched = !q.trim().is_empty();
    let list = if results.is_empty() && searched {
        view! { <p>"No food matches those words. Try fewer words, or add it as something else below."</p> }.into_any()
    } else {
        view! {
            <ul data-testid="food-results">
                {results.into_iter().map(|food| {
                    let meal_id = meal_id.clone();
                    view! {
                        <FoodResult food=food.clone()>
                            <ActionForm action=add attr:class="mt-1 flex flex-wrap items-end gap-2">
                                <input type="hidden" name="meal_id" value=meal_id/>
                                <FoodAmountFields food/>
                                <button type="submit" class=BUTTON_QUIET>"Add"</button>
                            </ActionForm>
                        </FoodResult>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="add-food-heading">
            <h2 id="add-food-heading" class="mb-3 text-lg font-semibold">"Add a food"</h2>
            <IngredientErrors error=action_error(add)/>
            <FoodSearchForm q/>
            {list}
        </section>
    }
}

#[component]
fn AddOther(meal_id: String, add: ServerAction<AddMealOther>) -> impl IntoView {
    let error = action_error(add);
    view! {
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="add-other-heading">
            <h2 id="add-other-heading" class="mb-3 text-lg font-semibold">"Add something else"</h2>
            <p class="mb-3 text-sm text-slate-700">"When no food matches: it is listed, and counts only the energy you give."</p>
            <ActionForm action=add>
                <FormError error=error/>
                <input type="hidden" name="meal_id" value=meal_id/>
                <div class="grid gap-x-3 sm:grid-cols-2">
                    <TextField name="description" label="What was it?" error=error required=true/>
                    <TextField name="energy_kcal" label="Energy in kcal (optional)" error=error/>
                </div>
                <button type="submit" class=BUTTON_QUIET>"Add to the meal"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn EditMeal(meal: MealDetail, update: ServerAction<UpdateMeal>, delete: ServerAction<DeleteMeal>) -> impl IntoView {
    let error: ActionError = action_error(update);
    let id = meal.id.to_string();
    let delete_id = id.clone();
    view! {
        <div class="mt-4 grid gap-4 md:grid-cols-2">
            <Card title="Change this meal" id="edit-meal-heading">
                <ActionForm action=update>
                    <FormError error=error/>
                    <input type="hidden" name="meal_id" value=id/>
                    <TextField name="name" label="Name" error=error required=true value=meal.name.clone()/>
                    <div class="grid grid-cols-2 gap-x-3">
                        <SelectField name="meal_type" label="Meal" options={options::<MealType>()} error=error selected=meal.meal_type.value()/>
                        <TextField name="meal_date" label="Date" kind="date" error=error value=meal.meal_date.to_string()/>
                    </div>
                    <SelectField
                        name="rating"
                        label="Rating"
                        options=RATINGS.to_vec()
                        error=error
                        selected=meal.rating.map(|r| r.to_string()).unwrap_or_default()
                        blank="No rating"
                    />
                    <TextArea name="notes" label="Notes (optional)" error=error value=meal.notes.clone().unwrap_or_default() rows=2/>
                    <button type="submit" class=BUTTON>"Save"</button>
                </ActionForm>
            </Card>
            <Card title="Delete this meal" id="delete-meal-heading">
                <p class="mb-3 text-sm text-slate-700">"Logged by mistake: removes it and what it counted."</p>
                <ActionForm action=delete>
                    <input type="hidden" name="meal_id" value=delete_id/>
                    <button type="submit" class=BUTTON_DANGER>"Delete meal"</button>
                </ActionForm>
            </Card>
        </div>
    }
}
