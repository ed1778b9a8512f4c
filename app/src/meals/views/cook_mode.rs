//! Cook mode: the recipe's steps in large type, one per screen with a timer for each step
//! that gives its minutes, the screen kept awake (an island, with JavaScript). Without
//! JavaScript the same page lists every step with its time.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::recipes::{Scale, ScaleForm};
use crate::meals::recipes::api::cook_mode_page;
use crate::meals::recipes::model::{RecipeDetail, StepRow};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn CookModePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let scale = move || query.with(|p| (p.get("servings").unwrap_or_default(), p.get("units").unwrap_or_default()));
    let page = page_load(move || cook_mode_page(id()));
    view! { <Page page=page render=move |recipe, _| view! { <CookMode recipe scale=scale()/> }/> }
}

#[component]
fn CookMode(recipe: RecipeDetail, scale: (String, String)) -> impl IntoView {
    let scale = Scale::read(&scale.0, &scale.1, recipe.servings);
    let rid = recipe.id.to_string();
    view! {
        <p class="mb-2 text-sm"><a class="text-sky-800 underline" href=format!("/recipes/{rid}")>"← Back to the recipe"</a></p>
        <h1 class="mb-3 text-3xl font-bold">{recipe.title.clone()}</h1>
        <details class="mb-4 rounded-lg border border-slate-300 bg-white p-3" open=true>
            <summary class="cursor-pointer text-lg font-semibold">"Ingredients"</summary>
            <ScaleForm scale recipe_servings=recipe.servings/>
            <ul class="text-lg" data-testid="cook-ingredients">
                {recipe.ingredients.iter().map(|ing| {
                    let (shown, grams) = scale.amounts(ing);
                    view! { <li class="py-1"><span class="font-semibold">{shown}</span>{grams}" "{ing.ingredient_name.clone()}</li> }
                }).collect_view()}
            </ul>
        </details>
        {if recipe.steps.is_empty() {
            view! { <p>"This recipe has no steps yet."</p> }.into_any()
        } else {
            view! { <CookSteps steps=recipe.steps.clone()/> }.into_any()
        }}
    }
}

fn minutes_text(m: i32) -> String {
    if m == 1 {
        "1 minute".into()
    } else {
        format!("{m} minutes")
    }
}

/// "12:05" for 725 seconds.
pub fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// The steps. On the server (and without JavaScript) every step is listed with its time;
/// once the island runs in the browser, one step at a time with its timer.
#[island]
fn CookSteps(steps: Vec<StepRow>) -> impl IntoView {
    let total = steps.len();
    let steps = StoredValue::new(steps);
    let live = RwSignal::new(false);
    let at = RwSignal::new(0usize);
    // Seconds left on the current step's timer, and whether it runs.
    let left = RwSignal::new(None::<i64>);
    let running = RwSignal::new(false);
    Effect::new(move |_| {
        live.set(true);
        crate::ui::browser::keep_screen_awake();
    });
    let minutes_at = move |i: usize| steps.with_value(|s| s.get(i).and_then(|s| s.duration_minutes));
    let go = move |i: usize| {
        at.set(i);
        running.set(false);
        left.set(minutes_at(i).map(|m| i64::from(m) * 60));
    };
    Effect::new(move |_| {
        if live.get() && left.get_untracked().is_none() {
            left.set(minutes_at(0).map(|m| i64::from(m) * 60));
        }
    });
    #[cfg(feature = "hydrate")]
    {
        let tick = set_interval_with_handle(
            move || {
                if running.get_untracked() {
                    match left.get_untracked() {
                        Some(s) if s > 1 => left.set(Some(s - 1)),
                        Some(_) => {
                            left.set(Some(0));
                            running.set(false);
                        }
                        None => running.set(false),
                    }
                }
            },
            std::time::Duration::from_secs(1),
        );
        if let Ok(handle) = tick {
            on_cleanup(move || handle.clear());
        }
    }
    let list = move || {
        steps.with_value(|s| {
            s.iter()
                .map(|step| {
                    view! {
                        <li class="mb-4 text-xl leading-relaxed">
                            {step.instruction.clone()}
                            {step.duration_minutes.map(|m| view! { <span class="block text-base font-semibold text-slate-700">{format!("⏱ {}", minutes_text(m))}</span> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let one = move || {
        let i = at.get();
        let step = steps.with_value(|s| s.get(i).cloned());
        let Some(step) = step else { return ().into_any() };
        let timer = step.duration_minutes.map(|_| {
            view! {
                <div class="my-4 flex flex-wrap items-center gap-3" data-testid="step-timer">
                    <span class="font-mono text-4xl" role="timer" aria-live="off">{move || clock(left.get().unwrap_or(0))}</span>
                    <button type="button" class="rounded bg-sky-800 px-4 py-2 text-lg text-white" on:click=move |_| running.update(|r| *r = !*r)>
                        {move || if running.get() { "Pause timer" } else { "Start timer" }}
                    </button>
                    <button type="button" class="rounded border border-slate-400 px-4 py-2 text-lg" on:click=move |_| go(at.get_untracked())>"Reset"</button>
                    <span aria-live="assertive" class="text-xl font-bold text-emerald-800">{move || (left.get() == Some(0)).then_some("Time is up")}</span>
                </div>
            }
        });
        view! {
            <section aria-live="polite" data-testid="cook-step">
                <p class="text-lg text-slate-700">{format!("Step {} of {total}", i + 1)}</p>
                <p class="my-4 text-3xl leading-snug">{step.instruction}</p>
                {timer}
                <div class="mt-6 flex gap-3">
                    <button type="button" class="rounded border border-slate-400 px-5 py-3 text-lg" disabled=move || { at.get() == 0 } on:click=move |_| go(at.get_untracked().saturating_sub(1))>"Previous step"</button>
                    <button type="button" class="rounded bg-sky-800 px-5 py-3 text-lg text-white" disabled=move || { at.get() + 1 >= total } on:click=move |_| go((at.get_untracked() + 1).min(total - 1))>"Next step"</button>
                </div>
            </section>
        }
        .into_any()
    };
    view! {
        <div data-testid="cook-steps">
            {move || if live.get() {
                one().into_any()
            } else {
                view! { <ol class="list-decimal pl-6" data-testid="step-list">{list()}</ol> }.into_any()
            }}
        </div>
    }
}
