//! Small numeric helpers shared by the performance engine (std only, wasm-safe).
//!
//! `normal_cdf` is Hart's 1968 double-precision algorithm 5666 as published by
//! G. West, "Better approximations to cumulative normal functions", *Wilmott Magazine* 2005
//! (absolute error below 1e-15); the test checks it against `scipy.stats.norm.cdf`.

/// Φ(z), the standard normal cumulative distribution function.
pub fn normal_cdf(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    let a = z.abs();
    let tail = if a > 37.0 {
        0.0
    } else {
        let e = (-a * a / 2.0).exp();
        if a < 7.071_067_811_865_47 {
            let mut n = 3.526_249_659_989_11e-2 * a + 0.700_383_064_443_688;
            n = n * a + 6.373_962_203_531_65;
            n = n * a + 33.912_866_078_383;
            n = n * a + 112.079_291_497_871;
            n = n * a + 221.213_596_169_931;
            n = n * a + 220.206_867_912_376;
            let mut d = 8.838_834_764_831_84e-2 * a + 1.755_667_163_182_64;
            d = d * a + 16.064_177_579_207;
            d = d * a + 86.780_732_202_946_1;
            d = d * a + 296.564_248_779_674;
            d = d * a + 637.333_633_378_831;
            d = d * a + 793.826_512_519_948;
            d = d * a + 440.413_735_824_752;
            e * n / d
        } else {
            let mut b = a + 0.65;
            b = a + 4.0 / b;
            b = a + 3.0 / b;
            b = a + 2.0 / b;
            b = a + 1.0 / b;
            e / b / 2.506_628_274_631
        }
    };
    if z > 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Arithmetic mean; `None` for an empty slice.
pub fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        None
    } else {
        Some(xs.iter().sum::<f64>() / xs.len() as f64)
    }
}

/// Sample standard deviation (ddof = 1, as `numpy.std(ddof=1)`); `None` below two values.
pub fn sample_sd(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let m = mean(xs)?;
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / (xs.len() - 1) as f64).sqrt())
}

/// Piecewise-linear interpolation through `points` (sorted by x), held flat outside them.
pub fn interp(x: f64, points: &[(f64, f64)]) -> f64 {
    let (first, last) = (points[0], points[points.len() - 1]);
    if x <= first.0 {
        return first.1;
    }
    if x >= last.0 {
        return last.1;
    }
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x <= x1 {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    last.1
}

/// Clamp to the 0–100 score range.
pub fn clamp_score(x: f64) -> f64 {
    x.clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct CdfFixture {
        z: Vec<f64>,
        cdf: Vec<f64>,
    }

    #[test]
    fn normal_cdf_matches_scipy() {
        let f: CdfFixture = serde_json::from_str(include_str!("fixtures/normal_cdf.json")).unwrap();
        assert!(f.z.len() > 100);
        for (z, want) in f.z.iter().zip(&f.cdf) {
            let got = normal_cdf(*z);
            assert!((got - want).abs() < 1e-14, "z={z} got={got} want={want}");
        }
    }

    #[test]
    fn normal_cdf_symmetry_and_monotone() {
        let mut prev = 0.0;
        for i in -800..=800 {
            let z = i as f64 / 100.0;
            let p = normal_cdf(z);
            assert!(p >= prev && (0.0..=1.0).contains(&p));
            assert!((p + normal_cdf(-z) - 1.0).abs() < 1e-15);
            prev = p;
        }
        assert_eq!(normal_cdf(0.0), 0.5);
        assert!(normal_cdf(f64::NAN).is_nan());
    }

    #[test]
    fn mean_sd_interp() {
        assert_eq!(mean(&[]), None);
        assert_eq!(sample_sd(&[3.0]), None);
        assert!((sample_sd(&[1.0, 2.0, 3.0, 4.0]).unwrap() - 1.290_994_448_735_805_6).abs() < 1e-15);
        let pts = [(70.0, 0.0), (85.0, 50.0), (95.0, 100.0)];
        assert_eq!(interp(60.0, &pts), 0.0);
        assert_eq!(interp(85.0, &pts), 50.0);
        assert_eq!(interp(90.0, &pts), 75.0);
        assert_eq!(interp(99.0, &pts), 100.0);
        assert_eq!(clamp_score(120.0), 100.0);
    }
}
