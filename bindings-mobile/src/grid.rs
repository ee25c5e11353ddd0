//! Coverage validation (`Layer.validate`) and the grid index object (`GridIndex`).

use std::sync::Arc;

use chrono::NaiveDate;
use wangge::geo::Point;
use wangge::grid::coverage::{self, CoverageReport as CoreReport};
use wangge::grid::index::api::read_date;
use wangge::grid::{GridIndex as CoreIndex, Location as CoreLocation};

use crate::{Crs, Layer, WanggeError, core, guard};

/// The options of `Layer.validate` (the fields of the `grid.validate` operation).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct ValidateOptions {
    /// Gaps, overlaps and outside parts narrower than this on average (metres) are
    /// slivers and not reported. Defaults to the policy's (0.05 m).
    #[uniffi(default = None)]
    pub tolerance_m: Option<f64>,
    /// A policy preset id (`"seed003"`) or policy text (TOML or JSON). Defaults to the
    /// built-in defaults.
    #[uniffi(default = None)]
    pub policy: Option<String>,
    /// Check the versions in force on this date (`YYYY-MM-DD`) instead of the current ones.
    #[uniffi(default = None)]
    pub as_of: Option<String>,
}

/// The kind of a coverage violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ViolationKind {
    /// Area of a parent (or a hole inside the layer) no unit covers (不留空白).
    Gap,
    /// Area covered by more than one unit of a level (不得交叉重叠).
    Overlap,
    /// The same geometry under two codes, or one code twice with overlapping validity.
    Duplicate,
    /// A ring that is not valid (self-intersection, unclosed, too few points, …).
    InvalidGeometry,
    /// A code that does not extend its parent's, or the wrong grid code layout.
    CodeMismatch,
    /// A unit whose parent is in neither file.
    Orphan,
    /// Area of a unit outside its parent.
    OutsideParent,
    /// A grid outside the division rule (households and people).
    SizeRule,
}

impl From<coverage::ViolationKind> for ViolationKind {
    fn from(k: coverage::ViolationKind) -> Self {
        use coverage::ViolationKind as K;
        match k {
            K::Gap => ViolationKind::Gap,
            K::Overlap => ViolationKind::Overlap,
            K::Duplicate => ViolationKind::Duplicate,
            K::InvalidGeometry => ViolationKind::InvalidGeometry,
            K::CodeMismatch => ViolationKind::CodeMismatch,
            K::Orphan => ViolationKind::Orphan,
            K::OutsideParent => ViolationKind::OutsideParent,
            K::SizeRule => ViolationKind::SizeRule,
        }
    }
}

/// One coverage violation: its kind, the units involved, a point locating it, its size.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Violation {
    /// What is wrong.
    pub kind: ViolationKind,
    /// The units involved (for gaps and overlaps the units around or over the area, then
    /// the parent).
    pub codes: Vec<String>,
    /// Longitude of a point inside the gap/overlap/outside part, or of the offending vertex.
    pub lon: f64,
    /// Latitude of that point.
    pub lat: f64,
    /// The area in square metres (0 when it cannot be measured).
    pub area_m2: f64,
    /// A human explanation.
    pub message: String,
    /// How many more units are involved than `codes` lists (it lists at most 16, the
    /// smallest codes, then the parent).
    pub more_codes: u64,
}

/// The result of `Layer.validate` (the output of `grid.validate`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CoverageReport {
    /// Whether no violation was found.
    pub valid: bool,
    /// How many grids took part.
    pub grids: u64,
    /// The violations, sorted by kind, then codes, then location: every one, or for a
    /// kind with more than 500, the largest of them.
    pub violations: Vec<Violation>,
    /// How many violations were found but not listed.
    pub omitted: u64,
}

impl From<CoreReport> for CoverageReport {
    fn from(r: CoreReport) -> Self {
        CoverageReport {
            valid: r.valid,
            grids: r.grids as u64,
            violations: r
                .violations
                .into_iter()
                .map(|v| Violation {
                    kind: v.kind.into(),
                    codes: v.codes.iter().map(|c| c.to_string()).collect(),
                    lon: v.at[0],
                    lat: v.at[1],
                    area_m2: v.area_m2,
                    message: v.message,
                    more_codes: v.more_codes as u64,
                })
                .collect(),
            omitted: r.omitted as u64,
        }
    }
}

#[uniffi::export]
impl Layer {
    /// Validates the layer's coverage (gaps, overlaps, duplicates, invalid rings, code
    /// mismatches, orphans, parts outside the parent, size rules), optionally with a
    /// second layer `parent` holding the units above it. A layer with violations is not
    /// an error: read `valid` and `violations`.
    #[uniffi::method(default(parent = None, options = None))]
    pub fn validate(
        &self,
        parent: Option<Arc<Layer>>,
        options: Option<ValidateOptions>,
    ) -> Result<CoverageReport, WanggeError> {
        guard(|| {
            let o = options.unwrap_or_default();
            if let Some(p) = &o.policy {
                wangge::api::Limits::default().check_len("policy", p.len())?;
            }
            let opts =
                coverage::api::options(o.policy.as_deref(), o.tolerance_m, o.as_of.as_deref())?;
            let report =
                coverage::validate(&self.inner, parent.as_deref().map(|p| &p.inner), &opts);
            Ok(report.into())
        })
    }
}

/// Where a point is: its grid and the units above it, or the fallback unit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Location {
    /// The grid holding the point; null when no grid does.
    pub grid: Option<String>,
    /// When no grid holds the point: the smallest unit that does (属地兜底).
    pub fallback: Option<String>,
    /// The units above the grid (or the fallback unit), nearest first: community, town,
    /// county.
    pub ancestors: Vec<String>,
}

impl From<CoreLocation> for Location {
    fn from(l: CoreLocation) -> Self {
        Location {
            grid: l.grid.map(|g| g.to_string()),
            fallback: l.fallback.map(|f| f.to_string()),
            ancestors: l.ancestors.iter().map(|a| a.to_string()).collect(),
        }
    }
}

fn date_arg(as_of: Option<String>) -> Result<Option<NaiveDate>, WanggeError> {
    Ok(as_of.as_deref().map(read_date).transpose()?)
}

/// A point index over a layer's grids, built once (the boundary rule of the core: a point
/// on an edge shared by two grids belongs to the grid east of it, on an east–west edge to
/// the grid north of it). Immutable and thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct GridIndex {
    inner: CoreIndex,
}

#[uniffi::export]
impl GridIndex {
    /// Builds the index of a layer's grids (and its other units, for fallback). The index
    /// does not refer to the layer afterwards.
    #[uniffi::constructor]
    pub fn new(layer: Arc<Layer>) -> Result<Arc<GridIndex>, WanggeError> {
        guard(|| {
            let inner = CoreIndex::build(&layer.inner).map_err(core)?;
            Ok(Arc::new(GridIndex { inner }))
        })
    }

    /// Number of grid versions indexed: positions `0 … grid_count - 1` of `codes()`.
    pub fn grid_count(&self) -> u64 {
        self.inner.grid_count() as u64
    }

    /// Heap memory held by the index, in bytes (approximate).
    pub fn memory_bytes(&self) -> u64 {
        self.inner.memory_bytes() as u64
    }

    /// The code of every indexed unit: the grids (`grid_count` of them), then the fallback
    /// units. `locate_batch` answers with positions in this table.
    pub fn codes(&self) -> Vec<String> {
        self.inner
            .unit_codes()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Locates one point (`crs`: WGS84 by default; `as_of`: `YYYY-MM-DD` to use the
    /// versions in force that day). The same answer as the `grid.locate` operation.
    #[uniffi::method(default(crs = None, as_of = None))]
    pub fn locate(
        &self,
        lon: f64,
        lat: f64,
        crs: Option<Crs>,
        as_of: Option<String>,
    ) -> Result<Location, WanggeError> {
        guard(|| {
            let date = date_arg(as_of)?;
            let c: wangge::geo::Crs = crs.unwrap_or(Crs::Wgs84).into();
            let p = c.to_wgs84(Point::new(lon, lat)).map_err(core)?;
            let loc = match date {
                Some(d) => self.inner.locate_as_of(p, d),
                None => self.inner.locate(p),
            };
            Ok(loc.into())
        })
    }

    /// Locates many points: `lonlat` holds `lon0, lat0, lon1, lat1, …`. Returns one number
    /// per point: its position in `codes()` (a grid when below `grid_count`, else a
    /// fallback unit), or -1 when outside every unit. A point that is not a valid
    /// coordinate fails the call (`invalid_coordinate`, naming its position).
    #[uniffi::method(default(crs = None, as_of = None))]
    pub fn locate_batch(
        &self,
        lonlat: Vec<f64>,
        crs: Option<Crs>,
        as_of: Option<String>,
    ) -> Result<Vec<i32>, WanggeError> {
        guard(|| {
            let date = date_arg(as_of)?;
            let c: wangge::geo::Crs = crs.unwrap_or(Crs::Wgs84).into();
            Ok(self.inner.locate_positions(&lonlat, c, date)?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wangge::grid::coverage::{Violation as CoreViolation, ViolationKind as CoreKind};

    #[test]
    fn a_capped_report_keeps_its_counts_of_what_it_left_out() {
        let r = CoverageReport::from(CoreReport {
            valid: false,
            grids: 20,
            violations: vec![CoreViolation {
                kind: CoreKind::Overlap,
                codes: vec!["371323100201001".parse().unwrap()],
                at: [118.5, 35.8],
                area_m2: 2.5,
                message: "overlap".into(),
                more_codes: 4,
            }],
            omitted: 7,
        });
        assert_eq!(r.omitted, 7);
        assert_eq!(r.violations[0].more_codes, 4);
        assert_eq!((r.violations[0].lon, r.violations[0].lat), (118.5, 35.8));
    }

    /// Twenty squares, each shifted 1 m east of the last, all cover one middle part: the
    /// overlap there involves twenty units, of which the report lists sixteen.
    #[test]
    fn a_layer_with_many_overlapping_units_reports_more_codes() {
        let features: Vec<String> = (0..20)
            .map(|i| {
                let x0 = 118.0 + f64::from(i) * 1e-5;
                let x1 = x0 + 0.01;
                format!(
                    r#"{{"type":"Feature","properties":{{"code":"3713231002010{:02}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},35],[{x1},35],[{x1},35.01],[{x0},35.01],[{x0},35]]]}}}}"#,
                    i + 1
                )
            })
            .collect();
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        );
        let layer = wangge::grid::Layer::from_geojson(&text).unwrap();
        let core = coverage::validate(&layer, None, &Default::default());
        let r = CoverageReport::from(core);
        let widest = r
            .violations
            .iter()
            .filter(|v| v.kind == ViolationKind::Overlap)
            .max_by_key(|v| v.codes.len() as u64 + v.more_codes)
            .expect("an overlap");
        assert_eq!(widest.codes.len(), 16);
        assert_eq!(widest.more_codes, 4);
        assert!(widest.message.contains("4 more"), "{}", widest.message);
    }
}
