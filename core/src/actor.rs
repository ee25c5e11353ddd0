//! Who does something: a person with a role at a unit (SPEC §3.4).
//!
//! A leaf module of shared vocabulary (DESIGN principle 10): the case engine reads it, and
//! hosts build it. The unit is a unit code of the grid tree (grid, community, town,
//! county) or a department of the policy, written `dept:<id>`.
//!
//! ```
//! use wangge::actor::{Actor, UnitRef};
//! let a: Actor = serde_json::from_str(
//!     r#"{"person": "P-001", "role": "grid_worker", "unit": "371323100201001"}"#)?;
//! assert!(matches!(a.unit, UnitRef::Unit(_)));
//! let d: UnitRef = "dept:urban".parse().unwrap();
//! assert_eq!(d.department(), Some("urban"));
//! assert!("dept:".parse::<UnitRef>().is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::code::{AdminLevel, CodeError, GridCode, UnitCode};

/// The unit an actor acts for: a unit of the grid tree or a department (`dept:<id>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitRef {
    /// A grid, community, town or county (by its code).
    Unit(UnitCode),
    /// A department of the policy, by id.
    Department(String),
}

/// The kind of a unit, for matching roles to the units they act at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A grid code.
    Grid,
    /// A community (村居) code.
    Community,
    /// A town (镇街) code.
    Town,
    /// A county (区县) code.
    County,
    /// A department (`dept:<id>`).
    Department,
    /// Any of the above (for roles that act at several levels).
    Any,
}

impl UnitRef {
    /// The department id, if this is a department.
    pub fn department(&self) -> Option<&str> {
        match self {
            UnitRef::Department(d) => Some(d),
            UnitRef::Unit(_) => None,
        }
    }

    /// The kind of this unit (provinces and prefectures count as counties: they contain
    /// counties).
    ///
    /// ```
    /// use wangge::actor::{UnitKind, UnitRef};
    /// let k = |s: &str| s.parse::<UnitRef>().unwrap().kind();
    /// assert_eq!(k("371323100000"), UnitKind::Town);
    /// assert_eq!(k("371323100201"), UnitKind::Community);
    /// assert_eq!(k("371323"), UnitKind::County);
    /// assert_eq!(k("371323100201001"), UnitKind::Grid);
    /// ```
    pub fn kind(&self) -> UnitKind {
        match self {
            UnitRef::Department(_) => UnitKind::Department,
            UnitRef::Unit(UnitCode::Grid(_)) => UnitKind::Grid,
            UnitRef::Unit(UnitCode::Admin(a)) => match a.level() {
                AdminLevel::Community => UnitKind::Community,
                AdminLevel::Town => UnitKind::Town,
                _ => UnitKind::County,
            },
        }
    }

    /// Whether `grid` lies inside this unit (by code prefix). Departments contain no grid.
    ///
    /// ```
    /// use wangge::actor::UnitRef;
    /// let g = "371323100201001".parse().unwrap();
    /// assert!("371323100000".parse::<UnitRef>().unwrap().contains(&g));
    /// assert!(!"371323101000".parse::<UnitRef>().unwrap().contains(&g));
    /// ```
    pub fn contains(&self, grid: &GridCode) -> bool {
        match self {
            UnitRef::Department(_) => false,
            UnitRef::Unit(UnitCode::Grid(g)) => g == grid,
            UnitRef::Unit(UnitCode::Admin(a)) => grid.is_under(a),
        }
    }
}

impl FromStr for UnitRef {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<UnitRef, CodeError> {
        if let Some(d) = s.strip_prefix("dept:") {
            let ok = !d.is_empty()
                && d.len() <= 64
                && d.chars().all(|c| !c.is_control() && !c.is_whitespace());
            if !ok {
                return Err(CodeError::InvalidAdmin {
                    code: s.chars().take(40).collect(),
                    reason: "a department is written dept:<id> (1 to 64 visible characters)",
                });
            }
            return Ok(UnitRef::Department(d.to_owned()));
        }
        UnitCode::parse(s).map(UnitRef::Unit)
    }
}

impl fmt::Display for UnitRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitRef::Unit(u) => write!(f, "{u}"),
            UnitRef::Department(d) => write!(f, "dept:{d}"),
        }
    }
}

impl Serialize for UnitRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for UnitRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Who acts: a person with a role at a unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The person's id (from the roster or the host's user store).
    pub person: String,
    /// A role id of the policy (`grid_worker`, `town_centre`, `department`, …).
    pub role: String,
    /// The unit the person acts for.
    pub unit: UnitRef,
}
