//! Fault injection: deliberately broken copies of a layer, for testing and benchmarking
//! validators (the same faults the shared baselines use: a 0.5 m sliver gap, a 0.5 m
//! overlap, a duplicated grid, a missing grid — plus invalid rings).

use serde::{Deserialize, Serialize};

use crate::code::{GridCode, UnitCode};
use crate::geo::Point;
use crate::geo::measure::metres_per_degree;
use crate::grid::{GridError, Layer, Unit};

/// A kind of fault to inject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// A shared vertex pulled into its own grid: a sliver gap with the neighbour.
    Gap,
    /// A shared vertex pushed into the neighbour: a sliver overlap.
    Overlap,
    /// The grid appended again under a new code.
    Duplicate,
    /// The grid removed: a grid-sized gap (不留空白 violation).
    Missing,
    /// Two consecutive vertices swapped: the ring crosses itself.
    SelfIntersection,
    /// The closing point removed.
    Unclosed,
    /// The ring cut to three points.
    TooFewPoints,
}

impl FaultKind {
    /// Every kind, in declaration order (for tests and tools that try them all).
    ///
    /// ```
    /// use wangge::grid::sample::FaultKind;
    /// assert_eq!(FaultKind::ALL.len(), 7);
    /// assert_eq!(FaultKind::ALL[0], FaultKind::Gap);
    /// ```
    pub const ALL: [FaultKind; 7] = [
        FaultKind::Gap,
        FaultKind::Overlap,
        FaultKind::Duplicate,
        FaultKind::Missing,
        FaultKind::SelfIntersection,
        FaultKind::Unclosed,
        FaultKind::TooFewPoints,
    ];
}

/// What was injected, where, and which grids it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// The fault.
    pub kind: FaultKind,
    /// Codes of the grids involved (the changed grid first).
    pub codes: Vec<UnitCode>,
    /// A point inside the faulty area (or at the broken vertex).
    pub at: Point,
}

/// Largest gap or overlap [`Layer::inject_fault`] makes, in metres.
pub const MAX_FAULT_METRES: f64 = 1000.0;

impl Layer {
    /// Injects one fault into the unit at `index` (a grid). `metres` sizes gaps and overlaps
    /// (for those: finite, more than 0 and at most [`MAX_FAULT_METRES`]; ignored otherwise).
    ///
    /// ```
    /// use wangge::grid::sample::{FaultKind, SampleCounty, SampleOptions};
    /// let c = SampleCounty::generate(&SampleOptions { grids: 40, ..Default::default() })?;
    /// let mut layer = c.grid_layer();
    /// let fault = layer.inject_fault(FaultKind::Gap, 10, 0.5)?;
    /// assert_eq!(fault.codes.len(), 2); // the grid and its neighbour
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn inject_fault(
        &mut self,
        kind: FaultKind,
        index: usize,
        metres: f64,
    ) -> Result<Fault, GridError> {
        let unit = self
            .units
            .get(index)
            .filter(|u| u.is_grid())
            .ok_or_else(|| GridError::UnknownUnit(format!("no grid at index {index}")))?;
        let code = unit.code;
        let ring = unit.geometry.polygons[0].exterior.points().to_vec();
        let n = ring.len();
        if n < 5 {
            return Err(GridError::InvalidSettings("ring too small to break".into()));
        }
        match kind {
            FaultKind::Gap | FaultKind::Overlap => {
                if !(metres.is_finite() && metres > 0.0 && metres <= MAX_FAULT_METRES) {
                    return Err(GridError::InvalidSettings(format!(
                        "a gap or overlap must be a number of metres in (0, {MAX_FAULT_METRES}], \
                         got {metres}"
                    )));
                }
                let (k, other) = (1..n - 1)
                    .find_map(|k| self.sharer(index, ring[k]).map(|o| (k, o)))
                    .ok_or_else(|| GridError::InvalidSettings("grid shares no vertex".into()))?;
                let (prev, next) = (ring[k - 1], ring[k + 1]);
                let (mx, my) = metres_per_degree(ring[k].lat);
                let (tx, ty) = ((next.lon - prev.lon) * mx, (next.lat - prev.lat) * my);
                let len = (tx * tx + ty * ty).sqrt();
                let sign = if kind == FaultKind::Gap { 1.0 } else { -1.0 };
                let (nx, ny) = (-ty / len * sign * metres, tx / len * sign * metres);
                let old = ring[k];
                let new = Point::new(old.lon + nx / mx, old.lat + ny / my);
                self.units[index].geometry.polygons[0].exterior = ring_with(&ring, k, new);
                Ok(Fault {
                    kind,
                    codes: vec![code, self.units[other].code],
                    at: Point::new((old.lon + new.lon) / 2.0, (old.lat + new.lat) / 2.0),
                })
            }
            FaultKind::Duplicate => {
                let g = code
                    .as_grid()
                    .ok_or_else(|| GridError::UnknownUnit(code.to_string()))?;
                let community = g.community();
                let max_seq = self
                    .units
                    .iter()
                    .filter_map(|u| u.code.as_grid())
                    .filter(|c| c.community() == community)
                    .map(|c| c.sequence())
                    .max()
                    .unwrap_or(0);
                let new_code = GridCode::new(community, max_seq + 1, g.layout())
                    .map_err(|e| GridError::InvalidSettings(e.to_string()))?;
                let mut copy: Unit = self.units[index].clone();
                copy.code = UnitCode::Grid(new_code);
                let at =
                    crate::grid::renumber::representative_point(&copy.geometry).unwrap_or_default();
                self.units.push(copy);
                Ok(Fault {
                    kind,
                    codes: vec![UnitCode::Grid(new_code), code],
                    at,
                })
            }
            FaultKind::Missing => {
                let removed = self.units.remove(index);
                let at = crate::grid::renumber::representative_point(&removed.geometry)
                    .unwrap_or_default();
                Ok(Fault {
                    kind,
                    codes: vec![code],
                    at,
                })
            }
            FaultKind::SelfIntersection => {
                // Swap vertex 1 with one across the ring: the two new chords cross.
                for m in [n / 2, n / 3, 2 * n / 3, n - 3] {
                    let mut pts = ring.clone();
                    pts.swap(1, m);
                    if let Err(crate::geo::RingIssue::SelfIntersection { at }) =
                        crate::geo::validity::check_ring(&pts)
                    {
                        self.units[index].geometry.polygons[0].exterior =
                            crate::geo::Ring::new(pts);
                        return Ok(Fault {
                            kind,
                            codes: vec![code],
                            at,
                        });
                    }
                }
                Err(GridError::InvalidSettings(
                    "could not make the ring cross itself".into(),
                ))
            }
            FaultKind::Unclosed => {
                let mut pts = ring.clone();
                pts.pop();
                self.units[index].geometry.polygons[0].exterior = crate::geo::Ring::new(pts);
                Ok(Fault {
                    kind,
                    codes: vec![code],
                    at: ring[0],
                })
            }
            FaultKind::TooFewPoints => {
                let pts = vec![ring[0], ring[1], ring[0]];
                self.units[index].geometry.polygons[0].exterior = crate::geo::Ring::new(pts);
                Ok(Fault {
                    kind,
                    codes: vec![code],
                    at: ring[0],
                })
            }
        }
    }

    /// Index of another grid having `p` as a vertex.
    fn sharer(&self, index: usize, p: Point) -> Option<usize> {
        self.units.iter().enumerate().find_map(|(i, u)| {
            (i != index
                && u.is_grid()
                && u.geometry.bbox().is_some_and(|b| b.contains(p))
                && u.geometry.rings().any(|r| r.points().contains(&p)))
            .then_some(i)
        })
    }
}

fn ring_with(ring: &[Point], k: usize, p: Point) -> crate::geo::Ring {
    let mut pts = ring.to_vec();
    pts[k] = p;
    crate::geo::Ring::new(pts)
}
