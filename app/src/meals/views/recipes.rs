//! The recipe pages: the household's recipes with a form for a new one, and one recipe with
//! its ingredients (searched in USDA SR28 and weighed), steps, nutrition and grade.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::grade_class;
use crate::input::options;
use crate::meals::logic::nutrition_grade::GRADE_LABEL;
use crate::meals::logic::recipe::{trim_number, Nutrients, MASS_UNITS};
use crate::meals::logic::units::UnitSystem;
use crate::meals::model::{MealType, CATEGORIES};
use crate::meals::recipes::api::{
    recipe_page, recipes_page, AddIngredient, AddStep, ChangeStep, ConfirmIngredient, CreateRecipe, DeleteRecipe,
    ImportRecipe, LogRecipeMeal, RemoveIngredient, UpdateRecipe,
};
use crate::meals::recipes::model::{
    FoodMatch, IngredientRow, NutritionView, RecipeDetail, RecipeList, RecipePageData, StepRow,
};
use crate::media::views::{Photo, PhotoCard, PhotoOf};
use crate::ui::form::{
    action_error, ActionError, Checkbox, FormError, SelectField, TextArea, TextField, BUTTON, BUTTON_DANGER,
    BUTTON_QUIET, INPUT, LABEL,
};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn RecipesPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k).unwrap_or_default());
    let page = page_load(move || recipes_page(get("q"), get("tag"), get("favourites"), get("page")));
    let create = ServerAction::<CreateRecipe>::new();
    let import = ServerAction::<ImportRecipe>::new();
    view! { <Page page=page render=move |recipes, _| view! { <Recipes recipes create import/> }/> }
}

#[component]
pub fn RecipePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let q = move || query.with(|p| p.get("q").unwrap_or_default());
    let scale = move || query.with(|p| (p.get("servings").unwrap_or_default(), p.get("units").unwrap_or_default()));
    let page = page_load(move || recipe_page(id(), q()));
    let add = ServerAction::<AddIngredient>::new();
    let remove = ServerAction::<RemoveIngredient>::new();
    let step = ServerAction::<AddStep>::new();
    let update = ServerAction::<UpdateRecipe>::new();
    let delete = ServerAction::<DeleteRecipe>::new();
    let log = ServerAction::<LogRecipeMeal>::new();
    let confirm = ServerAction::<ConfirmIngredient>::new();
    view! {
        <Page
            page=page
            render=move |data, viewer| view! { <Recipe data add remove confirm step update delete log today=viewer.today scale=scale()/> }
        />
    }
}

/// A tag in a query string: letters, digits and `-` as they are, everything else %-encoded.
fn urlencoding_lite(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn grade_badge(grade: String) -> impl IntoView {
    let class = format!("rounded px-2 py-0.5 text-sm font-bold {}", grade_class(&grade));
    view! {
        <span class=class title=GRADE_LABEL data-testid="grade">
            <span class="sr-only">{GRADE_LABEL} ": "</span>{grade}
        </span>
    }
}

/// The recipe fields, for the new-recipe and the edit forms.
#[component]
fn RecipeFields(error: ActionError, #[prop(optional)] recipe: Option<RecipeDetail>) -> impl IntoView {
    let text = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
    let (title, description, servings, prep, cook, category) = match &recipe {
        Some(r) => (
            r.title.clone(),
            r.description.clone().unwrap_or_default(),
            text(r.servings),
            text(r.prep_time_min),
            text(r.cook_time_min),
            r.grade_category.clone(),
        ),
        None => (String::new(), String::new(), "4".to_owned(), String::new(), String::new(), "general".to_owned()),
    };
    let tags = recipe.as_ref().map(|r| r.tags.join(", ")).unwrap_or_default();
    let rating = recipe.as_ref().and_then(|r| r.rating).map(|n| n.to_string()).unwrap_or_default();
    let favourite = recipe.as_ref().is_some_and(|r| r.is_favorite);
    let public = recipe.as_ref().is_some_and(|r| r.is_public);
    view! {
        <FormError error=error/>
        <TextField name="title" label="Name" error=error value=title required=true/>
        <TextArea name="description" label="Description (optional)" error=error value=description rows=2/>
        <div class="grid grid-cols-3 gap-x-3">
            <TextField name="servings" label="Servings" kind="number" error=error value=servings required=true/>
            <TextField name="prep_time_min" label="Prep (min)" kind="number" error=error value=prep/>
            <TextField name="cook_time_min" label="Cook (min)" kind="number" error=error value=cook/>
        </div>
        <SelectField name="grade_category" label="Kind of dish (for the grade)" options=&CATEGORIES error=error selected=category/>
        <TextField name="tags" label="Tags (optional)" error=error value=tags hint="Separated by commas: soup, vegetarian, quick"/>
        <SelectField
            name="rating"
            label="Rating"
            options=vec![("1", "1 star"), ("2", "2 stars"), ("3", "3 stars"), ("4", "4 stars"), ("5", "5 stars")]
            error=error
            selected=rating
            blank="Not rated"
        />
        <Checkbox name="is_favorite" label="A favourite" error=error checked=favourite/>
        <Checkbox name="is_public" label="Share: anyone with the link may read it (nothing of your household is shown)" error=error checked=public/>
    }
}

#[component]
fn Recipes(
    recipes: RecipeList,
    create: ServerAction<CreateRecipe>,
    import: ServerAction<ImportRecipe>,
) -> impl IntoView {
    let error = action_error(create);
    let import_error = action_error(import);
    let RecipeList { recipes, q, tag, favourites, tags, page, more } = recipes;
    let page_link = {
        let (q, tag) = (q.clone(), tag.clone());
        move |n: i64| {
            let mut query = vec![format!("page={n}")];
            if !q.trim().is_empty() {
                query.push(format!("q={}", urlencoding_lite(q.trim())));
            }
            if let Some(t) = &tag {
                query.push(format!("tag={}", urlencoding_lite(t)));
            }
            if favourites {
                query.push("favourites=1".into());
            }
            format!("/recipes?{}", query.join("&"))
        }
    };
    let pages = (page > 1 || more).then(|| {
        view! {
            <nav class="mt-3 flex justify-between gap-2 text-sm" aria-label="Recipe pages">
                {(page > 1).then(|| view! { <a class="text-sky-800 underline" href=page_link(page - 1) rel="prev">"← Previous recipes"</a> })}
                <span class="text-slate-700">{format!("Page {page}")}</span>
                {more.then(|| view! { <a class="text-sky-800 underline" href=page_link(page + 1) rel="next">"More recipes →"</a> })}
            </nav>
        }
    });
    let searching = !q.trim().is_empty() || tag.is_some() || favourites;
    let tag_link = |t: &str| format!("/recipes?tag={}", urlencoding_lite(t));
    let filters = view! {
        <form method="get" action="/recipes" class="mb-3 flex flex-wrap items-end gap-2" role="search">
            <div>
                <label for="recipe-search" class=LABEL>"Search recipes"</label>
                <input id="recipe-search" name="q" value=q.clone() class=INPUT placeholder="title or tag"/>
            </div>
            {tag.clone().map(|t| view! { <input type="hidden" name="tag" value=t/> })}
            <label class="flex items-center gap-1 text-sm">
                <input type="checkbox" name="favourites" value="1" checked=favourites class="h-5 w-5"/>
                "Favourites only"
            </label>
            <button type="submit" class=BUTTON_QUIET>"Search"</button>
            {searching.then(|| view! { <a href="/recipes" class="text-sm underline">"Show all"</a> })}
        </form>
        {(!tags.is_empty()).then(|| view! {
            <p class="mb-3 flex flex-wrap gap-2 text-sm" data-testid="tag-filters">
                <span class="text-slate-700">"Tags:"</span>
                {tags.iter().map(|t| {
                    let here = tag.as_deref() == Some(t.as_str());
                    view! { <a href=tag_link(t) class=if here { "rounded bg-sky-800 px-2 text-white" } else { "rounded border border-slate-400 px-2" } aria-current=here.then_some("true")>{t.clone()}</a> }
                }).collect_view()}
            </p>
        })}
    };
    let list = if recipes.is_empty() && page > 1 {
        view! { <p data-testid="no-recipes">"No more recipes."</p> }.into_any()
    } else if recipes.is_empty() && searching {
        view! { <p data-testid="no-recipes">"No recipe matches."</p> }.into_any()
    } else if recipes.is_empty() {
        view! { <p>"No recipes yet. Create one to see its nutrition and grade."</p> }.into_any()
    } else {
        view! {
            <ul data-testid="recipes">
                {recipes.into_iter().map(|r| {
                    let detail = match (r.ingredient_count, r.kcal_per_serving) {
                        (0, _) => "no ingredients yet".to_owned(),
                        (n, Some(kcal)) => format!("{n} ingredients · {} kcal per serving", kcal.round()),
                        (n, None) => format!("{n} ingredients"),
                    };
                    view! {
                        <li class="flex items-center justify-between gap-2 border-t border-slate-200 py-2">
                            <span>
                                {r.is_favorite.then(|| view! { <span aria-label="Favourite" title="Favourite" class="mr-1 text-amber-700">"★"</span> })}
                                <a class="font-semibold text-sky-800 underline" href=format!("/recipes/{}", r.id)>{r.title}</a>
                                <span class="block text-sm text-slate-700">
                                    {detail}{r.created_by.map(|p| format!(" · by {p}"))}
                                    {r.rating.map(|n| format!(" · {n} of 5 stars"))}
                                    {(!r.tags.is_empty()).then(|| format!(" · {}", r.tags.join(", ")))}
                                </span>
                            </span>
                            {r.grade.map(grade_badge)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h1 class="mb-4 text-2xl font-bold">"Recipes"</h1>
        <div class="grid gap-4 md:grid-cols-2">
            <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="recipes-heading">
                <h2 id="recipes-heading" class="mb-3 text-lg font-semibold">"Your household's recipes"</h2>
                {filters}
                {list}
                {pages}
            </section>
            <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="new-recipe-heading">
                <h2 id="new-recipe-heading" class="mb-3 text-lg font-semibold">"New recipe"</h2>
                <ActionForm action=create>
                    <RecipeFields error=error/>
                    <button type="submit" class=BUTTON>"Create recipe"</button>
                </ActionForm>
            </section>
            <section class="rounded-lg border border-slate-300 bg-white p-4 md:col-span-2" aria-labelledby="import-heading">
                <h2 id="import-heading" class="mb-1 text-lg font-semibold">"Import a recipe"</h2>
                <p class="mb-3 text-sm text-slate-700">
                    "From a recipe site's address, or paste a saved page's HTML. What the page lacks, you fill in after; each ingredient gets a proposed USDA food to confirm or change."
                </p>
                <ActionForm action=import>
                    <FormError error=import_error/>
                    <TextField name="url" label="Web address" kind="url" error=import_error hint="e.g. https://example.org/red-lentil-soup"/>
                    <TextArea name="html" label="…or the page's HTML" error=import_error rows=4 hint="In the browser: save the page or view its source, then paste it here."/>
                    <button type="submit" class=BUTTON>"Import"</button>
                </ActionForm>
                <UploadForm/>
            </section>
        </div>
    }
}

/// Import from a file: a saved page, or a photo of a printed recipe read by OCR. A plain
/// multipart form (it posts the same with and without JavaScript).
#[component]
fn UploadForm() -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let path = <crate::meals::recipes::api::UploadRecipe as ServerFn>::PATH;
    let error = crate::ui::form::posted_form_state(path);
    let id = error.field_id("file");
    let described = error.error_id("file");
    view! {
        <form method="post" action=path enctype="multipart/form-data" class="mt-4 border-t border-slate-200 pt-3" data-testid="upload-form">
            <FormError error=error/>
            <label for=id.clone() class=LABEL>"…or upload a saved page (.html) or a photo of a printed recipe"</label>
            <input id=id type="file" name="file" required accept=".html,.htm,text/html,image/jpeg,image/png"
                class="mt-1 block w-full text-sm" aria-describedby=described/>
            <crate::ui::form::FieldError error=error field="file"/>
            <button type="submit" class=format!("mt-3 {BUTTON}")>"Upload and read"</button>
        </form>
    }
}

/// How the page shows amounts: for how many servings, and in which system (`None`: as written).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub servings: f64,
    pub factor: f64,
    pub system: Option<UnitSystem>,
}

impl Scale {
    pub fn read(servings: &str, units: &str, recipe_servings: Option<i32>) -> Self {
        let (servings, factor) = crate::meals::recipes::logic::scale_factor(servings, recipe_servings);
        let system = match units {
            "metric" => Some(UnitSystem::Metric),
            "imperial" => Some(UnitSystem::Imperial),
            _ => None,
        };
        Self { servings, factor, system }
    }

    /// The amount and, apart, its weight: as written when not scaled or converted.
    pub fn amounts(&self, ing: &IngredientRow) -> (String, String) {
        if self.system.is_none() && (self.factor - 1.0).abs() < 1e-9 {
            let grams = ing.grams.map(|g| format!(" ({} g)", trim_number(g.round()))).unwrap_or_default();
            return (amount(ing), grams);
        }
        let shown = crate::meals::recipes::logic::shown_amount(
            ing.quantity,
            ing.unit.as_deref(),
            ing.grams,
            self.factor,
            self.system.unwrap_or(UnitSystem::Metric),
        );
        (shown, String::new())
    }
}

/// The GET form that scales the ingredients (works without JavaScript).
#[component]
pub fn ScaleForm(scale: Scale, recipe_servings: Option<i32>) -> impl IntoView {
    let system = match scale.system {
        Some(UnitSystem::Metric) => "metric",
        Some(UnitSystem::Imperial) => "imperial",
        None => "",
    };
    let choices = [("", "As written"), ("metric", "Metric"), ("imperial", "US / imperial")];
    view! {
        <form method="get" class="mb-2 flex flex-wrap items-end gap-2 rounded-lg border border-slate-300 bg-white p-3" data-testid="scale-form">
            <div>
                <label for="scale-servings" class=LABEL>"Servings"</label>
                <input id="scale-servings" name="servings" value=trim_number(scale.servings) inputmode="decimal" class=INPUT size="4"/>
            </div>
            <div>
                <label for="scale-units" class=LABEL>"Units"</label>
                <select id="scale-units" name="units" class=INPUT>
                    {choices.into_iter().map(|(v, t)| view! { <option value=v selected=v == system>{t}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class=BUTTON_QUIET>"Scale"</button>
            {recipe_servings.map(|s| view! { <span class="text-xs text-slate-700">{format!("The recipe makes {s}.")}</span> })}
        </form>
    }
}

/// Tags, rating and favourite under the title.
#[component]
pub fn RecipeBadges(recipe: RecipeDetail) -> impl IntoView {
    view! {
        <p class="mb-2 flex flex-wrap gap-2 text-sm" data-testid="recipe-badges">
            {recipe.is_favorite.then(|| view! { <span class="rounded bg-amber-100 px-2 text-amber-900">"★ Favourite"</span> })}
            {recipe.rating.map(|n| view! { <span class="rounded bg-slate-200 px-2">{format!("{n} of 5 stars")}</span> })}
            {recipe.tags.iter().map(|t| view! {
                <a href=format!("/recipes?tag={}", urlencoding_lite(t)) class="rounded border border-slate-400 px-2">{t.clone()}</a>
            }).collect_view()}
        </p>
    }
}

pub fn amount(ing: &IngredientRow) -> String {
    match (ing.quantity, ing.unit.as_deref()) {
        (Some(q), Some(u)) => format!("{} {u}", trim_number(q)),
        (Some(q), None) => trim_number(q),
        _ => String::new(),
    }
}

fn nutrient_rows(n: &Nutrients) -> [(&'static str, String); 8] {
    let g = |v: f64| format!("{} g", trim_number((v * 10.0).round() / 10.0));
    [
        ("Energy", format!("{} kcal", n.energy_kcal.round())),
        ("Protein", g(n.protein_g)),
        ("Fat", g(n.fat_g)),
        ("of which saturated", g(n.saturated_fat_g)),
        ("Carbohydrate", g(n.carbohydrate_g)),
        ("of which sugars", g(n.sugars_g)),
        ("Fibre", g(n.fibre_g)),
        ("Salt", format!("{} g", trim_number((n.salt_g * 100.0).round() / 100.0))),
    ]
}

#[component]
fn NutritionPanel(nutrition: NutritionView) -> impl IntoView {
    let per_serving = nutrition.per_serving.map(|n| nutrient_rows(&n));
    let per_100 = nutrition.per_100g.map(|n| nutrient_rows(&n));
    let rows = per_100.clone().map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (name, v100))| {
                let serving = per_serving.as_ref().map(|s| s[i].1.clone()).unwrap_or_else(|| "–".into());
                view! { <tr class="border-t border-slate-200"><th scope="row" class="py-1 text-left font-normal">{name}</th><td class="text-right">{serving}</td><td class="text-right">{v100}</td></tr> }
            })
            .collect_view()
    });
    let grade = nutrition.grade.clone();
    let missing = nutrition.missing_values.clone();
    view! {
        <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="nutrition-heading" data-testid="nutrition">
            <h2 id="nutrition-heading" class="mb-3 text-lg font-semibold">"Nutrition"</h2>
            {match grade {
                Some(g) => view! {
                    <p class="mb-3 flex items-center gap-2">
                        {grade_badge(g.grade.clone())}
                        <span class="text-sm text-slate-800">
                            {format!("{GRADE_LABEL}: score {} ({} unfavourable − {} favourable points per 100 g)", g.score, g.negative_points, g.positive_points)}
                        </span>
                    </p>
                }.into_any(),
                None if !nutrition.unmatched.is_empty() => view! {
                    <p class="mb-3 text-sm" role="status">{format!("Not graded: no food data for {}.", nutrition.unmatched.join(", "))}</p>
                }.into_any(),
                None => view! { <p class="mb-3 text-sm">"Not graded yet."</p> }.into_any(),
            }}
            {nutrition.category_reason.clone().map(|reason| view! {
                <p class="mb-2 text-xs text-slate-700">{format!("Graded as a red-meat dish: {reason}.")}</p>
            })}
            <table class="w-full text-sm">
                <thead><tr><th scope="col" class="text-left">"Per"</th><th scope="col" class="text-right">"serving"</th><th scope="col" class="text-right">"100 g"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="mt-2 text-xs text-slate-700">
                {format!("{} g of ingredients (raw weight){}.", trim_number(nutrition.total_grams.round()),
                    nutrition.servings.map(|s| format!(", {s} servings")).unwrap_or_default())}
            </p>
            {(!missing.is_empty()).then(|| view! {
                <ul class="mt-2 text-xs text-slate-700" data-testid="missing-values">
                    {missing.into_iter().map(|(nutrient, foods)| view! {
                        <li>{format!("No {} value in the food data for {}; counted as 0.", nutrient.replace('_', " "), foods.join(", "))}</li>
                    }).collect_view()}
                </ul>
            })}
            <p class="mt-2 text-xs text-slate-700">"Food data: " {crate::meals::logic::sr28::CITATION} "."</p>
        </section>
    }
}

/// A found food's name and group, then the fields that choose an amount of it (the food's
/// number, the amount, and a unit: a mass or one of the food's own measures), for the form
/// around it.
#[component]
pub fn FoodAmountFields(food: FoodMatch) -> impl IntoView {
    let qid = format!("q-{}", food.ndb_no);
    let uid = format!("u-{}", food.ndb_no);
    let units = MASS_UNITS.iter().map(|(v, t)| view! { <option value=*v>{*t}</option> }).collect_view();
    let portions = food
        .portions
        .iter()
        .map(|p| view! { <option value=format!("portion:{}", p.seq)>{p.label()}</option> })
        .collect_view();
    view! {
        <input type="hidden" name="food_ndb_no" value=food.ndb_no.clone()/>
        <div>
            <label for=qid.clone() class=LABEL>"Amount"</label>
            <input id=qid name="quantity" value="100" inputmode="decimal" class="mt-1 w-24 rounded border border-slate-400 px-2 py-1"/>
        </div>
        <div>
            <label for=uid.clone() class=LABEL>"Unit"</label>
            <select id=uid name="unit" class="mt-1 max-w-[14rem] rounded border border-slate-400 bg-white px-2 py-1">
                {units}{portions}
            </select>
        </div>
    }
}

/// A found food's heading: its name, group and energy per 100 g.
#[component]
fn FoodHeading(food: FoodMatch) -> impl IntoView {
    view! {
        <p class="font-medium">{food.description.clone()}</p>
        <p class="text-xs text-slate-700">
            {food.food_group.clone()}{food.energy_kcal.map(|k| format!(" · {} kcal per 100 g", k.round()))}
        </p>
    }
}

/// The food search: a GET form, so it works without JavaScript.
#[component]
pub fn FoodSearchForm(q: String) -> impl IntoView {
    view! {
        <form method="get" class="mb-3 flex items-end gap-2" role="search">
            <div class="grow">
                <label for="food-search" class=LABEL>"Search foods (USDA SR28)"</label>
                <input id="food-search" name="q" type="search" value=q class=INPUT placeholder="e.g. lentils boiled" maxlength="100"/>
            </div>
            <button type="submit" class=BUTTON>"Search"</button>
        </form>
    }
}

/// One food of a search's results: its heading, then what can be done with it (`children`,
/// a form).
#[component]
pub fn FoodResult(food: FoodMatch, children: Children) -> impl IntoView {
    view! {
        <li class="border-t border-slate-200 py-2" data-testid="food-result">
            <FoodHeading food/>
            {children()}
        </li>
    }
}

#[component]
fn SearchResult(food: FoodMatch, recipe_id: String, action: ServerAction<AddIngredient>) -> impl IntoView {
    view! {
        <FoodResult food=food.clone()>
            <ActionForm action=action attr:class="mt-1 flex flex-wrap items-end gap-2">
                <input type="hidden" name="recipe_id" value=recipe_id/>
                <FoodAmountFields food/>
                <button type="submit" class=BUTTON_QUIET>"Add"</button>
            </ActionForm>
        </FoodResult>
    }
}

/// Field errors of the last add-a-food submission, in one place above the results (the same
/// form repeats for every result).
#[component]
pub fn IngredientErrors(error: ActionError) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let messages: Vec<String> = [("food_ndb_no", "Food"), ("quantity", "Amount"), ("unit", "Unit")]
                .iter()
                .filter_map(|(field, name)| e.field(field).map(|m| format!("{name}: {m}")))
                .chain(e.form_message())
                .collect();
            view! {
                <ul class="mb-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800" role="alert" data-testid="ingredient-error">
                    {messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

#[component]
fn Recipe(
    data: RecipePageData,
    add: ServerAction<AddIngredient>,
    remove: ServerAction<RemoveIngredient>,
    confirm: ServerAction<ConfirmIngredient>,
    step: ServerAction<AddStep>,
    update: ServerAction<UpdateRecipe>,
    delete: ServerAction<DeleteRecipe>,
    log: ServerAction<LogRecipeMeal>,
    today: chrono::NaiveDate,
    /// `?servings=` and `?units=` as given.
    scale: (String, String),
) -> impl IntoView {
    let RecipePageData { recipe: r, q, results } = data;
    let scale = Scale::read(&scale.0, &scale.1, r.servings);
    let rid = r.id.to_string();
    let meta = [
        r.servings.map(|s| format!("{s} servings")),
        r.prep_time_min.map(|m| format!("prep {m} min")),
        r.cook_time_min.map(|m| format!("cook {m} min")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let editable = r.editable;
    view! {
        <p class="mb-2 text-sm"><a class="text-sky-800 underline" href="/recipes">"← All recipes"</a></p>
        <h1 class="mb-1 text-2xl font-bold">{r.title.clone()}</h1>
        <p class="mb-1 text-sm text-slate-700">{meta}</p>
        <RecipeBadges recipe=r.clone()/>
        {r.description.clone().map(|d| view! { <p class="mb-4">{d}</p> })}
        <Photo url=r.image_url.clone() alt=format!("Photo of {}", r.title)/>
        <p class="mb-4 flex flex-wrap gap-3">
            <a href=format!("/recipes/{rid}/cook") class=BUTTON>"Cook mode"</a>
            {(editable && r.is_public).then(|| view! {
                <span class="text-sm">"Shared: " <a class="text-sky-800 underline" href=format!("/shared/recipes/{rid}") data-testid="share-link">{format!("/shared/recipes/{rid}")}</a></span>
            })}
        </p>
        <div class="grid gap-4 md:grid-cols-2">
            <div>
                <ScaleForm scale recipe_servings=r.servings/>
                <Ingredients recipe_id=rid.clone() ingredients=r.ingredients.clone() editable remove confirm scale/>
            </div>
            {match r.nutrition.clone() {
                Some(n) => view! { <NutritionPanel nutrition=n/> }.into_any(),
                None => view! {
                    <section class="rounded-lg border border-slate-300 bg-white p-4" data-testid="nutrition">
                        <h2 class="mb-3 text-lg font-semibold">"Nutrition"</h2>
                        <p>"Add ingredients to see the nutrition and the grade."</p>
                    </section>
                }.into_any(),
            }}
        </div>
        {editable.then(|| view! { <AddIngredientSection recipe_id=rid.clone() q results add/> })}
        <Steps recipe_id=rid.clone() steps=r.steps.clone() editable step/>
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="cooked-heading">
            <h2 id="cooked-heading" class="mb-2 text-lg font-semibold">"Cooked it for the family?"</h2>
            <p class="mb-3 text-sm text-slate-700">"Log everyone's plate at once, take the ingredients from the pantry and keep the leftovers."</p>
            <a href=format!("/recipes/{rid}/cooked") class=BUTTON>"I cooked this"</a>
        </section>
        <LogAsMeal recipe_id=rid.clone() log today/>
        {editable.then(|| view! {
            <PhotoCard of=PhotoOf::Recipe owner_id=rid.clone() url=r.image_url.clone()/>
            <EditRecipe recipe=r.clone() update delete/>
        })}
    }
}

#[component]
fn Ingredients(
    recipe_id: String,
    ingredients: Vec<IngredientRow>,
    editable: bool,
    remove: ServerAction<RemoveIngredient>,
    confirm: ServerAction<ConfirmIngredient>,
    scale: Scale,
) -> impl IntoView {
    let list = if ingredients.is_empty() {
        view! { <p>"No ingredients yet. Search for a food below to add one."</p> }.into_any()
    } else {
        view! {
            <ul data-testid="ingredients">
                {ingredients.into_iter().map(|ing| {
                    let (shown, grams) = scale.amounts(&ing);
                    let recipe_id = recipe_id.clone();
                    let confirm_recipe = recipe_id.clone();
                    let proposed = (!ing.food_confirmed).then(|| ing.food.clone()).flatten();
                    let unmatched = editable && ing.food_ndb_no.is_none();
                    let confirm_label = format!("Confirm the food for {}", ing.ingredient_name);
                    let confirm_id = ing.id.to_string();
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 py-2" data-testid="ingredient">
                            <span>
                                <span class="font-medium">{shown}</span>
                                <span class="text-slate-700">{grams}</span>
                                " " {ing.ingredient_name.clone()}
                                {ing.notes.clone().map(|n| view! { <span class="text-slate-700">", " {n}</span> })}
                                {proposed.map(|food| view! {
                                    <span class="block text-sm text-amber-900" data-testid="proposed">"Proposed food: " {food}</span>
                                })}
                                {unmatched.then(|| view! {
                                    <span class="block text-sm text-slate-700">"No food yet: search below and add it, then remove this line."</span>
                                })}
                            </span>
                            {(editable && !ing.food_confirmed).then(|| view! {
                                <ActionForm action=confirm>
                                    <input type="hidden" name="recipe_id" value=confirm_recipe/>
                                    <input type="hidden" name="ingredient_id" value=confirm_id/>
                                    <button type="submit" class=BUTTON_QUIET aria-label=confirm_label>"Confirm"</button>
                                </ActionForm>
                            })}
                            {editable.then(|| view! {
                                <ActionForm action=remove>
                                    <input type="hidden" name="recipe_id" value=recipe_id/>
                                    <input type="hidden" name="ingredient_id" value=ing.id.to_string()/>
                                    <button type="submit" class=BUTTON_QUIET aria-label=format!("Remove {}", ing.ingredient_name)>"Remove"</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    };
    view! {
        <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="ingredients-heading">
            <h2 id="ingredients-heading" class="mb-3 text-lg font-semibold">"Ingredients"</h2>
            {list}
        </section>
    }
}

/// The food search (a GET form, so it works without JavaScript) and its results.
#[component]
fn AddIngredientSection(
    recipe_id: String,
    q: String,
    results: Vec<FoodMatch>,
    add: ServerAction<AddIngredient>,
) -> impl IntoView {
    let searched = !q.trim().is_empty();
    let results_view = if results.is_empty() && searched {
        view! { <p>"No food matches those words."</p> }.into_any()
    } else {
        view! {
            <ul data-testid="food-results">
                {results.into_iter().map(|f| view! { <SearchResult food=f recipe_id=recipe_id.clone() action=add/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="add-ingredient-heading">
            <h2 id="add-ingredient-heading" class="mb-3 text-lg font-semibold">"Add an ingredient"</h2>
            <IngredientErrors error=action_error(add)/>
            <FoodSearchForm q/>
            {results_view}
        </section>
    }
}

#[component]
fn Steps(recipe_id: String, steps: Vec<StepRow>, editable: bool, step: ServerAction<AddStep>) -> impl IntoView {
    let error = action_error(step);
    let change = ServerAction::<ChangeStep>::new();
    let change_error = action_error(change);
    let total = steps.len();
    let list = if steps.is_empty() {
        view! { <p class="mb-3">"No steps yet."</p> }.into_any()
    } else {
        view! {
            <FormError error=change_error/>
            <ol class="mb-3 list-decimal pl-6" data-testid="steps">
                {steps.into_iter().map(|s| {
                    let timer = s.duration_minutes.map(|m| format!(" ({m} min)")).unwrap_or_default();
                    let text = format!("{}{timer}", s.instruction);
                    let controls = editable.then(|| view! {
                        <StepControls recipe_id=recipe_id.clone() step=s.clone() total change/>
                    });
                    view! { <li class="py-1" data-testid="step"><span>{text}</span>{controls}</li> }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="steps-heading">
            <h2 id="steps-heading" class="mb-3 text-lg font-semibold">"Steps"</h2>
            {list}
            {editable.then(|| view! {
                <ActionForm action=step>
                    <input type="hidden" name="recipe_id" value=recipe_id/>
                    <div class="grid grid-cols-4 gap-x-3">
                        <div class="col-span-3"><TextField name="instruction" label="Next step" error=error/></div>
                        <TextField name="duration_minutes" label="Timer (min)" kind="number" error=error/>
                    </div>
                    <button type="submit" class=BUTTON_QUIET>"Add step"</button>
                </ActionForm>
            })}
        </section>
    }
}

/// One step's buttons and edit form (ids carry the step's number: several on one page).
#[component]
fn StepControls(recipe_id: String, step: StepRow, total: usize, change: ServerAction<ChangeStep>) -> impl IntoView {
    let n = step.step_number;
    let rid_edit = recipe_id.clone();
    let button = move |action: &'static str, text: &'static str, label: String, disabled: bool| {
        let recipe_id = recipe_id.clone();
        view! {
            <ActionForm action=change attr:class="inline">
                <input type="hidden" name="recipe_id" value=recipe_id/>
                <input type="hidden" name="step_number" value=n.to_string()/>
                <input type="hidden" name="action" value=action/>
                <input type="hidden" name="instruction" value=""/>
                <input type="hidden" name="duration_minutes" value=""/>
                <button type="submit" class=BUTTON_QUIET aria-label=label disabled=disabled>{text}</button>
            </ActionForm>
        }
    };
    let down = button.clone();
    let (text_id, minutes_id) = (format!("step-{n}-text"), format!("step-{n}-minutes"));
    let minutes = step.duration_minutes.map(|m| m.to_string()).unwrap_or_default();
    view! {
        <span class="ml-2 inline-flex flex-wrap gap-1">
            {button("up", "↑", format!("Move step {n} up"), n <= 1)}
            {down("down", "↓", format!("Move step {n} down"), n as usize >= total)}
            {button("remove", "Remove", format!("Remove step {n}"), false)}
        </span>
        <details class="mt-1">
            <summary class="cursor-pointer text-sm text-sky-800 underline">{format!("Edit step {n}")}</summary>
            <ActionForm action=change attr:class="mt-1 flex flex-wrap items-end gap-2">
                <input type="hidden" name="recipe_id" value=rid_edit/>
                <input type="hidden" name="step_number" value=n.to_string()/>
                <input type="hidden" name="action" value="edit"/>
                <div class="grow">
                    <label for=text_id.clone() class=LABEL>{format!("Step {n}")}</label>
                    <input id=text_id name="instruction" value=step.instruction.clone() class=INPUT/>
                </div>
                <div>
                    <label for=minutes_id.clone() class=LABEL>{format!("Minutes for step {n}")}</label>
                    <input id=minutes_id name="duration_minutes" type="number" value=minutes class=INPUT size="4"/>
                </div>
                <button type="submit" class=BUTTON_QUIET>{format!("Save step {n}")}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn LogAsMeal(recipe_id: String, log: ServerAction<LogRecipeMeal>, today: chrono::NaiveDate) -> impl IntoView {
    let error = action_error(log);
    let today = today.to_string();
    view! {
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="log-heading">
            <h2 id="log-heading" class="mb-3 text-lg font-semibold">"Log as a meal"</h2>
            <ActionForm action=log>
                <FormError error=error/>
                <input type="hidden" name="recipe_id" value=recipe_id/>
                <div class="grid grid-cols-3 gap-x-3">
                    <TextField name="servings" label="Servings eaten" error=error value="1"/>
                    <SelectField name="meal_type" label="Meal" options={options::<MealType>()} error=error selected="dinner"/>
                    <TextField name="meal_date" label="Date" kind="date" error=error value=today/>
                </div>
                <button type="submit" class=BUTTON>"Log meal"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn EditRecipe(
    recipe: RecipeDetail,
    update: ServerAction<UpdateRecipe>,
    delete: ServerAction<DeleteRecipe>,
) -> impl IntoView {
    let recipe_id = recipe.id.to_string();
    let delete_id = recipe_id.clone();
    view! {
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="edit-heading">
            <h2 id="edit-heading" class="mb-3 text-lg font-semibold">"Edit recipe"</h2>
            <ActionForm action=update>
                <input type="hidden" name="recipe_id" value=recipe_id/>
                <RecipeFields error=action_error(update) recipe=recipe/>
                <button type="submit" class=BUTTON>"Save recipe"</button>
            </ActionForm>
        </section>
        <section class="mt-4 rounded-lg border border-red-300 bg-white p-4">
            <h2 class="mb-2 text-lg font-semibold">"Delete this recipe"</h2>
            <p class="mb-3 text-sm text-slate-700">"Meals logged from it stay, without the link."</p>
            <ActionForm action=delete>
                <input type="hidden" name="recipe_id" value=delete_id/>
                <button type="submit" class=BUTTON_DANGER>"Delete recipe"</button>
            </ActionForm>
        </section>
    }
}
