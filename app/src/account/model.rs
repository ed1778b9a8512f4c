use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::profiles::model::ProfileChip;

/// What a signed-in page gets from its one server call: who is looking, and
/// the page's own data, read in the same transaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub viewer: Viewer,
    pub data: T,
    /// The failed form post this page load answers, if any (no JavaScript).
    pub flash: Option<crate::error::FormFlash>,
}

/// Who is looking at the page, and which profile they are looking at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: Option<String>,
    /// The household's IANA time zone (`wt_users.timezone`).
    pub time_zone: String,
    /// Today in that time zone: every date default on a page uses it.
    pub today: chrono::NaiveDate,
    pub profiles: Vec<ProfileChip>,
    pub current_profile: ProfileChip,
}
