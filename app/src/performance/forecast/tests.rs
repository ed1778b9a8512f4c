//! Forecast tests: fixtures from `tools/oracles/forecast/make_fixtures.py` (scipy, numpy,
//! statsmodels), the worked example of engine-methods.md §8, and deterministic property checks.

use serde_json::Value;

use super::*;

const T_FIXTURE: &str = include_str!("fixtures/t_distribution.json");
const CASES_FIXTURE: &str = include_str!("fixtures/forecast_cases.json");

fn close(actual: f64, expected: f64, rel: f64, abs: f64) -> bool {
    (actual - expected).abs() <= abs.max(rel * expected.abs())
}

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} missing in {v}"))
}

fn opt_num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn model_from(name: &str) -> ModelType {
    serde_json::from_value(Value::String(name.to_owned())).unwrap()
}

/// Knuth's MMIX linear congruential generator: deterministic "randomness" for property tests.
struct Lcg(u64);

impl Lcg {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next_f64()
    }
}

#[test]
fn t_distribution_matches_scipy() {
    let fx: Value = serde_json::from_str(T_FIXTURE).unwrap();
    for c in fx["cdf"].as_array().unwrap() {
        let got = student_t_cdf(num(c, "t"), num(c, "df"));
        assert!(close(got, num(c, "p"), 1e-10, 1e-14), "cdf {c}: got {got}");
    }
    for c in fx["ppf"].as_array().unwrap() {
        let got = student_t_quantile(num(c, "p"), num(c, "df"));
        assert!(close(got, num(c, "t"), 1e-9, 1e-12), "ppf {c}: got {got}");
    }
    for c in fx["pdf"].as_array().unwrap() {
        let got = student_t_pdf(num(c, "t"), num(c, "df"));
        assert!(close(got, num(c, "density"), 1e-12, 1e-15), "pdf {c}: got {got}");
    }
    for c in fx["ln_gamma"].as_array().unwrap() {
        let got = ln_gamma(num(c, "x"));
        assert!(close(got, num(c, "value"), 1e-13, 1e-13), "ln_gamma {c}: got {got}");
    }
    for c in fx["betainc"].as_array().unwrap() {
        let got = regularized_incomplete_beta(num(c, "a"), num(c, "b"), num(c, "x"));
        assert!(close(got, num(c, "value"), 1e-11, 1e-14), "betainc {c}: got {got}");
    }
}

#[test]
fn t_distribution_edges() {
    assert_eq!(student_t_cdf(f64::INFINITY, 3.0), 1.0);
    assert_eq!(student_t_cdf(f64::NEG_INFINITY, 3.0), 0.0);
    assert_eq!(student_t_quantile(0.5, 7.0), 0.0);
    assert!(student_t_cdf(1.0, 0.0).is_nan());
    assert!(student_t_quantile(1.5, 3.0).is_nan());
    // Symmetry.
    let (p, q) = (student_t_cdf(-1.3, 4.0), student_t_cdf(1.3, 4.0));
    assert!((p + q - 1.0).abs() < 1e-15);
}

fn check_case(case: &Value) {
    let name = case["name"].as_str().unwrap();
    let obs: Vec<Observation> = serde_json::from_value(case["observations"].clone()).unwrap();
    let goal: Goal = serde_json::from_value(case["goal"].clone()).unwrap();
    let got = forecast(&obs, &goal, opt_num(&case["as_of_day"]));
    let exp = &case["expected"];
    let status: ForecastStatus = serde_json::from_value(exp["status"].clone()).unwrap();
    assert_eq!(got.status, status, "{name}: status");
    assert_eq!(got.data_points as u64, exp["data_points"].as_u64().unwrap(), "{name}: data_points");
    assert_eq!(got.current_value, opt_num(&exp["current_value"]), "{name}: current_value");
    assert_eq!(got.model_type, exp["model_type"].as_str().map(model_from), "{name}: model_type");
    assert!(close(got.confidence, num(exp, "confidence"), 1e-9, 1e-10), "{name}: confidence {}", got.confidence);
    match (got.projected_day, opt_num(&exp["projected_day"])) {
        (Some(a), Some(b)) => assert!(close(a, b, 1e-9, 1e-9), "{name}: projected {a} vs {b}"),
        (a, b) => assert_eq!(a, b, "{name}: projected_day"),
    }
    if status == ForecastStatus::InsufficientData {
        assert!(got.candidates.is_empty(), "{name}");
        return;
    }
    let direction: GoalDirection = serde_json::from_value(exp["direction"].clone()).unwrap();
    assert_eq!(got.direction, Some(direction), "{name}: direction");
    let basis: ConfidenceBasis = serde_json::from_value(exp["confidence_basis"].clone()).unwrap();
    assert_eq!(got.confidence_basis, basis, "{name}: basis");
    assert!(close(got.fitted_now.unwrap(), num(exp, "fitted_now"), 1e-10, 1e-10), "{name}: fitted_now");
    assert!(close(got.slope_per_day.unwrap(), num(exp, "slope_per_day"), 1e-7, 1e-12), "{name}: slope");
    let expected_candidates = exp["candidates"].as_array().unwrap();
    assert_eq!(got.candidates.len(), expected_candidates.len(), "{name}: candidates");
    for (fit, e) in got.candidates.iter().zip(expected_candidates) {
        let tag = format!("{name}/{}", fit.model_type.as_str());
        assert_eq!(fit.model_type, model_from(e["model_type"].as_str().unwrap()), "{tag}");
        for (a, b) in fit.coefficients.iter().zip(e["coefficients"].as_array().unwrap()) {
            assert!(close(*a, b.as_f64().unwrap(), 1e-7, 1e-11), "{tag}: coefficients {:?} vs {b}", fit.coefficients);
        }
        assert!(close(fit.sse, num(e, "sse"), 1e-8, 1e-12), "{tag}: sse");
        assert!(close(fit.r_squared, num(e, "r_squared"), 1e-9, 1e-10), "{tag}: r2");
        assert!(close(fit.adj_r_squared, num(e, "adj_r_squared"), 1e-9, 1e-10), "{tag}: adj r2");
        for (a, b) in [(fit.log_likelihood, opt_num(&e["log_likelihood"])), (fit.aicc, opt_num(&e["aicc"]))] {
            match (a, b) {
                (Some(a), Some(b)) => assert!(close(a, b, 1e-9, 1e-8), "{tag}: llf/aicc {a} vs {b}"),
                (a, b) => assert_eq!(a, b, "{tag}: llf/aicc presence"),
            }
        }
    }
    for p in exp["predictions"].as_array().unwrap() {
        let model = model_from(p["model_type"].as_str().unwrap());
        let fit = got.candidates.iter().find(|c| c.model_type == model).unwrap();
        let day = num(p, "day");
        let tag = format!("{name}/{}/day {day}", model.as_str());
        assert!(close(fit.predict(day), num(p, "predicted"), 1e-10, 1e-10), "{tag}: predicted");
        assert!(close(fit.se_observation(day), num(p, "se_observation"), 1e-8, 1e-12), "{tag}: se_obs");
        let (lo, hi) = fit.prediction_interval(day, 0.95);
        let pi = p["pi95"].as_array().unwrap();
        assert!(close(lo, pi[0].as_f64().unwrap(), 1e-9, 1e-10), "{tag}: PI low {lo}");
        assert!(close(hi, pi[1].as_f64().unwrap(), 1e-9, 1e-10), "{tag}: PI high {hi}");
    }
}

#[test]
fn forecasts_match_the_python_oracle() {
    let fx: Value = serde_json::from_str(CASES_FIXTURE).unwrap();
    let cases = fx["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        check_case(case);
    }
}

#[test]
fn worked_example_of_the_methods_doc() {
    // engine-methods.md §8, computed there with scipy 1.17.1.
    let ys = [40.0, 40.6, 41.1, 41.3, 42.0, 42.4, 43.1];
    let obs: Vec<Observation> =
        ys.iter().enumerate().map(|(i, v)| Observation { day: 7.0 * i as f64, value: *v }).collect();
    let days: Vec<f64> = obs.iter().map(|o| o.day).collect();
    let line = fit(ModelType::LinearRegression, &days, &ys).unwrap();
    assert!((line.coefficients[0] - 0.070408).abs() < 5e-7);
    assert!((line.coefficients[1] - 40.021429).abs() < 5e-7);
    assert!((line.r_squared - 0.988580).abs() < 5e-7);
    assert!((line.residual_se() - 0.125357).abs() < 5e-7);
    assert!((student_t_quantile(0.975, 5.0) - 2.570582).abs() < 5e-7);
    let goal = Goal { target: 45.0, direction: None, deadline_day: Some(90.0) };
    let f = forecast(&obs, &goal, None);
    assert_eq!(f.model_type, Some(ModelType::LinearRegression));
    assert_eq!(f.status, ForecastStatus::Projected);
    let x_star = f.projected_day.unwrap();
    assert!((x_star - 70.710).abs() < 5e-4);
    let (lo, hi) = line.prediction_interval(x_star, 0.95);
    assert!((0.5 * (hi - lo) - 0.5529).abs() < 5e-5);
    assert!((line.predict(90.0) - 46.3582).abs() < 5e-5);
    assert!((line.se_observation(90.0) - 0.2692).abs() < 5e-5);
    assert!((f.confidence - 0.9980).abs() < 5e-5);
    let quad = fit(ModelType::Polynomial, &days, &ys).unwrap();
    for (a, b) in quad.coefficients.iter().zip([2.42954e-4, 6.02041e-2, 40.0809524]) {
        assert!((a - b).abs() <= 5e-6 * b.abs());
    }
    let exp = fit(ModelType::Exponential, &days, &ys).unwrap();
    assert!((exp.coefficients[1].exp() - 40.036808).abs() < 5e-6);
    assert!((exp.coefficients[0] - 0.001696).abs() < 5e-7);
}

#[test]
fn model_type_strings_match_the_schema_enum() {
    assert_eq!(ModelType::LinearRegression.as_str(), "linear_regression");
    assert_eq!(ModelType::Polynomial.as_str(), "polynomial");
    assert_eq!(ModelType::Exponential.as_str(), "exponential");
    for m in [ModelType::LinearRegression, ModelType::Polynomial, ModelType::Exponential] {
        assert_eq!(serde_json::to_value(m).unwrap(), Value::String(m.as_str().to_owned()));
    }
}

#[test]
fn non_finite_rows_are_dropped() {
    let mut obs: Vec<Observation> =
        (0..6).map(|i| Observation { day: 7.0 * i as f64, value: 60.0 - 0.5 * i as f64 }).collect();
    let goal = Goal { target: 55.0, direction: None, deadline_day: None };
    let clean = forecast(&obs, &goal, None);
    obs.push(Observation { day: f64::NAN, value: 1.0 });
    obs.push(Observation { day: 50.0, value: f64::INFINITY });
    let dirty = forecast(&obs, &goal, None);
    assert_eq!(clean, dirty);
    assert_eq!(dirty.data_points, 6);
}

fn random_series(rng: &mut Lcg) -> (Vec<Observation>, Goal) {
    let n = 3 + (rng.next_f64() * 40.0) as usize;
    let slope = rng.range(-0.3, 0.3);
    let curve = rng.range(-0.002, 0.002);
    let base = rng.range(20.0, 120.0);
    let noise = rng.range(0.0, 3.0);
    let obs = (0..n)
        .map(|i| {
            let day = (i as f64 * rng.range(1.0, 9.0)).round();
            Observation { day, value: base + slope * day + curve * day * day + noise * rng.range(-1.0, 1.0) }
        })
        .collect();
    let deadline = (rng.next_f64() < 0.6).then(|| rng.range(0.0, 400.0));
    let goal = Goal { target: base + rng.range(-30.0, 30.0), direction: None, deadline_day: deadline };
    (obs, goal)
}

#[test]
fn forecasts_do_not_depend_on_input_order() {
    let mut rng = Lcg(0x5eed_0001);
    for _ in 0..300 {
        let (obs, goal) = random_series(&mut rng);
        let expected = forecast(&obs, &goal, None);
        let mut shuffled = obs.clone();
        for i in (1..shuffled.len()).rev() {
            let j = (rng.next_f64() * (i + 1) as f64) as usize;
            shuffled.swap(i, j.min(i));
        }
        assert_eq!(forecast(&shuffled, &goal, None), expected);
        shuffled.reverse();
        assert_eq!(forecast(&shuffled, &goal, None), expected);
    }
}

#[test]
fn confidence_stays_between_zero_and_one() {
    let mut rng = Lcg(0x5eed_0002);
    for _ in 0..500 {
        let (obs, goal) = random_series(&mut rng);
        let f = forecast(&obs, &goal, Some(rng.range(0.0, 500.0)));
        assert!((0.0..=1.0).contains(&f.confidence), "{f:?}");
        if f.status == ForecastStatus::InsufficientData {
            assert_eq!(f.confidence, 0.0);
            assert_eq!(f.projected_day, None);
        }
        if let Some(day) = f.projected_day {
            let now = f.as_of_day.unwrap();
            assert!(day >= now && day - now <= HORIZON_DAYS, "{f:?}");
        }
    }
}

#[test]
fn forecast_serialises_for_the_row_data() {
    let obs: Vec<Observation> = (0..8)
        .map(|i| Observation { day: 7.0 * i as f64, value: 70.0 - 0.3 * i as f64 + if i % 2 == 0 { 0.1 } else { 0.0 } })
        .collect();
    let f = forecast(&obs, &Goal { target: 65.0, direction: None, deadline_day: Some(120.0) }, None);
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["model_type"], "linear_regression");
    assert_eq!(json["status"], "projected");
    assert_eq!(json["method_version"], FORECAST_METHOD_VERSION);
    assert!(json["candidates"][0]["aicc"].is_number());
}
