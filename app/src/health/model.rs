use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::logic::{HealthSource, ManualMetric};

/// The manual entry form, as posted (a missing field reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricForm {
    pub metric: String,
    pub value: String,
    pub unit: String,
    pub date: String,
    pub time: String,
}
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MetricEntry {
    pub id: Uuid,
    pub metric_type: ManualMetric,
    pub value_num: f64,
    pub unit: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// `recorded_at` on the household's wall clock (what the page shows).
    pub local_time: NaiveDateTime,
    pub source: HealthSource,
}
