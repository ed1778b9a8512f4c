//! Ingredient lines in the shapes recipe pages and cookbooks use, written for
//! these tests (not copied from any page), with the reading a cook expects.

use super::*;
use crate::meals::logic::units::Unit::{self, *};

struct Case {
    line: &'static str,
    quantity: Option<f64>,
    max: Option<f64>,
    unit: Option<Unit>,
    each: Option<(f64, Unit)>,
    equivalent: Option<(f64, Unit)>,
    food: &'static str,
    note: Option<&'static str>,
}

const fn case(line: &'static str, quantity: Option<f64>, unit: Option<Unit>, food: &'static str) -> Case {
    Case { line, quantity, max: None, unit, each: None, equivalent: None, food, note: None }
}

impl Case {
    const fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
    const fn max(mut self, max: f64) -> Self {
        self.max = Some(max);
        self
    }
    const fn each(mut self, amount: f64, unit: Unit) -> Self {
        self.each = Some((amount, unit));
        self
    }
    const fn equivalent(mut self, amount: f64, unit: Unit) -> Self {
        self.equivalent = Some((amount, unit));
        self
    }
}

fn cases() -> Vec<Case> {
    vec![
        // Plain numbers, decimals, decimal commas, thousands.
        case("2 cups all-purpose flour", Some(2.0), Some(Cup), "all-purpose flour"),
        case("200 g sugar", Some(200.0), Some(Gram), "sugar"),
        case("200g caster sugar", Some(200.0), Some(Gram), "caster sugar"),
        case("1.5 kg potatoes", Some(1.5), Some(Kilogram), "potatoes"),
        case("1,5 kg Mehl", Some(1.5), Some(Kilogram), "Mehl"),
        case("0,5 l Milch", Some(0.5), Some(Litre), "Milch"),
        case("1,000 g strong white flour", Some(1000.0), Some(Gram), "strong white flour"),
        case("2,25 dl Sahne", Some(2.25), Some(Decilitre), "Sahne"),
        case(".5 cup milk", Some(0.5), Some(Cup), "milk"),
        // Fractions: ASCII, unicode, mixed, attached, hyphenated.
        case("1/2 teaspoon salt", Some(0.5), Some(Teaspoon), "salt"),
        case("½ tsp baking soda", Some(0.5), Some(Teaspoon), "baking soda"),
        case("1 ½ cups milk", Some(1.5), Some(Cup), "milk"),
        case("1½ cups whole milk", Some(1.5), Some(Cup), "whole milk"),
        case("1 1/2 cups rolled oats", Some(1.5), Some(Cup), "rolled oats"),
        case("1-1/2 cups water", Some(1.5), Some(Cup), "water"),
        case("¾ cup brown sugar, packed", Some(0.75), Some(Cup), "brown sugar").note("packed"),
        case("⅓ cup maple syrup", Some(1.0 / 3.0), Some(Cup), "maple syrup"),
        case("2 ⅔ cups chicken stock", Some(2.0 + 2.0 / 3.0), Some(Cup), "chicken stock"),
        case("1⁄4 teaspoon nutmeg", Some(0.25), Some(Teaspoon), "nutmeg"),
        // Ranges.
        case("2-3 tablespoons olive oil", Some(2.0), Some(Tablespoon), "olive oil").max(3.0),
        case("2 – 3 cloves garlic, minced", Some(2.0), Some(Clove), "garlic").max(3.0).note("minced"),
        case("2 to 3 cups spinach", Some(2.0), Some(Cup), "spinach").max(3.0),
        case("1 or 2 jalapeños, seeded", Some(1.0), None, "jalapeños").max(2.0).note("seeded"),
        case("4-6 chicken thighs", Some(4.0), None, "chicken thighs").max(6.0),
        case("2-3 EL Olivenöl", Some(2.0), Some(Tablespoon), "Olivenöl").max(3.0),
        // Spoons, abbreviations, case.
        case("2 Tbsp. butter", Some(2.0), Some(Tablespoon), "butter"),
        case("1 T soy sauce", Some(1.0), Some(Tablespoon), "soy sauce"),
        case("1 t vanilla extract", Some(1.0), Some(Teaspoon), "vanilla extract"),
        case("1 tsp. ground cumin", Some(1.0), Some(Teaspoon), "ground cumin"),
        case("3 tbsp fish sauce", Some(3.0), Some(Tablespoon), "fish sauce"),
        case("2tbsp honey", Some(2.0), Some(Tablespoon), "honey"),
        case("1 lb. ground beef", Some(1.0), Some(Pound), "ground beef"),
        case("8 oz. cream cheese, softened", Some(8.0), Some(Ounce), "cream cheese").note("softened"),
        case("4 fl oz double cream", Some(4.0), Some(FluidOunce), "double cream"),
        case("250 mL coconut milk", Some(250.0), Some(Millilitre), "coconut milk"),
        case("1 quart chicken broth", Some(1.0), Some(Quart), "chicken broth"),
        // Containers and what each holds.
        case("1 (14 oz) can diced tomatoes", Some(1.0), Some(Can), "diced tomatoes").each(14.0, Ounce),
        case("1 (14.5 ounce) can black beans, drained and rinsed", Some(1.0), Some(Can), "black beans")
            .each(14.5, Ounce)
            .note("drained and rinsed"),
        case("2 cans (15 oz each) chickpeas, drained", Some(2.0), Some(Can), "chickpeas")
            .each(15.0, Ounce)
            .note("drained"),
        case("1 x 400g tin chopped tomatoes", Some(1.0), Some(Can), "chopped tomatoes").each(400.0, Gram),
        case("2 x 150 g salmon fillets", Some(2.0), None, "salmon fillets").each(150.0, Gram),
        case("1 14-ounce can coconut milk", Some(1.0), Some(Can), "coconut milk").each(14.0, Ounce),
        case("1 package (8 oz) cream cheese", Some(1.0), Some(Package), "cream cheese").each(8.0, Ounce),
        case("1 Dose Tomaten (400 g)", Some(1.0), Some(Can), "Tomaten").each(400.0, Gram),
        // The same amount in two units.
        case("1 cup (240 ml) milk", Some(1.0), Some(Cup), "milk").equivalent(240.0, Millilitre),
        case("2 cups (250 g) plain flour, sifted", Some(2.0), Some(Cup), "plain flour")
            .equivalent(250.0, Gram)
            .note("sifted"),
        // Counts, sizes and notes.
        case("3 large eggs, beaten", Some(3.0), None, "large eggs").note("beaten"),
        case("2 eggs", Some(2.0), None, "eggs"),
        case("1 medium onion (about 1 cup chopped)", Some(1.0), None, "medium onion").note("about 1 cup chopped"),
        case("1 onion, finely chopped", Some(1.0), None, "onion").note("finely chopped"),
        case("4 boneless, skinless chicken breasts", Some(4.0), None, "boneless, skinless chicken breasts"),
        case(
            "2 boneless, skinless chicken breasts, cut into strips",
            Some(2.0),
            None,
            "boneless, skinless chicken breasts",
        )
        .note("cut into strips"),
        case("3 cloves garlic, minced", Some(3.0), Some(Clove), "garlic").note("minced"),
        case("2 ribs celery, diced", Some(2.0), Some(Stalk), "celery").note("diced"),
        case("1 head of garlic", Some(1.0), Some(Head), "garlic"),
        case("1 stick butter, melted", Some(1.0), Some(Stick), "butter").note("melted"),
        case("1 bunch coriander", Some(1.0), Some(Bunch), "coriander"),
        case("2 sprigs fresh thyme", Some(2.0), Some(Sprig), "fresh thyme"),
        case("4 slices bacon", Some(4.0), Some(Slice), "bacon"),
        case("2 bay leaves", Some(2.0), None, "bay leaves"),
        // Number words.
        case("a pinch of salt", Some(1.0), Some(Pinch), "salt"),
        case("A handful of basil leaves", Some(1.0), Some(Handful), "basil leaves"),
        case("one lemon, juiced", Some(1.0), None, "lemon").note("juiced"),
        case("half an onion", Some(0.5), None, "onion"),
        case("a dozen eggs", Some(12.0), None, "eggs"),
        case("two carrots, peeled and grated", Some(2.0), None, "carrots").note("peeled and grated"),
        // No quantity.
        case("salt to taste", None, None, "salt").note("to taste"),
        case("Salt and freshly ground black pepper, to taste", None, None, "Salt and freshly ground black pepper")
            .note("to taste"),
        case("Fresh parsley, for garnish", None, None, "Fresh parsley").note("for garnish"),
        case("Vegetable oil for frying", None, None, "Vegetable oil").note("for frying"),
        case("pinch of cayenne", None, Some(Pinch), "cayenne"),
        case("Juice of 1 lemon", None, None, "Juice of 1 lemon"),
        case("Zest of 1 orange", None, None, "Zest of 1 orange"),
        case("Cooking spray", None, None, "Cooking spray"),
        // Other languages.
        case("2 EL Olivenöl", Some(2.0), Some(Tablespoon), "Olivenöl"),
        case("1 TL Salz", Some(1.0), Some(Teaspoon), "Salz"),
        case("1 Prise Zucker", Some(1.0), Some(Pinch), "Zucker"),
        case("2 Zehen Knoblauch, gehackt", Some(2.0), Some(Clove), "Knoblauch").note("gehackt"),
        case("250 g Butter, weich", Some(250.0), Some(Gram), "Butter").note("weich"),
        case("100 ml de lait", Some(100.0), Some(Millilitre), "lait"),
        case("2 c. à soupe d'huile d'olive", Some(2.0), Some(Tablespoon), "huile d'olive"),
        case("1 c. à café de sel", Some(1.0), Some(Teaspoon), "sel"),
        case("2 cucharadas de azúcar", Some(2.0), Some(Tablespoon), "azúcar"),
        case("Mehl 500 g", Some(500.0), Some(Gram), "Mehl"),
        case("Butter 250g", Some(250.0), Some(Gram), "Butter"),
        // Page clutter.
        case("▢ 2 cups rice", Some(2.0), Some(Cup), "rice"),
        case("• 1 tsp paprika", Some(1.0), Some(Teaspoon), "paprika"),
        case("  3   cups\u{a0}water  ", Some(3.0), Some(Cup), "water"),
        case("2 tbsp olive oil, plus more for drizzling", Some(2.0), Some(Tablespoon), "olive oil")
            .note("plus more for drizzling"),
        case("1 cup walnuts (optional)", Some(1.0), Some(Cup), "walnuts").note("optional"),
        case("1 1/2 tsp kosher salt, divided", Some(1.5), Some(Teaspoon), "kosher salt").note("divided"),
    ]
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn real_world_lines_read_as_a_cook_reads_them() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} lines", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let got = parse_line(c.line);
        let each = got.each.map(|m| (m.amount, m.unit));
        let equivalent = got.equivalent.map(|m| (m.amount, m.unit));
        let ok = close(got.quantity, c.quantity)
            && close(got.quantity_max, c.max)
            && got.unit == c.unit
            && each.map(|e| e.1) == c.each.map(|e| e.1)
            && close(each.map(|e| e.0), c.each.map(|e| e.0))
            && equivalent.map(|e| e.1) == c.equivalent.map(|e| e.1)
            && close(equivalent.map(|e| e.0), c.equivalent.map(|e| e.0))
            && got.food == c.food
            && got.note.as_deref() == c.note;
        if !ok {
            failures.push(format!("{:?}\n    got {got:?}", c.line));
        }
    }
    assert!(failures.is_empty(), "{} of {} lines misread:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn a_line_has_one_measure_for_weighing() {
    let can = parse_line("2 (400 g) cans tomatoes");
    assert_eq!(can.measure(), Some(Measure::new(800.0, Gram)));
    let cup = parse_line("1 cup (240 ml) milk");
    assert_eq!(cup.measure(), Some(Measure::new(1.0, Cup)));
    let eggs = parse_line("3 eggs");
    assert_eq!(eggs.measure(), None, "a count without a unit has no measure");
    assert_eq!(parse_line("salt to taste").measure(), None);
}

#[test]
fn hostile_lines_are_cut_and_read_in_one_pass() {
    let long = "1 ".repeat(50_000) + "cup flour";
    let got = parse_line(&long);
    assert_eq!(got.quantity, Some(1.0));
    assert!(got.food.chars().count() <= MAX_LINE_CHARS);
    for line in ["", " ", "(", ")", "((((", "1/0 cup", "99999999999 g salt", "1e308 g", "-", "½½½", "1 (", "x x x"] {
        let _ = parse_line(line); // never panics
    }
    assert_eq!(parse_line("1/0 cup sugar").quantity, None, "division by zero is no quantity");
    assert_eq!(parse_line("99999999999 g salt").quantity, None, "too many digits");
    assert_eq!(parse_line("0 g salt").quantity, None);
}

#[test]
fn every_char_boundary_of_a_multibyte_line_is_safe() {
    let line = "2 c. à soupe d’huile d’olive (½ verre) – 3 œufs, battus";
    for end in (0..=line.len()).filter(|i| line.is_char_boundary(*i)) {
        let _ = parse_line(&line[..end]);
    }
}
