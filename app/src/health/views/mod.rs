//! The health page: log weight, resting heart rate and sleep; list and chart them.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::health::api::{health_page, LogMetric};
use crate::health::logic::ManualMetric;
use crate::health::model::MetricEntry;
use crate::ui::chart::LineChart;
use crate::ui::form::{action_error, FieldError, FormError, TextField, BUTTON, INPUT, LABEL};
use crate::ui::kit::{EmptyState, PageHeader};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn HealthPage() -> impl IntoView {
    let query = use_query_map();
    let metric = Memo::new(move |_| {
        query.with(|q| q.get("metric").and_then(|m| ManualMetric::parse(&m))).unwrap_or(ManualMetric::Weight)
    });
    let page = page_load(move || health_page(metric.get().metric_type().to_owned()));
    let log = ServerAction::<LogMetric>::new();
    view! {
        <Page page=page render=move |entries, viewer| view! { <Health metric entries log today=viewer.today/> }/>
    }
}

#[component]
fn Health(
    metric: Memo<ManualMetric>,
    entries: Vec<MetricEntry>,
    log: ServerAction<LogMetric>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let error = action_error(log);
    view! {
        <PageHeader title="Health"/>
        <nav aria-label="Metric" class="mb-4 flex gap-2">
            {ManualMetric::ALL.iter().map(|m| {
                let m = *m;
                let current = move || metric.get() == m;
                view! {
                    <a
                        href=format!("/health?metric={}", m.metric_type())
                        class=move || if current() { "rounded bg-sky-800 px-3 py-1 text-white" } else { "rounded border border-slate-400 bg-white px-3 py-1" }
                        aria-current=move || current().then_some("page")
                    >{m.label()}</a>
                }
            }).collect_view()}
        </nav>
        <div class="grid gap-4 md:grid-cols-2">
            <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="log-heading">
                <h2 id="log-heading" class="mb-3 text-lg font-semibold">{move || format!("Log {}", metric.get().label().to_lowercase())}</h2>
                <ActionForm action=log>
                    <FormError error=error/>
                    <input type="hidden" name="metric" value=move || metric.get().metric_type()/>
                    <div class="grid grid-cols-2 gap-x-3">
                        <TextField name="value" label="Value" error=error required=true hint=if metric.get_untracked() == ManualMetric::Sleep { "Hours, e.g. 7.5 or 7:30" } else { "A number" }/>
                        <div class="mb-4">
                            <label for=error.field_id("unit") class=LABEL>"Unit"</label>
                            <select id=error.field_id("unit") name="unit" class=INPUT aria-describedby=error.error_id("unit")>
                                {move || metric.get().units().iter().map(|(value, text)| view! { <option value=*value>{*text}</option> }).collect_view()}
                            </select>
                            <FieldError error=error field="unit"/>
                        </div>
                        <TextField name="date" label="Date" kind="date" error=error value=today.to_string()/>
                        <TextField name="time" label="Time (optional)" kind="time" error=error/>
                    </div>
                    <FieldError error=error field="metric"/>
                    <button type="submit" class=BUTTON>"Save"</button>
                </ActionForm>
            </section>
            <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="chart-heading">
                <h2 id="chart-heading" class="mb-3 text-lg font-semibold">{move || metric.get().label()}</h2>
                    {
                        let m = metric.get_untracked();
                        match entries {
                            list if list.is_empty() => view! { <EmptyState text="Nothing logged yet." testid="no-entries"/> }.into_any(),
                            list => {
                                let points: Vec<(i64, f64)> = list.iter().rev().map(|e| (e.recorded_at.timestamp(), e.value_num)).collect();
                                view! {
                                    <LineChart points=points label=m.label()/>
                                    <table class="mt-3 w-full text-sm" data-testid="entries">
                                        <thead><tr><th scope="col" class="text-left">"Date"</th><th scope="col" class="text-right">"Value"</th></tr></thead>
                                        <tbody>
                                            {list.into_iter().map(|e| view! {
                                                <tr class="border-t border-slate-200">
                                                    <td>{e.local_time.format("%Y-%m-%d %H:%M").to_string()}</td>
                                                    <td class="text-right">{format!("{} {}", e.value_num, e.unit.unwrap_or_default())}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }
                                .into_any()
                            }
                        }
                    }
            </section>
        </div>
    }
}
