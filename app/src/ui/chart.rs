//! Server-rendered SVG line charts (they show without JavaScript).

use leptos::prelude::*;

/// Maps points to SVG coordinates inside a `width` × `height` box with
/// `pad` on every side. A single point or a flat series is drawn across the
/// middle rather than dividing by zero.
pub fn project(points: &[(i64, f64)], width: f64, height: f64, pad: f64) -> Vec<(f64, f64)> {
    if points.is_empty() {
        return vec![];
    }
    let (x0, x1) = points.iter().fold((i64::MAX, i64::MIN), |(lo, hi), (x, _)| (lo.min(*x), hi.max(*x)));
    let (y0, y1) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (_, y)| (lo.min(*y), hi.max(*y)));
    let span_x = (x1 - x0) as f64;
    let span_y = y1 - y0;
    points
        .iter()
        .map(|(x, y)| {
            let px = if span_x > 0.0 { pad + (*x - x0) as f64 / span_x * (width - 2.0 * pad) } else { width / 2.0 };
            let py = if span_y > 0.0 { height - pad - (y - y0) / span_y * (height - 2.0 * pad) } else { height / 2.0 };
            ((px * 10.0).round() / 10.0, (py * 10.0).round() / 10.0)
        })
        .collect()
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// A chart's colour as Tailwind theme classes: the line's stroke and the
/// dots' fill (no colour values in views).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tone {
    pub line: &'static str,
    pub dot: &'static str,
}

impl Tone {
    pub const ROSE: Tone = Tone { line: "stroke-rose-700", dot: "fill-rose-700" };
    pub const VIOLET: Tone = Tone { line: "stroke-violet-700", dot: "fill-violet-700" };
    pub const SKY: Tone = Tone { line: "stroke-sky-700", dot: "fill-sky-700" };
    pub const EMERALD: Tone = Tone { line: "stroke-emerald-700", dot: "fill-emerald-700" };
    pub const AMBER: Tone = Tone { line: "stroke-amber-700", dot: "fill-amber-700" };
    pub const TEAL: Tone = Tone { line: "stroke-teal-700", dot: "fill-teal-700" };
    pub const ORANGE: Tone = Tone { line: "stroke-orange-700", dot: "fill-orange-700" };
    pub const SLATE: Tone = Tone { line: "stroke-slate-700", dot: "fill-slate-700" };
}

/// A line over time. `points` are (unix seconds, value), oldest first.
#[component]
pub fn LineChart(
    points: Vec<(i64, f64)>,
    #[prop(into)] label: String,
    #[prop(default = Tone::ROSE)] tone: Tone,
    #[prop(default = 320.0)] width: f64,
    #[prop(default = 120.0)] height: f64,
) -> impl IntoView {
    let projected = project(&points, width, height, 12.0);
    let polyline = projected.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ");
    let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (_, y)| (lo.min(*y), hi.max(*y)));
    let summary = if points.is_empty() {
        format!("{label}: no data yet")
    } else {
        format!("{label}: {} points, from {} to {}", points.len(), fmt(lo), fmt(hi))
    };
    let dots = projected.iter().map(|(x, y)| view! { <circle cx=*x cy=*y r="2.5" class=tone.dot/> }).collect_view();
    let aria_label = summary.clone();
    view! {
        <svg
            class="w-full h-auto"
            viewBox=format!("0 0 {width} {height}")
            role="img"
            aria-label=aria_label
        >
            <title>{summary}</title>
            <line x1="12" y1=height - 12.0 x2=width - 12.0 y2=height - 12.0 class="stroke-slate-400" stroke-width="1"/>
            <polyline points=polyline fill="none" class=tone.line stroke-width="2" stroke-linejoin="round"/>
            {dots}
            {(!points.is_empty()).then(|| view! {
                <text x="14" y="11" font-size="10" class="fill-slate-700">{fmt(hi)}</text>
                <text x="14" y=height - 15.0 font-size="10" class="fill-slate-700">{fmt(lo)}</text>
            })}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::project;

    #[test]
    fn extremes_land_on_the_padding() {
        let p = project(&[(0, 10.0), (50, 15.0), (100, 20.0)], 200.0, 100.0, 10.0);
        assert_eq!(p, vec![(10.0, 90.0), (100.0, 50.0), (190.0, 10.0)]);
    }

    #[test]
    fn a_flat_or_single_series_is_centred() {
        assert_eq!(project(&[(5, 3.0)], 200.0, 100.0, 10.0), vec![(100.0, 50.0)]);
        let flat = project(&[(0, 3.0), (10, 3.0)], 200.0, 100.0, 10.0);
        assert!(flat.iter().all(|(_, y)| *y == 50.0));
        assert!(project(&[], 200.0, 100.0, 10.0).is_empty());
    }
}
