//! A shared recipe, for anyone with its link: no account, no header, nothing of who wrote
//! it or of their household. Read as `anon` (see `recipes::api::shared_recipe`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::recipes::{RecipeBadges, Scale, ScaleForm};
use crate::error::AppError;
use crate::meals::recipes::api::shared_recipe;
use crate::ui::not_found::NotFound;

#[component]
pub fn SharedRecipePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let scale = move || query.with(|p| (p.get("servings").unwrap_or_default(), p.get("units").unwrap_or_default()));
    let recipe =
        leptos::reactive::owner::Owner::with_no_hydration(move || Resource::new(|| (), move |_| shared_recipe(id())));
    view! {
        <Suspense fallback=|| view! { <p class="p-4">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match recipe.await {
                    Ok(r) => {
                        let scale = scale();
                        let scale = Scale::read(&scale.0, &scale.1, r.servings);
                        let meta = [
                            r.servings.map(|s| format!("{s} servings")),
                            r.prep_time_min.map(|m| format!("prep {m} min")),
                            r.cook_time_min.map(|m| format!("cook {m} min")),
                        ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                        view! {
                            <main id="main" class="mx-auto max-w-3xl p-4" data-testid="shared-recipe">
                                <p class="mb-2 text-sm text-slate-700">"A recipe shared from WellTrack"</p>
                                <h1 class="mb-1 text-2xl font-bold">{r.title.clone()}</h1>
                                <p class="mb-1 text-sm text-slate-700">{meta}</p>
                                <RecipeBadges recipe=r.clone()/>
                                {r.description.clone().map(|d| view! { <p class="mb-4">{d}</p> })}
                                <crate::media::views::Photo url=r.image_url.clone() alt=format!("Photo of {}", r.title)/>
                                <section class="mb-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="shared-ingredients">
                                    <h2 id="shared-ingredients" class="mb-2 text-lg font-semibold">"Ingredients"</h2>
                                    <ScaleForm scale recipe_servings=r.servings/>
                                    <ul data-testid="ingredients">
                                        {r.ingredients.iter().map(|ing| {
                                            let (shown, grams) = scale.amounts(ing);
                                            view! { <li class="border-t border-slate-200 py-1"><span class="font-medium">{shown}</span>{grams}" "{ing.ingredient_name.clone()}</li> }
                                        }).collect_view()}
                                    </ul>
                                </section>
                                <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="shared-steps">
                                    <h2 id="shared-steps" class="mb-2 text-lg font-semibold">"Steps"</h2>
                                    <ol class="list-decimal pl-6">
                                        {r.steps.iter().map(|s| view! {
                                            <li class="mb-2">{s.instruction.clone()}{s.duration_minutes.map(|m| format!(" ({m} min)"))}</li>
                                        }).collect_view()}
                                    </ol>
                                </section>
                            </main>
                        }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <main id="main"><NotFound/></main> }.into_any(),
                    Err(e) => view! { <main id="main" class="mx-auto max-w-3xl p-4"><p role="alert">{e.to_string()}</p></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}
