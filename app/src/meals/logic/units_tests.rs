use super::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn exact_definitions_hold() {
    // NIST Handbook 44, appendix C: 1 US cup = 236.5882365 ml, 1 tbsp = 14.78676478125 ml.
    assert!(close(Unit::Cup.base(), 236.5882365, 1e-12));
    assert!(close(Unit::Tablespoon.base(), 14.78676478125, 1e-12));
    assert!(close(Unit::Teaspoon.base(), 4.92892159375, 1e-12));
    assert!(close(Unit::Gallon.base(), 3785.411784, 1e-12));
    assert!(close(Measure::new(1.0, Unit::Pound).to(Unit::Ounce, None).unwrap().amount, 16.0, 1e-12));
    assert!(close(Measure::new(3.0, Unit::Teaspoon).to(Unit::Tablespoon, None).unwrap().amount, 1.0, 1e-12));
    assert!(close(Measure::new(16.0, Unit::Tablespoon).to(Unit::Cup, None).unwrap().amount, 1.0, 1e-12));
}

#[test]
fn every_unit_round_trips_through_every_unit_of_its_dimension() {
    for from in Unit::ALL {
        for to in Unit::ALL {
            let m = Measure::new(2.75, from);
            match m.to(to, None) {
                Some(there) => {
                    let back = there.to(from, None).unwrap();
                    assert!(close(back.amount, 2.75, 1e-12), "{from:?} → {to:?} → back: {}", back.amount);
                    assert!(
                        from == to || (from.dimension() == to.dimension() && from.dimension() != Dimension::Count),
                        "{from:?} {to:?}"
                    );
                }
                None => assert!(
                    from != to && (from.dimension() != to.dimension() || from.dimension() == Dimension::Count),
                    "{from:?} → {to:?}"
                ),
            }
        }
    }
}

#[test]
fn volume_and_mass_convert_only_through_a_density() {
    let cup = Measure::new(1.0, Unit::Cup);
    assert_eq!(cup.to(Unit::Gram, None), None, "no density, no grams");
    assert_eq!(cup.to(Unit::Gram, Some(0.0)), None);
    assert_eq!(cup.to(Unit::Gram, Some(f64::NAN)), None);
    // Flour, all-purpose (SR28 20081): 1 cup = 125 g.
    let density = density_from_measures([(1.0, "cup", 125.0)]).unwrap();
    assert!(close(cup.grams(Some(density)).unwrap(), 125.0, 1e-12));
    let back = Measure::new(125.0, Unit::Gram).to(Unit::Cup, Some(density)).unwrap();
    assert!(close(back.amount, 1.0, 1e-12));
    // 500 g of that flour is 4 cups.
    assert!(close(Measure::new(500.0, Unit::Gram).to(Unit::Cup, Some(density)).unwrap().amount, 4.0, 1e-12));
    assert_eq!(Measure::new(2.0, Unit::Clove).to(Unit::Gram, Some(1.0)), None, "counts never convert");
}

#[test]
fn density_comes_from_the_first_measure_in_a_volume_unit() {
    let onion = [(1.0, "large", 150.0), (1.0, "cup, chopped", 160.0), (1.0, "tbsp chopped", 10.0)];
    let d = density_from_measures(onion).unwrap();
    assert!(close(d, 160.0 / 236.5882365, 1e-12));
    assert_eq!(density_from_measures([(1.0, "medium (2-1/2\" dia)", 110.0)]), None);
    let milk = density_from_measures([(1.0, "fl oz", 30.5)]).unwrap();
    assert!(close(milk, 30.5 / 29.5735295625, 1e-12));
}

#[test]
fn scaling_round_trips() {
    for servings in 1..=12 {
        let m = Measure::new(1.5, Unit::Cup);
        let factor = servings as f64 / 4.0;
        let back = m.scaled(factor).scaled(1.0 / factor);
        assert!(close(back.amount, 1.5, 1e-12));
    }
}

#[test]
fn metric_and_imperial_display_choose_the_cooks_unit() {
    let flour = Measure::new(2.0, Unit::Cup);
    let metric = flour.for_system(UnitSystem::Metric);
    assert_eq!(metric.unit, Unit::Millilitre);
    assert_eq!(metric.display(), "473 ml");
    let imperial = metric.for_system(UnitSystem::Imperial);
    assert_eq!(imperial.display(), "2 cups");
    assert_eq!(Measure::new(1500.0, Unit::Gram).for_system(UnitSystem::Metric).display(), "1.5 kg");
    assert_eq!(Measure::new(1500.0, Unit::Gram).for_system(UnitSystem::Imperial).display(), "3 ⅓ lb");
    assert_eq!(Measure::new(100.0, Unit::Gram).for_system(UnitSystem::Imperial).display(), "3 ½ oz");
    assert_eq!(Measure::new(8.0, Unit::Ounce).for_system(UnitSystem::Metric).display(), "227 g");
    assert_eq!(Measure::new(2.0, Unit::Tablespoon).for_system(UnitSystem::Metric).display(), "2 tbsp");
    assert_eq!(Measure::new(3.0, Unit::Clove).for_system(UnitSystem::Imperial).display(), "3 cloves");
    assert_eq!(Measure::new(30.0, Unit::Millilitre).for_system(UnitSystem::Imperial).display(), "2 tbsp");
    assert_eq!(Measure::new(2.0, Unit::Litre).for_system(UnitSystem::Imperial).display(), "8 ½ cups");
}

#[test]
fn metric_to_imperial_and_back_stays_within_display_rounding() {
    for grams in [5.0, 28.0, 100.0, 250.0, 454.0, 1000.0, 2500.0] {
        let there = Measure::new(grams, Unit::Gram).for_system(UnitSystem::Imperial);
        let back = there.for_system(UnitSystem::Metric);
        assert!(close(back.amount * back.unit.base(), grams, 1e-9), "{grams} g");
    }
}

#[test]
fn kitchen_fractions_are_the_nearest_eighth_or_third() {
    assert_eq!(kitchen_fraction(1.5), "1 ½");
    assert_eq!(kitchen_fraction(0.25), "¼");
    assert_eq!(kitchen_fraction(0.33), "⅓");
    assert_eq!(kitchen_fraction(0.67), "⅔");
    assert_eq!(kitchen_fraction(2.0), "2");
    assert_eq!(kitchen_fraction(2.97), "3");
    assert_eq!(kitchen_fraction(0.01), "⅛", "an amount never reads as nothing");
    assert_eq!(kitchen_fraction(24.4), "24");
}

#[test]
fn units_parse_from_cookbook_spellings() {
    for (text, unit) in [
        ("Tbsp.", Unit::Tablespoon),
        ("T", Unit::Tablespoon),
        ("t", Unit::Teaspoon),
        ("tsp", Unit::Teaspoon),
        ("EL", Unit::Tablespoon),
        ("TL", Unit::Teaspoon),
        ("grams", Unit::Gram),
        ("KG", Unit::Kilogram),
        ("fl oz", Unit::FluidOunce),
        ("cups", Unit::Cup),
        ("tins", Unit::Can),
        ("cloves", Unit::Clove),
        ("mL", Unit::Millilitre),
    ] {
        assert_eq!(Unit::parse(text), Some(unit), "{text}");
    }
    assert_eq!(Unit::parse("large"), None);
    assert_eq!(Unit::parse(""), None);
}
