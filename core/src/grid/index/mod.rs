//! Point location: which grid holds a point ([`GridIndex`]).
//!
//! A [`GridIndex`] is built once from a [`Layer`] and answers [`GridIndex::locate`] with
//! the grid containing a WGS84 point and the chain of units above it, or — when no grid
//! holds the point — the smallest unit that does (属地兜底), flagged as a fallback.
//!
//! # The boundary rule
//!
//! Every point belongs to at most one place, decided exactly (no tolerance, no rounding):
//!
//! > A point belongs to the grid that contains the point displaced **an infinitesimal
//! > distance east, and an even smaller distance north**: `(lon + ε, lat + ε²)`.
//!
//! So:
//! * a point on an edge shared by two grids belongs to the grid **east** of the edge; on
//!   an east–west edge, to the grid **north** of it;
//! * a vertex where three or more grids meet belongs to the grid whose corner covers the
//!   direction just north of due east (the first grid met turning anticlockwise from
//!   due east);
//! * a point on the outer boundary of the grids belongs to the grid only when the grid
//!   lies east (or, on an east–west stretch, north) of it; otherwise it is outside the
//!   grids and falls back like any other such point.
//!
//! In a layer whose grids tile the area without gap or overlap this puts every point of
//! the area in exactly one grid. Where grids overlap (an invalid layer), the point
//! belongs to the overlapping grid with the smallest code. A grid contains a displaced
//! point when a ray from it crosses the grid's rings (every part, outer rings and holes)
//! an odd number of times.
//!
//! # What is indexed
//!
//! * **Grids** are the grid units that are no other grid's parent (the finest grids).
//! * **Fallback units** are all other units: counties, towns, communities, and grids that
//!   hold finer grids. When no grid holds a point, the finest fallback unit holding it is
//!   returned (a grid above a community above a town above a county; ties go to the
//!   smallest code). With no such unit either, the point is outside.
//! * **Versions**: the index holds every version. Plain queries answer with the current
//!   versions (open-ended validity, `valid_to` unset); `…_as_of(date)` queries with the
//!   versions in force on that date, so historic cases keep the grid they were reported in.
//! * **Ancestors** follow the `parent` a layer names, else the parent the code implies
//!   (grid → community → town → county), whether or not those units are in the layer.
//!
//! # Speed and memory
//!
//! The layer's box is cut into cells, finer where edges crowd (and finer throughout on a
//! small layer, whose index is small anyway); a cell away from every edge answers at once,
//! a cell with edges stores the status of one corner and its few edges, and a query counts
//! the edges crossed between the point and that corner (a float filter decides almost
//! every edge, exact predicates the rest). Batch queries on large layers
//! visit the points band by band of cells, so that the part of the index they touch stays
//! in cache; results come back in input order. [`GridIndex::memory_bytes`] tells the size.
//!
//! ```
//! use wangge::geo::Point;
//! use wangge::grid::GridIndex;
//! use wangge::grid::sample::{SampleCounty, SampleOptions};
//! let county = SampleCounty::generate(&SampleOptions { grids: 40, ..Default::default() })?;
//! let index = GridIndex::build(&county.layer)?;
//! let here = county.points(1, 3)[0];
//! let loc = index.locate(here);
//! if let Some(grid) = loc.grid {
//!     assert_eq!(loc.ancestors[0].to_string(), grid.community().to_string());
//!     assert_eq!(loc.ancestors.last().unwrap().to_string(), "371323");
//! }
//! assert!(index.locate(Point::new(0.0, 0.0)).is_outside());
//! # Ok::<(), wangge::grid::GridError>(())
//! ```

pub mod api;
mod predicates;
#[cfg(any(test, fuzzing))]
pub mod reference;
mod region;
mod region_build;
#[cfg(test)]
mod tests;
mod units;
mod verts;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::code::{GridCode, UnitCode};
use crate::geo::Point;

use super::{GridError, Layer};
use region::{Odd, RegionIndex, STAGE, Staged};
use region_build::Params;
use units::Indexed;

/// Where a point is: its grid and the units above it, or the fallback unit.
///
/// As JSON: `{"grid": "371323100201001" | null, "ancestors": ["371323100201", …],
/// "fallback": "371323100201" | null}`.
///
/// ```
/// use wangge::grid::Location;
/// let loc = Location::default();
/// assert!(loc.is_outside());
/// assert_eq!(serde_json::to_string(&loc)?, r#"{"grid":null,"ancestors":[],"fallback":null}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The grid holding the point; `None` when no grid does.
    pub grid: Option<GridCode>,
    /// The units above the grid (or above the fallback unit), nearest first: community,
    /// town, county.
    pub ancestors: Vec<UnitCode>,
    /// When no grid holds the point: the smallest unit that does (属地兜底).
    pub fallback: Option<UnitCode>,
}

impl Location {
    /// Whether the point was placed by fallback (no grid holds it, a larger unit does).
    ///
    /// ```
    /// use wangge::grid::Location;
    /// let loc = Location { fallback: Some("371323100201".parse()?), ..Location::default() };
    /// assert!(loc.is_fallback() && !loc.is_outside());
    /// assert_eq!(loc.unit().unwrap().to_string(), "371323100201");
    /// # Ok::<(), wangge::code::CodeError>(())
    /// ```
    pub fn is_fallback(&self) -> bool {
        self.grid.is_none() && self.fallback.is_some()
    }

    /// Whether neither a grid nor any other unit holds the point.
    pub fn is_outside(&self) -> bool {
        self.grid.is_none() && self.fallback.is_none()
    }

    /// The code of the unit found (grid or fallback unit).
    pub fn unit(&self) -> Option<UnitCode> {
        self.grid.map(UnitCode::Grid).or(self.fallback)
    }
}

/// A compact answer of [`GridIndex::find`]: which indexed unit holds a point. Turn it into a
/// [`Location`] with [`GridIndex::location`], or read the code with [`GridIndex::code`].
///
/// The numbers are positions in this index's tables: meaningful only with the index that
/// returned them.
///
/// ```
/// use wangge::grid::{GridIndex, Hit};
/// use wangge::grid::sample::{SampleCounty, SampleOptions};
/// let county = SampleCounty::generate(&SampleOptions { grids: 10, ..Default::default() })?;
/// let index = GridIndex::build(&county.layer)?;
/// let hits = index.find_batch(&county.points(100, 1));
/// let in_grids = hits.iter().filter(|h| matches!(h, Hit::Grid(_))).count();
/// assert!(in_grids > 0);
/// # Ok::<(), wangge::grid::GridError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hit {
    /// A grid (position in the index's grid table).
    Grid(u32),
    /// No grid; a fallback unit (position in the index's fallback table).
    Fallback(u32),
    /// Neither.
    Outside,
}

/// Which versions a query considers.
#[derive(Debug, Clone, Copy)]
enum When {
    Current,
    AsOf(NaiveDate),
}

/// One indexed family of units: the spatial index and what each region is.
#[derive(Debug, Clone)]
struct Family {
    index: RegionIndex,
    units: Vec<Indexed>,
    /// Bit per region: current version.
    current: Vec<u64>,
    all_current: bool,
}

impl Family {
    fn new(index: RegionIndex, units: Vec<Indexed>) -> Family {
        let mut current = vec![0u64; units.len().div_ceil(64)];
        for (i, u) in units.iter().enumerate() {
            if u.validity.is_current() {
                current[i / 64] |= 1 << (i % 64);
            }
        }
        let all_current = units.iter().all(|u| u.validity.is_current());
        Family {
            index,
            units,
            current,
            all_current,
        }
    }

    #[inline]
    fn best(&self, p: Point, when: When, odd: &mut Odd) -> Option<u32> {
        match when {
            When::Current if self.all_current => self.index.best(p, odd, &|_| true),
            When::Current => self.index.best(p, odd, &|r| {
                self.current[r as usize / 64] >> (r % 64) & 1 == 1
            }),
            When::AsOf(d) => self
                .index
                .best(p, odd, &|r| self.units[r as usize].validity.contains(d)),
        }
    }

    #[inline(always)]
    fn best_staged(&self, p: Point, s: &Staged, when: When, odd: &mut Odd) -> Option<u32> {
        match when {
            When::Current if self.all_current => self.index.best_staged(p, s, odd, &|_| true),
            When::Current => self.index.best_staged(p, s, odd, &|r| {
                self.current[r as usize / 64] >> (r % 64) & 1 == 1
            }),
            When::AsOf(d) => self
                .index
                .best_staged(p, s, odd, &|r| self.units[r as usize].validity.contains(d)),
        }
    }

    fn memory_bytes(&self) -> usize {
        self.index.memory_bytes()
            + self.units.capacity() * std::mem::size_of::<Indexed>()
            + self.current.capacity() * 8
    }
}

/// The point index of a layer; see the [module documentation](self) for the rules.
///
/// ```
/// use wangge::grid::{GridIndex, Layer};
/// use wangge::geo::Point;
/// // Two grids side by side, sharing the edge lon = 118.01.
/// let text = r#"{"type":"FeatureCollection","features":[
///   {"type":"Feature","properties":{"code":"371323100201001"},"geometry":{"type":"Polygon",
///    "coordinates":[[[118.00,35.0],[118.01,35.0],[118.01,35.01],[118.00,35.01],[118.00,35.0]]]}},
///   {"type":"Feature","properties":{"code":"371323100201002"},"geometry":{"type":"Polygon",
///    "coordinates":[[[118.01,35.0],[118.02,35.0],[118.02,35.01],[118.01,35.01],[118.01,35.0]]]}}]}"#;
/// let index = GridIndex::build(&Layer::from_geojson(text)?)?;
/// let west = index.locate(Point::new(118.005, 35.005));
/// assert_eq!(west.grid.unwrap().to_string(), "371323100201001");
/// // On the shared edge: the grid to the east.
/// let edge = index.locate(Point::new(118.01, 35.005));
/// assert_eq!(edge.grid.unwrap().to_string(), "371323100201002");
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct GridIndex {
    grids: Family,
    fallback: Option<Family>,
    parents: HashMap<UnitCode, UnitCode>,
}

/// Batches at least this long are located group by group.
const GROUP_MIN_POINTS: usize = 4096;
/// Indexes at least this large (bytes: beyond a core's second-level cache) are worth
/// visiting group by group; smaller ones stay in cache anyway.
const GROUP_MIN_BYTES: usize = 4 << 20;
/// Index bytes per group of a batch (well within a core's second-level cache).
const GROUP_BYTES: usize = 96 << 10;
/// Most groups of a batch (each one a write stream when sorting).
const GROUPS: usize = 256;

impl GridIndex {
    /// Builds the index of a layer.
    ///
    /// Errors: no grid in the layer ([`GridError::EmptyLayer`]); a unit whose geometry is
    /// invalid, including NaN or infinite coordinates ([`GridError::InvalidGeometry`],
    /// naming the unit); an empty or inverted validity ([`GridError::InvalidValidity`]);
    /// two versions of one code in force on the same day ([`GridError::DuplicateUnit`]);
    /// a layer beyond the index's limits ([`GridError::TooLarge`]).
    pub fn build(layer: &Layer) -> Result<GridIndex, GridError> {
        GridIndex::build_with(layer, &Params::default())
    }

    /// [`GridIndex::build`] on up to `threads` threads (0 and 1: the calling thread only;
    /// always one on WASM). The index is the same, word for word, on any number of threads,
    /// and so are the errors.
    ///
    /// ```
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 50, ..Default::default() })?;
    /// let one = GridIndex::build(&county.layer)?;
    /// let two = GridIndex::build_parallel(&county.layer, 2)?;
    /// let pts = county.points(500, 7);
    /// assert_eq!(one.find_batch(&pts), two.find_batch(&pts));
    /// assert_eq!(one.memory_bytes(), two.memory_bytes());
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn build_parallel(layer: &Layer, threads: usize) -> Result<GridIndex, GridError> {
        let params = Params {
            threads: threads.max(1),
            ..Params::default()
        };
        GridIndex::build_with(layer, &params)
    }

    pub(crate) fn build_with(layer: &Layer, params: &Params) -> Result<GridIndex, GridError> {
        let prep = units::prepare(layer, params.threads)?;
        let family = |units: &[&super::Unit]| -> Result<Family, GridError> {
            let geoms: Vec<_> = units.iter().map(|u| &u.geometry).collect();
            let index = region_build::build(&geoms, params)?;
            let table = units
                .iter()
                .map(|u| Indexed {
                    code: u.code,
                    validity: u.validity,
                })
                .collect();
            Ok(Family::new(index, table))
        };
        let grids = family(&prep.grids)?;
        let fallback = if prep.fallback.is_empty() {
            None
        } else {
            Some(family(&prep.fallback)?)
        };
        Ok(GridIndex {
            grids,
            fallback,
            parents: prep.parents,
        })
    }

    /// Number of grid versions indexed.
    ///
    /// ```
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 12, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// assert_eq!(index.grid_count(), 12);
    /// assert_eq!(index.fallback_count(), county.layer.units.len() - 12);
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn grid_count(&self) -> usize {
        self.grids.units.len()
    }

    /// The code of every indexed unit version in one table: the grids (positions
    /// `0..grid_count()`), then the fallback units. The batch calls of the bindings answer
    /// with positions in this table ([`GridIndex::unit_position`]).
    ///
    /// ```
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 12, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// let table = index.unit_codes();
    /// assert_eq!(table.len(), index.grid_count() + index.fallback_count());
    /// let p = county.points(50, 3)[0];
    /// let hit = index.find(p);
    /// let at = index.unit_position(hit).map(|r| table[r as usize]);
    /// assert_eq!(at, index.code(hit));
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn unit_codes(&self) -> Vec<UnitCode> {
        let fallback = self.fallback.iter().flat_map(|f| &f.units);
        self.grids
            .units
            .iter()
            .chain(fallback)
            .map(|u| u.code)
            .collect()
    }

    /// Where a [`Hit`] is in [`GridIndex::unit_codes`]; `None` for [`Hit::Outside`].
    pub fn unit_position(&self, hit: Hit) -> Option<u32> {
        match hit {
            Hit::Grid(r) => Some(r),
            // Below 2^25: each table holds fewer than 2^24 units (`MAX_REGIONS`).
            Hit::Fallback(r) => Some(self.grids.units.len() as u32 + r),
            Hit::Outside => None,
        }
    }

    /// Number of fallback unit versions indexed (counties, towns, communities, parent grids).
    pub fn fallback_count(&self) -> usize {
        self.fallback.as_ref().map_or(0, |f| f.units.len())
    }

    /// Heap memory held by the index, in bytes (approximate: the tables, not the
    /// allocator's overhead).
    ///
    /// ```
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 50, ..Default::default() })?;
    /// let index = GridIndex::build(&county.grid_layer())?;
    /// assert!(index.memory_bytes() > 50 * 100);
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn memory_bytes(&self) -> usize {
        self.grids.memory_bytes()
            + self.fallback.as_ref().map_or(0, Family::memory_bytes)
            + self.parents.capacity() * 2 * std::mem::size_of::<UnitCode>()
    }

    #[inline]
    fn find_when(&self, p: Point, when: When, odd: &mut Odd) -> Hit {
        if let Some(r) = self.grids.best(p, when, odd) {
            return Hit::Grid(r);
        }
        match &self.fallback {
            Some(f) => f.best(p, when, odd).map_or(Hit::Outside, Hit::Fallback),
            None => Hit::Outside,
        }
    }

    /// Where `p` (WGS84) is, among the current versions: the compact answer.
    ///
    /// ```
    /// use wangge::geo::Point;
    /// use wangge::grid::{GridIndex, Hit};
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 10, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// assert_eq!(index.find(Point::new(0.0, 0.0)), Hit::Outside);
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    #[inline]
    pub fn find(&self, p: Point) -> Hit {
        self.find_when(p, When::Current, &mut Odd::default())
    }

    /// Where `p` was on `date`, among the versions in force that day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 12, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// // The sample's units have no end date: any day gives today's answer.
    /// let p = county.points(1, 5)[0];
    /// let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    /// assert_eq!(index.find_as_of(p, day), index.find(p));
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn find_as_of(&self, p: Point, date: NaiveDate) -> Hit {
        self.find_when(p, When::AsOf(date), &mut Odd::default())
    }

    /// [`GridIndex::find`] for many points; answers in input order.
    ///
    /// ```
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// let pts = county.points(2000, 1);
    /// let hits = index.find_batch(&pts);
    /// assert!(pts.iter().zip(&hits).all(|(&p, &h)| index.find(p) == h));
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn find_batch(&self, points: &[Point]) -> Vec<Hit> {
        self.batch(points, When::Current)
    }

    /// [`GridIndex::find_as_of`] for many points; answers in input order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    /// let pts = county.points(100, 2);
    /// assert_eq!(index.find_batch_as_of(&pts, day), index.find_batch(&pts));
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn find_batch_as_of(&self, points: &[Point], date: NaiveDate) -> Vec<Hit> {
        self.batch(points, When::AsOf(date))
    }

    fn batch(&self, points: &[Point], when: When) -> Vec<Hit> {
        self.batch_with(points, when, points.len() >= GROUP_MIN_POINTS)
    }

    fn batch_with(&self, points: &[Point], when: When, group: bool) -> Vec<Hit> {
        let mut odd = Odd::default();
        let idx = &self.grids.index;
        let words = idx.data.len();
        // Groups: runs of root rows whose data spans about `GROUP_BYTES`, at most
        // `GROUPS` of them (plus one for points outside).
        let per = (GROUP_BYTES / 8).max(words / GROUPS + 1);
        if !group || words * 8 < GROUP_MIN_BYTES {
            return self.staged(points, when, &mut odd);
        }
        // A counting sort by group: the points are copied group by group (a few write
        // streams), located group by group (the group's data stays in cache), and the
        // answers gathered back into input order (a few read streams).
        let outside = (words / per + 1) as u32;
        let keys: Vec<u32> = points
            .iter()
            .map(|&p| idx.row_offset(p).map_or(outside, |o| o / per as u32))
            .collect();
        let mut start = vec![0u32; outside as usize + 2];
        for &k in &keys {
            start[k as usize + 1] += 1;
        }
        for c in 0..=outside as usize {
            start[c + 1] += start[c];
        }
        let mut sorted = vec![Point::default(); points.len()];
        let mut slot: Vec<u32> = keys;
        for (s, &p) in slot.iter_mut().zip(points) {
            let at = &mut start[*s as usize];
            sorted[*at as usize] = p;
            *s = *at;
            *at += 1;
        }
        let found: Vec<Hit> = self.staged(&sorted, when, &mut odd);
        drop(sorted);
        slot.iter().map(|&s| found[s as usize]).collect()
    }

    /// Locates points block by block (see `RegionIndex::stage`); answers in input order.
    fn staged(&self, points: &[Point], when: When, odd: &mut Odd) -> Vec<Hit> {
        let mut out = Vec::with_capacity(points.len());
        let mut staged = [Staged::default(); STAGE];
        for chunk in points.chunks(STAGE) {
            self.grids.index.stage(chunk, &mut staged);
            for (&p, s) in chunk.iter().zip(&staged) {
                out.push(match self.grids.best_staged(p, s, when, odd) {
                    Some(r) => Hit::Grid(r),
                    None => match &self.fallback {
                        Some(f) => f.best(p, when, odd).map_or(Hit::Outside, Hit::Fallback),
                        None => Hit::Outside,
                    },
                });
            }
        }
        out
    }

    /// Where `p` (WGS84) is, among the current versions.
    ///
    /// ```
    /// use wangge::geo::Point;
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// let loc = index.locate(county.bbox.center());
    /// assert!(loc.grid.is_some() || loc.is_fallback() || loc.is_outside());
    /// assert!(index.locate(Point::new(f64::NAN, 0.0)).is_outside());
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn locate(&self, p: Point) -> Location {
        self.location(self.find(p))
    }

    /// Where `p` was on `date`, among the versions in force that day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::grid::{GridIndex, Layer};
    /// use wangge::geo::Point;
    /// // One grid redrawn on 2025-01-01: the old version was smaller.
    /// let text = r#"{"type":"FeatureCollection","features":[
    ///   {"type":"Feature","properties":{"code":"371323100201001","valid_to":"2025-01-01"},
    ///    "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
    ///   {"type":"Feature","properties":{"code":"371323100201001","valid_from":"2025-01-01"},
    ///    "geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[0,1],[0,0]]]}}]}"#;
    /// let index = GridIndex::build(&Layer::from_geojson(text)?)?;
    /// let p = Point::new(1.5, 0.5);
    /// assert!(index.locate(p).grid.is_some());
    /// let d = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// assert!(index.locate_as_of(p, d).grid.is_none());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn locate_as_of(&self, p: Point, date: NaiveDate) -> Location {
        self.location(self.find_as_of(p, date))
    }

    /// [`GridIndex::locate`] for many points; answers in input order.
    ///
    /// ```
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// let pts = county.points(50, 3);
    /// let locs = index.locate_batch(&pts);
    /// assert_eq!(locs[7], index.locate(pts[7]));
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn locate_batch(&self, points: &[Point]) -> Vec<Location> {
        self.locations(self.find_batch(points))
    }

    /// [`GridIndex::locate_as_of`] for many points; answers in input order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    /// let pts = county.points(20, 4);
    /// assert_eq!(index.locate_batch_as_of(&pts, day)[3], index.locate_as_of(pts[3], day));
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn locate_batch_as_of(&self, points: &[Point], date: NaiveDate) -> Vec<Location> {
        self.locations(self.find_batch_as_of(points, date))
    }

    fn locations(&self, hits: Vec<Hit>) -> Vec<Location> {
        let mut cache: HashMap<Hit, Location> = HashMap::new();
        hits.into_iter()
            .map(|h| cache.entry(h).or_insert_with(|| self.location(h)).clone())
            .collect()
    }

    /// The code of the unit a [`Hit`] names (`None` for [`Hit::Outside`] or a hit from
    /// another index).
    ///
    /// ```
    /// use wangge::grid::{GridIndex, Hit};
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// assert!(index.code(Hit::Outside).is_none());
    /// let p = county.points(1, 1)[0];
    /// let hit = index.find(p);
    /// assert_eq!(index.code(hit), index.locate(p).unit());
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn code(&self, hit: Hit) -> Option<UnitCode> {
        match hit {
            Hit::Grid(r) => self.grids.units.get(r as usize).map(|u| u.code),
            Hit::Fallback(r) => self
                .fallback
                .as_ref()
                .and_then(|f| f.units.get(r as usize))
                .map(|u| u.code),
            Hit::Outside => None,
        }
    }

    /// The full [`Location`] of a [`Hit`].
    ///
    /// ```
    /// use wangge::grid::{GridIndex, Hit, Location};
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// assert_eq!(index.location(Hit::Outside), Location::default());
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn location(&self, hit: Hit) -> Location {
        let code = self.code(hit);
        let ancestors = code.map(|c| self.ancestors(c)).unwrap_or_default();
        match hit {
            Hit::Grid(_) => Location {
                grid: code.and_then(|c| c.as_grid()),
                ancestors,
                fallback: None,
            },
            _ => Location {
                grid: None,
                ancestors,
                fallback: code,
            },
        }
    }

    /// The units above `code`, nearest first, up to the county (explicit parents from the
    /// layer, else the parents the codes imply).
    ///
    /// ```
    /// use wangge::grid::GridIndex;
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let county = SampleCounty::generate(&SampleOptions { grids: 5, ..Default::default() })?;
    /// let index = GridIndex::build(&county.layer)?;
    /// let chain = index.ancestors("371323100201001".parse()?);
    /// let text: Vec<String> = chain.iter().map(|c| c.to_string()).collect();
    /// assert_eq!(text, ["371323100201", "371323100000", "371323"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ancestors(&self, code: UnitCode) -> Vec<UnitCode> {
        units::ancestors(code, &self.parents)
    }
}
