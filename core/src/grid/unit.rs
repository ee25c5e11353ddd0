//! The units of the grid tree: kinds, validity intervals, and the [`Unit`] record.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::GridError;
use crate::code::{AdminLevel, UnitCode};
use crate::geo::MultiPolygon;

/// The site a dedicated grid (专属网格) covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SiteKind {
    /// 商务楼宇 office building.
    OfficeBuilding,
    /// 园区 industrial or business park.
    Park,
    /// 商圈市场 market or shopping area.
    Market,
    /// 学校 school.
    School,
    /// 医院 hospital.
    Hospital,
    /// Any other site.
    Other,
}

impl SiteKind {
    /// Every site kind.
    pub const ALL: [SiteKind; 6] = [
        SiteKind::OfficeBuilding,
        SiteKind::Park,
        SiteKind::Market,
        SiteKind::School,
        SiteKind::Hospital,
        SiteKind::Other,
    ];

    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            SiteKind::OfficeBuilding => "office_building",
            SiteKind::Park => "park",
            SiteKind::Market => "market",
            SiteKind::School => "school",
            SiteKind::Hospital => "hospital",
            SiteKind::Other => "other",
        }
    }

    fn from_name(s: &str) -> Option<SiteKind> {
        Some(match s {
            "office_building" | "商务楼宇" | "楼宇" => SiteKind::OfficeBuilding,
            "park" | "园区" => SiteKind::Park,
            "market" | "商圈市场" | "商圈" | "市场" => SiteKind::Market,
            "school" | "学校" => SiteKind::School,
            "hospital" | "医院" => SiteKind::Hospital,
            "other" | "其他" => SiteKind::Other,
            _ => return None,
        })
    }
}

/// The kind of a grid.
///
/// Written as `"basic"`, `"micro"` or `"dedicated:<site>"` (e.g. `"dedicated:school"`);
/// the Chinese names 基础网格, 微网格 and 专属网格 (optionally `专属网格:学校`) are
/// accepted on input.
///
/// ```
/// use wangge::grid::{GridKind, SiteKind};
/// assert_eq!("dedicated:school".parse::<GridKind>()?, GridKind::Dedicated(SiteKind::School));
/// assert_eq!("基础网格".parse::<GridKind>()?, GridKind::Basic);
/// assert_eq!(GridKind::Dedicated(SiteKind::Park).to_string(), "dedicated:park");
/// # Ok::<(), wangge::grid::GridError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum GridKind {
    /// 基础网格: residential grid, sized by households/people.
    #[default]
    Basic,
    /// 专属网格: a grid for one site; exempt from the household rule.
    Dedicated(SiteKind),
    /// 微网格: sub-grid of 50–80 households.
    Micro,
}

impl fmt::Display for GridKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GridKind::Basic => f.write_str("basic"),
            GridKind::Micro => f.write_str("micro"),
            GridKind::Dedicated(s) => write!(f, "dedicated:{}", s.name()),
        }
    }
}

impl FromStr for GridKind {
    type Err = GridError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (head, site) = match s.split_once(':').or_else(|| s.split_once('：')) {
            Some((h, t)) => (h, Some(t)),
            None => (s, None),
        };
        let bad = || GridError::InvalidKind(s.chars().take(40).collect());
        match (head, site) {
            ("basic" | "基础网格" | "基本网格", None) => Ok(GridKind::Basic),
            ("micro" | "微网格", None) => Ok(GridKind::Micro),
            ("dedicated" | "专属网格", None) => Ok(GridKind::Dedicated(SiteKind::Other)),
            ("dedicated" | "专属网格", Some(site)) => SiteKind::from_name(site)
                .map(GridKind::Dedicated)
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

impl Serialize for GridKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for GridKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A validity interval `[from, to)` in local dates; `None` means unbounded.
///
/// A grid is "fixed once drawn": a change is a new version with its own interval, and the
/// old version keeps the interval it was in force.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::grid::Validity;
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let v = Validity { from: Some(d("2024-01-01")), to: Some(d("2025-01-01")) };
/// assert!(v.contains(d("2024-12-31")));
/// assert!(!v.contains(d("2025-01-01")));
/// assert!(!v.is_current());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// First day in force (inclusive); `None`: since always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// First day no longer in force (exclusive); `None`: still in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl Validity {
    /// Whether the unit is in force on `date`.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }

    /// Whether the interval is open-ended (the version currently in force).
    pub fn is_current(&self) -> bool {
        self.to.is_none()
    }

    /// Whether two intervals share a day.
    pub fn overlaps(&self, o: &Validity) -> bool {
        let starts_before_other_ends = match (self.from, o.to) {
            (Some(f), Some(t)) => f < t,
            _ => true,
        };
        let other_starts_before_end = match (o.from, self.to) {
            (Some(f), Some(t)) => f < t,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }

    /// Whether the interval is non-empty.
    pub fn is_valid(&self) -> bool {
        match (self.from, self.to) {
            (Some(f), Some(t)) => f < t,
            _ => true,
        }
    }
}

/// Who approved a boundary version, and when.
///
/// A grid is fixed once drawn; seed 000 allows changes only "报经上级主管部门批准" (with the
/// approval of the superior authority). A version records that approval: the authority,
/// the day and, when there is one, the document number. In GeoJSON these are the
/// properties `approved_by`, `approved_on` and `approval_document` (see [`super::Layer`]).
/// The approval normally precedes the version's `valid_from`; that is not checked
/// (layers may record approvals given after the fact).
///
/// ```
/// use wangge::grid::Approval;
/// let a: Approval = serde_json::from_str(r#"{"by":"区综治办","date":"2024-03-01"}"#).unwrap();
/// assert_eq!(a.date.to_string(), "2024-03-01");
/// assert!(a.document.is_none());
/// assert!(serde_json::from_str::<Approval>(r#"{"by":"区综治办"}"#).is_err()); // when is required
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The approving authority (`"区综治办"`, `"XX区民政局"`).
    pub by: String,
    /// The day of the approval.
    pub date: NaiveDate,
    /// The approval's document number. Defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

impl Approval {
    /// Checks the fields: `by` has 1–200 characters and is not blank, `document` (when
    /// given) 1–200. The error names the field (`by` or `document`).
    ///
    /// ```
    /// use wangge::grid::Approval;
    /// let mut a = Approval { by: "区综治办".into(), date: "2024-03-01".parse().unwrap(), document: None };
    /// assert!(a.check().is_ok());
    /// a.by = "  ".into();
    /// assert_eq!(a.check().unwrap_err().0, "by");
    /// ```
    pub fn check(&self) -> Result<(), (&'static str, &'static str)> {
        let ok = |s: &str| !s.trim().is_empty() && s.chars().count() <= 200;
        if !ok(&self.by) {
            return Err(("by", "must have 1–200 characters, not all blank"));
        }
        if self.document.as_deref().is_some_and(|d| !ok(d)) {
            return Err(("document", "must have 1–200 characters, not all blank"));
        }
        Ok(())
    }
}

/// One unit of the tree: a county, town or community, or a grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// The unit's code (administrative division or grid code).
    pub code: UnitCode,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The level id (from the policy's level list); `None`: inferred from the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The parent unit; `None`: inferred from the code (a grid's community, a community's
    /// town, a town's county).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitCode>,
    /// Grid kind (grids only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<GridKind>,
    /// Households (户数).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<u32>,
    /// Registered or resident population (人口).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// Validity interval of this version.
    #[serde(default)]
    pub validity: Validity,
    /// Who approved this version of the boundary, and when (seed 000: changes need the
    /// superior authority's approval). Defaults to none (not recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// Boundary.
    pub geometry: MultiPolygon,
    /// Other properties, kept as given.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub properties: Map<String, Value>,
}

impl Unit {
    /// Whether this unit is a grid.
    pub fn is_grid(&self) -> bool {
        matches!(self.code, UnitCode::Grid(_))
    }

    /// The effective grid kind (`Basic` when unset); `None` for administrative units.
    pub fn grid_kind(&self) -> Option<GridKind> {
        self.is_grid().then(|| self.kind.unwrap_or_default())
    }

    /// The parent: as given, else inferred from the code.
    ///
    /// ```
    /// use wangge::grid::Unit;
    /// use wangge::geo::MultiPolygon;
    /// let u = Unit::new("371323100201001".parse()?, MultiPolygon::default());
    /// assert_eq!(u.effective_parent().unwrap().to_string(), "371323100201");
    /// # Ok::<(), wangge::code::CodeError>(())
    /// ```
    pub fn effective_parent(&self) -> Option<UnitCode> {
        self.parent.or_else(|| match self.code {
            UnitCode::Grid(g) => Some(UnitCode::Admin(g.community())),
            UnitCode::Admin(a) => match a.level() {
                AdminLevel::Community | AdminLevel::Town => a.parent().map(UnitCode::Admin),
                _ => None,
            },
        })
    }

    /// A unit with the given code and geometry and nothing else set.
    pub fn new(code: UnitCode, geometry: MultiPolygon) -> Unit {
        Unit {
            code,
            name: None,
            level: None,
            parent: None,
            kind: None,
            households: None,
            population: None,
            validity: Validity::default(),
            approval: None,
            geometry,
            properties: Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse() {
        for k in SiteKind::ALL {
            let g = GridKind::Dedicated(k);
            assert_eq!(g.to_string().parse::<GridKind>().unwrap(), g);
        }
        assert_eq!(
            "专属网格：学校".parse::<GridKind>().unwrap(),
            GridKind::Dedicated(SiteKind::School)
        );
        assert_eq!("micro".parse::<GridKind>().unwrap(), GridKind::Micro);
        assert!("dedicated:zoo".parse::<GridKind>().is_err());
        assert!("".parse::<GridKind>().is_err());
    }

    #[test]
    fn validity_overlap() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let a = Validity {
            from: None,
            to: Some(d("2024-01-01")),
        };
        let b = Validity {
            from: Some(d("2024-01-01")),
            to: None,
        };
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&Validity::default()));
        assert!(
            !Validity {
                from: Some(d("2024-01-01")),
                to: Some(d("2024-01-01"))
            }
            .is_valid()
        );
    }
}
