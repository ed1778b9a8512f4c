//! Test helpers: a fixed linear congruential generator for deterministic property-style tests
//! (no randomness at run time, the same cases on every run) and float comparison.

/// Knuth's MMIX LCG. Deterministic: the same seed always yields the same sequence.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 11
    }
    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next_u64() as f64 / (1u64 << 53) as f64)
    }
    /// Uniform integer in [lo, hi].
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }
    /// In-place Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            xs.swap(i, j);
        }
    }
}

/// Absolute-or-relative closeness: |a − b| ≤ tol · max(1, |b|).
pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

/// Both `None`, or both `Some` and close.
pub fn close_opt(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => close(x, y, tol),
        _ => false,
    }
}

/// Consecutive daily loads from day 0.
pub fn daily_loads(loads: &[f64]) -> Vec<super::pmc::DailyLoad> {
    loads.iter().enumerate().map(|(i, &load)| super::pmc::DailyLoad { day: i as i64, load }).collect()
}
