//! The tile contract's constructors and the wording helpers tiles share. Pure.

pub use super::model::{Point, TileSummary};
use crate::profiles::logic::ModuleName;

impl TileSummary {
    /// The empty state: what to do first.
    pub fn empty(caption: &str, href: Option<&str>) -> Self {
        Self { value: None, caption: caption.to_owned(), href: href.map(str::to_owned), series: vec![] }
    }

    pub fn figure(value: String, caption: &str, href: Option<&str>) -> Self {
        Self { value: Some(value), caption: caption.to_owned(), href: href.map(str::to_owned), series: vec![] }
    }

    /// A module that is still to be built: no figure, no link, no promise.
    pub fn coming(module: ModuleName) -> Self {
        Self::empty(&format!("{} is coming in a later version of WellTrack.", module.label()), None)
    }
}

pub fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn trim_number(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Sleep reads as hours and minutes ("7 h 45 min"), not decimal hours.
pub fn hours_and_minutes(hours: f64) -> String {
    let total = (hours * 60.0).round() as i64;
    match (total / 60, total % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_is_shown_in_hours_and_minutes() {
        assert_eq!(hours_and_minutes(10.25), "10 h 15 min");
        assert_eq!(hours_and_minutes(8.0), "8 h");
        assert_eq!(hours_and_minutes(0.5), "30 min");
        assert_eq!(hours_and_minutes(7.999), "8 h");
    }
}
