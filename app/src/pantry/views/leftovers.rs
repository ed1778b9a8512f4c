//! The leftovers page (eat some, logged as a meal for whoever ate it, or throw it away) and
//! the use-it-up page (what expires in the next days and the recipes that use it).

use leptos::prelude::*;

use crate::account::model::Viewer;
use crate::input::{options, Choice};
use crate::meals::model::MealType;
use crate::pantry::api::{leftovers_page, use_it_up_page, DiscardLeftover, EatLeftover};
use crate::pantry::model::{freshness_badge, Leftover, LeftoversPage as LeftoversData, UseItUpPage as UseItUpData};
use crate::ui::form::{action_error, ChoiceField, FormError, SelectField, TextField, BUTTON, BUTTON_QUIET};
use crate::ui::kit::{Card, EmptyState, PageHeader};
use crate::ui::layout::{page_load, Page};

/// The pantry's three pages, as links under each page's header.
#[component]
pub fn PantryNav(current: &'static str) -> impl IntoView {
    let links = [("/pantry", "In stock"), ("/leftovers", "Leftovers"), ("/use-it-up", "Use it up")];
    view! {
        <nav aria-label="Pantry pages" class="mb-4 flex flex-wrap gap-3 text-sm">
            {links.into_iter().map(|(href, label)| {
                let here = href == current;
                view! { <a href=href class=if here { "font-semibold" } else { "text-sky-800 underline" } aria-current=here.then_some("page")>{label}</a> }
            }).collect_view()}
        </nav>
    }
}

#[component]
pub fn LeftoversPage() -> impl IntoView {
    let page = page_load(leftovers_page);
    let eat = ServerAction::<EatLeftover>::new();
    let discard = ServerAction::<DiscardLeftover>::new();
    view! { <Page page=page render=move |data, viewer| view! { <Leftovers data viewer eat discard/> }/> }
}

#[component]
fn Leftovers(
    data: LeftoversData,
    viewer: Viewer,
    eat: ServerAction<EatLeftover>,
    discard: ServerAction<DiscardLeftover>,
) -> impl IntoView {
    let LeftoversData { leftovers, today } = data;
    let error = action_error(eat);
    // A failed post's message shows on its card; here only when that card is gone (eaten by
    // someone else meanwhile).
    let card_gone = error.typed("leftover_id").is_none_or(|id| !leftovers.iter().any(|l| l.id.to_string() == id));
    view! {
        <PageHeader title="Leftovers" lead="What is left of the household's cooking, soonest eat-by first."/>
        <PantryNav current="/leftovers"/>
        {card_gone.then(|| view! { <FormError error=error/> })}
        {if leftovers.is_empty() {
            view! { <EmptyState text="No leftovers. When you log a cooked recipe, what is left appears here." testid="no-leftovers"/> }.into_any()
        } else {
            view! {
                <ul data-testid="leftovers" class="grid gap-3 md:grid-cols-2">
                    {leftovers.into_iter().map(|l| view! { <LeftoverCard leftover=l viewer=viewer.clone() today eat discard/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn LeftoverCard(
    leftover: Leftover,
    viewer: Viewer,
    today: chrono::NaiveDate,
    eat: ServerAction<EatLeftover>,
    discard: ServerAction<DiscardLeftover>,
) -> impl IntoView {
    let id = leftover.id.to_string();
    let error = action_error(eat).scoped("leftover_id", &id);
    let badge = freshness_badge(leftover.expiry_date, today);
    let people: Vec<(String, String)> =
        viewer.profiles.iter().map(|p| (p.id.to_string(), p.display_name.clone())).collect();
    let current = viewer.current_profile.id.to_string();
    let amount = leftover.amount();
    let eat_one = leftover.quantity.map_or(1.0, |q| q.min(1.0));
    let heading = format!("leftover-{id}");
    let labelled_by = heading.clone();
    let (eat_id, discard_id) = (id.clone(), id);
    view! {
        <li class="rounded-lg border border-slate-300 bg-white p-4" data-testid="leftover" aria-labelledby=labelled_by>
            <h2 id=heading class="text-lg font-semibold">{leftover.name.clone()}</h2>
            <p class="mb-2 text-sm text-slate-700">
                {amount} " · " {leftover.location.label()} " · stored " {leftover.stored_date.to_string()} " by " {leftover.stored_by.clone()}
                {leftover.expiry_date.map(|d| format!(" · eat by {d}"))}
                {badge.map(|(text, class)| view! { <span class=format!("ml-2 rounded px-2 py-0.5 text-xs font-bold {class}") data-testid="freshness">{text}</span> })}
            </p>
            <ActionForm action=eat>
                <FormError error=error/>
                <input type="hidden" name="leftover_id" value=eat_id/>
                <div class="grid grid-cols-2 gap-x-3">
                    <ChoiceField name="profile_id" label="Who ate it" options=people error=error selected=current/>
                    <TextField name="servings" label="How much" error=error value=crate::meals::logic::recipe::trim_number(eat_one)/>
                    <SelectField name="meal_type" label="Meal" options={options::<MealType>()} error=error selected="lunch"/>
                    <TextField name="meal_date" label="Date" kind="date" error=error value=today.to_string()/>
                </div>
                <button type="submit" class=BUTTON>"Log as eaten"</button>
            </ActionForm>
            <ActionForm action=discard attr:class="mt-2">
                <input type="hidden" name="leftover_id" value=discard_id/>
                <button type="submit" class=BUTTON_QUIET aria-label=format!("Thrown away: {}", leftover.name)>"Thrown away"</button>
            </ActionForm>
        </li>
    }
}

#[component]
pub fn UseItUpPage() -> impl IntoView {
    let page = page_load(use_it_up_page);
    view! { <Page page=page render=move |data, _| view! { <UseItUp data/> }/> }
}

#[component]
fn UseItUp(data: UseItUpData) -> impl IntoView {
    let UseItUpData { expiring, suggestions, days, today } = data;
    view! {
        <PageHeader title="Use it up" lead=format!("What expires in the next {days} days, and recipes that use it.")/>
        <PantryNav current="/use-it-up"/>
        <div class="grid gap-4 md:grid-cols-3">
            <Card title="Expiring soon" id="expiring-heading">
                {if expiring.is_empty() {
                    view! { <EmptyState text="Nothing expires in the next days." testid="nothing-expiring"/> }.into_any()
                } else {
                    view! {
                        <ul data-testid="expiring" class="divide-y divide-slate-200">
                            {expiring.into_iter().map(|i| {
                                let badge = freshness_badge(i.expiry_date, today);
                                view! {
                                    <li class="py-1">
                                        <a href=format!("/pantry/{}", i.id) class="underline">{i.name.clone()}</a>
                                        <span class="ml-2 text-sm text-slate-700">{i.amount()} {i.expiry_date.map(|d| format!(" · use by {d}"))}</span>
                                        {badge.map(|(text, class)| view! { <span class=format!("ml-2 rounded px-2 py-0.5 text-xs font-bold {class}")>{text}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Card>
            <div class="md:col-span-2">
                <Card title="What can I make" id="suggestions-heading">
                    {if suggestions.is_empty() {
                        view! { <EmptyState text="No recipe uses what is in the pantry yet." testid="no-suggestions"/> }.into_any()
                    } else {
                        view! {
                            <ol data-testid="suggestions" class="divide-y divide-slate-200">
                                {suggestions.into_iter().map(|s| {
                                    let uses = (!s.uses.is_empty()).then(|| format!("uses {}", s.uses.join(", ")));
                                    let missing = (!s.missing.is_empty()).then(|| format!("missing: {}", s.missing.join(", ")));
                                    view! {
                                        <li class="py-2" data-testid="suggestion">
                                            <a href=format!("/recipes/{}", s.recipe_id) class="font-semibold underline">{s.title.clone()}</a>
                                            <span class="ml-2 text-sm">{format!("{} of {} ingredients in stock", s.in_stock, s.ingredients)}</span>
                                            {uses.map(|u| view! { <p class="text-sm font-semibold text-emerald-800">{u}</p> })}
                                            {missing.map(|m| view! { <p class="text-sm text-slate-700">{m}</p> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </Card>
            </div>
        </div>
    }
}
