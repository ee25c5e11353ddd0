//! Tiers (分级办理, seed 000): which unit handles a tier, and re-tiering with a reason.

use serde::Deserialize;

use super::authorization::violation;
use super::command::Command;
use super::error::CaseError;
use super::fact::Event;
use super::state::Case;
use crate::actor::UnitRef;
use crate::code::{GridCode, UnitCode};
use crate::record::Tier;

/// The unit that handles a tier of a case in `grid`: the grid, its community, town or
/// county.
///
/// ```
/// use wangge::case::tier_unit;
/// use wangge::record::Tier;
/// let g = "371323100201001".parse().unwrap();
/// assert_eq!(tier_unit(&g, Tier::T3).to_string(), "371323100000");
/// assert_eq!(tier_unit(&g, Tier::T4).to_string(), "371323");
/// ```
pub fn tier_unit(grid: &GridCode, tier: Tier) -> UnitRef {
    let community = grid.community();
    let town = community.parent().unwrap_or(community);
    let county = town.parent().unwrap_or(town);
    UnitRef::Unit(match tier {
        Tier::T1 => UnitCode::Grid(*grid),
        Tier::T2 => UnitCode::Admin(community),
        Tier::T3 => UnitCode::Admin(town),
        Tier::T4 => UnitCode::Admin(county),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessArgs {
    tier: Tier,
    reason: String,
}

/// `assess`: re-tier with a recorded reason; the tier's unit becomes the handler.
pub(crate) fn assess(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    let a: AssessArgs = cmd.args()?;
    if a.reason.trim().is_empty() {
        return Err(violation(
            cmd.op,
            "reason",
            "re-tiering needs a recorded reason",
        ));
    }
    Ok(vec![Event::Assessed {
        tier: a.tier,
        handler: tier_unit(&case.report.grid, a.tier),
        reason: a.reason,
    }])
}
