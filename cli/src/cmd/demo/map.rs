//! The month as a picture: `county.svg`, every grid one `<path class="grid">` coloured by
//! its score, the cases still overdue at the month's end marked where they were reported,
//! town boundaries, a title and a legend. Plain SVG 1.1 text: any browser or
//! `rsvg-convert` draws it.

use std::collections::HashMap;
use std::fmt::Write;

use wangge::code::UnitCode;
use wangge::geo::{MultiPolygon, Point};
use wangge::grid::Layer;

/// Colour classes of a score, as a percentage of the sheet's maximum: the lower bound,
/// the fill and the legend's label. Below the last bound: the last colour.
pub const CLASSES: [(f64, &str, &str); 6] = [
    (95.0, "#1a9850", "≥ 95"),
    (90.0, "#91cf60", "90–95"),
    (80.0, "#d9ef8b", "80–90"),
    (70.0, "#fee08b", "70–80"),
    (60.0, "#fc8d59", "60–70"),
    (f64::NEG_INFINITY, "#d73027", "< 60"),
];

/// The fill of a grid without a score (no case due in the month).
pub const NO_SCORE: &str = "#d9d9d9";

/// The fill of a score in percent of the maximum (`None`: no score).
///
/// ```ignore
/// assert_eq!(fill(Some(96.0)), "#1a9850");
/// ```
pub fn fill(percent: Option<f64>) -> &'static str {
    match percent {
        None => NO_SCORE,
        Some(p) => CLASSES
            .iter()
            .find(|(min, ..)| p >= *min)
            .map_or(CLASSES[5].1, |c| c.1),
    }
}

/// What the map shows.
pub struct MapData<'a> {
    /// The layer (grids and the levels above).
    pub layer: &'a Layer,
    /// Each grid's score in percent of the sheet's maximum.
    pub scores: &'a HashMap<UnitCode, f64>,
    /// Where the overdue cases were reported.
    pub overdue: &'a [Point],
    /// The title line.
    pub title: String,
}

struct Frame {
    west: f64,
    north: f64,
    kx: f64,
    scale: f64,
}

impl Frame {
    fn xy(&self, p: &Point) -> (f64, f64) {
        (
            MARGIN + (p.lon - self.west) * self.kx * self.scale,
            TOP + (self.north - p.lat) * self.scale,
        )
    }
}

const WIDTH: f64 = 1000.0;
const MAP_H: f64 = 760.0;
const MARGIN: f64 = 20.0;
const TOP: f64 = 50.0;
const LEGEND_W: f64 = 190.0;

fn path(frame: &Frame, g: &MultiPolygon) -> String {
    let mut d = String::new();
    for ring in g.rings() {
        for (k, p) in ring.points().iter().enumerate() {
            let (x, y) = frame.xy(p);
            let _ = write!(d, "{}{x:.1},{y:.1}", if k == 0 { 'M' } else { 'L' });
        }
        d.push('Z');
    }
    d
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders the map.
pub fn render(m: &MapData<'_>) -> String {
    let grids: Vec<_> = m.layer.grids().collect();
    let boxes: Vec<_> = grids.iter().filter_map(|u| u.geometry.bbox()).collect();
    let west = boxes
        .iter()
        .map(|b| b.min_lon)
        .fold(f64::INFINITY, f64::min);
    let east = boxes
        .iter()
        .map(|b| b.max_lon)
        .fold(f64::NEG_INFINITY, f64::max);
    let south = boxes
        .iter()
        .map(|b| b.min_lat)
        .fold(f64::INFINITY, f64::min);
    let north = boxes
        .iter()
        .map(|b| b.max_lat)
        .fold(f64::NEG_INFINITY, f64::max);
    let (west, east, south, north) = if west.is_finite() && east > west && north > south {
        (west, east, south, north)
    } else {
        (0.0, 1.0, 0.0, 1.0)
    };
    let kx = ((south + north) / 2.0).to_radians().cos();
    let map_w = WIDTH - LEGEND_W - 2.0 * MARGIN;
    let scale = (map_w / ((east - west) * kx)).min((MAP_H - TOP - MARGIN) / (north - south));
    let frame = Frame {
        west,
        north,
        kx,
        scale,
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{WIDTH}\" height=\"{MAP_H}\" viewBox=\"0 0 {WIDTH} {MAP_H}\" \
         font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"{MARGIN}\" y=\"30\" font-size=\"18\">{}</text>\n<g stroke=\"#ffffff\" \
         stroke-width=\"0.4\">\n",
        escape(&m.title)
    );
    for u in &grids {
        let score = m.scores.get(&u.code).copied();
        let _ = writeln!(
            s,
            "<path class=\"grid\" data-code=\"{}\" data-score=\"{}\" fill=\"{}\" d=\"{}\"/>",
            u.code,
            score.map_or_else(String::new, |v| format!("{v:.2}")),
            fill(score),
            path(&frame, &u.geometry)
        );
    }
    s.push_str("</g>\n<g fill=\"none\" stroke=\"#333333\" stroke-width=\"1.2\">\n");
    for u in m.layer.units.iter().filter(
        |u| matches!(u.code, UnitCode::Admin(a) if a.level() == wangge::code::AdminLevel::Town),
    ) {
        let _ = writeln!(
            s,
            "<path class=\"town\" data-code=\"{}\" d=\"{}\"/>",
            u.code,
            path(&frame, &u.geometry)
        );
    }
    s.push_str("</g>\n<g fill=\"#b2182b\" stroke=\"#ffffff\" stroke-width=\"0.8\">\n");
    for p in m.overdue {
        let (x, y) = frame.xy(p);
        let _ = writeln!(
            s,
            "<circle class=\"overdue\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\"/>"
        );
    }
    s.push_str("</g>\n");
    legend(&mut s, m.overdue.len());
    s.push_str("</svg>\n");
    s
}

fn legend(s: &mut String, overdue: usize) {
    let x = WIDTH - LEGEND_W;
    let _ = writeln!(
        s,
        "<g class=\"legend\" font-size=\"13\">\n<text x=\"{x}\" y=\"{}\">grid score (% of max)</text>",
        TOP + 10.0
    );
    let rows = CLASSES
        .iter()
        .map(|c| (c.1, c.2.to_string()))
        .chain([(NO_SCORE, "no total".to_string())]);
    for (k, (colour, label)) in rows.enumerate() {
        let y = TOP + 25.0 + k as f64 * 22.0;
        let _ = writeln!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"18\" height=\"14\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            x + 26.0,
            y + 12.0,
            escape(&label)
        );
    }
    let y = TOP + 25.0 + 7.0 * 22.0 + 10.0;
    let _ = writeln!(
        s,
        "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#b2182b\"/><text x=\"{}\" y=\"{}\">overdue case ({overdue})</text>\n\
         <line x1=\"{x}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\" stroke-width=\"1.2\"/>\
         <text x=\"{}\" y=\"{}\">town boundary</text>\n</g>",
        x + 9.0,
        y + 7.0,
        x + 26.0,
        y + 12.0,
        y + 30.0,
        x + 18.0,
        y + 30.0,
        x + 26.0,
        y + 34.0
    );
}
