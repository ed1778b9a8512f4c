//! An imported recipe before the person confirms it, and the small readers
//! every source shares (text from HTML, ISO 8601 durations, yields, step
//! times). Everything is bounded: counts, lengths, numbers. Pure.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftStep {
    pub text: String,
    /// Minutes for the step's timer, when it says how long.
    pub minutes: Option<i32>,
}

/// What an importer read; every field may be missing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecipeDraft {
    pub title: Option<String>,
    pub description: Option<String>,
    pub servings: Option<i32>,
    pub prep_time_min: Option<i32>,
    pub cook_time_min: Option<i32>,
    pub total_time_min: Option<i32>,
    /// The ingredient lines as written (parsed later, one by one).
    pub ingredients: Vec<String>,
    pub steps: Vec<DraftStep>,
    pub image_url: Option<String>,
    pub source_url: Option<String>,
    pub tags: Vec<String>,
}

impl RecipeDraft {
    pub const MAX_INGREDIENTS: usize = 100;
    pub const MAX_STEPS: usize = 100;
    pub const MAX_TAGS: usize = 20;
    pub const MAX_TAG_CHARS: usize = 40;

    /// Tags: trimmed, lower case, short, no repeats, at most [`Self::MAX_TAGS`].
    pub fn set_tags(&mut self, raw: impl IntoIterator<Item = String>) {
        let mut seen = std::collections::HashSet::new();
        self.tags = raw
            .into_iter()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty() && t.chars().count() <= Self::MAX_TAG_CHARS)
            .filter(|t| seen.insert(t.clone()))
            .take(Self::MAX_TAGS)
            .collect();
    }

    /// Whether the importer found anything worth a draft.
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.ingredients.is_empty() && self.steps.is_empty()
    }
}

/// Longest text kept from one field.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// Text for a person from a page's string: tags removed, the common entities
/// decoded, whitespace collapsed, cut at [`MAX_TEXT_CHARS`].
pub fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(MAX_TEXT_CHARS * 4));
    let mut chars = raw.char_indices().peekable();
    let mut count = 0;
    let mut last_space = true;
    let push = |out: &mut String, c: char, count: &mut usize, last_space: &mut bool| {
        if *count >= MAX_TEXT_CHARS {
            return;
        }
        if c.is_whitespace() {
            if !*last_space {
                out.push(' ');
                *count += 1;
            }
            *last_space = true;
        } else {
            out.push(c);
            *count += 1;
            *last_space = false;
        }
    };
    while let Some((i, c)) = chars.next() {
        if count >= MAX_TEXT_CHARS {
            break;
        }
        match c {
            '<' if raw[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') => {
                // Skip the tag; a tag reads as a space.
                for (_, t) in chars.by_ref() {
                    if t == '>' {
                        break;
                    }
                }
                push(&mut out, ' ', &mut count, &mut last_space);
            }
            '&' => {
                let rest = &raw[i + 1..];
                match rest.find(';').filter(|end| *end <= 10).and_then(|end| entity(&rest[..end]).map(|c| (c, end))) {
                    Some((decoded, end)) => {
                        push(&mut out, decoded, &mut count, &mut last_space);
                        for _ in 0..=end {
                            chars.next();
                        }
                    }
                    None => push(&mut out, '&', &mut count, &mut last_space),
                }
            }
            c if c.is_control() => push(&mut out, ' ', &mut count, &mut last_space),
            c => push(&mut out, c, &mut count, &mut last_space),
        }
    }
    out.trim().to_owned()
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "deg" => '°',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" | "lsquo" => '’',
        "rdquo" | "ldquo" => '"',
        "hellip" => '…',
        "eacute" => 'é',
        "egrave" => 'è',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        n if n.starts_with("#x") || n.starts_with("#X") => char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?,
        n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
        _ => return None,
    })
}

/// Minutes of an ISO 8601 duration ("PT1H30M", "P0DT0H20M", "PT45S" → 1),
/// at most a week; `None` when it is not one.
pub fn iso_duration_minutes(raw: &str) -> Option<i32> {
    let s = raw.trim();
    if s.len() > 40 {
        return None;
    }
    let s = s.strip_prefix('P').or_else(|| s.strip_prefix('p'))?;
    let mut minutes = 0.0f64;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
            'T' | 't' => in_time = true,
            unit => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                any = true;
                minutes += match (unit.to_ascii_uppercase(), in_time) {
                    ('W', false) => n * 7.0 * 1440.0,
                    ('D', false) => n * 1440.0,
                    ('H', true) => n * 60.0,
                    ('M', true) => n,
                    ('S', true) => n / 60.0,
                    ('Y' | 'M', false) => return None, // months and years are not cooking times
                    _ => return None,
                };
            }
        }
    }
    if !any || !number.is_empty() || !minutes.is_finite() || minutes > 7.0 * 1440.0 {
        return None;
    }
    Some(minutes.ceil() as i32)
}

/// Servings from a yield such as "4", "Serves 4-6", "12 cookies", "4.0": the
/// first whole number from 1 to 100.
pub fn servings_from_yield(raw: &str) -> Option<i32> {
    let digits: String =
        raw.chars().take(200).skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit()).collect();
    let n: i32 = digits.get(..4.min(digits.len()))?.parse().ok()?;
    (1..=100).contains(&n).then_some(n)
}

/// The minutes a step's text names ("simmer for 20 minutes", "bake 1 hour",
/// "10-12 min": the longer end), at most a day.
pub fn step_minutes(text: &str) -> Option<i32> {
    let lower: String = text.chars().take(MAX_TEXT_CHARS).collect::<String>().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let unit = match *word {
            "minute" | "minutes" | "min" | "mins" | "minuten" => 1.0,
            "hour" | "hours" | "hr" | "hrs" | "stunde" | "stunden" => 60.0,
            _ => continue,
        };
        let Some(prev) = i.checked_sub(1).map(|j| words[j]) else { continue };
        let high = prev.rsplit(['-', '–']).next().unwrap_or(prev);
        let value: f64 = match high.replace(',', ".").parse() {
            Ok(v) => v,
            Err(_) => match prev {
                // "half an hour"
                "a" | "an" if i >= 2 && words[i - 2] == "half" => 0.5,
                "a" | "an" | "one" => 1.0,
                "half" => 0.5,
                _ => continue,
            },
        };
        let minutes = value * unit;
        if minutes > 0.0 && minutes <= 1440.0 {
            return Some(minutes.ceil() as i32);
        }
    }
    None
}
