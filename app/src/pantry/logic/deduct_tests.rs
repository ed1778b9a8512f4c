use super::*;

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 12, d)
}

fn need(name: &str, quantity: Option<f64>, unit: Option<&str>, grams: Option<f64>) -> Needed {
    Needed {
        name: name.into(),
        food: None,
        food_ndb_no: None,
        quantity,
        unit: unit.map(Into::into),
        grams,
        density: None,
    }
}

fn stock(n: u128, name: &str, quantity: Option<f64>, unit: Option<&str>, expiry: Option<NaiveDate>) -> Stock {
    Stock {
        id: Uuid::from_u128(n),
        name: name.into(),
        food_ndb_no: None,
        quantity,
        unit: unit.map(Into::into),
        expiry_date: expiry,
    }
}

fn left_of(d: &Deduction, n: u128) -> Option<f64> {
    d.takes.iter().find(|t| t.item_id == Uuid::from_u128(n)).map(|t| t.left)
}

#[test]
fn mass_converts_between_units_and_scales_with_servings() {
    // 200 g of flour for 4 servings, cooked for 6: 300 g from a 1 kg bag.
    let d = plan(
        &[need("flour", Some(200.0), Some("g"), Some(200.0))],
        1.5,
        &[stock(1, "Flour", Some(1.0), Some("kg"), None)],
    );
    assert_eq!(left_of(&d, 1), Some(0.7));
    assert_eq!(d.lines[0].cover, Cover::InStock);
    assert_eq!(d.lines[0].needed, "300 g");
    // 8 oz of cheese from 500 g.
    let d = plan(
        &[need("cheddar cheese", Some(8.0), Some("oz"), None)],
        1.0,
        &[stock(1, "Cheddar", Some(500.0), Some("g"), None)],
    );
    assert!((left_of(&d, 1).unwrap() - (500.0 - 8.0 * 28.349523125)).abs() < 0.001);
}

#[test]
fn volume_and_mass_cross_through_the_foods_density() {
    // 1 cup of milk (density 244 g per cup) from a 1 kg carton; without a density nothing is taken.
    let mut milk = need("milk", Some(1.0), Some("cup"), None);
    milk.density = Some(244.0 / 236.5882365);
    let d = plan(&[milk.clone()], 1.0, &[stock(1, "Whole milk", Some(1.0), Some("kg"), None)]);
    assert!((left_of(&d, 1).unwrap() - 0.756).abs() < 0.001, "{d:?}");
    milk.density = None;
    let d = plan(&[milk.clone()], 1.0, &[stock(1, "Whole milk", Some(1.0), Some("kg"), None)]);
    assert_eq!(d.lines[0].cover, Cover::Unmeasured);
    assert!(d.takes.is_empty(), "nothing is taken by guesswork");
    // The recipe's own weighing (1 cup = 244 g) serves when the food has no density.
    milk.grams = Some(244.0);
    let d = plan(&[milk], 1.0, &[stock(1, "Whole milk", Some(1.0), Some("kg"), None)]);
    assert!((left_of(&d, 1).unwrap() - 0.756).abs() < 0.001);
    // Litres from millilitres need no density.
    let d = plan(
        &[need("stock", Some(250.0), Some("ml"), None)],
        2.0,
        &[stock(1, "Chicken stock", Some(1.0), Some("l"), None)],
    );
    assert_eq!(left_of(&d, 1), Some(0.5));
}

#[test]
fn counts_compare_with_counts_only() {
    let d = plan(&[need("eggs", Some(3.0), None, None)], 1.0, &[stock(1, "Eggs", Some(6.0), None, None)]);
    assert_eq!(left_of(&d, 1), Some(3.0));
    let d = plan(&[need("eggs", Some(3.0), None, None)], 1.0, &[stock(1, "Eggs", Some(6.0), Some("pieces"), None)]);
    assert_eq!(left_of(&d, 1), Some(3.0));
    let d = plan(
        &[need("garlic", Some(2.0), Some("cloves"), None)],
        1.0,
        &[stock(1, "Garlic", Some(1.0), Some("head"), None)],
    );
    assert_eq!(d.lines[0].cover, Cover::Unmeasured);
    assert!(d.takes.is_empty());
}

#[test]
fn the_soonest_expiry_goes_first_and_shortfalls_are_listed() {
    let items = [
        stock(1, "Milk", Some(0.5), Some("l"), day(20)),
        stock(2, "Milk", Some(0.3), Some("l"), day(5)),
        stock(3, "Oat milk", Some(1.0), Some("l"), day(1)),
    ];
    let d = plan(&[need("milk", Some(1.0), Some("l"), None)], 1.0, &items);
    assert_eq!(left_of(&d, 2), Some(0.0), "the one expiring first is used up");
    assert_eq!(left_of(&d, 1), Some(0.0));
    assert_eq!(left_of(&d, 3), None, "oat milk is not milk");
    assert_eq!(d.lines[0].cover, Cover::Short { missing: "200 ml".into() });
    assert_eq!(d.lines[0].from, ["Milk", "Milk"]);
    assert_eq!(d.missing_count(), 1);
}

#[test]
fn two_ingredients_share_one_item_and_loose_matches_wait_for_better_ones() {
    let items =
        [stock(1, "Butter", Some(250.0), Some("g"), None), stock(2, "Peanut butter", Some(300.0), Some("g"), None)];
    let d = plan(
        &[need("butter", Some(200.0), Some("g"), None), need("butter", Some(100.0), Some("g"), None)],
        1.0,
        &items,
    );
    assert_eq!(left_of(&d, 1), Some(0.0));
    assert_eq!(left_of(&d, 2), None, "peanut butter is only used where no item is butter itself");
    assert_eq!(d.lines[1].cover, Cover::Short { missing: "50 g".into() });
    // With no plain butter, the looser match is what the pantry has.
    let d = plan(&[need("eggs", Some(2.0), None, None)], 1.0, &[stock(1, "Free-range eggs", Some(6.0), None, None)]);
    assert_eq!(left_of(&d, 1), Some(4.0));
}

#[test]
fn unrecorded_amounts_and_amountless_lines_count_as_enough() {
    let items = [stock(1, "Salt", None, None, None), stock(2, "Rice", None, Some("kg"), None)];
    let d = plan(
        &[
            need("salt", None, None, None),
            need("rice", Some(200.0), Some("g"), None),
            need("saffron", None, None, None),
        ],
        1.0,
        &items,
    );
    assert_eq!(d.lines[0].cover, Cover::InStock);
    assert_eq!(d.lines[1].cover, Cover::InStock);
    assert_eq!(d.lines[2].cover, Cover::Missing);
    assert!(d.takes.is_empty(), "nothing recorded, nothing changed");
}

#[test]
fn deduction_round_trips_through_imperial() {
    // 2 lb of potatoes from 2 kg, then back: what is left plus what was taken is what there was.
    let d = plan(
        &[need("potatoes", Some(2.0), Some("lb"), None)],
        1.0,
        &[stock(1, "Potatoes", Some(2.0), Some("kg"), None)],
    );
    let left = left_of(&d, 1).unwrap();
    assert!((left + 2.0 * 0.45359237 - 2.0).abs() < 0.001, "{left}");
}

/// A word of letters for a number ("ba" for 10).
fn word(mut i: u128) -> String {
    let mut w = String::new();
    loop {
        w.push(char::from(b'a' + (i % 10) as u8));
        i /= 10;
        if i == 0 {
            return w;
        }
    }
}

#[test]
fn many_items_are_handled_in_one_pass() {
    let items: Vec<Stock> =
        (0..2_000).map(|i| stock(i, &format!("Item zz{}", word(i)), Some(1.0), None, None)).collect();
    let needed: Vec<Needed> = (0..100).map(|i| need(&format!("zz{}", word(i)), Some(1.0), None, None)).collect();
    let d = plan(&needed, 1.0, &items);
    assert_eq!(d.takes.len(), 100);
    assert!(d.lines.iter().all(|l| l.cover == Cover::InStock));
}

#[test]
fn an_item_linked_to_the_ingredients_food_is_used_before_items_that_only_share_its_words() {
    let milk = Needed {
        food: Some("Milk, reduced fat, fluid, 2% milkfat".into()),
        food_ndb_no: Some("01079".into()),
        ..need("milk", Some(250.0), Some("ml"), None)
    };
    let mut linked = stock(2, "Semi-skimmed", Some(1.0), Some("l"), day(30));
    linked.food_ndb_no = Some("01079".into());
    // The word match expires sooner, yet the linked item is the same food and is used.
    let d = plan(&[milk], 1.0, &[stock(1, "Milk", Some(1.0), Some("l"), day(2)), linked]);
    assert_eq!(d.lines[0].from, ["Semi-skimmed"]);
    assert_eq!(d.lines[0].cover, Cover::InStock);
    assert_eq!(left_of(&d, 2), Some(0.75));
    assert_eq!(left_of(&d, 1), None, "the looser match is left alone");
}
