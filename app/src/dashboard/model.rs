//! What the dashboard page shows, shared by server and browser. (The
//! dashboard owns no tables, so it has no `db.rs`: the profile and its tiles
//! come from `profiles::db`, each tile's figures from its module.)

use serde::{Deserialize, Serialize};

use crate::profiles::model::{ModuleTile, Profile};

/// The current profile and its enabled tiles, in `tile_order`, with their summaries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub profile: Profile,
    pub tiles: Vec<(ModuleTile, TileSummary)>,
}

/// A point of a tile's chart: (unix seconds, value).
pub type Point = (i64, f64);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TileSummary {
    /// The headline figure, e.g. "72.4 kg"; `None` shows the empty state.
    pub value: Option<String>,
    /// What the figure is, or, when empty, what to do first.
    pub caption: String,
    /// Where the tile leads, when its module has a page.
    pub href: Option<String>,
    pub series: Vec<Point>,
}
