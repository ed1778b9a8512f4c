//! Tile settings: turn modules on and off, reorder (drag and drop with
//! JavaScript, up/down buttons without), and set size, colour and metric.

use leptos::prelude::*;

use crate::profiles::api::{tiles_page, MoveTile, ReorderTiles, SaveTile};
use crate::profiles::logic::{dropped_onto, ModuleName, TileColor, TileSize};
use crate::profiles::model::ModuleTile;
use crate::ui::form::{action_error, FormError, BUTTON, BUTTON_QUIET, LABEL};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn TileSettingsPage() -> impl IntoView {
    let page = page_load(tiles_page);
    view! { <Page page=page render=move |tiles, _| view! { <TileSettings tiles/> }/> }
}

#[component]
fn TileSettings(tiles: Vec<ModuleTile>) -> impl IntoView {
    let order: Vec<ModuleName> = tiles.iter().map(|t| t.module).collect();
    let count = tiles.len();
    view! {
        <h1 class="mb-1 text-2xl font-bold">"Dashboard tiles"</h1>
        <p class="mb-4 text-sm text-slate-700">
            "Choose which modules this profile uses and how its tiles look. Drag a tile to reorder it, or use the arrows."
        </p>
        <DragToReorder order>
            <ol class="space-y-3" data-testid="tile-settings">
                {tiles
                    .into_iter()
                    .enumerate()
                    .map(|(i, tile)| {
                        let module = tile.module.as_str();
                        view! {
                            <li class="rounded-lg border border-slate-300 bg-white p-3" draggable="true" data-module=module>
                                <TileRow tile=tile first=i == 0 last=i + 1 == count/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </DragToReorder>
    }
}

/// Drag and drop for the server-rendered list inside it (an island: the only
/// part of this page that runs in the browser). It listens for the drag
/// events of the `li[data-module]` items, saves the new order and reloads
/// the page, so the arrows and forms show the order that was saved.
#[island]
fn DragToReorder(order: Vec<ModuleName>, children: Children) -> impl IntoView {
    let reorder = ServerAction::<ReorderTiles>::new();
    let dragged = RwSignal::new(None::<ModuleName>);
    Effect::new(move |_| {
        if let Some(Ok(())) = reorder.value().get() {
            crate::ui::browser::reload();
        }
    });
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let target = crate::ui::browser::data_attribute_of(&ev, "data-module").and_then(|m| ModuleName::parse(&m));
        if let (Some(from), Some(onto)) = (dragged.get_untracked(), target) {
            let new_order = dropped_onto(&order, from, onto);
            if new_order != order {
                let joined = new_order.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(",");
                reorder.dispatch(ReorderTiles { order: joined });
            }
        }
        dragged.set(None);
    };
    view! {
        <div
            on:dragstart=move |ev| {
                dragged.set(crate::ui::browser::data_attribute_of(&ev, "data-module").and_then(|m| ModuleName::parse(&m)))
            }
            on:dragover=move |ev| ev.prevent_default()
            on:drop=drop
        >
            {children()}
        </div>
    }
}

#[component]
fn TileRow(tile: ModuleTile, first: bool, last: bool) -> impl IntoView {
    let save = ServerAction::<SaveTile>::new();
    let error = action_error(save);
    let move_tile = ServerAction::<MoveTile>::new();
    let module = tile.module;
    let key = module.as_str();
    let label = module.label();
    view! {
        <div class="flex flex-wrap items-center gap-2">
            <h2 class="mr-auto text-lg font-semibold">{label}</h2>
            <ActionForm action=move_tile>
                <input type="hidden" name="module" value=key/>
                <input type="hidden" name="direction" value="up"/>
                <button type="submit" class=BUTTON_QUIET disabled=first aria-label=format!("Move {label} up")>"↑"</button>
            </ActionForm>
            <ActionForm action=move_tile>
                <input type="hidden" name="module" value=key/>
                <input type="hidden" name="direction" value="down"/>
                <button type="submit" class=BUTTON_QUIET disabled=last aria-label=format!("Move {label} down")>"↓"</button>
            </ActionForm>
        </div>
        <ActionForm action=save attr:class="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-5 sm:items-end">
            <FormError error=error/>
            <input type="hidden" name="module" value=key/>
            <div class="flex items-center gap-2">
                <input id=format!("{key}-enabled") type="checkbox" name="enabled" value="on" checked=tile.enabled class="h-5 w-5"/>
                <label for=format!("{key}-enabled") class=LABEL>"Show"</label>
            </div>
            <div>
                <label for=format!("{key}-size") class=LABEL>"Size"</label>
                <select id=format!("{key}-size") name="size" class="mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1">
                    {TileSize::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=*s == tile.config.size>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for=format!("{key}-color") class=LABEL>"Colour"</label>
                <select id=format!("{key}-color") name="color" class="mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1">
                    {TileColor::ALL.iter().map(|c| view! {
                        <option value=c.as_str() selected=*c == tile.config.color>{c.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for=format!("{key}-metric") class=LABEL>"Shows"</label>
                <select id=format!("{key}-metric") name="metric" class="mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1">
                    {module.metrics().iter().map(|(value, text)| view! {
                        <option value=*value selected=*value == tile.config.metric>{*text}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class=BUTTON>"Save " <span class="sr-only">{label}</span></button>
        </ActionForm>
    }
}
