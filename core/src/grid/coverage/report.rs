//! The report: what is wrong with a layer, where, how big, and which units are involved.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::code::UnitCode;
use crate::geo::Point;

/// The kind of a coverage violation.
///
/// Serialized in snake case (`"gap"`, `"outside_parent"`, …), the names the CLI and every
/// binding print.
///
/// ```
/// use wangge::grid::coverage::ViolationKind;
/// assert_eq!(serde_json::to_string(&ViolationKind::OutsideParent).unwrap(), "\"outside_parent\"");
/// assert_eq!(ViolationKind::Gap.to_string(), "gap");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    /// Area of a parent (or, without a parent, a hole inside the layer) that no unit covers
    /// (不留空白). Also a whole unit whose siblings have children but it has none.
    Gap,
    /// Area covered by more than one unit of the same level (不得交叉重叠).
    Overlap,
    /// The same geometry twice (under different codes), or the same code twice with
    /// overlapping validity.
    Duplicate,
    /// A ring that is not valid: self-intersection, unclosed, fewer than four points,
    /// NaN/infinite or out-of-range coordinates, zero area, a hole outside its shell.
    InvalidGeometry,
    /// A code that does not extend its parent's code, a grid code in a layout other than
    /// the policy's, or a unit at a level the hierarchy does not allow.
    CodeMismatch,
    /// A unit whose parent is in neither file, although units of the parent's level are.
    Orphan,
    /// Area of a unit lying outside its parent.
    OutsideParent,
    /// A grid whose households and population are both outside the division rule.
    SizeRule,
}

impl ViolationKind {
    /// Every kind, in report order.
    pub const ALL: [ViolationKind; 8] = [
        ViolationKind::Gap,
        ViolationKind::Overlap,
        ViolationKind::Duplicate,
        ViolationKind::InvalidGeometry,
        ViolationKind::CodeMismatch,
        ViolationKind::Orphan,
        ViolationKind::OutsideParent,
        ViolationKind::SizeRule,
    ];

    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            ViolationKind::Gap => "gap",
            ViolationKind::Overlap => "overlap",
            ViolationKind::Duplicate => "duplicate",
            ViolationKind::InvalidGeometry => "invalid_geometry",
            ViolationKind::CodeMismatch => "code_mismatch",
            ViolationKind::Orphan => "orphan",
            ViolationKind::OutsideParent => "outside_parent",
            ViolationKind::SizeRule => "size_rule",
        }
    }
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One violation: its kind, the units involved, a point locating it and its size.
///
/// `at` is `[lon, lat]` (WGS84 degrees, rounded to 1e-9°): a point **inside** a gap,
/// overlap or area outside the parent; the offending vertex of an invalid ring; a point
/// inside the unit for per-unit violations. `area_m2` is the area of the gap, overlap or
/// outside part, or the unit's own area for per-unit violations (0 when it cannot be
/// measured), rounded to 1e-3 m².
///
/// ```
/// use wangge::grid::coverage::{Violation, ViolationKind};
/// let v = Violation {
///     kind: ViolationKind::Gap,
///     codes: vec!["371323100201001".parse()?],
///     at: [118.5, 35.8],
///     area_m2: 12.5,
///     message: "gap of 12.5 m²".into(),
///     more_codes: 0,
/// };
/// let json = serde_json::to_value(&v).unwrap();
/// assert_eq!(json["kind"], "gap");
/// assert_eq!(json["codes"][0], "371323100201001");
/// assert_eq!(json["at"][0], 118.5);
/// # Ok::<(), wangge::code::CodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// What is wrong.
    pub kind: ViolationKind,
    /// The units involved: for gaps and overlaps the units around or over the area, then
    /// the parent (if any); for duplicates every copy; for a code mismatch the unit and
    /// its parent.
    pub codes: Vec<UnitCode>,
    /// Where: `[lon, lat]`.
    pub at: [f64; 2],
    /// How big, in square metres.
    pub area_m2: f64,
    /// A human explanation.
    pub message: String,
    /// How many more units are involved than `codes` lists (it lists at most
    /// [`MAX_CODES`], the smallest codes, then the parent). Omitted from JSON when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_codes: usize,
}

/// Most codes a violation lists (besides the parent); the rest are counted in
/// [`Violation::more_codes`].
pub const MAX_CODES: usize = 16;

/// Most violations of one kind a report lists: the largest by area (then in report order);
/// the rest are counted in [`CoverageReport::omitted`]. With [`MAX_CODES`] this keeps any
/// report within a few MB, whatever the input.
pub const MAX_PER_KIND: usize = 500;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Violation {
    /// `at` as a [`Point`].
    pub fn point(&self) -> Point {
        Point::new(self.at[0], self.at[1])
    }
}

/// The result of [`validate`](super::validate).
///
/// ```
/// use wangge::grid::coverage::CoverageReport;
/// let r = CoverageReport { valid: true, grids: 3, violations: vec![], omitted: 0 };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"valid":true,"grids":3,"violations":[]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageReport {
    /// Whether no violation was found.
    pub valid: bool,
    /// How many grids (units with grid codes) of the layer took part.
    pub grids: usize,
    /// The violations, sorted by kind, then codes, then location: every one, or for a
    /// kind with more than [`MAX_PER_KIND`], the largest of them.
    pub violations: Vec<Violation>,
    /// How many violations were found but not listed. Omitted from JSON when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

impl CoverageReport {
    /// The violations of one kind.
    ///
    /// ```
    /// use wangge::grid::coverage::{CoverageReport, ViolationKind};
    /// let r = CoverageReport { valid: true, grids: 0, violations: vec![], omitted: 0 };
    /// assert_eq!(r.of_kind(ViolationKind::Gap).count(), 0);
    /// ```
    pub fn of_kind(&self, kind: ViolationKind) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(move |v| v.kind == kind)
    }
}

/// Rounds a coordinate to 1e-9° (0.1 mm) for stable output; a finite value too large to
/// round (an invalid coordinate reported as such) is kept, a non-finite one becomes 0.
pub(crate) fn round_deg(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r.is_finite() {
        r
    } else if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// The codes of a violation: sorted, deduplicated, at most [`MAX_CODES`]; and how many
/// were left out.
pub(crate) fn capped_codes(mut codes: Vec<UnitCode>) -> (Vec<UnitCode>, usize) {
    codes.sort_by_cached_key(|c| c.to_string());
    codes.dedup();
    let more = codes.len().saturating_sub(MAX_CODES);
    codes.truncate(MAX_CODES);
    (codes, more)
}

/// The codes as text for a message: `a, b, c` and `… and N more`.
pub(crate) fn names(codes: &[UnitCode], more: usize) -> String {
    let mut text = codes
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if text.is_empty() {
        text.push('-');
    }
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Keeps at most [`MAX_PER_KIND`] violations of each kind (the largest by area, ties in
/// input order); returns how many were dropped.
pub(crate) fn cap_per_kind(violations: &mut Vec<Violation>) -> usize {
    let mut count = std::collections::BTreeMap::<ViolationKind, usize>::new();
    for v in violations.iter() {
        *count.entry(v.kind).or_default() += 1;
    }
    if count.values().all(|&n| n <= MAX_PER_KIND) {
        return 0;
    }
    let before = violations.len();
    let mut order: Vec<usize> = (0..violations.len()).collect();
    order.sort_by(|&a, &b| {
        let (va, vb) = (&violations[a], &violations[b]);
        va.kind
            .cmp(&vb.kind)
            .then(vb.area_m2.total_cmp(&va.area_m2))
            .then(a.cmp(&b))
    });
    let mut keep = vec![false; violations.len()];
    let mut taken = std::collections::BTreeMap::<ViolationKind, usize>::new();
    for i in order {
        let t = taken.entry(violations[i].kind).or_default();
        if *t < MAX_PER_KIND {
            *t += 1;
            keep[i] = true;
        }
    }
    let mut k = 0;
    violations.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    before - violations.len()
}

/// Rounds an area to 1e-3 m².
pub(crate) fn round_area(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e3).round() / 1e3
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(kind: ViolationKind, area_m2: f64, seq: u32) -> Violation {
        Violation {
            kind,
            codes: vec![format!("371323100201{seq:03}").parse().unwrap()],
            at: [118.5, 35.8],
            area_m2,
            message: String::new(),
            more_codes: 0,
        }
    }

    /// Over the cap, each kind keeps its largest violations (ties: first found) and counts
    /// the rest; kinds under the cap are untouched.
    #[test]
    fn cap_keeps_the_largest_of_each_kind() {
        let n = MAX_PER_KIND + 37;
        // Areas 0, 1, …, n − 1 in a scrambled order.
        let mut all: Vec<Violation> = (0..n)
            .map(|k| v(ViolationKind::Overlap, ((k * 7919) % n) as f64, 1))
            .collect();
        all.push(v(ViolationKind::Gap, 0.5, 2));
        let omitted = cap_per_kind(&mut all);
        assert_eq!(omitted, 37);
        assert_eq!(all.len(), MAX_PER_KIND + 1);
        let mut kept: Vec<f64> = all
            .iter()
            .filter(|x| x.kind == ViolationKind::Overlap)
            .map(|x| x.area_m2)
            .collect();
        kept.sort_by(f64::total_cmp);
        let expected: Vec<f64> = (37..n).map(|a| a as f64).collect();
        assert_eq!(kept, expected);
        assert_eq!(
            all.iter().filter(|x| x.kind == ViolationKind::Gap).count(),
            1
        );
        let mut small = vec![v(ViolationKind::Gap, 1.0, 1)];
        assert_eq!(cap_per_kind(&mut small), 0);
    }

    #[test]
    fn codes_are_capped_and_counted() {
        let codes: Vec<UnitCode> = (1..=40)
            .rev()
            .map(|k| format!("371323100201{k:03}").parse().unwrap())
            .chain(std::iter::once("371323100201001".parse().unwrap()))
            .collect();
        let (kept, more) = capped_codes(codes);
        assert_eq!((kept.len(), more), (MAX_CODES, 40 - MAX_CODES));
        assert_eq!(kept[0].to_string(), "371323100201001");
        assert!(names(&kept, more).ends_with(&format!(" and {more} more")));
    }

    #[test]
    fn rounding_never_gives_non_finite_numbers() {
        assert_eq!(round_deg(1e308), 1e308);
        assert_eq!(round_deg(f64::INFINITY), 0.0);
        assert_eq!(round_deg(118.123_456_789_4), 118.123_456_789);
        assert_eq!(round_area(f64::NEG_INFINITY), 0.0);
    }
}
