//! The two charts of a run, drawn with plotters as SVG from the engine's per-second samples:
//! pods by ReplicaSet over time (total, with ready and available summed) between the bounds that
//! maxSurge and maxUnavailable set, and requests per second by the version that answered, with
//! failures stacked on top. Pure: the page inserts the SVG, `rolloutscope` could write it to a file.
//!
//! plotters draws the geometry, and the few labels are written into the SVG here, at the
//! coordinates plotters maps the data to: natively plotters has no font backend (it would weigh
//! more than the rest of the page) and in the browser it would measure text through a canvas, so
//! the same SVG comes out on both.

use std::collections::BTreeMap;
use std::fmt::Write;

use plotters::coord::types::RangedCoordu64;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::sim::sample::Sample;

/// Versions are told apart by colour and, in the page, by shape and label too. Each has a contrast of
/// 4.5:1 or more on white, as text (a version's badge is written in its colour).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0x2f, 0x6f, 0xdb),
    RGBColor(0xc2, 0x41, 0x0c),
    RGBColor(0x23, 0x7a, 0x35),
    RGBColor(0x70, 0x48, 0xe8),
    RGBColor(0xc2, 0x25, 0x5c),
    RGBColor(0x0b, 0x72, 0x85),
];
const FAILED: RGBColor = RGBColor(0xb4, 0x23, 0x18);
const INK: RGBColor = RGBColor(0x5a, 0x66, 0x75);

/// The colour of the `i`th version (versions numbered in order of first appearance).
pub fn version_colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

pub fn css_colour(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Every image seen in the samples, numbered in order of first appearance (v1 before v2).
pub fn versions(samples: &[Sample]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for s in samples {
        for rs in &s.replica_sets {
            let n = out.len();
            out.entry(rs.image.clone()).or_insert(n);
        }
        for image in s.requests.by_image.keys() {
            let n = out.len();
            out.entry(image.clone()).or_insert(n);
        }
    }
    out
}

/// Labels in axis units at plotters' coordinates.
struct Labels(String);

impl Labels {
    fn text(&mut self, (x, y): (i32, i32), anchor: &str, text: &str) {
        let _ = write!(
            self.0,
            r#"<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="11" fill="currentColor">{}</text>"#,
            escape(text)
        );
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Puts the labels into the SVG, just before its end.
fn finish(svg: String, labels: Labels) -> String {
    match svg.rfind("</svg>") {
        Some(end) => format!("{}{}{}", &svg[..end], labels.0, &svg[end..]),
        None => svg,
    }
}

/// The x axis: whole seconds from 0 to the end of the samples (at least `min_span`).
fn x_range(samples: &[Sample], min_span: u64) -> u64 {
    samples.last().map_or(0, |s| s.t).max(min_span)
}

/// The bounds a rollout of `replicas` keeps: at most `replicas + surge` pods, at least
/// `replicas − unavailable` available.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub max_pods: i32,
    pub min_available: i32,
}

/// One axis of a heatmap: its name and the label of each step.
pub struct Axis<'a> {
    pub name: &'a str,
    pub labels: Vec<String>,
}

/// The what-if heatmap ([`crate::sweep`]): a square per column (`across`) and row (`down`, the
/// first at the top) with its value written in it, darker for more. A rollout that did not
/// complete is a red-outlined "—", a refused cell (0 and 0) a grey "✗": never colour alone.
/// `values` are row by row, as the sweep's cells, a label of each axis every fifth step.
pub fn heatmap(values: &[Option<Option<i64>>], size: (u32, u32), across: &Axis, down: &Axis) -> String {
    const LEFT: i32 = 44;
    const TOP: i32 = 8;
    const BOTTOM: i32 = 34;
    let (w, h) = (size.0 as i32, size.1 as i32);
    let (cols, rows) = (across.labels.len().max(1) as i32, down.labels.len().max(1) as i32);
    let cell = ((w - LEFT - 8) / cols).min((h - TOP - BOTTOM) / rows).max(4);
    let known: Vec<i64> = values.iter().flatten().flatten().copied().collect();
    let (lo, hi) = (known.iter().copied().min().unwrap_or(0), known.iter().copied().max().unwrap_or(0));
    let mut svg = String::new();
    let mut labels = Labels(String::new());
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        for (i, v) in values.iter().enumerate() {
            let (col, row) = (i as i32 % cols, i as i32 / cols);
            let (x, y) = (LEFT + col * cell, TOP + row * cell);
            let corners = [(x, y), (x + cell - 1, y + cell - 1)];
            let centre = (x + cell / 2, y + cell / 2 + 3);
            match v {
                Some(Some(value)) => {
                    let t = if hi > lo { (value - lo) as f64 / (hi - lo) as f64 } else { 0.0 };
                    let c = heat(t);
                    let _ = root.draw(&Rectangle::new(corners, c.filled()));
                    let ink = if t > 0.55 { "#ffffff" } else { "#16202c" };
                    let _ = write!(
                        labels.0,
                        r#"<text x="{}" y="{}" text-anchor="middle" font-size="8" fill="{ink}">{value}</text>"#,
                        centre.0, centre.1
                    );
                }
                Some(None) => {
                    let _ = root.draw(&Rectangle::new(corners, WHITE.filled()));
                    let _ = root.draw(&Rectangle::new(corners, FAILED.stroke_width(1)));
                    labels.text(centre, "middle", "—");
                }
                None => {
                    let _ = root.draw(&Rectangle::new(corners, INK.mix(0.25).filled()));
                    labels.text(centre, "middle", "✗");
                }
            }
        }
        let _ = root.present();
    }
    // Labels every fifth step, under the columns and left of the rows.
    for (i, label) in across.labels.iter().enumerate().step_by(5) {
        labels.text((LEFT + i as i32 * cell + cell / 2, TOP + rows * cell + 12), "middle", label);
    }
    for (i, label) in down.labels.iter().enumerate().step_by(5) {
        labels.text((LEFT - 4, TOP + i as i32 * cell + cell / 2 + 4), "end", label);
    }
    labels.text((LEFT + cols * cell, TOP + rows * cell + 28), "end", across.name);
    labels.text((4, TOP + rows * cell + 28), "start", down.name);
    finish(svg, labels)
}

/// From pale yellow (least) to deep blue (most).
fn heat(t: f64) -> RGBColor {
    let (a, b) = ((0xfd, 0xf1, 0xc4), (0x1b, 0x3a, 0x8c));
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t.clamp(0.0, 1.0)).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Pods of `deployments`' ReplicaSets over time: each ReplicaSet's pods (running and shutting
/// down) as a solid line in its version's colour, ready pods summed as a dashed line, available
/// pods as a dotted one, and the bounds as grey dashes.
pub fn pods(samples: &[Sample], deployments: &[&str], bounds: Option<Bounds>, size: (u32, u32), axis: &str) -> String {
    let versions = versions(samples);
    let end = x_range(samples, 30);
    // Each ReplicaSet's version and its (second, pods) points.
    type Line = (usize, Vec<(u64, u64)>);
    let mut series: BTreeMap<&str, Line> = BTreeMap::new();
    let (mut ready, mut available) = (Vec::new(), Vec::new());
    // Counts are never negative; as u64 both charts share one kind of axes.
    let count = |n: i32| u64::try_from(n).unwrap_or(0);
    let bounds = bounds.map(|b| (count(b.max_pods), count(b.min_available)));
    let mut top = bounds.map_or(1, |b| b.0);
    for s in samples {
        let (mut r, mut a) = (0, 0);
        for rs in s.replica_sets.iter().filter(|rs| deployments.contains(&rs.deployment.as_str())) {
            let pods = count(rs.status_replicas + rs.terminating);
            top = top.max(pods);
            let v = versions.get(&rs.image).copied().unwrap_or(0);
            series.entry(&rs.name).or_insert_with(|| (v, Vec::new())).1.push((s.t, pods));
            r += count(rs.ready_replicas);
            a += count(rs.available_replicas);
        }
        top = top.max(r);
        ready.push((s.t, r));
        available.push((s.t, a));
    }
    let top = top + 1;
    let mut svg = String::new();
    let mut labels = Labels(String::new());
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let Some(mut chart) = axes(&root, end, top) else { return String::new() };
        if let Some((max_pods, min_available)) = bounds {
            for y in [max_pods, min_available] {
                let _ =
                    chart.draw_series(DashedLineSeries::new([(0, y), (end, y)], 6, 4, INK.mix(0.8).stroke_width(1)));
            }
        }
        for (v, points) in series.values() {
            let style = version_colour(*v).stroke_width(2);
            let _ = chart.draw_series(LineSeries::new(points.iter().copied(), style));
        }
        let _ = chart.draw_series(DashedLineSeries::new(ready.iter().copied(), 5, 3, BLACK.mix(0.75).stroke_width(2)));
        let _ = chart.draw_series(DottedLineSeries::new(available.iter().copied(), 0, 5, |c| {
            Circle::new(c, 2, BLACK.mix(0.75).filled())
        }));
        axis_labels(&chart, &mut labels, end, top, axis);
        if let Some((max_pods, _)) = bounds {
            labels.text(chart.backend_coord(&(end, max_pods)), "end", &format!("{max_pods} "));
        }
        let _ = root.present();
    }
    finish(svg, labels)
}

/// Requests per second by the version that answered them (succeeded ones, filled), with the
/// failed ones (errors, refused, no endpoint) stacked on top as outlined red bars.
pub fn requests(samples: &[Sample], size: (u32, u32), axis: &str) -> String {
    let versions = versions(samples);
    let end = x_range(samples, 30);
    // Per second: (t, [(version, succeeded)], failed).
    type Bar = (u64, Vec<(usize, u64)>, u64);
    let mut bars: Vec<Bar> = Vec::new();
    let mut top = 1;
    for w in samples.windows(2) {
        let (a, b) = (&w[0].requests, &w[1].requests);
        let mut stack = Vec::new();
        for (image, n) in &b.by_image {
            let errors = |r: &crate::sim::sample::RequestCounts| r.errors_by_image.get(image).copied().unwrap_or(0);
            let ok = (n - a.by_image.get(image).copied().unwrap_or(0)).saturating_sub(errors(b) - errors(a));
            if ok > 0 {
                stack.push((versions.get(image).copied().unwrap_or(0), ok));
            }
        }
        let failed = b.failed - a.failed;
        top = top.max(stack.iter().map(|(_, n)| n).sum::<u64>() + failed);
        bars.push((w[1].t, stack, failed));
    }
    let top = top + top / 10 + 1;
    let mut svg = String::new();
    let mut labels = Labels(String::new());
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let Some(mut chart) = axes(&root, end, top) else { return String::new() };
        for (t, stack, failed) in &bars {
            let mut y = 0;
            for (v, n) in stack {
                let rect = Rectangle::new([(t - 1, y), (*t, y + n)], version_colour(*v).filled());
                let _ = chart.draw_series(std::iter::once(rect));
                y += n;
            }
            if *failed > 0 {
                let rect = Rectangle::new([(t - 1, y), (*t, y + failed)], FAILED.stroke_width(2));
                let _ = chart.draw_series(std::iter::once(rect));
            }
        }
        axis_labels(&chart, &mut labels, end, top, axis);
        let _ = root.present();
    }
    finish(svg, labels)
}

/// The cluster at one moment, for a figure: each Deployment, its ReplicaSets newest first with
/// desired / current / ready / available, and a square per pod in its version's colour (filled:
/// Ready; outlined: not Ready; crossed: terminating).
pub fn cluster(w: &crate::sim::World, width: u32) -> String {
    const ROW: i32 = 18;
    const POD: i32 = 12;
    const GAP: i32 = 4;
    let per_row = ((width as i32 - 24) / (POD + GAP)).max(1);
    let mut rss: Vec<&crate::sim::objects::ReplicaSet> = w.replica_sets.values().collect();
    rss.sort_by_key(|rs| (rs.metadata.creation_timestamp, rs.metadata.uid));
    let mut versions: BTreeMap<&str, usize> = BTreeMap::new();
    for rs in &rss {
        let n = versions.len();
        versions.entry(rs.spec.template.image()).or_insert(n);
    }
    // Layout first (the height depends on it), then drawing.
    enum Item<'a> {
        Text(i32, String, bool),
        Pods(i32, Vec<&'a crate::sim::objects::Pod>, usize),
    }
    let mut items = Vec::new();
    let mut y = 4;
    for d in w.deployments.values() {
        y += ROW;
        items.push(Item::Text(y, format!("deployment.apps/{}  replicas {}", d.metadata.name, d.spec.replicas), true));
        let mut own = w.replica_sets_of(&d.metadata.name);
        own.sort_by_key(|rs| std::cmp::Reverse(rs.revision()));
        for rs in own {
            y += ROW;
            items.push(Item::Text(
                y,
                format!(
                    "rs/{}  revision {}  {}  desired {} · current {} · ready {} · available {}",
                    rs.metadata.name,
                    rs.revision(),
                    rs.spec.template.image(),
                    rs.spec.replicas,
                    rs.status.replicas,
                    rs.status.ready_replicas,
                    rs.status.available_replicas
                ),
                false,
            ));
            let mut pods: Vec<_> =
                w.pods.values().filter(|p| p.metadata.owner.as_deref() == Some(rs.metadata.name.as_str())).collect();
            pods.sort_by_key(|p| (p.metadata.creation_timestamp, p.metadata.uid));
            if !pods.is_empty() {
                let lines = (pods.len() as i32 + per_row - 1) / per_row;
                items.push(Item::Pods(y + 6, pods, versions.get(rs.spec.template.image()).copied().unwrap_or(0)));
                y += 6 + lines * (POD + GAP);
            }
        }
        y += GAP;
    }
    let height = (y + 8).max(40) as u32;
    let mut svg = String::new();
    let mut labels = Labels(String::new());
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        for item in &items {
            match item {
                Item::Text(y, text, bold) => {
                    let indent = if *bold { 8 } else { 16 };
                    labels.text((indent, *y), "start", text);
                }
                Item::Pods(y, pods, v) => {
                    let colour = version_colour(*v);
                    for (i, p) in pods.iter().enumerate() {
                        let (col, line) = (i as i32 % per_row, i as i32 / per_row);
                        let (x0, y0) = (16 + col * (POD + GAP), y + line * (POD + GAP));
                        let corners = [(x0, y0), (x0 + POD, y0 + POD)];
                        let style = if p.status.ready && !p.is_terminating() {
                            colour.filled()
                        } else {
                            colour.stroke_width(2)
                        };
                        let _ = root.draw(&Rectangle::new(corners, style));
                        if p.is_terminating() {
                            let _ = root.draw(&PathElement::new([(x0, y0), (x0 + POD, y0 + POD)], INK.stroke_width(1)));
                            let _ = root.draw(&PathElement::new([(x0 + POD, y0), (x0, y0 + POD)], INK.stroke_width(1)));
                        }
                    }
                }
            }
        }
        let _ = root.present();
    }
    finish(svg, labels)
}

/// SVG figures one under the other in one SVG, under a title, each under its caption.
pub fn stack(parts: &[(&str, String)], width: u32, title: &str) -> String {
    let mut body = String::new();
    let mut y = 24u32;
    for (caption, part) in parts {
        if !caption.is_empty() {
            y += 16;
            let _ = write!(
                body,
                r#"<text x="8" y="{y}" font-size="12" font-weight="bold" fill="currentColor">{}</text>"#,
                escape(caption)
            );
            y += 4;
        }
        let height = part
            .split_once("height=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .and_then(|(h, _)| h.parse::<u32>().ok())
            .unwrap_or(0);
        // Each figure keeps its own coordinates, moved down under the previous one.
        let _ = write!(body, r#"<g transform="translate(0,{y})">{part}</g>"#);
        y += height + 12;
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}" font-family="sans-serif" color="#16202c"><rect width="100%" height="100%" fill="#ffffff"/><text x="8" y="16" font-size="13" font-weight="bold" fill="currentColor">{}</text>{body}</svg>"##,
        escape(title)
    )
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordu64, RangedCoordu64>>;

/// Both charts' axes: whole seconds `0..end` across, counts `0..top` up, with grid lines and no
/// text ([`axis_labels`] writes it, the same natively and in the browser).
fn axes<'a, 'b>(root: &'a DrawingArea<SVGBackend<'b>, Shift>, end: u64, top: u64) -> Option<Chart<'a, 'b>> {
    let mut chart = ChartBuilder::on(root)
        .margin_top(8)
        .margin_right(12)
        .x_label_area_size(22)
        .y_label_area_size(36)
        .build_cartesian_2d(0u64..end, 0u64..top)
        .ok()?;
    let _ = chart
        .configure_mesh()
        .disable_x_mesh()
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|_| String::new())
        .y_labels(top.min(10) as usize)
        .light_line_style(INK.mix(0.12))
        .bold_line_style(INK.mix(0.3))
        .axis_style(INK)
        .draw();
    Some(chart)
}

/// Seconds under the x axis (with the unit, `axis`, at its end) and counts left of the y axis,
/// at round steps.
fn axis_labels(chart: &Chart<'_, '_>, labels: &mut Labels, end: u64, top: u64, axis: &str) {
    let step = [10u64, 30, 60, 120, 300, 600, 1800].into_iter().find(|s| end / s <= 8).unwrap_or(3600);
    for t in (0..=end).step_by(step as usize) {
        let (x, y) = chart.backend_coord(&(t, 0));
        labels.text((x, y + 15), "middle", &t.to_string());
    }
    let (x, y) = chart.backend_coord(&(end, 0));
    labels.text((x, y - 4), "end", axis);
    let step =
        [1u64, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].into_iter().find(|s| top / s <= 6).unwrap_or(10_000);
    for v in (0..top).step_by(step as usize) {
        let (x, y) = chart.backend_coord(&(0, v));
        labels.text((x - 4, y + 4), "end", &v.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::Knobs;
    use crate::sim::SimTime;

    fn samples() -> Vec<Sample> {
        let knobs = Knobs::default();
        let mut w = knobs.scenario(1).world();
        let mut out = vec![Sample::of(&w)];
        for t in 1..=60 {
            if t == 20 {
                for i in knobs.deploy(&w).unwrap() {
                    w.apply(i).unwrap();
                }
            }
            w.run_until(SimTime::from_secs(t));
            out.push(Sample::of(&w));
        }
        out
    }

    #[test]
    fn the_pods_chart_draws_one_line_per_replica_set_and_the_bounds() {
        let s = samples();
        let svg = pods(&s, &["http-go"], Some(Bounds { max_pods: 5, min_available: 3 }), (480, 200), "s");
        assert!(svg.starts_with("<svg"), "{svg}");
        // Two ReplicaSets in two colours.
        assert!(
            svg.contains(&css_colour(PALETTE[0]).to_uppercase())
                && svg.contains(&css_colour(PALETTE[1]).to_uppercase()),
            "{svg}"
        );
        assert!(svg.contains(">60</text>") || svg.contains(">30</text>"));
        assert!(svg.contains(">5 </text>"), "the max-pods bound is labelled");
    }

    #[test]
    fn the_requests_chart_stacks_versions_and_failures() {
        let s = samples();
        let svg = requests(&s, (480, 200), "s");
        let bars = svg.matches("<rect").count();
        // The background, and at least one bar a second once the app serves.
        assert!(bars > 50, "{bars}");
        // The app starts with no endpoint: the first seconds fail, outlined in red.
        assert!(svg.contains(&css_colour(FAILED).to_uppercase()));
    }
}
