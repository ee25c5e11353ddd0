//! The records and enums that cross to Kotlin/Swift/Python. Each mirrors a core type or
//! an operation's output (the conformance vectors check they carry the same data).

use wangge::code::UnitCode;

/// A coordinate reference system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Crs {
    /// WGS84 (GPS) / CGCS2000.
    Wgs84,
    /// GCJ-02 (Amap, Tencent).
    Gcj02,
    /// BD-09 (Baidu).
    Bd09,
}

impl From<Crs> for wangge::geo::Crs {
    fn from(c: Crs) -> Self {
        match c {
            Crs::Wgs84 => wangge::geo::Crs::Wgs84,
            Crs::Gcj02 => wangge::geo::Crs::Gcj02,
            Crs::Bd09 => wangge::geo::Crs::Bd09,
        }
    }
}

/// A position in degrees.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct LonLat {
    /// Longitude, east positive.
    pub lon: f64,
    /// Latitude, north positive.
    pub lat: f64,
}

impl From<LonLat> for wangge::geo::Point {
    fn from(p: LonLat) -> Self {
        wangge::geo::Point::new(p.lon, p.lat)
    }
}

impl From<wangge::geo::Point> for LonLat {
    fn from(p: wangge::geo::Point) -> Self {
        LonLat {
            lon: p.lon,
            lat: p.lat,
        }
    }
}

/// The level of an administrative division code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AdminLevel {
    /// 省级.
    Province,
    /// 地级.
    Prefecture,
    /// 县级.
    County,
    /// 乡级.
    Town,
    /// 村级.
    Community,
}

/// What the township digits of a 12-digit code suggest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TownshipHint {
    /// Street office (街道).
    Street,
    /// Town (镇).
    Town,
    /// Township (乡).
    Township,
    /// Farm, forestry or development area.
    SpecialArea,
    /// Anything else.
    Other,
}

/// A grid code layout: 14, 15 or 20 digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum GridCodeLayout {
    /// 12 + 2 digits.
    D14,
    /// 12 + 3 digits.
    D15,
    /// 6 + 12 + 2 digits.
    D20,
}

impl From<wangge::code::GridCodeLayout> for GridCodeLayout {
    fn from(l: wangge::code::GridCodeLayout) -> Self {
        match l {
            wangge::code::GridCodeLayout::D14 => GridCodeLayout::D14,
            wangge::code::GridCodeLayout::D15 => GridCodeLayout::D15,
            wangge::code::GridCodeLayout::D20 => GridCodeLayout::D20,
        }
    }
}

/// What `parse_code` found (the output of the `code.parse` operation).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CodeInfo {
    /// An administrative division code.
    Admin {
        /// The code.
        code: String,
        /// Its level.
        level: AdminLevel,
        /// The parent division (`null` for a province).
        parent: Option<String>,
        /// The township hint of a 12-digit code (`null` otherwise).
        township_hint: Option<TownshipHint>,
    },
    /// A grid code.
    Grid {
        /// The code.
        code: String,
        /// Its layout.
        layout: GridCodeLayout,
        /// The 12-digit community code it extends.
        community: String,
        /// The sequence number.
        sequence: u32,
    },
}

impl From<UnitCode> for CodeInfo {
    fn from(c: UnitCode) -> Self {
        use wangge::code::{AdminLevel as L, TownshipHint as H};
        match c {
            UnitCode::Admin(a) => CodeInfo::Admin {
                code: a.to_string(),
                level: match a.level() {
                    L::Province => AdminLevel::Province,
                    L::Prefecture => AdminLevel::Prefecture,
                    L::County => AdminLevel::County,
                    L::Town => AdminLevel::Town,
                    L::Community => AdminLevel::Community,
                },
                parent: a.parent().map(|p| p.to_string()),
                township_hint: a.township_hint().map(|h| match h {
                    H::Street => TownshipHint::Street,
                    H::Town => TownshipHint::Town,
                    H::Township => TownshipHint::Township,
                    H::SpecialArea => TownshipHint::SpecialArea,
                    H::Other => TownshipHint::Other,
                }),
            },
            UnitCode::Grid(g) => CodeInfo::Grid {
                code: g.to_string(),
                layout: g.layout().into(),
                community: g.community().to_string(),
                sequence: g.sequence(),
            },
        }
    }
}

/// A policy's summary (the output of the `policy.load` operation).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PolicySummary {
    /// Short identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The policy's own version.
    pub version: String,
    /// The level ids of the grid hierarchy, top down.
    pub levels: Vec<String>,
    /// The required grid code layout.
    pub code_layout: GridCodeLayout,
}

impl From<&wangge::policy::Policy> for PolicySummary {
    fn from(p: &wangge::policy::Policy) -> Self {
        PolicySummary {
            id: p.id.clone(),
            name: p.name.clone(),
            version: p.version.clone(),
            levels: p.grid.levels.ids().into_iter().map(String::from).collect(),
            code_layout: p.grid.code_layout.into(),
        }
    }
}

/// One unit of a layer, without its geometry.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct UnitInfo {
    /// The unit's code.
    pub code: String,
    /// Whether the code is a grid code.
    pub is_grid: bool,
    /// Display name.
    pub name: Option<String>,
    /// Grid kind (`basic`, `micro`, `dedicated:<site>`).
    pub kind: Option<String>,
    /// Households.
    pub households: Option<u32>,
    /// Population.
    pub population: Option<u32>,
    /// Bounding box `[west, south, east, north]` in degrees.
    pub bbox: Option<Vec<f64>>,
}

impl From<&wangge::grid::Unit> for UnitInfo {
    fn from(u: &wangge::grid::Unit) -> Self {
        UnitInfo {
            code: u.code.to_string(),
            is_grid: u.is_grid(),
            name: u.name.clone(),
            kind: u.kind.map(|k| k.to_string()),
            households: u.households,
            population: u.population,
            bbox: u
                .geometry
                .bbox()
                .map(|b| vec![b.min_lon, b.min_lat, b.max_lon, b.max_lat]),
        }
    }
}

/// One error code of `docs/ERRORS.md`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorCodeInfo {
    /// The stable number.
    pub code: u32,
    /// The stable snake-case name.
    pub name: String,
    /// English summary.
    pub summary_en: String,
    /// Chinese summary.
    pub summary_zh: String,
}

impl From<wangge::ErrorCode> for ErrorCodeInfo {
    fn from(c: wangge::ErrorCode) -> Self {
        ErrorCodeInfo {
            code: c.value(),
            name: c.name().to_string(),
            summary_en: c.summary_en().to_string(),
            summary_zh: c.summary_zh().to_string(),
        }
    }
}
