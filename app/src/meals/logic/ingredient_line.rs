//! One line of a recipe's ingredient list, as people write it ("1 ½ cups
//! flour, sifted", "2-3 EL Olivenöl", "1 (14 oz) can tomatoes", "salt to
//! taste"), read into a quantity (or a range), a unit, the food and a note.
//!
//! Written here rather than taken from a crate: the two Rust parsers on
//! crates.io (`ingredient`, `ingreedy-rs`) are single-maintainer, largely
//! undocumented, and read neither decimal commas nor German and French spoon
//! names; this reader is one linear pass over a line capped at
//! [`MAX_LINE_CHARS`], so hostile input cannot make it slow.
//!
//! Rules, stated so a reading can be explained:
//! - A quantity leads the line: digits with `.` or `,` as the decimal mark
//!   (`1,000` with three digits after the comma is a thousand), a fraction
//!   (`1/2`, `½`), a mixed number (`1 1/2`, `1-1/2`, `1½`), a range (`2-3`,
//!   `2 to 3`, `2 or 3`), or a number word (`a`, `one`…`twelve`, `half`,
//!   `dozen`). Without one, a measure at the end counts (`Mehl 500 g`).
//! - The unit follows (`tbsp`, `Tbsp.`, `T`, `EL`, `c. à soupe`, attached as
//!   in `200g`); `of`, `de` and `d'` after it are skipped.
//! - A measure in brackets or after `x` qualifies it: after a container
//!   (`can`, `jar`, `package`…) or with no unit it is what each one holds
//!   (`1 (400 g) can`, `2 x 150 g fillets`); after a unit it is the same
//!   amount in another unit (`1 cup (240 ml) milk`).
//! - The note is what is in brackets, what follows a comma when the next word
//!   is a preparation ("finely", "chopped", "to taste"…, or any word ending
//!   in -ed or -ly), and phrases such as "to taste", "for serving",
//!   "optional" wherever they start.

use serde::{Deserialize, Serialize};

use super::units::{Measure, Unit};

/// Longer lines are cut here before reading (a line of a recipe is short).
pub const MAX_LINE_CHARS: usize = 300;
/// Quantities above this are not read as quantities (a typo or a code).
pub const MAX_QUANTITY: f64 = 100_000.0;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IngredientLine {
    /// The amount, or the low end of a range.
    pub quantity: Option<f64>,
    /// The high end of a range ("2-3 cloves").
    pub quantity_max: Option<f64>,
    pub unit: Option<Unit>,
    /// What each container or piece holds ("1 (14 oz) can").
    pub each: Option<Measure>,
    /// The same amount in another unit ("1 cup (240 ml)").
    pub equivalent: Option<Measure>,
    /// The food, as written, for matching ("all-purpose flour").
    pub food: String,
    pub note: Option<String>,
}

impl IngredientLine {
    /// The whole line's amount as one measure, when it has one: the quantity in
    /// its unit, a count times what each holds, or the equivalent.
    pub fn measure(&self) -> Option<Measure> {
        let q = self.quantity?;
        if let Some(each) = self.each {
            return Some(Measure::new(q * each.amount, each.unit));
        }
        match self.unit {
            Some(unit) => Some(Measure::new(q, unit)),
            None => self.equivalent,
        }
    }
}

/// Reads one ingredient line. Never fails: what is not a quantity or a unit
/// is the food or the note.
pub fn parse_line(raw: &str) -> IngredientLine {
    let text = normalize(raw);
    let mut c = Cursor { s: &text, pos: 0 };
    let mut line = IngredientLine::default();
    let mut notes: Vec<String> = Vec::new();

    c.skip_ws();
    if let Some((q, max)) = c.quantity_range(true) {
        line.quantity = Some(q);
        line.quantity_max = max;
        let mut each: Option<Measure> = None;
        let mut bracketed: Option<Measure> = None;
        c.skip_ws();
        if c.eat_word("x") || c.eat_word("×") {
            c.skip_ws();
        }
        if c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            let save = c.pos;
            match c.measure() {
                Some(m) => each = Some(m),
                None => c.pos = save,
            }
        }
        c.skip_ws();
        c.bracket(&mut bracketed, &mut notes);
        c.skip_ws();
        line.unit = c.unit_phrase();
        c.skip_ws();
        let mut after_unit: Option<Measure> = None;
        c.bracket(&mut after_unit, &mut notes);
        match line.unit {
            Some(unit) if unit.is_container() => line.each = each.or(bracketed).or(after_unit),
            Some(_) => line.equivalent = bracketed.or(after_unit),
            None => line.each = each.or(bracketed).or(after_unit),
        }
        // A container after the bracket or the per-piece measure: "1 (14 oz) can".
        if line.unit.is_none() && line.each.is_some() {
            c.skip_ws();
            let save = c.pos;
            match c.unit_phrase() {
                Some(unit) if unit.is_container() => line.unit = Some(unit),
                _ => c.pos = save,
            }
        }
        c.skip_ws();
        c.skip_linking_word();
    } else {
        // "pinch of salt", "handful of basil": a unit with no number.
        let save = c.pos;
        let unit = c.unit_phrase();
        c.skip_ws();
        if unit.is_some() && c.skip_linking_word() {
            line.unit = unit;
        } else {
            c.pos = save;
        }
    }

    let rest = c.rest();
    let (mut food, more_notes) = split_notes(rest);
    notes.extend(more_notes);
    // A bracketed measure later in the line: "1 Dose Tomaten (400 g)".
    if line.quantity.is_some() && line.each.is_none() && line.equivalent.is_none() {
        if let Some((i, m)) = notes.iter().enumerate().find_map(|(i, n)| measure_only(n).map(|m| (i, m))) {
            match line.unit {
                Some(unit) if !unit.is_container() => line.equivalent = Some(m),
                _ => line.each = Some(m),
            }
            notes.remove(i);
        }
    }
    if line.quantity.is_none() && line.unit.is_none() {
        if let Some((q, unit, before)) = trailing_measure(&food) {
            line.quantity = Some(q);
            line.unit = Some(unit);
            food = before;
        }
    }
    line.food = tidy(&food);
    let note = notes.iter().map(|n| tidy(n)).filter(|n| !n.is_empty()).collect::<Vec<_>>().join("; ");
    line.note = (!note.is_empty()).then_some(note);
    line
}

/// Cuts the line, spells out fraction characters, and makes dashes and spaces plain.
fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(MAX_LINE_CHARS * 4) + 16);
    let mut prev: Option<char> = None;
    for ch in raw.chars().take(MAX_LINE_CHARS) {
        let fraction = match ch {
            '½' => Some("1/2"),
            '⅓' => Some("1/3"),
            '⅔' => Some("2/3"),
            '¼' => Some("1/4"),
            '¾' => Some("3/4"),
            '⅕' => Some("1/5"),
            '⅖' => Some("2/5"),
            '⅗' => Some("3/5"),
            '⅘' => Some("4/5"),
            '⅙' => Some("1/6"),
            '⅚' => Some("5/6"),
            '⅛' => Some("1/8"),
            '⅜' => Some("3/8"),
            '⅝' => Some("5/8"),
            '⅞' => Some("7/8"),
            _ => None,
        };
        match (fraction, ch) {
            (Some(f), _) => {
                if prev.is_some_and(|p| p.is_ascii_digit()) {
                    out.push(' ');
                }
                out.push_str(f);
            }
            (None, '⁄') => out.push('/'),
            (None, '–' | '—' | '‑' | '‐' | '−') => out.push('-'),
            (None, c) if c.is_whitespace() || c.is_control() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            (None, c) => out.push(c),
        }
        prev = Some(ch);
    }
    // Bullets and check boxes that pages put before each line.
    let trimmed = out.trim_start_matches(|c: char| matches!(c, '•' | '*' | '▢' | '□' | '☐' | '·' | '-' | ' '));
    trimmed.trim_end().to_owned()
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Eats `word` (any case) when a word boundary follows it.
    fn eat_word(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let Some(head) = rest.get(..word.len()) else { return false };
        if !head.eq_ignore_ascii_case(word) {
            return false;
        }
        let boundary = rest[word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if boundary {
            self.pos += word.len();
        }
        boundary
    }

    /// "of", "de", "d'" between a unit and its food.
    fn skip_linking_word(&mut self) -> bool {
        let rest = self.rest();
        for apostrophe in ["d'", "d’"] {
            if rest.len() > apostrophe.len()
                && rest.get(..apostrophe.len()).is_some_and(|h| h.eq_ignore_ascii_case(apostrophe))
            {
                self.pos += apostrophe.len();
                return true;
            }
        }
        for word in ["of", "de", "di"] {
            if self.eat_word(word) {
                self.skip_ws();
                return true;
            }
        }
        false
    }

    /// Digits with an optional decimal mark: "12", "1.5", "1,5", ".5", "1,000".
    fn decimal(&mut self) -> Option<(f64, bool)> {
        let bytes = self.s.as_bytes();
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 9 {
            i += 1;
        }
        if i < bytes.len() && bytes[i].is_ascii_digit() {
            return None; // ten digits or more: not a kitchen quantity
        }
        let int_digits = i - start;
        let mut text = String::from(&self.s[start..i]);
        let mut integer = true;
        if i + 1 < bytes.len() && matches!(bytes[i], b'.' | b',') && bytes[i + 1].is_ascii_digit() {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].is_ascii_digit() && j - i <= 6 {
                j += 1;
            }
            let frac_digits = j - i - 1;
            let followed_by_digit = j < bytes.len() && bytes[j].is_ascii_digit();
            if followed_by_digit {
                return None;
            }
            if bytes[i] == b',' && frac_digits == 3 && int_digits > 0 {
                text.push_str(&self.s[i + 1..j]); // 1,000 is a thousand
            } else {
                text.push('.');
                text.push_str(&self.s[i + 1..j]);
                integer = false;
            }
            i = j;
        } else if int_digits == 0 {
            return None;
        }
        let value: f64 = text.parse().ok()?;
        self.pos = i;
        Some((value, integer))
    }

    /// A number, a fraction or a mixed number.
    fn number(&mut self) -> Option<f64> {
        let start = self.pos;
        let (whole, integer) = self.decimal()?;
        if integer && self.rest().starts_with('/') {
            self.pos += 1;
            match self.decimal() {
                Some((d, true)) if d > 0.0 => return Some(whole / d),
                _ => {
                    self.pos = start;
                    return None;
                }
            }
        }
        if integer {
            // "1 1/2" or "1-1/2": a proper fraction after the whole number.
            let save = self.pos;
            let rest = self.rest();
            let skip = if rest.starts_with('-') { 1 } else { rest.len() - rest.trim_start().len() };
            if skip > 0 {
                self.pos += skip;
                if let Some((n, true)) = self.decimal() {
                    if self.rest().starts_with('/') {
                        self.pos += 1;
                        if let Some((d, true)) = self.decimal() {
                            if d > n && n > 0.0 {
                                return Some(whole + n / d);
                            }
                        }
                    }
                }
                self.pos = save;
            }
        }
        Some(whole)
    }

    /// A number word at the start of a line.
    fn number_word(&mut self) -> Option<f64> {
        const WORDS: [(&str, f64); 17] = [
            ("an", 1.0),
            ("a", 1.0),
            ("one", 1.0),
            ("two", 2.0),
            ("three", 3.0),
            ("four", 4.0),
            ("five", 5.0),
            ("six", 6.0),
            ("seven", 7.0),
            ("eight", 8.0),
            ("nine", 9.0),
            ("ten", 10.0),
            ("eleven", 11.0),
            ("twelve", 12.0),
            ("half", 0.5),
            ("dozen", 12.0),
            ("couple", 2.0),
        ];
        for (word, value) in WORDS {
            if self.eat_word(word) {
                // "half a cup", "a couple of", "a dozen eggs"
                self.skip_ws();
                if value == 0.5 && (self.eat_word("an") || self.eat_word("a")) {
                    return Some(0.5);
                }
                if value == 1.0 {
                    let save = self.pos;
                    if self.eat_word("dozen") {
                        return Some(12.0);
                    }
                    if self.eat_word("couple") {
                        self.skip_ws();
                        self.eat_word("of");
                        return Some(2.0);
                    }
                    if self.eat_word("half") {
                        return Some(0.5);
                    }
                    self.pos = save;
                }
                return Some(value);
            }
        }
        None
    }

    /// A quantity, with the high end of a range after it.
    fn quantity_range(&mut self, words: bool) -> Option<(f64, Option<f64>)> {
        let start = self.pos;
        let low = match self.number() {
            Some(n) => n,
            None if words => self.number_word()?,
            None => return None,
        };
        if !(low > 0.0 && low <= MAX_QUANTITY) {
            self.pos = start;
            return None;
        }
        let save = self.pos;
        self.skip_ws();
        let joined = if self.rest().starts_with('-') {
            self.pos += 1;
            true
        } else {
            self.eat_word("to") || self.eat_word("or") || self.eat_word("bis") || self.eat_word("à")
        };
        if joined {
            self.skip_ws();
            if let Some(high) = self.number() {
                if high > low && high <= MAX_QUANTITY {
                    return Some((low, Some(high)));
                }
            }
        }
        self.pos = save;
        Some((low, None))
    }

    /// A number and its unit, as in "400g", "14-ounce", "15 oz".
    fn measure(&mut self) -> Option<Measure> {
        let start = self.pos;
        let amount = self.number().filter(|n| *n > 0.0 && *n <= MAX_QUANTITY)?;
        if self.rest().starts_with('-') {
            self.pos += 1;
        } else {
            self.skip_ws();
        }
        match self.unit_phrase() {
            Some(unit) if unit.dimension() != super::units::Dimension::Count => Some(Measure::new(amount, unit)),
            _ => {
                self.pos = start;
                None
            }
        }
    }

    /// A unit at the cursor, written right after a number ("200g") or after a
    /// space: the longest phrase of up to four words that names one. The
    /// cursor moves only when it finds one.
    fn unit_phrase(&mut self) -> Option<Unit> {
        let rest = self.rest();
        let mut ends: Vec<usize> = Vec::with_capacity(4);
        let mut i = 0;
        for _ in 0..4 {
            let word_len =
                rest[i..].find(|c: char| c.is_whitespace() || c == '(' || c == ',').unwrap_or(rest.len() - i);
            if word_len == 0 {
                break;
            }
            ends.push(i + word_len);
            i += word_len;
            let spaces = rest[i..].len() - rest[i..].trim_start().len();
            if spaces == 0 {
                break;
            }
            i += spaces;
        }
        for &end in ends.iter().rev() {
            if let Some(unit) = Unit::parse(&rest[..end]) {
                self.pos += end;
                return Some(unit);
            }
        }
        None
    }

    /// A bracketed group at the cursor: a measure goes to `measure` (if still
    /// empty), any other text to `notes`.
    fn bracket(&mut self, measure: &mut Option<Measure>, notes: &mut Vec<String>) {
        if !self.rest().starts_with('(') {
            return;
        }
        let inner_start = self.pos + 1;
        let Some(close) = self.s[inner_start..].find(')') else { return };
        let inner = &self.s[inner_start..inner_start + close];
        let mut c = Cursor { s: inner, pos: 0 };
        c.skip_ws();
        match c.measure() {
            Some(m) if measure.is_none() => {
                *measure = Some(m);
                let more = c.rest().trim().trim_start_matches("each").trim();
                if !more.is_empty() {
                    notes.push(more.to_owned());
                }
            }
            _ => notes.push(inner.to_owned()),
        }
        self.pos = inner_start + close + 1;
    }
}

/// A note that is only a measure ("400 g", "15 oz each").
fn measure_only(text: &str) -> Option<Measure> {
    let mut c = Cursor { s: text, pos: 0 };
    c.skip_ws();
    let m = c.measure()?;
    matches!(c.rest().trim(), "" | "each").then_some(m)
}

/// Words that start a preparation note after a comma.
const PREPARATION: [&str; 44] = [
    "chopped",
    "diced",
    "minced",
    "sliced",
    "grated",
    "peeled",
    "cut",
    "finely",
    "roughly",
    "thinly",
    "coarsely",
    "beaten",
    "melted",
    "softened",
    "room",
    "at",
    "to",
    "for",
    "divided",
    "optional",
    "drained",
    "rinsed",
    "crushed",
    "halved",
    "quartered",
    "trimmed",
    "cubed",
    "shredded",
    "seeded",
    "cored",
    "packed",
    "sifted",
    "toasted",
    "about",
    "plus",
    "or",
    "such",
    "preferably",
    "torn",
    "juiced",
    "zested",
    "weich",
    "gehackt",
    "fein",
];

/// Phrases that start a note wherever they stand.
const NOTE_PHRASES: [&str; 12] = [
    " to taste",
    " as needed",
    " for garnish",
    " for serving",
    " to serve",
    " for dusting",
    " for frying",
    " for greasing",
    " optional",
    " divided",
    " plus more",
    " if desired",
];

/// The food, and the notes: bracketed text, a preparation after a comma, a trailing phrase.
fn split_notes(rest: &str) -> (String, Vec<String>) {
    let mut food = String::with_capacity(rest.len());
    let mut notes = Vec::new();
    let mut depth_start: Option<usize> = None;
    for (i, ch) in rest.char_indices() {
        match (ch, depth_start) {
            ('(', None) => depth_start = Some(i + 1),
            (')', Some(start)) => {
                notes.push(rest[start..i].to_owned());
                depth_start = None;
            }
            (_, None) => food.push(ch),
            _ => {}
        }
    }
    if let Some(start) = depth_start {
        notes.push(rest[start..].to_owned()); // an unclosed bracket: the rest is a note
    }
    // The first comma followed by a preparation word.
    let mut cut: Option<usize> = None;
    for (i, _) in food.match_indices(',') {
        let next = food[i + 1..].split_whitespace().next().unwrap_or("").to_lowercase();
        let next = next.trim_matches(|c: char| !c.is_alphanumeric());
        if next.is_empty() {
            continue;
        }
        if PREPARATION.contains(&next) || next.ends_with("ed") || next.ends_with("ly") {
            cut = Some(i);
            break;
        }
    }
    let lower = food.to_lowercase();
    // Lower-casing keeps byte offsets for the ASCII phrases searched here only
    // when the text before them has no case-changing multi-byte letters; check.
    let same_layout = lower.len() == food.len();
    if same_layout {
        for phrase in NOTE_PHRASES {
            if let Some(i) = lower.find(phrase) {
                let at_boundary = lower[i + phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if at_boundary && cut.is_none_or(|c| i < c) && i > 0 && food.is_char_boundary(i) {
                    cut = Some(i);
                }
            }
        }
    }
    if let Some(i) = cut {
        let note = food[i..].trim_start_matches([',', ' ']).to_owned();
        notes.insert(0, note);
        food.truncate(i);
    }
    (food, notes)
}

/// "Mehl 500 g", "Butter 250g": a measure closing a line that had none in front.
fn trailing_measure(food: &str) -> Option<(f64, Unit, String)> {
    let trimmed = food.trim_end();
    let words: Vec<&str> = trimmed.rsplitn(3, ' ').collect();
    let try_read = |number: &str, unit: &str| -> Option<(f64, Unit)> {
        let mut c = Cursor { s: number, pos: 0 };
        let q = c.number()?;
        if !c.rest().is_empty() || !(q > 0.0 && q <= MAX_QUANTITY) {
            return None;
        }
        let unit = Unit::parse(unit)?;
        (unit.dimension() != super::units::Dimension::Count).then_some((q, unit))
    };
    // "500 g" as two words
    if words.len() >= 3 {
        if let Some((q, unit)) = try_read(words[1], words[0]) {
            return Some((q, unit, words[2].to_owned()));
        }
    }
    // "500g" as one
    if words.len() >= 2 {
        let last = words[0];
        let split = last.find(|c: char| c.is_alphabetic())?;
        if split > 0 {
            if let Some((q, unit)) = try_read(&last[..split], &last[split..]) {
                let before = trimmed[..trimmed.len() - last.len()].to_owned();
                return Some((q, unit, before));
            }
        }
    }
    None
}

fn tidy(text: &str) -> String {
    let t = text.trim().trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '-' | ' ' | '.'));
    let t = t.strip_prefix("of ").unwrap_or(t);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[path = "ingredient_line_tests.rs"]
mod tests;
