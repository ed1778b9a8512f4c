//! The meals page: today's and this week's intake against the profile's targets, a form to
//! log a meal (optionally with its label values per 100 g for WellTrack's nutrition grade),
//! and the latest meals, each leading to its page where foods are added.

use leptos::prelude::*;

pub mod cook;
pub mod cook_mode;
pub mod meal;
pub mod recipes;
pub mod shared;

pub use cook::CookPage;
pub use cook_mode::CookModePage;
pub use meal::MealPage;
pub use recipes::{RecipePage, RecipesPage};
pub use shared::SharedRecipePage;

use crate::input::{options, Choice};
use crate::meals::api::{meals_page, LogMeal};
use crate::meals::logic::intake::{amount_text, IntakeBar};
use crate::meals::logic::nutrition_grade::GRADE_LABEL;
use crate::meals::model::{MealType, MealsPageData, CATEGORIES};
use crate::ui::form::{action_error, FormError, SelectField, TextField, BUTTON};
use crate::ui::kit::{Card, EmptyState, PageHeader};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn MealsPage() -> impl IntoView {
    let page = page_load(meals_page);
    let log = ServerAction::<LogMeal>::new();
    view! { <Page page=page render=move |data, viewer| view! { <Meals data log today=viewer.today/> }/> }
}

pub(crate) fn grade_class(grade: &str) -> &'static str {
    match grade {
        "A" => "bg-emerald-800 text-white",
        "B" => "bg-lime-700 text-white",
        "C" => "bg-amber-300 text-slate-900",
        "D" => "bg-orange-700 text-white",
        _ => "bg-red-800 text-white",
    }
}

/// One nutrient's progress: today's amount against the daily target, and the week's average.
#[component]
fn IntakeRow(bar: IntakeBar) -> impl IntoView {
    let pct = bar.percent(bar.today);
    let status = bar.status(bar.today);
    let over = matches!(status, crate::meals::logic::intake::IntakeStatus::Over);
    let fill = if over { "bg-orange-700" } else { "bg-emerald-700" };
    let width = format!("width: {}%", pct.min(100));
    let week = bar
        .week_average
        .map(|w| format!("7-day average {} ({} %)", amount_text(w, &bar.unit), bar.percent(w)))
        .unwrap_or_else(|| "nothing logged in the last 7 days".into());
    let limit = matches!(bar.kind, crate::meals::logic::targets::TargetKind::UpperLimit);
    let target = format!("{} {}", if limit { "limit" } else { "of" }, amount_text(bar.target, &bar.unit));
    view! {
        <li class="py-1.5" data-testid="intake">
            <div class="flex flex-wrap items-baseline justify-between gap-x-2 text-sm">
                <span class="font-medium">{bar.label.clone()}</span>
                <span>
                    <strong>{amount_text(bar.today, &bar.unit)}</strong> " " {target} " · " {pct} " % · " {status.text()}
                </span>
            </div>
            <div class="mt-1 h-2 w-full rounded bg-slate-200" role="presentation">
                <div class=format!("h-2 rounded {fill}") style=width></div>
            </div>
            <p class="text-xs text-slate-700">{week}</p>
        </li>
    }
}

#[component]
fn Intake(bars: Vec<IntakeBar>, today: chrono::NaiveDate) -> impl IntoView {
    let body = if bars.is_empty() {
        view! {
            <p>
                "No daily targets yet. Add this profile's date of birth, height and weight on "
                <a class="text-sky-800 underline" href="/profiles">"Profiles"</a>
                " and its default targets are set."
            </p>
        }
        .into_any()
    } else {
        view! {
            <ul data-testid="intake-bars">{bars.into_iter().map(|bar| view! { <IntakeRow bar/> }).collect_view()}</ul>
            <p class="mt-2 text-xs text-slate-700">
                "From the foods and recipes logged (USDA SR28). Meals logged with label values only have no weight, so they are not counted; SR28 has no added sugars."
            </p>
        }
        .into_any()
    };
    view! {
        <section class="mb-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="intake-heading">
            <h2 id="intake-heading" class="mb-2 text-lg font-semibold">{format!("Today, {}", today.format("%A %-d %B"))}</h2>
            {body}
        </section>
    }
}

#[component]
fn Meals(data: MealsPageData, log: ServerAction<LogMeal>, today: chrono::NaiveDate) -> impl IntoView {
    let error = action_error(log);
    let MealsPageData { intake, meals, .. } = data;
    let date = today;
    let today = today.to_string();
    view! {
        <PageHeader title="Meals" lead="Your food diary: log a meal, then add what was on the plate."/>
        <Intake bars=intake today=date/>
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
                    <button type="submit" class=BUTTON>"Log meal and add foods"</button>
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
                                                <a class="font-semibold text-sky-800 underline" href=format!("/meals/{}", m.id)>{m.name}</a>
                                                <span class="ml-2 text-sm text-slate-700">{format!("{} · {}", m.meal_date, m.meal_type.label())}</span>
                                                {m.energy_kcal.map(|k| view! { <span class="ml-2 text-sm text-slate-700">{amount_text(k, "kcal")}</span> })}
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
