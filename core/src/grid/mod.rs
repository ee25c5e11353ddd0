//! The grid tree: units ([`Unit`]) with kinds, sizes and validity; the hierarchy of
//! levels ([`Levels`]); layers read from GeoJSON ([`Layer`]); the division rules
//! ([`DivisionRules`]).
//!
//! ```
//! use wangge::grid::{Levels, LevelUnit};
//! let levels = Levels::default();
//! assert_eq!(levels.ids(), ["county", "town", "community", "grid"]);
//! assert_eq!(levels.leaf().unit, LevelUnit::Grid);
//! ```

pub mod coverage;
pub mod index;
mod layer;
pub mod renumber;
mod rules;
pub mod sample;
mod unit;

pub use index::{GridIndex, Hit, Location};
pub use layer::Layer;
pub use renumber::renumber;
pub use rules::{DivisionRules, SizeRange, SizeViolation};
pub use unit::{Approval, GridKind, SiteKind, Unit, Validity};

use serde::{Deserialize, Serialize};

use crate::code::{AdminLevel, UnitCode};
use crate::error::ErrorCode;

/// Errors about the grid tree, its index and its rules.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GridError {
    /// An unknown grid kind.
    #[error("unknown grid kind {0:?} (expected basic, micro or dedicated:<site>)")]
    InvalidKind(String),
    /// Two versions of one code overlap in time.
    #[error("unit {code} appears twice with overlapping validity")]
    DuplicateUnit {
        /// The code.
        code: UnitCode,
    },
    /// A parent named by a unit is missing.
    #[error("unit {code} names parent {parent}, which is not in the tree")]
    UnknownParent {
        /// The unit.
        code: UnitCode,
        /// The missing parent.
        parent: UnitCode,
    },
    /// A unit's code does not extend its parent's.
    #[error("unit {code} does not belong under {parent}: its code does not extend the parent's")]
    ParentMismatch {
        /// The unit.
        code: UnitCode,
        /// The parent.
        parent: UnitCode,
    },
    /// A unit's level does not fit the hierarchy.
    #[error("unit {code}: {message}")]
    LevelMismatch {
        /// The unit.
        code: UnitCode,
        /// What is wrong.
        message: String,
    },
    /// An empty or inverted validity interval.
    #[error("unit {code} has an empty validity interval")]
    InvalidValidity {
        /// The unit.
        code: UnitCode,
    },
    /// No such unit.
    #[error("unknown unit {0}")]
    UnknownUnit(String),
    /// Nothing to index.
    #[error("the layer has no usable grid: {0}")]
    EmptyLayer(String),
    /// A grid's geometry cannot be indexed.
    #[error("grid {code} has invalid geometry: {issue}")]
    InvalidGeometry {
        /// The grid.
        code: UnitCode,
        /// What is wrong.
        issue: crate::geo::RingIssue,
    },
    /// Invalid hierarchy or rule settings.
    #[error("invalid grid settings: {0}")]
    InvalidSettings(String),
    /// A layer exceeds what the point index can hold.
    #[error("layer too large to index: {what} is {actual}, the limit is {limit}")]
    TooLarge {
        /// What was counted.
        what: &'static str,
        /// The count found.
        actual: usize,
        /// The limit.
        limit: usize,
    },
}

impl GridError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, grid::GridKind};
    /// assert_eq!("x".parse::<GridKind>().unwrap_err().code(), ErrorCode::InvalidArgument);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            GridError::InvalidKind(_) | GridError::InvalidSettings(_) => ErrorCode::InvalidArgument,
            GridError::DuplicateUnit { .. } => ErrorCode::DuplicateUnit,
            GridError::UnknownParent { .. } => ErrorCode::UnknownParent,
            GridError::ParentMismatch { .. } => ErrorCode::ParentMismatch,
            GridError::LevelMismatch { .. } => ErrorCode::LevelMismatch,
            GridError::InvalidValidity { .. } => ErrorCode::InvalidValidity,
            GridError::UnknownUnit(_) => ErrorCode::UnknownUnit,
            GridError::EmptyLayer(_) => ErrorCode::EmptyLayer,
            GridError::InvalidGeometry { .. } => ErrorCode::InvalidGeometry,
            GridError::TooLarge { .. } => ErrorCode::InputTooLarge,
        }
    }
}

/// What kind of unit a level holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelUnit {
    /// 区县 (6-digit code).
    County,
    /// 镇街 (12-digit code ending in 000).
    Town,
    /// 村居/社区 (12-digit code).
    Community,
    /// A grid level (grid codes). Several grid levels may follow the community
    /// (e.g. 网格 holding 微网格).
    Grid,
}

/// One level of the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSpec {
    /// Identifier used in files (`"town"`, `"micro_grid"`).
    pub id: String,
    /// Local name (`"镇街"`, `"一级网格"`).
    pub name: String,
    /// What the level holds.
    pub unit: LevelUnit,
}

/// The hierarchy of levels, top-down, as policy data.
///
/// Valid lists have exactly one county, town and community level, in that order, followed
/// by one or more grid levels. Seed 002's "三级平台、四级网格" is four levels, not five:
/// `county` (区), `town` (镇街), `community` (社区/行政村 — its workstations *are* the 163
/// 基本网格: "社区(行政村)三级服务平台,即…工作站(基本网格)") and `grid` (the 445 基础网格, 228
/// urban + 217 village: "将每个社区(行政村)划分成若干基础网格"). Seed 004 names the town level
/// 一级网格, the community 二级网格 and the grid 三级网格. A second grid level is for cities
/// that split grids into 微网格.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<LevelSpec>", into = "Vec<LevelSpec>")]
pub struct Levels {
    levels: Vec<LevelSpec>,
}

impl Default for Levels {
    fn default() -> Self {
        let l = |id: &str, name: &str, unit| LevelSpec {
            id: id.into(),
            name: name.into(),
            unit,
        };
        Levels {
            levels: vec![
                l("county", "区县", LevelUnit::County),
                l("town", "镇街", LevelUnit::Town),
                l("community", "村居", LevelUnit::Community),
                l("grid", "网格", LevelUnit::Grid),
            ],
        }
    }
}

impl TryFrom<Vec<LevelSpec>> for Levels {
    type Error = GridError;
    fn try_from(levels: Vec<LevelSpec>) -> Result<Self, GridError> {
        let units: Vec<LevelUnit> = levels.iter().map(|l| l.unit).collect();
        let ok_prefix = units.len() >= 4
            && units[..3] == [LevelUnit::County, LevelUnit::Town, LevelUnit::Community]
            && units[3..].iter().all(|u| *u == LevelUnit::Grid);
        if !ok_prefix {
            return Err(GridError::InvalidSettings(
                "levels must be county, town, community, then one or more grid levels".into(),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for l in &levels {
            if l.id.is_empty() || !seen.insert(l.id.as_str()) {
                return Err(GridError::InvalidSettings(format!(
                    "level id {:?} is empty or repeated",
                    l.id
                )));
            }
        }
        Ok(Levels { levels })
    }
}

impl From<Levels> for Vec<LevelSpec> {
    fn from(l: Levels) -> Self {
        l.levels
    }
}

impl Levels {
    /// The levels, top-down.
    pub fn all(&self) -> &[LevelSpec] {
        &self.levels
    }

    /// The level ids, top-down.
    pub fn ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }

    /// The lowest level (the leaf grids).
    pub fn leaf(&self) -> &LevelSpec {
        &self.levels[self.levels.len() - 1]
    }

    /// Index of a level id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// The level index of a unit: its `level` if set, else from its code (grids default to
    /// the leaf level).
    pub fn level_of(&self, unit: &Unit) -> Result<usize, GridError> {
        if let Some(id) = &unit.level {
            let i = self.index_of(id).ok_or_else(|| GridError::LevelMismatch {
                code: unit.code,
                message: format!("unknown level {id:?} (levels: {})", self.ids().join(", ")),
            })?;
            let want = self.levels[i].unit;
            let is = match unit.code {
                UnitCode::Grid(_) => LevelUnit::Grid,
                UnitCode::Admin(a) => admin_unit(a.level()),
            };
            if want != is {
                return Err(GridError::LevelMismatch {
                    code: unit.code,
                    message: format!("level {id:?} holds {want:?} units, the code is a {is:?}"),
                });
            }
            return Ok(i);
        }
        match unit.code {
            UnitCode::Grid(_) => Ok(self.levels.len() - 1),
            UnitCode::Admin(a) => {
                let u = admin_unit(a.level());
                self.levels.iter().position(|l| l.unit == u).ok_or_else(|| {
                    GridError::LevelMismatch {
                        code: unit.code,
                        message: "above county level".into(),
                    }
                })
            }
        }
    }
}

fn admin_unit(level: AdminLevel) -> LevelUnit {
    match level {
        AdminLevel::Province | AdminLevel::Prefecture | AdminLevel::County => LevelUnit::County,
        AdminLevel::Town => LevelUnit::Town,
        AdminLevel::Community => LevelUnit::Community,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_lists_are_checked() {
        let spec = |id: &str, unit| LevelSpec {
            id: id.into(),
            name: id.into(),
            unit,
        };
        let five = vec![
            spec("county", LevelUnit::County),
            spec("town", LevelUnit::Town),
            spec("community", LevelUnit::Community),
            spec("grid", LevelUnit::Grid),
            spec("micro_grid", LevelUnit::Grid),
        ];
        let l = Levels::try_from(five.clone()).unwrap();
        assert_eq!(l.leaf().id, "micro_grid");
        let mut bad = five.clone();
        bad.swap(0, 1);
        assert!(Levels::try_from(bad).is_err());
        let mut dup = five;
        dup[4].id = "grid".into();
        assert!(Levels::try_from(dup).is_err());
        assert!(Levels::try_from(vec![]).is_err());
    }
}
