//! Division rules (网格划分): how big a grid may be, by kind.

use serde::{Deserialize, Serialize};

use super::{GridKind, Unit};

/// An inclusive range of counts; either end may be open.
///
/// ```
/// use wangge::grid::SizeRange;
/// let r = SizeRange { min: Some(300), max: Some(500) };
/// assert!(r.contains(300) && r.contains(500) && !r.contains(501));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeRange {
    /// Smallest allowed value (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// Largest allowed value (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl SizeRange {
    /// Whether `v` is in range.
    pub fn contains(&self, v: u32) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v <= m)
    }

    fn is_set(&self) -> bool {
        self.min.is_some() || self.max.is_some()
    }
}

/// Size rules per grid kind. A grid satisfies its rule when **either** its households or
/// its population is in range (seed 001: "300–500 户 **或** 1,000 人左右"); a rule with
/// only one range set checks that one. Dedicated grids are exempt unless a rule is set.
///
/// Defaults: basic grids 300–500 households or 800–1,500 people (seeds 001 and 004;
/// "about 1,000 people" read as ±20 % below and seed 004's 1,500 above); micro grids
/// 50–80 households; dedicated grids exempt.
///
/// ```
/// use wangge::grid::{DivisionRules, GridKind, Unit};
/// use wangge::geo::MultiPolygon;
/// let rules = DivisionRules::default();
/// let mut u = Unit::new("371323100201001".parse()?, MultiPolygon::default());
/// u.households = Some(120);
/// u.population = Some(400);
/// assert!(rules.check(&u).is_some());
/// u.population = Some(1000);
/// assert!(rules.check(&u).is_none());             // households low, people fine
/// u.kind = Some("dedicated:school".parse().unwrap());
/// u.population = Some(3);
/// assert!(rules.check(&u).is_none());             // dedicated grids are exempt
/// # Ok::<(), wangge::code::CodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DivisionRules {
    /// Households of a basic grid. Defaults to 300–500.
    pub basic_households: SizeRange,
    /// Population of a basic grid. Defaults to 800–1,500.
    pub basic_population: SizeRange,
    /// Households of a micro grid. Defaults to 50–80.
    pub micro_households: SizeRange,
    /// Population of a micro grid. Defaults to unset.
    pub micro_population: SizeRange,
    /// Households of a dedicated grid. Defaults to unset (exempt).
    pub dedicated_households: SizeRange,
    /// Population of a dedicated grid. Defaults to unset (exempt).
    pub dedicated_population: SizeRange,
}

impl Default for DivisionRules {
    fn default() -> Self {
        DivisionRules {
            basic_households: SizeRange {
                min: Some(300),
                max: Some(500),
            },
            basic_population: SizeRange {
                min: Some(800),
                max: Some(1500),
            },
            micro_households: SizeRange {
                min: Some(50),
                max: Some(80),
            },
            micro_population: SizeRange::default(),
            dedicated_households: SizeRange::default(),
            dedicated_population: SizeRange::default(),
        }
    }
}

/// Why a grid breaks the division rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeViolation {
    /// The grid's kind.
    pub kind: GridKind,
    /// Households, if known.
    pub households: Option<u32>,
    /// Population, if known.
    pub population: Option<u32>,
    /// A human explanation.
    pub message: String,
}

impl DivisionRules {
    fn ranges(&self, kind: GridKind) -> (SizeRange, SizeRange) {
        match kind {
            GridKind::Basic => (self.basic_households, self.basic_population),
            GridKind::Micro => (self.micro_households, self.micro_population),
            GridKind::Dedicated(_) => (self.dedicated_households, self.dedicated_population),
        }
    }

    /// Checks one grid; `None` when it complies (or is not a grid, or has no sizes).
    pub fn check(&self, unit: &Unit) -> Option<SizeViolation> {
        let kind = unit.grid_kind()?;
        let (hr, pr) = self.ranges(kind);
        let h_ok = unit.households.map(|h| hr.contains(h));
        let p_ok = unit.population.map(|p| pr.contains(p));
        let checked_h = hr.is_set().then_some(h_ok).flatten();
        let checked_p = pr.is_set().then_some(p_ok).flatten();
        let ok = match (checked_h, checked_p) {
            (None, None) => true,
            (Some(a), None) | (None, Some(a)) => a,
            (Some(a), Some(b)) => a || b,
        };
        if ok {
            return None;
        }
        let fmt_range = |r: SizeRange| match (r.min, r.max) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => format!("≥ {a}"),
            (None, Some(b)) => format!("≤ {b}"),
            (None, None) => "any".into(),
        };
        Some(SizeViolation {
            kind,
            households: unit.households,
            population: unit.population,
            message: format!(
                "{kind} grid {} has {} households and {} people; the rule is {} households or {} people",
                unit.code,
                unit.households.map_or("unknown".into(), |h| h.to_string()),
                unit.population.map_or("unknown".into(), |p| p.to_string()),
                fmt_range(hr),
                fmt_range(pr),
            ),
        })
    }
}
