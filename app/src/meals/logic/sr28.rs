//! Reading the USDA SR28 release (National Nutrient Database for Standard Reference,
//! Release 28, 2015; public domain) and classifying its foods for the nutrition grade.
//!
//! Format (SR28 documentation, ch. 2, and data-sources.md §1): one record per line, fields
//! separated by `^`, text fields wrapped in `~…~`, an empty field for a missing value. The
//! files are cp1252; decoding is the caller's job, these functions take text.

/// How the data is cited, as USDA asks (shown wherever SR28 values are).
pub const CITATION: &str = "USDA ARS, National Nutrient Database for Standard Reference, Release 28 (2015)";

/// The fields of one SR28 record, text delimiters removed. A trailing carriage return is
/// ignored.
pub fn fields(line: &str) -> Vec<&str> {
    line.trim_end_matches(['\r', '\n'])
        .split('^')
        .map(|f| f.strip_prefix('~').and_then(|f| f.strip_suffix('~')).unwrap_or(f))
        .collect()
}

/// A numeric SR28 field: `None` when empty or not a finite number.
pub fn number(field: &str) -> Option<f64> {
    field.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// SR28 nutrient numbers (NUTR_DEF.Nutr_No) that WellTrack keeps.
pub mod nutr_no {
    pub const ENERGY_KCAL: &str = "208";
    pub const ENERGY_KJ: &str = "268";
    pub const PROTEIN: &str = "203";
    pub const FAT: &str = "204";
    pub const SATURATED_FAT: &str = "606";
    pub const CARBOHYDRATE: &str = "205";
    pub const SUGARS: &str = "269";
    pub const FIBRE: &str = "291";
    pub const SODIUM: &str = "307";
    pub const CALCIUM: &str = "301";
    pub const IRON: &str = "303";
    pub const POTASSIUM: &str = "306";
    pub const VITAMIN_C: &str = "401";
    /// Vitamin D (D2 + D3) in µg (324 is the same in IU).
    pub const VITAMIN_D: &str = "328";
    /// In the order of the `food.foods` nutrient columns (`FOOD_COLUMNS`).
    pub const KEPT: [&str; 14] = [
        ENERGY_KCAL,
        ENERGY_KJ,
        PROTEIN,
        FAT,
        SATURATED_FAT,
        CARBOHYDRATE,
        SUGARS,
        FIBRE,
        SODIUM,
        CALCIUM,
        IRON,
        POTASSIUM,
        VITAMIN_C,
        VITAMIN_D,
    ];
    /// The `food.foods` columns that hold `KEPT`, in its order.
    pub const FOOD_COLUMNS: [&str; 14] = [
        "energy_kcal",
        "energy_kj",
        "protein_g",
        "fat_g",
        "saturated_fat_g",
        "carbohydrate_g",
        "sugars_g",
        "fibre_g",
        "sodium_mg",
        "calcium_mg",
        "iron_mg",
        "potassium_mg",
        "vitamin_c_mg",
        "vitamin_d_mcg",
    ];
}

const FRUITS: &str = "0900";
const VEGETABLES: &str = "1100";
const LEGUMES: &str = "1600";
const RED_MEAT_GROUPS: [&str; 3] = ["1000", "1300", "1700"];

/// Starchy roots and tubers: in SR28's vegetable group, but not vegetables for the grade.
const STARCHY_TUBERS: [&str; 6] = ["potato", "sweet potato", "cassava", "yam", "taro", "tapioca"];
/// Legume-group foods that the grade counts as nuts or condiments, not legumes.
const NOT_PULSES: [&str; 4] = ["peanut", "soy sauce", "miso", "natto"];

fn starts_with_any(description: &str, prefixes: &[&str]) -> bool {
    let d = description.to_ascii_lowercase();
    prefixes.iter().any(|p| d.starts_with(p))
}

/// The share of a food that counts as fruit, vegetables or legumes for WellTrack's nutrition
/// grade (Nutri-Score 2023 foods component; nuts no longer count), from its SR28 food group:
/// 100 for fruits and fruit juices (0900), vegetables (1100) except starchy roots and tubers,
/// and legumes (1600) except peanuts and fermented soy condiments; 0 otherwise.
///
/// A whole-food approximation, stated as such: a canned fruit in syrup counts fully, and a
/// mixed dish in another group (a soup, a baby food) counts nothing.
pub fn fruit_veg_legumes_pct(food_group: &str, description: &str) -> f64 {
    let counts = match food_group {
        FRUITS => true,
        VEGETABLES => !starts_with_any(description, &STARCHY_TUBERS),
        LEGUMES => !starts_with_any(description, &NOT_PULSES),
        _ => false,
    };
    if counts {
        100.0
    } else {
        0.0
    }
}

/// Whether a food is red meat for the grade's protein cap: SR28's pork (1000), beef (1300)
/// and lamb, veal and game (1700) groups. Sausages and luncheon meats (0700) mix species and
/// are not classified.
pub fn is_red_meat(food_group: &str) -> bool {
    RED_MEAT_GROUPS.contains(&food_group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_drop_the_text_delimiters_and_keep_empty_values() {
        let line = "~01001~^~0100~^~Butter, salted~^~BUTTER,WITH SALT~^~~^~~^~Y~^~~^0^~~^6.38^4.27^8.79^3.87\r";
        let f = fields(line);
        assert_eq!(f.len(), 14);
        assert_eq!(&f[..3], ["01001", "0100", "Butter, salted"]);
        assert_eq!(f[4], "");
        assert_eq!(number(f[10]), Some(6.38));
        let nut = fields("~01001~^~307~^643^22^5.962^~1~^~~^~~^~~^^^^^^^~~^11/1976^");
        assert_eq!((nut[0], nut[1], number(nut[2])), ("01001", "307", Some(643.0)));
        assert_eq!(number(nut[8]), None);
    }

    #[test]
    fn portions_read_amount_description_and_grams() {
        let f = fields("~01001~^3^1^~cup~^227^^");
        assert_eq!((number(f[2]), f[3], number(f[4])), (Some(1.0), "cup", Some(227.0)));
    }

    #[test]
    fn fruit_vegetables_and_pulses_count_but_tubers_peanuts_and_others_do_not() {
        assert_eq!(fruit_veg_legumes_pct("0900", "Apples, raw, with skin"), 100.0);
        assert_eq!(fruit_veg_legumes_pct("1100", "Broccoli, raw"), 100.0);
        assert_eq!(fruit_veg_legumes_pct("1600", "Lentils, mature seeds, cooked, boiled, without salt"), 100.0);
        assert_eq!(fruit_veg_legumes_pct("1100", "Potatoes, baked, flesh and skin, without salt"), 0.0);
        assert_eq!(fruit_veg_legumes_pct("1100", "Sweet potato, raw, unprepared"), 0.0);
        assert_eq!(fruit_veg_legumes_pct("1600", "Peanut butter, smooth style, with salt"), 0.0);
        assert_eq!(fruit_veg_legumes_pct("1600", "Soy sauce made from soy and wheat (shoyu)"), 0.0);
        assert_eq!(fruit_veg_legumes_pct("1200", "Nuts, almonds"), 0.0, "nuts no longer count (2023)");
        assert_eq!(fruit_veg_legumes_pct("2000", "Rice, white, long-grain, regular, cooked"), 0.0);
    }

    #[test]
    fn red_meat_is_pork_beef_lamb_veal_and_game() {
        assert!(is_red_meat("1300"));
        assert!(is_red_meat("1000"));
        assert!(is_red_meat("1700"));
        assert!(!is_red_meat("0500"), "poultry");
        assert!(!is_red_meat("1500"), "fish");
    }
}
