use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::logic::{ModuleName, TileConfig};

/// Just enough of a profile for the header's switcher.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProfileChip {
    pub id: Uuid,
    pub display_name: String,
    pub profile_type: String,
    pub is_primary: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Profile {
    pub id: Uuid,
    pub profile_type: String,
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
