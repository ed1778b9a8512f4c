//! The recovery page: the last 30 days charted, each day's components, and
//! the form to override a day.

use leptos::prelude::*;

use crate::input::options;
use crate::performance::api::{recovery_page, ClearRecoveryOverride, SetRecoveryOverride};
use crate::performance::logic::recovery::OverrideReason;
use crate::performance::logic::recovery::RecoveryBand;
use crate::performance::model::{RecoveryEntry, RecoveryPageData, TrainingSummary};
use crate::ui::chart::{LineChart, Tone};
use crate::ui::form::{action_error, FormError, SelectField, TextField, BUTTON, BUTTON_QUIET};
use crate::ui::layout::{page_load, Page};

#[component]
pub fn RecoveryPage() -> impl IntoView {
    let page = page_load(recovery_page);
    let set = ServerAction::<SetRecoveryOverride>::new();
    let clear_override = ServerAction::<ClearRecoveryOverride>::new();
    view! {
        <Page page=page render=move |data, viewer| view! { <Recovery data set clear=clear_override today=viewer.today/> }/>
    }
}

fn band_label(band: Option<RecoveryBand>) -> (&'static str, &'static str) {
    match band {
        Some(RecoveryBand::Green) => ("Green: ready", "bg-emerald-700"),
        Some(RecoveryBand::Yellow) => ("Yellow: take it steady", "bg-amber-500"),
        Some(RecoveryBand::Red) => ("Red: rest", "bg-red-700"),
        None => ("", "bg-slate-400"),
    }
}

fn component(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.0}")).unwrap_or_else(|| "–".into())
}

#[component]
fn Recovery(
    data: RecoveryPageData,
    set: ServerAction<SetRecoveryOverride>,
    clear: ServerAction<ClearRecoveryOverride>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let error = action_error(set);
    let today = today.to_string();
    view! {
        <h1 class="mb-1 text-2xl font-bold">"Recovery"</h1>
        <p class="mb-4 text-sm text-slate-700">
            "A daily score from 0 to 100 from heart-rate variability and resting heart rate against your own baseline, "
            "sleep, stress and recent training load. It appears once about two weeks of heart data are in."
        </p>
        {match data.entries {
                    list if list.is_empty() => view! {
                        <p class="mb-4 rounded border border-slate-300 bg-white p-4" data-testid="no-recovery">
                            "No recovery scores yet. Log resting heart rate (and HRV if your device measures it) each morning; "
                            "the first score comes once there are 14 days to compare with."
                        </p>
                    }.into_any(),
                    list => recovery_list(list, clear).into_any(),
        }}
        {data.training.map(training_view)}
        <section class="mt-6 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="override-heading">
            <h2 id="override-heading" class="mb-2 text-lg font-semibold">"Override a day"</h2>
            <p class="mb-3 text-sm text-slate-700">"Feeling ill or injured? Mark the day; the computed score is kept beside your verdict."</p>
            <ActionForm action=set>
                <FormError error=error/>
                <div class="grid gap-x-3 sm:grid-cols-2">
                    <TextField name="date" label="Day" kind="date" error=error value=today required=true/>
                    <SelectField name="reason" label="Reason" options={options::<OverrideReason>()} error=error/>
                    <TextField name="score" label="Your own score (optional)" error=error hint="0 to 100"/>
                    <TextField name="note" label="Note (optional)" error=error/>
                </div>
                <button type="submit" class=BUTTON>"Save override"</button>
            </ActionForm>
        </section>
    }
}

fn recovery_list(list: Vec<RecoveryEntry>, clear: ServerAction<ClearRecoveryOverride>) -> impl IntoView {
    let points: Vec<(i64, f64)> = list
        .iter()
        .rev()
        .filter_map(|e| Some((e.score_date.and_hms_opt(12, 0, 0)?.and_utc().timestamp(), e.shown_score()?)))
        .collect();
    view! {
        <section class="mb-4 rounded-lg border border-slate-300 bg-white p-4" aria-label="Recovery chart">
            <LineChart points=points label="Recovery score" tone=Tone::VIOLET/>
        </section>
        <table class="w-full rounded-lg bg-white text-sm" data-testid="recovery-days">
            <thead>
                <tr class="text-left">
                    <th scope="col" class="p-2">"Day"</th>
                    <th scope="col" class="p-2">"Score"</th>
                    <th scope="col" class="p-2">"Band"</th>
                    <th scope="col" class="hidden p-2 sm:table-cell">"Heart · Sleep · Stress · Load"</th>
                    <th scope="col" class="p-2"><span class="sr-only">"Override"</span></th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|e| {
                    let (band, dot) = band_label(e.shown_band());
                    let shown = match (e.shown_score(), &e.override_reason) {
                        (Some(s), _) => format!("{s:.0}"),
                        (None, Some(r)) => if r == "injured" { "Injured".into() } else { "Ill".into() },
                        (None, None) => "–".into(),
                    };
                    let computed = e.override_reason.as_ref().map(|_| format!("(computed {:.0})", e.recovery_score));
                    let date = e.score_date.to_string();
                    view! {
                        <tr class="border-t border-slate-200">
                            <td class="p-2">{date.clone()}</td>
                            <td class="p-2 font-semibold">{shown} " " <span class="font-normal text-slate-700">{computed}</span></td>
                            <td class="p-2"><span class=format!("mr-1 inline-block h-3 w-3 rounded-full {dot}") aria-hidden="true"></span>{band}</td>
                            <td class="hidden p-2 sm:table-cell">
                                {format!("{} · {} · {} · {}", component(e.hr_component), component(e.sleep_component),
                                    component(e.stress_component), component(e.load_component))}
                            </td>
                            <td class="p-2">
                                {e.override_reason.is_some().then(|| view! {
                                    <ActionForm action=clear>
                                        <input type="hidden" name="date" value=date.clone()/>
                                        <button type="submit" class=BUTTON_QUIET>"Clear" <span class="sr-only">{format!(" override of {date}")}</span></button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn training_view(t: TrainingSummary) -> impl IntoView {
    let form_pct = t.form_pct.map(|p| format!(" ({p:+.0} %)")).unwrap_or_default();
    let ratio = t.acwr.map(|r| format!("{r:.2}")).unwrap_or_else(|| "–".into());
    view! {
        <section class="mt-6 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby="training-heading" data-testid="training">
            <h2 id="training-heading" class="mb-2 text-lg font-semibold">"Training load"</h2>
            {t.warming_up.then(|| view! {
                <p class="mb-2 text-sm text-slate-700">"Warming up: these settle after about six weeks of logged training."</p>
            })}
            <dl class="mb-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                <div><dt class="text-slate-700">"Fitness (42-day)"</dt><dd class="text-xl font-semibold">{format!("{:.0}", t.ctl)}</dd></div>
                <div><dt class="text-slate-700">"Fatigue (7-day)"</dt><dd class="text-xl font-semibold">{format!("{:.0}", t.atl)}</dd></div>
                <div><dt class="text-slate-700">"Form this morning"</dt><dd class="text-xl font-semibold">{format!("{:+.0}{form_pct}", t.form)}</dd></div>
                <div><dt class="text-slate-700">"Acute : chronic"</dt><dd class="text-xl font-semibold">{ratio}</dd></div>
            </dl>
            <p class="mb-2 text-sm">{t.trend}</p>
            <LineChart points=t.ctl_series label="Fitness, last 90 days" tone=Tone::SKY/>
        </section>
    }
}
