//! Administrative division codes ([`AdminCode`]) and grid codes ([`GridCode`]).
//!
//! * [`AdminCode`]: the 6-digit GB/T 2260 code (province 2 + prefecture 2 + county 2) or
//!   the 12-digit statistical area code (6 + 3 township + 3 village/community).
//! * [`GridCode`]: a grid code that extends its community's 12-digit code, in one of three
//!   layouts ([`GridCodeLayout`]): 15 digits (Beijing DB11/T 2157-2023: 12 + 3-digit
//!   sequence, the default), 14 digits (CJ/T 213 unit grid: 12 + 2) and 20 digits
//!   (CJ/T 349-2010 community grid: 6-digit management-object code + 12 + 2).
//!
//! Both are validated on construction and on deserialization, are `Copy` (no heap), and
//! serialize as their digit strings.
//!
//! ```
//! use wangge::code::{AdminCode, AdminLevel, GridCode, GridCodeLayout};
//! let community: AdminCode = "371323100201".parse()?;
//! assert_eq!(community.level(), AdminLevel::Community);
//! assert_eq!(community.parent().unwrap().to_string(), "371323100000");
//! let grid = GridCode::new(community, 7, GridCodeLayout::D15)?;
//! assert_eq!(grid.to_string(), "371323100201007");
//! assert_eq!(grid.community(), community);
//! # Ok::<(), wangge::code::CodeError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ErrorCode;

/// Errors from parsing or building codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// The text is not a valid administrative division code.
    #[error("invalid administrative division code {code:?}: {reason}")]
    InvalidAdmin {
        /// The offending text.
        code: String,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// The text is not a valid grid code.
    #[error("invalid grid code {code:?}: {reason}")]
    InvalidGrid {
        /// The offending text.
        code: String,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// The grid code is valid but not in the layout the policy requires.
    #[error("grid code {code} uses the {found} layout, the policy requires {expected}")]
    LayoutMismatch {
        /// The grid code.
        code: String,
        /// Its layout.
        found: GridCodeLayout,
        /// The required layout.
        expected: GridCodeLayout,
    },
    /// A sequence number does not fit the layout.
    #[error("sequence {sequence} does not fit the {layout} layout (allowed {min}..={max})")]
    SequenceOutOfRange {
        /// The sequence asked for.
        sequence: u32,
        /// The layout.
        layout: GridCodeLayout,
        /// Smallest allowed sequence.
        min: u32,
        /// Largest allowed sequence.
        max: u32,
    },
}

impl CodeError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, code::GridCode};
    /// let e = "12".parse::<GridCode>().unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::InvalidGridCode);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            CodeError::InvalidAdmin { .. } => ErrorCode::InvalidAdminCode,
            CodeError::InvalidGrid { .. } => ErrorCode::InvalidGridCode,
            CodeError::LayoutMismatch { .. } => ErrorCode::GridCodeLayoutMismatch,
            CodeError::SequenceOutOfRange { .. } => ErrorCode::SequenceOutOfRange,
        }
    }
}

/// Province-level prefixes of GB/T 2260 (mainland provinces, Taiwan, Hong Kong, Macao).
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// The level of an administrative division code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminLevel {
    /// 省级 (`xx0000`).
    Province,
    /// 地级 (`xxxx00`).
    Prefecture,
    /// 县级 区县 (`xxxxxx`).
    County,
    /// 乡级 镇街 (12 digits ending in `000`).
    Town,
    /// 村级 村居/社区 (12 digits).
    Community,
}

/// What the township digits of a 12-digit code usually mean. A **hint**: real codes break
/// the ranges (e.g. `654203511400`), so it is never a validation error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TownshipHint {
    /// `0xx`: street office (街道).
    Street,
    /// `1xx`: town (镇).
    Town,
    /// `2xx`–`3xx`: township (乡, 民族乡, 苏木).
    Township,
    /// `4xx`–`5xx`: farm, forestry or development area.
    SpecialArea,
    /// Anything else.
    Other,
}

/// A validated administrative division code, 6 or 12 digits.
///
/// A 12-digit code whose last six digits are zero is the same division as its 6-digit
/// form but keeps the width it was written with (equality is by text).
///
/// ```
/// use wangge::code::{AdminCode, AdminLevel, TownshipHint};
/// let c: AdminCode = "330102016001".parse()?;          // 笕桥社区
/// assert_eq!(c.level(), AdminLevel::Community);
/// assert_eq!(c.township_hint(), Some(TownshipHint::Street));
/// assert_eq!(c.county().to_string(), "330102");
/// assert!("999999".parse::<AdminCode>().is_err());       // no province 99
/// # Ok::<(), wangge::code::CodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AdminCode {
    value: u64,
    width: u8,
}

impl AdminCode {
    /// Parses and validates a code (6 or 12 ASCII digits).
    pub fn parse(text: &str) -> Result<AdminCode, CodeError> {
        let bad = |reason| CodeError::InvalidAdmin {
            code: truncate(text),
            reason,
        };
        let b = text.as_bytes();
        if b.len() != 6 && b.len() != 12 {
            return Err(bad("must have 6 or 12 digits"));
        }
        if !b.iter().all(u8::is_ascii_digit) {
            return Err(bad("must contain only ASCII digits"));
        }
        let d = |i: usize, n: usize| -> u32 {
            b[i..i + n]
                .iter()
                .fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'))
        };
        let province = d(0, 2) as u8;
        if !PROVINCES.contains(&province) {
            return Err(bad("unknown province prefix"));
        }
        if d(2, 2) == 0 && d(4, 2) != 0 {
            return Err(bad("county digits without prefecture digits"));
        }
        if b.len() == 12 {
            let township = d(6, 3);
            let village = d(9, 3);
            if township == 0 && village != 0 {
                return Err(bad("village digits without township digits"));
            }
            if township != 0 && d(4, 2) == 0 {
                return Err(bad("township digits under a non-county division"));
            }
        }
        let value = b.iter().fold(0u64, |a, &c| a * 10 + u64::from(c - b'0'));
        Ok(AdminCode {
            value,
            width: b.len() as u8,
        })
    }

    /// The number of digits it was written with (6 or 12).
    pub fn width(&self) -> usize {
        self.width as usize
    }

    /// The code as a 12-digit number (6-digit codes padded with zeros).
    pub fn as_u64_12(&self) -> u64 {
        if self.width == 6 {
            self.value * 1_000_000
        } else {
            self.value
        }
    }

    /// The level this code denotes.
    pub fn level(&self) -> AdminLevel {
        let v = self.as_u64_12();
        if !v.is_multiple_of(1_000) {
            AdminLevel::Community
        } else if !v.is_multiple_of(1_000_000) {
            AdminLevel::Town
        } else if !(v / 1_000_000).is_multiple_of(100) {
            AdminLevel::County
        } else if !(v / 100_000_000).is_multiple_of(100) {
            AdminLevel::Prefecture
        } else {
            AdminLevel::Province
        }
    }

    /// The immediate parent: community → town (12 digits), town → county (6 digits),
    /// county → prefecture, prefecture → province; `None` for a province.
    ///
    /// Municipality districts (e.g. `110101`) have the province-level prefecture `1101`
    /// as parent.
    pub fn parent(&self) -> Option<AdminCode> {
        let v = self.as_u64_12();
        match self.level() {
            AdminLevel::Community => Some(AdminCode {
                value: v / 1_000 * 1_000,
                width: 12,
            }),
            AdminLevel::Town => Some(AdminCode {
                value: v / 1_000_000,
                width: 6,
            }),
            AdminLevel::County => Some(AdminCode {
                value: v / 100_000_000 * 100,
                width: 6,
            }),
            AdminLevel::Prefecture => Some(AdminCode {
                value: v / 10_000_000_000 * 10_000,
                width: 6,
            }),
            AdminLevel::Province => None,
        }
    }

    /// The 6-digit county-level prefix.
    pub fn county(&self) -> AdminCode {
        AdminCode {
            value: self.as_u64_12() / 1_000_000,
            width: 6,
        }
    }

    /// Whether `self` is `other` or one of its ancestors (prefix containment, width-blind).
    ///
    /// ```
    /// use wangge::code::AdminCode;
    /// let county: AdminCode = "371323".parse()?;
    /// let community: AdminCode = "371323100201".parse()?;
    /// assert!(county.contains(&community));
    /// assert!(!community.contains(&county));
    /// # Ok::<(), wangge::code::CodeError>(())
    /// ```
    pub fn contains(&self, other: &AdminCode) -> bool {
        let (a, b) = (self.as_u64_12(), other.as_u64_12());
        let unit = match self.level() {
            AdminLevel::Province => 10_000_000_000,
            AdminLevel::Prefecture => 100_000_000,
            AdminLevel::County => 1_000_000,
            AdminLevel::Town => 1_000,
            AdminLevel::Community => 1,
        };
        a / unit == b / unit
    }

    /// The township digits' usual meaning, for a 12-digit town or community code.
    pub fn township_hint(&self) -> Option<TownshipHint> {
        if self.width != 12 || self.level() < AdminLevel::Town {
            return None;
        }
        let township = (self.value / 1_000) % 1_000;
        Some(match township / 100 {
            0 => TownshipHint::Street,
            1 => TownshipHint::Town,
            2 | 3 => TownshipHint::Township,
            4 | 5 => TownshipHint::SpecialArea,
            _ => TownshipHint::Other,
        })
    }

    /// The code at a given 12-digit numeric value (internal constructor).
    pub(crate) fn from_u64_12(value: u64) -> AdminCode {
        AdminCode { value, width: 12 }
    }
}

impl fmt::Display for AdminCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.value, width = self.width as usize)
    }
}

impl fmt::Debug for AdminCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AdminCode({self})")
    }
}

impl FromStr for AdminCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AdminCode::parse(s)
    }
}

/// The digit layout of a grid code. The policy selects one; the default is [`GridCodeLayout::D15`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum GridCodeLayout {
    /// 14 digits: 12-digit community code + 2-digit sequence `01`–`99` (CJ/T 213 unit grid).
    #[serde(rename = "d14")]
    D14,
    /// 15 digits: 12-digit community code + 3-digit sequence `001`–`999` (DB11/T 2157-2023).
    #[default]
    #[serde(rename = "d15")]
    D15,
    /// 20 digits: 6-digit management-object code (CJ/T 348) + 12-digit community code
    /// (community digits `601`+ for merged communities) + 2-digit sequence `00`–`99`
    /// (`00`: the community is not subdivided) (CJ/T 349-2010).
    #[serde(rename = "d20")]
    D20,
}

impl GridCodeLayout {
    /// Total number of digits.
    pub const fn width(self) -> usize {
        match self {
            GridCodeLayout::D14 => 14,
            GridCodeLayout::D15 => 15,
            GridCodeLayout::D20 => 20,
        }
    }

    /// Allowed sequence range.
    pub const fn sequence_range(self) -> (u32, u32) {
        match self {
            GridCodeLayout::D14 => (1, 99),
            GridCodeLayout::D15 => (1, 999),
            GridCodeLayout::D20 => (0, 99),
        }
    }

    fn sequence_digits(self) -> usize {
        match self {
            GridCodeLayout::D15 => 3,
            _ => 2,
        }
    }

    fn community_offset(self) -> usize {
        match self {
            GridCodeLayout::D20 => 6,
            _ => 0,
        }
    }

    fn from_width(width: usize) -> Option<GridCodeLayout> {
        match width {
            14 => Some(GridCodeLayout::D14),
            15 => Some(GridCodeLayout::D15),
            20 => Some(GridCodeLayout::D20),
            _ => None,
        }
    }
}

impl fmt::Display for GridCodeLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GridCodeLayout::D14 => "d14",
            GridCodeLayout::D15 => "d15",
            GridCodeLayout::D20 => "d20",
        })
    }
}

/// A validated grid code: its community's 12-digit code extended by a sequence number
/// (and, for [`GridCodeLayout::D20`], prefixed by a management-object code).
///
/// The layout is told by the width (14, 15 or 20 digits). The community part must be a
/// valid community-level [`AdminCode`], except that D20 codes may carry a merged-community
/// number `601`–`999` in the community digits.
///
/// ```
/// use wangge::code::{GridCode, GridCodeLayout};
/// let g: GridCode = "37132310020100123".get(..15).unwrap().parse()?;
/// assert_eq!(g.layout(), GridCodeLayout::D15);
/// assert_eq!(g.sequence(), 1);
/// let d20: GridCode = "10000037132310060101".parse()?;   // merged community 601
/// assert_eq!(d20.community().to_string(), "371323100601");
/// assert!("371323100000001".parse::<GridCode>().is_err()); // parent is a town
/// # Ok::<(), wangge::code::CodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GridCode {
    digits: [u8; 20],
    width: u8,
}

impl GridCode {
    /// Parses and validates a grid code of any layout.
    pub fn parse(text: &str) -> Result<GridCode, CodeError> {
        let bad = |reason| CodeError::InvalidGrid {
            code: truncate(text),
            reason,
        };
        let b = text.as_bytes();
        let layout = GridCodeLayout::from_width(b.len())
            .ok_or_else(|| bad("must have 14, 15 or 20 digits"))?;
        if !b.iter().all(u8::is_ascii_digit) {
            return Err(bad("must contain only ASCII digits"));
        }
        let off = layout.community_offset();
        let community_text = &text[off..off + 12];
        let community = AdminCode::parse(community_text)
            .map_err(|_| bad("community part is not a valid division code"))?;
        if community.level() != AdminLevel::Community {
            return Err(bad("community part is not a village/community-level code"));
        }
        let mut digits = [0u8; 20];
        digits[..b.len()].copy_from_slice(b);
        let code = GridCode {
            digits,
            width: b.len() as u8,
        };
        let (min, max) = layout.sequence_range();
        let seq = code.sequence();
        if seq < min || seq > max {
            return Err(bad("sequence number out of range for the layout"));
        }
        Ok(code)
    }

    /// Parses a code and checks it has the required layout.
    ///
    /// ```
    /// use wangge::code::{GridCode, GridCodeLayout};
    /// assert!(GridCode::parse_with_layout("371323100201007", GridCodeLayout::D15).is_ok());
    /// assert!(GridCode::parse_with_layout("37132310020107", GridCodeLayout::D15).is_err());
    /// ```
    pub fn parse_with_layout(text: &str, layout: GridCodeLayout) -> Result<GridCode, CodeError> {
        let code = GridCode::parse(text)?;
        code.expect_layout(layout)?;
        Ok(code)
    }

    /// Builds a code for a community and sequence number (D20 codes get object code `000000`;
    /// use [`GridCode::new_d20`] to set it).
    pub fn new(
        community: AdminCode,
        sequence: u32,
        layout: GridCodeLayout,
    ) -> Result<GridCode, CodeError> {
        GridCode::build(0, community, sequence, layout)
    }

    /// Builds a 20-digit CJ/T 349 code with a management-object code (0–999999).
    pub fn new_d20(
        object: u32,
        community: AdminCode,
        sequence: u32,
    ) -> Result<GridCode, CodeError> {
        if object > 999_999 {
            return Err(CodeError::InvalidGrid {
                code: object.to_string(),
                reason: "management-object code must have at most 6 digits",
            });
        }
        GridCode::build(object, community, sequence, GridCodeLayout::D20)
    }

    fn build(
        object: u32,
        community: AdminCode,
        sequence: u32,
        layout: GridCodeLayout,
    ) -> Result<GridCode, CodeError> {
        if community.level() != AdminLevel::Community {
            return Err(CodeError::InvalidGrid {
                code: community.to_string(),
                reason: "a grid's parent must be a village/community-level code",
            });
        }
        let (min, max) = layout.sequence_range();
        if sequence < min || sequence > max {
            return Err(CodeError::SequenceOutOfRange {
                sequence,
                layout,
                min,
                max,
            });
        }
        let text = match layout {
            GridCodeLayout::D14 => format!("{}{:02}", community, sequence),
            GridCodeLayout::D15 => format!("{}{:03}", community, sequence),
            GridCodeLayout::D20 => format!("{:06}{}{:02}", object, community, sequence),
        };
        GridCode::parse(&text)
    }

    /// The layout, told by the width.
    pub fn layout(&self) -> GridCodeLayout {
        GridCodeLayout::from_width(self.width as usize).unwrap_or_default()
    }

    /// Returns an error unless the code has the given layout.
    pub fn expect_layout(&self, layout: GridCodeLayout) -> Result<(), CodeError> {
        if self.layout() == layout {
            Ok(())
        } else {
            Err(CodeError::LayoutMismatch {
                code: self.to_string(),
                found: self.layout(),
                expected: layout,
            })
        }
    }

    /// The community the grid belongs to (the 12 community digits).
    pub fn community(&self) -> AdminCode {
        let off = self.layout().community_offset();
        let v = self.digits[off..off + 12]
            .iter()
            .fold(0u64, |a, &c| a * 10 + u64::from(c - b'0'));
        AdminCode::from_u64_12(v)
    }

    /// The sequence number within the community.
    pub fn sequence(&self) -> u32 {
        let layout = self.layout();
        let n = layout.sequence_digits();
        let w = self.width as usize;
        self.digits[w - n..w]
            .iter()
            .fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'))
    }

    /// The management-object code of a D20 code.
    pub fn object_code(&self) -> Option<u32> {
        (self.layout() == GridCodeLayout::D20).then(|| {
            self.digits[..6]
                .iter()
                .fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'))
        })
    }

    /// Whether this grid's code extends `parent` (its community digits equal the parent's
    /// community code, or lie under the parent town/county).
    pub fn is_under(&self, parent: &AdminCode) -> bool {
        parent.contains(&self.community())
    }

    /// The digits as text.
    pub fn as_str(&self) -> &str {
        // The digits were validated as ASCII on construction.
        std::str::from_utf8(&self.digits[..self.width as usize]).unwrap_or("")
    }
}

impl fmt::Display for GridCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for GridCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GridCode({})", self.as_str())
    }
}

impl FromStr for GridCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GridCode::parse(s)
    }
}

macro_rules! string_serde {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
string_serde!(AdminCode);
string_serde!(GridCode);

/// The code of any unit of the tree: an administrative division or a grid.
///
/// The widths never collide (6/12 for divisions, 14/15/20 for grids), so one string
/// parses unambiguously.
///
/// ```
/// use wangge::code::UnitCode;
/// assert!(matches!("371323".parse::<UnitCode>()?, UnitCode::Admin(_)));
/// assert!(matches!("371323100201001".parse::<UnitCode>()?, UnitCode::Grid(_)));
/// # Ok::<(), wangge::code::CodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum UnitCode {
    /// A county, town or community.
    Admin(AdminCode),
    /// A grid.
    Grid(GridCode),
}

impl UnitCode {
    /// Parses either kind of code, by width.
    pub fn parse(text: &str) -> Result<UnitCode, CodeError> {
        match text.len() {
            6 | 12 => AdminCode::parse(text).map(UnitCode::Admin),
            _ => GridCode::parse(text).map(UnitCode::Grid),
        }
    }

    /// The grid code, if this is a grid.
    pub fn as_grid(&self) -> Option<GridCode> {
        match self {
            UnitCode::Grid(g) => Some(*g),
            UnitCode::Admin(_) => None,
        }
    }

    /// The administrative code, if this is a division.
    pub fn as_admin(&self) -> Option<AdminCode> {
        match self {
            UnitCode::Admin(a) => Some(*a),
            UnitCode::Grid(_) => None,
        }
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitCode::Admin(a) => a.fmt(f),
            UnitCode::Grid(g) => g.fmt(f),
        }
    }
}

impl FromStr for UnitCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UnitCode::parse(s)
    }
}

impl From<AdminCode> for UnitCode {
    fn from(a: AdminCode) -> Self {
        UnitCode::Admin(a)
    }
}

impl From<GridCode> for UnitCode {
    fn from(g: GridCode) -> Self {
        UnitCode::Grid(g)
    }
}

string_serde!(UnitCode);

/// Keeps error messages short when someone passes a megabyte as a code.
fn truncate(text: &str) -> String {
    const MAX: usize = 40;
    if text.len() <= MAX {
        text.to_string()
    } else {
        let mut end = MAX;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &text[..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn admin_levels_and_parents() {
        let cases = [
            ("370000", AdminLevel::Province, None),
            ("371300", AdminLevel::Prefecture, Some("370000")),
            ("371323", AdminLevel::County, Some("371300")),
            ("371323000000", AdminLevel::County, Some("371300")),
            ("371323100000", AdminLevel::Town, Some("371323")),
            ("371323100201", AdminLevel::Community, Some("371323100000")),
            ("110101", AdminLevel::County, Some("110100")),
        ];
        for (text, level, parent) in cases {
            let c: AdminCode = text.parse().unwrap();
            assert_eq!(c.level(), level, "{text}");
            assert_eq!(
                c.parent().map(|p| p.to_string()).as_deref(),
                parent,
                "{text}"
            );
            assert_eq!(c.to_string(), text);
        }
    }

    #[test]
    fn admin_rejects() {
        for bad in [
            "",
            "37132",
            "3713231",
            "37132a",
            "990000",
            "370012",
            "371323000001",
            "３７１３２３",
            "371300100000",
        ] {
            let e = AdminCode::parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidAdminCode, "{bad}");
        }
    }

    #[test]
    fn township_hint_is_a_hint() {
        let hint = |t: &str| t.parse::<AdminCode>().unwrap().township_hint();
        assert_eq!(hint("330102016001"), Some(TownshipHint::Street));
        assert_eq!(hint("330603107200"), Some(TownshipHint::Town));
        assert_eq!(hint("654203511400"), Some(TownshipHint::SpecialArea));
        assert_eq!(hint("330603207200"), Some(TownshipHint::Township));
        assert_eq!(hint("330603707200"), Some(TownshipHint::Other));
        assert_eq!(hint("330603"), None);
    }

    #[test]
    fn grid_layouts() {
        let c: AdminCode = "371323100201".parse().unwrap();
        let g14 = GridCode::new(c, 7, GridCodeLayout::D14).unwrap();
        let g15 = GridCode::new(c, 7, GridCodeLayout::D15).unwrap();
        let g20 = GridCode::new_d20(120_000, c, 0).unwrap();
        assert_eq!(g14.to_string(), "37132310020107");
        assert_eq!(g15.to_string(), "371323100201007");
        assert_eq!(g20.to_string(), "12000037132310020100");
        for g in [g14, g15, g20] {
            assert_eq!(g.community(), c);
            assert!(g.is_under(&c));
            assert!(g.is_under(&"371323".parse().unwrap()));
            assert!(!g.is_under(&"371324".parse().unwrap()));
            assert_eq!(g.to_string().parse::<GridCode>().unwrap(), g);
        }
        assert_eq!(g20.object_code(), Some(120_000));
        assert_eq!(g15.object_code(), None);
        assert!(matches!(
            GridCode::new(c, 0, GridCodeLayout::D15),
            Err(CodeError::SequenceOutOfRange { .. })
        ));
        assert!(matches!(
            GridCode::new(c, 1000, GridCodeLayout::D15),
            Err(CodeError::SequenceOutOfRange { .. })
        ));
        let e = GridCode::parse_with_layout("37132310020107", GridCodeLayout::D15).unwrap_err();
        assert_eq!(e.code(), ErrorCode::GridCodeLayoutMismatch);
    }

    #[test]
    fn grid_rejects() {
        for bad in [
            "371323100201000",  // sequence 0 in D15
            "37132310020100",   // sequence 0 in D14
            "371323100000001",  // parent is a town
            "37132310020100x",  // not a digit
            "3713231002010011", // 16 digits
            "990000100201001",  // unknown province
        ] {
            assert!(GridCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_round_trip_and_validation() {
        let g: GridCode = serde_json::from_str("\"371323100201007\"").unwrap();
        assert_eq!(serde_json::to_string(&g).unwrap(), "\"371323100201007\"");
        assert!(serde_json::from_str::<GridCode>("\"371323100201\"").is_err());
        assert!(serde_json::from_str::<AdminCode>("\"12\"").is_err());
        let u: UnitCode = serde_json::from_str("\"371323100201\"").unwrap();
        assert!(u.as_admin().is_some());
    }

    #[test]
    fn long_input_is_truncated_in_messages() {
        let long = "9".repeat(10_000);
        let msg = AdminCode::parse(&long).unwrap_err().to_string();
        assert!(msg.len() < 200);
    }

    proptest! {
        /// No panic on any text (only that: see `digit_strings_round_trip` for answers).
        /// Fuzz target beside it: `fuzz/fuzz_targets/codes.rs`.
        #[test]
        fn parse_never_panics(s in "\\PC{0,24}") {
            let _ = AdminCode::parse(&s);
            let _ = GridCode::parse(&s);
            let _ = UnitCode::parse(&s);
        }

        /// Digit strings of every code length under real province prefixes: each one that
        /// parses prints back unchanged. Strings that do not parse are rejected cases, and
        /// proptest fails the test when rejections exceed its limit, so the round trip
        /// cannot pass vacuously.
        #[test]
        fn digit_strings_round_trip(
            province in prop::sample::select(vec!["11", "31", "37", "42", "44", "65"]),
            rest in "[0-9]{4}|[0-9]{10}|[0-9]{12}|[0-9]{13}|[0-9]{18}",
        ) {
            let s = format!("{province}{rest}");
            let parsed = UnitCode::parse(&s);
            prop_assume!(parsed.is_ok());
            prop_assert_eq!(parsed.unwrap().to_string(), s);
        }

        #[test]
        fn built_codes_parse_back(county in 0u32..100, town in 1u32..1000, village in 1u32..1000, seq in 1u32..1000) {
            let text = format!("3713{:02}{:03}{:03}", county.max(1), town, village);
            let community = AdminCode::parse(&text).unwrap();
            let g = GridCode::new(community, seq, GridCodeLayout::D15).unwrap();
            prop_assert_eq!(g.community(), community);
            prop_assert_eq!(g.sequence(), seq);
            prop_assert_eq!(GridCode::parse(&g.to_string()).unwrap(), g);
        }
    }
}
