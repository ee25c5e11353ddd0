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
/// let r = CoverageReport { valid: true, grids: 3, violations: vec![] };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"valid":true,"grids":3,"violations":[]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageReport {
    /// Whether no violation was found.
    pub valid: bool,
    /// How many grids (units with grid codes) of the layer took part.
    pub grids: usize,
    /// Every violation, sorted by kind, then codes, then location.
    pub violations: Vec<Violation>,
}

impl CoverageReport {
    /// The violations of one kind.
    ///
    /// ```
    /// use wangge::grid::coverage::{CoverageReport, ViolationKind};
    /// let r = CoverageReport { valid: true, grids: 0, violations: vec![] };
    /// assert_eq!(r.of_kind(ViolationKind::Gap).count(), 0);
    /// ```
    pub fn of_kind(&self, kind: ViolationKind) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(move |v| v.kind == kind)
    }
}

/// Rounds a coordinate to 1e-9° (0.1 mm) for stable output.
pub(crate) fn round_deg(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e9).round() / 1e9
    } else {
        0.0
    }
}

/// Rounds an area to 1e-3 m².
pub(crate) fn round_area(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e3).round() / 1e3
    } else {
        0.0
    }
}
