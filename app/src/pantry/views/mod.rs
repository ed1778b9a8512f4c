//! The pantry pages: the household's items by location with what expires
//! soon marked, a form to add one, and one item's page to change it. Every
//! form posts without JavaScript; with it, the forms submit in place.

use leptos::prelude::*;

pub mod leftovers;
pub mod scan;
pub use leftovers::{LeftoversPage, PantryNav, UseItUpPage};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::input::{options, Choice};
use crate::meals::recipes::model::FoodMatch;
use crate::meals::views::recipes::{FoodResult, FoodSearchForm, IngredientErrors};
use crate::pantry::api::{
    pantry_item_page, pantry_page, AddPantryItem, DeletePantryItem, LinkPantryFood, UnlinkPantryFood, UpdatePantryItem,
    UseUpPantryItem,
};
use crate::pantry::logic::Location;
use crate::pantry::model::{
    freshness_badge, PantryItem, PantryItemPage as ItemPageData, PantryList as PageData, PantrySort,
};
use crate::ui::form::{
    action_error, ActionError, FormError, SelectField, TextArea, TextField, BUTTON, BUTTON_DANGER, BUTTON_QUIET,
};
use crate::ui::kit::{Card, EmptyState, PageHeader};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn PantryPage() -> impl IntoView {
    let query = use_query_map();
    let location = move || query.with(|q| q.get("location").unwrap_or_default());
    let sort = move || query.with(|q| q.get("sort").unwrap_or_default());
    let number = move || query.with(|q| q.get("page").unwrap_or_default());
    let page = page_load(move || pantry_page(location(), sort(), number()));
    let add = ServerAction::<AddPantryItem>::new();
    let use_up = ServerAction::<UseUpPantryItem>::new();
    view! { <Page page=page render=move |data, _| view! { <Pantry data add use_up/> }/> }
}

fn link_class(current: bool) -> &'static str {
    if current {
        "rounded bg-sky-800 px-3 py-1 text-white"
    } else {
        "rounded border border-slate-400 bg-white px-3 py-1"
    }
}

#[component]
fn Pantry(data: PageData, add: ServerAction<AddPantryItem>, use_up: ServerAction<UseUpPantryItem>) -> impl IntoView {
    let error = action_error(add);
    let pages = data.pages();
    let PageData { items, page, total, location, sort, today } = data;
    let paged = move |loc: Option<Location>, sort: PantrySort, page: i64| {
        let mut q = vec![];
        if let Some(l) = loc {
            q.push(format!("location={}", l.value()));
        }
        if sort != PantrySort::Expiry {
            q.push(format!("sort={}", sort.value()));
        }
        if page > 1 {
            q.push(format!("page={page}"));
        }
        if q.is_empty() {
            "/pantry".to_owned()
        } else {
            format!("/pantry?{}", q.join("&"))
        }
    };
    let href = move |loc: Option<Location>, sort: PantrySort| paged(loc, sort, 1);
    let pager = (pages > 1).then(|| {
        let first = (page - 1) * crate::pantry::model::PAGE_LEN + 1;
        let last = (first + items.len() as i64 - 1).max(first);
        view! {
            <nav aria-label="Pages" class="mt-3 flex flex-wrap items-center gap-3 text-sm" data-testid="pager">
                {(page > 1).then(|| view! { <a class="underline" rel="prev" href=paged(location, sort, page - 1)>"← Previous"</a> })}
                <span>{format!("Items {first}–{last} of {total} · page {page} of {pages}")}</span>
                {(page < pages).then(|| view! { <a class="underline" rel="next" href=paged(location, sort, page + 1)>"Next →"</a> })}
            </nav>
        }
    });
    let filters = std::iter::once((None, "Everything")).chain(Location::ALL.iter().map(|l| (Some(*l), l.label())));
    view! {
        <PageHeader title="Pantry" lead="What the household has in the fridge, the freezer and the cupboard."/>
        <PantryNav current="/pantry"/>
        <nav aria-label="Show items kept in" class="mb-2 flex flex-wrap gap-2">
            {filters.map(|(loc, label)| {
                let current = loc == location;
                view! { <a href=href(loc, sort) class=link_class(current) aria-current=current.then_some("page")>{label}</a> }
            }).collect_view()}
        </nav>
        <p class="mb-4 text-sm">
            "Order: "
            <a href=href(location, PantrySort::Expiry) class="underline" aria-current=(sort == PantrySort::Expiry).then_some("true")>"soonest expiry"</a>
            " · "
            <a href=href(location, PantrySort::Name) class="underline" aria-current=(sort == PantrySort::Name).then_some("true")>"name"</a>
        </p>
        <div class="grid gap-4 md:grid-cols-3">
            <div class="md:col-span-2">
                <Card title="In stock" id="stock-heading">
                    {if items.is_empty() {
                        view! { <EmptyState text="Nothing here yet. Add what you have with the form." testid="no-items"/> }.into_any()
                    } else {
                        view! { <ItemList items today use_up/> }.into_any()
                    }}
                    {pager}
                </Card>
            </div>
            <Card title="Add an item" id="add-item-heading">
                <ActionForm action=add>
                    <FormError error=error/>
                    <ItemFields error=error item=None/>
                    <button type="submit" class=BUTTON>"Add to pantry"</button>
                </ActionForm>
            </Card>
        </div>
    }
}

#[component]
fn ItemList(items: Vec<PantryItem>, today: chrono::NaiveDate, use_up: ServerAction<UseUpPantryItem>) -> impl IntoView {
    view! {
        <ul data-testid="pantry-items" class="divide-y divide-slate-200">
            {items.into_iter().map(|item| {
                let badge = freshness_badge(item.expiry_date, today);
                let amount = item.amount();
                let id = item.id.to_string();
                let edit = format!("/pantry/{id}");
                view! {
                    <li class="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="pantry-item">
                        <div>
                            <a href=edit class="font-semibold underline">{item.name.clone()}</a>
                            <span class="ml-2 text-sm text-slate-700">
                                {amount}
                                " · " {item.location.label()}
                                {item.expiry_date.map(|d| format!(" · use by {d}"))}
                            </span>
                            {badge.map(|(text, class)| view! {
                                <span class=format!("ml-2 rounded px-2 py-0.5 text-xs font-bold {class}") data-testid="freshness">{text}</span>
                            })}
                        </div>
                        <ActionForm action=use_up>
                            <input type="hidden" name="item_id" value=id/>
                            <button type="submit" class=BUTTON_QUIET aria-label=format!("{} is used up", item.name)>"Used up"</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The item's fields, filled from `item` (or from what was typed after a failed post).
#[component]
fn ItemFields(error: ActionError, item: Option<PantryItem>) -> impl IntoView {
    let value = |f: &dyn Fn(&PantryItem) -> Option<String>| item.as_ref().and_then(f).unwrap_or_default();
    let name = value(&|i| Some(i.name.clone()));
    let location = value(&|i| Some(i.location.value().to_owned()));
    let quantity = value(&|i| i.quantity.map(crate::meals::logic::recipe::trim_number));
    let unit = value(&|i| i.unit.clone());
    let expiry = value(&|i| i.expiry_date.map(|d| d.to_string()));
    let barcode = value(&|i| i.barcode.clone());
    let cost = value(&|i| i.cost.map(crate::meals::logic::recipe::trim_number));
    let notes = value(&|i| i.notes.clone());
    view! {
        <TextField name="name" label="What is it?" error=error required=true value=name/>
        <SelectField name="location" label="Where" options={options::<Location>()} error=error selected=location/>
        <div class="grid grid-cols-2 gap-x-3">
            <TextField name="quantity" label="Quantity" error=error value=quantity hint="e.g. 1.5"/>
            <TextField name="unit" label="Unit" error=error value=unit hint="g, kg, ml, pieces…"/>
        </div>
        <TextField name="expiry_date" label="Use by (optional)" kind="date" error=error value=expiry/>
        <TextField name="barcode" label="Barcode (optional)" error=error value=barcode hint="The digits under the bars" autocomplete="off"/>
        <scan::BarcodeScanner input_id=error.field_id("barcode")/>
        <TextField name="cost" label="Cost (optional)" error=error value=cost/>
        <TextArea name="notes" label="Notes (optional)" error=error value=notes rows=2/>
    }
}

#[component]
pub fn PantryItemPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let q = move || query.with(|q| q.get("q").unwrap_or_default());
    let page = page_load(move || pantry_item_page(id(), q()));
    let update = ServerAction::<UpdatePantryItem>::new();
    let delete = ServerAction::<DeletePantryItem>::new();
    view! { <Page page=page render=move |data, _| view! { <ItemEditor data update delete/> }/> }
}

#[component]
fn ItemEditor(
    data: ItemPageData,
    update: ServerAction<UpdatePantryItem>,
    delete: ServerAction<DeletePantryItem>,
) -> impl IntoView {
    let ItemPageData { item, food, q, foods } = data;
    let error = action_error(update);
    let id = item.id.to_string();
    let delete_id = id.clone();
    let title = item.name.clone();
    let food = view! { <FoodLink item_id=item.id.to_string() food q foods/> };
    view! {
        <PageHeader title=title/>
        <p class="mb-4"><a href="/pantry" class="underline">"Back to the pantry"</a></p>
        <div class="grid gap-4 md:grid-cols-2">
            <Card title="Change this item" id="edit-item-heading">
                <ActionForm action=update>
                    <FormError error=error/>
                    <input type="hidden" name="item_id" value=id/>
                    <ItemFields error=error item=Some(item)/>
                    <button type="submit" class=BUTTON>"Save"</button>
                </ActionForm>
            </Card>
            <div class="grid content-start gap-4">
                {food}
                <Card title="Remove it" id="delete-item-heading">
                    <p class="mb-3 text-sm text-slate-700">"Thrown away or entered by mistake: removes it for the whole household."</p>
                    <ActionForm action=delete>
                        <input type="hidden" name="item_id" value=delete_id/>
                        <button type="submit" class=BUTTON_DANGER>"Delete item"</button>
                    </ActionForm>
                </Card>
            </div>
        </div>
    }
}

/// Which SR28 food the item is: linked, recipes that use that food find it whatever it is
/// called. Shows the link (with a button to undo it), and foods to link found for the search
/// form's words or, while unlinked, for the item's name.
#[component]
fn FoodLink(item_id: String, food: Option<String>, q: String, foods: Vec<FoodMatch>) -> impl IntoView {
    let link = ServerAction::<LinkPantryFood>::new();
    let unlink = ServerAction::<UnlinkPantryFood>::new();
    let searched = !q.trim().is_empty();
    let linked = food.is_some();
    let unlink_id = item_id.clone();
    let status = match food {
        Some(food) => view! {
            <p class="mb-2" data-testid="linked-food">"Linked to " <strong>{food}</strong> "."</p>
            <ActionForm action=unlink attr:class="mb-3">
                <input type="hidden" name="item_id" value=unlink_id/>
                <button type="submit" class=BUTTON_QUIET>"Unlink"</button>
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <p class="mb-3" data-testid="linked-food">
                "Not linked. Recipes find this item by its name; linked to its food, they find it whatever it is called."
            </p>
        }
        .into_any(),
    };
    let results = if foods.is_empty() {
        (searched || !linked).then(|| view! { <p class="text-sm">"No food matches those words."</p> }).into_any()
    } else {
        view! {
            <p class="text-sm text-slate-700">{if searched { "Foods for your search:" } else { "Foods like its name:" }}</p>
            <ul data-testid="food-results">
                {foods.into_iter().map(|f| {
                    let label = format!("Link to {}", f.description);
                    let ndb_no = f.ndb_no.clone();
                    let item_id = item_id.clone();
                    view! {
                        <FoodResult food=f>
                            <ActionForm action=link attr:class="mt-1">
                                <input type="hidden" name="item_id" value=item_id/>
                                <input type="hidden" name="food_ndb_no" value=ndb_no/>
                                <button type="submit" class=BUTTON_QUIET aria-label=label>"Link"</button>
                            </ActionForm>
                        </FoodResult>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Card title="Food (USDA SR28)" id="food-heading">
            <IngredientErrors error=action_error(link)/>
            {status}
            <FoodSearchForm q/>
            {results}
        </Card>
    }
}
