use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::profiles::model::ProfileChip;

/// Who is looking at the page, and which profile they are looking at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: Option<String>,
    pub profiles: Vec<ProfileChip>,
    pub current_profile: ProfileChip,
}
