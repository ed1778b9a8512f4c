//! A recipe from plain text: what OCR reads off a photo of a printed recipe. Pure.
//!
//! Rules, in the order they apply to each line:
//! - Lines are trimmed; a line with no letter or digit (OCR specks, rules) is
//!   a blank line.
//! - A heading ("Ingredients", "Method", "Directions", "Instructions",
//!   "Preparation", "Steps", and their German and French words; a colon
//!   allowed) starts its section and is not kept.
//! - A yield line ("Serves 4", "Servings: 4", "Makes 12", "Yield: 6") gives
//!   the servings wherever it stands and is not kept.
//! - The title is the first line before any section.
//! - Without an ingredients heading, the lines that begin with an amount
//!   ("2", "½", "1/2", "2-3") or a bullet before the steps are the
//!   ingredients, and the other lines before the steps are the description.
//! - An ingredient line loses its bullet ("•", "-", "*", or the "e" OCR
//!   reads a round bullet as, before an amount); a line without a
//!   bullet that starts in lower case continues the ingredient above (OCR
//!   breaks long lines).
//! - A line starting with a step number ("1.", "2)", "Step 3") starts a step;
//!   other lines continue the step above, and a blank line ends it. Each
//!   step's timer comes from its text ("simmer 20 minutes").
//!
//! Linear in the text; counts and lengths are bounded as for every draft.

use super::draft::{clean_text, servings_from_yield, step_minutes, DraftStep, RecipeDraft};

/// The most text read (OCR of one page is a few kilobytes).
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Head,
    Ingredients,
    Steps,
}

fn heading(line: &str) -> Option<Section> {
    let word = line.trim_end_matches([':', '.']).trim().to_lowercase();
    match word.as_str() {
        "ingredients" | "ingredient" | "you will need" | "zutaten" | "ingrédients" | "ingredienti" => {
            Some(Section::Ingredients)
        }
        "method" | "directions" | "instructions" | "preparation" | "steps" | "how to make it" | "zubereitung"
        | "préparation" | "preparazione" => Some(Section::Steps),
        _ => None,
    }
}

/// "Serves 4", "Servings: 4-6", "Makes 12 muffins", "Yield: 6": the servings.
fn yield_line(line: &str) -> Option<i32> {
    let lower = line.to_lowercase();
    let rest = ["serves", "servings", "serving", "makes", "yield", "yields", "portions", "für"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))?;
    if line.chars().count() > 40 {
        return None;
    }
    servings_from_yield(rest)
}

/// Whether a line begins with an amount: a digit or a unicode fraction.
fn starts_with_amount(line: &str) -> bool {
    line.chars().next().is_some_and(|c| c.is_ascii_digit() || ('¼'..='¾').contains(&c) || ('⅐'..='⅞').contains(&c))
}

/// A step number at the line's start ("1.", "2)", "3 -", "Step 4:"), and the text after it.
fn step_number(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("Step ").or_else(|| line.strip_prefix("STEP ")).unwrap_or(line);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = &rest[digits..];
    let marked = after.strip_prefix(['.', ')', ':']).or_else(|| after.strip_prefix(" -"));
    match marked {
        Some(text) => Some(text.trim_start()),
        // "Step 3 Stir": the word "Step" is the marker.
        None if rest.len() != line.len() => Some(after.trim_start()),
        None => None,
    }
}

/// The line without its bullet: a bullet sign, or the one letter or sign OCR reads a round
/// bullet as ("e 200 g lentils", "« 2 eggs") when an amount follows it.
fn strip_bullet(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix(['•', '-', '*', '–', '·', '▪']) {
        return rest.trim_start();
    }
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(' ')) if !first.is_ascii_digit() => {
            let rest = line[first.len_utf8() + 1..].trim_start();
            if starts_with_amount(rest) {
                rest
            } else {
                line
            }
        }
        _ => line,
    }
}

/// The draft a page of recipe text holds.
pub fn recipe_from_text(text: &str) -> RecipeDraft {
    let mut cut = text.len().min(MAX_TEXT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut draft = RecipeDraft::default();
    let mut section = Section::Head;
    let mut description: Vec<String> = Vec::new();
    let mut step = String::new();
    let finish_step = |step: &mut String, draft: &mut RecipeDraft| {
        let text = clean_text(step);
        step.clear();
        if !text.is_empty() && draft.steps.len() < RecipeDraft::MAX_STEPS {
            draft.steps.push(DraftStep { minutes: step_minutes(&text), text });
        }
    };
    for raw in text[..cut].lines() {
        let line = raw.trim();
        if !line.chars().any(char::is_alphanumeric) {
            finish_step(&mut step, &mut draft);
            continue;
        }
        if let Some(next) = heading(line) {
            finish_step(&mut step, &mut draft);
            section = next;
            continue;
        }
        if let Some(servings) = yield_line(line) {
            draft.servings = draft.servings.or(Some(servings));
            continue;
        }
        match section {
            Section::Head if draft.title.is_none() => draft.title = Some(clean_text(line)),
            Section::Head if starts_with_amount(strip_bullet(line)) || strip_bullet(line).len() != line.len() => {
                push_ingredient(&mut draft, strip_bullet(line));
            }
            Section::Head if line.starts_with(char::is_lowercase) && !draft.ingredients.is_empty() => {
                continue_ingredient(&mut draft, line);
            }
            Section::Head => description.push(line.to_owned()),
            Section::Ingredients => {
                let text = strip_bullet(line);
                let bulleted = text.len() != line.len();
                if !bulleted && text.starts_with(char::is_lowercase) && !draft.ingredients.is_empty() {
                    continue_ingredient(&mut draft, text);
                } else {
                    push_ingredient(&mut draft, text);
                }
            }
            Section::Steps => match step_number(line) {
                Some(text) => {
                    finish_step(&mut step, &mut draft);
                    step.push_str(text);
                }
                None => {
                    if !step.is_empty() {
                        step.push(' ');
                    }
                    step.push_str(line);
                }
            },
        }
        if step.len() > 4 * super::draft::MAX_TEXT_CHARS {
            finish_step(&mut step, &mut draft);
        }
    }
    finish_step(&mut step, &mut draft);
    let description = clean_text(&description.join(" "));
    draft.description = (!description.is_empty()).then_some(description);
    draft
}

fn push_ingredient(draft: &mut RecipeDraft, line: &str) {
    let text = clean_text(line);
    if !text.is_empty() && draft.ingredients.len() < RecipeDraft::MAX_INGREDIENTS {
        draft.ingredients.push(text);
    }
}

fn continue_ingredient(draft: &mut RecipeDraft, line: &str) {
    if let Some(last) = draft.ingredients.last_mut() {
        if last.chars().count() < 200 {
            *last = clean_text(&format!("{last} {line}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(d: &RecipeDraft) -> Vec<(&str, Option<i32>)> {
        d.steps.iter().map(|s| (s.text.as_str(), s.minutes)).collect()
    }

    const CARD: &str = "\
Lentil soup
A warming soup for winter evenings.
Serves 4

Ingredients
• 200 g red lentils
• 1 large onion, finely
  chopped
• 2 cloves garlic
• salt to taste

Method
1. Fry the onion in the oil until soft, about
10 minutes.
2. Add the lentils and 1 litre of water and simmer
for 20 minutes.
3) Season and serve.
";

    #[test]
    fn a_printed_card_gives_title_servings_ingredients_and_numbered_steps() {
        let d = recipe_from_text(CARD);
        assert_eq!(d.title.as_deref(), Some("Lentil soup"));
        assert_eq!(d.description.as_deref(), Some("A warming soup for winter evenings."));
        assert_eq!(d.servings, Some(4));
        assert_eq!(
            d.ingredients,
            ["200 g red lentils", "1 large onion, finely chopped", "2 cloves garlic", "salt to taste"]
        );
        assert_eq!(
            steps(&d),
            [
                ("Fry the onion in the oil until soft, about 10 minutes.", Some(10)),
                ("Add the lentils and 1 litre of water and simmer for 20 minutes.", Some(20)),
                ("Season and serve.", None),
            ]
        );
    }

    /// What Tesseract 5.3 read from `server/tests/fixtures/recipe-card.png` (our own card).
    const OCR_OF_CARD: &str = "Lentil Soup\n\nServes 4\n\nIngredients\n\ne 200 g red lentils\n\n\
        e 1 large onion, chopped\ne 2 cloves garlic\n\ne 1 litre vegetable stock\n\nMethod\n\n\
        1. Fry the onion until soft, about 10 minutes.\n\n2. Add the lentils and stock and simmer for 20\n\
        minutes.\n\n3. Season and serve.\n";

    #[test]
    fn ocr_text_loses_misread_bullets_and_joins_wrapped_steps() {
        let d = recipe_from_text(OCR_OF_CARD);
        assert_eq!(d.title.as_deref(), Some("Lentil Soup"));
        assert_eq!(d.servings, Some(4));
        assert_eq!(
            d.ingredients,
            ["200 g red lentils", "1 large onion, chopped", "2 cloves garlic", "1 litre vegetable stock"]
        );
        assert_eq!(
            steps(&d),
            [
                ("Fry the onion until soft, about 10 minutes.", Some(10)),
                ("Add the lentils and stock and simmer for 20 minutes.", Some(20)),
                ("Season and serve.", None),
            ]
        );
        // A one-letter word before a word is text, not a bullet.
        assert_eq!(strip_bullet("a pinch of salt"), "a pinch of salt");
        assert_eq!(strip_bullet("« 2 eggs"), "2 eggs");
    }

    #[test]
    fn without_headings_lines_with_amounts_are_ingredients_and_paragraphs_are_steps() {
        let text = "Pancakes\nMakes 8\n\n1 cup flour\n½ tsp salt\n1-2 eggs\n300 ml milk\n\n\
                    Whisk everything together and rest the batter.\n\nFry in a hot pan, 2 minutes a side.\n";
        let d = recipe_from_text(text);
        assert_eq!(d.title.as_deref(), Some("Pancakes"));
        assert_eq!(d.servings, Some(8));
        assert_eq!(d.ingredients, ["1 cup flour", "½ tsp salt", "1-2 eggs", "300 ml milk"]);
        // With no method heading the rest is the description: nothing is lost, the person
        // moves it into steps.
        assert!(d.steps.is_empty());
        assert!(d.description.unwrap().contains("Fry in a hot pan"));
    }

    #[test]
    fn german_headings_step_words_and_ocr_specks() {
        let text = "Kartoffelsalat\n~ ~\nZutaten:\n- 1 kg Kartoffeln\n- 1 Zwiebel\nZubereitung:\n\
                    Step 1 Kartoffeln 25 Minuten kochen.\n| |\nStep 2: Zwiebel schneiden.\n";
        let d = recipe_from_text(text);
        assert_eq!(d.title.as_deref(), Some("Kartoffelsalat"));
        assert_eq!(d.ingredients, ["1 kg Kartoffeln", "1 Zwiebel"]);
        assert_eq!(d.steps.len(), 2);
        assert_eq!(d.steps[0].text, "Kartoffeln 25 Minuten kochen.");
        assert_eq!(d.steps[0].minutes, Some(25));
        assert_eq!(d.steps[1].text, "Zwiebel schneiden.");
    }

    #[test]
    fn nothing_readable_is_an_empty_draft_and_everything_is_bounded() {
        assert!(recipe_from_text("").is_empty());
        assert!(recipe_from_text("... -- ~~\n\n").is_empty());
        let many = format!("Title\nIngredients\n{}Method\n{}", "1 egg\n".repeat(1_000), "1. Stir.\n".repeat(1_000));
        let d = recipe_from_text(&many);
        assert_eq!(d.ingredients.len(), RecipeDraft::MAX_INGREDIENTS);
        assert_eq!(d.steps.len(), RecipeDraft::MAX_STEPS);
        // One endless line and a text past the cap end without panicking, inside the bounds.
        let long = format!("Method\n{}", "stir ".repeat(200_000));
        let d = recipe_from_text(&long);
        assert!(d.steps.iter().all(|s| s.text.chars().count() <= super::super::draft::MAX_TEXT_CHARS));
        let multibyte = "é".repeat(MAX_TEXT_BYTES);
        assert_eq!(
            recipe_from_text(&multibyte).title.map(|t| t.chars().count()),
            Some(super::super::draft::MAX_TEXT_CHARS)
        );
    }
}
