use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    pub metric_type: String,
    pub value_num: f64,
    pub unit: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub source: String,
}
