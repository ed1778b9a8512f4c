//! Kitchen units: what a quantity in a recipe, the pantry or a shopping list
//! is measured in, conversions within mass and within volume, between the two
//! through a food's density (from its own SR28 household measures), scaling,
//! and display in metric or imperial.
//!
//! Rules, stated so the numbers can be explained:
//! - Mass and volume use exact definitions: 1 oz = 28.349523125 g, 1 lb =
//!   453.59237 g; US customary volumes from 1 US fl oz = 29.5735295625 ml
//!   (tsp = 1/6, tbsp = 1/2 fl oz, cup = 8, pint = 16, quart = 32, gallon =
//!   128 fl oz). A pinch is 1/16 tsp and a dash 1/8 tsp (the usual cookbook
//!   convention; neither is standardised).
//! - Count units (a clove, a can, a slice…) convert to nothing but themselves;
//!   a can's weight comes from its label ("1 (400 g) can") or a food measure.
//! - Mass ↔ volume needs a density: grams per millilitre from the first of
//!   the food's household measures written in a volume unit ("1 cup, chopped"
//!   = 160 g gives 160 / 236.6 g/ml). Without one, no conversion is made.
//! - Spoons stay spoons in both systems; metric shows g, kg, ml and l;
//!   imperial shows oz, lb, cups (from a quarter cup up), fl oz never (cups
//!   read better in a kitchen).

use serde::{Deserialize, Serialize};

use super::recipe::{GRAMS_PER_OUNCE, GRAMS_PER_POUND};

pub const ML_PER_US_FL_OZ: f64 = 29.5735295625;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Mass,
    Volume,
    Count,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Milligram,
    Gram,
    Kilogram,
    Ounce,
    Pound,
    Millilitre,
    Centilitre,
    Decilitre,
    Litre,
    Teaspoon,
    Tablespoon,
    FluidOunce,
    Cup,
    Pint,
    Quart,
    Gallon,
    Pinch,
    Dash,
    Piece,
    Clove,
    Can,
    Jar,
    Package,
    Bag,
    Box,
    Bottle,
    Slice,
    Stick,
    Bunch,
    Sprig,
    Handful,
    Head,
    Sheet,
    Stalk,
    Leaf,
}

/// Written forms of each unit, lower case (matched case-insensitively), singular and plural.
/// `T` and `t` (tablespoon, teaspoon) are case-sensitive and handled by [`Unit::parse`].
const SPELLINGS: &[(Unit, &[&str])] = &[
    (Unit::Milligram, &["mg", "milligram", "milligrams", "milligramme", "milligrammes"]),
    (Unit::Gram, &["g", "gr", "grs", "gm", "gms", "gram", "grams", "gramme", "grammes", "gramm"]),
    (Unit::Kilogram, &["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"]),
    (Unit::Ounce, &["oz", "ozs", "ounce", "ounces"]),
    (Unit::Pound, &["lb", "lbs", "pound", "pounds"]),
    (Unit::Millilitre, &["ml", "mls", "millilitre", "millilitres", "milliliter", "milliliters", "cc"]),
    (Unit::Centilitre, &["cl", "centilitre", "centilitres", "centiliter", "centiliters"]),
    (Unit::Decilitre, &["dl", "decilitre", "decilitres", "deciliter", "deciliters"]),
    (Unit::Litre, &["l", "lt", "ltr", "litre", "litres", "liter", "liters"]),
    (
        Unit::Teaspoon,
        &[
            "tsp",
            "tsps",
            "teaspoon",
            "teaspoons",
            "tl",
            "cdta",
            "cucharadita",
            "cucharaditas",
            "c. à café",
            "c. a cafe",
            "c.à.c",
            "c. à c",
            "cuillère à café",
            "cuillères à café",
        ],
    ),
    (
        Unit::Tablespoon,
        &[
            "tbsp",
            "tbsps",
            "tbs",
            "tbl",
            "tbls",
            "tablespoon",
            "tablespoons",
            "el",
            "cs",
            "cda",
            "cucharada",
            "cucharadas",
            "c. à soupe",
            "c. a soupe",
            "c.à.s",
            "c. à s",
            "cuillère à soupe",
            "cuillères à soupe",
        ],
    ),
    (Unit::FluidOunce, &["fl oz", "fl. oz", "fl.oz", "floz", "fluid ounce", "fluid ounces"]),
    (Unit::Cup, &["c", "cup", "cups", "tasse", "tassen"]),
    (Unit::Pint, &["pt", "pts", "pint", "pints"]),
    (Unit::Quart, &["qt", "qts", "quart", "quarts"]),
    (Unit::Gallon, &["gal", "gals", "gallon", "gallons"]),
    (Unit::Pinch, &["pinch", "pinches", "prise", "pizca"]),
    (Unit::Dash, &["dash", "dashes", "splash", "splashes"]),
    (Unit::Piece, &["piece", "pieces", "pc", "pcs", "stück", "stk"]),
    (Unit::Clove, &["clove", "cloves", "zehe", "zehen", "gousse", "gousses", "diente", "dientes"]),
    (Unit::Can, &["can", "cans", "tin", "tins", "dose", "dosen"]),
    (Unit::Jar, &["jar", "jars"]),
    (Unit::Package, &["package", "packages", "pkg", "pkgs", "packet", "packets", "pack", "packs", "sachet", "sachets"]),
    (Unit::Bag, &["bag", "bags"]),
    (Unit::Box, &["box", "boxes"]),
    (Unit::Bottle, &["bottle", "bottles"]),
    (Unit::Slice, &["slice", "slices", "scheibe", "scheiben"]),
    (Unit::Stick, &["stick", "sticks"]),
    (Unit::Bunch, &["bunch", "bunches", "bund"]),
    (Unit::Sprig, &["sprig", "sprigs"]),
    (Unit::Handful, &["handful", "handfuls"]),
    (Unit::Head, &["head", "heads"]),
    (Unit::Sheet, &["sheet", "sheets"]),
    (Unit::Stalk, &["stalk", "stalks", "rib", "ribs"]),
    (Unit::Leaf, &["leaf", "leaves"]),
];

impl Unit {
    pub const ALL: [Unit; 35] = [
        Unit::Milligram,
        Unit::Gram,
        Unit::Kilogram,
        Unit::Ounce,
        Unit::Pound,
        Unit::Millilitre,
        Unit::Centilitre,
        Unit::Decilitre,
        Unit::Litre,
        Unit::Teaspoon,
        Unit::Tablespoon,
        Unit::FluidOunce,
        Unit::Cup,
        Unit::Pint,
        Unit::Quart,
        Unit::Gallon,
        Unit::Pinch,
        Unit::Dash,
        Unit::Piece,
        Unit::Clove,
        Unit::Can,
        Unit::Jar,
        Unit::Package,
        Unit::Bag,
        Unit::Box,
        Unit::Bottle,
        Unit::Slice,
        Unit::Stick,
        Unit::Bunch,
        Unit::Sprig,
        Unit::Handful,
        Unit::Head,
        Unit::Sheet,
        Unit::Stalk,
        Unit::Leaf,
    ];

    /// A unit as written ("Tbsp.", "grams", "EL"); `T` is a tablespoon and `t` a
    /// teaspoon, as in American cookbooks.
    pub fn parse(text: &str) -> Option<Unit> {
        let text = text.trim();
        match text {
            "T" | "T." | "Tb" | "Tb." => return Some(Unit::Tablespoon),
            "t" | "t." => return Some(Unit::Teaspoon),
            _ => {}
        }
        let lower = text.to_lowercase();
        let key = lower.strip_suffix('.').unwrap_or(&lower);
        SPELLINGS.iter().find(|(_, names)| names.contains(&key) || names.contains(&lower.as_str())).map(|(u, _)| *u)
    }

    pub fn dimension(self) -> Dimension {
        use Unit::*;
        match self {
            Milligram | Gram | Kilogram | Ounce | Pound => Dimension::Mass,
            Millilitre | Centilitre | Decilitre | Litre | Teaspoon | Tablespoon | FluidOunce | Cup | Pint | Quart
            | Gallon | Pinch | Dash => Dimension::Volume,
            _ => Dimension::Count,
        }
    }

    /// Grams (mass) or millilitres (volume) in one of this unit; 1 for a count.
    pub fn base(self) -> f64 {
        use Unit::*;
        match self {
            Milligram => 0.001,
            Gram => 1.0,
            Kilogram => 1000.0,
            Ounce => GRAMS_PER_OUNCE,
            Pound => GRAMS_PER_POUND,
            Millilitre => 1.0,
            Centilitre => 10.0,
            Decilitre => 100.0,
            Litre => 1000.0,
            Teaspoon => ML_PER_US_FL_OZ / 6.0,
            Tablespoon => ML_PER_US_FL_OZ / 2.0,
            FluidOunce => ML_PER_US_FL_OZ,
            Cup => ML_PER_US_FL_OZ * 8.0,
            Pint => ML_PER_US_FL_OZ * 16.0,
            Quart => ML_PER_US_FL_OZ * 32.0,
            Gallon => ML_PER_US_FL_OZ * 128.0,
            Pinch => ML_PER_US_FL_OZ / 6.0 / 16.0,
            Dash => ML_PER_US_FL_OZ / 6.0 / 8.0,
            _ => 1.0,
        }
    }

    /// The short form shown after a quantity ("g", "tbsp", "clove").
    pub fn symbol(self) -> &'static str {
        use Unit::*;
        match self {
            Milligram => "mg",
            Gram => "g",
            Kilogram => "kg",
            Ounce => "oz",
            Pound => "lb",
            Millilitre => "ml",
            Centilitre => "cl",
            Decilitre => "dl",
            Litre => "l",
            Teaspoon => "tsp",
            Tablespoon => "tbsp",
            FluidOunce => "fl oz",
            Cup => "cup",
            Pint => "pint",
            Quart => "quart",
            Gallon => "gallon",
            Pinch => "pinch",
            Dash => "dash",
            Piece => "piece",
            Clove => "clove",
            Can => "can",
            Jar => "jar",
            Package => "package",
            Bag => "bag",
            Box => "box",
            Bottle => "bottle",
            Slice => "slice",
            Stick => "stick",
            Bunch => "bunch",
            Sprig => "sprig",
            Handful => "handful",
            Head => "head",
            Sheet => "sheet",
            Stalk => "stalk",
            Leaf => "leaf",
        }
    }

    /// The form after `quantity`: "1 cup", "2 cups", "½ cup".
    pub fn label(self, quantity: f64) -> String {
        let symbol = self.symbol();
        // Symbols of measured units never take a plural ("2 tbsp", "3 oz").
        let metric = is_metric(self)
            || matches!(self, Unit::Ounce | Unit::Pound | Unit::Teaspoon | Unit::Tablespoon | Unit::FluidOunce);
        if metric || quantity <= 1.0 {
            return symbol.to_owned();
        }
        match self {
            Unit::Box => "boxes".into(),
            Unit::Bunch => "bunches".into(),
            Unit::Pinch => "pinches".into(),
            Unit::Dash => "dashes".into(),
            Unit::Leaf => "leaves".into(),
            _ => format!("{symbol}s"),
        }
    }

    /// Whether it names a container whose label says what it holds ("1 (14 oz) can").
    pub fn is_container(self) -> bool {
        matches!(self, Unit::Can | Unit::Jar | Unit::Package | Unit::Bag | Unit::Box | Unit::Bottle)
    }
}

/// An amount in a unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub amount: f64,
    pub unit: Unit,
}

impl Measure {
    pub fn new(amount: f64, unit: Unit) -> Self {
        Self { amount, unit }
    }

    /// This amount in `to`: within a dimension always, between mass and volume
    /// only with a density (g/ml). `None` when it cannot be converted.
    pub fn to(self, to: Unit, density_g_per_ml: Option<f64>) -> Option<Measure> {
        let (from_dim, to_dim) = (self.unit.dimension(), to.dimension());
        let base = self.amount * self.unit.base();
        let converted = match (from_dim, to_dim) {
            _ if self.unit == to => base,
            (Dimension::Mass, Dimension::Mass) | (Dimension::Volume, Dimension::Volume) => base,
            (Dimension::Volume, Dimension::Mass) => base * density(density_g_per_ml)?,
            (Dimension::Mass, Dimension::Volume) => base / density(density_g_per_ml)?,
            _ => return None,
        };
        Some(Measure { amount: converted / to.base(), unit: to })
    }

    /// Grams, where the unit is a mass or (with a density) a volume.
    pub fn grams(self, density_g_per_ml: Option<f64>) -> Option<f64> {
        self.to(Unit::Gram, density_g_per_ml).map(|m| m.amount)
    }

    /// The same measure for `factor` times the servings.
    pub fn scaled(self, factor: f64) -> Measure {
        Measure { amount: self.amount * factor, unit: self.unit }
    }

    /// This measure as a cook in `system` reads it: spoons and counts as they
    /// are, other masses and volumes in that system's usual unit for the size
    /// (mass stays mass and volume stays volume; [`Measure::to`] crosses them).
    pub fn for_system(self, system: UnitSystem) -> Measure {
        use Unit::*;
        match (self.unit.dimension(), self.unit) {
            (Dimension::Count, _) | (_, Teaspoon | Tablespoon | Pinch | Dash) => self,
            (Dimension::Mass, _) => {
                let grams = self.amount * self.unit.base();
                let unit = match system {
                    UnitSystem::Metric if grams >= 1000.0 => Kilogram,
                    UnitSystem::Metric if grams < 1.0 => Milligram,
                    UnitSystem::Metric => Gram,
                    UnitSystem::Imperial if grams >= GRAMS_PER_POUND => Pound,
                    UnitSystem::Imperial => Ounce,
                };
                Measure { amount: grams / unit.base(), unit }
            }
            (Dimension::Volume, _) => {
                let ml = self.amount * self.unit.base();
                let unit = match system {
                    UnitSystem::Metric if ml >= 1000.0 => Litre,
                    UnitSystem::Metric => Millilitre,
                    UnitSystem::Imperial if ml >= Cup.base() * 16.0 => Gallon,
                    UnitSystem::Imperial if ml >= Cup.base() / 4.0 => Cup,
                    UnitSystem::Imperial if ml >= Tablespoon.base() => Tablespoon,
                    UnitSystem::Imperial => Teaspoon,
                };
                Measure { amount: ml / unit.base(), unit }
            }
        }
    }

    /// "1 ½ cups", "250 g", "2 cloves".
    pub fn display(self) -> String {
        let amount = match self.unit.dimension() {
            Dimension::Mass | Dimension::Volume if is_metric(self.unit) => metric_amount(self.amount),
            _ => kitchen_fraction(self.amount),
        };
        format!("{amount} {}", self.unit.label(self.amount))
    }
}

fn density(d: Option<f64>) -> Option<f64> {
    d.filter(|d| d.is_finite() && *d > 0.0)
}

fn is_metric(unit: Unit) -> bool {
    matches!(
        unit,
        Unit::Milligram
            | Unit::Gram
            | Unit::Kilogram
            | Unit::Millilitre
            | Unit::Centilitre
            | Unit::Decilitre
            | Unit::Litre
    )
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitSystem {
    #[default]
    Metric,
    Imperial,
}

/// Metric amounts: whole numbers from 10 up, one decimal below ("2.5 kg").
pub fn metric_amount(v: f64) -> String {
    if v >= 10.0 {
        format!("{}", v.round())
    } else {
        super::recipe::trim_number((v * 10.0).round() / 10.0)
    }
}

/// Kitchen amounts to the nearest eighth, with a fraction sign: 1.5 → "1 ½",
/// 0.33 → "⅓" (thirds are kept where they are nearer than eighths).
pub fn kitchen_fraction(v: f64) -> String {
    if !v.is_finite() || v <= 0.0 {
        return "0".into();
    }
    if v >= 20.0 {
        return format!("{}", v.round());
    }
    let whole = v.trunc();
    let frac = v - whole;
    const PARTS: [(f64, &str); 10] = [
        (0.0, ""),
        (0.125, "⅛"),
        (0.25, "¼"),
        (1.0 / 3.0, "⅓"),
        (0.375, "⅜"),
        (0.5, "½"),
        (0.625, "⅝"),
        (2.0 / 3.0, "⅔"),
        (0.75, "¾"),
        (0.875, "⅞"),
    ];
    let (mut best, mut best_err) = (PARTS[0], frac);
    for part in PARTS.iter().copied().chain(std::iter::once((1.0, "1"))) {
        let err = (frac - part.0).abs();
        if err < best_err {
            best = part;
            best_err = err;
        }
    }
    let (whole, sign) = if best.1 == "1" { (whole + 1.0, "") } else { (whole, best.1) };
    match (whole as u64, sign) {
        (0, "") => "⅛".into(), // never round an amount to nothing
        (0, s) => s.into(),
        (w, "") => w.to_string(),
        (w, s) => format!("{w} {s}"),
    }
}

/// Grams per millilitre from a food's household measures (SR28 `WEIGHT`):
/// the first measure written in a volume unit ("cup, chopped", "tbsp").
pub fn density_from_measures<'a>(measures: impl IntoIterator<Item = (f64, &'a str, f64)>) -> Option<f64> {
    measures.into_iter().find_map(|(amount, description, grams)| {
        let word = description.split([',', ' ', '(']).find(|w| !w.is_empty())?;
        let unit = Unit::parse(word).or_else(|| Unit::parse(description.trim()))?;
        (unit.dimension() == Dimension::Volume && amount > 0.0 && grams > 0.0).then(|| grams / (amount * unit.base()))
    })
}

#[cfg(test)]
#[path = "units_tests.rs"]
mod tests;
