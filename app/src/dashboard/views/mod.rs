//! The dashboard page: the current profile's enabled tiles in `tile_order`.

use leptos::prelude::*;

use crate::dashboard::api::dashboard_page;
use crate::dashboard::logic::TileSummary;
use crate::dashboard::model::Dashboard;
use crate::profiles::logic::{age_on, TileSize};
use crate::profiles::model::ModuleTile;
use crate::ui::chart::LineChart;
use crate::ui::layout::{page_load, Page};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let page = page_load(dashboard_page);
    view! { <Page page=page render=|dashboard, viewer| view! { <DashboardTiles dashboard today=viewer.today/> }/> }
}

fn span(size: TileSize) -> &'static str {
    match size {
        TileSize::S => "col-span-1",
        TileSize::M => "col-span-1 sm:col-span-2",
        TileSize::L => "col-span-1 sm:col-span-2 lg:col-span-4",
    }
}

#[component]
fn DashboardTiles(dashboard: Dashboard, today: chrono::NaiveDate) -> impl IntoView {
    let d = dashboard;
    let age = d.profile.date_of_birth.map(|dob| format!(", age {}", age_on(dob, today))).unwrap_or_default();
    let empty = d.tiles.is_empty();
    view! {
        <h1 class="mb-4 text-2xl font-bold">{format!("{}'s dashboard", d.profile.display_name)}<span class="text-base font-normal text-slate-700">{age}</span></h1>
        {empty.then(|| view! {
            <p class="rounded border border-slate-300 bg-white p-4">
                "Every module is turned off for this profile. " <a class="text-sky-800 underline" href="/settings/dashboard">"Choose tiles"</a>
            </p>
        })}
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="tiles">
            {d.tiles.into_iter().map(|(tile, summary)| view! { <Tile tile=tile summary=summary/> }).collect_view()}
        </div>
    }
}

#[component]
fn Tile(tile: ModuleTile, summary: TileSummary) -> impl IntoView {
    let color = tile.config.color;
    let class = format!("rounded-lg border-l-8 p-4 shadow-sm {} {}", color.classes(), span(tile.config.size));
    let label = tile.module.label();
    let metric = tile.config.metric_label(tile.module);
    let chart = (!summary.series.is_empty() && tile.config.size != TileSize::S)
        .then(|| view! { <LineChart points=summary.series.clone() label=metric tone=color.tone()/> });
    let body = match summary.value {
        Some(value) => view! {
            <p class="text-3xl font-bold" data-testid="tile-value">{value}</p>
            <p class="text-sm">{summary.caption}</p>
        }
        .into_any(),
        None => view! { <p class="text-sm" data-testid="tile-empty">{summary.caption}</p> }.into_any(),
    };
    view! {
        <section
            class=class
            data-testid="tile"
            data-module=tile.module.as_str()
            data-size=tile.config.size.as_str()
            data-color=color.as_str()
            aria-label=label
        >
            <h2 class="mb-1 text-lg font-semibold">
                {match summary.href {
                    Some(href) => view! { <a class="underline-offset-2 hover:underline" href=href>{label}</a> }.into_any(),
                    None => view! { <span>{label}</span> }.into_any(),
                }}
            </h2>
            <p class="mb-2 text-xs uppercase tracking-wide">{metric}</p>
            {body}
            {chart}
        </section>
    }
}
