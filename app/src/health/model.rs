use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MetricEntry {
    pub id: Uuid,
    pub metric_type: String,
    pub value_num: f64,
    pub unit: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub source: String,
}
