//! The input kit: every field a person types is parsed by one of these, so
//! each rule (bounds, wording) exists once. Every function is linear in its
//! input and refuses oversized input before looking at it closely; dates are
//! bounded (nothing before 1900, nothing after the day the caller allows), and
//! lists have a bounded number of bounded items. Messages go next to the field
//! (`FieldErrors`). Pure.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::error::FieldErrors;

/// The earliest date anyone enters in WellTrack (dates of birth included).
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("1900-01-01 is a date"),
};

/// A person's line of text: trimmed; required or not; at most `max` characters.
pub fn text(errors: &mut FieldErrors, field: &str, raw: &str, max: usize, required: Option<&str>) -> Option<String> {
    // A byte count above 4 × max cannot be max characters: refuse it unread.
    let value = if raw.len() > max * 4 { raw } else { raw.trim() };
    if value.is_empty() {
        if let Some(message) = required {
            errors.add(field, message);
        }
        return None;
    }
    if value.len() > max * 4 || value.chars().count() > max {
        errors.add(field, format!("Use at most {max} characters."));
        return None;
    }
    if has_control(value) {
        errors.add(field, CONTROL_MESSAGE);
        return None;
    }
    Some(value.to_owned())
}

const CONTROL_MESSAGE: &str = "Remove the invisible control characters from this text.";

/// Control characters other than line breaks and tabs: nobody types them,
/// a paste can carry them, and PostgreSQL's `text` cannot store NUL at all.
fn has_control(value: &str) -> bool {
    value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// The dates a field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    /// The message when the date is after `latest`.
    pub too_late: &'static str,
}

impl DateRange {
    /// From 1900 up to `today`: what has happened (a meal, a workout, a birth).
    pub fn up_to(today: NaiveDate, too_late: &'static str) -> Self {
        Self { earliest: EARLIEST_DATE, latest: today, too_late }
    }
}

/// A date as `YYYY-MM-DD` inside `range`. Empty gives `default` (or, with
/// no default, nothing and an error).
pub fn date(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    range: DateRange,
    default: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let raw = if raw.len() > 64 { raw } else { raw.trim() };
    if raw.is_empty() {
        if default.is_none() {
            errors.add(field, "Enter a date.");
        }
        return default;
    }
    let parsed = if raw.len() == 10 { NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok() } else { None };
    match parsed {
        None => {
            errors.add(field, "Enter the date as YYYY-MM-DD.");
            None
        }
        Some(d) if d < range.earliest => {
            errors.add(field, format!("Enter a date from {} on.", range.earliest));
            None
        }
        Some(d) if d > range.latest => {
            errors.add(field, range.too_late);
            None
        }
        Some(d) => Some(d),
    }
}

/// A number with a decimal point or comma, finite, inside `min..=max`.
/// Empty is `None` without an error (optional fields); `what` names it in
/// the messages ("height in cm").
pub fn number(errors: &mut FieldErrors, field: &str, raw: &str, min: f64, max: f64, what: &str) -> Option<f64> {
    let raw = if raw.len() > 64 { raw } else { raw.trim() };
    if raw.is_empty() {
        return None;
    }
    let parsed = if raw.len() <= 32 { raw.replace(',', ".").parse::<f64>().ok() } else { None };
    match parsed {
        Some(v) if v.is_finite() && (min..=max).contains(&v) => Some(v),
        Some(_) => {
            errors.add(field, format!("Enter a {what} between {min} and {max}."));
            None
        }
        None => {
            errors.add(field, format!("Enter the {what} as a number."));
            None
        }
    }
}

/// A comma-separated list: items trimmed, empties and repeats (ignoring
/// case) dropped, in the order typed. At most `max_items` items of at most
/// `max_len` characters each; more is an error, not a silent cut. Linear:
/// repeats are found with a hash set, not by comparing pairs.
pub fn list(errors: &mut FieldErrors, field: &str, raw: &str, max_items: usize, max_len: usize) -> Vec<String> {
    // Room for max_items items of max_len 4-byte characters and separators.
    if raw.len() > max_items * (max_len * 4 + 2) {
        errors.add(field, format!("List at most {max_items} items."));
        return vec![];
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if item.chars().count() > max_len {
            errors.add(field, format!("Keep each item to at most {max_len} characters."));
            return vec![];
        }
        if has_control(item) {
            errors.add(field, CONTROL_MESSAGE);
            return vec![];
        }
        if seen.insert(item.to_lowercase()) {
            if out.len() == max_items {
                errors.add(field, format!("List at most {max_items} items."));
                return vec![];
            }
            out.push(item.to_owned());
        }
    }
    out
}

/// A fixed set of options a person chooses from. Each PostgreSQL enum has
/// one Rust enum implementing this (and `sqlx::Type` on the server), so each
/// option list exists once: selects are built from it, input is parsed by it.
pub trait Choice: Copy + Sized + 'static {
    const ALL: &'static [Self];
    /// The stored value (the PostgreSQL enum label).
    fn value(self) -> &'static str;
    /// What a person reads.
    fn label(self) -> &'static str;

    fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        Self::ALL.iter().copied().find(|c| c.value() == raw)
    }
}

/// The `(value, label)` pairs of a select, from its enum.
pub fn options<C: Choice>() -> Vec<(&'static str, &'static str)> {
    C::ALL.iter().map(|c| (c.value(), c.label())).collect()
}

/// One of `C`'s values, or `message` next to the field.
pub fn choice<C: Choice>(errors: &mut FieldErrors, field: &str, raw: &str, message: &str) -> Option<C> {
    let found = if raw.len() > 64 { None } else { C::parse(raw) };
    if found.is_none() {
        errors.add(field, message);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn past(today: NaiveDate) -> DateRange {
        DateRange::up_to(today, "The date cannot be in the future.")
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Size {
        Small,
        Large,
    }

    impl Choice for Size {
        const ALL: &'static [Self] = &[Size::Small, Size::Large];
        fn value(self) -> &'static str {
            match self {
                Size::Small => "small",
                Size::Large => "large",
            }
        }
        fn label(self) -> &'static str {
            match self {
                Size::Small => "Small",
                Size::Large => "Large",
            }
        }
    }

    #[test]
    fn a_choice_is_one_of_its_values_and_its_options_come_from_the_enum() {
        let mut e = FieldErrors::new();
        assert_eq!(choice::<Size>(&mut e, "s", " large ", "Choose a size."), Some(Size::Large));
        assert!(e.is_empty());
        assert_eq!(choice::<Size>(&mut e, "s", "Large", "Choose a size."), None);
        assert_eq!(e.get("s"), Some("Choose a size."));
        assert_eq!(options::<Size>(), vec![("small", "Small"), ("large", "Large")]);
    }

    #[test]
    fn dates_are_bounded_to_1900_and_the_allowed_last_day() {
        let today = day(2026, 12, 2);
        let mut e = FieldErrors::new();
        assert_eq!(date(&mut e, "d", "2026-12-01", past(today), None), Some(day(2026, 12, 1)));
        assert_eq!(date(&mut e, "d", " ", past(today), Some(today)), Some(today));
        assert!(e.is_empty());
        for (raw, message) in [
            ("0001-01-01", "Enter a date from 1900-01-01 on."),
            ("1899-12-31", "Enter a date from 1900-01-01 on."),
            ("2026-12-03", "The date cannot be in the future."),
            ("+275760-09-13", "Enter the date as YYYY-MM-DD."),
            ("12/01/2026", "Enter the date as YYYY-MM-DD."),
        ] {
            let mut e = FieldErrors::new();
            assert_eq!(date(&mut e, "d", raw, past(today), Some(today)), None, "{raw}");
            assert_eq!(e.get("d"), Some(message), "{raw}");
        }
        let mut e = FieldErrors::new();
        assert_eq!(date(&mut e, "d", "", past(today), None), None);
        assert_eq!(e.get("d"), Some("Enter a date."));
    }

    #[test]
    fn numbers_take_a_decimal_comma_and_stay_in_range() {
        let mut e = FieldErrors::new();
        assert_eq!(number(&mut e, "h", "128,5", 30.0, 272.0, "height in cm"), Some(128.5));
        assert_eq!(number(&mut e, "h", "", 30.0, 272.0, "height in cm"), None);
        assert!(e.is_empty());
        for raw in ["tall", "NaN", "inf", "1e400", &"9".repeat(10_000)] {
            let mut e = FieldErrors::new();
            assert_eq!(number(&mut e, "h", raw, 30.0, 272.0, "height in cm"), None, "{raw}");
            assert!(e.get("h").is_some(), "{raw}");
        }
        let mut e = FieldErrors::new();
        number(&mut e, "h", "300", 30.0, 272.0, "height in cm");
        assert_eq!(e.get("h"), Some("Enter a height in cm between 30 and 272."));
    }

    #[test]
    fn text_is_trimmed_required_when_asked_and_capped_in_characters() {
        let mut e = FieldErrors::new();
        assert_eq!(text(&mut e, "n", "  Mia ", 80, Some("Enter a name.")), Some("Mia".into()));
        assert_eq!(text(&mut e, "x", "", 80, None), None);
        assert!(e.is_empty());
        assert_eq!(text(&mut e, "n", " ", 80, Some("Enter a name.")), None);
        assert_eq!(e.get("n"), Some("Enter a name."));
        let mut e = FieldErrors::new();
        assert_eq!(text(&mut e, "n", &"é".repeat(80), 80, None).map(|s| s.chars().count()), Some(80));
        assert_eq!(text(&mut e, "n", &"é".repeat(81), 80, None), None);
        assert_eq!(e.get("n"), Some("Use at most 80 characters."));
    }

    #[test]
    fn text_and_lists_refuse_control_characters_but_keep_line_breaks() {
        let mut e = FieldErrors::new();
        assert_eq!(text(&mut e, "notes", "Line one\nline\ttwo", 200, None), Some("Line one\nline\ttwo".into()));
        assert!(e.is_empty());
        for nasty in ["\u{0}", "Mia\u{0}", "\u{0}\u{feff}\u{202e}", "a\u{7f}b", "a\u{85}b"] {
            let mut e = FieldErrors::new();
            assert_eq!(text(&mut e, "n", nasty, 80, None), None, "{nasty:?}");
            assert_eq!(e.get("n"), Some(CONTROL_MESSAGE), "{nasty:?}");
            let mut e = FieldErrors::new();
            assert!(list(&mut e, "l", &format!("milk, {nasty}"), 20, 60).is_empty(), "{nasty:?}");
            assert_eq!(e.get("l"), Some(CONTROL_MESSAGE), "{nasty:?}");
        }
    }

    #[test]
    fn lists_drop_empties_and_repeats_and_refuse_too_many() {
        let mut e = FieldErrors::new();
        assert_eq!(
            list(&mut e, "l", "Peanuts, sesame,, peanuts ,SESAME, milk", 20, 60),
            vec!["Peanuts", "sesame", "milk"]
        );
        assert!(e.is_empty());
        let many = (0..21).map(|i| format!("item {i}")).collect::<Vec<_>>().join(",");
        assert!(list(&mut e, "l", &many, 20, 60).is_empty());
        assert_eq!(e.get("l"), Some("List at most 20 items."));
        let mut e = FieldErrors::new();
        assert!(list(&mut e, "l", &"x".repeat(61), 20, 60).is_empty());
        assert_eq!(e.get("l"), Some("Keep each item to at most 60 characters."));
    }

    #[test]
    fn a_huge_list_is_refused_before_it_is_split() {
        // 700 KB of "a," is what once kept both cores busy for seconds.
        let raw = "a,".repeat(350_000);
        let mut e = FieldErrors::new();
        assert!(list(&mut e, "l", &raw, 20, 60).is_empty());
        assert_eq!(e.get("l"), Some("List at most 20 items."));
    }

    #[test]
    fn repeats_differing_only_in_case_count_once_even_in_long_lists() {
        let raw = (0..20).map(|i| format!("Item{i},item{i}")).collect::<Vec<_>>().join(",");
        let mut e = FieldErrors::new();
        assert_eq!(list(&mut e, "l", &raw, 20, 60).len(), 20);
        assert!(e.is_empty());
    }
}

/// A record's id from a form field or a path: anything that is not a UUID (or is longer
/// than any UUID's text) is a 404, the same answer as another household's id.
pub fn record_id(raw: &str) -> Result<uuid::Uuid, crate::error::AppError> {
    if raw.len() > 64 {
        return Err(crate::error::AppError::NotFound);
    }
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| crate::error::AppError::NotFound)
}
