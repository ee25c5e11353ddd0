//! Grouping: which unit a record counts for.

use serde::{Deserialize, Serialize};

use crate::code::{AdminCode, GridCode};
use crate::record::{CaseClass, CaseRecord};

/// The unit scores are computed per. Community, town and county are prefixes of the grid
/// code ([`GridCode::community`], its parent, and the 6-digit county).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// Per grid (the default).
    #[default]
    Grid,
    /// Per community (社区/村).
    Community,
    /// Per town (乡镇/街道).
    Town,
    /// Per county (县/区).
    County,
    /// Per handling unit (`handler`; empty = `""`).
    Handler,
    /// Per class: `event` / `component`.
    Class,
    /// Per grid worker (`worker`; absent = `""`).
    Worker,
    /// Per category.
    Category,
    /// One unit, `"all"`, for the whole data set.
    All,
}

impl GroupBy {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Grid => "grid",
            GroupBy::Community => "community",
            GroupBy::Town => "town",
            GroupBy::County => "county",
            GroupBy::Handler => "handler",
            GroupBy::Class => "class",
            GroupBy::Worker => "worker",
            GroupBy::Category => "category",
            GroupBy::All => "all",
        }
    }
}

impl std::str::FromStr for GroupBy {
    type Err = super::ScoringError;
    fn from_str(s: &str) -> Result<GroupBy, Self::Err> {
        crate::record::parse_enum_name(s).map_err(|_| {
            super::ScoringError::Input(format!(
                "unknown grouping {:?} (grid, community, town, county, handler, class, worker, category, all)",
                s.chars().take(40).collect::<String>()
            ))
        })
    }
}

/// A grouping key that borrows from the record (no allocation per row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key<'a> {
    Grid(GridCode),
    Admin(AdminCode),
    Text(&'a str),
    Class(CaseClass),
    All,
}

impl<'a> Key<'a> {
    pub(crate) fn of(by: GroupBy, r: &'a CaseRecord) -> Key<'a> {
        match by {
            GroupBy::Grid => Key::Grid(r.grid),
            GroupBy::Community => Key::Admin(r.grid.community()),
            GroupBy::Town => Key::Admin(r.grid.community().parent().unwrap_or(r.grid.community())),
            GroupBy::County => Key::Admin(r.grid.community().county()),
            GroupBy::Handler => Key::Text(&r.handler),
            GroupBy::Class => Key::Class(r.class),
            GroupBy::Worker => Key::Text(r.worker.as_deref().unwrap_or("")),
            GroupBy::Category => Key::Text(&r.category),
            GroupBy::All => Key::All,
        }
    }

    pub(crate) fn name(&self) -> String {
        match self {
            Key::Grid(g) => g.to_string(),
            Key::Admin(a) => a.to_string(),
            Key::Text(t) => (*t).to_string(),
            Key::Class(c) => c.as_str().to_string(),
            Key::All => "all".to_string(),
        }
    }
}
