//! The workouts page: log a session and see recent ones with their training load.

use leptos::prelude::*;

use crate::input::{options, Choice};
use crate::ui::form::{action_error, FormError, SelectField, TextField, BUTTON};
use crate::ui::kit::{Card, EmptyState, PageHeader};
use crate::ui::layout::{page_load, Page};
use crate::workouts::api::{workouts_page, LogWorkout};
use crate::workouts::model::{WorkoutEntry, WorkoutType, RPE_SCALE};

#[component]
pub fn WorkoutsPage() -> impl IntoView {
    let page = page_load(workouts_page);
    let log = ServerAction::<LogWorkout>::new();
    view! { <Page page=page render=move |workouts, viewer| view! { <Workouts workouts log today=viewer.today/> }/> }
}

#[component]
fn Workouts(workouts: Vec<WorkoutEntry>, log: ServerAction<LogWorkout>, today: chrono::NaiveDate) -> impl IntoView {
    let error = action_error(log);
    let today = today.to_string();
    view! {
        <PageHeader title="Workouts"/>
        <div class="grid gap-4 md:grid-cols-2">
            <Card title="Log a session" id="log-workout-heading">
                <ActionForm action=log>
                    <FormError error=error/>
                    <TextField name="name" label="Session" error=error required=true/>
                    <div class="grid grid-cols-2 gap-x-3">
                        <SelectField name="workout_type" label="Type" options={options::<WorkoutType>()} error=error/>
                        <TextField name="day" label="Date" kind="date" error=error value=today/>
                        <TextField name="duration_minutes" label="Minutes" error=error required=true/>
                        <SelectField name="session_rpe" label="How hard (0–10)" options=&RPE_SCALE blank="Not rated" error=error/>
                    </div>
                    <p class="mb-3 text-xs text-slate-700">"Rate the whole session about 30 minutes after it ends; duration × rating gives its training load."</p>
                    <button type="submit" class=BUTTON>"Save session"</button>
                </ActionForm>
            </Card>
            <Card title="Recent sessions" id="recent-workouts-heading">
                    {match workouts {
                            list if list.is_empty() => view! { <EmptyState text="Nothing logged yet."/> }.into_any(),
                            list => view! {
                                <ul data-testid="workouts">
                                    {list.into_iter().map(|w| {
                                        let when = w.day.map(|d| d.to_string()).unwrap_or_default();
                                        let detail = format!("{when} · {} · {} min", w.workout_type.map(|t| t.label()).unwrap_or(""),
                                            w.duration_minutes.unwrap_or(0));
                                        let load = match (w.training_load, w.session_rpe) {
                                            (Some(l), _) => format!("load {l:.0}"),
                                            (None, Some(_)) => "load being computed".to_string(),
                                            (None, None) => "rate it to get a load".to_string(),
                                        };
                                        view! {
                                            <li class="flex items-center justify-between border-t border-slate-200 py-2">
                                                <span><strong>{w.name}</strong> <span class="ml-2 text-sm text-slate-700">{detail}</span></span>
                                                <span class="text-sm">{load}</span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                    }}
            </Card>
        </div>
    }
}
