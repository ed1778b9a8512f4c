//! Per-workout training load (engine-methods.md §1), stored in `wt_training_loads` as
//! `duration_minutes × intensity_factor` (the generated `training_load` column).
//!
//! Every method is mapped onto that product on one scale, "native units / 10", so that
//! `intensity_factor` stays within 0–1 and loads from different methods land in a comparable
//! range. The method that produced a value is always recorded ([`LoadMethod`]): the methods are
//! not interchangeable (sRPE is linear in intensity, TRIMP exponential in heart rate), so a row
//! must never be read without it.
//!
//! - **Session-RPE** (Foster et al. 2001, *J Strength Cond Res* 15(1):109–115; GoldenCheetah
//!   `src/Metrics/TRIMPPoints.cpp`, metric `SessionRPE = secs/60 × rpe`):
//!   `intensity_factor = RPE/10`, so `training_load = minutes × RPE / 10` = Foster's AU / 10.
//!   Validated for resistance training too (Sweet et al. 2004, *JSCR* 18(4):796–802).
//! - **Manual intensity** (a 0–1 intensity from the source): used as is.
//! - **Banister TRIMP** (Morton, Fitz-Clarke & Banister 1990, *J Appl Physiol* 69:1171–1177;
//!   GoldenCheetah `TRIMPPoints`): `t × ΔHR × a × e^(k·ΔHR)`, ΔHR = (avg − rest)/(max − rest),
//!   men a = 0.64, k = 1.92; women k = 1.67 and **a = 0.86** (the published coefficient;
//!   GoldenCheetah keeps 0.64 for women, which gives 0.744× our value). 0 when avg ≤ rest, as in
//!   GoldenCheetah; ΔHR is capped at 1 (an average above the stated maximum means the maximum
//!   is stale). **Edwards TRIMP** (Edwards 1993, *The Heart Rate Monitor Book*): minutes in the
//!   50–60 … 90–100 % HRmax zones weighted 1…5. Both are stored as
//!   `intensity_factor = TRIMP / (10 × minutes)`, so `training_load = TRIMP / 10`.
//! - **Strength sets** (sets × reps × RPE): each set is converted to an equivalent duration of
//!   `reps × 4 s` of work (a moderate 2 s + 2 s tempo) plus 90 s of rest (ACSM position stand,
//!   *Med Sci Sports Exerc* 2009, 41(3):687–708: 1–2 s per phase, 1–2 min rest), rounded to
//!   whole minutes, and `intensity_factor = (Σ sets·reps·RPE / Σ sets·reps) / 10`, the
//!   rep-weighted RPE / 10. This is a session-RPE estimate for a session whose duration or RPE
//!   was not recorded. A set without an RPE takes the session RPE, else 5 ("hard" on CR-10),
//!   and the result says `rpe_assumed`.

use serde::{Deserialize, Serialize};

/// Which method produced a load (recorded with every result).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadMethod {
    Srpe,
    ManualIf,
    Trimp,
    StrengthSets,
}

/// The `wt_load_type` enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_load_type", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum LoadType {
    Cardio,
    Strength,
    Mixed,
}

impl LoadType {
    pub fn as_str(self) -> &'static str {
        match self {
            LoadType::Cardio => "cardio",
            LoadType::Strength => "strength",
            LoadType::Mixed => "mixed",
        }
    }
}

/// The `wt_workout_type` enum (defined once, by the workouts module).
pub use crate::workouts::model::WorkoutType;

/// Sex for the Banister coefficients. Unknown → `Male`, GoldenCheetah's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrimpVariant {
    Banister,
    Edwards,
}

pub const BANISTER_A_MALE: f64 = 0.64;
pub const BANISTER_K_MALE: f64 = 1.92;
pub const BANISTER_A_FEMALE: f64 = 0.86;
pub const BANISTER_K_FEMALE: f64 = 1.67;
/// Scale from a method's native units (Foster AU, TRIMP) to the stored load.
pub const NATIVE_TO_LOAD: f64 = 0.1;
pub const STRENGTH_SECONDS_PER_REP: f64 = 4.0;
pub const STRENGTH_REST_SECONDS_PER_SET: f64 = 90.0;
pub const DEFAULT_STRENGTH_RPE: f64 = 5.0;

/// One workout's load, ready for a `wt_training_loads` row plus the method's details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingLoad {
    pub duration_minutes: u32,
    /// 0–1 for every method here.
    pub intensity_factor: f64,
    /// `duration_minutes × intensity_factor`, as the database generates it.
    pub training_load: f64,
    pub load_type: LoadType,
    pub method: LoadMethod,
    pub trimp_variant: Option<TrimpVariant>,
    /// The method's native value: RPE × minutes (Foster AU), the manual intensity, the TRIMP,
    /// or Σ sets × reps × RPE.
    pub raw_value: f64,
    /// The (effective) RPE used, kept raw.
    pub rpe: Option<f64>,
    pub rpe_assumed: bool,
}

fn valid_rpe(rpe: f64) -> bool {
    rpe.is_finite() && (0.0..=10.0).contains(&rpe)
}

fn build(minutes: u32, intensity: f64, load_type: LoadType, method: LoadMethod, raw: f64) -> TrainingLoad {
    TrainingLoad {
        duration_minutes: minutes,
        intensity_factor: intensity,
        training_load: minutes as f64 * intensity,
        load_type,
        method,
        trimp_variant: None,
        raw_value: raw,
        rpe: None,
        rpe_assumed: false,
    }
}

/// Session-RPE (Foster 2001): `intensity_factor = RPE/10`. `None` unless 0 ≤ RPE ≤ 10.
pub fn srpe_load(duration_minutes: u32, rpe: f64, load_type: LoadType) -> Option<TrainingLoad> {
    if !valid_rpe(rpe) {
        return None;
    }
    let mut l = build(duration_minutes, rpe / 10.0, load_type, LoadMethod::Srpe, rpe * duration_minutes as f64);
    l.rpe = Some(rpe);
    Some(l)
}

/// A 0–1 intensity given by the source, used as is. `None` outside 0–1.
pub fn manual_if_load(duration_minutes: u32, intensity_factor: f64, load_type: LoadType) -> Option<TrainingLoad> {
    if !intensity_factor.is_finite() || !(0.0..=1.0).contains(&intensity_factor) {
        return None;
    }
    Some(build(duration_minutes, intensity_factor, load_type, LoadMethod::ManualIf, intensity_factor))
}

/// Banister TRIMP for `minutes` at average heart rate `hr_avg` (see the module doc).
/// `None` for non-finite input, negative minutes or `hr_max <= hr_rest`.
pub fn banister_trimp(minutes: f64, hr_avg: f64, hr_rest: f64, hr_max: f64, sex: Sex) -> Option<f64> {
    if ![minutes, hr_avg, hr_rest, hr_max].iter().all(|v| v.is_finite()) || minutes < 0.0 || hr_max <= hr_rest {
        return None;
    }
    if hr_avg <= hr_rest {
        return Some(0.0);
    }
    let (a, k) = match sex {
        Sex::Male => (BANISTER_A_MALE, BANISTER_K_MALE),
        Sex::Female => (BANISTER_A_FEMALE, BANISTER_K_FEMALE),
    };
    let x = ((hr_avg - hr_rest) / (hr_max - hr_rest)).min(1.0);
    Some(minutes * x * a * (k * x).exp())
}

/// Minutes in Edwards' five zones (50–60, 60–70, 70–80, 80–90, ≥ 90 % of `hr_max`; a lower
/// bound belongs to its zone; below 50 % counts nowhere) from evenly spaced HR samples.
pub fn edwards_zone_minutes(samples_bpm: &[f64], seconds_per_sample: f64, hr_max: f64) -> [f64; 5] {
    let mut zones = [0.0; 5];
    for &hr in samples_bpm {
        let pct = 100.0 * hr / hr_max;
        if !pct.is_finite() || pct < 50.0 {
            continue;
        }
        let idx = if pct >= 90.0 {
            4
        } else if pct >= 80.0 {
            3
        } else if pct >= 70.0 {
            2
        } else if pct >= 60.0 {
            1
        } else {
            0
        };
        zones[idx] += seconds_per_sample / 60.0;
    }
    zones
}

/// Longest gap (s) one heart-rate sample may stand for: a device that stopped recording does
/// not keep the last reading for the rest of the session.
pub const MAX_SAMPLE_GAP_S: i64 = 120;
/// Share of the session that timed samples must cover for zone minutes to be used; sparser
/// series (a few spot readings) say too little about the session.
pub const MIN_HR_COVERAGE: f64 = 0.5;

/// Edwards zone minutes from timed heart-rate samples `(unix seconds, bpm)` of a session from
/// `start_s` to `end_s`: each sample counts until the next one (or the session's end), at most
/// [`MAX_SAMPLE_GAP_S`]. Samples outside the session are ignored. `None` when the samples cover
/// less than [`MIN_HR_COVERAGE`] of the session, or `hr_max` is not a plausible maximum.
/// Input order does not matter.
pub fn hr_zone_minutes_from_series(samples: &[(i64, f64)], start_s: i64, end_s: i64, hr_max: f64) -> Option<[f64; 5]> {
    if end_s <= start_s || !hr_max.is_finite() || hr_max < 100.0 {
        return None;
    }
    let mut inside: Vec<(i64, f64)> = samples
        .iter()
        .copied()
        .filter(|(t, hr)| (start_s..=end_s).contains(t) && hr.is_finite() && *hr > 0.0)
        .collect();
    inside.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut zones = [0.0; 5];
    let mut covered = 0i64;
    for (i, &(t, hr)) in inside.iter().enumerate() {
        let next = inside.get(i + 1).map(|n| n.0).unwrap_or(end_s);
        let seconds = (next - t).clamp(0, MAX_SAMPLE_GAP_S);
        covered += seconds;
        let z = edwards_zone_minutes(&[hr], seconds as f64, hr_max);
        for (acc, add) in zones.iter_mut().zip(z) {
            *acc += add;
        }
    }
    (covered as f64 >= MIN_HR_COVERAGE * (end_s - start_s) as f64).then_some(zones)
}

/// Maximum heart rate: the age-predicted 208 − 0.7 × age (Tanaka, Monahan & Seals 2001,
/// *J Am Coll Cardiol* 37(1):153–156), or the highest heart rate actually recorded when that is
/// higher (a measured maximum beats a population estimate; it is never lowered by one).
/// `None` when neither is known.
pub fn hr_max_estimate(age_years: Option<u32>, observed_max: Option<f64>) -> Option<f64> {
    let predicted = age_years.map(|a| 208.0 - 0.7 * a as f64);
    let observed = observed_max.filter(|v| v.is_finite() && (100.0..=230.0).contains(v));
    match (predicted, observed) {
        (Some(p), Some(o)) => Some(p.max(o)),
        (p, o) => p.or(o),
    }
}

/// Edwards TRIMP: Σ minutes_in_zone × (1…5). `None` for a negative or non-finite entry.
pub fn edwards_trimp(zone_minutes: &[f64; 5]) -> Option<f64> {
    if zone_minutes.iter().any(|m| !m.is_finite() || *m < 0.0) {
        return None;
    }
    Some(zone_minutes.iter().enumerate().map(|(i, m)| m * (i + 1) as f64).sum())
}

/// A TRIMP stored on the common scale: `intensity_factor = TRIMP / (10 × minutes)`.
/// `None` when the duration is 0 or the TRIMP is negative or not finite.
pub fn trimp_load(
    duration_minutes: u32,
    trimp: f64,
    variant: TrimpVariant,
    load_type: LoadType,
) -> Option<TrainingLoad> {
    if duration_minutes == 0 || !trimp.is_finite() || trimp < 0.0 {
        return None;
    }
    let intensity = trimp * NATIVE_TO_LOAD / duration_minutes as f64;
    let mut l = build(duration_minutes, intensity, load_type, LoadMethod::Trimp, trimp);
    l.trimp_variant = Some(variant);
    Some(l)
}

/// One set-log row: `sets` sets of `reps` repetitions at an optional RPE (0–10).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrengthSet {
    pub sets: u32,
    pub reps: u32,
    pub rpe: Option<f64>,
}

/// Equivalent duration of set logs in minutes (unrounded): Σ sets × (reps × 4 s + 90 s) / 60.
pub fn strength_equivalent_minutes(logs: &[StrengthSet]) -> f64 {
    logs.iter()
        .map(|l| l.sets as f64 * (l.reps as f64 * STRENGTH_SECONDS_PER_REP + STRENGTH_REST_SECONDS_PER_SET))
        .sum::<f64>()
        / 60.0
}

/// Load from set logs (see the module doc). `session_rpe` stands in for a log without an RPE.
/// `None` when there are no repetitions or an RPE is outside 0–10.
pub fn strength_sets_load(logs: &[StrengthSet], session_rpe: Option<f64>, load_type: LoadType) -> Option<TrainingLoad> {
    let fallback = match session_rpe {
        Some(r) if !valid_rpe(r) => return None,
        Some(r) => r,
        None => DEFAULT_STRENGTH_RPE,
    };
    let (mut reps_total, mut weighted, mut assumed) = (0.0, 0.0, false);
    for l in logs {
        let n = l.sets as f64 * l.reps as f64;
        let rpe = match l.rpe {
            Some(r) if !valid_rpe(r) => return None,
            Some(r) => r,
            None => {
                assumed |= session_rpe.is_none() && n > 0.0;
                fallback
            }
        };
        reps_total += n;
        weighted += n * rpe;
    }
    if reps_total <= 0.0 {
        return None;
    }
    let rpe_eff = weighted / reps_total;
    let minutes = strength_equivalent_minutes(logs).round() as u32;
    let mut l = build(minutes, rpe_eff / 10.0, load_type, LoadMethod::StrengthSets, weighted);
    l.rpe = Some(rpe_eff);
    l.rpe_assumed = assumed;
    Some(l)
}

/// `load_type` from the workout's type and what its logs contain: strength sets and cardio work
/// (distance / timed efforts) together, or a `mixed` workout, give `Mixed`. `flexibility`
/// counts as non-resistance work, i.e. `Cardio` (the enum has no other value). No information
/// at all gives `Cardio`.
pub fn classify_load_type(
    workout_type: Option<WorkoutType>,
    has_strength_sets: bool,
    has_cardio_work: bool,
) -> LoadType {
    let strength = has_strength_sets || matches!(workout_type, Some(WorkoutType::Strength | WorkoutType::Mixed));
    let cardio = has_cardio_work
        || matches!(workout_type, Some(WorkoutType::Cardio | WorkoutType::Flexibility | WorkoutType::Mixed));
    match (strength, cardio) {
        (true, true) => LoadType::Mixed,
        (true, false) => LoadType::Strength,
        _ => LoadType::Cardio,
    }
}

/// Average heart rate of a session with the person's resting and maximum heart rate.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeartRateSummary {
    pub avg_bpm: f64,
    pub rest_bpm: f64,
    pub max_bpm: f64,
    pub sex: Sex,
}

/// What is known about one workout.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkoutLoadInput {
    pub workout_type: Option<WorkoutType>,
    pub duration_minutes: Option<u32>,
    pub session_rpe: Option<f64>,
    /// A 0–1 intensity given by the source.
    pub intensity_factor: Option<f64>,
    pub heart_rate: Option<HeartRateSummary>,
    pub hr_zone_minutes: Option<[f64; 5]>,
    pub strength_sets: Vec<StrengthSet>,
    pub has_cardio_work: bool,
}

/// The load of one workout, by the first method that applies:
/// 1. session RPE with a duration → `srpe`;
/// 2. a 0–1 intensity with a duration → `manual_if`;
/// 3. a strength workout with set logs → `strength_sets` (heart rate underrates resistance
///    work: Foster et al. 2001);
/// 4. HR zone minutes → Edwards `trimp` (duration: the workout's, else the zones' total);
/// 5. average HR with a duration → Banister `trimp`;
/// 6. set logs → `strength_sets`;
///
/// otherwise `None` (no row). Invalid values make their method not apply.
pub fn workout_load(w: &WorkoutLoadInput) -> Option<TrainingLoad> {
    let lt =
        classify_load_type(w.workout_type, w.strength_sets.iter().any(|s| s.sets > 0 && s.reps > 0), w.has_cardio_work);
    let has_sets = !w.strength_sets.is_empty();
    if let (Some(d), Some(r)) = (w.duration_minutes, w.session_rpe) {
        if let Some(l) = srpe_load(d, r, lt) {
            return Some(l);
        }
    }
    if let (Some(d), Some(i)) = (w.duration_minutes, w.intensity_factor) {
        if let Some(l) = manual_if_load(d, i, lt) {
            return Some(l);
        }
    }
    if lt == LoadType::Strength && has_sets {
        if let Some(l) = strength_sets_load(&w.strength_sets, w.session_rpe, lt) {
            return Some(l);
        }
    }
    if let Some(z) = &w.hr_zone_minutes {
        let d = w.duration_minutes.unwrap_or_else(|| z.iter().sum::<f64>().round().max(0.0) as u32);
        if let Some(l) = edwards_trimp(z).and_then(|t| trimp_load(d, t, TrimpVariant::Edwards, lt)) {
            return Some(l);
        }
    }
    if let (Some(d), Some(hr)) = (w.duration_minutes, w.heart_rate) {
        let t = banister_trimp(d as f64, hr.avg_bpm, hr.rest_bpm, hr.max_bpm, hr.sex);
        if let Some(l) = t.and_then(|t| trimp_load(d, t, TrimpVariant::Banister, lt)) {
            return Some(l);
        }
    }
    if has_sets {
        return strength_sets_load(&w.strength_sets, w.session_rpe, lt);
    }
    None
}

#[cfg(test)]
#[path = "tests/load.rs"]
mod tests;
