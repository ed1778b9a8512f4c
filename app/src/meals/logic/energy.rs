//! Energy: resting and total energy expenditure per profile, and workout calories from METs
//! (issue 3, item 8; engine-methods.md §9).
//!
//! - Adults (18 and over): BMR by Mifflin–St Jeor (Mifflin et al. 1990, *Am J Clin Nutr*
//!   51:241–247; derived from adults aged 19–78), TDEE = BMR × the activity factor of
//!   [`ActivityLevel`].
//! - Children (under 18): Mifflin–St Jeor does not apply. BMR by the Schofield (1985, *Hum Nutr
//!   Clin Nutr* 39C suppl. 1:5–41) weight equations adopted by FAO/WHO/UNU (1985); total energy
//!   by the IOM Estimated Energy Requirement equations (Institute of Medicine 2005, *Dietary
//!   Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty Acids, Cholesterol, Protein,
//!   and Amino Acids*, ch. 5), which include the energy of growth. ⚠ Coefficients transcribed
//!   from the IOM/FAO tables; verify against the printed tables before shipping.
//! - Sex "other" or "undisclosed": the mean of the female and male equations (a WellTrack
//!   choice; for Mifflin that is a constant of −78 kcal).
//! - Workouts: `kcal = MET × kg × hours` (Herrmann et al. 2024, *J Sport Health Sci* 13(1):6–12,
//!   the 2024 Adult Compendium); the net figure `(MET − 1) × kg × hours` is the one to add to a
//!   BMR/TDEE estimate so rest is not counted twice.

use serde::{Deserialize, Serialize};

/// Sex for the prediction equations, from `wt_profiles.gender`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    /// "other", "undisclosed" or missing: the mean of the female and male equations.
    Unspecified,
}

impl Sex {
    pub fn from_gender(gender: Option<&str>) -> Sex {
        match gender.map(str::trim) {
            Some("female") => Sex::Female,
            Some("male") => Sex::Male,
            _ => Sex::Unspecified,
        }
    }

    /// `female` or `male` value of an equation, or their mean.
    fn pick(self, female: f64, male: f64) -> f64 {
        match self {
            Sex::Female => female,
            Sex::Male => male,
            Sex::Unspecified => 0.5 * (female + male),
        }
    }
}

/// `wt_profiles.activity_level` values (see `profiles::logic::ACTIVITY_LEVELS`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityLevel {
    Sedentary,
    /// The default when a profile has none (a middle-of-the-road choice; the UI should ask).
    #[default]
    Light,
    Moderate,
    Active,
    VeryActive,
}

impl ActivityLevel {
    pub fn parse(value: &str) -> Option<ActivityLevel> {
        match value.trim() {
            "sedentary" => Some(ActivityLevel::Sedentary),
            "light" => Some(ActivityLevel::Light),
            "moderate" => Some(ActivityLevel::Moderate),
            "active" => Some(ActivityLevel::Active),
            "very_active" => Some(ActivityLevel::VeryActive),
            _ => None,
        }
    }

    /// Multiplier of BMR for adults: the conventional 1.2 / 1.375 / 1.55 / 1.725 / 1.9 factors
    /// used with resting-energy equations in clinical practice. ⚠ Not from Mifflin 1990; they sit
    /// inside the IOM 2005 physical-activity-level bands (sedentary 1.0–1.4 … very active 1.9–2.5).
    pub fn factor(self) -> f64 {
        match self {
            ActivityLevel::Sedentary => 1.2,
            ActivityLevel::Light => 1.375,
            ActivityLevel::Moderate => 1.55,
            ActivityLevel::Active => 1.725,
            ActivityLevel::VeryActive => 1.9,
        }
    }

    /// IOM 2005 physical-activity coefficient for the child EER equations (girls, boys), with
    /// the five levels mapped in order onto sedentary / low active / active / very active
    /// (`active` and `very_active` both very active): a WellTrack mapping.
    fn iom_child_pa(self) -> (f64, f64) {
        match self {
            ActivityLevel::Sedentary => (1.00, 1.00),
            ActivityLevel::Light => (1.16, 1.13),
            ActivityLevel::Moderate => (1.31, 1.26),
            ActivityLevel::Active | ActivityLevel::VeryActive => (1.56, 1.42),
        }
    }
}

/// Age at which the adult equations take over.
pub const ADULT_AGE_YEARS: f64 = 18.0;

/// Basal metabolic rate, kcal/day, by Mifflin–St Jeor:
/// `10·kg + 6.25·cm − 5·years + s`, s = +5 (men), −161 (women).
pub fn bmr_mifflin_st_jeor(weight_kg: f64, height_cm: f64, age_years: f64, sex: Sex) -> f64 {
    10.0 * weight_kg + 6.25 * height_cm - 5.0 * age_years + sex.pick(-161.0, 5.0)
}

/// Basal metabolic rate, kcal/day, for children and adolescents by the Schofield (1985) weight
/// equations as adopted by FAO/WHO/UNU 1985 (kcal = MJ × 239.0):
/// 0–3 y: boys 59.512·kg − 30.4, girls 58.317·kg − 31.1; 3–10 y: 22.706·kg + 504.3,
/// 20.315·kg + 485.9; 10–18 y: 17.686·kg + 658.2, 13.384·kg + 692.6.
pub fn bmr_schofield_child(weight_kg: f64, age_years: f64, sex: Sex) -> f64 {
    let (female, male) = if age_years < 3.0 {
        (58.317 * weight_kg - 31.1, 59.512 * weight_kg - 30.4)
    } else if age_years < 10.0 {
        (20.315 * weight_kg + 485.9, 22.706 * weight_kg + 504.3)
    } else {
        (13.384 * weight_kg + 692.6, 17.686 * weight_kg + 658.2)
    };
    sex.pick(female, male)
}

/// IOM 2005 Estimated Energy Requirement, kcal/day, for ages 0–17 (height in cm, converted to m):
/// - 0–35 months: `89·kg − 100` plus energy deposition 175 (0–3 mo), 56 (4–6 mo), 22 (7–12 mo),
///   20 (13–35 mo); activity does not enter.
/// - 3–8 y (+20) and 9–18 y (+25 for growth):
///   boys `88.5 − 61.9·age + PA·(26.7·kg + 903·m)`, girls `135.3 − 30.8·age + PA·(10.0·kg + 934·m)`.
pub fn eer_iom_child(age_years: f64, weight_kg: f64, height_cm: f64, sex: Sex, level: ActivityLevel) -> f64 {
    let months = age_years * 12.0;
    if months < 36.0 {
        let deposition = if months < 4.0 {
            175.0
        } else if months < 7.0 {
            56.0
        } else if months < 13.0 {
            22.0
        } else {
            20.0
        };
        return 89.0 * weight_kg - 100.0 + deposition;
    }
    let height_m = height_cm / 100.0;
    let growth = if age_years < 9.0 { 20.0 } else { 25.0 };
    let (pa_female, pa_male) = level.iom_child_pa();
    let female = 135.3 - 30.8 * age_years + pa_female * (10.0 * weight_kg + 934.0 * height_m) + growth;
    let male = 88.5 - 61.9 * age_years + pa_male * (26.7 * weight_kg + 903.0 * height_m) + growth;
    sex.pick(female, male)
}

/// What a profile's energy estimate needs (age from `date_of_birth`, computed by the caller).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodyProfile {
    pub age_years: f64,
    pub sex: Sex,
    pub weight_kg: f64,
    pub height_cm: f64,
    pub activity_level: ActivityLevel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnergyMethod {
    MifflinStJeor,
    SchofieldFaoWho1985,
    ActivityFactor,
    IomEer2005,
}

/// Resting and total daily energy, kcal/day, with the method behind each.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnergyEstimate {
    pub bmr_kcal: f64,
    pub bmr_method: EnergyMethod,
    pub tdee_kcal: f64,
    pub tdee_method: EnergyMethod,
}

/// BMR and TDEE for a profile; `None` for non-positive or non-finite weight, height or a
/// negative age.
pub fn energy_estimate(profile: &BodyProfile) -> Option<EnergyEstimate> {
    let BodyProfile { age_years, sex, weight_kg, height_cm, activity_level } = *profile;
    let valid = [weight_kg, height_cm].iter().all(|v| v.is_finite() && *v > 0.0) && age_years.is_finite();
    if !valid || age_years < 0.0 {
        return None;
    }
    if age_years >= ADULT_AGE_YEARS {
        let bmr = bmr_mifflin_st_jeor(weight_kg, height_cm, age_years, sex);
        return Some(EnergyEstimate {
            bmr_kcal: bmr,
            bmr_method: EnergyMethod::MifflinStJeor,
            tdee_kcal: bmr * activity_level.factor(),
            tdee_method: EnergyMethod::ActivityFactor,
        });
    }
    Some(EnergyEstimate {
        bmr_kcal: bmr_schofield_child(weight_kg, age_years, sex),
        bmr_method: EnergyMethod::SchofieldFaoWho1985,
        tdee_kcal: eer_iom_child(age_years, weight_kg, height_cm, sex, activity_level),
        tdee_method: EnergyMethod::IomEer2005,
    })
}

/// One Compendium activity. `verified` is false until checked against the 2024 PDF
/// (`1_2024-adult-compendium_1_2024.pdf`): these values come from a third-party transcription.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MetActivity {
    pub code: &'static str,
    pub description: &'static str,
    pub met: f64,
    pub verified: bool,
}

const fn activity(code: &'static str, description: &'static str, met: f64) -> MetActivity {
    MetActivity { code, description, met, verified: false }
}

/// Common activities of the 2024 Adult Compendium, as listed in engine-methods.md §9 (⚠ to verify).
pub const COMMON_ACTIVITIES: [MetActivity; 27] = [
    activity("12020", "jogging, general", 7.5),
    activity("12050", "running", 9.3),
    activity("12080", "running, faster pace", 11.8),
    activity("12200", "running, marathon", 13.3),
    activity("17200", "walking, brisk", 4.8),
    activity("17230", "walking, very brisk", 7.0),
    activity("17080", "hiking", 6.0),
    activity("01010", "bicycling, < 10 mph, leisure", 4.0),
    activity("01030", "bicycling, 12–13.9 mph", 8.0),
    activity("01040", "bicycling, 14–15.9 mph", 10.0),
    activity("01270", "bicycling, stationary (spinning)", 9.0),
    activity("18310", "swimming, leisurely", 6.0),
    activity("18290", "swimming, moderate", 8.0),
    activity("18230", "swimming, vigorous", 9.8),
    activity("02054", "resistance training, light", 3.5),
    activity("02052", "resistance training, moderate", 5.0),
    activity("02050", "resistance training, vigorous", 6.0),
    activity("02040", "circuit training", 7.5),
    activity("02072", "rowing machine", 7.5),
    activity("02048", "elliptical trainer", 5.0),
    activity("02150", "yoga", 2.3),
    activity("02105", "Pilates", 2.8),
    activity("02101", "stretching", 2.3),
    activity("15551", "jumping rope", 11.8),
    activity("15675", "tennis", 6.8),
    activity("15610", "soccer", 7.0),
    activity("03030", "dancing", 5.5),
];

/// Looks up a Compendium code in [`COMMON_ACTIVITIES`].
pub fn met_activity(code: &str) -> Option<&'static MetActivity> {
    COMMON_ACTIVITIES.iter().find(|a| a.code == code)
}

/// Fallback activity when a workout has only `wt_workout_type` (a WellTrack choice).
pub fn default_activity_for_workout_type(workout_type: &str) -> Option<&'static MetActivity> {
    let code = match workout_type {
        "strength" => "02052",
        "cardio" => "12020",
        "flexibility" => "02101",
        "mixed" => "02040",
        _ => return None,
    };
    met_activity(code)
}

/// Gross workout energy, kcal: `MET × kg × hours` (1 MET ≈ 1 kcal·kg⁻¹·h⁻¹).
pub fn workout_kcal_gross(met: f64, weight_kg: f64, minutes: f64) -> f64 {
    met * weight_kg * minutes / 60.0
}

/// Net workout energy, kcal: `(MET − 1) × kg × hours`, never below 0; add this to BMR/TDEE.
pub fn workout_kcal_net(met: f64, weight_kg: f64, minutes: f64) -> f64 {
    (met - 1.0).max(0.0) * weight_kg * minutes / 60.0
}

/// Which Compendium fits the person: the Adult one is for ages 19–59 (treated here as 18–59);
/// children need the Youth Compendium (Butte et al. 2018, *Med Sci Sports Exerc* 50:246–256)
/// and people of 60 and over the Older Adult Compendium (Willis et al. 2024, *J Sport Health
/// Sci*). The adult values are still used, with this flag recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompendiumPopulation {
    Adult,
    Youth,
    OlderAdult,
}

pub fn compendium_population(age_years: f64) -> CompendiumPopulation {
    if age_years < ADULT_AGE_YEARS {
        CompendiumPopulation::Youth
    } else if age_years >= 60.0 {
        CompendiumPopulation::OlderAdult
    } else {
        CompendiumPopulation::Adult
    }
}
