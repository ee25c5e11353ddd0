//! Coverage validation (`Layer.validate`), the grid index (`GridIndex`) and the sample
//! county generator.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wangge::geo::Point;
use wangge::grid::coverage::{self, CoverageReport as CoreReport};
use wangge::grid::index::api::read_date;
use wangge::grid::{GridIndex as CoreIndex, Location as CoreLocation};
use wasm_bindgen::prelude::*;

use crate::{Crs, Layer, err, shape_err, ts};

/// The options of `Layer.validate` (the same fields as the `grid.validate` operation).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct ValidateOptions {
    /// Gaps, overlaps and outside parts narrower than this on average (metres) are
    /// slivers and not reported. Defaults to the policy's (0.05 m).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tolerance_m: Option<f64>,
    /// A policy preset id (`"seed003"`) or policy text (TOML or JSON): levels, code layout,
    /// division rules, tolerance. Defaults to the built-in defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub policy: Option<String>,
    /// Check the versions in force on this date (`YYYY-MM-DD`) instead of the current ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub as_of: Option<String>,
}

/// The kind of a coverage violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
pub struct Violation {
    /// What is wrong.
    pub kind: ViolationKind,
    /// The units involved (for gaps and overlaps the units around or over the area, then
    /// the parent).
    pub codes: Vec<String>,
    /// A point inside the gap/overlap/outside part, or the offending vertex: `[lon, lat]`.
    pub at: [f64; 2],
    /// The area in square metres (0 when it cannot be measured).
    pub area_m2: f64,
    /// A human explanation.
    pub message: String,
    /// How many more units are involved than `codes` lists (it lists at most 16, the
    /// smallest codes, then the parent). Absent when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[tsify(optional)]
    pub more_codes: u32,
}

/// The result of `Layer.validate` (the output of `grid.validate`).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
pub struct CoverageReport {
    /// Whether no violation was found.
    pub valid: bool,
    /// How many grids took part.
    pub grids: u32,
    /// The violations, sorted by kind, then codes, then location: every one, or for a
    /// kind with more than 500, the largest of them.
    pub violations: Vec<Violation>,
    /// How many violations were found but not listed. Absent when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[tsify(optional)]
    pub omitted: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl From<CoreReport> for CoverageReport {
    fn from(r: CoreReport) -> Self {
        CoverageReport {
            valid: r.valid,
            grids: u32::try_from(r.grids).unwrap_or(u32::MAX),
            violations: r
                .violations
                .into_iter()
                .map(|v| Violation {
                    kind: v.kind.into(),
                    codes: v.codes.iter().map(|c| c.to_string()).collect(),
                    at: v.at,
                    area_m2: v.area_m2,
                    message: v.message,
                    more_codes: u32::try_from(v.more_codes).unwrap_or(u32::MAX),
                })
                .collect(),
            omitted: u32::try_from(r.omitted).unwrap_or(u32::MAX),
        }
    }
}

/// Reads an options object through serde_json so that unknown keys are refused like in
/// the JSON operations.
fn options_arg<T: serde::de::DeserializeOwned + Default>(v: Option<JsValue>) -> Result<T, JsValue> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => {
            let j: serde_json::Value = serde_wasm_bindgen::from_value(v).map_err(shape_err)?;
            wangge::api::Limits::default()
                .check_value("options", &j)
                .map_err(err)?;
            serde_json::from_value(j).map_err(shape_err)
        }
        _ => Ok(T::default()),
    }
}

fn validate(
    layer: &Layer,
    parent: Option<&Layer>,
    options: Option<Ts<ValidateOptions>>,
) -> Result<Ts<CoverageReport>, JsValue> {
    let o: ValidateOptions = options_arg(options.map(|o| o.js_value()))?;
    let opts = coverage::api::options(o.policy.as_deref(), o.tolerance_m, o.as_of.as_deref())
        .map_err(err)?;
    let report = coverage::validate(&layer.inner, parent.map(|p| &p.inner), &opts);
    ts(&CoverageReport::from(report))
}

#[wasm_bindgen]
impl Layer {
    /// Validates the layer's coverage (gaps, overlaps, duplicates, invalid rings, code
    /// mismatches, orphans, parts outside the parent, size rules). The layer's own units
    /// above the grids act as parents. A layer with violations is not an error: read
    /// `valid` and `violations`.
    pub fn validate(
        &self,
        options: Option<Ts<ValidateOptions>>,
    ) -> Result<Ts<CoverageReport>, JsValue> {
        validate(self, None, options)
    }

    /// `validate` with a second layer holding the units above this one (communities,
    /// towns, county), as `wangge grid validate --parent`.
    #[wasm_bindgen(js_name = validateWithParent)]
    pub fn validate_with_parent(
        &self,
        parent: &Layer,
        options: Option<Ts<ValidateOptions>>,
    ) -> Result<Ts<CoverageReport>, JsValue> {
        validate(self, Some(parent), options)
    }
}

/// Where a point is: its grid and the units above it, or the fallback unit.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
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

fn date_arg(as_of: Option<String>) -> Result<Option<NaiveDate>, JsValue> {
    as_of.as_deref().map(read_date).transpose().map_err(err)
}

fn crs_arg(crs: Option<Ts<Crs>>) -> Result<wangge::geo::Crs, JsValue> {
    match crs {
        Some(c) if !c.js_value().is_undefined() && !c.js_value().is_null() => {
            Ok(c.to_rust().map_err(shape_err)?.into())
        }
        _ => Ok(wangge::geo::Crs::Wgs84),
    }
}

/// A point index over a layer's grids, built once, answering many `locate` calls (the
/// boundary rule of the core: a point on an edge shared by two grids belongs to the grid
/// east of it, on an east–west edge to the grid north of it).
#[wasm_bindgen]
#[derive(Debug)]
pub struct GridIndex {
    inner: CoreIndex,
}

#[wasm_bindgen]
impl GridIndex {
    /// Builds the index of a layer's grids (and its other units, for fallback). The index
    /// does not refer to the layer afterwards.
    #[wasm_bindgen(constructor)]
    pub fn new(layer: &Layer) -> Result<GridIndex, JsValue> {
        let inner = CoreIndex::build(&layer.inner).map_err(err)?;
        Ok(GridIndex { inner })
    }

    /// Number of grid versions indexed: positions `0 … gridCount - 1` of `codes()`.
    #[wasm_bindgen(getter, js_name = gridCount)]
    pub fn grid_count(&self) -> usize {
        self.inner.grid_count()
    }

    /// Heap memory held by the index, in bytes (approximate).
    #[wasm_bindgen(getter, js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> usize {
        self.inner.memory_bytes()
    }

    /// The code of every indexed unit: the grids (`gridCount` of them), then the fallback
    /// units. `locateBatch` answers with positions in this table.
    pub fn codes(&self) -> Vec<String> {
        self.inner
            .unit_codes()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Locates one point (`crs`: `"wgs84"` by default; `asOf`: `YYYY-MM-DD` to use the
    /// versions in force that day). The same answer as the `grid.locate` operation.
    pub fn locate(
        &self,
        lon: f64,
        lat: f64,
        crs: Option<Ts<Crs>>,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
    ) -> Result<Ts<Location>, JsValue> {
        let c = crs_arg(crs)?;
        let date = date_arg(as_of)?;
        let p = c.to_wgs84(Point::new(lon, lat)).map_err(err)?;
        let loc = match date {
            Some(d) => self.inner.locate_as_of(p, d),
            None => self.inner.locate(p),
        };
        ts(&Location::from(loc))
    }

    /// Locates many points: `lonlat` holds `lon0, lat0, lon1, lat1, …`. Returns one number
    /// per point: its position in `codes()` (a grid when below `gridCount`, else a
    /// fallback unit), or -1 when outside every unit. A point that is not a valid
    /// coordinate throws (`invalid_coordinate`, naming its position).
    #[wasm_bindgen(js_name = locateBatch)]
    pub fn locate_batch(
        &self,
        lonlat: &[f64],
        crs: Option<Ts<Crs>>,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
    ) -> Result<Vec<i32>, JsValue> {
        let c = crs_arg(crs)?;
        let date = date_arg(as_of)?;
        self.inner.locate_positions(lonlat, c, date).map_err(err)
    }
}

/// Options of `sampleCounty`.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(deny_unknown_fields, default)]
pub struct SampleOptions {
    /// Number of grids (at least 1). Defaults to 1,358.
    #[tsify(optional)]
    pub grids: u32,
    /// Seed of the generator. Defaults to 1.
    #[tsify(optional)]
    pub seed: u32,
    /// Which units to write: `"all"` (county, towns, communities, grids), `"grids"` or
    /// `"parents"`. Defaults to `"all"`.
    #[tsify(optional)]
    pub only: SampleUnits,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            grids: 1358,
            seed: 1,
            only: SampleUnits::All,
        }
    }
}

/// Which units `sampleCounty` writes.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum SampleUnits {
    /// County, towns, communities and grids.
    #[default]
    All,
    /// Grids only.
    Grids,
    /// County, towns and communities only.
    Parents,
}

/// The generated sample county (沂水县-like, deterministic for a seed) as GeoJSON text: the
/// same layers as `wangge grid generate`.
#[wasm_bindgen(js_name = sampleCounty)]
pub fn sample_county(options: Option<Ts<SampleOptions>>) -> Result<String, JsValue> {
    use wangge::grid::sample::{SampleCounty, SampleOptions as Core};
    let o: SampleOptions = options_arg(options.map(|o| o.js_value()))?;
    let county = SampleCounty::generate(&Core {
        grids: o.grids as usize,
        seed: u64::from(o.seed),
        ..Core::default()
    })
    .map_err(err)?;
    let layer = match o.only {
        SampleUnits::All => county.layer,
        SampleUnits::Grids => county.grid_layer(),
        SampleUnits::Parents => county.parent_layer(),
    };
    Ok(layer.to_geojson())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wangge::grid::coverage::{Violation as CoreViolation, ViolationKind as CoreKind};

    #[test]
    fn a_capped_report_keeps_its_counts_of_what_it_left_out() {
        let core = CoreReport {
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
        };
        let core_json = serde_json::to_value(&core).unwrap();
        let r = CoverageReport::from(core);
        assert_eq!((r.omitted, r.violations[0].more_codes), (7, 4));
        // The same JSON as the core's report (what `grid.validate` answers).
        assert_eq!(serde_json::to_value(&r).unwrap(), core_json);
        assert_eq!(core_json["omitted"], 7);
        assert_eq!(core_json["violations"][0]["more_codes"], 4);
    }

    #[test]
    fn an_uncapped_report_has_no_counts_in_its_json() {
        let r = CoverageReport::from(CoreReport {
            valid: true,
            grids: 1,
            violations: vec![],
            omitted: 0,
        });
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"valid": true, "grids": 1, "violations": []})
        );
    }
}
