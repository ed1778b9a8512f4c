//! The meals page: log a meal, optionally with its label values (per 100 g)
//! for WellTrack's nutrition grade, and see recent meals.

use leptos::prelude::*;

pub mod recipes;

pub use recipes::{RecipePage, RecipesPage};

use crate::input::{options, Choice};
use crate::meals::api::{meals_page, LogMeal};
use crate::meals::logic::nutrition_grade::GRADE_LABEL;
use crate::meals::model::MealEntry;
use crate::meals::model::{MealType, CATEGORIES};
use crate::ui::form::{action_error, FormError, SelectField, TextField, BUTTON};
use crate::ui::kit::{Card, EmptyState, PageHeader};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn MealsPage() -> impl IntoView {
    let page = page_load(meals_page);
    let log = ServerAction::<LogMeal>::new();
    view! { <Page page=page render=move |meals, viewer| view! { <Meals meals log today=viewer.today/> }/> }
}

fn grade_class(grade: &str) -> &'static str {
    match grade {
        "A" => "bg-emerald-800 text-white",
        "B" => "bg-lime-700 text-white",
        "C" => "bg-amber-300 text-slate-900",
        "D" => "bg-orange-700 text-white",
        _ => "bg-red-800 text-white",
    }
}

#[component]
fn Meals(meals: Vec<MealEntry>, log: ServerAction<LogMeal>, today: chrono::NaiveDate) -> impl IntoView {
    let error = action_error(log);
    let today = today.to_string();
    view! {
        <PageHeader title="Meals"/>
        <div class="grid gap-4 md:grid-cols-2">
            <Card title="Log a meal" id="log-meal-heading">
                <ActionForm action=log>
                    <FormError error=error/>
                    <TextField name="name" label="What did you eat?" error=error required=true/>
                    <div class="grid grid-cols-2 gap-x-3">
                        <SelectField name="meal_type" label="Meal" options={options::<MealType>()} error=error/>
                        <TextField name="meal_date" label="Date" kind="date" error=error value=today/>
                    </div>
                    <details class="mb-4">
                        <summary class="cursor-pointer text-sm font-medium">"Label values per 100 g (for the nutrition grade)"</summary>
                        <div class="mt-2 grid grid-cols-2 gap-x-3">
                            <SelectField name="category" label="Kind" options=&CATEGORIES error=error/>
                            <TextField name="energy_kcal" label="Energy (kcal)" error=error/>
                            <TextField name="sugars_g" label="Sugars (g)" error=error/>
                            <TextField name="saturated_fat_g" label="Saturated fat (g)" error=error/>
                            <TextField name="fat_g" label="Total fat (g)" error=error/>
                            <TextField name="salt_g" label="Salt (g)" error=error/>
                            <TextField name="fibre_g" label="Fibre (g)" error=error/>
                            <TextField name="protein_g" label="Protein (g)" error=error/>
                            <TextField name="fruit_veg_pct" label="Fruit, vegetables, legumes (%)" error=error/>
                        </div>
                    </details>
                    <button type="submit" class=BUTTON>"Save meal"</button>
                </ActionForm>
            </Card>
            <Card title="Recent meals" id="recent-meals-heading">
                    {match meals {
                            list if list.is_empty() => view! { <EmptyState text="Nothing logged yet."/> }.into_any(),
                            list => view! {
                                <ul data-testid="meals">
                                    {list.into_iter().map(|m| view! {
                                        <li class="flex items-center justify-between border-t border-slate-200 py-2">
                                            <span>
                                                <strong>{m.name}</strong>
                                                <span class="ml-2 text-sm text-slate-700">{format!("{} · {}", m.meal_date, m.meal_type.label())}</span>
                                            </span>
                                            {m.grade.map(|g| {
                                                let class = format!("rounded px-2 py-0.5 text-sm font-bold {}", grade_class(&g));
                                                view! {
                                                    <span class=class title=GRADE_LABEL data-testid="grade">
                                                        <span class="sr-only">{GRADE_LABEL} ": "</span>{g}
                                                    </span>
                                                }
                                            })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <p class="mt-3 text-xs text-slate-700">{GRADE_LABEL} ": A (best) to E, from the label values per 100 g."</p>
                            }.into_any(),
                    }}
            </Card>
        </div>
    }
}
