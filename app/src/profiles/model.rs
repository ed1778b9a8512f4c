use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::logic::{ModuleName, ProfileForm, TileConfig};

/// `wt_profile_type`: the account holder's own profile, or a dependent's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_profile_type", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum ProfileType {
    Parent,
    Dependent,
}

impl crate::input::Choice for ProfileType {
    const ALL: &'static [Self] = &[ProfileType::Parent, ProfileType::Dependent];
    fn value(self) -> &'static str {
        match self {
            ProfileType::Parent => "parent",
            ProfileType::Dependent => "dependent",
        }
    }
    fn label(self) -> &'static str {
        match self {
            ProfileType::Parent => "Account holder",
            ProfileType::Dependent => "Dependent",
        }
    }
}

/// Just enough of a profile for the header's switcher.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProfileChip {
    pub id: Uuid,
    pub display_name: String,
    pub profile_type: ProfileType,
    pub is_primary: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Profile {
    pub id: Uuid,
    pub profile_type: ProfileType,
    pub display_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<String>,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub activity_level: Option<String>,
    pub fitness_goals: Vec<String>,
    pub dietary_restrictions: Vec<String>,
    pub allergies: Vec<String>,
    pub is_primary: bool,
}

/// One row of `wt_profile_modules`, with its `tile_config` parsed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModuleTile {
    pub module: ModuleName,
    pub enabled: bool,
    pub tile_order: i32,
    pub config: TileConfig,
}

// The form is logic's type; the dependency goes one way (model → logic).
impl Profile {
    /// The form filled with what is stored, for editing.
    pub fn form(&self) -> ProfileForm {
        let p = self;
        ProfileForm {
            display_name: p.display_name.clone(),
            date_of_birth: p.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            gender: p.gender.clone().unwrap_or_default(),
            height_cm: p.height_cm.map(|v| v.to_string()).unwrap_or_default(),
            weight_kg: p.weight_kg.map(|v| v.to_string()).unwrap_or_default(),
            activity_level: p.activity_level.clone().unwrap_or_default(),
            fitness_goals: p.fitness_goals.join(", "),
            dietary_restrictions: p.dietary_restrictions.join(", "),
            allergies: p.allergies.join(", "),
        }
    }
}
